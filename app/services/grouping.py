"""Which story an incoming article is a version of: an explicit story key, else a near-duplicate
found through the shared MinHash/LSH index, confirmed when the two texts share their names and
numbers and the engine finds one mostly held in the other, else a new story.

The LSH bands live in the database (table ``lsh_band``), so every worker searches one index.
A candidate story is confirmed by comparing the article with the story's base version: that
comparison is the one the story page shows, so it is kept and stored with the new version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ingest.fingerprint import Fingerprint, estimate_containment, key_terms
from app.store.models import LshBand, Story, Version
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
class Placement:
    """Where an article goes: ``story_id`` None means a new story.  ``method`` says how it was
    decided (``story key``, ``near-duplicate``, ``new story``), ``score`` the engine's match
    score in [0, 1] with the base version, and ``comparison`` that comparison (base as A)."""

    story_id: int | None
    method: str
    score: float | None = None
    comparison: Comparison | None = None
    base_id: int | None = None
    seen: tuple[int, ...] = ()
    """The candidate versions the near-duplicate search offered (see candidate_versions)."""


def place_article(
    session: Session, text: str, fp: Fingerprint, story_key: str | None = None
) -> Placement:
    """The story ``text`` belongs to (see the module docstring)."""
    if story_key:
        story = session.scalar(select(Story).where(Story.key == story_key))
        if story is None:
            return Placement(None, "story key")
        placed = _confirmed(session, story.id, text, None, "story key", accept=0.0)
        return placed or Placement(story.id, "story key")
    seen = candidate_versions(session, fp)
    terms = fp.terms or key_terms(text)
    for story_id in candidate_stories(session, fp, seen):
        placed = _confirmed(session, story_id, text, terms, "near-duplicate", accept=ACCEPT_SCORE)
        if placed:
            return replace(placed, seen=seen)
    return Placement(None, "new story", seen=seen)


def candidate_versions(session: Session, fp: Fingerprint) -> tuple[int, ...]:
    """The versions sharing the most LSH bands with ``fp`` (one at least)."""
    shared = func.count().label("shared")
    return tuple(
        session.scalars(
            select(LshBand.version_id)
            .where(LshBand.key.in_(set(fp.band_keys)))
            .group_by(LshBand.version_id)
            .order_by(shared.desc(), LshBand.version_id.desc())
            .limit(CANDIDATE_VERSIONS)
        )
    )


def candidate_stories(session: Session, fp: Fingerprint, versions: tuple[int, ...]) -> list[int]:
    """The stories of ``versions`` whose word sets hold enough of ``fp``'s, most first."""
    if not versions:
        return []
    rows = session.execute(
        select(Version.story_id, Version.fingerprint, Version.shingles).where(
            Version.id.in_(versions)
        )
    ).all()
    best: dict[int, float] = defaultdict(float)
    for story_id, signature, count in rows:
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


def key_term_share(a: Set[str], b: Set[str]) -> float:
    """Share of the smaller set of key terms found in the other, in [0, 1] (1 when either
    text has none: no evidence against)."""
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def _confirmed(
    session: Session, story_id: int, text: str, terms: Set[str] | None, method: str, *,
    accept: float,
) -> Placement | None:  # fmt: skip
    """The placement in ``story_id`` if the engine's match score with its base reaches
    ``accept`` (and, when ``terms`` are given, the key terms are shared)."""
    base = session.execute(
        select(Version.id, Version.text)
        .join(Story, Story.base_version_id == Version.id)
        .where(Story.id == story_id)
    ).first()
    if base is None:
        return None
    if terms is not None and key_term_share(key_terms(base.text), terms) < MIN_KEY_TERM_SHARE:
        return None
    comparison = compare(base.text, text)
    score = match_score(comparison)
    if score < accept:
        return None
    return Placement(story_id, method, round(score, 4), comparison, base.id)
