"""Batch import figures: generated articles of about 4 KB (benchmarks.articles) uploaded as
one JSON Lines batch and imported by `redline worker` processes, with grouping and the
precomputed comparisons; from the moment the batch is queued until it is done.

Configurations: the embedded default (SQLite database, SQLite queue) with 1 and 2 worker
processes, then, when REDLINE_BENCH_DATABASE_URL names a PostgreSQL server, PostgreSQL with
the queue on Redis (REDLINE_BENCH_REDIS_URL, default redis://127.0.0.1:6379/0), 1 and 2
processes.
`python -m benchmarks batch [ARTICLES]` (10,000 by default).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from app.jobs import make_jobs
from app.services.batches import batch_row, create_upload_batch
from app.settings import Settings
from app.store import (
    create_database,
    drop_database,
    make_engine,
    make_sessionmaker,
    upgrade_database,
)
from benchmarks.articles import import_archive
from benchmarks.table import print_table

ROOT = Path(__file__).resolve().parents[1]


def _archive(n: int) -> bytes:
    lines = (
        json.dumps({"title": a.title, "text": a.text, "source": a.source})
        for a in import_archive(n)
    )
    return "\n".join(lines).encode()


def _tree_rss(root: int) -> dict[int, int]:
    """Resident memory (bytes) of ``root`` and its descendants."""
    out: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        pid, ppid = int(fields["Pid"]), int(fields["PPid"])
        if (pid == root or ppid == root or ppid in out) and "VmRSS" in fields:
            out[pid] = int(fields["VmRSS"].split()[0]) * 1024
    return out


def run(db_url: str, queue_url: str, processes: int, data: bytes) -> tuple[float, float, str]:
    """Import ``data`` once; (articles per second, peak MB of one worker process, counts)."""
    settings = Settings(database_url=db_url, queue_url=queue_url,
                        queue_name=f"bench_{uuid.uuid4().hex[:8]}", load_demo=False)  # fmt: skip
    upgrade_database(db_url)
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        batch_id = create_upload_batch(session, "archive.jsonl", data)
    env = {**os.environ, "REDLINE_DATABASE_URL": db_url, "REDLINE_QUEUE_URL": queue_url,
           "REDLINE_QUEUE_NAME": settings.queue_name, "REDLINE_LOG_LEVEL": "warning"}  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "worker", "--processes", str(processes)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    jobs = make_jobs(settings)
    started = time.perf_counter()
    jobs.run_batch(batch_id)
    peak: dict[int, int] = {}
    try:
        with make_sessionmaker(engine, write=False)() as session:
            while True:
                for pid, rss in _tree_rss(worker.pid).items():
                    peak[pid] = max(peak.get(pid, 0), rss)
                batch = batch_row(session, batch_id)
                session.rollback()
                if batch.finished:
                    break
                time.sleep(0.25)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(60)
        jobs.close()
        engine.dispose()
    c = batch.counts
    counts = f"{c['new story']} new, {c['added']} added, {c['duplicate']} dup, {c['failed']} failed"
    return (batch.read / elapsed, max(peak.values(), default=0) / 2**20, counts)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 10_000
    data = _archive(n)
    rows = []
    for processes in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            db, queue = f"sqlite:///{tmp}/bench.db", f"sqlite:///{tmp}/queue.db"
            rate, mb, counts = run(db, queue, processes, data)
        rows.append(["SQLite, queue in SQLite", processes, f"{rate:,.0f}", f"{mb:,.0f}", counts])
    pg = os.environ.get("REDLINE_BENCH_DATABASE_URL")
    redis = os.environ.get("REDLINE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    for processes in (1, 2) if pg else ():
        assert pg is not None
        name = f"redline_bench_{uuid.uuid4().hex[:8]}"
        try:
            rate, mb, counts = run(create_database(pg, name), redis, processes, data)
        finally:
            drop_database(pg, name)
        rows.append(["PostgreSQL + Redis", processes, f"{rate:,.0f}", f"{mb:,.0f}", counts])
    if not pg:
        print("(PostgreSQL skipped: set REDLINE_BENCH_DATABASE_URL=postgresql+psycopg://...)")
    header = ["database", "processes", "articles/s", "peak MB per process", "outcome"]
    print_table(f"Batch import: {n:,} articles of ~4 KB, grouped, comparisons precomputed",
                header, rows)  # fmt: skip


if __name__ == "__main__":
    main()
