"""Comparison -> plain view objects for the templates (no engine or ORM objects leak through).

A view is a list of blocks in reading order: a ``RowView`` per alignment row, with runs of
page chrome folded into one ``FoldView`` ("Page chrome · 12 lines") and, outside the
``changes`` mode, long runs of unchanged rows folded into one ``FoldView`` that can be expanded.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from app.text import Comparison, Row

Mode = Literal["side", "inline", "changes"]
MODES: tuple[Mode, ...] = ("side", "inline", "changes")
LABELS = {
    "equal": "Unchanged",
    "cosmetic": "Cosmetic",
    "reworded": "Reworded",
    "split": "Split",
    "merged": "Merged",
    "moved": "Moved",
    "added": "Added",
    "removed": "Removed",
    "boilerplate": "Page chrome",
}
LEGEND = (
    ("reworded", "words changed inside the sentence"),
    ("split", "one sentence became several"),
    ("merged", "several sentences became one"),
    ("moved", "same sentence, another place"),
    ("added", "only in B"),
    ("removed", "only in A"),
    ("cosmetic", "case, quotes or punctuation only"),
    ("boilerplate", "page chrome, not article text"),
)
FOLD_EQUAL = 4
"""Runs of at least this many unchanged rows are folded."""
KEEP_CONTEXT = 1
"""Unchanged rows kept visible on each side of a fold, for context."""


def percent(score: float) -> int:
    """``score`` (0 to 1) as a whole percentage that never reads as all or nothing when it is
    not: a reworded sentence scoring 0.996 shows 99 %, not 100 %, and 0.004 shows 1 %.

    >>> percent(0.996), percent(1.0), percent(0.004), percent(0.0), percent(0.834)
    (99, 100, 1, 0, 83)
    """
    return min(99, max(1, round(100 * score))) if 0.0 < score < 1.0 else round(100 * score)


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of sentence text: ``op`` is ``equal``, ``insert`` or ``delete``."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class RowView:
    index: int
    kind: str
    label: str
    left: list[Piece]
    right: list[Piece]
    merged: list[Piece]
    """Both sides in one run of pieces, for the inline mode."""
    similarity: int | None
    """Percent, for two-sided rows."""
    why: str
    starts_paragraph: bool
    block_start: bool
    """First row of an added or removed block (consecutive one-sided rows of one kind)."""
    block_end: bool
    """Last row of such a block (a lone added sentence is both start and end)."""
    block_size: int
    """On a block's first row, how many rows the block holds; 0 elsewhere."""
    moved_target: int | None = None
    """For moved rows: the row index where the B sentence sits in B's reading order."""
    moved_here: tuple[int, ...] = ()
    """Moved rows whose B sentence sits right after this row (a marker is shown there)."""
    is_change: bool = True


@dataclass(frozen=True, slots=True)
class FoldView:
    """Rows shown collapsed: chrome, or a run of unchanged rows (``first``..``last``)."""

    kind: Literal["boilerplate", "equal"]
    first: int
    last: int
    rows: list[RowView]

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Summary:
    similarity: int
    verdict: str
    counts: list[tuple[str, str, int]]
    """(kind, label, count) for the kinds present."""
    words_added: int
    words_removed: int
    added_blocks: int
    sentences_a: int
    sentences_b: int
    truncated: str | None


@dataclass(frozen=True, slots=True)
class MinimapMark:
    index: int
    kind: str
    top: float
    """Position in percent of the rows."""


@dataclass(slots=True)
class ComparisonView:
    summary: Summary
    blocks: list[RowView | FoldView]
    minimap: list[MinimapMark]
    changes: int
    legend: tuple[tuple[str, str], ...] = LEGEND
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))


def present(c: Comparison, mode: Mode = "side", *, expand: bool = False) -> ComparisonView:
    """Build the view of ``c``: every row, folded for reading unless ``expand``."""
    rows = row_views(c)
    blocks = fold(rows, mode, expand=expand)
    n = max(1, len(rows))
    minimap = [MinimapMark(r.index, r.kind, 100.0 * r.index / n) for r in rows if r.is_change]
    return ComparisonView(summarise(c), blocks, minimap, len(minimap))


def row_views(c: Comparison) -> list[RowView]:
    """One view per alignment row, in reading order."""
    b_row = {j: n for n, r in enumerate(c.rows) for j in r.b}
    out = []
    kinds: list[str] = [r.kind for r in c.rows]
    for n, r in enumerate(c.rows):
        left, right, merged = _pieces(c, r)
        sentences = [c.a.sentences[i] for i in r.a] or [c.b.sentences[j] for j in r.b]
        doc = c.a if r.a else c.b
        first = sentences[0]
        starts_paragraph = doc.paragraphs[first.paragraph].sentences[0] == first.id
        target = None
        if r.kind == "moved":
            # The row holding the B sentence just before this one, found by walking back.
            before = next((j for j in range(r.b[0] - 1, -1, -1) if b_row.get(j) != n), None)
            target = 0 if before is None else b_row[before]
        out.append(
            RowView(
                index=n,
                kind=r.kind,
                label=LABELS[r.kind],
                left=left,
                right=right,
                merged=merged,
                similarity=None if r.similarity is None else percent(r.similarity),
                why=r.why,
                starts_paragraph=starts_paragraph,
                **_block(kinds, n),
                moved_target=target,
                is_change=r.kind not in ("equal", "boilerplate"),
            )
        )
    landing: dict[int, list[int]] = {}
    for view in out:
        if view.moved_target is not None:
            landing.setdefault(view.moved_target, []).append(view.index)
    return [
        replace(v, moved_here=tuple(landing[v.index])) if v.index in landing else v for v in out
    ]


def _block(kinds: list[str], n: int) -> dict[str, Any]:
    """Where row ``n`` sits in its added/removed block, so the block reads as one."""
    kind = kinds[n]
    if kind not in ("added", "removed"):
        return {"block_start": False, "block_end": False, "block_size": 0}
    start = n == 0 or kinds[n - 1] != kind
    size = 0
    if start:
        while n + size < len(kinds) and kinds[n + size] == kind:
            size += 1
    end = n + 1 == len(kinds) or kinds[n + 1] != kind
    return {"block_start": start, "block_end": end, "block_size": size}


def _pieces(c: Comparison, r: Row) -> tuple[list[Piece], list[Piece], list[Piece]]:
    text_a = " ".join(c.a.sentences[i].text for i in r.a)
    text_b = " ".join(c.b.sentences[j].text for j in r.b)
    if not r.ops:
        if r.a and r.b:  # equal rows carry no ops in some producers: show the text
            return [Piece("equal", text_a)], [Piece("equal", text_b)], [Piece("equal", text_b)]
        left = [Piece("delete" if r.kind == "removed" else "equal", text_a)] if r.a else []
        right = [Piece("insert" if r.kind == "added" else "equal", text_b)] if r.b else []
        return left, right, left + right
    merged = [Piece(o.op, o.text) for o in r.ops]
    left = [p for p in merged if p.op != "insert"]
    right = [p for p in merged if p.op != "delete"]
    return left, right, merged


def fold(rows: list[RowView], mode: Mode, *, expand: bool = False) -> list[RowView | FoldView]:
    """Fold chrome runs, and (unless ``expand``) long unchanged runs; ``changes`` mode folds
    every unchanged run."""
    out: list[RowView | FoldView] = []
    k = 0
    while k < len(rows):
        kind = rows[k].kind
        end = k
        # A row that holds a moved-sentence marker stays visible: the marker is a link target.
        while end + 1 < len(rows) and _run_key(rows[end + 1]) == _run_key(rows[k]):
            end += 1
        run = rows[k : end + 1]
        if kind == "boilerplate":
            out.append(FoldView("boilerplate", run[0].index, run[-1].index, run))
        elif (
            _run_key(run[0]) == "equal"
            and not expand
            and (mode == "changes" or len(run) >= FOLD_EQUAL)
        ):
            keep = 0 if mode == "changes" else KEEP_CONTEXT
            out.extend(run[:keep])
            hidden = run[keep : len(run) - keep]
            out.append(FoldView("equal", hidden[0].index, hidden[-1].index, hidden))
            out.extend(run[len(run) - keep :] if keep else [])
        else:
            out.extend(run)
        k = end + 1
    return out


def _run_key(r: RowView) -> str:
    return r.kind + ("*" if r.moved_here else "")


def summarise(c: Comparison) -> Summary:
    s = c.summary
    counts = [(k, LABELS[k], n) for k, n in s.counts.items() if n]
    return Summary(
        similarity=percent(s.similarity),
        verdict=s.verdict,
        counts=counts,
        words_added=s.words_added,
        words_removed=s.words_removed,
        added_blocks=len(s.added_blocks),
        sentences_a=len(c.a.sentences),
        sentences_b=len(c.b.sentences),
        truncated=s.truncated,
    )
