"""The `redline` command: compare files, serve the app, manage the database and the demo."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from app import __version__
from app.ingest import IngestError, decode_bytes
from app.text import CompareOptions, compare

cli = typer.Typer(
    help="Redline: sentence-aligned comparison of news article versions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class Granularity(StrEnum):
    word = "word"
    char = "char"


def _read(path: Path) -> str:
    try:
        return decode_bytes(path.read_bytes())
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc.strerror or exc}") from exc
    except IngestError as exc:
        raise typer.BadParameter(f"{path}: {exc}") from exc


@cli.command("compare")
def compare_command(
    a: Annotated[Path, typer.Argument(help="the base version (A)")],
    b: Annotated[Path, typer.Argument(help="the other version (B)")],
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    granularity: Annotated[Granularity, typer.Option(help="inline diff unit")] = Granularity.word,
    ignore_case: Annotated[bool, typer.Option("--ignore-case")] = False,
    ignore_punctuation: Annotated[bool, typer.Option("--ignore-punctuation")] = False,
    ignore_quotes: Annotated[bool, typer.Option("--ignore-quotes")] = False,
    ignore_whitespace: Annotated[bool, typer.Option("--ignore-whitespace")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write to a file")] = None,
) -> None:
    """Compare two text files: a side-by-side view, the JSON schema, or a standalone report."""
    options = CompareOptions(
        granularity=granularity.value,
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_quotes=ignore_quotes,
        ignore_whitespace=ignore_whitespace,
    )
    result = compare(_read(a), _read(b), options)
    if output_format is Format.json:
        text = json.dumps(result.to_dict(), ensure_ascii=False)
    elif output_format is Format.html:
        from app.web.report import render_report

        text = render_report(result, title_a=a.name, title_b=b.name)
    else:
        from app.terminal_view import render

        console = Console(file=output.open("w", encoding="utf-8") if output else None)
        render(result, console, title_a=a.name, title_b=b.name)
        return
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


@cli.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def main() -> None:
    """Entry point of the `redline` script."""
    cli()
