"""The `redline` command: compare in three formats, errors, database commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.integration.helpers import check_json, select

A = "The ferry left at noon. Passengers waited for hours.\n\nThe operator apologised."
B = "The ferry left at 1 p.m. Passengers waited for hours.\n\nThe operator apologised.\n\nRefunds start Monday."


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"\xef\xbb\xbf" + A.encode())  # a byte-order mark is dropped
    b.write_text(B, encoding="utf-8")
    return a, b


def test_json_format_keeps_the_schema(
    files: tuple[Path, Path], checker: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["compare", str(files[0]), str(files[1]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert check_json(checker, tmp_path, A, B, data).startswith("ok")
    assert [r["kind"] for r in data["rows"]][-1] == "added"


def test_text_format_reads_without_colour(files: tuple[Path, Path]) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    out = subprocess.run(
        [sys.executable, "-m", "app.cli", "compare", *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "\x1b[" not in out.stdout
    assert "{+" in out.stdout  # inserted words are marked without colour
    assert "Removed" in out.stdout
    assert "Added" in out.stdout


def test_html_format_is_standalone(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["compare", *map(str, files), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert select(page, "#rows .row[data-kind=added]")
    assert "<script" not in page
    assert "src=" not in page
    assert 'href="http' not in page


def test_options_reach_the_engine(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(
        cli, ["compare", *map(str, files), "-f", "json", "--granularity", "char", "--ignore-case"]
    )
    options = json.loads(result.output)["options"]
    assert options["granularity"] == "char"
    assert options["ignore_case"] is True


def test_bad_files_exit_2_with_a_reason(tmp_path: Path, files: tuple[Path, Path]) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = CliRunner().invoke(cli, ["compare", str(tmp_path / "nope.txt"), str(files[1])])
    assert missing.exit_code == 2
    assert "cannot read" in missing.output
    bad = CliRunner().invoke(cli, ["compare", str(binary), str(files[1])])
    assert bad.exit_code == 2
    assert "binary" in bad.output


def test_db_upgrade_and_demo(tmp_path: Path) -> None:
    env = {**os.environ, "REDLINE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    for args in (["db", "upgrade"], ["demo"], ["db", "downgrade", "base"]):
        out = subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert out.returncode == 0, out.stderr
    assert (
        "demo story loaded"
        in subprocess.run(
            [sys.executable, "-m", "app.cli", "demo"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
    )
