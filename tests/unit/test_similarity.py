"""The scorer's view of sentences: words found once per distinct sentence text."""

from __future__ import annotations

from app.text.segment import segment
from app.text.similarity import prepare_all


def test_words_of_shared_sentences_are_found_once_for_both_sides() -> None:
    doc_a = segment("The mayor spoke. Rain fell on the valley. Prices rose.")
    doc_b = segment("Rain fell on the valley. The mayor resigned. Prices rose.")
    known: dict[str, list[str]] = {}
    words_a, words_b = prepare_all(doc_a, known), prepare_all(doc_b, known)
    assert words_a == prepare_all(doc_a)
    assert words_b == prepare_all(doc_b)
    assert words_b[0] is words_a[1]  # the same sentence text: one list for both
    assert set(known) == {s.text for s in (*doc_a.sentences, *doc_b.sentences)}
