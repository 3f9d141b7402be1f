"""Batch imports: create a batch, read its input into items, list batches and show one.

A batch moves through ``queued`` → ``reading`` → ``processing`` → ``done`` (or ``failed`` when
its input as a whole is refused, e.g. an unsafe archive).  Reading is resumable: the input is
read again from the start and the items already recorded are skipped, so a worker that dies
while reading loses nothing.  The items themselves are stored by :mod:`batch_items`.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterable
from dataclasses import asdict
from datetime import timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from app.ingest import Article, IngestError, ItemError, read_batch
from app.services.audit import record
from app.services.errors import InvalidInput, NotFound
from app.services.views import BatchDetail, BatchItemRow, BatchPage, BatchRow, BatchStory
from app.store import make_sessionmaker
from app.store.models import Batch, BatchItem, BatchUpload, Story, utcnow

if TYPE_CHECKING:
    from app.services.accounts import Principal

ITEM_STATES = ("pending", "new story", "added", "duplicate", "failed")
"""What an item became: ``new story`` and ``added`` (to an existing story) are stored."""
READ_COMMIT_ITEMS = 500
"""Items recorded per transaction while reading (each transaction holds whole items)."""
ITEMS_PER_PAGE = 100


def create_upload_batch(
    session: Session, filename: str, data: bytes, *, actor: Principal | None = None,
    ip: str | None = None,
) -> int:  # fmt: skip
    """A queued batch for an uploaded file, kept in the database until a worker reads it."""
    name = Path(filename or "").name.strip()
    if not name:
        raise InvalidInput("file", "choose a file to upload")
    if not data:
        raise InvalidInput("file", f"{name} is empty")
    batch = Batch(name=name[:500], kind="upload", status="queued")
    session.add(batch)
    session.flush()
    session.add(BatchUpload(batch_id=batch.id, filename=name[:300], data=data))
    record(session, actor, "batch.upload", f"batch {batch.id}: {name}", ip,
           detail=f"{len(data):,} bytes")  # fmt: skip
    session.commit()
    return batch.id


def create_import_batch(session: Session, name: str) -> int:
    """A batch for paths read by this process (`redline import`)."""
    batch = Batch(name=name[:500] or "import", kind="import", status="reading")
    session.add(batch)
    session.flush()
    record(session, None, "batch.upload", f"batch {batch.id}: {batch.name}", None,
           detail="redline import")  # fmt: skip
    session.commit()
    return batch.id


def read_upload(engine: Engine, batch_id: int, *, max_text_chars: int) -> None:
    """Read a queued (or half-read) uploaded batch into items; a refused file fails the batch
    with the reason."""
    with make_sessionmaker(engine)() as session:
        upload = session.get(BatchUpload, batch_id)
        batch = session.get(Batch, batch_id)
        if upload is None or batch is None or batch.total is not None:
            return
        batch.status = "reading"
        session.commit()
        with tempfile.TemporaryDirectory(prefix="redline-batch-") as tmp:
            path = Path(tmp) / "upload"
            path.write_bytes(upload.data)
            name = upload.filename
            session.expunge(upload)  # the bytes need not stay in memory while reading
            del upload
            try:
                record_items(
                    engine, batch_id, read_batch(name, path, max_text_chars=max_text_chars)
                )
            except IngestError as exc:
                fail_batch(engine, batch_id, str(exc))


def record_items(engine: Engine, batch_id: int, items: Iterable[Article | ItemError]) -> None:
    """Record ``items`` as the batch's items (skipping those already recorded), then mark the
    batch read: its total is known and its upload is dropped."""
    sessions = make_sessionmaker(engine)
    with sessions() as session:
        seq = session.scalar(select(func.count()).where(BatchItem.batch_id == batch_id)) or 0
    stream = islice(iter(items), seq, None)
    while chunk := list(islice(stream, READ_COMMIT_ITEMS)):
        with sessions() as session:
            session.add_all(_item(batch_id, seq + n, it) for n, it in enumerate(chunk))
            _touch(session, batch_id)
            session.commit()
        seq += len(chunk)
    with sessions() as session:
        batch = session.get(Batch, batch_id)
        if batch is None:
            return
        batch.total, batch.status = seq, "processing"
        session.execute(delete(BatchUpload).where(BatchUpload.batch_id == batch_id))
        session.commit()


def fail_batch(engine: Engine, batch_id: int, reason: str) -> None:
    with make_sessionmaker(engine)() as session:
        batch = session.get(Batch, batch_id)
        if batch is not None:
            batch.status, batch.error, batch.finished_at = "failed", reason, utcnow()
            batch.total = batch.total or 0
            session.execute(delete(BatchUpload).where(BatchUpload.batch_id == batch_id))
            session.commit()


def touch_batch(engine: Engine, batch_id: int) -> None:
    """Note progress on the batch now (a worker has taken it up)."""
    with make_sessionmaker(engine)() as session:
        _touch(session, batch_id)
        session.commit()


def stalled_batches(session: Session, stall_seconds: float) -> list[int]:
    """Unfinished batches with no progress for ``stall_seconds``: their worker died."""
    since = utcnow() - timedelta(seconds=stall_seconds)
    return list(
        session.scalars(
            select(Batch.id)
            .where(Batch.status.in_(("queued", "reading", "processing")))
            .where(Batch.heartbeat_at < since)
            .order_by(Batch.id)
        )
    )


def list_batches(session: Session, *, page: int = 1, per_page: int = 20) -> BatchPage:
    """Batches, newest first, with their counts."""
    total = session.scalar(select(func.count(Batch.id))) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    batches = session.scalars(
        select(Batch).order_by(Batch.id.desc()).offset((page - 1) * per_page).limit(per_page)
    ).all()
    counts = _counts(session, [b.id for b in batches])
    return BatchPage([_row(b, counts.get(b.id, {})) for b in batches], total, page, pages)


def batch_row(session: Session, batch_id: int) -> BatchRow:
    """One batch's status and counts (cheap enough to poll)."""
    batch = session.get(Batch, batch_id)
    if batch is None:
        raise NotFound("batch", batch_id)
    return _row(batch, _counts(session, [batch_id]).get(batch_id, {}))


def get_batch(session: Session, batch_id: int, *, state: str = "", page: int = 1) -> BatchDetail:
    """One batch: counts, the stories it touched, and a page of its items (``state`` filters)."""
    row = batch_row(session, batch_id)
    if state and state not in ITEM_STATES:
        raise InvalidInput("state", f"must be one of: {', '.join(ITEM_STATES)}")
    q = select(BatchItem).where(BatchItem.batch_id == batch_id)
    if state:
        q = q.where(BatchItem.state == state)
    shown = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    pages = max(1, math.ceil(shown / ITEMS_PER_PAGE))
    page = min(max(1, page), pages)
    items = session.execute(
        q.with_only_columns(
            BatchItem.seq, BatchItem.origin, BatchItem.state, BatchItem.reason,
            BatchItem.story_id, BatchItem.version_id, BatchItem.score,
        ).order_by(BatchItem.seq).offset((page - 1) * ITEMS_PER_PAGE).limit(ITEMS_PER_PAGE)
    ).all()  # fmt: skip
    touched = (BatchItem.batch_id == batch_id, BatchItem.state.in_(("new story", "added")))
    stories_total = session.scalar(
        select(func.count(func.distinct(BatchItem.story_id))).where(*touched)
    )
    stories = session.execute(
        select(Story.id, Story.title, func.count(BatchItem.id))
        .join(BatchItem, BatchItem.story_id == Story.id)
        .where(*touched)
        .group_by(Story.id, Story.title)
        .order_by(func.count(BatchItem.id).desc(), Story.id)
        .limit(50)
    ).all()
    return BatchDetail(
        row,
        [BatchItemRow(*i) for i in items],
        [BatchStory(*s) for s in stories], stories_total or 0,
        state, page, pages, shown,
    )  # fmt: skip


def _counts(session: Session, batch_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    if batch_ids:
        for bid, state, n in session.execute(
            select(BatchItem.batch_id, BatchItem.state, func.count())
            .where(BatchItem.batch_id.in_(batch_ids))
            .group_by(BatchItem.batch_id, BatchItem.state)
        ):
            out.setdefault(bid, {})[state] = n
    return out


def _row(batch: Batch, counts: dict[str, int]) -> BatchRow:
    full = {s: counts.get(s, 0) for s in ITEM_STATES}
    done = sum(n for s, n in full.items() if s != "pending")
    return BatchRow(
        id=batch.id, name=batch.name, kind=batch.kind, status=batch.status, total=batch.total,
        read=sum(full.values()), done=done, counts=full, error=batch.error,
        created_at=batch.created_at, finished_at=batch.finished_at,
    )  # fmt: skip


def _item(batch_id: int, seq: int, item: Article | ItemError) -> BatchItem:
    if isinstance(item, ItemError):
        return BatchItem(batch_id=batch_id, seq=seq, origin=item.origin[:1000], state="failed",
                         reason=item.reason)  # fmt: skip
    return BatchItem(batch_id=batch_id, seq=seq, origin=item.origin[:1000], state="pending",
                     payload=asdict(item))  # fmt: skip


def _touch(session: Session, batch_id: int) -> None:
    batch = session.get(Batch, batch_id)
    if batch is not None:
        batch.heartbeat_at = utcnow()
