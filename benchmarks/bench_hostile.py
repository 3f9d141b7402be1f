"""Hostile HTML figures: pages nested 100,000 levels deep (and pages just inside the limit)
through every way HTML comes in: one uploaded file (the new-comparison form, an added
version), a batch zip member, a CSV ``html`` column and a JSON Lines ``html`` field. Each
deep page must end within 2 s with the reason it was refused.
`python -m benchmarks hostile`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.ingest import IngestError, ItemError, extract_upload, read_batch
from app.ingest.extract import MAX_HTML_DEPTH
from benchmarks.table import print_table

DEEP = 100_000
PARAGRAPH = b"<p>The harbour board met on Tuesday and agreed to dredge the old channel.</p>"
PAGES = {
    "100,000 <div>, closed": b"<div>" * DEEP + PARAGRAPH + b"</div>" * DEEP,
    "100,000 <div>, unclosed": b"<div>" * DEEP + PARAGRAPH,
    "50,000 <b><i> pairs": b"<b><i>" * (DEEP // 2) + PARAGRAPH + b"</i></b>" * (DEEP // 2),
    "33,333 nested tables": b"<table><tr><td>" * (DEEP // 3) + PARAGRAPH,
    f"{MAX_HTML_DEPTH - 4} <div> (read)": b"<html><body>"
    + b"<div>" * (MAX_HTML_DEPTH - 4)
    + PARAGRAPH
    + b"</div>" * (MAX_HTML_DEPTH - 4)
    + b"</body></html>",
    # Wide, not deep: read whole, at the extractor's pace (about 0.3 ms an element).
    "10,000 unclosed <p> (read)": b"<html><body><article>"
    + PARAGRAPH.removesuffix(b"</p>") * (DEEP // 10)
    + b"</article></body></html>",
}


def _single(page: bytes, _tmp: Path) -> str:
    try:
        return f"{len(extract_upload('page.html', None, page).text):,} chars"
    except IngestError as exc:
        return str(exc)


def _batch(name: str, data: bytes, tmp: Path) -> str:
    path = tmp / name
    path.write_bytes(data)
    (item,) = read_batch(name, path, max_text_chars=10_000_000)
    return item.reason if isinstance(item, ItemError) else f"{len(item.text):,} chars"


def _zip_member(page: bytes, tmp: Path) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:  # stored: deflated, it is refused for its ratio
        archive.writestr("page.html", page)
    return _batch("pages.zip", buf.getvalue(), tmp)


def _csv_column(page: bytes, tmp: Path) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([["title", "html"], ["Harbour", page.decode()]])
    return _batch("pages.csv", out.getvalue().encode(), tmp)


def _jsonl_field(page: bytes, tmp: Path) -> str:
    return _batch("pages.jsonl", json.dumps({"html": page.decode()}).encode(), tmp)


ENTRIES: dict[str, Callable[[bytes, Path], str]] = {
    "uploaded file": _single,
    "zip member": _zip_member,
    "CSV html column": _csv_column,
    "JSONL html field": _jsonl_field,
}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for page_name, page in PAGES.items():
            for entry_name, entry in ENTRIES.items():
                started = time.perf_counter()
                outcome = entry(page, Path(tmp))
                elapsed = time.perf_counter() - started
                rows.append([page_name, entry_name, f"{len(page):,}", f"{elapsed:.3f}", outcome])
    print_table(
        "Hostile HTML: every entry point, seconds until the text or the refusal (limit 2 s)",
        ["page", "entry", "bytes", "seconds", "outcome"],
        rows,
    )


if __name__ == "__main__":
    main()
