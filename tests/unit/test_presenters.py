"""Comparison -> view rows: folding, pieces per side, moved links, summary."""

from __future__ import annotations

from app.text import compare
from app.web.presenters import FOLD_EQUAL, FoldView, RowView, percent, present

BASE = "\n\n".join(
    f"Line {n} of the story tells of the harbor in detail number {n}." for n in range(10)
)


def test_long_unchanged_runs_fold_keeping_context() -> None:
    view = present(compare(BASE, BASE + "\n\nA closing line was added here."), "side")
    folds = [b for b in view.blocks if isinstance(b, FoldView)]
    assert len(folds) == 1
    assert folds[0].count == 10 - 2
    assert isinstance(view.blocks[0], RowView)
    assert view.blocks[0].kind == "equal"
    assert isinstance(view.blocks[-1], RowView)
    assert view.blocks[-1].kind == "added"


def test_expand_and_changes_mode() -> None:
    c = compare(BASE, BASE.replace("number 5.", "number five."))
    assert not [b for b in present(c, "side", expand=True).blocks if isinstance(b, FoldView)]
    changes = present(c, "changes").blocks
    assert [b.kind for b in changes if isinstance(b, RowView)] == ["reworded"]
    assert FOLD_EQUAL > 1


def test_pieces_per_side_and_inline() -> None:
    c = compare("The fare rose to $3.", "The fare rose to $4.")
    (row,) = present(c).blocks
    assert isinstance(row, RowView)
    assert "insert" not in {p.op for p in row.left}
    assert "delete" not in {p.op for p in row.right}
    assert [p.op for p in row.merged].count("delete") == 1


def test_moved_rows_link_to_their_place_in_b() -> None:
    a = "Ferries stopped running at noon on Monday. Crews checked the hull for damage. The mayor called for calm."
    b = "Crews checked the hull for damage. The mayor called for calm. Ferries stopped running at noon on Monday."
    rows = [blk for blk in present(compare(a, b), expand=True).blocks if isinstance(blk, RowView)]
    moved = [r for r in rows if r.kind == "moved"]
    assert len(moved) == 1
    assert moved[0].moved_target == 2  # the row holding B's sentence just before it
    assert rows[2].moved_here == (moved[0].index,)  # where the marker is drawn
    changes = [blk for blk in present(compare(a, b), "changes").blocks if isinstance(blk, RowView)]
    assert [r.index for r in changes if r.kind == "equal"] == [2]  # the marker is never folded


def test_summary_and_minimap() -> None:
    view = present(compare(BASE, BASE + "\n\nA closing line was added here."))
    assert view.summary.verdict in ("edited", "partial copy")
    assert ("added", "Added", 1) in view.summary.counts
    assert [m.kind for m in view.minimap] == ["added"]


def test_added_rows_form_one_block() -> None:
    added = (
        "\n\nA new paragraph opens here today. It goes on for a second sentence.\n\nAnd a third."
    )
    rows = [
        b
        for b in present(compare(BASE, BASE + added), expand=True).blocks
        if isinstance(b, RowView)
    ]
    block = [(r.block_start, r.block_end, r.block_size) for r in rows if r.kind == "added"]
    assert block == [(True, False, 3), (False, False, 0), (False, True, 0)]
    assert all(not r.block_start and r.block_size == 0 for r in rows if r.kind == "equal")


def test_a_changed_row_never_reads_100_percent() -> None:
    # Dropping "(AP)" from a long dateline sentence scores about 0.996.
    lead = (
        "Firefighters on Tuesday gained ground against a wildfire that has burned for nine days"
        " in the dry hills above Harbor City and its eastern suburbs, forcing thousands of"
        " residents from their homes and closing two highways, officials said."
    )
    c = compare(f"HARBOR CITY (AP) — {lead}", f"HARBOR CITY — {lead}")
    (row,) = present(c).blocks
    assert isinstance(row, RowView)
    assert row.kind == "reworded"
    score = c.rows[0].similarity
    assert score is not None
    assert 0.995 <= score < 1.0
    assert row.similarity == 99
    assert [percent(x) for x in (1.0, 0.0, 0.004, 0.834)] == [100, 0, 1, 83]
