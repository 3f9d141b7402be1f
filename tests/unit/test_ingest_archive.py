"""Zip archives in a batch: refusals judged from the central directory, members read one by one."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from app.ingest import Article, IngestError, ItemError, read_batch
from app.ingest import archive as archive_module
from app.ingest.archive import MAX_MEMBERS, MAX_RATIO, RATIO_FLOOR_BYTES, read_member

LIMIT = 100_000
NOTE = "The ferry to Gull Island ran late on Friday after a gearbox fault, the operator said."


def build_zip(
    path: Path, members: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def items(path: Path, name: str = "batch.zip") -> list[Article | ItemError]:
    return list(read_batch(name, path, max_text_chars=LIMIT))


def test_each_member_read_as_its_type_with_its_path_as_origin(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "up.zip", {
        "2026/03/ferry.txt": NOTE,
        "2026/notes.md": "# Gull Island\n\nThe **ferry** ran late.",
        "feed.jsonl": '{"text": "The pier reopened.", "story": "pier"}\n',
        "rows.csv": "title,text\nBridge,The bridge closed for repairs.\n",
        "list.json": '[{"text": "The tide was high."}]',
    })  # fmt: skip
    got = items(path, "exports.zip")
    assert [item.origin for item in got] == [
        "exports.zip/2026/03/ferry.txt",
        "exports.zip/2026/notes.md",
        "exports.zip/feed.jsonl line 1",
        "exports.zip/list.json item 1",
        "exports.zip/rows.csv row 2",
    ]
    assert all(isinstance(item, Article) for item in got)
    texts = [item.text for item in got if isinstance(item, Article)]
    assert texts == [NOTE, "Gull Island\n\nThe ferry ran late.", "The pier reopened.",
                     "The tide was high.", "The bridge closed for repairs."]  # fmt: skip
    first = got[0]
    assert isinstance(first, Article)
    assert (first.filename, first.content_type) == ("ferry.txt", "text/plain")


def test_docx_member_is_one_article(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("The lighthouse keeper retired after forty years.")
    buf = io.BytesIO()
    doc.save(buf)
    got = items(build_zip(tmp_path / "d.zip", {"keeper.docx": buf.getvalue()}))
    assert len(got) == 1
    assert isinstance(got[0], Article)
    assert got[0].text == "The lighthouse keeper retired after forty years."


def test_other_types_nested_archives_and_damaged_members_are_item_errors(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "m.zip", {
        "tool.exe": b"MZ\x90\x00",
        "inner.zip": b"PK\x05\x06" + bytes(18),
        "old.tar.gz": b"\x1f\x8b",
        "blank.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "good.txt": NOTE,
    })  # fmt: skip
    by_origin = {item.origin: item for item in items(path)}
    assert isinstance(by_origin["batch.zip/good.txt"], Article)
    reasons = {o: i.reason for o, i in by_origin.items() if isinstance(i, ItemError)}
    assert reasons["batch.zip/tool.exe"] == "unsupported file type .exe"
    assert "archives inside archives" in reasons["batch.zip/inner.zip"]
    assert "archives inside archives" in reasons["batch.zip/old.tar.gz"]
    assert reasons["batch.zip/blank.txt"] == "the file is empty"
    assert "binary" in reasons["batch.zip/binary.txt"]


def test_directories_hidden_files_and_macos_forks_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.mkdir("2026")
        archive.writestr("2026/a.txt", NOTE)
        archive.writestr("2026/.DS_Store", b"\x00\x01")
        archive.writestr("__MACOSX/2026/._a.txt", b"\x00\x05")
    assert [item.origin for item in items(path)] == ["batch.zip/2026/a.txt"]


def test_members_are_read_lazily_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_zip(tmp_path / "lazy.zip", {f"{n:02}.txt": f"{NOTE} ({n})" for n in range(20)})
    reads: list[str] = []

    def counting(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        reads.append(info.filename)
        return read_member(archive, info)

    monkeypatch.setattr("app.ingest.batch.read_member", counting)
    stream = read_batch("lazy.zip", path, max_text_chars=LIMIT)
    assert reads == []
    first = next(stream)
    assert isinstance(first, Article)
    assert first.text.endswith("(0)")
    assert reads == ["00.txt"]
    assert len(list(stream)) == 19


def test_more_members_than_the_limit_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for n in range(MAX_MEMBERS + 1):
            archive.writestr(f"e/{n}.txt", b"")
    with pytest.raises(IngestError, match="10,001 entries; the limit is 10,000"):
        read_batch("many.zip", path, max_text_chars=LIMIT)


def test_entry_count_claimed_by_the_end_record_is_refused(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "claim.zip", {"a.txt": NOTE})
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 60_000, 60_000)  # entries on this disk, in total
    path.write_bytes(bytes(data))
    with pytest.raises(IngestError, match="60,000 entries"):
        read_batch("claim.zip", path, max_text_chars=LIMIT)


def test_highly_compressible_member_is_refused(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "bomb.zip", {"a.txt": NOTE, "zeros.txt": b"0" * (4 * 2**20)})
    with pytest.raises(
        IngestError, match=rf"'zeros.txt' would inflate .* more than {MAX_RATIO} times"
    ):
        read_batch("bomb.zip", path, max_text_chars=LIMIT)


def test_archive_whose_whole_ratio_is_too_high_is_refused(tmp_path: Path) -> None:
    small = b" " * (RATIO_FLOOR_BYTES - 1)  # each member is below the floor of the ratio check
    path = build_zip(tmp_path / "many-small.zip", {f"{n}.txt": small for n in range(40)})
    with pytest.raises(IngestError, match="as a whole it would inflate"):
        read_batch("many-small.zip", path, max_text_chars=LIMIT)


def test_short_padded_member_is_not_judged_by_its_ratio(tmp_path: Path) -> None:
    page = NOTE + " " * 20_000  # compresses far more than 100 times, yet is harmless
    got = items(build_zip(tmp_path / "pad.zip", {"pad.txt": page}))
    assert len(got) == 1
    assert isinstance(got[0], Article)


def test_declared_total_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 2 * len(NOTE))
    path = build_zip(tmp_path / "big.zip", {"a.txt": NOTE, "b.txt": NOTE, "c.txt": NOTE},
                     zipfile.ZIP_STORED)  # fmt: skip
    with pytest.raises(IngestError, match="would inflate to"):
        read_batch("big.zip", path, max_text_chars=LIMIT)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../escape.txt", r"climbs out"),
        ("news/../../escape.txt", r"climbs out"),
        ("..\\..\\escape.txt", r"climbs out"),
        ("news\\..\\..\\escape.txt", r"climbs out"),
        ("/etc/escape.txt", r"absolute path"),
        ("\\escape.txt", r"absolute path"),
        ("C:/Users/escape.txt", r"drive letter"),
        ("c:escape.txt", r"drive letter"),
    ],
)
def test_names_escaping_the_folder_are_refused(tmp_path: Path, name: str, why: str) -> None:
    path = build_zip(tmp_path / "trav.zip", {"fine.txt": NOTE, name: NOTE})
    with pytest.raises(IngestError, match=why):
        read_batch("trav.zip", path, max_text_chars=LIMIT)


def test_symlink_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("fine.txt", NOTE)
        link = zipfile.ZipInfo("notes.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(IngestError, match=r"'notes\.txt' is a symbolic link"):
        read_batch("link.zip", path, max_text_chars=LIMIT)


@pytest.mark.parametrize("cut", [22, 200, 1_000])
def test_truncated_zip_is_refused(tmp_path: Path, cut: int) -> None:
    whole = build_zip(tmp_path / "whole.zip", {"a.txt": NOTE * 20, "b.txt": NOTE}).read_bytes()
    path = tmp_path / "cut.zip"
    path.write_bytes(whole[: len(whole) - cut])
    with pytest.raises(IngestError, match="not a readable zip archive"):
        read_batch("cut.zip", path, max_text_chars=LIMIT)


def test_text_file_named_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_text(NOTE)
    with pytest.raises(IngestError, match="not a readable zip archive"):
        read_batch("fake.zip", path, max_text_chars=LIMIT)


def test_member_longer_than_declared_is_stopped(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "lie.zip", {"a.txt": NOTE * 10, "b.txt": NOTE})
    data = bytearray(path.read_bytes())
    directory = data.find(b"PK\x01\x02")  # the first entry of the central directory: a.txt
    struct.pack_into("<I", data, directory + 24, 40)  # declared uncompressed size
    path.write_bytes(bytes(data))
    got = items(path)
    assert isinstance(got[0], ItemError)
    assert got[0].origin == "batch.zip/a.txt"
    assert "damaged" in got[0].reason or "declared size" in got[0].reason
    assert isinstance(got[1], Article)
    assert got[1].text == NOTE


def test_read_member_stops_at_the_declared_size() -> None:
    class Lying:
        """An archive whose member yields more bytes than its directory entry declares."""

        def open(self, _info: zipfile.ZipInfo) -> io.BytesIO:
            return io.BytesIO(b"x" * 100_000)

    info = zipfile.ZipInfo("a.txt")
    info.file_size = 1_000
    with pytest.raises(IngestError, match="inflates past its declared size of 1,000 bytes"):
        read_member(Lying(), info)  # type: ignore[arg-type]


def test_encrypted_member_is_an_item_error(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "enc.zip", {"locked.txt": NOTE, "open.txt": NOTE})
    data = bytearray(path.read_bytes())
    directory = data.find(b"PK\x01\x02")  # the first entry of the central directory
    struct.pack_into("<H", data, directory + 8, 0x1)  # flags: encrypted
    path.write_bytes(bytes(data))
    got = items(path)
    assert got[0] == ItemError("batch.zip/locked.txt", "the file is encrypted")
    assert isinstance(got[1], Article)


def test_unsafe_docx_member_is_an_item_error(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("word/document.xml", b" " * (4 * 2**20))
    got = items(build_zip(tmp_path / "o.zip", {"bomb.docx": inner.getvalue(), "ok.txt": NOTE}))
    assert isinstance(got[0], ItemError)
    assert "would inflate" in got[0].reason
    assert isinstance(got[1], Article)


def test_entries_sharing_their_data_are_refused(tmp_path: Path) -> None:
    path = build_zip(tmp_path / "overlap.zip", {"a.txt": NOTE, "b.txt": NOTE}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    second = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, second + 42, 0)  # b.txt's local header: a.txt's
    for entry in (data.find(b"PK\x01\x02"), second):  # both claim the whole file as their data
        struct.pack_into("<I", data, entry + 20, len(data) // 2 + 1)
    path.write_bytes(bytes(data))
    with pytest.raises(IngestError, match="entries overlap"):
        read_batch("overlap.zip", path, max_text_chars=LIMIT)


def test_archive_without_files_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.mkdir("2026")
        archive.writestr("__MACOSX/._x", b"\x00")
    with pytest.raises(IngestError, match="the archive holds no files"):
        read_batch("empty.zip", path, max_text_chars=LIMIT)


def test_entry_count_claimed_by_a_zip64_end_record_is_refused(tmp_path: Path) -> None:
    data = build_zip(tmp_path / "small.zip", {"a.txt": NOTE}).read_bytes()
    end = data.rfind(b"PK\x05\x06")
    _, _, _, _, _, cd_size, cd_offset, _ = struct.unpack_from("<IHHHHIIH", data, end)
    record_at = cd_offset + cd_size
    record = struct.pack(
        "<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 70_000, 70_000, cd_size, cd_offset
    )
    locator = struct.pack("<IIQI", 0x07064B50, 0, record_at, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path = tmp_path / "zip64.zip"
    path.write_bytes(data[:record_at] + record + locator + eocd)
    with pytest.raises(IngestError, match="70,000 entries"):
        read_batch("zip64.zip", path, max_text_chars=LIMIT)


def test_central_directory_declaring_more_than_a_gibibyte_is_refused(tmp_path: Path) -> None:
    block = bytes(11 * 2**20)  # stored: each entry's ratio stays near 55, under the limit
    path = build_zip(tmp_path / "huge.zip", {"a.txt": block, "b.txt": block}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        struct.pack_into("<I", data, entry + 24, 600 * 2**20)  # declared uncompressed size
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(IngestError, match="would inflate to 1,200 MiB; the limit is 1,024 MiB"):
        read_batch("huge.zip", path, max_text_chars=LIMIT)
