"""The `redline` command: compare in three formats, errors, database commands."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select as sql_select
from typer.testing import CliRunner

from app.cli import cli
from app.store import make_engine, make_sessionmaker
from app.store.models import AuditEvent
from tests.integration.helpers import check_json, select

A = "The ferry left at noon. Passengers waited for hours.\n\nThe operator apologised. Crews blamed the fog."
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


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})},
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.txt", None, "cannot read"),
        ("photo.txt", bytes(range(256)) * 4, "looks binary"),
        ("empty.txt", b"", "the file is empty"),
        ("wide.txt", A.encode("utf-16-le"), "looks binary"),
    ],
)
def test_bad_files_exit_2_with_a_one_line_reason(
    tmp_path: Path, files: tuple[Path, Path], name: str, data: bytes | None, reason: str
) -> None:
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    out = run_cli("compare", str(bad), str(files[1]))
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith("redline: error:")
    assert reason in out.stderr
    assert str(bad) in out.stderr


def test_unwritable_output_exits_2(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = run_cli("compare", *map(str, files), "-f", "json", "-o", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.startswith("redline: error: cannot write")


def test_text_format_to_a_file_is_plain(files: tuple[Path, Path], tmp_path: Path) -> None:
    target = tmp_path / "view.txt"
    result = CliRunner().invoke(cli, ["compare", *map(str, files), "-o", str(target)])
    assert result.exit_code == 0, result.output
    view = target.read_text(encoding="utf-8")
    assert "\x1b[" not in view
    assert "{+" in view  # inserted words are marked without colour
    assert "Refunds start Monday." in view


def test_seed_pair_in_every_format(seeds_dir: Path, checker: Path, tmp_path: Path) -> None:
    a = next(seeds_dir.glob("000_*.txt"), None)
    b = next(seeds_dir.glob("003_*.txt"), None)
    if a is None or b is None:
        pytest.skip(f"seed pair 000/003 not found in {seeds_dir}")
    data = json.loads(run_cli("compare", str(a), str(b), "-f", "json").stdout)
    text_a, text_b = (p.read_text(encoding="utf-8-sig") for p in (a, b))
    assert check_json(checker, tmp_path, text_a, text_b, data).startswith("ok")
    assert {"added", "boilerplate"} <= {row["kind"] for row in data["rows"]}
    view = run_cli("compare", str(a), str(b))
    assert view.returncode == 0, view.stderr
    assert "Benjamin Ashforda" in view.stdout
    page = run_cli("compare", str(a), str(b), "-f", "html").stdout
    assert select(page, "#rows .row[data-kind=added]")


def test_version_prints_the_package_version() -> None:
    from app import __version__

    assert CliRunner().invoke(cli, ["version"]).output.strip() == __version__


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


def test_unknown_revision_is_a_one_line_error(tmp_path: Path) -> None:
    out = run_cli(
        "db", "downgrade", "no-such-revision",
        env={"REDLINE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"},
    )  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.startswith("redline: error:")
    assert "no-such-revision" in out.stderr
    assert "Traceback" not in out.stderr


def test_import_reads_folders_and_files_into_one_batch(
    tmp_path: Path, database_url: str, queue_env: dict[str, str]
) -> None:
    from tests.integration.batch_helpers import new_story

    story = new_story()
    folder = tmp_path / "exports"
    (folder / "2026").mkdir(parents=True)
    (folder / "2026" / "wire.txt").write_text(story.text, encoding="utf-8")
    (folder / "2026" / "reprint.txt").write_text(story.trimmed(4), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": story.text}) + "\n", encoding="utf-8")  # a duplicate
    env = {**os.environ, **queue_env, "REDLINE_DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, "-m", "app.cli", "import", str(folder), str(feed)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    summary = out.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"batch \d+: 4 items — 2 stored \(1 new stories, 1 added to existing stories\), "
        r"1 duplicates, 1 failed: /batches/\d+",
        summary,
    ), summary
    batch = summary.split()[1].rstrip(":")
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as session:
        audit = session.scalars(
            sql_select(AuditEvent).where(
                AuditEvent.action == "batch.upload", AuditEvent.target.like(f"batch {batch}:%")
            )
        )
        assert [(e.actor, e.detail) for e in audit] == [("command line", "redline import")]
    engine.dispose()
    missing = subprocess.run(
        [sys.executable, "-m", "app.cli", "import", str(tmp_path / "nowhere")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_serve_starts_a_worker_that_never_outlives_it(
    tmp_path: Path, queue_env: dict[str, str], stop: signal.Signals
) -> None:
    env = {**os.environ, **queue_env, "REDLINE_DATABASE_URL": f"sqlite:///{tmp_path}/r.db",
           "REDLINE_LOAD_DEMO": "false", "REDLINE_EMBEDDED_WORKER": "true",
           "REDLINE_QUEUE_NAME": queue_env["REDLINE_QUEUE_NAME"] + "_serve"}  # fmt: skip
    with (tmp_path / "serve.log").open("wb") as log:
        serve = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0"],
                                 env=env, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (workers := _children(serve.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workers, (tmp_path / "serve.log").read_text()
        serve.send_signal(stop)
        serve.wait(60)  # serve allows its worker 30 s to stop, on top of its own shutdown
        deadline = time.monotonic() + 30
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(map(_alive, workers))
    finally:
        if serve.poll() is None:
            serve.kill()
