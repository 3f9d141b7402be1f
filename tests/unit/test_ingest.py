"""Uploaded bytes to text: exact decoding, refusals with reasons, article extraction."""

from __future__ import annotations

import io
import time

import pytest
from docx import Document

from app.ingest import IngestError, decode_bytes, extract_upload

TEXT = "Café owners in Nîmes said “prices rose” 3.5 percent — again."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf32-bom", "cp1252"],
)
def test_decodes_exactly(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_utf16_without_a_bom_is_refused_not_guessed() -> None:
    with pytest.raises(IngestError, match="NUL"):
        decode_bytes(TEXT.encode("utf-16-be"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x00\x01PNG\x00", "binary"),
    ],
)
def test_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


def test_html_article_is_extracted_without_chrome_or_scripts() -> None:
    html = """<html><head><title>Ferry fares rise</title><meta name="author" content="Dana Whitfield">
    <script>alert('x')</script></head><body><nav><a href="/">Home</a> &gt; <a>Local</a></nav>
    <article><h1>Ferry fares rise</h1>
    <p>The ferry operator raised fares by 12 percent on Monday, the second rise this year.</p>
    <p>Commuters said the increase would cost them about $300 a year, and several planned to drive.</p>
    <p>The operator blamed fuel prices and said the fares would be reviewed in the spring.</p></article>
    <aside><h3>Related</h3><ul><li><a href="/x">Bridge opens</a></li></ul></aside></body></html>"""
    out = extract_upload("page.html", "text/html", html.encode())
    assert "raised fares by 12 percent" in out.text
    assert "alert" not in out.text
    assert "\n\n" in out.text
    assert out.title == "Ferry fares rise"
    assert out.byline == "Dana Whitfield"


def test_deeply_nested_html_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(IngestError, match="nested"):
        extract_upload("deep.html", None, b"<div>" * 100_000 + b"text" + b"</div>" * 100_000)
    assert time.perf_counter() - start < 2  # the limit itself, not a speed benchmark


def test_docx_paragraphs() -> None:
    doc = Document()
    doc.core_properties.title = "Budget vote"
    doc.add_paragraph("The council approved the budget.")
    doc.add_paragraph("The vote was 5-2.")
    buf = io.BytesIO()
    doc.save(buf)
    out = extract_upload("story.docx", None, buf.getvalue())
    assert out.text == "The council approved the budget.\n\nThe vote was 5-2."
    assert out.title == "Budget vote"


def test_broken_docx_and_unknown_types() -> None:
    with pytest.raises(IngestError, match="docx"):
        extract_upload("story.docx", None, b"PK not really a zip")
    with pytest.raises(IngestError, match="unsupported"):
        extract_upload("song.mp3", "audio/mpeg", b"ID3")


def test_markdown_headings_lose_their_marks() -> None:
    out = extract_upload("a.md", None, b"# Budget vote\n\nThe council approved it.")
    assert out.text == "Budget vote\n\nThe council approved it."
