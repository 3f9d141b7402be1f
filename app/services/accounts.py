"""Accounts: users and roles, argon2 passwords, login with rate limits, login sessions and API
tokens.  Secrets (session cookies, tokens) are random and kept only as SHA-256 hashes; a
session ends at logout and whenever its user is disabled, re-roled or given a new password."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.services.audit import record
from app.services.errors import InvalidInput, NotFound
from app.store.models import ApiToken, AuditEvent, LoginSession, User, utcnow

ROLES = ("admin", "editor")
Role = Literal["admin", "editor"]
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 10
LOGIN_WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5
"""Failed logins of one account within the window before it is refused (until it passes)."""
IP_FAILURES = 20
"""Failed logins from one address within the window, whatever the account."""
TOKEN_PREFIX = "rl_"
_hasher = PasswordHasher()
# Verified against when the name is unknown, so that a wrong name costs as long as a wrong
# password and response times do not tell which names exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts for."""

    user_id: int
    name: str
    role: str
    via: Literal["session", "token"]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    name: str
    role: str
    disabled: bool
    created_at: datetime
    sessions: int
    tokens: int


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    name: str
    prefix: str
    user: str
    created_at: datetime
    revoked_at: datetime | None


class LoginRefused(Exception):
    """A failed or refused login; ``retry_after`` (seconds) when it is the rate limit."""

    def __init__(self, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def generate_password() -> str:
    """A random password of 16 URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def _user(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise InvalidInput("name", f"there is no user {name!r}")
    return user


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput("role", f"the role must be one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password", f"use at least {MIN_PASSWORD} characters")


def create_user(
    session: Session, name: str, role: str, *, password: str | None = None,
    actor: Principal | None = None, ip: str | None = None,
) -> str:  # fmt: skip
    """Create user ``name``; the password (generated unless given)."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise InvalidInput("name", "use 1-64 letters, digits, '.', '_', '@' or '-', "
                                   "starting with a letter or digit")  # fmt: skip
    _check_role(role)
    if session.scalar(select(User.id).where(func.lower(User.name) == name.lower())):
        raise InvalidInput("name", f"a user named {name!r} exists already")
    password = password or generate_password()
    _check_password(password)
    session.add(User(name=name, role=role, password_hash=_hasher.hash(password)))
    record(session, actor, "user.create", name, ip, detail=f"role {role}")
    session.commit()
    return password


def list_users(session: Session) -> list[UserInfo]:
    live = LoginSession.expires_at > utcnow()
    sessions = select(func.count()).where(LoginSession.user_id == User.id, live)
    tokens = select(func.count()).where(ApiToken.user_id == User.id, ApiToken.revoked_at.is_(None))
    rows = session.execute(
        select(User, sessions.scalar_subquery(), tokens.scalar_subquery()).order_by(User.name)
    )
    return [UserInfo(u.id, u.name, u.role, u.disabled, u.created_at, s, t) for u, s, t in rows]


def set_role(
    session: Session, name: str, role: str, *, actor: Principal | None = None,
    ip: str | None = None,
) -> None:  # fmt: skip
    _check_role(role)
    user = _user(session, name)
    _keep_an_admin(session, user, role=role)
    old, user.role = user.role, role
    _end_sessions(session, user.id)
    record(session, actor, "user.role", name, ip, detail=f"{old} -> {role}")
    session.commit()


def set_disabled(
    session: Session, name: str, disabled: bool, *, actor: Principal | None = None,
    ip: str | None = None,
) -> None:  # fmt: skip
    user = _user(session, name)
    if disabled:
        _keep_an_admin(session, user, disabled=True)
    user.disabled = disabled
    _end_sessions(session, user.id)
    record(session, actor, "user.disable" if disabled else "user.enable", name, ip)
    session.commit()


def reset_password(
    session: Session, name: str, *, password: str | None = None,
    actor: Principal | None = None, ip: str | None = None,
) -> str:  # fmt: skip
    """Give ``name`` a new password (generated unless given) and end its sessions."""
    user = _user(session, name)
    password = password or generate_password()
    _check_password(password)
    user.password_hash = _hasher.hash(password)
    _end_sessions(session, user.id)
    record(session, actor, "user.password", name, ip)
    session.commit()
    return password


def _keep_an_admin(session: Session, user: User, *, role: str = "admin",
                   disabled: bool = False) -> None:  # fmt: skip
    """Refuse to demote or disable the last enabled admin: nobody could manage users then."""
    if user.role != "admin" or user.disabled or (role == "admin" and not disabled):
        return
    others = select(func.count()).where(User.role == "admin", ~User.disabled, User.id != user.id)
    if not session.scalar(others):
        raise InvalidInput("name", f"{user.name} is the last admin")


def _end_sessions(session: Session, user_id: int) -> None:
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))


def login(session: Session, name: str, password: str, *, ip: str | None, hours: float) -> str:
    """Check ``name``'s password and start a session; its cookie value.  Every attempt is in
    the audit log, and the failures there are what the rate limits count."""
    name = name.strip()[:64]
    try:
        _rate_limit(session, name, ip)
    except LoginRefused:
        record(session, None, "login.refused", name, ip, actor_name=name)
        session.commit()
        raise
    user = session.scalar(select(User).where(User.name == name))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.disabled:
        record(session, None, "login.failed", name, ip, actor_name=name)
        session.commit()
        raise LoginRefused("wrong name or password" if not ok or user is None
                           else "this account is disabled")  # fmt: skip
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=hours)
    session.add(LoginSession(token_hash=_digest(token), user_id=user.id, role=user.role,
                             expires_at=expires, ip=ip))  # fmt: skip
    session.execute(delete(LoginSession).where(LoginSession.expires_at < utcnow()))
    record(session, _principal(user, "session"), "login", name, ip)
    session.commit()
    return token


def _rate_limit(session: Session, name: str, ip: str | None) -> None:
    since = utcnow() - LOGIN_WINDOW
    last_ok = session.scalar(
        select(func.max(AuditEvent.at)).where(AuditEvent.action == "login",
                                              AuditEvent.target == name)
    )  # fmt: skip
    failed = select(func.count()).where(AuditEvent.action == "login.failed")
    account_since = max(since, last_ok) if last_ok else since
    by_account = session.scalar(
        failed.where(AuditEvent.target == name, AuditEvent.at > account_since)
    )
    by_ip = session.scalar(failed.where(AuditEvent.ip == ip, AuditEvent.at > since)) if ip else 0
    minutes = int(LOGIN_WINDOW.total_seconds() // 60)
    if (by_account or 0) >= ACCOUNT_FAILURES:
        raise LoginRefused(f"too many failed logins for this account; try again in {minutes} "
                           "minutes", int(LOGIN_WINDOW.total_seconds()))  # fmt: skip
    if (by_ip or 0) >= IP_FAILURES:
        raise LoginRefused(f"too many failed logins from your address; try again in {minutes} "
                           "minutes", int(LOGIN_WINDOW.total_seconds()))  # fmt: skip


def logout(session: Session, token: str, *, principal: Principal, ip: str | None) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token)))
    record(session, principal, "logout", principal.name, ip)
    session.commit()


def _principal(user: User, via: Literal["session", "token"]) -> Principal:
    return Principal(user.id, user.name, user.role, via)


def session_principal(session: Session, token: str) -> Principal | None:
    """Who the session cookie ``token`` is, if its session is live: not ended, not expired,
    its user enabled and still in the role the session began with."""
    user = session.scalar(
        select(User).join(LoginSession, LoginSession.user_id == User.id).where(
            LoginSession.token_hash == _digest(token), LoginSession.expires_at > utcnow(),
            LoginSession.role == User.role, ~User.disabled,
        )
    )  # fmt: skip
    return _principal(user, "session") if user else None


def create_token(
    session: Session, user_name: str, name: str, *, actor: Principal | None = None,
    ip: str | None = None,
) -> str:  # fmt: skip
    """A new API token for ``user_name``: the secret, shown this once (256 random bits)."""
    user = _user(session, user_name)
    name = name.strip() or "API token"
    if len(name) > 100:
        raise InvalidInput("token", "use at most 100 characters for the token's name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=_digest(secret),
                         prefix=secret[:9]))  # fmt: skip
    record(session, actor, "token.create", f"{user.name}: {name}", ip)
    session.commit()
    return secret


def revoke_token(
    session: Session, token_id: int, *, actor: Principal | None = None, ip: str | None = None
) -> None:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("token", token_id)
    owner = session.get(User, token.user_id)
    session.execute(
        update(ApiToken).where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )  # fmt: skip
    record(session, actor, "token.revoke", f"{owner.name if owner else '?'}: {token.name}", ip)
    session.commit()


def token_principal(session: Session, secret: str) -> Principal | None:
    """Who the bearer token ``secret`` acts for: its user, in the user's current role."""
    user = session.scalar(
        select(User).join(ApiToken, ApiToken.user_id == User.id).where(
            ApiToken.token_hash == _digest(secret), ApiToken.revoked_at.is_(None), ~User.disabled
        )
    )  # fmt: skip
    return _principal(user, "token") if user else None


def list_tokens(session: Session) -> list[TokenInfo]:
    rows = session.execute(
        select(ApiToken, User.name).join(User, User.id == ApiToken.user_id)
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
    )  # fmt: skip
    return [TokenInfo(t.id, t.name, t.prefix, u, t.created_at, t.revoked_at) for t, u in rows]
