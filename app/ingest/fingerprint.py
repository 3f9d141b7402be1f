"""MinHash fingerprints of article texts for near-duplicate search, with LSH band keys.

A fingerprint is the MinHash signature of the set of the text's key terms: its names and
numbers (capitalised words not opening a sentence, words with digits), weekdays and months
left out.  Versions of one story keep nearly all of them, even spun ones that swap every
other word; articles on the same topic from the same place share the place but not the
people, figures and dates.  And they are rare words, so LSH buckets stay small.  A text with
fewer than ``MIN_KEY_TERMS`` of them (a short brief) uses its content words instead.

Two versions can fall on either side of that line (a trimmed copy keeps four of an original's
seven names), and sets of different kinds share nothing.  So a text with at least
``ALTERNATE_MIN_TERMS`` key terms also gets a fingerprint of the other kind, its
``alternate``, which a near-duplicate search looks up as well; only the first is stored.

Two texts whose sets have Jaccard similarity J share at least one of the ``BANDS`` band keys
with probability ``1 - (1 - J**ROWS)**BANDS``: 0.996 at J = 0.5, 0.29 at J = 0.2, 0.04 at
J = 0.1; the engine confirms what is found.

>>> a = fingerprint("Mayor Ada Brook of Orrick said the Tolland Street budget passed 7-2.")
>>> b = fingerprint("The Tolland Street budget passed 7-2, Orrick Mayor Ada Brook said.")
>>> estimate_containment(a, b) > 0.6, len(a.band_keys) == BANDS
(True, True)
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 126
"""Hash functions in a signature."""
ROWS = 3
"""Signature values per LSH band."""
BANDS = NUM_PERM // ROWS
"""LSH bands, each one key in the shared index."""
SEED = 20_261_201
MIN_KEY_TERMS = 6
"""Fewer key terms than this and the content words make the set instead."""
ALTERNATE_MIN_TERMS = 2
"""Key terms a text needs for a search by the other kind of set too (one alone is no set)."""
_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*")
# A word with a digit ("1,200", "9.4", "2026"), or a capitalised word after a space that does
# not follow a sentence's end (so "The" opening a sentence is no name).
_KEY_TERM = re.compile(
    r"[^\W_]*\d[^\W_]*(?:[.,][^\W_]+)*|(?<=[^.!?:\s] )[^\W\d_a-z][^\W_]*(?:['’][^\W_]+)?"
)
_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December""".split()
)
_STOP = frozenset(
    """the and for that with from this was were are has have had but not its their they them
    his her she him who which what when where will would can could said says also been into
    than then there these those about after before over under more most such other our out
    one two new all any may just only very per via""".split()
)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A text's MinHash signature (``NUM_PERM`` unsigned 32-bit values) and its set size."""

    signature: bytes
    shingles: int
    terms: frozenset[str] = field(default=frozenset(), compare=False)
    """The text's key terms, when the fingerprint was just made from it (not stored)."""
    alternate: Fingerprint | None = field(default=None, compare=False)
    """The text's fingerprint by the other kind of set, when just made (not stored)."""

    @property
    def band_keys(self) -> tuple[int, ...]:
        """The ``BANDS`` keys of the LSH index, signed 64-bit (one per band)."""
        return band_keys(self.signature)

    @property
    def search_keys(self) -> tuple[int, ...]:
        """The band keys to look near-duplicates up by: this fingerprint's and its
        alternate's."""
        if self.alternate is None:
            return self.band_keys
        return self.band_keys + self.alternate.band_keys

    def kinds(self) -> tuple[Fingerprint, ...]:
        """This fingerprint and, if it has one, its alternate."""
        return (self,) if self.alternate is None else (self, self.alternate)


def key_terms(text: str) -> set[str]:
    """The names and numbers of ``text`` (see the module docstring).

    >>> sorted(key_terms("The mayor, Ada Brook, cut 12 jobs on Monday. Officials in Lorn agreed."))
    ['12', 'Ada', 'Brook', 'Lorn']
    """
    return set(_KEY_TERM.findall(text)) - _CALENDAR


def shingles(text: str, terms: set[str] | None = None) -> set[bytes]:
    """The set the signature is made of: the key terms (``terms`` when already known), or for
    a text with few of them its content words (lower-cased, stop words and one- and
    two-letter words left out)."""
    terms = key_terms(text) if terms is None else terms
    return _term_set(terms) if len(terms) >= MIN_KEY_TERMS else _word_set(text)


def _term_set(terms: set[str]) -> set[bytes]:
    return {t.encode() for t in terms}


def _word_set(text: str) -> set[bytes]:
    return {
        w.encode()
        for w in _WORD.findall(text.lower())
        if (len(w) > 2 or w.isdigit()) and w not in _STOP
    }


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of ``text``, with its alternate (see the module docstring); an empty
    text has an all-maximum signature."""
    terms = key_terms(text)
    alternate = None
    if len(terms) >= ALTERNATE_MIN_TERMS:
        other = _word_set(text) if len(terms) >= MIN_KEY_TERMS else _term_set(terms)
        alternate = _sketch(other)
    return _sketch(shingles(text, terms), frozenset(terms), alternate)


def _sketch(
    items: set[bytes], terms: frozenset[str] = frozenset(), alternate: Fingerprint | None = None
) -> Fingerprint:
    sketch = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32",
                     hashfunc=zlib.crc32)  # fmt: skip
    sketch.update_batch(items)
    signature = sketch.hashvalues.astype("<u4").tobytes()
    return Fingerprint(signature, len(items), terms, alternate)


@lru_cache(maxsize=1024)  # an article's keys are asked for while placing it and storing it
def band_keys(signature: bytes) -> tuple[int, ...]:
    """LSH keys of a signature: a 64-bit hash of each band's values and the band's number."""
    width = 4 * ROWS
    return tuple(
        int.from_bytes(
            hashlib.blake2b(signature[i : i + width], digest_size=8, salt=bytes([n])).digest(),
            "little",
            signed=True,
        )
        for n, i in enumerate(range(0, 4 * NUM_PERM, width))
    )


def estimate_jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two word sets, in [0, 1]."""
    if not a.shingles or not b.shingles:
        return 0.0
    same = np.frombuffer(a.signature, "<u4") == np.frombuffer(b.signature, "<u4")
    return float(same.mean())


def best_containment(a: Fingerprint, b: Fingerprint) -> float:
    """:func:`estimate_containment` of the two texts' sets of the same kind: the highest over
    both fingerprints' kinds (sets of different kinds share next to nothing)."""
    return max(estimate_containment(x, y) for x in a.kinds() for y in b.kinds())


def estimate_containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller word set found in the other one, in [0, 1].

    From J = |A∩B| / |A∪B| and the set sizes: |A∩B| = J (|A| + |B|) / (1 + J)."""
    j = estimate_jaccard(a, b)
    smaller = min(a.shingles, b.shingles)
    if not smaller:
        return 0.0
    return min(1.0, j * (a.shingles + b.shingles) / ((1 + j) * smaller))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutation parameters, drawn once per process (MinHash would redraw them)."""
    perms: tuple[np.ndarray, np.ndarray] = MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme="affine32"
    ).permutations
    return perms
