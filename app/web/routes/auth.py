"""Signing in and out."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services.accounts import LoginRefused, login, logout
from app.web.auth import (
    CurrentDep,
    clear_session_cookie,
    client_ip,
    cookie_name,
    set_session_cookie,
)
from app.web.deps import SessionDep, SettingsDep, TemplatesDep
from app.web.routes.common import page

router = APIRouter(include_in_schema=False)


def safe_next(target: str) -> str:
    """``target`` if it is a path on this site, else the home page (no open redirects).

    >>> safe_next("/stories/3?a=1"), safe_next("//evil.example"), safe_next("https://x.y/")
    ('/stories/3?a=1', '/', '/')
    """
    ok = target.startswith("/") and not target.startswith(("//", "/\\")) and "\\" not in target
    return target if ok and target.isprintable() else "/"


def _form(env: jinja2.Environment, request: Request, next_url: str, status: int = 200,
          error: str = "", name: str = "") -> HTMLResponse:  # fmt: skip
    return page(env, request, "pages/login.html", status, next_url=safe_next(next_url),
                error=error, name=name)  # fmt: skip


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, env: TemplatesDep, principal: CurrentDep,
               next: str = "/") -> Response:  # fmt: skip
    if principal is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _form(env, request, next)


@router.post("/login", response_model=None)
def login_submit(
    request: Request, session: SessionDep, settings: SettingsDep, env: TemplatesDep,
    name: str = Form(""), password: str = Form(""), next: str = Form("/"),
) -> Response:  # fmt: skip
    try:
        token = login(session, name, password, ip=client_ip(request), hours=settings.session_hours)
    except LoginRefused as exc:
        refused = _form(env, request, next, 401 if exc.retry_after is None else 429,
                         error=exc.reason, name=name[:64])  # fmt: skip
        if exc.retry_after is not None:
            refused.headers["Retry-After"] = str(exc.retry_after)
        return refused
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, token, settings.session_hours)
    return response


@router.post("/logout")
def logout_submit(request: Request, session: SessionDep, principal: CurrentDep) -> Response:
    token = request.cookies.get(cookie_name(request))
    if principal is not None and token and principal.via == "session":
        logout(session, token, principal=principal, ip=client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(request, response)
    return response
