"""Zip archives, judged from their central directory before a byte is inflated.

Refused whole (:class:`IngestError`): more than :data:`MAX_MEMBERS` entries (counted from the
end record, before the directory is even parsed), more than :data:`MAX_TOTAL_BYTES` declared
uncompressed, a member or the whole inflating more than :data:`MAX_RATIO` times, a name that
escapes the folder (absolute, ``..``, a drive letter, the same with backslashes), a symbolic
link, entries whose compressed data overlap, or a file that is no readable zip. Members are
then read one at a time, and a member that inflates past its declared size is stopped:
declared sizes are never trusted.
"""

from __future__ import annotations

import lzma
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.ingest.decode import IngestError

MAX_MEMBERS = 10_000
"""Most entries (files and folders) an archive may hold."""
MAX_TOTAL_BYTES = 2**30
"""Most bytes, uncompressed, all members of an archive may declare together (1 GiB)."""
MAX_RATIO = 100
"""Highest compression ratio (uncompressed / compressed size) of a member or of the whole."""
RATIO_FLOOR_BYTES = 64 * 1024
"""Members (and archives) smaller than this, uncompressed, are not judged by their ratio: a
short, blank-padded page can compress 100 times yet can expand to nothing dangerous."""
MAX_MEMBER_BYTES = 100 * 2**20
"""Largest single member read, uncompressed (100 MiB, the size of a whole upload)."""

_CHUNK = 1 << 16
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_DRIVE = re.compile(r"[A-Za-z]:")
_SEPARATORS = re.compile(r"[\\/]")


def open_archive(source: Path | IO[bytes]) -> zipfile.ZipFile:
    """Open a zip archive after checking it whole; the caller closes it.

    Raises :class:`IngestError` saying why an archive is refused.
    """
    try:
        if isinstance(source, Path):
            with source.open("rb") as fp:
                size, declared = _declared_entries(fp)
        else:
            size, declared = _declared_entries(source)
        if declared is not None and declared > MAX_MEMBERS:
            raise IngestError(_too_many(declared))
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as exc:
        raise IngestError(f"the file is not a readable zip archive ({exc})") from exc
    try:
        check_members(archive.infolist(), size)
    except IngestError:
        archive.close()
        raise
    return archive


def check_members(infos: list[zipfile.ZipInfo], archive_bytes: int) -> None:
    """Refuse the archive of ``archive_bytes`` whose central directory lists ``infos``."""
    if len(infos) > MAX_MEMBERS:
        raise IngestError(_too_many(len(infos)))
    total = compressed = 0
    for info in infos:
        problem = _unsafe_name(info.filename)
        if problem is None and stat.S_ISLNK(info.external_attr >> 16):
            problem = "is a symbolic link"
        if problem is None and _inflates_too_much(info.file_size, info.compress_size):
            problem = _inflation(info.file_size, info.compress_size)
        if problem is not None:
            raise IngestError(f"the archive is refused: its entry {info.filename!r} {problem}")
        total += info.file_size
        compressed += info.compress_size
    if compressed > archive_bytes:  # entries sharing their data: the trick of overlap bombs
        raise IngestError("the archive is refused: its entries overlap one another")
    if total > MAX_TOTAL_BYTES:
        raise IngestError(
            f"the archive would inflate to {total / 2**20:,.0f} MiB; "
            f"the limit is {MAX_TOTAL_BYTES / 2**20:,.0f} MiB"
        )
    if _inflates_too_much(total, compressed):
        raise IngestError(f"the archive is refused: as a whole it {_inflation(total, compressed)}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of one member; :class:`IngestError` when encrypted, too large or damaged."""
    if info.file_size > MAX_MEMBER_BYTES:
        raise IngestError(
            f"the file is {info.file_size / 2**20:,.0f} MiB uncompressed; "
            f"the limit is {MAX_MEMBER_BYTES / 2**20:,.0f} MiB"
        )
    return b"".join(member_chunks(archive, info))


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The bytes of one member as they inflate, stopped past its declared size.

    Raises :class:`IngestError` when the member is encrypted or damaged.
    """
    if info.flag_bits & 0x1:
        raise IngestError("the file is encrypted")
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise IngestError(
                        f"the file inflates past its declared size of {info.file_size:,} bytes"
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as exc:
        raise IngestError(f"the file is damaged in the archive ({exc})") from exc
    except NotImplementedError as exc:  # compression methods zipfile cannot read
        raise IngestError(f"the file cannot be unpacked ({exc})") from exc


def _declared_entries(fp: IO[bytes]) -> tuple[int, int | None]:
    """The size of the file, and the entry count its end record declares (zip64 included),
    or None if no end record is found.

    Read before :class:`zipfile.ZipFile` parses the directory, which would otherwise build an
    object for each of millions of entries a crafted archive may declare.
    """
    size = fp.seek(0, 2)
    start = max(0, size - (_EOCD_SIZE + 0xFFFF + 20))  # the end record, its comment, a locator
    fp.seek(start)
    tail = fp.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return size, None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    locator = at - 20
    if entries != 0xFFFF or locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR:
        return size, int(entries)
    (offset,) = struct.unpack_from("<Q", tail, locator + 8)
    fp.seek(offset)
    record = fp.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_EOCD):
        return size, int(entries)
    (entries64,) = struct.unpack_from("<Q", record, 32)
    return size, int(entries64)


def _unsafe_name(name: str) -> str | None:
    if not name:
        return "has no name"
    if name.startswith(("/", "\\")):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    if ".." in _SEPARATORS.split(name):
        return "climbs out of its folder (..)"
    return None


def _inflates_too_much(size: int, compressed: int) -> bool:
    return size >= RATIO_FLOOR_BYTES and size > MAX_RATIO * compressed


def _inflation(size: int, compressed: int) -> str:
    return (
        f"would inflate from {compressed:,} to {size:,} bytes, "
        f"more than {MAX_RATIO} times its compressed size"
    )


def _too_many(entries: int) -> str:
    return f"the archive holds {entries:,} entries; the limit is {MAX_MEMBERS:,}"
