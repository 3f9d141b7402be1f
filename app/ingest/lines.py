"""Bytes arriving in chunks to lines of text, decoded as they come.

JSON Lines and CSV files are read line by line, so a large file (or archive member) is never
held whole, as bytes or as text. The encoding is judged on the first :data:`HEAD_BYTES`: a
byte-order mark decides; else UTF-8 (almost every export) when the head is valid UTF-8,
decoded incrementally. Any other encoding needs the whole file to be judged, so such a file
is read whole, up to :data:`MAX_WHOLE_BYTES`, and decoded by :func:`~app.ingest.decode_bytes`.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator

from app.ingest.decode import BOMS, IngestError, decode_bytes

HEAD_BYTES = 1 << 20
"""Bytes read before the encoding is judged (and the file refused as empty or binary)."""
MAX_WHOLE_BYTES = 100 * 2**20
"""Largest file read whole because it is in an encoding other than UTF-8, in bytes."""


def decode_lines(chunks: Iterable[bytes]) -> Iterator[str]:
    """The lines of the text that ``chunks`` hold, each with its ending.

    Lines end with LF (or CRLF); a text whose head has no LF but a CR ends them with CR (old
    Mac exports). Raises :class:`IngestError` with decode.py's reasons when the file is
    empty, binary or undecodable, and, for a file broken further on, when the bad bytes come.
    """
    stream = iter(chunks)
    head = bytearray()
    for chunk in stream:
        head += chunk
        if len(head) >= HEAD_BYTES:
            break
    complete = len(head) < HEAD_BYTES
    bom, encoding = next(((b, name) for b, name in BOMS if head.startswith(b)), (b"", None))
    del head[: len(bom)]
    if encoding is None and _valid_utf8_start(bytes(head), final=complete):
        encoding = "utf-8"
    if encoding is None:  # judged (and decoded) whole
        text = decode_bytes(_whole(head, stream))
        yield from _split(iter([text]), _ending(text[:HEAD_BYTES]))
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        first = decoder.decode(bytes(head), final=complete)
    except UnicodeDecodeError as exc:
        raise IngestError(f"the file starts as {encoding} but is not valid {encoding}") from exc
    decode_bytes(first.encode("utf-8", "surrogatepass"))  # refuses an empty or binary head
    yield from _split(_decoded(first, decoder, encoding, stream), _ending(first))


def _decoded(
    first: str, decoder: codecs.IncrementalDecoder, encoding: str, rest: Iterator[bytes]
) -> Iterator[str]:
    yield first
    try:
        for chunk in rest:
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise IngestError(f"the file is not valid {encoding} further on ({exc.reason})") from exc


def _split(pieces: Iterator[str], ending: str) -> Iterator[str]:
    """Lines across pieces; a long line is joined once, not regrown with every piece."""
    carry: list[str] = []
    for piece in pieces:
        start = 0
        while (end := piece.find(ending, start)) >= 0:
            line = piece[start : end + 1]
            if carry:
                carry.append(line)
                line = "".join(carry)
                carry = []
            yield line
            start = end + 1
        if start < len(piece):
            carry.append(piece[start:])
    if carry:
        yield "".join(carry)


def _ending(sample: str) -> str:
    return "\r" if "\n" not in sample and "\r" in sample else "\n"


def _valid_utf8_start(head: bytes, *, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=final)
    except UnicodeDecodeError:
        return False
    return True


def _whole(head: bytearray, rest: Iterator[bytes]) -> bytes:
    chunk = b""
    while True:
        head += chunk
        if len(head) > MAX_WHOLE_BYTES:
            raise IngestError(
                f"the file is larger than {MAX_WHOLE_BYTES / 2**20:,.0f} MiB and not in UTF-8; "
                "save it as UTF-8 to read it"
            )
        chunk = next(rest, b"")
        if not chunk:
            return bytes(head)
