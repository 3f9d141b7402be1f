"""Engine figures: the seed pair end to end, and scaling on large deterministic texts.

Each large size runs in its own process so that its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from app.text import compare
from benchmarks.corpus import build_pair
from benchmarks.table import print_table

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SIZES = (100_000, 1_000_000)


def timed(a: str, b: str, runs: int) -> list[float]:
    """Seconds for ``runs`` end-to-end comparisons (segment, align, inline diff, to_dict)."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        compare(a, b).to_dict()
        out.append(time.perf_counter() - t0)
    return out


def seed_rows(runs: int) -> list[list[object]]:
    if not SEEDS.is_dir():
        print(f"(seed pair skipped: {SEEDS} not found)")
        return []
    a, b = (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2])
    rows: list[list[object]] = []
    for label, x, y in (("seeds 000 -> 003", a, b), ("seeds 003 -> 000", b, a)):
        timed(x, y, 3)  # warm-up
        t = timed(x, y, runs)
        rows.append([label, len(x) + len(y), runs, 1000 * statistics.median(t), 1000 * max(t)])
    return rows


def one_size(size: int, runs: int) -> dict[str, float]:
    """Run in a child process: median seconds and peak RSS for one size."""
    a, b = build_pair(size)
    t = timed(a, b, runs)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"size": len(a), "median": statistics.median(t), "peak_mb": peak_kb / 1024}


def scaling_rows(sizes: tuple[int, ...], runs: int) -> list[list[object]]:
    rows: list[list[object]] = []
    base = None
    for size in sizes:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.bench_engine",
                "--one",
                str(size),
                "--runs",
                str(runs),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        base = base or r["median"]
        rows.append(
            [
                f"{size // 1000:,} KB vs {size // 1000:,} KB",
                runs,
                r["median"],
                r["median"] / base,
                r["peak_mb"],
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also run 10 MB vs 10 MB")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.runs)))
        return
    print_table(
        "Engine: seed pair end to end (segment + align + inline diff + to_dict)",
        ["pair", "chars", "runs", "median ms", "max ms"],
        seed_rows(30),
    )
    sizes = (*SIZES, 10_000_000) if args.large else SIZES
    print_table(
        "Engine: large texts (deterministic, from the demo fixtures)",
        ["pair", "runs", "median s", "x first", "peak RSS MB"],
        scaling_rows(sizes, args.runs),
    )


if __name__ == "__main__":
    main()
