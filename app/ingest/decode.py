"""Decode uploaded bytes exactly, or refuse them with a reason.

Order of decisions:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32, either byte order), and is dropped;
2. valid UTF-8 is UTF-8;
3. data with NUL bytes is binary (UTF-16/32 without a BOM is refused rather than guessed);
4. cp1252 (the Western default of most legacy newsroom tools) when that reading is
   plausible: no symbol glued inside a word and little "mess" by charset-normalizer's measure;
5. otherwise charset-normalizer picks the most coherent encoding, or the data is refused.

Text with many control characters is refused as binary at every step, never decoded into noise.

>>> decode_bytes("café".encode("cp1252"))
'café'
>>> decode_bytes(b"\\xef\\xbb\\xbfhello")
'hello'
>>> decode_bytes("Firma ogłosiła w środę wyniki.".encode("cp1250"))
'Firma ogłosiła w środę wyniki.'
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio


class IngestError(ValueError):
    """An upload that cannot be turned into text; the message says why, for the user."""


BOMS = (  # UTF-32-LE's BOM starts with UTF-16-LE's: it must be tried first
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte-order marks and the encodings they announce (the mark itself is not text)."""
CONTROL_SHARE = 0.05
"""More control characters (other than tab, newline, form feed, carriage return) than this
share of all characters, in [0, 1], is binary."""
WESTERN_MAX_MESS = 0.2
"""charset-normalizer's mess ratio above which a cp1252 reading is not trusted, in [0, 1]."""
MESS_SAMPLE_CHARS = 100_000
"""The mess ratio is measured on this many leading characters: enough to judge, cheap on
megabyte files."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# cp1252's symbols (superscripts, "¿", "¹", "¼"...) between two letters: "og³osi³a" is Polish
# read as cp1252.  Apostrophes, hyphens and middle dots do sit inside Western words.
_CP1252_SYMBOLS = "".join(
    ch
    for ch in bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
    if not ch.isalpha() and ch not in "’‘\xad·–—"
)
_SYMBOL_IN_WORD = re.compile(rf"(?<=[^\W\d_])[{re.escape(_CP1252_SYMBOLS)}](?=[^\W\d_])")


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text, dropping a byte-order mark.

    Raises :class:`IngestError` when the bytes are empty, binary or in no recognisable
    text encoding.
    """
    if not data.strip():
        raise IngestError("the file is empty")
    for bom, encoding in BOMS:
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
    """The cp1252 reading of ``data`` when it is plausible text, else None.

    Detectors guess badly on short Western texts (a few accents, one curly quote), while
    other single-byte encodings read as cp1252 glue symbols into words or read as mess.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned in cp1252
        return None
    if _SYMBOL_IN_WORD.search(text):
        return None
    if mess_ratio(text[:MESS_SAMPLE_CHARS], maximum_threshold=1.0) > WESTERN_MAX_MESS:
        return None
    return text


def _check_text(text: str) -> str:
    if len(_CONTROLS.findall(text)) > CONTROL_SHARE * len(text):
        raise IngestError("the file looks binary (too many control characters), not text")
    if not text.strip():
        raise IngestError("the file holds no text")
    return text
