"""The summary of a comparison: similarity, counts, added/removed blocks and a verdict.

Verdicts, decided in this order from the rows (page chrome left out):

- ``identical``: every sentence pairs with an equal one;
- ``cosmetic edits``: every sentence pairs, and pairs differ only in ignored ways;
- ``unrelated``: less than a fifth of either side's words pair with the other side, and
  the other side is not mostly (>= 80 %) paired either (a one-paragraph teaser is a partial
  copy of its long story);
- ``paraphrased copy``: over 60 % of pairs changed (a sentence moved as it was is not a
  change), and a quarter or more of their words (inserted plus deleted, over both sides)
  changed; unless the changed pairs share under half of their names and numbers (of the
  side with fewer, when each has at least four): a spinner keeps those, while another story
  on the same topic ("Voters in Tansey approved a $48 million bond" / "Voters in Marl
  approved a $12 million bond") does not, so it is ``unrelated``; and not when the changed
  pairs share under half of their numbers (next week's forecast by the same writer);
- ``unrelated`` too: over 60 % of pairs changed in fewer words, and they share under 70 % of
  their names (numbers left out: an update changes its figures): two stories written on one
  template, such as two companies' quarterly results;
- ``partial copy``: one side is mostly (>= 80 %) found in the other, but over a fifth of the
  other has no counterpart, and at least half of that lies before the first or after the last
  pair: a trimmed or padded copy;
- ``edited``: anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from app.text.facts import Facts, fact_kinds
from app.text.segment import words
from app.text.types import ROW_KINDS, Block, Document, Row, Summary, Verdict

ONE_SIDED = frozenset({"added", "removed", "boilerplate"})
UNRELATED_COVERAGE = 0.2
PARTIAL_FULL = 0.8
PARTIAL_SHARE = 0.8
PARTIAL_EDGE = 0.5
PARAPHRASE_SHARE = 0.6
PARAPHRASE_CHANGED_WORDS = 0.25
FACTS_SHARED = 0.5
NAMES_SHARED = 0.7
"""An update of a story keeps nearly all its names; two stories on one template share only
the template's (the wire, the data source, the weekday)."""
FACTS_MIN = 4
_SAME = ("equal", "cosmetic")

Kind = Literal["all", "names", "numbers"]
"""Which facts a share counts: numbers, names, or both."""


def summarise(
    rows: Sequence[Row],
    a: Document,
    b: Document,
    words_a: tuple[list[int], list[list[str]]],
    words_b: tuple[list[int], list[list[str]]],
    truncated: str | None,
) -> Summary:
    """Figures for the whole comparison (see the module docstring for the verdict rules).

    ``words_a`` / ``words_b`` are the word counts and the words (as written) of every
    sentence of ``a`` / ``b``.
    """
    wa, written_a = words_a
    wb, written_b = words_b
    counts: dict[str, int] = dict.fromkeys(ROW_KINDS, 0)
    removed_a: list[int] = []
    added_b: list[int] = []
    inserts: list[str] = []
    deletes: list[str] = []
    added = removed = 0
    content_a = content_b = paired_a = paired_b = 0
    weighted = 0.0
    for r in rows:
        kind = r.kind
        counts[kind] += 1
        na, nb = sum(map(wa.__getitem__, r.a)), sum(map(wb.__getitem__, r.b))
        if kind != "boilerplate":
            content_a += na
            content_b += nb
        if kind == "added":
            added += nb
            added_b.extend(r.b)
        elif kind == "removed":
            removed += na
            removed_a.extend(r.a)
        elif kind not in ONE_SIDED:
            paired_a += na
            paired_b += nb
            weighted += (r.similarity or 0.0) * (na + nb)
            for o in r.ops:
                if o.op == "insert":
                    inserts.append(o.text)
                elif o.op == "delete":
                    deletes.append(o.text)
    # Counted in one pass per side: no word spans the spaces they are joined with.
    inserted, deleted = len(words(" ".join(inserts))), len(words(" ".join(deletes)))
    added += inserted
    removed += deleted
    changed_words = inserted + deleted
    total = content_a + content_b
    similarity = weighted / total if total else 1.0
    verdict = _verdict(
        rows,
        counts,
        content_a,
        content_b,
        paired_a,
        paired_b,
        changed_words,
        _edge_share(rows, wa, wb),
        _FactsShared(rows, written_a, written_b),
    )
    return Summary(
        similarity=similarity,
        counts=counts,
        words_added=added,
        words_removed=removed,
        added_blocks=_blocks("b", b, added_b, wb),
        removed_blocks=_blocks("a", a, removed_a, wa),
        verdict=verdict,
        truncated=truncated,
    )


def _verdict(
    rows: Sequence[Row],
    counts: dict[str, int],
    content_a: int,
    content_b: int,
    paired_a: int,
    paired_b: int,
    changed_words: int,
    edge_share: float,
    facts_shared: Callable[[Kind], float | None],
) -> Verdict:
    one_sided = counts["added"] + counts["removed"]
    two_sided = [r for r in rows if r.kind not in ONE_SIDED]
    if not one_sided and all(r.kind == "equal" for r in two_sided):
        return "identical"
    if not one_sided and all(r.kind in ("equal", "cosmetic") for r in two_sided):
        return "cosmetic edits"
    cover_a = paired_a / content_a if content_a else 0.0
    cover_b = paired_b / content_b if content_b else 0.0
    # A teaser of one paragraph pairs little of its long story, but all of itself.
    if min(cover_a, cover_b) < UNRELATED_COVERAGE and max(cover_a, cover_b) < PARTIAL_FULL:
        return "unrelated"
    # A sentence moved as it was is a reorder, not a change of words.
    changed = [r for r in two_sided if r.kind != "equal" and r.similarity != 1.0]
    # Rewording is told from editing by how many words changed, not by pair similarity,
    # which is low for short sentences that differ in one word.
    share = changed_words / (paired_a + paired_b) if paired_a + paired_b else 0.0
    if len(changed) > PARAPHRASE_SHARE * len(two_sided):
        if share >= PARAPHRASE_CHANGED_WORDS:
            # The same story reworded keeps its names and numbers; another story does not.
            facts = facts_shared("all")
            if facts is not None and facts < FACTS_SHARED:
                return "unrelated"
            # A spinner keeps the figures too: a rewrite whose figures all differ (next
            # week's forecast by the same writer) is no copy, whatever else it shares.
            numbers = facts_shared("numbers")
            if numbers is None or numbers >= FACTS_SHARED:
                return "paraphrased copy"
        else:
            # Most pairs differ in a few words: an update of the same story keeps its names
            # (its figures may all change), two stories on one template (two companies'
            # earnings) do not.
            names = facts_shared("names")
            if names is not None and names < NAMES_SHARED:
                return "unrelated"
    if (
        max(cover_a, cover_b) >= PARTIAL_FULL
        and min(cover_a, cover_b) < PARTIAL_SHARE
        and edge_share >= PARTIAL_EDGE
    ):
        return "partial copy"
    return "edited"


class _FactsShared:
    """Share of the names and numbers (or of one kind of them) of the changed pairs'
    sentences on the side with fewer that the other side's have too, or None with under
    ``FACTS_MIN`` on either side.  ``words_*`` are each sentence's words as written; each
    side's facts are collected once, on the first call (most verdicts need none)."""

    def __init__(self, rows: Sequence[Row], words_a: list[list[str]], words_b: list[list[str]]):
        self._rows, self._words = rows, (words_a, words_b)
        self._sides: tuple[Facts, Facts] | None = None

    def __call__(self, kind: Kind) -> float | None:
        if self._sides is None:
            changed = [r for r in self._rows if r.kind not in ONE_SIDED and r.kind not in _SAME]
            wa, wb = self._words
            self._sides = (
                fact_kinds(wa[i] for r in changed for i in r.a),
                fact_kinds(wb[j] for r in changed for j in r.b),
            )
        (numbers_a, names_a), (numbers_b, names_b) = self._sides
        if kind == "numbers":
            facts_a, facts_b = numbers_a, numbers_b
        elif kind == "names":
            facts_a, facts_b = names_a, names_b
        else:
            facts_a, facts_b = numbers_a | names_a, numbers_b | names_b
        fewer = min(len(facts_a), len(facts_b))
        return len(facts_a & facts_b) / fewer if fewer >= FACTS_MIN else None


def _edge_share(rows: Sequence[Row], wa: list[int], wb: list[int]) -> float:
    """Share of the added and removed words that lie before the first or after the last pair:
    a trimmed or padded copy differs at its ends, an edit anywhere."""
    paired = [n for n, r in enumerate(rows) if r.kind not in ONE_SIDED]
    if not paired:
        return 1.0
    edge = total = 0
    for n, r in enumerate(rows):
        if r.kind in ("added", "removed"):
            words_in = sum(wa[i] for i in r.a) + sum(wb[j] for j in r.b)
            total += words_in
            if n < paired[0] or n > paired[-1]:
                edge += words_in
    return edge / total if total else 1.0


def _blocks(
    side: Literal["a", "b"], doc: Document, ids: list[int], wc: list[int]
) -> tuple[Block, ...]:
    """Runs of consecutive sentences among ``ids`` (the added or removed ones of one side)."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        members = set(run)
        touched = sorted({doc.sentences[i].paragraph for i in run})
        paras = tuple(p for p in touched if set(doc.paragraphs[p].sentences) <= members)
        first, last = doc.sentences[run[0]], doc.sentences[run[-1]]
        words_in = sum(wc[i] for i in run)
        out.append(Block(side, tuple(run), paras, first.start, last.end, words_in))
    return tuple(out)
