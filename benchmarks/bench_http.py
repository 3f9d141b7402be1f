"""HTTP figures: the seed pair's comparison page served by uvicorn (2 workers), first view
and cached views under 50 concurrent clients (wrk), on SQLite and, when
REDLINE_BENCH_DATABASE_URL points at one, PostgreSQL."""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from app.demo import DEMO_VERSIONS, read_demo_text
from benchmarks.table import print_table

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def _texts() -> tuple[str, str, str]:
    if SEEDS.is_dir():
        a, b = (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2])
        return "seed pair", a, b
    return (
        "demo pair",
        read_demo_text(DEMO_VERSIONS[0].filename),
        read_demo_text(DEMO_VERSIONS[3].filename),
    )


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        body = r.read()
    return time.perf_counter() - t0, body


def _post(url: str, data: dict[str, object]) -> dict[str, object]:
    req = urllib.request.Request(
        url, json.dumps(data).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())  # type: ignore[no-any-return]


def run(database_url: str, label: str) -> list[list[object]]:
    port = _port()
    env = {**os.environ, "REDLINE_DATABASE_URL": database_url, "REDLINE_LOAD_DEMO": "false",
           "REDLINE_LOG_LEVEL": "warning"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        name, a, b = _texts()
        firsts = []
        for n in range(5):  # a new story each time: comparison computed, page rendered
            ref = _post(
                base + "/api/v1/stories",
                {"title": f"bench {n}", "versions": [{"text": a}, {"text": b}]},
            )
            ids = ref["version_ids"]
            url = f"{base}/stories/{ref['id']}/compare?a={ids[0]}&b={ids[1]}&mode=side"  # type: ignore[index]
            seconds, body = _get(url)
            firsts.append(seconds)
        for _ in range(20):  # both workers warm
            _get(url)
        rows: list[list[object]] = [
            [
                label,
                f"{name}: first view (median of 5)",
                f"{1000 * statistics.median(firsts):.1f}",
                "",
                "",
                f"{len(body) / 1024:.1f} KB",
            ]
        ]
        wrk = shutil.which("wrk")
        if wrk is None:
            rows.append(
                [label, "cached view: wrk not installed (apt-get install wrk)", "", "", "", ""]
            )
            return rows
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        for _ in range(3):
            command = [wrk, "-t2", "-c50", "-d8s", "-s", script.name, url]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            result = next(line for line in out.splitlines() if line.startswith("RESULT"))
            p50, p95, _p99, requests, errors = result.split()[1:]
            rate = f"{int(requests) / 8:,.0f}"
            rows.append([label, "cached view, 50 clients, 8 s", f"{float(p50):.1f}",
                         f"{float(p95):.1f}", rate, f"{errors} errors"])  # fmt: skip
        return rows
    finally:
        server.terminate()
        server.wait(10)


def main(argv: list[str] | None = None) -> None:  # noqa: ARG001 - same entry point as the others
    with tempfile.TemporaryDirectory() as tmp:
        rows = run(f"sqlite:///{tmp}/bench.db", "SQLite")
    pg = os.environ.get("REDLINE_BENCH_DATABASE_URL")
    if pg:
        rows += run(pg, "PostgreSQL")
    else:
        print("(PostgreSQL skipped: set REDLINE_BENCH_DATABASE_URL=postgresql+psycopg://...)")
    header = ["database", "what", "p50 ms", "p95 ms", "req/s", "size / errors"]
    print_table("HTTP: comparison page (uvicorn, 2 workers)", header, rows)


if __name__ == "__main__":
    main()
