"""Uploaded files to article text: .txt, .md, .html, .docx, sniffing and refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from app.ingest import Extracted, IngestError, extract_upload
from app.ingest.extract import DOCX_TYPE, MAX_HTML_DEPTH

PAGE = """<!DOCTYPE html><html><head><title>Ferry fares rise | The Harbour Gazette</title>
<meta name="author" content="Dana Whitfield">
<meta property="article:published_time" content="2024-03-04T09:30:00Z">
<style>.ad { color: red }</style>
<script>window.tracker = "SECRET_SCRIPT_TEXT";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Ferry fares rise</h1>
<p>The ferry operator raised fares by 12 percent on Monday, the second rise this year.</p>
<p>Commuters said the increase would cost them about $300 a year, and several planned to drive.</p>
<script>document.write("INLINE_SCRIPT_TEXT")</script>
<p>The operator blamed fuel prices and said the fares would be reviewed in the spring.</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Bridge opens to traffic</a></li>
<li><a href="/b">Council backs new marina</a></li><li><a href="/c">Tide tables</a></li></ul></aside>
<footer>© The Harbour Gazette. All rights reserved.</footer></body></html>"""


def docx_bytes(*paragraphs: str, title: str = "") -> bytes:
    doc = Document()
    doc.core_properties.title = title
    for text in paragraphs:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_plain_text_is_kept_exactly() -> None:
    text = "  Ferry fares rise\r\n\r\nThe operator raised fares.\n"
    out = extract_upload("story.txt", "text/plain", text.encode())
    assert out == Extracted(text, content_type="text/plain")


def test_txt_file_on_disk_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Le café “rouvre” lundi.".encode("cp1252"))
    assert extract_upload(path.name, None, path.read_bytes()).text == "Le café “rouvre” lundi."


def test_html_article_body_without_chrome_scripts_or_styles() -> None:
    out = extract_upload("page.html", "text/html", PAGE.encode())
    paragraphs = out.text.split("\n\n")
    assert paragraphs[0] == "Ferry fares rise"  # the headline is part of the article
    assert paragraphs[1].startswith("The ferry operator raised fares by 12 percent")
    assert paragraphs[-1].endswith("reviewed in the spring.")
    assert len(paragraphs) == 4
    for chrome in ("SCRIPT_TEXT", "color: red", "Home", "Related", "Bridge opens", "rights"):
        assert chrome not in out.text
    assert out.title is not None
    assert out.title.startswith("Ferry fares rise")
    assert out.byline == "Dana Whitfield"
    assert out.published_at == "2024-03-04"
    assert out.content_type == "text/html"


def test_html_in_utf16_with_a_bom() -> None:
    out = extract_upload("page.htm", None, PAGE.encode("utf-16"))
    assert "raised fares by 12 percent" in out.text


def test_html_without_an_article_is_refused() -> None:
    with pytest.raises(IngestError, match="no article text"):
        extract_upload("empty.html", None, b"<html><body><script>var a = 1;</script></body></html>")


def test_deeply_nested_html_is_refused_before_parsing() -> None:
    depth = MAX_HTML_DEPTH + 1
    with pytest.raises(IngestError, match="nested more than"):
        extract_upload("deep.html", None, b"<div>" * depth + b"text" + b"</div>" * depth)


def test_nesting_counts_open_elements_not_tags_seen() -> None:
    # Many siblings and void elements are shallow, however many there are.
    body = b"<p>A sentence long enough to count as an article paragraph.<br><img src=x></p>" * 2000
    out = extract_upload(
        "long.html", None, b"<html><body><article>" + body + b"</article></body></html>"
    )
    assert out.text.startswith("A sentence long enough")


def test_docx_paragraphs_and_title() -> None:
    data = docx_bytes(
        "The council approved the budget.", "", "The vote was 5-2.", title="Budget vote"
    )
    out = extract_upload("story.docx", None, data)
    assert out.text == "The council approved the budget.\n\nThe vote was 5-2."
    assert out.title == "Budget vote"
    assert out.byline is None  # the file's author is whoever saved it, not the byline
    assert out.content_type == DOCX_TYPE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK not really a zip", "not a readable .docx"),
        (docx_bytes("", "   "), "holds no text"),
    ],
)
def test_broken_or_empty_docx(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        extract_upload("story.docx", None, data)


def test_markdown_keeps_prose_and_drops_markup() -> None:
    source = (
        "# Budget vote\n\nThe **council** approved it\nafter [a long debate](https://example.org).\n\n"
        "![chart](chart.png)\n\n- first reading\n- *second* reading\n\n---\n\n> Quoted line.\n"
    )
    out = extract_upload("a.md", None, source.encode())
    assert out.text == (
        "Budget vote\n\nThe council approved it after a long debate.\n\n"
        "- first reading\n- second reading\n\nQuoted line."
    )
    assert out.content_type == "text/markdown"


@pytest.mark.parametrize(
    ("filename", "content_type", "data", "content_type_out"),
    [
        ("upload", None, PAGE.encode(), "text/html"),
        ("upload.bin", None, docx_bytes("Sniffed paragraph."), DOCX_TYPE),
        ("article.dat", None, b"Just a plain paragraph of news.", "text/plain"),
        ("notes", "text/markdown", b"## Heading\n\nBody.", "text/markdown"),
        ("saved.txt", "text/plain", PAGE.encode(), "text/html"),
    ],
    ids=[
        "html-no-ext",
        "docx-renamed",
        "text-unknown-ext",
        "declared-markdown",
        "page-saved-as-txt",
    ],
)
def test_type_from_extension_declared_type_or_content(
    filename: str, content_type: str | None, data: bytes, content_type_out: str
) -> None:
    assert extract_upload(filename, content_type, data).content_type == content_type_out


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b" \n\n ", "empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (
            "song.mp3",
            b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)),
            "unsupported file type .mp3",
        ),
    ],
    ids=["empty", "blank", "binary-renamed-txt", "unknown-binary"],
)
def test_refusals_name_the_reason(filename: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        extract_upload(filename, None, data)


def test_size_limit() -> None:
    with pytest.raises(IngestError, match="limit is 1 MiB"):
        extract_upload("big.txt", None, b"word " * 300_000, max_bytes=2**20)


def test_zip_that_is_not_a_docx_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(IngestError, match="unsupported file type"):
        extract_upload("bundle", None, buf.getvalue())
