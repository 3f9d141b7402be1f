"""The records of an alignment and the heaviest chain through candidate items.

An :class:`Item` is a candidate pair or group with a weight; the spine of an alignment is the
heaviest chain of items increasing on both sides (:func:`heaviest_chain`).  A :class:`Match`
is an aligned group as :func:`app.text.align.align` returns it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

EXACT_SCORE = 1.0
"""The score of a pair of the same words."""
SAME_WORDS = EXACT_SCORE - 1e-9
"""Scores at least this high are pairs of the same words: a sum of float shares can fall a
rounding error short of ``EXACT_SCORE``."""

WeightFn = Callable[[int, int, int, int, float, float], float]
"""weight(a0, a1, b0, b1, score, floor) of a candidate item spanning A positions a0..a1 and B
positions b0..b1 (inclusive) in the chain."""


# Match and Item are plain slotted records, not frozen ones: long texts build them by the ten
# thousand, and a frozen dataclass costs about four times as much to build.
@dataclass(slots=True)
class Match:
    """An aligned group: A positions ``a`` with B positions ``b`` (both ascending)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool
    why: str


@dataclass(slots=True)
class Item:
    a0: int
    a1: int
    b0: int
    b1: int
    score: float
    weight: float
    why: str


def heaviest_chain(items: list[Item]) -> list[Item]:
    """The max-weight chain of items strictly increasing in A and B.

    A staircase of the best chain ending at each B position, kept increasing in value (an
    entry no better than one at a lower B position can never be the best), searched with
    ``bisect``: O(items log items), with the search in C.
    """
    if len(items) < 2:
        return list(items)
    stair_b: list[int] = []  # ascending B positions
    stair_val: list[float] = []  # strictly ascending values of the best chains ending there
    stair_arg: list[int] = []

    order = sorted(range(len(items)), key=[it.a0 for it in items].__getitem__)
    ending: dict[int, list[int]] = {}
    for n in order:
        ending.setdefault(items[n].a1, []).append(n)
    value = [0.0] * len(items)
    parent = [-1] * len(items)
    pos = 0
    for a in sorted({it.a0 for it in items} | set(ending)):
        while pos < len(order) and items[order[pos]].a0 == a:
            n = order[pos]
            k = bisect.bisect_left(stair_b, items[n].b0) - 1  # best chain ending before b0
            if k >= 0:
                value[n], parent[n] = stair_val[k] + items[n].weight, stair_arg[k]
            else:
                value[n] = items[n].weight
            pos += 1
        for n in ending.get(a, ()):
            b, val = items[n].b1, value[n]
            k = bisect.bisect_right(stair_b, b)
            if k and stair_val[k - 1] >= val:
                continue  # a chain as good ends at or before b already
            # Entries from b on that are no better are dominated by this one.
            stop = bisect.bisect_right(stair_val, val, k)
            stair_b[k:stop] = [b]
            stair_val[k:stop] = [val]
            stair_arg[k:stop] = [n]
            if k and stair_b[k - 1] == b:  # the old entry at b was worse
                del stair_b[k - 1], stair_val[k - 1], stair_arg[k - 1]
    n = max(range(len(items)), key=value.__getitem__)
    chain = []
    while n != -1:
        chain.append(items[n])
        n = parent[n]
    return chain[::-1]
