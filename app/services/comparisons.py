"""Comparisons of stored versions, computed once and cached in the database."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.store.models import ComparisonCache, Story, Version
from app.text import ENGINE_VERSION, CompareOptions, Comparison, Summary, compare


@lru_cache(maxsize=64)  # asked for on every cached comparison; options are few and frozen
def options_key(options: CompareOptions) -> str:
    """A stable, short key for the options (a hash of their canonical JSON)."""
    canonical = json.dumps(options.to_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def compare_stored(session: Session, a: Version, b: Version, options: CompareOptions) -> Comparison:
    """The comparison of two stored versions, from the cache or computed and cached."""
    key = options_key(options)
    cached = session.scalar(
        select(ComparisonCache.payload).where(
            ComparisonCache.version_a_id == a.id,
            ComparisonCache.version_b_id == b.id,
            ComparisonCache.options_key == key,
            ComparisonCache.engine == ENGINE_VERSION,
        )
    )
    if cached is not None:
        return Comparison.from_dict(cached, a.text, b.text)
    result = compare(a.text, b.text, options)
    row = ComparisonCache(
        version_a_id=a.id, version_b_id=b.id, options_key=key, engine=ENGINE_VERSION,
        payload=result.to_dict(),
    )  # fmt: skip
    try:
        with session.begin_nested():
            session.add(row)
        session.commit()
    except (IntegrityError, OperationalError):
        # Another request stored it first, or (SQLite) a writer holds the lock: the cache is
        # an optimisation, so the computed result is returned either way.
        session.rollback()
    return result


def base_comparisons(session: Session, story: Story) -> dict[int, Summary]:
    """Each version's comparison with the story's base version (default options)."""
    base = next((v for v in story.versions if v.id == story.base_version_id), None)
    if base is None:
        return {}
    options = CompareOptions()
    return {
        v.id: compare_stored(session, base, v, options).summary
        for v in story.versions
        if v.id != base.id
    }
