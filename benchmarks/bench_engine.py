"""Engine figures: the seed pair end to end, and scaling on large deterministic texts.

Each large size runs in its own process so that its peak memory (max RSS) is its own; how
time grows with size is measured apart, both sizes in one process, timed in alternation.

This machine's speed drifts (other work, clock changes), so every timed comparison is paired
with the targets' yardstick run just before it (a bare word diff of the seed pair, see
``REFERENCE_BARE_DIFF_MS``), and the tables also give the time normalised to the speed of the
machine the targets were set on.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import fast_diff_match_patch as dmp

from app.text import compare
from app.text.lexicon import clear_lexicons
from benchmarks.corpus import build_pair
from benchmarks.table import print_table

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_A, SEED_B = "000_*.txt", "003_*.txt"
"""The seed pair of the speed target: A is the first seed, B the fourth."""
SIZES = (100_000, 1_000_000)
REFERENCE_BARE_DIFF_MS = 16.0
"""The speed targets' yardstick: :func:`bare_word_diff` of the seed pair took this long on the
machine the targets were set on.  The normalised figures are times at that machine's speed."""


def seed_pair() -> tuple[str, str] | None:
    """The seed pair (A, B), or None where ``../shared/seeds`` is absent."""
    if not SEEDS.is_dir():
        return None
    a, b = (next(SEEDS.glob(name)).read_text(encoding="utf-8") for name in (SEED_A, SEED_B))
    return a, b


_SEEDS = seed_pair()


def machine_factor() -> float | None:
    """How much slower this machine is now than the targets' machine: the bare word diff of
    the seed pair (the median of three, so that one interrupted run does not skew it) over
    ``REFERENCE_BARE_DIFF_MS``; None without the seeds."""
    if _SEEDS is None:
        return None
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        bare_word_diff(*_SEEDS)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000 / REFERENCE_BARE_DIFF_MS


def end_to_end(a: str, b: str) -> None:
    """What the engine figures time: segment, align, inline diff, and the JSON's dict."""
    compare(a, b).to_dict()


def first_comparison(a: str, b: str) -> None:
    """:func:`end_to_end` as a process's first comparison: no word in the lexicon yet."""
    clear_lexicons()
    compare(a, b).to_dict()


_BARE_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")


def bare_word_diff(a: str, b: str) -> None:
    """The C++ diff-match-patch over the two texts' tokens (words, punctuation, white space),
    each coded as one character, with its semantic cleanup."""
    codes: dict[str, str] = {}
    x, y = ("".join(codes.setdefault(t, chr(0x100 + len(codes))) for t in _BARE_TOKEN.findall(s))
            for s in (a, b))  # fmt: skip
    dmp.diff(x, y, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)


def timed(
    a: str, b: str, runs: int, work: Callable[[str, str], object] = end_to_end
) -> tuple[list[float], list[float] | None]:
    """Seconds for ``runs`` calls of ``work(a, b)``, and the same seconds at the targets'
    machine's speed (None without the seeds), each run paired with a yardstick run just
    before it."""
    raw: list[float] = []
    normalised: list[float] = []
    for _ in range(runs):
        machine = machine_factor()
        t0 = time.perf_counter()
        work(a, b)
        raw.append(time.perf_counter() - t0)
        if machine is not None:
            normalised.append(raw[-1] / machine)
    return raw, (normalised or None)


def seed_rows(runs: int) -> list[list[object]]:
    if _SEEDS is None:
        print(f"(seed pair skipped, and no times normalised: {SEEDS} not found)")
        return []
    a, b = _SEEDS
    rows: list[list[object]] = []
    cases: list[tuple[str, str, str, Callable[[str, str], object]]] = [
        ("seeds 000 -> 003", a, b, end_to_end),
        ("seeds 003 -> 000", b, a, end_to_end),
        # The lexicon keeps each word's stems and 3-grams between comparisons: the rows
        # above have them all from the warm-up, a first comparison none.
        ("seeds 000 -> 003, no word known", a, b, first_comparison),
        # The yardstick of the machine's speed, which no change to the engine moves: the
        # speed targets were set where this took 16 ms (so it normalises to about that).
        ("bare word diff, whole texts", a, b, bare_word_diff),
    ]
    for label, x, y, work in cases:
        timed(x, y, 3, work)  # warm-up
        t, n = timed(x, y, runs, work)
        at_reference = 1000 * statistics.median(n) if n else None
        rows.append([label, len(x) + len(y), runs, 1000 * statistics.median(t), 1000 * max(t),
                     at_reference])  # fmt: skip
    return rows


def one_size(size: int, runs: int) -> dict[str, float | None]:
    """Run in a child process: median seconds and peak RSS for one size."""
    a, b = build_pair(size)
    t, n = timed(a, b, runs)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": len(a),
        "median": statistics.median(t),
        "normalised": statistics.median(n) if n else None,
        "peak_mb": peak_kb / 1024,
    }


def growth(sizes: tuple[int, int], rounds: int) -> dict[str, float]:
    """Run in a child process: how much longer the larger size takes than the smaller.

    This machine's speed can halve for seconds at a time, so the two sizes are timed in
    alternation: each round times the large pair once between three runs of the small pair
    before and three after, and its ratio is the large time over the small runs' median.
    The result is the median over the rounds.  (The ratio of each size's fastest run is no
    measure here: a short run often falls wholly in a fast spell, a long one seldom.)"""
    small, large_pair = build_pair(sizes[0]), build_pair(sizes[1])

    def once(pair: tuple[str, str]) -> float:
        t0 = time.perf_counter()
        end_to_end(*pair)
        return time.perf_counter() - t0

    once(small), once(large_pair)  # warm-up
    ratios: list[float] = []
    for _ in range(rounds):
        around = [once(small) for _ in range(3)]
        large = once(large_pair)
        around += [once(small) for _ in range(3)]
        ratios.append(large / statistics.median(around))
    return {
        "median_ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
    }


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_engine", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def scaling_rows(sizes: tuple[int, ...], runs: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for size in sizes:
        r = _child("--one", str(size), "--runs", str(runs))
        label = f"{size // 1000:,} KB vs {size // 1000:,} KB"
        rows.append([label, runs, r["median"], r["normalised"], r["peak_mb"]])
    return rows


def growth_rows(sizes: tuple[int, ...], rounds: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for small, large in itertools.pairwise(sizes):
        r = _child("--growth", str(small), str(large), "--runs", str(rounds))
        label = f"{large // 1000:,} KB / {small // 1000:,} KB"
        rows.append([label, rounds, r["median_ratio"], r["low"], r["high"]])
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--growth", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also run 10 MB vs 10 MB")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.runs)))
        return
    if args.growth:
        print(json.dumps(growth((args.growth[0], args.growth[1]), args.runs)))
        return
    print_table(
        "Engine: seed pair end to end (segment + align + inline diff + to_dict)",
        ["pair", "chars", "runs", "median ms", "max ms", "normalised ms"],
        seed_rows(30),
    )
    sizes = (*SIZES, 10_000_000) if args.large else SIZES
    print_table(
        "Engine: large texts (deterministic, from the demo fixtures)",
        ["pair", "runs", "median s", "normalised s", "peak RSS MB"],
        scaling_rows(sizes, args.runs),
    )
    print_table(
        "Engine: growth with size (sizes timed in alternation, in one process)",
        ["sizes", "rounds", "median ratio", "lowest", "highest"],
        growth_rows(sizes, 9),
    )


if __name__ == "__main__":
    main()
