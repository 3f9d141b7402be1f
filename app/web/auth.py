"""Who a request acts for, and what it may do.

A request carries a session cookie (browsers) or ``Authorization: Bearer`` (the API).  Each
route declares the least role it needs with one of the dependencies below: ``READ``
(anyone signed in, or anonymous GETs when REDLINE_PUBLIC_READ is on), ``EDIT`` / ``Editor``,
``ADMIN`` / ``Admin`` (the annotated forms hand the route its principal).
Failures raise :class:`LoginRequired` (401, or a redirect to the login page) or
:class:`Forbidden` (403); app.py turns them into responses."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.services.accounts import Principal, session_principal, token_principal
from app.web.deps import SessionDep

COOKIE = "redline_session"
SECURE_COOKIE = "__Host-redline_session"
"""Over HTTPS the cookie is ``__Host-``: Secure, for this host only, path /."""


class LoginRequired(Exception):
    """No valid credentials: the session ended, the token was revoked, or none was sent."""

    def __init__(self, reason: str = "sign in first", *, bearer: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.bearer = reason, bearer


class Forbidden(Exception):
    """Signed in, but the role does not allow this."""

    def __init__(self, reason: str = "this needs the admin role") -> None:
        super().__init__(reason)
        self.reason = reason


def cookie_name(request: Request) -> str:
    return SECURE_COOKIE if request.url.scheme == "https" else COOKIE


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def set_session_cookie(request: Request, response: Response, token: str, hours: float) -> None:
    secure = request.url.scheme == "https"
    response.set_cookie(cookie_name(request), token, max_age=int(hours * 3600), path="/",
                        httponly=True, samesite="lax", secure=secure)  # fmt: skip


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(cookie_name(request), path="/", httponly=True, samesite="lax",
                           secure=request.url.scheme == "https")  # fmt: skip


_bearer = HTTPBearer(auto_error=False, description="An API token (`rl_…`) from an admin.")


def current_principal(
    request: Request,
    session: SessionDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> Principal | None:
    """The signed-in user or token owner, or None; a bad bearer token is refused outright.
    (``bearer`` puts the scheme in the OpenAPI schema, so /docs can authorize.)"""
    if request.headers.get("authorization") is not None:
        principal = token_principal(session, bearer.credentials.strip()) if bearer else None
        if principal is None:
            raise LoginRequired("the API token is not valid (unknown, revoked, or its user "
                                "disabled)", bearer=True)  # fmt: skip
    else:
        token = request.cookies.get(cookie_name(request))
        principal = session_principal(session, token) if token else None
    request.state.principal = principal  # the pages show who is signed in
    return principal


CurrentDep = Annotated[Principal | None, Depends(current_principal)]


def _reader(request: Request, principal: CurrentDep) -> Principal | None:
    if principal is None and not (
        request.app.state.settings.public_read and request.method in ("GET", "HEAD")
    ):
        raise LoginRequired()
    return principal


def _editor(principal: CurrentDep) -> Principal:
    if principal is None:
        raise LoginRequired()
    return principal


def _admin(principal: CurrentDep) -> Principal:
    if principal is None:
        raise LoginRequired()
    if not principal.is_admin:
        raise Forbidden()
    return principal


Editor = Annotated[Principal, Depends(_editor)]
Admin = Annotated[Principal, Depends(_admin)]
READ = Depends(_reader)
EDIT = Depends(_editor)
ADMIN = Depends(_admin)
"""The same checks for router or decorator ``dependencies=[...]``."""
