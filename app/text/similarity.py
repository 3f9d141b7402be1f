"""Pair scores in [0, 1] for sentences of two documents, and the candidates worth scoring.

A score mixes two signals, each in [0, 1]:

- ``containment``: the rarity-weighted share of the shorter side's word stems found in the
  other side.  Names, numbers and rare content words carry most weight, so a paraphrase that
  swaps every common word ("cool exploding tensions" / "defuse escalating tensions") still
  scores; and half of a split sentence is almost fully contained in its original.
- ``cosine``: cosine of the sets of character 3-grams of the content words (the grams two
  sentences share over the root of the product of their numbers), which sees spelling
  variants and inflections (``U.S.`` / ``US``, ``communication`` / ``communications``) and
  compound splits (``cybersecurity`` / ``cyber security``).  Sets rather than counts: sets are
  built and intersected in C, which cut the work on the seed pair by 8 %, and on every
  labelled case they pair the same sentences as counts did.

``score = 0.5 * containment + 0.5 * cosine``.  Rarity is the inverse sentence frequency over
both documents.  Candidates come from an inverted index of each sentence's rarest stems, so
the cost grows with the number of sentences times a small constant, never with n x m.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain

from app.text.facts import Facts, conflict, conflict_each, fact_kinds
from app.text.lexicon import Lexicon
from app.text.normalize import INVISIBLE, fold_quotes
from app.text.segment import words
from app.text.stemming import SYNONYMS, stem
from app.text.types import Document

STOP_WORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being it "
    "its this that these those he she they them his her their we our you your i me my not no "
    "so if than then there here has have had do does did will would can could should may might "
    "who whom which what when where while also into over about after before said says say".split()
)
CONTAINMENT_WEIGHT = 0.5
SHORT_STEMS = 2
"""Containment in a sentence with fewer content stems than this is scaled down."""
CONTAINMENT_FLOOR = 0.15
"""Pairs sharing less than this (weighted) are scored on containment alone, in [0, 1]."""
POSTING_CAP = 50
"""Stems found in more sentences than this are too common to find candidates with; a fixed
cap keeps the cost per sentence constant however long the texts."""
PROBE_STEMS = 6
"""How many of a sentence's rarest stems (among those the other side has) are looked up."""
SHAPE_MIN_WORDS = 3
SHAPE_SHARE = 0.75
"""Two sentences are built alike when at least ``SHAPE_MIN_WORDS`` of their function words,
and this share of them, match in order (and neither is ``SHAPE_LENGTH_RATIO`` times longer)."""
SHAPE_LENGTH_RATIO = 1.5
_ARTICLE = {"an": "a"}
_SHOWN = str.maketrans(dict.fromkeys(INVISIBLE))
"""Drops the invisible characters from a word."""
_GRAM = re.compile(r"(?=(...))", re.DOTALL)
"""Every run of three characters, overlapping (in C: a fifth cheaper than slicing)."""


def prepare(text: str) -> list[str]:
    """The words of a sentence as the scorer sees them: quotes folded, lower case.

    >>> prepare("The planet’s U.S.-China TALKS")
    ['the', "planet's", 'u.s', 'china', 'talks']
    """
    return list(map(str.lower, words(fold_quotes(text))))


def prepare_all(
    doc: Document, known: dict[str, tuple[list[str], list[str]]] | None = None
) -> tuple[list[list[str]], list[list[str]]]:
    """:func:`prepare` for every sentence of ``doc``, folding the whole text once; and the
    same words as written (quotes folded), which keep the capitals of names.

    ``known`` maps sentence texts to their words: pass one dict for both documents of a pair
    and each sentence they share (most of a revision) is split into words once.  The lists
    are shared, so callers must not change them.
    """
    folded = fold_quotes(doc.text)  # as long as the text: each quote is one character
    if known is None:
        known = {}
    # A soft hyphen or a zero-width space inside a word is no part of it ("com\u00adpany").
    hidden = any(ch in folded for ch in INVISIBLE)
    lowered, written = [], []
    for s in doc.sentences:
        pair = known.get(s.text)
        if pair is None:
            # Lower-cased word by word, not as a whole text, where a few characters would
            # become two code points and move every offset after them.
            ws = words(folded[s.start : s.end])
            if hidden:
                ws = [w.translate(_SHOWN) for w in ws]
            pair = known[s.text] = (list(map(str.lower, ws)), ws)
        lowered.append(pair[0])
        written.append(pair[1])
    return lowered, written


@dataclass(slots=True)
class _Features:
    stems: frozenset[str]
    words: list[str]
    """The sentence's prepared words, in order."""
    weight: float = 0.0
    """Sum of the stems' rarities."""
    grams: frozenset[str] | None = None
    """The character 3-grams of the content words, built on first use."""
    norm: float = 0.0
    rare: tuple[str, ...] | None = None
    """The stems, rarest first (sorted when first needed: most sentences never are)."""


class Scorer:
    """Scores pairs and groups of sentences between side A and side B.

    ``words_a`` / ``words_b`` are the prepared words of the sentences to align (page
    chrome already removed), indexed from 0 on each side.  All scores are in [0, 1].

    >>> a = [prepare(t) for t in ("Rain fell on Paris.", "Markets rose 3 percent.")]
    >>> b = [prepare(t) for t in ("Markets climbed 3 percent.", "Paris saw rain.")]
    >>> s = Scorer(a, b)
    >>> s.score(0, 1) > 0.4 and s.score(0, 0) < 0.1
    True
    """

    def __init__(
        self,
        words_a: Sequence[list[str]],
        words_b: Sequence[list[str]],
        written: tuple[Sequence[list[str]], Sequence[list[str]]] | None = None,
    ) -> None:
        # Per distinct sentence, once: its features (a revision repeats most of its
        # sentences); each word's stems and 3-grams come from the process's lexicon.
        distinct: dict[tuple[str, ...], _Features] = {}
        self.a = [self._features(ws, distinct) for ws in words_a]
        self.b = [self._features(ws, distinct) for ws in words_b]
        df = Counter(chain.from_iterable(f.stems for f in chain(self.a, self.b)))
        n = len(self.a) + len(self.b)
        # Few distinct counts (most stems are in one or two sentences): one log per count.
        rarity = {c: math.log((n + 1) / (c + 0.5)) for c in set(df.values())}
        self._idf = dict(zip(df, map(rarity.__getitem__, df.values()), strict=True))
        for f in distinct.values():
            f.weight = self._weigh(f.stems)
        self._written = written
        """Each sentence's words as written (with capitals), for its facts."""
        self._pair_cache: dict[tuple[int, int], float] = {}
        self._group_cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._fact_cache: tuple[dict[int, Facts], dict[int, Facts]] = ({}, {})

    def _features(self, ws: list[str], distinct: dict[tuple[str, ...], _Features]) -> _Features:
        """The features of a sentence with words ``ws``, shared by sentences with the same."""
        key = tuple(ws)
        f = distinct.get(key)
        if f is None:
            stems = frozenset(chain.from_iterable(map(_STEMS.__getitem__, ws)))
            f = distinct[key] = _Features(stems, ws)
        return f

    # -- candidates -------------------------------------------------------------------------

    def candidate_pairs(
        self, a_ids: Sequence[int], b_ids: Sequence[int], k: int
    ) -> list[tuple[int, int]]:
        """Pairs (i, j) worth scoring: each sentence's top ``k`` partners on the other side by
        shared rare stems, looked up from both sides so that swapping A and B finds the same
        pairs.  Posting lists of very common stems are skipped."""
        pairs = {
            (i, j)
            for i, js in _top_partners(self.a, self.b, a_ids, b_ids, self._idf, k).items()
            for j in js
        }
        pairs.update(
            (i, j)
            for j, is_ in _top_partners(self.b, self.a, b_ids, a_ids, self._idf, k).items()
            for i in is_
        )
        return sorted(pairs)

    # -- scores -----------------------------------------------------------------------------

    def score(self, i: int, j: int) -> float:
        """Score of A sentence ``i`` against B sentence ``j`` (computed once: the moves and the
        groups look again at pairs that the candidates had)."""
        cached = self._pair_cache.get((i, j))
        if cached is None:
            cached = self._pair_cache[i, j] = self._combine(self.a[i], self.b[j])
        return cached

    def score_group(self, a_ids: Sequence[int], b_ids: Sequence[int]) -> float:
        """Score of the concatenated A sentences against the concatenated B sentences."""
        key = (tuple(a_ids), tuple(b_ids))
        cached = self._group_cache.get(key)
        if cached is None:
            fa = self._merge([self.a[i] for i in a_ids])
            fb = self._merge([self.b[j] for j in b_ids])
            cached = self._group_cache[key] = self._combine(fa, fb)
        return cached

    def contained_b(self, j: int, i: int) -> float:
        """Weighted share of B sentence ``j``'s stems found in A sentence ``i``."""
        return self._share(self.b[j], self.a[i])

    def contained_a(self, i: int, j: int) -> float:
        """Weighted share of A sentence ``i``'s stems found in B sentence ``j``."""
        return self._share(self.a[i], self.b[j])

    def cover_a(self, i: int, b_ids: Sequence[int]) -> float:
        """Weighted share of A sentence ``i``'s stems found in B sentences ``b_ids``."""
        return self._share(self.a[i], self._merge([self.b[j] for j in b_ids]))

    def cover_b(self, j: int, a_ids: Sequence[int]) -> float:
        """Weighted share of B sentence ``j``'s stems found in A sentences ``a_ids``."""
        return self._share(self.b[j], self._merge([self.a[i] for i in a_ids]))

    def containment(self, i: int, j: int) -> float:
        """Weighted share of the shorter sentence's stems found in the other, in [0, 1]."""
        return self._containment(self.a[i], self.b[j])

    def same_shape(self, i: int, j: int) -> bool:
        """Whether A sentence ``i`` and B sentence ``j`` are built alike: about as many words,
        and mostly the same function words in the same order.  A spinner swaps the content
        words of "The others were treated at the scene." and keeps its frame ("The remainder
        were handled at the site."); an unrelated sentence seldom has the same frame."""
        wa, wb = self.a[i].words, self.b[j].words
        if not wa or not wb or max(len(wa), len(wb)) > SHAPE_LENGTH_RATIO * min(len(wa), len(wb)):
            return False
        # "a" and "an" are one article: a spinner's new word ("a very" / "an extremely") picks it.
        frame_a = [_ARTICLE.get(w, w) for w in wa if w in STOP_WORDS]
        frame_b = [_ARTICLE.get(w, w) for w in wb if w in STOP_WORDS]
        # In a fixed order: the matcher's answer can depend on which sequence comes first.
        first, second = sorted((frame_a, frame_b))
        matcher = SequenceMatcher(None, first, second, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        return same >= SHAPE_MIN_WORDS and 2 * same >= SHAPE_SHARE * (len(frame_a) + len(frame_b))

    def facts_conflict(self, i: int, j: int) -> bool:
        """Whether A sentence ``i`` and B sentence ``j`` name different people, places and
        numbers (see :func:`~app.text.facts.conflict`): a rewording keeps them, another
        story on the same template does not."""
        return conflict(self._facts(0, i), self._facts(1, j))

    def shares_number(self, i: int, j: int) -> bool:
        """Whether A sentence ``i`` and B sentence ``j`` have a number in common (as facts
        write them: "$60m" and "60" are one)."""
        return not self._facts(0, i)[0].isdisjoint(self._facts(1, j)[0])

    def other_story(self, i: int, j: int) -> bool:
        """Whether A sentence ``i`` and B sentence ``j`` differ both in their numbers and in
        their names (see :func:`~app.text.facts.conflict_each`)."""
        return conflict_each(self._facts(0, i), self._facts(1, j))

    def _facts(self, side: int, k: int) -> Facts:
        cached = self._fact_cache[side].get(k)
        if cached is None:
            written = self._written[side][k] if self._written is not None else []
            cached = self._fact_cache[side][k] = fact_kinds([written])
        return cached

    def _merge(self, parts: list[_Features]) -> _Features:
        if len(parts) == 1:
            return parts[0]
        stems = frozenset().union(*(p.stems for p in parts))
        # The parts' words in order: their 3-grams are the union of the parts' grams.
        words = list(chain.from_iterable(p.words for p in parts))
        return _Features(stems, words, self._weigh(stems))

    def _weigh(self, stems: frozenset[str]) -> float:
        # A set of strings iterates in an order that changes with the process's hash seed, and
        # a float sum depends on its order: fsum is exact, so a pair scores 1.0 (or ties with
        # another) in every process or in none.
        return math.fsum(map(self._idf.__getitem__, stems))

    def _share(self, part: _Features, whole: _Features) -> float:
        if part.weight <= 0.0:
            return 0.0
        common = part.stems & whole.stems
        if len(common) == len(part.stems):
            return 1.0  # the same set, so the same exact sum
        return self._weigh(common) / part.weight

    def _containment(self, fa: _Features, fb: _Features) -> float:
        short, other = (fa, fb) if fa.weight <= fb.weight else (fb, fa)
        if short.weight <= 0.0:
            return 0.0
        common = short.stems & other.stems
        # All of the short side is shared: the same set, so the same exact sum.
        share = 1.0 if len(common) == len(short.stems) else self._weigh(common) / short.weight
        # A sentence of a single content word ("the bay.") is trivially contained in many.
        return share * min(1.0, len(short.stems) / SHORT_STEMS)

    def _combine(self, fa: _Features, fb: _Features) -> float:
        cont = self._containment(fa, fb)
        if cont < CONTAINMENT_FLOOR:
            return cont  # too little in common to be worth the 3-gram sets
        dot = len(self._gram_set(fa) & self._gram_set(fb))
        cos = min(1.0, dot / (fa.norm * fb.norm))
        return CONTAINMENT_WEIGHT * cont + (1.0 - CONTAINMENT_WEIGHT) * cos

    def _gram_set(self, f: _Features) -> frozenset[str]:
        if f.grams is None:
            # Content words only (those with stems): rarity already weighs in through
            # containment.  Weighting each word's grams by its rarity separated pairs from
            # non-pairs no better on the seed pair, at twice the cost.
            content_words = filter(_STEMS.__getitem__, f.words)
            f.grams = frozenset(chain.from_iterable(map(_GRAMS.__getitem__, content_words)))
            f.norm = math.sqrt(len(f.grams)) or 1.0
        return f.grams


def _content_stems(word: str) -> tuple[str, ...]:
    """The stems of ``word`` that carry content (stop words left out, before and after
    stemming: "this" and "says" are both)."""
    if word in STOP_WORDS:
        return ()
    own = stem(word)
    if own in SYNONYMS or "-" in word:
        return tuple(st for st in _word_stems(word, own) if st not in STOP_WORDS)
    return () if own in STOP_WORDS else (own,)


def _word_stems(word: str, own: str) -> tuple[str, ...]:
    """The stems a word counts as: its own (``own``), its synonym group's, and its parts' if
    hyphenated ("decades-old" is "decades" and "old" too)."""
    out = [own, SYNONYMS[own]] if own in SYNONYMS else [own]
    if "-" in word:
        out.extend(stem(part) for part in word.split("-") if part)
    return tuple(out)


def _word_grams(word: str) -> tuple[str, ...]:
    """The character 3-grams of ``word``, with a space at each end ("ab" has " ab", "ab ")."""
    return tuple(_GRAM.findall(f" {word} "))


_STEMS = Lexicon(_content_stems)
"""Each word's content stems (see :func:`_content_stems`)."""
_GRAMS = Lexicon(_word_grams)
"""Each content word's character 3-grams (see :func:`_word_grams`)."""


def _top_partners(
    side: list[_Features],
    other: list[_Features],
    ids: Sequence[int],
    other_ids: Sequence[int],
    idf: dict[str, float],
    k: int,
) -> dict[int, list[int]]:
    index: dict[str, list[int]] = {}
    for j in other_ids:
        for s in other[j].stems:
            index.setdefault(s, []).append(j)
    cap = POSTING_CAP
    out: dict[int, list[int]] = {}
    for i in ids:
        acc: dict[int, float] = {}
        probes = 0
        # The rarest stems that the other side has at all: in a paraphrase the rarest words of
        # a sentence are often exactly the ones that were swapped out.
        f = side[i]
        if f.rare is None:
            # Equally rare stems in a fixed order (not the set's): which ones are probed.  The
            # sort is stable, also in reverse, so the first sort decides ties.
            f.rare = tuple(sorted(sorted(f.stems), key=idf.__getitem__, reverse=True))
        for s in f.rare:
            posting = index.get(s)
            if posting is None or len(posting) > cap:
                continue
            w = idf[s]
            for j in posting:
                acc[j] = acc.get(j, 0.0) + w
            probes += 1
            if probes == PROBE_STEMS:
                break
        if acc:
            # Best first, ties by position: the ids sorted first, and a stable sort keeps their
            # order (heapq.nlargest gives the same, but its Python code costs more on so few).
            out[i] = sorted(sorted(acc), key=acc.__getitem__, reverse=True)[:k]
    return out
