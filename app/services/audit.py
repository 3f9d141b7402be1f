"""The audit log: who uploaded, deleted, logged in, changed users or tokens; when; from where.
An event is added to the session of the change it records and committed with it, so the log
holds exactly the changes that happened."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.models import AuditEvent

if TYPE_CHECKING:
    from app.services.accounts import Principal

PAGE_SIZE = 50
ACTIONS = {
    "login": "signed in",
    "login.failed": "failed to sign in",
    "login.refused": "sign-in refused (rate limit)",
    "logout": "signed out",
    "user.create": "created user",
    "user.role": "changed role of",
    "user.disable": "disabled user",
    "user.enable": "enabled user",
    "user.password": "reset password of",
    "token.create": "created API token",
    "token.revoke": "revoked API token",
    "story.create": "created story",
    "story.delete": "deleted story",
    "version.add": "added version to",
    "version.delete": "deleted version",
    "batch.upload": "uploaded batch",
}
"""Every action recorded, with how the log page says it."""


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    says: str
    target: str
    ip: str | None
    detail: str | None


@dataclass(frozen=True, slots=True)
class AuditPage:
    items: list[AuditRow]
    total: int
    page: int
    pages: int
    action: str


def record(
    session: Session, actor: Principal | None, action: str, target: str, ip: str | None,
    *, detail: str | None = None, actor_name: str | None = None,
) -> None:  # fmt: skip
    """Add an event to ``session``, to be committed with the change it records.  With no
    actor it was the command line, unless ``actor_name`` says who tried (a failed login)."""
    assert action in ACTIONS, action
    name = actor.name if actor else (actor_name or "command line")
    session.add(AuditEvent(actor_id=actor.user_id if actor else None, actor=name[:64],
                           action=action, target=target[:300], ip=ip, detail=detail))  # fmt: skip


def list_events(session: Session, *, page: int = 1, action: str = "") -> AuditPage:
    """Events newest first, optionally of one action."""
    query = select(AuditEvent)
    if action in ACTIONS:
        query = query.where(AuditEvent.action == action)
    else:
        action = ""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = session.scalars(
        query.order_by(AuditEvent.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    items = [AuditRow(e.at, e.actor, e.action, ACTIONS[e.action], e.target, e.ip, e.detail)
             for e in rows]  # fmt: skip
    return AuditPage(items, total, page, pages, action)
