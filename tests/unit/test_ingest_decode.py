"""Uploaded bytes to text: exact decoding, and refusals with a reason instead of noise."""

from __future__ import annotations

import codecs

import pytest

from app.ingest import IngestError, decode_bytes

TEXT = "Café owners in Nîmes said “prices rose” 3.5 percent — again.\r\nL’été sera long."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with the platform's BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        TEXT.encode("utf-32"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
        TEXT.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16",
        "utf16-be-bom",
        "utf16-le-bom",
        "utf32",
        "utf32-be",
        "cp1252",
    ],
)
def test_decodes_exactly(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize(
    "text",
    [
        "naïve",
        "It’s a café.",
        "Der Bürgermeister sagte am Montag, dass die Straße gesperrt wird.",
        "The fee is £40 (about €46), up 5½ percent, the café’s owner said.",
        "Œuvres complètes: « Cœur » — 3 × 2 ÷ 1 ± 0,5 ©",
    ],
)
def test_short_western_texts_decode_as_cp1252(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Firma ogłosiła w środę wyniki.", "cp1250"),
        (
            "Zażółć gęślą jaźń. Przedsiębiorstwo ogłosiło w środę, że zwiększy produkcję "
            "o 12 procent w przyszłym roku.",
            "cp1250",
        ),
        ("Президент заявил в понедельник, что переговоры продолжатся.", "cp1251"),
        ("Ο πρόεδρος δήλωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν.", "cp1253"),
    ],
)
def test_other_single_byte_encodings_are_not_read_as_cp1252(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_utf16_without_a_bom_is_refused_not_guessed() -> None:
    with pytest.raises(IngestError, match="NUL"):
        decode_bytes(TEXT.encode("utf-16-be"))


def test_a_bom_that_lies_is_refused() -> None:
    with pytest.raises(IngestError, match="starts as utf-8 but is not valid utf-8"):
        decode_bytes(codecs.BOM_UTF8 + "café".encode("cp1252"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "holds no text"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x01\x02\x03\x04 a few letters \x05\x06\x07\x08\x0e\x0f", "binary"),
        (b"plain words" + b"\x1b\x1b\x1b\x1b\x1b\x1b\x1b", "control characters"),
    ],
    ids=["empty", "blank", "bom-only", "all-bytes", "png", "controls", "escapes"],
)
def test_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        decode_bytes(data)


def test_tabs_form_feeds_and_crlf_are_text() -> None:
    text = "Col A\tCol B\r\n\fPage two.\r\n"
    assert decode_bytes(text.encode()) == text
