"""Pausing Python's cyclic garbage collector around allocation-heavy work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    A comparison (and its JSON form) allocates hundreds of thousands of small objects and
    hardly any reference cycles; on megabyte texts the collector's repeated scans of that
    growing heap cost a fifth of the time.  Reference counting still frees objects as usual,
    and the collector resumes (if it was on) as soon as the block ends.

    What the block leaves alive (its result: sentences, rows, their ops) then goes straight
    to the oldest generation instead of being scanned by the next young collections, which
    on megabyte texts cost 5 % of a comparison and grow faster than the text: freezing and
    unfreezing the tracked objects moves them there in constant time.  Not where the process
    keeps objects frozen itself (``gc.freeze()``): unfreezing would release those too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
