"""Which story an incoming article is a version of: an explicit story key, else a near-duplicate
found through the shared MinHash/LSH index and confirmed by the engine, else a new story.

The LSH bands live in the database (table ``lsh_band``), so every worker searches one index.
A candidate story is confirmed by comparing the article with the story's base version: that
comparison is the one the story page shows, so it is kept and stored with the new version.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ingest.fingerprint import Fingerprint, estimate_containment
from app.store.models import LshBand, Story, Version
from app.text import Comparison, compare
from app.text.segment import words

MIN_SHARED_BANDS = 2
"""Band keys a candidate version must share; one shared band is often chance (J ≈ 0.1)."""
CANDIDATE_VERSIONS = 24
"""Versions, those sharing the most bands, whose fingerprints are examined."""
MIN_CONTAINMENT = 0.3
"""Estimated share of the smaller word set found in the other, in [0, 1], for a story to be
worth confirming with the engine."""
STORIES_CONFIRMED = 3
"""At most this many candidate stories are compared with the article, best first."""
ACCEPT_SCORE = 0.5
"""Engine match score, in [0, 1], from which the article is a version of the story."""
MIN_KEY_TERMS = 0.75
"""Share of the names and numbers of the text with fewer of them that the other must hold, in
[0, 1].  Articles on one topic from one place share its sentence shapes and its place names,
but not their people, figures and dates: versions of one story keep nearly all of them."""
# A word with a digit ("1,200", "9.4", "2026"), or a capitalised word after a space that does
# not follow a sentence's end (so "The" opening a sentence is no name).
_KEY_TERM = re.compile(
    r"[^\W_]*\d[^\W_]*(?:[.,][^\W_]+)*|(?<=[^.!?:\s] )[^\W\d_a-z][^\W_]*(?:['’][^\W_]+)?"
)
_PAIRED = frozenset({"equal", "cosmetic", "reworded", "split", "merged", "moved"})


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
    candidates: tuple[int, ...] = ()
    """The candidate stories the near-duplicate search offered, best first."""


def place_article(
    session: Session, text: str, fp: Fingerprint, story_key: str | None = None
) -> Placement:
    """The story ``text`` belongs to (see the module docstring)."""
    if story_key:
        story = session.scalar(select(Story).where(Story.key == story_key))
        if story is None:
            return Placement(None, "story key")
        return _confirmed(session, story.id, text, "story key", accept=0.0) or Placement(
            story.id, "story key"
        )
    candidates = tuple(candidate_stories(session, fp))
    for story_id in candidates:
        placed = _confirmed(session, story_id, text, "near-duplicate", accept=ACCEPT_SCORE)
        if placed:
            return replace(placed, candidates=candidates)
    return Placement(None, "new story", candidates=candidates)


def candidate_stories(session: Session, fp: Fingerprint) -> list[int]:
    """Stories holding versions whose word sets overlap ``fp``'s, most contained first."""
    shared = func.count().label("shared")
    rows = session.execute(
        select(LshBand.version_id, shared)
        .where(LshBand.key.in_(set(fp.band_keys)))
        .group_by(LshBand.version_id)
        .having(shared >= MIN_SHARED_BANDS)
        .order_by(shared.desc(), LshBand.version_id.desc())
        .limit(CANDIDATE_VERSIONS)
    ).all()
    if not rows:
        return []
    versions = session.execute(
        select(Version.story_id, Version.fingerprint, Version.shingles).where(
            Version.id.in_([vid for vid, _ in rows])
        )
    ).all()
    best: dict[int, float] = defaultdict(float)
    for story_id, signature, count in versions:
        if signature is None:
            continue
        score = estimate_containment(fp, Fingerprint(signature, count or 0))
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


def key_terms(text: str) -> set[str]:
    """The names and numbers of ``text``: capitalised words not opening a sentence, and words
    with digits.

    >>> sorted(key_terms("The mayor, Ada Brook, cut 12 jobs. Officials in Lorn agreed."))
    ['12', 'Ada', 'Brook', 'Lorn']
    """
    return set(_KEY_TERM.findall(text))


def key_term_share(a: set[str], b: set[str]) -> float:
    """Share of the smaller set of key terms found in the other, in [0, 1] (1 when either
    text has none: no evidence against)."""
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def _confirmed(
    session: Session, story_id: int, text: str, method: str, *, accept: float
) -> Placement | None:
    base = session.execute(
        select(Version.id, Version.text)
        .join(Story, Story.base_version_id == Version.id)
        .where(Story.id == story_id)
    ).first()
    if base is None:
        return None
    if accept and key_term_share(key_terms(base.text), key_terms(text)) < MIN_KEY_TERMS:
        return None
    comparison = compare(base.text, text)
    score = match_score(comparison)
    if score < accept:
        return None
    return Placement(story_id, method, round(score, 4), comparison, base.id)
