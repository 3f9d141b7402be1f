"""Uploaded files to article text: .txt, .md, .html/.htm (body, title, author, date) and .docx.

The text returned is what gets stored, and every offset the engine reports points into it.
The type is told by the file name's extension, else by the declared content type, else by
the content itself (a .docx is a zip holding ``word/document.xml``; HTML starts with a tag).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal, cast

import trafilatura
from docx import Document as DocxDocument
from lxml import etree

from app.ingest.decode import IngestError, decode_bytes
from app.ingest.markdown import markdown_to_text

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest file accepted, in bytes: far above any article, low enough to parse in memory."""
MAX_HTML_DEPTH = 256
"""Deeper element nesting is refused: libxml2, the extractor's parser, stops reading a page
there (its ``XML_PARSE_HUGE`` lifts the limit, and lets a hostile page grow an unbounded tree)."""
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Kind = Literal["txt", "md", "html", "docx"]
_SUFFIXES: dict[str, Kind] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
}  # fmt: skip
_CONTENT_TYPES: dict[str, Kind] = {
    "text/plain": "txt", "text/markdown": "md", "text/x-markdown": "md",
    "text/html": "html", "application/xhtml+xml": "html", DOCX_TYPE: "docx",
}  # fmt: skip
_STORED_TYPES: dict[Kind, str] = {
    "txt": "text/plain", "md": "text/markdown", "html": "text/html", "docx": DOCX_TYPE,
}  # fmt: skip
# A document's opening tags, or a fragment's: a file that starts with one of them is markup,
# whatever its name says, and is read as HTML rather than stored as text with its tags.
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta|title"
    rb"|main|section|header|div|table|p|h[1-6]|ul|ol|span|font|center|b|i|em|strong|a)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of an uploaded file, with what the file said about itself."""

    text: str
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None
    content_type: str = "text/plain"


def extract_upload(
    filename: str, content_type: str | None, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES
) -> Extracted:
    """Extract the article from one uploaded file.

    Raises :class:`IngestError` with a reason fit for the user: empty, too large, binary,
    undecodable, unsupported type, or no article text found.
    """
    if not data:
        raise IngestError("the file is empty")
    if len(data) > max_bytes:
        raise IngestError(
            f"the file is {len(data) / 2**20:.1f} MiB; the limit is {max_bytes / 2**20:.0f} MiB"
        )
    kind = _kind(filename, content_type, data)
    if kind == "docx":
        return _docx(data)
    if kind == "html":
        return _html(data)
    text = decode_bytes(data)
    if kind == "md":
        return Extracted(markdown_to_text(text), content_type=_STORED_TYPES["md"])
    return Extracted(text, content_type=_STORED_TYPES["txt"])


def _kind(filename: str, content_type: str | None, data: bytes) -> Kind:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in _SUFFIXES:
        # A page saved as .txt is still a page.
        return (
            "html" if _SUFFIXES[suffix] == "txt" and _looks_like_html(data) else _SUFFIXES[suffix]
        )
    declared = _CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower())
    if declared is not None:
        return declared
    if looks_like_docx(data):
        return "docx"
    if _looks_like_html(data):
        return "html"
    try:  # anything else is accepted only if it decodes as text
        decode_bytes(data)
    except IngestError as exc:
        raise IngestError(
            f"unsupported file type {suffix or '(no extension)'}: {exc}; "
            "upload .txt, .md, .html or .docx"
        ) from exc
    return "txt"


def _looks_like_html(data: bytes) -> bool:
    return _HTML_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")) is not None


def looks_like_docx(data: bytes) -> bool:
    """Whether ``data`` is a Word document (a zip holding word/document.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _html(data: bytes) -> Extracted:
    html = decode_bytes(data)
    _check_parser_limits(html)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True,
    )  # fmt: skip
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise IngestError("no article text could be found in this HTML page")
    # One paragraph per line in the extractor's output: keep them as blank-line paragraphs.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return Extracted(
        text,
        title=getattr(doc, "title", None) or None,
        byline=getattr(doc, "author", None) or None,
        published_at=getattr(doc, "date", None) or None,
        content_type=_STORED_TYPES["html"],
    )


def _check_parser_limits(html: str) -> None:
    """Refuse a page the parser would cut short: nested deeper than it builds, or a text or
    attribute longer than it reads. libxml2 stops there and keeps only what came before, so
    the extractor would return part of the article (or none) as if it were whole. Parsing
    once more costs a few milliseconds a page; a deep page is refused at its first levels."""
    parser = etree.HTMLParser(
        collect_ids=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    etree.fromstring(html.encode("utf-8", "replace"), parser)
    for error in cast("Iterable[Any]", parser.error_log):  # lxml-stubs: not iterable
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise IngestError(f"the HTML {_beyond_limit(error.message)}")


def _beyond_limit(message: str) -> str:
    """What libxml2's resource-limit ``message`` means, for a person."""
    if "depth" in message:
        return f"is nested deeper than {MAX_HTML_DEPTH} levels"
    return "holds a text or attribute too long to read (over 10 MB in one piece)"


def _docx(data: bytes) -> Extracted:
    try:
        document = DocxDocument(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:  # python-docx parses the XML with lxml's limits
        if getattr(exc, "code", None) == etree.ErrorTypes.ERR_RESOURCE_LIMIT:  # not in the stubs
            raise IngestError(f"the .docx document {_beyond_limit(exc.msg)}") from exc
        raise IngestError("the .docx document's XML is broken") from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError("the file is not a readable .docx document") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise IngestError("the .docx document holds no text")
    # Only the title is taken from the document properties: their author and dates belong to
    # whoever saved the file (or its template), not to the article.
    return Extracted(
        "\n\n".join(paragraphs),
        title=document.core_properties.title or None,
        content_type=DOCX_TYPE,
    )
