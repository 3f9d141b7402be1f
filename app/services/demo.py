"""The demo story, loaded from the package's own texts."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.demo import DEMO_TITLE, DEMO_VERSIONS, read_demo_text
from app.services.stories import NewVersion, create_story, get_story
from app.store.models import Story


def load_demo(session: Session, *, replace: bool = False) -> int:
    """Store the demo story (again, with ``replace``) and precompute its comparisons."""
    if replace:
        session.execute(delete(Story).where(Story.title == DEMO_TITLE))
        session.commit()
        # The database cascade removed the versions behind the session's back: forget them,
        # or SQLite's reused row ids would collide with stale objects in the identity map.
        session.expunge_all()
    versions = [
        NewVersion(
            text=read_demo_text(v.filename),
            label=v.label,
            source=v.source,
            url=v.url,
            byline=v.byline or None,
            published_at=v.published_at,
            filename=v.filename,
            content_type="text/plain",
        )
        for v in DEMO_VERSIONS
    ]
    ref = create_story(session, DEMO_TITLE, versions, max_chars=10_000_000)
    get_story(session, ref.id)  # computes and caches every comparison with the base
    return ref.id


def is_empty(session: Session) -> bool:
    return (session.scalar(select(func.count(Story.id))) or 0) == 0
