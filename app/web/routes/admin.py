"""Admin pages: users and roles, API tokens, the audit log.  A new password or token is
shown once, on the page answering the request that made it, and never cached."""

from __future__ import annotations

from typing import Any

import jinja2
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.services import InvalidInput
from app.services.accounts import (
    ROLES,
    create_token,
    create_user,
    list_tokens,
    list_users,
    reset_password,
    revoke_token,
    set_disabled,
    set_role,
)
from app.services.audit import ACTIONS, list_events
from app.web.auth import ADMIN, Admin, client_ip
from app.web.deps import SessionDep, TemplatesDep
from app.web.routes.common import Id, page

router = APIRouter(prefix="/admin", dependencies=[ADMIN], include_in_schema=False)
NO_STORE = {"Cache-Control": "no-store"}


def _users(env: jinja2.Environment, request: Request, session: Session, status: int = 200,
           **context: Any) -> HTMLResponse:  # fmt: skip
    context = {"error": None, "secret": None, "form": {}, "note": "", **context}
    response = page(env, request, "pages/admin/users.html", status, roles=ROLES,
                    users=list_users(session), tokens=list_tokens(session), **context)  # fmt: skip
    response.headers.update(NO_STORE)
    return response


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep, env: TemplatesDep) -> HTMLResponse:
    return _users(env, request, session, note=request.query_params.get("note", ""))


@router.post("/users", response_class=HTMLResponse)
def create_user_route(
    request: Request, session: SessionDep, env: TemplatesDep, me: Admin,
    name: str = Form(""), role: str = Form("editor"), token: bool = Form(False),
) -> HTMLResponse:  # fmt: skip
    try:
        password = create_user(session, name, role, actor=me, ip=client_ip(request))
        secret = create_token(session, name, "API token", actor=me, ip=client_ip(request)) \
            if token else None  # fmt: skip
    except InvalidInput as exc:
        session.rollback()
        return _users(env, request, session, 422, error=exc, form={"name": name, "role": role})
    return _users(env, request, session, secret={"user": name.strip(), "password": password,
                                                 "token": secret})  # fmt: skip


def _change(request: Request, session: Session, env: jinja2.Environment, note: str,
            action: Any) -> Response:  # fmt: skip
    try:
        result = action()
    except InvalidInput as exc:
        session.rollback()
        return _users(env, request, session, 422, error=exc)
    if isinstance(result, dict):
        return _users(env, request, session, secret=result)
    return RedirectResponse(f"/admin/users?note={note}", status_code=303)


@router.post("/users/{name}/role", response_model=None)
def role_route(request: Request, name: str, session: SessionDep, env: TemplatesDep, me: Admin,
               role: str = Form("")) -> Response:  # fmt: skip
    ip = client_ip(request)
    return _change(request, session, env, "role",
                   lambda: set_role(session, name, role, actor=me, ip=ip))  # fmt: skip


@router.post("/users/{name}/disable", response_model=None)
def disable_route(request: Request, name: str, session: SessionDep, env: TemplatesDep,
                  me: Admin) -> Response:  # fmt: skip
    ip = client_ip(request)
    return _change(request, session, env, "disabled",
                   lambda: set_disabled(session, name, True, actor=me, ip=ip))  # fmt: skip


@router.post("/users/{name}/enable", response_model=None)
def enable_route(request: Request, name: str, session: SessionDep, env: TemplatesDep,
                 me: Admin) -> Response:  # fmt: skip
    ip = client_ip(request)
    return _change(request, session, env, "enabled",
                   lambda: set_disabled(session, name, False, actor=me, ip=ip))  # fmt: skip


@router.post("/users/{name}/password", response_model=None)
def password_route(request: Request, name: str, session: SessionDep, env: TemplatesDep,
                   me: Admin) -> Response:  # fmt: skip
    def reset() -> dict[str, str | None]:
        password = reset_password(session, name, actor=me, ip=client_ip(request))
        return {"user": name, "password": password, "token": None}

    return _change(request, session, env, "", reset)


@router.post("/tokens", response_model=None)
def token_route(request: Request, session: SessionDep, env: TemplatesDep, me: Admin,
                user: str = Form(""), name: str = Form("")) -> Response:  # fmt: skip
    def issue() -> dict[str, str | None]:
        secret = create_token(session, user, name, actor=me, ip=client_ip(request))
        return {"user": user, "password": None, "token": secret}

    return _change(request, session, env, "", issue)


@router.post("/tokens/{token_id}/revoke", response_model=None)
def revoke_route(request: Request, token_id: Id, session: SessionDep, me: Admin) -> Response:
    revoke_token(session, token_id, actor=me, ip=client_ip(request))
    return RedirectResponse("/admin/users?note=revoked", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, session: SessionDep, env: TemplatesDep, action: str = "",
               page_no: int = 1) -> HTMLResponse:  # fmt: skip
    events = list_events(session, action=action, page=page_no)
    return page(env, request, "pages/admin/audit.html", events=events, actions=ACTIONS)
