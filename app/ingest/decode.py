"""Decode uploaded bytes exactly, or refuse them with a reason.

Order: a byte-order mark decides (UTF-8, UTF-16 and UTF-32, either byte order); valid UTF-8
is UTF-8; text that reads as mostly-ASCII cp1252 (Western European) is cp1252; otherwise
charset-normalizer picks the most coherent encoding.  Data that looks
binary (NUL bytes in text that is not UTF-16/32, many control characters) is refused rather
than decoded into noise.

>>> decode_bytes("café".encode("cp1252"))
'café'
>>> decode_bytes(b"\\xef\\xbb\\xbfhello")
'hello'
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class IngestError(ValueError):
    """An upload that cannot be turned into text; the message says why, for the user."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WESTERN_ASCII_SHARE = 0.8
"""Share of ASCII among the letters for a non-UTF-8 text to be read as cp1252."""
CONTROL_SHARE = 0.05
"""More control characters (other than tab, newline, carriage return) than this is binary."""


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, dropping a byte-order mark; raise :class:`IngestError` when the
    bytes are empty, binary or in no recognisable text encoding."""
    if not data.strip():
        raise IngestError("the file is empty")
    for bom, encoding in _BOMS:  # UTF-32-LE's BOM starts with UTF-16-LE's: test it first
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"the file starts as {encoding} but is not valid {encoding}"
                ) from exc
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise IngestError("the file looks binary (it contains NUL bytes), not text")
    western = _western(data)
    if western is not None:
        return _check_text(western)
    best = from_bytes(data).best()
    if best is None:
        raise IngestError("the file is in no text encoding that could be recognised")
    return _check_text(str(best))


def _western(data: bytes) -> str | None:
    """cp1252 text when that reading is plausible: mostly ASCII letters with a few accented
    ones.  Detectors guess badly on short Western texts (a few accents, a curly quote), while
    other single-byte encodings read as cp1252 turn most letters into accented ones."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    ascii_letters = sum(1 for ch in letters if ch.isascii())
    return text if letters and ascii_letters >= WESTERN_ASCII_SHARE * len(letters) else None


def _check_text(text: str) -> str:
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v")
    if controls > CONTROL_SHARE * len(text):
        raise IngestError("the file looks binary (too many control characters), not text")
    if not text.strip():
        raise IngestError("the file holds no text")
    return text
