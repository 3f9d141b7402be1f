"""The scorer's view of sentences: words found once per distinct sentence text."""

from __future__ import annotations

import pytest

from app.text import compare, lexicon, similarity
from app.text.segment import segment
from app.text.similarity import Scorer, prepare, prepare_all


def test_words_of_shared_sentences_are_found_once_for_both_sides() -> None:
    doc_a = segment("The mayor spoke. Rain fell on the valley. Prices rose.")
    doc_b = segment("Rain fell on the valley. The mayor resigned. Prices rose.")
    known: dict[str, tuple[list[str], list[str]]] = {}
    (words_a, written_a), (words_b, _) = prepare_all(doc_a, known), prepare_all(doc_b, known)
    assert (words_a, written_a) == prepare_all(doc_a)
    assert words_b == prepare_all(doc_b)[0]
    assert words_b[0] is words_a[1]  # the same sentence text: one list for both
    assert set(known) == {s.text for s in (*doc_a.sentences, *doc_b.sentences)}
    assert words_a[0] == ["the", "mayor", "spoke"]
    assert written_a[0] == ["The", "mayor", "spoke"]


def test_words_are_lower_cased_one_by_one_so_offsets_stay_true() -> None:
    # "İ" lower-cases to two code points: a whole-text lower() would shift what follows.
    doc = segment("İzmir voted. The mayor of Ankara spoke.")
    (words, written) = prepare_all(doc)
    assert written[1] == ["The", "mayor", "of", "Ankara", "spoke"]
    assert words[1] == ["the", "mayor", "of", "ankara", "spoke"]
    assert words[0][1] == "voted"


def test_same_shape_sees_a_spun_frame_and_not_another_sentence() -> None:
    a = [prepare("The others were treated at the scene.")]
    b = [
        prepare("The remainder were handled at the site."),
        prepare("Bus service is to replace the trains until Friday."),
        prepare("The others, who were treated at the scene by medics from three towns, went home."),
    ]
    s = Scorer(a, b)
    assert s.score(0, 0) == 0.0  # no stem shared: only the frame tells
    assert s.same_shape(0, 0)
    assert not s.same_shape(0, 1)
    assert not s.same_shape(0, 2)  # the same frame, but twice as long
    assert Scorer(b, a).same_shape(0, 0)


def test_short_inflections_share_a_stem_and_stop_words_stay_out() -> None:
    a = [prepare("Cities cut jobs."), prepare("This does matter.")]
    b = [prepare("The city cut one job."), prepare("This does not matter.")]
    s = Scorer(a, b)
    assert s.containment(0, 0) == 1.0  # "cities" / "city" and "jobs" / "job" fold
    # "this" and "does" lose an "s" to the plural rule, but they are stop words either way:
    # the pair shares only "matter", a single content stem, so its containment is damped.
    assert s.containment(1, 1) == 0.5


def _scorer(a: str, b: str) -> Scorer:
    (words_a, written_a), (words_b, written_b) = prepare_all(segment(a)), prepare_all(segment(b))
    return Scorer(words_a, words_b, (written_a, written_b))


def test_another_story_differs_in_its_names_and_in_its_numbers() -> None:
    template = _scorer(
        "Shares of Corvane Systems rose 14 percent on Monday.",
        "Shares of Telmark Foods rose 81 percent on Tuesday.",
    )
    assert template.facts_conflict(0, 0)
    assert template.other_story(0, 0)
    # The same company with new figures is an update: its names agree.
    update = _scorer(
        "Shares of Corvane Systems rose 14 percent on Monday.",
        "Shares of Corvane Systems rose 9 percent on Monday.",
    )
    assert not update.facts_conflict(0, 0)
    assert not update.other_story(0, 0)
    # No numbers on either side: the names alone conflict, but that is no other story.
    names_only = _scorer("Penn arrives in Varna on Sunday.", "Penn met Bulgarian officials.")
    assert names_only.facts_conflict(0, 0)
    assert not names_only.other_story(0, 0)


def test_the_lexicon_keeps_words_between_comparisons_and_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def spelled(word: str) -> tuple[str, ...]:
        calls.append(word)
        return tuple(word)

    words = lexicon.Lexicon(spelled)
    assert words["tide"] == ("t", "i", "d", "e")
    assert words["tide"] == ("t", "i", "d", "e")
    assert calls == ["tide"]  # the second look-up is kept, not computed again
    monkeypatch.setattr(lexicon, "LEXICON_MAX", 3)
    for word in ("ebb", "flow", "neap", "spring"):
        assert words[word] == tuple(word)
    assert len(words) <= 3  # emptied when full, then filled anew
    assert "spring" in words


def test_a_comparison_is_the_same_whatever_the_lexicon_already_holds() -> None:
    a = "Dockworkers voted to strike on Monday. The port handles most grain exports."
    b = "The port, which handles most grain exports, faces a strike. Dockworkers voted Monday."
    lexicon.clear_lexicons()
    cold = compare(a, b).to_dict()
    compare("Grain prices rose as the strike vote neared.", "Strike votes lifted grain prices.")
    assert compare(a, b).to_dict() == cold
    assert "dockworkers" in similarity._STEMS  # kept from the first comparison
