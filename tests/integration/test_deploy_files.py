"""The files that describe a deployment stay true: compose schema, settings documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_is_valid() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec",
         str(ROOT / "docker-compose.yml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_compose_runs_the_commands_the_cli_has() -> None:
    compose = (ROOT / "docker-compose.yml").read_text()
    for command in ('"redline", "db", "upgrade"', '"redline", "serve"', '"redline", "worker"'):
        assert command in compose
    import typer

    from app.cli import cli

    group = typer.main.get_command(cli)
    assert {"serve", "db", "compare", "demo", "worker", "import"} <= set(group.commands)  # type: ignore[attr-defined]


def test_env_example_lists_every_setting() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    documented = {line.split("=")[0] for line in lines if line and not line.startswith("#")}
    expected = {f"REDLINE_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected
    for name in Settings.model_fields:  # and each has a comment above it
        index = next(
            n for n, line in enumerate(lines) if line.startswith(f"REDLINE_{name.upper()}=")
        )
        assert lines[index - 1].startswith("#") or lines[index - 2].startswith("#")
