"""`redline worker`: a huey consumer running the batch tasks."""

from __future__ import annotations

import logging

from app.jobs.queue import make_jobs
from app.settings import Settings
from app.store import upgrade_database

POLL_MAX_SECONDS = 1.0
"""Longest wait between two looks at an idle SQLite queue (Redis is told at once)."""


def run_worker(settings: Settings, processes: int | None = None) -> None:
    """Consume the queue until interrupted (SIGINT/SIGTERM finish the running tasks first)."""
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    upgrade_database(settings.database_url)
    jobs = make_jobs(settings)
    workers = processes or settings.worker_processes
    consumer = jobs.huey.create_consumer(
        workers=workers,
        worker_type="process" if workers > 1 else "thread",
        periodic=True,
        max_delay=POLL_MAX_SECONDS,
        check_worker_health=True,
    )
    consumer.run()
