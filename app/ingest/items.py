"""What reading a batch yields: an article, or the reason one item of it could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from a batch, with what its file or record said about it.

    ``origin`` tells a person where it came from: ``"exports.zip/2026/a.html"``,
    ``"feed.jsonl line 17"``, ``"export.csv row 5"`` (the header is row 1), ``"page.html"``.
    """

    origin: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    published_at: str | None = None
    label: str | None = None
    story_key: str | None = None
    """The story named by the record's ``story`` field or column, if any."""
    metadata: dict[str, str] = field(default_factory=dict)
    """The record's other fields or columns, as strings (empty and null values left out)."""
    filename: str | None = None
    """The base name of the file the article was read from."""
    content_type: str | None = None
    """What the text was taken from: ``text/plain``, ``text/markdown``, ``text/html``, .docx."""


@dataclass(frozen=True, slots=True)
class ItemError:
    """One item of a batch that could not be read, and why, for a person."""

    origin: str
    reason: str


Item: TypeAlias = Article | ItemError

_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with NUL and lone surrogates (from JSON escapes such as ``\\ud83d``, or a
    cut emoji) replaced by U+FFFD: PostgreSQL stores neither, and a lone surrogate cannot be
    encoded at all. One code point for one, so the text keeps its length."""
    return _UNSTORABLE.sub("\ufffd", text)
