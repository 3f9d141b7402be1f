"""Records of a JSON Lines, JSON or CSV file, each read as an article or a per-item error.

Fields, by JSON key or CSV header name (case-insensitive): ``title``, ``text`` or ``html``,
``source``, ``url``, ``byline``, ``published_at``, ``label``, ``story`` (the story key). Any
other field goes to ``metadata`` as a string. ``text`` is taken as is; ``html``, read only
when the text is empty, is reduced to its article body by the extractor of uploaded pages,
which also fills the title, byline and date the record lacks. JSON Lines and CSV are
read from a stream of lines, JSON from its text one element at a time: the parsed records of
a file are never all in memory.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator

from app.ingest.decode import IngestError
from app.ingest.extract import extract_upload
from app.ingest.items import Article, Item, ItemError, storable

CSV_FIELD_CHARS = 100 * 2**20
"""Longest CSV field read, in characters (the csv module's default stops at 131,072)."""
_FIELDS = ("title", "text", "html", "source", "url", "byline", "published_at", "label", "story")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DELIMITERS = (",", ";", "\t")


def read_jsonl(
    origin: str, lines: Iterable[str], *, filename: str, max_text_chars: int
) -> Iterator[Item]:
    """One item per non-blank line; a broken line is an error naming it, the rest go on."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"{where}: not valid JSON ({exc.msg} at column {exc.colno})"
            yield ItemError(f"{origin} {where}", reason)
            continue
        except RecursionError:
            yield ItemError(f"{origin} {where}", f"{where}: the JSON is nested too deeply")
            continue
        yield record_item(f"{origin} {where}", where, value, filename, max_text_chars)


def read_json(origin: str, text: str, *, filename: str, max_text_chars: int) -> Iterator[Item]:
    """An array of records, one item each (parsed one element at a time), or one record."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ItemError(origin, f"not valid JSON ({_json_error(exc)})")
            return
        except RecursionError:
            yield ItemError(origin, "the JSON is nested too deeply")
            return
        yield record_item(origin, "", value, filename, max_text_chars)
        return
    pos = _skip_space(text, pos + 1)
    number = 0
    while not text.startswith("]", pos):
        number += 1
        where = f"item {number}"
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield ItemError(
                f"{origin} {where}",
                f"{where}: not valid JSON ({_json_error(exc)}); the rest of the file was not read",
            )
            return
        except RecursionError:
            yield ItemError(
                f"{origin} {where}",
                f"{where}: the JSON is nested too deeply; the rest of the file was not read",
            )
            return
        yield record_item(f"{origin} {where}", where, value, filename, max_text_chars)
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif not text.startswith("]", pos):
            yield ItemError(
                origin,
                f"after item {number}: expected ',' or ']' at "
                f"{_where_in(text, pos)}; the rest of the file was not read",
            )
            return
    if number == 0:
        yield ItemError(origin, "the JSON array is empty")
    end = _skip_space(text, pos + 1)
    if end < len(text):
        yield ItemError(origin, f"unexpected data after the array at {_where_in(text, end)}")


def read_csv(
    origin: str, lines: Iterable[str], *, filename: str, max_text_chars: int
) -> Iterator[Item]:
    """One item per row after the header row (row 1); blank rows are skipped.

    The delimiter is the first of comma, semicolon and tab that splits the header into a
    ``text`` or ``html`` column. A file with neither column is one error.
    """
    if csv.field_size_limit() < CSV_FIELD_CHARS:  # a process-wide setting: only ever raised
        csv.field_size_limit(CSV_FIELD_CHARS)
    lines = iter(lines)
    first = next(lines, "")
    delimiter = next((d for d in _DELIMITERS if _has_text_column(_split(first, d))), None)
    if delimiter is None:
        header = _split(first, ",")
        shown = ", ".join(repr(name) for name in header[:12] if name)
        yield ItemError(
            origin,
            'the CSV has no "text" or "html" column'
            + (f" (its columns: {shown})" if shown else ""),
        )
        return
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = [name.strip() for name in next(reader)]
    read_rows = False
    for row in itertools.count(2):
        where = f"row {row}"
        try:
            fields = next(reader)
        except StopIteration:
            if not read_rows:
                yield ItemError(origin, "the CSV has no rows after its header")
            return
        except csv.Error as exc:
            yield ItemError(
                f"{origin} {where}",
                f"{where}: not valid CSV ({exc}); the rest of the file was not read",
            )
            return
        if not any(value.strip() for value in fields):
            continue
        read_rows = True
        if any(value.strip() for value in fields[len(header) :]):
            yield ItemError(
                f"{origin} {where}",
                f"{where}: {len(fields)} fields, but the header names {len(header)}",
            )
            continue
        # A short row lacks its last fields; unnamed columns are dropped.
        record = {name: value for name, value in zip(header, fields, strict=False) if name}
        yield record_item(f"{origin} {where}", where, record, filename, max_text_chars)


def record_item(origin: str, where: str, value: object, filename: str, max_text_chars: int) -> Item:
    """The article of one decoded record, or why it is none (``where`` starts each reason)."""
    where = f"{where}: " if where else ""
    if not isinstance(value, dict):
        return ItemError(origin, f"{where}{_json_type(value)}, not an object")
    known: dict[str, str] = {}
    metadata: dict[str, str] = {}
    for key, field_value in value.items():
        name = str(key).strip().lower()
        if name in ("text", "html") and not isinstance(field_value, str | None):
            return ItemError(origin, f'{where}"{key}" is {_json_type(field_value)}, not text')
        if field_value is None or field_value == "":
            continue
        if name in _FIELDS and name not in known:
            known[name] = _as_string(field_value)
        else:
            metadata[str(key)] = _as_string(field_value)
    text, content_type = known.get("text", ""), "text/plain"
    title, byline, published_at = (
        _clean(known.get(k)) for k in ("title", "byline", "published_at")
    )
    if not text.strip():
        html = known.get("html", "")
        if not html.strip():
            has_field = any(str(k).strip().lower() in ("text", "html") for k in value)
            empty = "the text is empty" if has_field else 'no "text" or "html" field'
            return ItemError(origin, where + empty)
        try:
            page = extract_upload("record.html", "text/html", html.encode("utf-8", "replace"))
        except IngestError as exc:
            return ItemError(origin, f"{where}{exc}")
        text, content_type = page.text, page.content_type
        title, byline = title or page.title, byline or page.byline
        published_at = published_at or page.published_at
    if len(text) > max_text_chars:
        return ItemError(
            origin,
            f"{where}the text is {len(text):,} characters long; the limit is {max_text_chars:,}",
        )
    return Article(
        origin, text, title=title, source=_clean(known.get("source")),
        url=_clean(known.get("url")), byline=byline, published_at=published_at,
        label=_clean(known.get("label")), story_key=_clean(known.get("story")),
        metadata=metadata, filename=filename, content_type=content_type,
    )  # fmt: skip


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _has_text_column(header: Iterable[str]) -> bool:
    return any(name.strip().lower() in ("text", "html") for name in header)


def _clean(value: str | None) -> str | None:
    return (value or "").strip() or None


def _as_string(value: object) -> str:
    return storable(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} at line {exc.lineno} column {exc.colno}"


def _where_in(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    return f"line {line} column {pos - text.rfind(chr(10), 0, pos)}"


def _skip_space(text: str, pos: int) -> int:
    match = _JSON_SPACE.match(text, pos)
    return match.end() if match else pos
