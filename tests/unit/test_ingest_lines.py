"""Chunks of bytes to lines of text, decoded as they arrive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ingest import Article, IngestError, ItemError, read_batch
from app.ingest import lines as lines_module
from app.ingest.lines import HEAD_BYTES, decode_lines


def pieces(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i : i + size] for i in range(0, len(data), size))


@pytest.mark.parametrize("size", [1, 2, 3, 7, 1_000])
def test_lines_across_chunk_boundaries_keep_their_endings(size: int) -> None:
    text = "Première ligne.\r\nZweite Zeile — ganz.\n\nлиния четыре\nlast, unended"
    assert list(decode_lines(pieces(text.encode(), size))) == [
        "Première ligne.\r\n", "Zweite Zeile — ganz.\n", "\n", "линия четыре\n", "last, unended",
    ]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_mark_decides_and_is_dropped(encoding: str) -> None:
    text = "Zoë's café\nsecond line\n"
    assert list(decode_lines(pieces(text.encode(encoding), 3))) == ["Zoë's café\n", "second line\n"]


def test_lone_carriage_returns_end_lines() -> None:
    assert list(decode_lines([b"one\rtwo\rthree"])) == ["one\r", "two\r", "three"]


def test_other_encodings_are_judged_whole() -> None:
    text = "Le café “rouvre” lundi.\nDeuxième ligne.\n"
    assert list(decode_lines(pieces(text.encode("cp1252"), 5))) == [
        "Le café “rouvre” lundi.\n", "Deuxième ligne.\n",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n \n", "empty"),
        (bytes(range(32)) * 50, "binary"),
        (b"\xff\xfeA", "utf-16"),
    ],
)
def test_empty_binary_and_broken_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        list(decode_lines(pieces(data, 4)))


def test_utf8_broken_after_the_head_fails_when_reached() -> None:
    good = b"a fine line of text\n" * (HEAD_BYTES // 20 + 10)
    stream = decode_lines(pieces(good + b"caf\xe9\n", 65_536))
    assert next(stream) == "a fine line of text\n"
    with pytest.raises(IngestError, match="not valid utf-8 further on"):
        list(stream)


def test_non_utf8_file_larger_than_the_whole_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_module, "MAX_WHOLE_BYTES", 100)
    with pytest.raises(IngestError, match="not in UTF-8"):
        list(decode_lines(pieces("Café au lait.\n".encode("cp1252") * 20, 16)))


def test_jsonl_in_cp1252_and_utf16(tmp_path: Path) -> None:
    line = json.dumps({"text": "Le café a rouvert."}, ensure_ascii=False) + "\n"
    for encoding in ("cp1252", "utf-16"):
        path = tmp_path / f"{encoding}.jsonl"
        path.write_bytes((line * 2).encode(encoding))
        got = list(read_batch(path.name, path, max_text_chars=1_000))
        assert [item.text for item in got if isinstance(item, Article)] == [
            "Le café a rouvert."
        ] * 2


def test_jsonl_broken_further_on_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "HEAD_BYTES", 64)
    monkeypatch.setattr("app.ingest.batch._CHUNK_BYTES", 16)
    good = "".join(json.dumps({"text": f"Record {n} is fine."}) + "\n" for n in range(5))
    path = tmp_path / "f.jsonl"
    path.write_bytes(good.encode() + b'{"text": "caf\xe9"}\n')
    got = list(read_batch(path.name, path, max_text_chars=1_000))
    assert [item.text for item in got if isinstance(item, Article)] == [
        f"Record {n} is fine." for n in range(5)
    ]
    last = got[-1]
    assert isinstance(last, ItemError)
    assert last.origin == "f.jsonl"
    assert "not valid utf-8 further on" in last.reason
    assert last.reason.endswith("the rest of the file was not read")
