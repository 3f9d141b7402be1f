"""Segmentation: sentence boundaries, paragraphs and offsets."""

from __future__ import annotations

import pytest

from app.text import segment
from app.text.segment import tokenize


def texts(source: str) -> list[str]:
    return [s.text for s in segment(source).sentences]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "Gen. Mara Voss spoke to reporters. She left at noon.",
            ["Gen. Mara Voss spoke to reporters.", "She left at noon."],
            id="title-abbreviation",
        ),
        pytest.param(
            "Halvard Corp. shares fell 3.5 percent on Jan. 12. Traders shrugged.",
            ["Halvard Corp. shares fell 3.5 percent on Jan. 12.", "Traders shrugged."],
            id="company-decimal-month",
        ),
        pytest.param(
            "The report by J. R. Tolliver reached U.S. officials late. Nobody replied.",
            ["The report by J. R. Tolliver reached U.S. officials late.", "Nobody replied."],
            id="initials-and-acronym",
        ),
        pytest.param(
            "The crew flew to the U.S. The next day it rained.",
            ["The crew flew to the U.S.", "The next day it rained."],
            id="acronym-ends-sentence",
        ),
        pytest.param(
            'She said, "We will rebuild." Then she walked out.',
            ['She said, "We will rebuild."', "Then she walked out."],
            id="quote-closes-after-period",
        ),
        pytest.param(
            "“We will rebuild.” The mayor left.",
            ["“We will rebuild.”", "The mayor left."],
            id="curly-quote-closes-after-period",
        ),
        pytest.param(
            '"Why now?" she asked. Nobody knew.',
            ['"Why now?" she asked.', "Nobody knew."],
            id="question-inside-quote",
        ),
        pytest.param(
            "The council has opened or is opening up. plans to open three more offices.",
            ["The council has opened or is opening up.", "plans to open three more offices."],
            id="stray-period-splits",
        ),
        pytest.param(
            "He wanted to know how ... to get along. Then he left.",
            ["He wanted to know how ... to get along.", "Then he left."],
            id="ellipsis-inside",
        ),
        pytest.param(
            "no punctuation at all in this line",
            ["no punctuation at all in this line"],
            id="no-punctuation",
        ),
        pytest.param("Ratings: veryGood! (12)", ["Ratings: veryGood! (12)"], id="counter"),
    ],
)
def test_sentence_boundaries(source: str, expected: list[str]) -> None:
    assert texts(source) == expected


def test_single_newlines_are_paragraphs_in_scraped_text() -> None:
    doc = segment("Harbor Plan Approved\nThe council voted 7-2.\n- In:\n- Harbor")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == [
        "Harbor Plan Approved",
        "The council voted 7-2.",
        "- In:",
        "- Harbor",
    ]


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    source = (
        "The council voted on Tuesday to approve the harbor plan after a\n"
        "long debate that ran past midnight.\n\nThe mayor welcomed the vote.\n"
    )
    doc = segment(source)
    assert len(doc.paragraphs) == 2
    assert doc.sentences[0].text.endswith("past midnight.")
    assert "\n" in doc.sentences[0].text


def test_list_items_and_headline_lines_are_their_own_sentences() -> None:
    doc = segment("Key points\n- Fares rise 5 percent\n- Service grows\nThe plan starts soon.")
    assert texts(doc.text) == [
        "Key points",
        "- Fares rise 5 percent",
        "- Service grows",
        "The plan starts soon.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 2, 3]


def test_offsets_point_into_the_text_as_given() -> None:
    source = "\ufeff  Crème brûlée sold out. 🎉 Fans cheered!\r\n\r\nשלום עולם. Next line."
    doc = segment(source)
    for s in doc.sentences:
        assert source[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    for p in doc.paragraphs:
        assert all(doc.sentences[i].paragraph == p.id for i in p.sentences)


def test_crlf_and_blank_lines() -> None:
    doc = segment("First para.\r\n\r\nSecond para.\r\nThird line.")
    assert texts(doc.text) == ["First para.", "Second para.", "Third line."]
    assert len(doc.paragraphs) == 3


def test_empty_and_whitespace_only() -> None:
    assert segment("").sentences == ()
    assert segment(" \n\t \r\n ").paragraphs == ()


def test_tokens_carry_offsets() -> None:
    source = "U.S.-Vireo talks don’t stop"
    toks = tokenize(source)
    assert [t.text for t in toks] == ["U.S", "Vireo", "talks", "don’t", "stop"]
    assert all(source[t.start : t.end] == t.text for t in toks)


def test_title_before_a_wrapped_line_break_still_holds_the_sentence() -> None:
    # A long line that does not end a sentence continues on the next, which starts with the
    # full stop: the word before it ("Gen", a title) lies before the line break.
    wrapped = "Its spokesman for the district announced the visit of Gen\n. Smith arrived later."
    doc = segment("First paragraph here.\n\n" + wrapped)
    assert [s.text for s in doc.sentences] == ["First paragraph here.", wrapped]
    plain = wrapped.replace("Gen\n", "Ana\n")
    assert texts("First paragraph here.\n\n" + plain)[1:] == [
        "Its spokesman for the district announced the visit of Ana\n.",
        "Smith arrived later.",
    ]


def test_white_space_around_lines_never_enters_a_sentence() -> None:
    source = "  \t Lead line here.  \u00a0\n\n\u2003 Second one. Third one.\t \n"
    doc = segment(source)
    assert [s.text for s in doc.sentences] == ["Lead line here.", "Second one.", "Third one."]
    assert [(p.start, p.end) for p in doc.paragraphs] == [(4, 19), (26, 48)]
