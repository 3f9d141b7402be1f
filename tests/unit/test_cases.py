"""The labelled cases of ``tests/cases``: each one passes, or fails as its file says it does.

A case marked ``known-failure`` runs as a strict xfail: when the engine learns to pass it, the
run fails until the case is marked ``pass``.
"""

from __future__ import annotations

import pytest

from tests.unit.case_harness import CASES_DIR, Case, SnippetError, check_case, find, load_cases

CASES = load_cases()
FIELDS = {
    "sentences", "paragraphs", "rows", "pairs", "not_paired", "added", "removed",
    "boilerplate_a", "boilerplate_b", "content_a", "content_b", "not_moved_a", "added_blocks",
    "verdict", "no_verdict", "kinds", "no_kinds", "counts", "inserted", "min_similarity",
    "min_summary_similarity",
}  # fmt: skip


def _param(case: Case) -> object:
    marks = []
    if case.known_failure:
        marks.append(pytest.mark.xfail(strict=True, reason=case.data["reason"]))
    return pytest.param(case, id=f"{case.suite}:{case.id}", marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: Case) -> None:
    failures = check_case(case).failures
    assert not failures, "\n".join(failures)


def test_cases_are_well_formed() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique across files"
    assert len(CASES) >= 60
    for c in CASES:
        assert c.data["status"] in ("pass", "known-failure"), c.id
        assert c.data["description"], c.id
        assert (c.data["status"] == "known-failure") == bool(c.data.get("reason")), c.id
        assert set(c.expect) <= FIELDS, (c.id, set(c.expect) - FIELDS)
        assert c.expect, c.id


def test_readme_documents_every_field() -> None:
    readme = (CASES_DIR / "README.md").read_text(encoding="utf-8")
    for name in FIELDS | {"id", "description", "status", "reason", "options", "a", "b", "a_demo",
                          "b_demo", "text"}:  # fmt: skip
        assert f"`{name}`" in readme, name


def test_snippets_must_be_unambiguous() -> None:
    texts = ["No comment.", "The mayor spoke.", "No comment."]
    assert find(texts, "mayor") == 1
    assert find(texts, "No comment. #2") == 2
    with pytest.raises(SnippetError):
        find(texts, "No comment.")
    with pytest.raises(SnippetError):
        find(texts, "No comment. #3")
    with pytest.raises(SnippetError):
        find(texts, "absent")
