"""Uploaded files to article text: .txt, .md, .html/.htm (body, title, author, date) and .docx.

The text returned is what gets stored, and every offset the engine reports points into it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import trafilatura
from docx import Document as DocxDocument

from app.ingest.decode import IngestError, decode_bytes

MAX_HTML_DEPTH = 1_000
"""Deeper element nesting than this is refused: no article needs it, and parsers choke on it."""
_TAG = re.compile(rb"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of an uploaded file, with what the file said about itself."""

    text: str
    title: str | None = None
    byline: str | None = None
    published_at: str | None = None
    content_type: str = "text/plain"


def extract_upload(filename: str, content_type: str | None, data: bytes) -> Extracted:
    """Extract the article from one uploaded file, by extension (or content type).

    Raises :class:`IngestError` with a reason fit for the user.
    """
    kind = _kind(filename, content_type, data)
    if kind == "docx":
        return _docx(data)
    if kind == "html":
        return _html(data)
    text = decode_bytes(data)
    if kind == "md":
        return Extracted(_MD_HEADING.sub("", text), content_type="text/markdown")
    return Extracted(text, content_type="text/plain")


def _kind(filename: str, content_type: str | None, data: bytes) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if suffix == ".docx" or ctype.endswith("wordprocessingml.document"):
        return "docx"
    if suffix in (".html", ".htm", ".xhtml") or ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if suffix in (".md", ".markdown") or ctype == "text/markdown":
        return "md"
    if suffix in (".txt", ".text", "") or ctype.startswith("text/"):
        head = data[:512].lstrip().lower()
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"
    raise IngestError(
        f"unsupported file type {suffix or ctype!r}: upload .txt, .md, .html or .docx"
    )


def _html(data: bytes) -> Extracted:
    _check_depth(data)
    html = decode_bytes(data)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
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
        content_type="text/html",
    )


def _check_depth(data: bytes) -> None:
    depth = 0
    for closing, name, self_closing in _TAG.findall(data):
        if self_closing or name.lower() in _VOID:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            raise IngestError(f"the HTML is nested more than {MAX_HTML_DEPTH} levels deep")


def _docx(data: bytes) -> Extracted:
    try:
        document = DocxDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError("the file is not a readable .docx document") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise IngestError("the .docx document holds no text")
    props = document.core_properties
    return Extracted(
        _BLANK_RUNS.sub("\n\n", "\n\n".join(paragraphs)),
        title=props.title or None,
        byline=props.author or None,
        published_at=props.created.isoformat() if props.created else None,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
