"""JSON Lines, JSON and CSV batch files: one article per record, one error per bad record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from app.ingest import Article, ItemError, read_batch

LIMIT = 300_000
PAGE = """<!DOCTYPE html><html><head><title>Quarry plan withdrawn | Valley Courier</title>
<meta name="author" content="Ines Marlowe">
<meta property="article:published_time" content="2025-06-11T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Quarry plan withdrawn</h1>
<p>The company behind the Ridgeway quarry withdrew its application on Wednesday, a week before
the planning committee was due to decide.</p>
<p>Residents had collected more than 3,000 signatures against the plan, which would have
brought forty lorries a day through the village.</p>
</article><footer>© Valley Courier</footer></body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def read(path: Path, limit: int = LIMIT) -> list[Article | ItemError]:
    return list(read_batch(path.name, path, max_text_chars=limit))


def articles(got: list[Article | ItemError]) -> list[Article]:
    return [item for item in got if isinstance(item, Article)]


def errors(got: list[Article | ItemError]) -> dict[str, str]:
    return {item.origin: item.reason for item in got if isinstance(item, ItemError)}


def test_jsonl_fields_metadata_and_story_key(tmp_path: Path) -> None:
    record = {
        "Title": "Bakery wins award", "text": "The Mill Lane bakery won the regional prize.",
        "source": "Valley Courier", "url": "https://courier.example/bakery", "byline": "Ines Marlowe",
        "published_at": "2025-05-02", "label": "wire", "STORY": "bakery-award",
        "section": "Local", "pages": 3, "tags": ["food", "awards"], "note": None,
    }  # fmt: skip
    (item,) = read(write(tmp_path, "feed.jsonl", json.dumps(record) + "\n"))
    assert item == Article(
        "feed.jsonl line 1", "The Mill Lane bakery won the regional prize.",
        title="Bakery wins award", source="Valley Courier", url="https://courier.example/bakery",
        byline="Ines Marlowe", published_at="2025-05-02", label="wire", story_key="bakery-award",
        metadata={"section": "Local", "pages": "3", "tags": '["food", "awards"]'},
        filename="feed.jsonl", content_type="text/plain",
    )  # fmt: skip


def test_jsonl_broken_line_among_good_ones(tmp_path: Path) -> None:
    lines = [
        '{"text": "First: the council met."}',
        "",
        '{"text": "Second: the vote" "was close."}',
        '{"text": "Third: the motion passed."}',
        "   ",
        '["not", "an", "object"]',
        '{"title": "No body here"}',
        '{"text": ["a", "list"]}',
        '{"text": "Last: the meeting closed."}',
    ]
    got = read(write(tmp_path, "feed.jsonl", "\r\n".join(lines)))
    assert [a.origin for a in articles(got)] == ["feed.jsonl line 1", "feed.jsonl line 4",
                                                 "feed.jsonl line 9"]  # fmt: skip
    assert articles(got)[1].text == "Third: the motion passed."
    assert errors(got) == {
        "feed.jsonl line 3": "line 3: not valid JSON (Expecting ',' delimiter at column 29)",
        "feed.jsonl line 6": "line 6: an array, not an object",
        "feed.jsonl line 7": 'line 7: no "text" or "html" field',
        "feed.jsonl line 8": 'line 8: "text" is an array, not text',
    }


def test_text_is_taken_as_is(tmp_path: Path) -> None:
    text = "  Line one.\r\nLine two.  \n\n"
    (item,) = read(write(tmp_path, "f.jsonl", json.dumps({"text": text})))
    assert isinstance(item, Article)
    assert item.text == text


def test_html_record_is_reduced_to_its_article(tmp_path: Path) -> None:
    records = [{"html": PAGE}, {"html": PAGE, "title": "Own title", "byline": "Desk"}]
    got = read(write(tmp_path, "f.jsonl", "\n".join(json.dumps(r) for r in records)))
    first, second = articles(got)
    assert first.text.startswith("Quarry plan withdrawn\n\nThe company behind the Ridgeway quarry")
    assert "Home" not in first.text
    assert "©" not in first.text
    assert first.content_type == "text/html"
    assert first.title is not None
    assert "Quarry plan withdrawn" in first.title
    assert (first.byline, first.published_at) == ("Ines Marlowe", "2025-06-11")
    assert (second.title, second.byline) == ("Own title", "Desk")


def test_html_record_without_article_is_an_item_error(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path, "f.jsonl", json.dumps({"html": "<html><body></body></html>"})))
    assert item == ItemError(
        "f.jsonl line 1", "line 1: no article text could be found in this HTML page"
    )


def test_text_longer_than_the_limit(tmp_path: Path) -> None:
    got = read(
        write(tmp_path, "f.jsonl", json.dumps({"text": "word " * 30}) + '\n{"text": "ok"}'), 100
    )
    assert errors(got) == {
        "f.jsonl line 1": "line 1: the text is 150 characters long; the limit is 100"
    }
    assert [a.text for a in articles(got)] == ["ok"]


def test_json_array_one_item_per_element(tmp_path: Path) -> None:
    data = json.dumps(
        [{"text": "One."}, 7, {"text": ""}, {"text": "Four.", "story": "s"}], indent=2
    )
    got = read(write(tmp_path, "list.json", data))
    assert [(a.origin, a.text, a.story_key) for a in articles(got)] == [
        ("list.json item 1", "One.", None), ("list.json item 4", "Four.", "s")]  # fmt: skip
    assert errors(got) == {
        "list.json item 2": "item 2: a number, not an object",
        "list.json item 3": "item 3: the text is empty",
    }


def test_json_single_object_is_one_article(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path, "one.json", json.dumps({"text": "Alone.", "title": "T"})))
    assert item == Article("one.json", "Alone.", title="T", filename="one.json",
                           content_type="text/plain")  # fmt: skip


def test_json_broken_in_the_middle_keeps_what_came_before(tmp_path: Path) -> None:
    data = '[{"text": "Good one."},\n {"text": "Bad" oops},\n {"text": "Never read."}]'
    got = read(write(tmp_path, "list.json", data))
    assert [a.text for a in articles(got)] == ["Good one."]
    (reason,) = errors(got).values()
    assert reason.startswith("item 2: not valid JSON (Expecting ',' delimiter at line 2 column")
    assert reason.endswith("the rest of the file was not read")


def test_json_with_data_after_the_array(tmp_path: Path) -> None:
    got = read(write(tmp_path, "list.json", '[{"text": "Kept."}]\n{"x": 1}'))
    assert [a.text for a in articles(got)] == ["Kept."]
    assert errors(got) == {"list.json": "unexpected data after the array at line 2 column 1"}


@pytest.mark.parametrize("data", ['"just a string"', "{broken", "[1, 2", "[] []"])
def test_json_that_is_no_list_of_records(tmp_path: Path, data: str) -> None:
    got = read(write(tmp_path, "x.json", data))
    assert got
    assert not articles(got)


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue()


def test_csv_columns_case_insensitive_metadata_and_story(tmp_path: Path) -> None:
    data = csv_text([
        ["Title", "TEXT", "Source", "Story", "Desk", "Empty"],
        ["Ferry fares", "Fares rose by 12 percent.\nCommuters objected.", "Gazette", "fares", "Local", ""],
        ["", "", "", "", "", ""],
        ["Second", "The operator replied.", "", "fares", "", ""],
    ])  # fmt: skip
    got = read(write(tmp_path, "export.csv", data))
    first, second = articles(got)
    assert first == Article(
        "export.csv row 2", "Fares rose by 12 percent.\nCommuters objected.", title="Ferry fares",
        source="Gazette", story_key="fares", metadata={"Desk": "Local"}, filename="export.csv",
        content_type="text/plain",
    )  # fmt: skip
    assert (second.origin, second.source, second.metadata) == ("export.csv row 4", None, {})


def test_csv_row_with_empty_text_and_row_with_extra_fields(tmp_path: Path) -> None:
    data = "title,text\nA,The first text.\nB,\nC,Third,unexpected\nD,Fourth.,\n"
    got = read(write(tmp_path, "e.csv", data))
    assert [a.title for a in articles(got)] == ["A", "D"]
    assert errors(got) == {
        "e.csv row 3": "row 3: the text is empty",
        "e.csv row 4": "row 4: 3 fields, but the header names 2",
    }


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    got = read(write(tmp_path, "bad.csv", "title,body\nA,Some body.\nB,Other body.\n"))
    assert got == [
        ItemError(
            "bad.csv", "the CSV has no \"text\" or \"html\" column (its columns: 'title', 'body')"
        )
    ]


def test_csv_field_longer_than_the_csv_default_limit(tmp_path: Path) -> None:
    long_text = ("The tunnel survey found cracks in the lining. " * 4_400)[:200_000]
    data = csv_text([["title", "text"], ["Tunnel", long_text], ["Next", "Short."]])
    got = read(write(tmp_path, "long.csv", data))
    assert [len(a.text) for a in articles(got)] == [200_000, 6]
    assert articles(got)[0].text == long_text


def test_csv_html_column(tmp_path: Path) -> None:
    got = read(
        write(tmp_path, "h.csv", csv_text([["url", "html"], ["https://courier.example/q", PAGE]]))
    )
    (item,) = articles(got)
    assert item.text.startswith("Quarry plan withdrawn")
    assert (item.url, item.byline, item.content_type) == (
        "https://courier.example/q",
        "Ines Marlowe",
        "text/html",
    )


def test_csv_in_cp1252(tmp_path: Path) -> None:
    data = csv_text(
        [["title", "text"], ["Café reopens", "The café “Chez Roué” reopened – at last."]]
    )
    (item,) = read(write(tmp_path, "w.csv", data.encode("cp1252")))
    assert isinstance(item, Article)
    assert (item.title, item.text) == ("Café reopens", "The café “Chez Roué” reopened – at last.")


def test_csv_in_utf16_with_bom_and_semicolons(tmp_path: Path) -> None:
    data = csv_text(
        [["Title", "Text", "Story"], ["Zoë", "Ärzte protestierten am Montag.", "ärzte"]], ";"
    )
    (item,) = read(write(tmp_path, "u.csv", data.encode("utf-16")))
    assert isinstance(item, Article)
    assert (item.title, item.text, item.story_key) == (
        "Zoë",
        "Ärzte protestierten am Montag.",
        "ärzte",
    )


def test_csv_with_utf8_bom_in_the_header(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path, "b.csv", "\ufefftext,title\nBody.,T\n".encode()))
    assert isinstance(item, Article)
    assert (item.text, item.title) == ("Body.", "T")


def test_empty_and_binary_record_files(tmp_path: Path) -> None:
    assert read(write(tmp_path, "e.jsonl", b"")) == [ItemError("e.jsonl", "the file is empty")]
    (item,) = read(write(tmp_path, "b.csv", bytes(range(256)) * 8))
    assert isinstance(item, ItemError)
    assert "binary" in item.reason


def test_csv_with_old_mac_line_endings(tmp_path: Path) -> None:
    got = read(write(tmp_path, "mac.csv", "title,text\rA,First.\rB,Second.\r"))
    assert [(a.origin, a.title, a.text) for a in articles(got)] == [
        ("mac.csv row 2", "A", "First."),
        ("mac.csv row 3", "B", "Second."),
    ]


def test_csv_with_a_quoted_newline_counts_rows_not_lines(tmp_path: Path) -> None:
    data = 'title,text\nA,"Para one.\n\nPara two."\nB,Next.\n'
    got = read(write(tmp_path, "q.csv", data))
    assert [(a.origin, a.text) for a in articles(got)] == [
        ("q.csv row 2", "Para one.\n\nPara two."),
        ("q.csv row 3", "Next."),
    ]


def test_nul_and_lone_surrogates_are_replaced_so_the_text_can_be_stored(tmp_path: Path) -> None:
    line = '{"text": "Cut emoji \\ud83d here\\u0000.", "title": "T\\udc00", "desk": "x\\u0000"}'
    (item,) = read(write(tmp_path, "s.jsonl", line))
    assert isinstance(item, Article)
    assert item.text == "Cut emoji \ufffd here\ufffd."
    assert (item.title, item.metadata) == ("T\ufffd", {"desk": "x\ufffd"})
    item.text.encode("utf-8")  # would raise on a lone surrogate


def test_ndjson_is_json_lines(tmp_path: Path) -> None:
    got = read(write(tmp_path, "feed.ndjson", '{"text": "One."}\n{"text": "Two."}\n'))
    assert [(a.origin, a.text) for a in articles(got)] == [
        ("feed.ndjson line 1", "One."),
        ("feed.ndjson line 2", "Two."),
    ]


def test_record_files_without_records_say_so(tmp_path: Path) -> None:
    assert read(write(tmp_path, "e.json", " [ ] ")) == [
        ItemError("e.json", "the JSON array is empty")
    ]
    assert read(write(tmp_path, "h.csv", "title,text\n,\n")) == [
        ItemError("h.csv", "the CSV has no rows after its header")
    ]


def test_tsv_is_read_as_tab_separated(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path, "t.tsv", "text\tlabel\nTabbed, with a comma.\twire\n"))
    assert isinstance(item, Article)
    assert (item.origin, item.text, item.label) == ("t.tsv row 2", "Tabbed, with a comma.", "wire")
