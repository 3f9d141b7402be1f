"""Batch files by type and sniffing, single-article uploads, and folders for `redline import`."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

import app.ingest
from app.ingest import Article, ItemError, read_batch, read_paths
from app.ingest.extract import MAX_HTML_DEPTH
from tests.unit.test_ingest_extract import (
    HOSTILE_NESTING,
    HOSTILE_PAGE,
    assert_prose_only,
    docx_bytes,
)

LIMIT = 100_000
STORY = "The river authority opened the new flood gates at Millbrook on Thursday."
PAGE = """<!DOCTYPE html><html><head><title>Flood gates open | Millbrook Echo</title>
<meta name="author" content="Tomas Reyne"></head>
<body><nav><a href="/">Home</a> <a href="/weather">Weather</a></nav>
<article><h1>Flood gates open</h1>
<p>The river authority opened the new flood gates at Millbrook on Thursday, two years after
the worst flooding the town had seen in a century.</p>
<p>The gates cost 14 million pounds and can hold back a rise of three metres, engineers said.</p>
</article><footer>© Millbrook Echo</footer></body></html>"""


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def read(path: Path, name: str | None = None, limit: int = LIMIT) -> list[Article | ItemError]:
    return list(read_batch(name or path.name, path, max_text_chars=limit))


def test_public_names() -> None:
    assert {"Article", "ItemError", "read_batch", "read_paths"} <= set(app.ingest.__all__)
    assert all(hasattr(app.ingest, name) for name in app.ingest.__all__)


def test_single_text_and_markdown_uploads(tmp_path: Path) -> None:
    assert read(write(tmp_path, "note.txt", STORY)) == [
        Article("note.txt", STORY, filename="note.txt", content_type="text/plain")
    ]
    (md,) = read(write(tmp_path, "note.md", "# Gates\n\nThe **gates** opened."))
    assert isinstance(md, Article)
    assert (md.text, md.content_type) == ("Gates\n\nThe gates opened.", "text/markdown")


def test_single_html_page(tmp_path: Path) -> None:
    (page,) = read(write(tmp_path, "page.html", PAGE))
    assert isinstance(page, Article)
    assert page.origin == "page.html"
    assert page.text.startswith("Flood gates open\n\nThe river authority opened")
    assert "Weather" not in page.text
    assert page.byline == "Tomas Reyne"
    assert page.content_type == "text/html"


def test_single_docx(tmp_path: Path) -> None:
    (doc,) = read(write(tmp_path, "gates.docx", docx_bytes(STORY, "Second.", title="Gates")))
    assert isinstance(doc, Article)
    assert (doc.text, doc.title, doc.filename) == (f"{STORY}\n\nSecond.", "Gates", "gates.docx")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.md", b"  \n\n ", "the file is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("odd.txt", b"\xff\xfeA\x00B", "starts as utf-16-le but is not valid"),
        ("tool.exe", b"MZ\x90\x00", "unsupported file type .exe"),
        ("fake.docx", b"not a document", "not a readable .docx"),
    ],
)
def test_single_files_that_cannot_be_read(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (item,) = read(write(tmp_path, name, data))
    assert isinstance(item, ItemError)
    assert item.origin == name
    assert reason in item.reason


def test_single_file_longer_than_the_limit(tmp_path: Path) -> None:
    (item,) = read(write(tmp_path, "long.txt", STORY * 3), limit=100)
    assert item == ItemError(
        "long.txt", f"the text is {len(STORY) * 3:,} characters long; the limit is 100"
    )


def test_upload_name_decides_and_content_is_sniffed_without_extension(tmp_path: Path) -> None:
    lines = json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    assert [i.origin for i in read(write(tmp_path, "blob1", lines), "feed")] == [
        "feed line 1",
        "feed line 2",
    ]
    array = json.dumps([{"text": "One."}], indent=2)
    assert [i.origin for i in read(write(tmp_path, "blob2", array), "list")] == ["list item 1"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("a.txt", STORY)
    assert [i.origin for i in read(write(tmp_path, "blob3", buf.getvalue()), "upload")] == [
        "upload/a.txt"
    ]
    (doc,) = read(write(tmp_path, "blob4", docx_bytes(STORY)), "report")
    assert isinstance(doc, Article)
    assert doc.text == STORY
    (text,) = read(write(tmp_path, "blob5", STORY), "Mr. Reyne's notes")  # a dot, not an extension
    assert isinstance(text, Article)
    assert text.text == STORY


def html_in_every_container(page: bytes) -> bytes:
    """A zip holding ``page`` as every kind of member and record a batch reads HTML from."""
    html = page.decode()
    csv_rows = io.StringIO()
    csv.writer(csv_rows).writerows([["title", "html"], ["", html]])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in ("page.html", "page.htm", "page.xhtml", "saved.txt", "noext"):
            archive.writestr(name, b"<!DOCTYPE html>" + page if name == "saved.txt" else page)
        archive.writestr("rows.csv", csv_rows.getvalue())
        archive.writestr("feed.jsonl", json.dumps({"html": html}) + "\n")
        archive.writestr("list.json", json.dumps([{"html": html}]))
    return buf.getvalue()


CONTAINERS = [
    "page.html", "page.htm", "page.xhtml", "saved.txt", "noext",
    "rows.csv row 2", "feed.jsonl line 1", "list.json item 1",
]  # fmt: skip


def test_html_is_reduced_to_text_in_every_batch_member_and_record(tmp_path: Path) -> None:
    got = read(write(tmp_path, "b.zip", html_in_every_container(HOSTILE_PAGE)))
    assert [item.origin for item in got] == sorted(f"b.zip/{name}" for name in CONTAINERS)
    for item in got:
        assert isinstance(item, Article), item
        assert item.content_type == "text/html"
        assert_prose_only(item.text)


@pytest.mark.parametrize("page", HOSTILE_NESTING.values(), ids=HOSTILE_NESTING)
def test_deep_html_is_one_item_error_wherever_it_is(tmp_path: Path, page: bytes) -> None:
    got = read(write(tmp_path, "b.zip", html_in_every_container(page)))
    assert len(got) == len(CONTAINERS)
    for item in got:
        assert isinstance(item, ItemError), item
        assert f"nested deeper than {MAX_HTML_DEPTH} levels" in item.reason
    (single,) = read(write(tmp_path, "deep.html", page))
    assert single == ItemError(
        "deep.html", f"the HTML is nested deeper than {MAX_HTML_DEPTH} levels"
    )


def test_read_paths_walks_folders_sorted_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write(root, "b/2.txt", "Two.")
    write(root, "b/1.txt", "One.")
    write(root, "a.jsonl", '{"text": "Zero."}\n')
    write(root, ".hidden.txt", "Hidden.")
    write(root, ".git/config.txt", "Hidden too.")
    write(root, "c/.DS_Store", b"\x00\x00\x00\x01Bud1")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("inner.txt", "Zipped.")
    write(root, "d.zip", buf.getvalue())
    single = write(tmp_path, "single.txt", "Single.")
    got = list(read_paths([root, single], max_text_chars=LIMIT))
    assert [(i.origin, i.text) for i in got if isinstance(i, Article)] == [
        (f"{root}/a.jsonl line 1", "Zero."),
        (f"{root}/b/1.txt", "One."),
        (f"{root}/b/2.txt", "Two."),
        (f"{root}/d.zip/inner.txt", "Zipped."),
        (f"{single}", "Single."),
    ]
    assert not [i for i in got if isinstance(i, ItemError)]


def test_read_paths_turns_unreadable_files_into_item_errors(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.zip", b"PK\x03\x04 truncated")
    missing = tmp_path / "missing.txt"
    good = write(tmp_path, "good.txt", STORY)
    got = list(read_paths([broken, missing, good], max_text_chars=LIMIT))
    assert isinstance(got[0], ItemError)
    assert got[0].origin == str(broken)
    assert "not a readable zip archive" in got[0].reason
    assert got[1] == ItemError(str(missing), "no such file or folder")
    assert isinstance(got[2], Article)
    assert got[2].text == STORY


def test_read_paths_refuses_files_too_large_to_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.ingest.batch.MAX_FILE_BYTES", 10)
    (item,) = read_paths([write(tmp_path, "big.txt", STORY)], max_text_chars=LIMIT)
    assert isinstance(item, ItemError)
    assert "the limit is" in item.reason
