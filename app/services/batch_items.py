"""Storing the items of a batch, each exactly once and atomically.

Items are stored in groups of ``GROUP_ITEMS``.  A group is decided in a read transaction
(duplicate? which story? — the engine comparison is the costly part, done without holding any
write lock; each item sees the group's items before it, see :mod:`batch_index`), then stored
in one write transaction that takes the lock first and reads again what the decisions rest on:

- SQLite: write transactions are exclusive (BEGIN IMMEDIATE), so they serialise;
- PostgreSQL: one transaction-level advisory lock, taken by every group's write in turn.

If anything changed meanwhile (another worker stored a copy, a near-duplicate or a story key),
the group is decided again under the lock, reusing its comparisons: the engine runs again only
for candidate stories that are new.  Outcomes are recorded only for items still
``pending`` (conditional updates in the same transaction): if any was not, another run stored
it, the group is rolled back and its items are taken one by one.  So a group commits whole or
not at all, and a chunk run twice — after a worker died, or by two workers — stores nothing
twice.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine, Table, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from app.ingest import Article
from app.ingest.fingerprint import Fingerprint, fingerprint
from app.services.batch_index import GroupIndex, Ref, Snapshot
from app.services.batches import batch_row, touch_batch
from app.services.comparisons import options_key
from app.services.errors import InvalidInput
from app.services.grouping import Placement, place_article
from app.services.stories import (
    NewVersion,
    text_sha256,
    title_from,
    validate_version,
    version_values,
)
from app.services.views import BatchRow
from app.store import make_sessionmaker
from app.store.models import (
    Base,
    Batch,
    BatchItem,
    ComparisonCache,
    LshBand,
    Story,
    Version,
    utcnow,
)
from app.text import ENGINE_VERSION, CompareOptions, Comparison

HEARTBEAT_SECONDS = 2.0
"""How often a running chunk tells the batch it is alive."""
GROUP_ITEMS = 25
"""Items stored per write transaction.  More make fewer, larger commits; a worker killed
mid-group loses that much work (redone by the next run)."""
_LOCK = "redline:batch-items"


@dataclass(frozen=True, slots=True)
class _Item:
    """A pending item, read and checked."""

    id: int
    article: Article
    version: NewVersion
    sha: str


@dataclass(frozen=True, slots=True)
class _Placed:
    """An item to store: its stand-in ids, fingerprint, version columns and placement, with
    the comparison with the base in its stored form (made before the write lock is taken)."""

    ref: Ref
    fp: Fingerprint
    values: dict[str, object]
    placement: Placement
    comparison: dict[str, object] | None


@dataclass(frozen=True, slots=True)
class _Duplicate:
    """An item whose text is already stored, or stored by an item before it in the group."""

    ref: Ref


_Outcome = dict[str, object]
"""The item's columns to record (state, reason, story_id, version_id, score)."""
_Decision = _Placed | _Duplicate | _Outcome


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
    terms: dict[int, frozenset[str]] = {}  # stored versions' key terms, for the whole chunk
    beat = time.monotonic()
    for i in range(0, len(item_ids), GROUP_ITEMS):
        store_group(read, write, item_ids[i : i + GROUP_ITEMS], terms, max_chars=max_chars)
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


def store_group(
    read: sessionmaker[Session], write: sessionmaker[Session], item_ids: list[int],
    terms: dict[int, frozenset[str]], *, max_chars: int,
) -> None:  # fmt: skip
    """Store the pending ones of ``item_ids`` (or record why one failed, or that it is a
    duplicate) in one transaction, deciding in a ``read`` session and storing in a ``write``
    one; ``terms`` caches stored versions' key terms."""
    known = _Known(terms)
    with read() as session:
        items, failed = _pending(session, item_ids, max_chars)
        if not items and not failed:
            return
        snapshot, decisions = _decide(session, items, known)
    with write() as session:
        _lock(session)
        if snapshot != _snapshot(session, items, known.fps):  # the engine's work is kept
            decisions = _decide(session, items, known)[1]
        outcomes = {**failed, **_store(session, items, decisions)}
        if _claim(session, outcomes):
            session.commit()
            for item_id, d in decisions.items():  # the group's stories have these bases now
                if isinstance(d, _Placed):
                    terms[outcomes[item_id]["version_id"]] = d.fp.terms  # type: ignore[index]
            return
    if len(item_ids) > 1:  # another run stored some of them: take the rest one by one
        for item_id in item_ids:
            store_group(read, write, [item_id], terms, max_chars=max_chars)


def _pending(
    session: Session, item_ids: list[int], max_chars: int
) -> tuple[list[_Item], dict[int, _Outcome]]:
    """The pending items of ``item_ids`` in order, and the failures of those that are not
    valid versions."""
    rows = session.execute(
        select(BatchItem.id, BatchItem.payload)
        .where(BatchItem.id.in_(item_ids), BatchItem.state == "pending")
        .order_by(BatchItem.seq)
    ).all()
    items, failed = [], {}
    for item_id, payload in rows:
        article = Article(**payload)  # type: ignore[arg-type]
        version = _version(article)
        try:
            validate_version(version, "", max_chars)
        except InvalidInput as exc:
            failed[item_id] = _failure(exc.message)
            continue
        items.append(_Item(item_id, article, version, text_sha256(version.text)))
    return items, failed


@dataclass(frozen=True, slots=True)
class _Known:
    """What deciding a group again needs not compute again: the items' fingerprints (by text
    hash), comparisons and their stored forms (by item and base text), and stored versions'
    key terms."""

    terms: dict[int, frozenset[str]]
    fps: dict[str, Fingerprint] = field(default_factory=dict)
    compared: dict[int, dict[str, tuple[Comparison, float]]] = field(default_factory=dict)
    payloads: dict[tuple[int, str], dict[str, object]] = field(default_factory=dict)


def _snapshot(session: Session, items: list[_Item], fps: dict[str, Fingerprint]) -> Snapshot:
    keys = {it.article.story_key for it in items if it.article.story_key}
    bands = {k for fp in fps.values() for k in fp.search_keys}
    return Snapshot.read(session, {it.sha for it in items}, keys, bands)


def _decide(
    session: Session, items: list[_Item], known: _Known
) -> tuple[Snapshot, dict[int, _Decision]]:
    """What each item becomes, in order, each seeing the ones before it (the costly part:
    the engine), and the snapshot the decisions rest on."""
    fps = known.fps
    stored = Snapshot.read(session, {it.sha for it in items}, (), ())
    for it in items:
        if it.sha not in stored.texts and it.sha not in fps:
            fps[it.sha] = fingerprint(it.version.text)
    snapshot = _snapshot(session, items, fps)
    index = GroupIndex.read(session, snapshot, fps.values(), known.terms)
    decisions: dict[int, _Decision] = {}
    for it in items:
        dup = index.duplicate(it.sha)
        if dup is not None:
            decisions[it.id] = _Duplicate(dup)
            continue
        fp = fps[it.sha]
        try:  # the label and other fields are checked before any work is spent on the text
            values = version_values(it.version, "Imported version", fp, it.sha,
                                    extra=it.article.metadata or None)  # fmt: skip
        except InvalidInput as exc:
            decisions[it.id] = _failure(f"{exc.field}: {exc.message}")
            continue
        compared = known.compared.setdefault(it.id, {})
        placement = place_article(index, it.version.text, fp, it.article.story_key, compared)
        ref = index.add(it.sha, fp, it.version.text, placement.story_id, it.article.story_key)
        decisions[it.id] = _Placed(ref, fp, values, placement, _stored_form(known, it, placement))
    return snapshot, decisions


def _stored_form(known: _Known, it: _Item, placement: Placement) -> dict[str, object] | None:
    """The placement's comparison as the cache stores it, made once per item and base."""
    if placement.comparison is None:
        return None
    key = (it.id, placement.comparison.a.text)
    if key not in known.payloads:
        known.payloads[key] = placement.comparison.to_dict()
    return known.payloads[key]


def _store(
    session: Session, items: list[_Item], decisions: dict[int, _Decision]
) -> dict[int, _Outcome]:
    """Store the group's new stories, versions, LSH bands and comparisons with the base, with
    Core statements over all rows at once; each item's outcome."""
    now = utcnow()
    placed = [(it, d) for it in items if isinstance(d := decisions[it.id], _Placed)]
    new = [(it, d) for it, d in placed if d.placement.story_id is None]
    ids: dict[int, int] = {}  # stand-in id -> stored id (stories and versions apart below)
    if new:
        stories = _table(Story)
        rows = session.execute(
            insert(stories).returning(stories.c.id, sort_by_parameter_order=True),
            [{"title": (it.article.title or title_from([it.version]))[:500],
              "key": it.article.story_key or None, "created_at": now, "updated_at": now}
             for it, _ in new],
        ).scalars()  # fmt: skip
        ids |= {d.ref[0]: story_id for (_, d), story_id in zip(new, rows, strict=True)}
    story_of = {d.ref[1]: ids.get(d.ref[0], d.ref[0]) for _, d in placed}
    versions: dict[int, int] = {}
    if placed:
        table = _table(Version)
        rows = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True),
            [{**d.values, "story_id": story_of[d.ref[1]], "grouping_method": d.placement.method,
              "grouping_score": d.placement.score} for _, d in placed],
        ).scalars()  # fmt: skip
        versions = {d.ref[1]: vid for (_, d), vid in zip(placed, rows, strict=True)}
        session.execute(
            insert(_table(LshBand)),
            [{"key": k, "version_id": versions[d.ref[1]]} for _, d in placed
             for k in set(d.fp.band_keys)],
        )  # fmt: skip
        first: dict[int, int] = {}
        for _, d in placed:
            first.setdefault(story_of[d.ref[1]], versions[d.ref[1]])
        session.execute(
            update(_table(Story))
            .where(Story.id == bindparam("s"))
            .values(updated_at=now, base_version_id=func.coalesce(Story.base_version_id,
                                                                  bindparam("v"))),
            [{"s": s, "v": v} for s, v in first.items()],
        )  # fmt: skip
    compared = [d for _, d in placed if d.comparison and d.placement.base_id]
    if compared:
        key = options_key(CompareOptions())
        session.execute(
            insert(_table(ComparisonCache)),
            [{"version_a_id": versions.get(d.placement.base_id, d.placement.base_id),
              "version_b_id": versions[d.ref[1]], "options_key": key, "engine": ENGINE_VERSION,
              "payload": d.comparison, "created_at": now}
             for d in compared if d.placement.base_id],
        )  # fmt: skip
    outcomes: dict[int, _Outcome] = {}
    for it in items:
        d = decisions[it.id]
        if isinstance(d, _Placed):
            outcomes[it.id] = {
                "state": "new story" if d.placement.story_id is None else "added",
                "reason": None, "story_id": story_of[d.ref[1]],
                "version_id": versions[d.ref[1]], "score": d.placement.score,
            }  # fmt: skip
        elif isinstance(d, _Duplicate):  # of a stored version, or of one stored just now
            story, version = d.ref
            outcomes[it.id] = {
                "state": "duplicate", "reason": "the same text is already stored",
                "story_id": ids.get(story, story), "version_id": versions.get(version, version),
                "score": None,
            }  # fmt: skip
        else:
            outcomes[it.id] = d
    return outcomes


def _claim(session: Session, outcomes: dict[int, _Outcome]) -> bool:
    """Record the items' outcomes if they are all still pending (else another run stored
    some: the transaction is rolled back, so nothing is stored twice)."""
    if not outcomes:
        return True
    done = session.execute(
        update(_table(BatchItem))
        .where(BatchItem.id == bindparam("item"), BatchItem.state == "pending")
        .values(state=bindparam("new_state"), reason=bindparam("new_reason"),
                story_id=bindparam("new_story"), version_id=bindparam("new_version"),
                score=bindparam("new_score"), payload=None),
        [{"item": item_id, "new_state": o["state"], "new_reason": o["reason"],
          "new_story": o["story_id"], "new_version": o["version_id"], "new_score": o["score"]}
         for item_id, o in outcomes.items()],
    )  # fmt: skip
    if done.rowcount != len(outcomes):  # type: ignore[attr-defined]
        session.rollback()
        return False
    return True


def _table(model: type[Base]) -> Table:
    """The model's table, for Core statements over many rows (no ORM work per row)."""
    return model.metadata.tables[model.__tablename__]


def _failure(reason: str) -> _Outcome:
    return {"state": "failed", "reason": reason, "story_id": None, "version_id": None,
            "score": None}  # fmt: skip


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


def _lock(session: Session) -> None:
    """PostgreSQL: the lock every group's write takes in turn (held to the transaction's
    end).  SQLite: the write transaction already excludes every other."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key64(_LOCK)})


def _key64(value: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(value.encode(), digest_size=8).digest(), "little", signed=True
    )
