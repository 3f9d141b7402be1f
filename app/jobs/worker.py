"""`redline worker`: a huey consumer running the batch tasks."""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
import time

from app.jobs.queue import make_jobs
from app.settings import Settings
from app.store import upgrade_database

PARENT_POLL_SECONDS = 1.0
"""How often a worker started by `redline serve` checks that serve is still there."""
POLL_MAX_SECONDS = 1.0
"""Longest wait between two looks at an idle SQLite queue (Redis is told at once)."""
SHUTDOWN_SECONDS = 20.0
"""How long a stopping worker lets its running tasks finish before interrupting them."""
EMBEDDED_NICENESS = 5
"""How much lower the priority of a worker started by `redline serve` is, so that pages stay
quick while a batch keeps every core busy."""


def run_worker(
    settings: Settings, processes: int | None = None, *, parent: int | None = None
) -> None:
    """Consume the queue until stopped (SIGTERM finishes the running tasks first, SIGINT
    interrupts them), or
    until process ``parent`` ends (a worker started by `redline serve` never outlives it)."""
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    upgrade_database(settings.database_url)
    jobs = make_jobs(settings)
    if parent is not None:
        os.nice(EMBEDDED_NICENESS)
    # What is loaded by now (modules, mappers, the queue) lives as long as the process: kept
    # out of the collector's full scans, which the engine's many short-lived objects set off
    # again and again (a sixth of a batch's time otherwise).  Process workers fork from here.
    gc.freeze()
    workers = processes or settings.worker_processes
    consumer = jobs.huey.create_consumer(
        workers=workers,
        worker_type="process" if workers > 1 else "thread",
        periodic=True,
        max_delay=POLL_MAX_SECONDS,
        check_worker_health=True,
        # SIGTERM (docker stop, serve stopping its worker, kill) lets the running tasks finish,
        # within a bound; SIGINT stops at once.  Either way no item is half stored.
        graceful_signal="TERM",
        shutdown_timeout=SHUTDOWN_SECONDS,
    )
    if parent is not None:
        threading.Thread(target=_stop_with, args=(parent,), daemon=True).start()
    consumer.run()


def _stop_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # the consumer's own graceful stop
