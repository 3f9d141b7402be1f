"""Page chrome recognition on its own: what is chrome, and what must stay content."""

from __future__ import annotations

from app.text import segment
from app.text.boilerplate import chrome_sentences

BODY = (
    "The Calloway council approved the harbor budget on Tuesday after a long debate.\n"
    "Fishermen who packed the hall said the dredging plan would hurt the oyster beds.\n"
    "The mayor said work would begin in March and last about eighteen months.\n"
)


def chrome_lines(text: str) -> list[str]:
    doc = segment(text)
    return [doc.sentences[i].text for i in sorted(chrome_sentences(doc))]


def test_plain_article_has_no_chrome() -> None:
    assert chrome_lines(BODY) == []


def test_top_chrome_breadcrumb_site_title_byline_and_date() -> None:
    top = (
        "You are here: Home > Local > Harbor\n"
        "Calloway Daily | Harbor budget approved\n"
        "Harbor budget approved\n"
        "By Dana Whitfield\n"
        "Published: 2031-05-02 10:41\n"
    )
    assert chrome_lines(top + BODY) == top.strip().split("\n")


def test_a_lone_headline_stays_content() -> None:
    assert chrome_lines("Council approves harbor budget after long debate\n\n" + BODY) == []


def test_bottom_link_lists_tags_and_counters() -> None:
    bottom = (
        "- In:\n- Harbor\n- Calloway\nveryGood! (12)\nRelated\n"
        "- Ferry fares rise again\n- Bridge opens to cyclists. Riders cheer.\n"
        "- Bakery wins a national prize\nMost Popular\nTown fair draws record crowd\n"
        "Storm knocks out power in the valley\n"
    )
    assert chrome_lines(BODY + bottom)[0] == "- In:"
    assert "- Bridge opens to cyclists." in chrome_lines(BODY + bottom)
    assert len(chrome_lines(BODY + bottom)) == len(segment(bottom).sentences)


def test_unmarked_link_list_at_the_end_needs_three_lines() -> None:
    two = "Ferry fares rise again\nBridge opens to cyclists\n"
    three = two + "Bakery wins a national prize\n"
    assert chrome_lines(BODY + two) == []
    assert chrome_lines(BODY + three) == three.strip().split("\n")


def test_a_closing_list_of_facts_stays_content() -> None:
    facts = "Key facts:\n- The plan costs $40 million.\n- Work starts in March.\n- It lasts 18 months.\n"
    assert chrome_lines(BODY + facts) == []


def test_marked_lines_mid_article() -> None:
    text = BODY + "Advertisement\n" + BODY.replace("Tuesday", "Wednesday")
    assert chrome_lines(text) == ["Advertisement"]


def test_text_without_any_body_is_not_chrome() -> None:
    assert (
        chrome_lines("Ferry fares rise again\nBridge opens to cyclists\nBakery wins a prize\n")
        == []
    )
