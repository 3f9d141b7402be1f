"""Per-word results kept between comparisons: each a pure function of a word.

News copy repeats its vocabulary from story to story, and most of a story's words from one
version to the next, so after the first comparisons most words are known and their stems and
3-grams are looked up instead of computed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

LEXICON_MAX = 30_000
"""Words each lexicon keeps: a long story has a few thousand distinct words, and the 1 MB
bench pair's 13,000 take 4 MB in the stems' and 3-grams' lexicons together."""

V = TypeVar("V")
_ALL: list[Lexicon[Any]] = []


class Lexicon(dict[str, V], Generic[V]):
    """``compute(word)``, computed on first use and kept, up to ``LEXICON_MAX`` words: then
    emptied and filled anew, which bounds its memory.  Look-ups go through ``__getitem__``
    (``map(lexicon.__getitem__, words)`` runs in C for every known word)."""

    def __init__(self, compute: Callable[[str], V]) -> None:
        super().__init__()
        self._compute = compute
        _ALL.append(self)

    def __missing__(self, word: str) -> V:
        if len(self) >= LEXICON_MAX:
            self.clear()
        value = self[word] = self._compute(word)
        return value


def clear_lexicons() -> None:
    """Forget every word (the benchmarks time a first comparison this way)."""
    for lexicon in _ALL:
        lexicon.clear()
