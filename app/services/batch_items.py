"""Storing the items of a batch, each exactly once and atomically.

Each item is decided in a read transaction (duplicate? which story? — the engine comparison
is the costly part, done without holding any write lock), then stored in a write transaction
that takes locks first and checks again what might have changed meanwhile:

- SQLite: write transactions are exclusive (BEGIN IMMEDIATE), so they serialise;
- PostgreSQL: transaction-level advisory locks on the text's hash, its story key and its LSH
  band keys.  Two near-duplicates share a band key, so they are never placed concurrently:
  the second sees the first once it holds the lock.

An item's outcome is recorded only if it is still ``pending`` (a conditional update in the
same transaction; otherwise the transaction is rolled back), so a chunk run twice — after a
worker died, or by two workers — stores nothing twice.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from app.ingest import Article
from app.ingest.fingerprint import Fingerprint, fingerprint
from app.services.batches import batch_row, touch_batch
from app.services.comparisons import options_key
from app.services.errors import InvalidInput
from app.services.grouping import Placement, candidate_versions, place_article
from app.services.stories import (
    NewVersion,
    index_versions,
    text_sha256,
    title_from,
    validate_version,
    version_row,
)
from app.services.views import BatchRow
from app.store import make_sessionmaker
from app.store.models import Batch, BatchItem, ComparisonCache, Story, Version, utcnow
from app.text import ENGINE_VERSION, CompareOptions

HEARTBEAT_SECONDS = 2.0
"""How often a running chunk tells the batch it is alive."""


@dataclass(frozen=True, slots=True)
class _Placed:
    """Where a new text goes."""

    fp: Fingerprint
    placement: Placement


_Duplicate = tuple[int, int]  # the story and version already holding the text


def process_chunk(engine: Engine, batch_id: int, first: int, last: int, *, max_chars: int) -> None:
    """Store the pending items of the batch with ``first <= seq <= last``, then mark the batch
    done if nothing is left pending."""
    read, write = make_sessionmaker(engine, write=False), make_sessionmaker(engine)
    with read() as session:
        item_ids = list(
            session.scalars(
                select(BatchItem.id).where(
                    BatchItem.batch_id == batch_id, BatchItem.state == "pending",
                    BatchItem.seq.between(first, last),
                ).order_by(BatchItem.seq)
            )
        )  # fmt: skip
    beat = time.monotonic()
    for item_id in item_ids:
        process_item(read, write, item_id, max_chars=max_chars)
        if time.monotonic() - beat > HEARTBEAT_SECONDS:
            touch_batch(engine, batch_id)
            beat = time.monotonic()
    finish_if_done(engine, batch_id)


def store_pending(
    engine: Engine, batch_id: int, *, chunk: int, max_chars: int,
    progress: Callable[[BatchRow], None] | None = None,
) -> None:  # fmt: skip
    """Store every pending item of the batch in this process, chunk by chunk (calling
    ``progress`` after each), then mark it done."""
    with make_sessionmaker(engine, write=False)() as session:
        ranges = pending_ranges(session, batch_id, chunk)
    for first, last in ranges:
        process_chunk(engine, batch_id, first, last, max_chars=max_chars)
        if progress:
            with make_sessionmaker(engine, write=False)() as session:
                progress(batch_row(session, batch_id))
    finish_if_done(engine, batch_id)


def pending_ranges(session: Session, batch_id: int, size: int) -> list[tuple[int, int]]:
    """The pending items' seq numbers, in ranges of about ``size`` items (one task each)."""
    seqs = list(
        session.scalars(
            select(BatchItem.seq)
            .where(BatchItem.batch_id == batch_id, BatchItem.state == "pending")
            .order_by(BatchItem.seq)
        )
    )
    return [
        (chunk[0], chunk[-1]) for chunk in (seqs[i : i + size] for i in range(0, len(seqs), size))
    ]


def finish_if_done(engine: Engine, batch_id: int) -> None:
    with make_sessionmaker(engine)() as session:
        batch = session.get(Batch, batch_id)
        if batch is None or batch.total is None or batch.status in ("done", "failed"):
            return
        pending = session.scalar(
            select(func.count()).where(BatchItem.batch_id == batch_id, BatchItem.state == "pending")
        )
        if not pending:
            batch.status, batch.finished_at = "done", utcnow()
        batch.heartbeat_at = utcnow()
        session.commit()


def process_item(
    read: sessionmaker[Session], write: sessionmaker[Session], item_id: int, *, max_chars: int
) -> None:
    """Store one pending item (or record why it failed, or that it is a duplicate), deciding
    in a ``read`` session and storing in a ``write`` one."""
    with read() as session:
        payload = session.scalar(
            select(BatchItem.payload).where(BatchItem.id == item_id, BatchItem.state == "pending")
        )
        if payload is None:
            return
        article = Article(**payload)  # type: ignore[arg-type]
        version = _version(article)
        try:
            validate_version(version, "", max_chars)
        except InvalidInput as exc:
            return _finish(write, item_id, {"state": "failed", "reason": exc.message})
        sha = text_sha256(version.text)
        decision = _decide(session, version.text, sha, article.story_key)
    with write() as session:
        _lock(session, sha, article.story_key, getattr(decision, "fp", None))
        if isinstance(decision, _Placed) and _changed(session, decision, article, sha):
            decision = _decide(session, version.text, sha, article.story_key)
        if isinstance(decision, _Placed):
            outcome = _store(session, article, version, sha, decision.fp, decision.placement)
        else:
            outcome = {"state": "duplicate", "reason": "the same text is already stored",
                       "story_id": decision[0], "version_id": decision[1]}  # fmt: skip
        if _claim(session, item_id, outcome):
            session.commit()
    return None


def _claim(session: Session, item_id: int, outcome: dict[str, object]) -> bool:
    """Record the item's outcome if it is still pending (else another run stored it: the
    caller's transaction is rolled back, so nothing is stored twice)."""
    done = session.execute(
        update(BatchItem)
        .where(BatchItem.id == item_id, BatchItem.state == "pending")
        .values(**outcome, payload=None)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return False
    return True


def _finish(write: sessionmaker[Session], item_id: int, outcome: dict[str, object]) -> None:
    with write() as session:
        if _claim(session, item_id, outcome):
            session.commit()


def _decide(session: Session, text_: str, sha: str, story_key: str | None) -> _Placed | _Duplicate:
    """A duplicate of a stored text, or where the text goes (the costly part: the engine)."""
    dup = _duplicate(session, sha)
    if dup is not None:
        return dup
    fp = fingerprint(text_)
    return _Placed(fp, place_article(session, text_, fp, story_key))


def _changed(session: Session, decision: _Placed, article: Article, sha: str) -> bool:
    """Whether the decision may be stale, now that the locks are held: another text took its
    place, new candidate stories appeared, or its story key was taken."""
    if _duplicate(session, sha) is not None:
        return True
    if article.story_key:
        taken = session.scalar(select(Story.id).where(Story.key == article.story_key))
        return taken != decision.placement.story_id
    return candidate_versions(session, decision.fp) != decision.placement.seen


def _store(session: Session, article: Article, version: NewVersion, sha: str,
           fp: Fingerprint, placement: Placement) -> dict[str, object]:  # fmt: skip
    """Store the version (and its story, when new) with its comparison; the item's outcome.
    Core statements rather than ORM objects: this runs for every article of a batch."""
    now = utcnow()
    story_id = placement.story_id
    if story_id is None:
        story_id = session.execute(
            insert(Story).values(title=(article.title or title_from([version]))[:500],
                                 key=article.story_key or None, created_at=now, updated_at=now)
            .returning(Story.id)
        ).scalar_one()  # fmt: skip
    row = version_row(
        version, "Imported version", fp, sha=sha, story_id=story_id,  # the label is never empty
        grouping_method=placement.method, grouping_score=placement.score,
        extra=article.metadata or None,
    )  # fmt: skip
    session.add(row)
    session.flush()
    index_versions(session, [row])
    session.execute(
        update(Story).where(Story.id == story_id)
        .values(updated_at=now, base_version_id=func.coalesce(Story.base_version_id, row.id))
    )  # fmt: skip
    if placement.comparison is not None and placement.base_id is not None:
        session.execute(
            insert(ComparisonCache).values(
                version_a_id=placement.base_id, version_b_id=row.id,
                options_key=options_key(CompareOptions()), engine=ENGINE_VERSION,
                payload=placement.comparison.to_dict(), created_at=now,
            )
        )  # fmt: skip
    return {"state": "new story" if placement.story_id is None else "added",
            "story_id": story_id, "version_id": row.id, "score": placement.score}  # fmt: skip


def _version(article: Article) -> NewVersion:
    return NewVersion(
        text=article.text,
        label=article.label or article.title or article.origin,
        source=article.source,
        url=article.url,
        byline=article.byline,
        published_at=article.published_at,
        filename=article.filename,
        content_type=article.content_type,
    )


def _duplicate(session: Session, sha: str) -> tuple[int, int] | None:
    row = session.execute(
        select(Version.story_id, Version.id).where(Version.sha256 == sha).limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def _lock(session: Session, sha: str, story_key: str | None, fp: Fingerprint | None) -> None:
    """PostgreSQL: advisory locks for this article's hash, story key and band keys, in a fixed
    order (no deadlocks).  SQLite: the write transaction already excludes every other."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = {_key64(sha), *(fp.band_keys if fp else ())}
    if story_key:
        keys.add(_key64("story:" + story_key))
    session.execute(
        text(
            "SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k ORDER BY k"
        ),
        {"keys": sorted(keys)},
    )


def _key64(value: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(value.encode(), digest_size=8).digest(), "little", signed=True
    )
