"""Uploaded files to article text: .txt, .md, .html, .docx, sniffing and refusals."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
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


HOSTILE_PAGE = b"""<!DOCTYPE html><html><head><title>Pier reopens</title>
<script>alert("SCRIPT_BODY")</script><style>p { color: red }</style></head><body><article>
<h1>Pier reopens</h1>
<p onclick="alert(2)">The pier reopened on Monday after a winter of repairs, the council said.
<img src=x onerror="alert(3)"></p>
<p>Visitors <a href="javascript:alert(4)">queued</a> from early morning
<iframe src="https://evil.example/"></iframe> and the cafe sold out by noon.</p>
<p><button hx-get="/x" hx-trigger="load">Press</button> The harbour master said the repairs
had cost more than planned.</p>
<svg onload="alert(5)"><text>Drawn</text></svg><noscript><img src=x onerror=alert(6)></noscript>
</article></body></html>"""
"""A page whose markup tries every way into a page: what is stored must be its prose alone."""
HOSTILE_PROSE = (
    "Pier reopens",
    "The pier reopened on Monday after a winter of repairs, the council said.",
    "Visitors queued from early morning and the cafe sold out by noon.",
)


def assert_prose_only(text: str) -> None:
    """``text`` holds HOSTILE_PAGE's prose and nothing of its markup."""
    assert text.split("\n\n")[:3] == list(HOSTILE_PROSE)
    for markup in ("<", ">", "alert", "onerror", "onclick", "hx-", "javascript", "evil", "Press"):
        assert markup not in text


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


def test_html_laid_out_as_a_table_is_read() -> None:
    body = ("The harbour board of Calder Bay voted on Tuesday to rebuild the north pier. "
            "Work is due to begin in March and to last eighteen months.")  # fmt: skip
    page = (
        "<html><head><title>Pier vote</title></head><body><table><tr>"
        "<td><a href='/'>Home</a> <a href='/news'>News</a></td>"
        f"<td><h1>Pier vote</h1><p>{body}</p><p>A second paragraph says the cost is "
        "four million.</p></td></tr></table></body></html>"
    )
    got = extract_upload("pier.html", "text/html", page.encode())
    assert body in got.text
    assert "four million" in got.text


def test_html_markup_never_reaches_the_text() -> None:
    out = extract_upload("page.html", "text/html", HOSTILE_PAGE)
    assert_prose_only(out.text)
    assert out.title == "Pier reopens"


def test_html_in_utf16_with_a_bom() -> None:
    out = extract_upload("page.htm", None, PAGE.encode("utf-16"))
    assert "raised fares by 12 percent" in out.text


def test_html_without_an_article_is_refused() -> None:
    with pytest.raises(IngestError, match="no article text"):
        extract_upload("empty.html", None, b"<html><body><script>var a = 1;</script></body></html>")


PARAGRAPH = b"<p>A sentence long enough to count as an article paragraph, about the harbour.</p>"
DEEP = 100_000
HOSTILE_NESTING = {
    "closed-divs": b"<div>" * DEEP + PARAGRAPH + b"</div>" * DEEP,
    "unclosed-divs": b"<div>" * DEEP + PARAGRAPH,
    "bold-italic": b"<b><i>" * (DEEP // 2) + PARAGRAPH + b"</i></b>" * (DEEP // 2),
    "misnested-bold-italic": b"<b><i>" * (DEEP // 2) + PARAGRAPH + b"</b></i>" * (DEEP // 2),
    "nested-tables": b"<table><tr><td>" * (DEEP // 3) + PARAGRAPH,
    "spans-in-a-page": b"<html><body><article>" + b"<span>" * DEEP + PARAGRAPH,
    "just-past-the-limit": b"<div>" * (MAX_HTML_DEPTH + 1) + PARAGRAPH,
}


def nested_page(depth: int) -> bytes:
    """A page whose article sits ``depth`` elements below <body>."""
    return b"<html><body>" + b"<div>" * depth + PARAGRAPH + b"</div>" * depth + b"</body></html>"


@pytest.mark.parametrize("data", HOSTILE_NESTING.values(), ids=HOSTILE_NESTING)
def test_deeply_nested_html_is_refused_with_the_limit(data: bytes) -> None:
    with pytest.raises(IngestError, match=f"nested deeper than {MAX_HTML_DEPTH} levels"):
        extract_upload("deep.html", None, data)


def test_html_nested_to_just_under_the_limit_is_read_whole() -> None:
    # <html>, <body> and the <p> are levels too: the parser would cut a page any deeper.
    out = extract_upload("deep.html", None, nested_page(MAX_HTML_DEPTH - 4))
    assert out.text.startswith("A sentence long enough")


def test_a_text_longer_than_the_parser_reads_is_refused_not_cut() -> None:
    page = b"<html><body><p>" + b"word " * 2_100_000 + b"</p><p>The end.</p></body></html>"
    with pytest.raises(IngestError, match="too long to read"):
        extract_upload("long.html", None, page)


@pytest.mark.parametrize(
    "body",
    [
        PARAGRAPH.removesuffix(b"</p>") * 2000,  # paragraphs closed by the next one
        b"<ul>" + b"<li>An item of the list, with a few words" * 2000 + b"</ul>" + PARAGRAPH,
        PARAGRAPH + b"<table>" + b"<tr><td>cell<td>cell" * 1000 + b"</table>",
        b"<script>var s = '" + b"<div>" * 2000 + b"';</script>" + PARAGRAPH,
        b"<!-- " + b"<div>" * 2000 + b" -->" + PARAGRAPH,
        (PARAGRAPH + b"<br><img src=x>") * 2000,
    ],
    ids=["unclosed-p", "unclosed-li", "unclosed-td", "tags-in-script", "tags-in-comment", "voids"],
)
def test_depth_is_the_parsed_nesting_not_the_tags_seen(body: bytes) -> None:
    # Optional end tags, void elements and tag-like text do not nest: many of them are shallow.
    out = extract_upload("long.html", None, b"<html><body><article>" + body + b"</article></body>")
    assert "A sentence long enough" in out.text or "An item of the list" in out.text


def test_docx_paragraphs_and_title() -> None:
    data = docx_bytes(
        "The council approved the budget.", "", "The vote was 5-2.", title="Budget vote"
    )
    out = extract_upload("story.docx", None, data)
    assert out.text == "The council approved the budget.\n\nThe vote was 5-2."
    assert out.title == "Budget vote"
    assert out.byline is None  # the file's author is whoever saved it, not the byline
    assert out.content_type == DOCX_TYPE


def with_document_xml(docx: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """``docx`` with its word/document.xml passed through ``rewrite``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, rewrite(data) if name == "word/document.xml" else data)
    return out.getvalue()


def _deep_body(xml: bytes) -> bytes:
    return xml.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * DEEP + b"</w:p>" * DEEP, 1)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK not really a zip", "not a readable .docx"),
        (docx_bytes("", "   "), "holds no text"),
        (with_document_xml(docx_bytes("Text."), lambda xml: xml[:-20]), "XML is broken"),
        (
            with_document_xml(docx_bytes("Text."), _deep_body),
            f"nested deeper than {MAX_HTML_DEPTH} levels",
        ),
    ],
    ids=["not-a-zip", "no-text", "broken-xml", "deep-xml"],
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
        ("fragment.txt", None, b"<div>" + PARAGRAPH * 3 + b"</div>", "text/html"),
        ("fragment", None, b"\n<b>Pier</b>" + PARAGRAPH, "text/html"),
        ("lt.txt", None, b"<3 the pier, and 2 < 3 too: not a tag.", "text/plain"),
    ],
    ids=[
        "html-no-ext",
        "docx-renamed",
        "text-unknown-ext",
        "declared-markdown",
        "page-saved-as-txt",
        "fragment-saved-as-txt",
        "fragment-no-ext",
        "text-with-less-than",
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
