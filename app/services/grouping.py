"""Which story an incoming article is a version of: an explicit story key, else a near-duplicate
found through the MinHash/LSH index, confirmed when the two texts share their names and
numbers and the engine finds one mostly held in the other, else a new story.

The decision asks an :class:`Index` (the stored stories and versions, and the articles of the
same batch decided before this one; see :mod:`batch_index`).  A candidate story is confirmed
by comparing the article with the story's base version: that comparison is the one the story
page shows, so it is kept and stored with the new version.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from typing import Protocol

from app.ingest.fingerprint import Fingerprint, best_containment, key_terms
from app.text import Comparison, compare
from app.text.segment import words

CANDIDATE_VERSIONS = 24
"""Versions, those sharing the most bands, whose fingerprints are examined."""
MIN_CONTAINMENT = 0.3
"""Estimated share of the smaller word set found in the other, in [0, 1], for a story to be
worth confirming with the engine."""
STORIES_CONFIRMED = 3
"""At most this many candidate stories are compared with the article, best first."""
ACCEPT_SCORE = 0.5
"""Engine match score, in [0, 1], from which the article is a version of the story."""
MIN_KEY_TERM_SHARE = 0.75
"""Share of the names and numbers of the text with fewer of them that the other must hold, in
[0, 1].  Articles on one topic from one place share its sentence shapes and its place names,
but not their people, figures and dates: versions of one story keep nearly all of them."""
_PAIRED = frozenset({"equal", "cosmetic", "reworded", "split", "merged", "moved"})


@dataclass(frozen=True, slots=True)
class Base:
    """A story's base version: its id, text and key terms."""

    id: int
    text: str
    terms: frozenset[str]


class Index(Protocol):
    """What placing an article asks about the stories known so far.  Ids are those of stored
    stories and versions, or stand-ins for ones decided but not stored yet."""

    def story_by_key(self, key: str) -> int | None: ...

    def candidate_versions(self, fp: Fingerprint) -> list[int]:
        """The versions sharing the most LSH bands with ``fp`` (one at least), at most
        ``CANDIDATE_VERSIONS``, newest first among equals (see :func:`most_shared`)."""
        ...

    def fingerprints(self, versions: Iterable[int]) -> list[tuple[int, Fingerprint]]:
        """(story, fingerprint) of each of ``versions`` that has one."""
        ...

    def base(self, story_id: int) -> Base | None: ...


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an article goes: ``story_id`` None means a new story.  ``method`` says how it was
    decided (``story key``, ``near-duplicate``, ``new story``), ``score`` the engine's match
    score in [0, 1] with the base version, and ``comparison`` that comparison (base as A)."""

    story_id: int | None
    method: str
    score: float | None = None
    comparison: Comparison | None = None
    base_id: int | None = None


def place_article(
    index: Index, text: str, fp: Fingerprint, story_key: str | None = None,
    compared: dict[str, tuple[Comparison, float]] | None = None,
) -> Placement:  # fmt: skip
    """The story ``text`` belongs to (see the module docstring).  ``compared`` keeps the
    engine's comparisons of ``text`` and their match scores by base text, for placing it
    again cheaply (after other workers stored versions meanwhile)."""
    compared = {} if compared is None else compared
    if story_key:
        story_id = index.story_by_key(story_key)
        if story_id is None:
            return Placement(None, "story key")
        placed = _confirmed(index, story_id, text, None, compared, "story key", accept=0.0)
        return placed or Placement(story_id, "story key")
    terms = fp.terms or frozenset(key_terms(text))
    for story_id in candidate_stories(index, fp, index.candidate_versions(fp)):
        placed = _confirmed(
            index, story_id, text, terms, compared, "near-duplicate", accept=ACCEPT_SCORE
        )
        if placed:
            return placed
    return Placement(None, "new story")


def most_shared(shared: Counter[int], newer: Callable[[int], int]) -> list[int]:
    """The ``CANDIDATE_VERSIONS`` versions with the most shared bands (``shared`` counts
    them), ties going to the newest (``newer`` ranks them: higher is newer)."""
    ranked = sorted(shared, key=lambda v: (-shared[v], -newer(v)))
    return ranked[:CANDIDATE_VERSIONS]


def candidate_stories(index: Index, fp: Fingerprint, versions: list[int]) -> list[int]:
    """The stories of ``versions`` whose word sets hold enough of ``fp``'s, most first."""
    best: dict[int, float] = defaultdict(float)
    for story_id, other in index.fingerprints(versions):
        score = best_containment(fp, other)
        if score >= MIN_CONTAINMENT:
            best[story_id] = max(best[story_id], score)
    return sorted(best, key=lambda s: -best[s])[:STORIES_CONFIRMED]


def match_score(comparison: Comparison) -> float:
    """How much of one text the other holds, in [0, 1]: the larger of the two sides' shares
    of words in paired sentences, each weighted by its pair's similarity (page chrome left
    out).  A trimmed, padded or spun copy scores high on one side at least; two articles on
    the same topic pair few sentences, and those weakly."""
    shares = []
    for side in ("a", "b"):
        doc = comparison.a if side == "a" else comparison.b
        total = held = 0.0
        for row in comparison.rows:
            if row.kind == "boilerplate":
                continue
            ids = row.a if side == "a" else row.b
            n = sum(len(words(doc.sentences[i].text)) for i in ids)
            total += n
            if row.kind in _PAIRED:
                held += n * (row.similarity if row.similarity is not None else 1.0)
        shares.append(held / total if total else 0.0)
    return max(shares)


def key_term_share(a: Set[str], b: Set[str]) -> float:
    """Share of the smaller set of key terms found in the other, in [0, 1] (1 when either
    text has none: no evidence against)."""
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def _confirmed(
    index: Index, story_id: int, text: str, terms: Set[str] | None,
    compared: dict[str, tuple[Comparison, float]], method: str, *, accept: float,
) -> Placement | None:  # fmt: skip
    """The placement in ``story_id`` if the engine's match score with its base reaches
    ``accept`` (and, when ``terms`` are given, the key terms are shared)."""
    base = index.base(story_id)
    if base is None:
        return None
    if terms is not None and key_term_share(base.terms, terms) < MIN_KEY_TERM_SHARE:
        return None
    if base.text not in compared:
        comparison = compare(base.text, text)
        compared[base.text] = comparison, match_score(comparison)
    comparison, score = compared[base.text]
    if score < accept:
        return None
    return Placement(story_id, method, round(score, 4), comparison, base.id)
