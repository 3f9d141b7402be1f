"""`redline import PATH...`: read local files and folders into a batch, then store its items
here (with progress) or leave them to the workers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from app.ingest import read_paths
from app.jobs.queue import make_jobs
from app.services import batches
from app.services.batch_items import store_pending
from app.services.views import BatchRow
from app.settings import Settings
from app.store import make_engine, make_sessionmaker, upgrade_database


def import_paths(
    settings: Settings,
    paths: Sequence[Path],
    *,
    in_background: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Import ``paths`` as one batch; a one-line summary of the outcome."""
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with make_sessionmaker(engine)() as session:
            batch_id = batches.create_import_batch(session, ", ".join(p.name for p in paths))
        items = read_paths(paths, max_text_chars=settings.max_text_chars)
        batches.record_items(engine, batch_id, items)
        if in_background:
            make_jobs(settings).run_batch(batch_id)
            return f"batch {batch_id} queued for the workers: /batches/{batch_id}"
        store_pending(
            engine, batch_id, chunk=settings.batch_chunk_items, max_chars=settings.max_text_chars,
            progress=(lambda row: progress(row.done, row.total or 0)) if progress else None,
        )  # fmt: skip
        with make_sessionmaker(engine, write=False)() as session:
            return describe(batches.batch_row(session, batch_id))
    finally:
        engine.dispose()


def describe(batch: BatchRow) -> str:
    c = batch.counts
    return (
        f"batch {batch.id}: {batch.read:,} items — {batch.stored:,} stored "
        f"({c['new story']:,} new stories, {c['added']:,} added to existing stories), "
        f"{c['duplicate']:,} duplicates, {c['failed']:,} failed: /batches/{batch.id}"
    )
