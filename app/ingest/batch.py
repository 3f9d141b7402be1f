"""One uploaded batch file, or the files and folders given to ``redline import``, read as a
stream of articles and per-item errors.

The type is told by the name's extension: ``.zip`` (each member read as its own type would
be), ``.jsonl``/``.ndjson``, ``.json``, ``.csv``/``.tsv``, or one article of the types
:func:`~app.ingest.extract.extract_upload` reads (``.txt``, ``.md``, ``.html``, ``.docx``...).
A name without an extension is sniffed: a zip (unless it is a .docx), JSON starting with ``[``
or ``{`` (JSON Lines when its first line is a whole object), else one article. Items are
produced one at a time: an archive's members are inflated one by one, never all at once.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from app.ingest.archive import member_chunks, open_archive, read_member
from app.ingest.decode import IngestError, decode_bytes
from app.ingest.extract import extract_upload, looks_like_docx
from app.ingest.items import Article, Item, ItemError, storable
from app.ingest.lines import decode_lines
from app.ingest.records import read_csv, read_json, read_jsonl

MAX_FILE_BYTES = 100 * 2**20
"""Largest file read whole from disk, in bytes (archives are read member by member)."""
LINE_READERS = {".jsonl": read_jsonl, ".ndjson": read_jsonl, ".csv": read_csv, ".tsv": read_csv}
"""Record files read from a stream of lines, never whole."""
RECORD_SUFFIXES = frozenset({*LINE_READERS, ".json"})
ARTICLE_SUFFIXES = frozenset(".txt .text .md .markdown .html .htm .xhtml .docx".split())
ARCHIVE_SUFFIXES = frozenset(".zip .gz .tgz .tar .bz2 .xz .7z .rar .zst".split())
"""Archives: only a ``.zip`` is read, and only when it is not itself inside an archive."""
_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
_SNIFF_BYTES = 4096
_CHUNK_BYTES = 1 << 16
_LEADING_SPACE = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

Load = Callable[[], bytes]
Chunks = Callable[[], Iterator[bytes]]


def read_batch(name: str, path: Path, *, max_text_chars: int) -> Iterator[Item]:
    """Stream the items of the uploaded file ``name`` stored at ``path``.

    An archive is checked whole when this is called: :class:`IngestError` says why it is
    refused, before any member is read. Every other problem is an :class:`ItemError` in the
    stream, and the stream goes on after it.
    """
    suffix = _suffix(name)
    with path.open("rb") as fp:
        head = fp.read(_SNIFF_BYTES)
    if suffix == ".zip" or (not suffix and head.startswith(_ZIP_MAGIC)):
        archive = open_archive(path)
        if not suffix and "word/document.xml" in archive.namelist():
            archive.close()  # a .docx without its extension
        elif any(not info.is_dir() and not _hidden(info.filename) for info in archive.infolist()):
            return _archive_items(name, archive, max_text_chars)
        else:
            archive.close()
            raise IngestError("the archive holds no files")
    return _file_items(
        name,
        PurePosixPath(name).name,
        lambda: _read_whole(path),
        lambda: _file_chunks(path),
        max_text_chars,
    )


def read_paths(paths: Sequence[Path], *, max_text_chars: int) -> Iterator[Item]:
    """Stream the items of files and folders; a folder is walked recursively in name order,
    skipping hidden entries. A file that cannot be read is an :class:`ItemError`."""
    for path in paths:
        if path.is_dir():
            yield from _folder_items(path, max_text_chars)
        elif path.exists():
            yield from _path_items(path, max_text_chars)
        else:
            yield ItemError(str(path), "no such file or folder")


def _folder_items(folder: Path, max_text_chars: int) -> Iterator[Item]:
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        yield ItemError(str(folder), f"the folder cannot be read ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a linked folder may lead back up: never a loop
                yield from _folder_items(entry, max_text_chars)
        elif entry.is_file():
            yield from _path_items(entry, max_text_chars)


def _path_items(path: Path, max_text_chars: int) -> Iterator[Item]:
    try:
        yield from read_batch(str(path), path, max_text_chars=max_text_chars)
    except IngestError as exc:
        yield ItemError(str(path), str(exc))
    except OSError as exc:
        yield ItemError(str(path), f"the file cannot be read ({exc.strerror or exc})")


def _archive_items(name: str, archive: zipfile.ZipFile, max_text_chars: int) -> Iterator[Item]:
    with archive:
        for info in sorted(archive.infolist(), key=lambda member: member.filename):
            if info.is_dir() or _hidden(info.filename):
                continue
            origin = f"{name}/{info.filename}"
            suffix = _suffix(info.filename)
            if suffix in ARCHIVE_SUFFIXES:
                yield ItemError(origin, f"archives inside archives are not read ({suffix})")
            else:
                filename = PurePosixPath(info.filename).name
                load, chunks = _member_readers(archive, info)
                yield from _file_items(origin, filename, load, chunks, max_text_chars)


def _file_items(
    origin: str, filename: str, load: Load, chunks: Chunks, max_text_chars: int
) -> Iterator[Item]:
    """The items of one file (not an archive), whose bytes ``load`` returns, ``chunks`` streams."""
    suffix = _suffix(filename)
    if suffix in LINE_READERS:
        yield from _line_items(origin, filename, LINE_READERS[suffix], chunks, max_text_chars)
        return
    if suffix and suffix not in RECORD_SUFFIXES and suffix not in ARTICLE_SUFFIXES:
        yield ItemError(origin, f"unsupported file type {suffix}")
        return
    try:
        data = load()
        if not suffix and data.startswith(_ZIP_MAGIC) and not looks_like_docx(data):
            yield ItemError(origin, "archives inside archives are not read")
            return
        sniffed = _sniff_records(data) if not suffix else None
        if sniffed is read_jsonl:
            whole = data
            yield from _line_items(
                origin, filename, read_jsonl, lambda: iter([whole]), max_text_chars
            )
            return
        if suffix != ".json" and sniffed is None:
            yield _article(origin, filename, data, max_text_chars)
            return
        text = decode_bytes(data)
        del data  # the decoded text is all that is needed from here on
    except IngestError as exc:
        yield ItemError(origin, str(exc))
        return
    yield from read_json(origin, text, filename=filename, max_text_chars=max_text_chars)


def _line_items(
    origin: str,
    filename: str,
    reader: Callable[..., Iterator[Item]],
    chunks: Chunks,
    max_text_chars: int,
) -> Iterator[Item]:
    count = 0
    try:
        for item in reader(
            origin, decode_lines(chunks()), filename=filename, max_text_chars=max_text_chars
        ):
            count += 1
            yield item
    except IngestError as exc:  # the file's bytes could not be read or decoded
        rest = "; the rest of the file was not read" if count else ""
        yield ItemError(origin, f"{exc}{rest}")


def _article(origin: str, filename: str, data: bytes, max_text_chars: int) -> Item:
    if data.startswith(_ZIP_MAGIC):  # a .docx is a zip archive, and is checked as one
        open_archive(io.BytesIO(data)).close()
    extracted = extract_upload(filename, None, data)
    if len(extracted.text) > max_text_chars:
        return ItemError(
            origin,
            f"the text is {len(extracted.text):,} characters long; the limit is {max_text_chars:,}",
        )
    return Article(
        origin,
        storable(extracted.text),
        title=extracted.title,
        byline=extracted.byline,
        published_at=extracted.published_at,
        filename=filename,
        content_type=extracted.content_type,
    )


def _sniff_records(data: bytes) -> Callable[..., Iterator[Item]] | None:
    start = _LEADING_SPACE.match(data)
    begin = start.end() if start else 0
    if data.startswith(b"[", begin):
        return read_json
    if not data.startswith(b"{", begin):
        return None
    end = data.find(b"\n", begin)
    try:
        json.loads(data[begin : end if end >= 0 else len(data)])
    except (ValueError, RecursionError):
        return read_json  # the first line is not a whole object: one object over many lines
    return read_jsonl


def _member_readers(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[Load, Chunks]:
    return lambda: read_member(archive, info), lambda: member_chunks(archive, info)


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fp:
        while chunk := fp.read(_CHUNK_BYTES):
            yield chunk


def _read_whole(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(
            f"the file is {size / 2**20:,.0f} MiB; the limit is {MAX_FILE_BYTES / 2**20:,.0f} MiB"
        )
    return path.read_bytes()


def _suffix(name: str) -> str:
    """The extension that tells the type, or "" (a dot inside a title is no extension)."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def _hidden(member: str) -> bool:
    """Dot files and the ``__MACOSX`` folder of resource forks macOS adds to its archives."""
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))
