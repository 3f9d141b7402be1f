"""A sentence's facts: its numbers and names, which a copy keeps however it rewords the rest.

A spinner swaps a sentence's common words and keeps "Halcyon", "Chicago" and "$310 million";
another story written on the same template ("Rivermark", "Toronto", "$95 million") changes
exactly those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.text.lexicon import Lexicon

_HAS_DIGIT = re.compile(r"\d").search
_NOT_DIGIT = re.compile(r"[^\d]+")
_POSSESSIVE = re.compile(r"['\u2019]s$")
CONFLICT_MIN = 3
"""Two sentences' facts conflict when each has some, they share none, and they number at
least this many together: one number changed ("12" / "15") is an update, not another story."""


Facts = tuple[set[str], set[str]]
"""A sentence's numbers and names (see :func:`fact_kinds`)."""


def fact_kinds(sentences: Iterable[list[str]]) -> Facts:
    """The numbers, and the capitalised words other than a sentence's first (names, mostly),
    of ``sentences`` (their words as written), in one pass over the words.

    >>> numbers, names = fact_kinds([["Rivermark", "bought", "Belcourt", "in", "2019", "for", "9"]])
    >>> sorted(numbers), sorted(names)
    (['2019', '9'], ['belcourt'])
    """
    firsts: list[str] = []
    later: set[str] = set()
    for ws in sentences:
        if ws:
            firsts.append(ws[0])
            later.update(ws[1:])
    # Each distinct word is looked at once (a story repeats its names and common words), and
    # once per process (see the lexicons).
    numbers = set(map(_NUMBERS.__getitem__, later.union(firsts)))
    names = set(map(_NAMES.__getitem__, later))
    numbers.discard("")
    names.discard("")
    return numbers, names


def _as_number(word: str) -> str:
    """A word's digits, as a copy may write its number ("$5m" is "5"), or "" for a word
    without any."""
    return _NOT_DIGIT.sub("", word) if not word.isalpha() and _HAS_DIGIT(word) else ""


def _as_name(word: str) -> str:
    """A capitalised word as a name, as a copy may write it ("U.S." is "us", "Ortiz's" is
    "ortiz"), or "" for a word in lower case."""
    return _POSSESSIVE.sub("", word.lower().replace(".", "")) if word[0].isupper() else ""


_NUMBERS = Lexicon(_as_number)
_NAMES = Lexicon(_as_name)


def conflict(a: Facts, b: Facts) -> bool:
    """Whether two sentences' facts, numbers and names together, tell different stories
    (see ``CONFLICT_MIN``)."""
    all_a, all_b = a[0] | a[1], b[0] | b[1]
    if not all_a or not all_b or len(all_a) + len(all_b) < CONFLICT_MIN:
        return False
    return all_a.isdisjoint(all_b)


def conflict_each(a: Facts, b: Facts) -> bool:
    """Whether two sentences differ in their numbers and, apart, in their names: each side has
    both and shares neither ("Shares of Corvane rose 14 percent" / "Shares of Telmark rose 81
    percent").  Stricter than :func:`conflict`, for pairs that nothing but their words
    support: a sentence whose only name is its first word ("Lee arrived in Oslo on Monday." /
    "Lee met Danish officials.") is not another story."""
    return all(x and y and x.isdisjoint(y) for x, y in zip(a, b, strict=True))
