"""The job queue (huey) and its tasks.

The queue only says what to do next; the database says what is done.  Tasks are idempotent
(an item is stored only while pending), so a task lost with a killed worker is simply run
again: every worker resumes stalled batches when it starts and once a minute.

Queue storage: a SQLite file for the embedded default, Redis for several workers on several
machines (``queue_url``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from app.services import batches
from app.services.batch_items import finish_if_done, pending_ranges, process_chunk
from app.settings import Settings
from app.store import make_engine, make_sessionmaker

log = logging.getLogger("redline.jobs")


@dataclass(frozen=True, slots=True)
class Jobs:
    """The queue and what can be put on it."""

    huey: Huey
    run_batch: Callable[[int], Any]
    """Enqueue a batch: read its upload if need be, then store its items chunk by chunk."""
    close: Callable[[], None]
    """Release this process's database connections."""


def make_queue(settings: Settings) -> Huey:
    url = settings.queue_url
    if url.startswith("sqlite"):
        path = make_url(url).database or "queue.db"
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(settings.queue_name, filename=path, results=False, timeout=30)
    return RedisHuey(settings.queue_name, url=url, results=False)


def make_jobs(settings: Settings) -> Jobs:
    """The queue for ``settings`` with its tasks registered (the same in every process)."""
    huey = make_queue(settings)
    engines: dict[str, Engine] = {}

    def engine() -> Engine:  # one per process, made after a process worker has forked
        if "db" not in engines:
            engines["db"] = make_engine(settings.database_url)
        return engines["db"]

    def run_batch(batch_id: int) -> None:
        batches.read_upload(engine(), batch_id, max_text_chars=settings.max_text_chars)
        with make_sessionmaker(engine(), write=False)() as session:
            ranges = pending_ranges(session, batch_id, settings.batch_chunk_items)
        for first, last in ranges:
            store_chunk_task(batch_id, first, last)
        finish_if_done(engine(), batch_id)

    def store_chunk(batch_id: int, first: int, last: int) -> None:
        process_chunk(engine(), batch_id, first, last, max_chars=settings.max_text_chars)

    def resume() -> None:
        with make_sessionmaker(engine(), write=False)() as session:
            stalled = batches.stalled_batches(session, settings.batch_stall_seconds)
        for batch_id in stalled:
            log.info("resuming batch %s", batch_id)
            batches.touch_batch(engine(), batch_id)
            run_batch_task(batch_id)

    def close() -> None:
        for e in engines.values():
            e.dispose()
        engines.clear()

    # huey is untyped: its decorators are applied as plain calls.
    run_batch_task = huey.task(name="run_batch")(run_batch)
    store_chunk_task = huey.task(name="store_chunk")(store_chunk)
    huey.periodic_task(crontab(minute="*"), name="resume_stalled")(resume)
    huey.on_startup()(resume)
    return Jobs(huey, run_batch_task, close)
