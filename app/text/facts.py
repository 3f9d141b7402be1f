"""A sentence's facts: its numbers and names, which a copy keeps however it rewords the rest.

A spinner swaps a sentence's common words and keeps "Halcyon", "Chicago" and "$310 million";
another story written on the same template ("Rivermark", "Toronto", "$95 million") changes
exactly those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

_HAS_DIGIT = re.compile(r"\d").search
_NOT_DIGIT = re.compile(r"[^\d]+")
_POSSESSIVE = re.compile(r"['\u2019]s$")
CONFLICT_MIN = 3
"""Two sentences' facts conflict when each has some, they share none, and they number at
least this many together: one number changed ("12" / "15") is an update, not another story."""


Kind = Literal["all", "names", "numbers"]


def facts(sentences: Iterable[list[str]], kind: Kind = "all") -> set[str]:
    """Numbers, and capitalised words other than a sentence's first (names, mostly), or only
    one ``kind`` of the two.  ``sentences`` are the sentences' words as written.

    >>> sorted(facts([["Rivermark", "bought", "Belcourt", "in", "2019", "for", "95", "million"]]))
    ['2019', '95', 'belcourt']
    """
    numbers, names = fact_kinds(sentences)
    return numbers | names if kind == "all" else numbers if kind == "numbers" else names


def fact_kinds(sentences: Iterable[list[str]]) -> tuple[set[str], set[str]]:
    """The numbers and the names of :func:`facts`, in one pass over the words."""
    firsts: list[str] = []
    later: set[str] = set()
    for ws in sentences:
        if ws:
            firsts.append(ws[0])
            later.update(ws[1:])
    # Each distinct word is looked at once (a story repeats its names and common words).
    # Written as a copy may write them: "$5m" is "5", "U.S." is "us", "Ortiz's" is "ortiz".
    numbers = {
        _NOT_DIGIT.sub("", w) for w in later.union(firsts) if not w.isalpha() and _HAS_DIGIT(w)
    }
    names = {_POSSESSIVE.sub("", w.lower().replace(".", "")) for w in later if w[0].isupper()}
    return numbers, names


def conflict(a: set[str], b: set[str]) -> bool:
    """Whether two sentences' facts tell different stories (see ``CONFLICT_MIN``)."""
    return bool(a) and bool(b) and a.isdisjoint(b) and len(a) + len(b) >= CONFLICT_MIN
