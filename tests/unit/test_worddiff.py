"""The word diff's encoding: every token gets its own character, and the result spells both
sides exactly."""

from __future__ import annotations

from app.text import WordOp
from app.text.worddiff import inline_diff, inline_diff_limited


def spelled(ops: tuple[WordOp, ...], side: str) -> str:
    keep = {"a": ("equal", "delete"), "b": ("equal", "insert")}[side]
    return "".join(o.text for o in ops if o.op in keep)


def test_more_distinct_words_than_code_points_below_the_surrogates() -> None:
    # 0xD7FF distinct tokens fill U+0001..U+D7FF; the next ones must skip U+D800..U+DFFF,
    # which the C++ library cannot take.
    a = " ".join(f"w{n}" for n in range(0xD800 + 50))
    b = a.replace(" w55300 ", " changed ")
    ops, limited = inline_diff_limited(a, b)
    assert limited  # this many tokens runs under the time limit, and says so
    assert spelled(ops, "a") == a
    assert spelled(ops, "b") == b
    assert [o.text for o in ops if o.op != "equal"] == ["w55300 ", "changed "]


def test_leading_white_space_is_a_token_of_its_own() -> None:
    ops = inline_diff("  Rain fell. ", "\tRain fell.")
    assert spelled(ops, "a") == "  Rain fell. "
    assert spelled(ops, "b") == "\tRain fell."
    assert ("equal", "Rain fell.") in [(o.op, o.text) for o in ops]


def test_a_change_between_equal_pieces_is_one_delete_then_one_insert() -> None:
    # "35" keeps its key but gains a space: on its own that is an insert of " ", which used
    # to sit before the delete of "% " and the insert of "percent ".
    a, b = "It was 35% contained, they said.", "It was 35 percent contained, they said."
    ops = inline_diff(a, b)
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "It was 35"),
        ("delete", "% "),
        ("insert", " percent "),
        ("equal", "contained, they said."),
    ]
    assert spelled(ops, "a") == a
    assert spelled(ops, "b") == b
    kinds = [
        o.op for o in inline_diff("Qin, in a call, urged calm.", "Qin had in a call urged calm.")
    ]
    changes = "".join("=" if k == "equal" else k[0] for k in kinds).split("=")
    assert all(run in ("", "d", "i", "di") for run in changes)
