"""The word diff's encoding: every token gets its own character, and the result spells both
sides exactly."""

from __future__ import annotations

import unicodedata

from app.text import WordOp
from app.text.worddiff import _codes, inline_diff, inline_diff_limited


def spelled(ops: tuple[WordOp, ...], side: str) -> str:
    keep = {"a": ("equal", "delete"), "b": ("equal", "insert")}[side]
    return "".join(o.text for o in ops if o.op in keep)


def test_token_codes_are_distinct_and_never_surrogates() -> None:
    # Private-use code points first (all alike to the diff's boundary scoring), then the
    # rest, never U+D800..U+DFFF, which the C++ library cannot take.
    codes = list(_codes(300_000))
    assert len(set(codes)) == 300_000
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in codes)
    assert all(unicodedata.category(c) == "Co" for c in codes[:137_000])


def test_more_distinct_words_than_code_points_below_the_surrogates() -> None:
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


def test_where_a_repeated_phrase_is_inserted_depends_on_the_words_alone() -> None:
    # "two three" inserted again after itself: the diff may put it before or after the
    # copy it repeats, and it must not matter which token came tenth (its code was once
    # a line break, which the diff prefers to cut at: "three two " was inserted then).
    for filler in ("", "f1 f2 f3 f4 f5 f6 f7 f8 ", "f1 f2 f3 f4 f5 f6 f7 f8 f9 "):
        ops = inline_diff(filler + "one two three four.", filler + "one two three two three four.")
        assert [(o.op, o.text) for o in ops if o.op != "equal"] == [("insert", "two three ")]
