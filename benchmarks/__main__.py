"""Run the benchmarks: `python -m benchmarks [engine http ...]` (all of them by default)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

SUITES = sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py"))


def main() -> None:
    for name in sys.argv[1:] or SUITES:
        if name not in SUITES:
            sys.exit(f"unknown benchmark {name!r}; choose from {', '.join(SUITES)}")
        importlib.import_module(f"benchmarks.bench_{name}").main([])


if __name__ == "__main__":
    main()
