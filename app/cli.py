"""The `redline` command: compare files, serve the app, manage the database and the demo."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from app import __version__
from app.ingest import IngestError, decode_bytes
from app.text import CompareOptions, compare

T = TypeVar("T")
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


def _fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2, the usual status for bad input."""
    typer.echo(f"redline: error: {message}", err=True)
    raise typer.Exit(2)


def _read(path: Path) -> str:
    try:
        return decode_bytes(path.read_bytes())
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror or exc}")
    except IngestError as exc:
        _fail(f"cannot compare {path}: {exc}")


def _in_database(action: Callable[[Session], T]) -> T:
    """Run ``action`` on a session of the migrated database; bad input is a one-line error."""
    from app.services import InvalidInput, NotFound
    from app.settings import get_settings
    from app.store import make_engine, make_sessionmaker, upgrade_database

    settings = get_settings()
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with make_sessionmaker(engine)() as session:
            return action(session)
    except (InvalidInput, NotFound) as exc:
        _fail(str(exc))
    finally:
        engine.dispose()


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

        if output is None:  # colour only when stdout is a terminal and NO_COLOR is unset
            render(result, Console(), title_a=a.name, title_b=b.name)
            return
        buffer = io.StringIO()
        render(result, Console(file=buffer, width=120), title_a=a.name, title_b=b.name)
        text = buffer.getvalue().rstrip("\n")
    if output is None:
        sys.stdout.write(text + "\n")
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


db = typer.Typer(help="Database schema migrations.", no_args_is_help=True)
cli.add_typer(db, name="db")


def _migrate(step: Callable[[str, str], object], revision: str) -> None:
    from alembic.util import CommandError

    from app.settings import get_settings

    try:
        step(get_settings().database_url, revision)
    except CommandError as exc:  # an unknown revision, a broken history: the reason suffices
        _fail(str(exc))
    print(f"database at {revision}")


@db.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply the migrations (to the newest revision by default)."""
    from app.store import upgrade_database

    _migrate(upgrade_database, revision)


@db.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="e.g. base")]) -> None:
    """Revert the migrations down to REVISION."""
    from app.store import downgrade_database

    _migrate(downgrade_database, revision)


@cli.command()
def demo() -> None:
    """(Re)load the demo story."""
    from app.services import load_demo

    story_id = _in_database(lambda session: load_demo(session, replace=True))
    print(f"demo story loaded: /stories/{story_id}")


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address (default from settings)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default from settings)")] = None,
    workers: Annotated[int | None, typer.Option(help="worker processes")] = None,
    reload: Annotated[bool, typer.Option(help="restart on code changes")] = False,
) -> None:
    """Migrate the database, load the demo story into an empty one, and serve the app."""
    import uvicorn

    from app.services import is_empty, load_demo
    from app.settings import get_settings
    from app.store import make_engine, make_sessionmaker, upgrade_database

    settings = get_settings()
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    with make_sessionmaker(engine)() as session:
        if settings.load_demo and is_empty(session):
            load_demo(session)
        _first_admin(session)
    engine.dispose()
    host = host or settings.host
    port = settings.port if port is None else port  # 0: any free port
    # With port 0 the port is known only once bound: uvicorn's "running on" line names it.
    where = f"http://{host}:{port}" if port else f"{host}, on a free port (uvicorn names it below)"
    print(f"Redline on {where} ({settings.database_url})")
    worker_process = _embedded_worker() if settings.embedded_worker else None
    # uvicorn re-raises the SIGTERM it shut down on once it has restored the handler found
    # here: make that an exit that runs the clean-up below, not a sudden death.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        uvicorn.run(
            "app.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            reload=reload,
            workers=workers or settings.web_workers,
            log_level=settings.log_level,
        )
    finally:
        if worker_process is not None:
            worker_process.terminate()
            worker_process.wait(30)


def _first_admin(session: Session) -> None:
    """With no users at all, create a local admin and print its password, this once."""
    from app.services.accounts import create_user, has_users

    if not has_users(session):
        password = create_user(session, "admin", "admin")
        print(f"first run: created user 'admin' with password {password} (shown once; "
              "`redline users reset-password admin` sets a new one)")  # fmt: skip


def _embedded_worker() -> subprocess.Popen[bytes]:
    """A `redline worker` beside the web app, so batch imports need nothing more than `serve`."""
    print("batch worker started (REDLINE_EMBEDDED_WORKER=false to run workers separately)")
    command = [sys.executable, "-m", "app.cli", "worker", "--parent", str(os.getpid())]
    return subprocess.Popen(command)


@cli.command()
def worker(
    processes: Annotated[
        int | None, typer.Option(help="worker processes (default from settings)")
    ] = None,
    parent: Annotated[
        int | None, typer.Option(hidden=True, help="stop when this process ends")
    ] = None,
) -> None:
    """Run batch imports from the job queue until interrupted."""
    from app.jobs.worker import run_worker
    from app.settings import get_settings

    run_worker(get_settings(), processes, parent=parent)


@cli.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="files and folders to import")],
    queue: Annotated[
        bool, typer.Option("--queue", help="leave the storing to `redline worker` processes")
    ] = False,
) -> None:
    """Import articles (.zip .jsonl .json .csv .html .txt .md .docx files, or folders of them)
    as one batch: each is grouped into the story it is a version of, or starts a new one."""
    from app.jobs.importer import import_paths
    from app.settings import get_settings

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    summary = import_paths(get_settings(), paths, in_background=queue, progress=_progress)
    print(summary)


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r{done:,} of {total:,} items")
    if done == total:
        sys.stderr.write("\n")


users = typer.Typer(help="Accounts: admins manage everything, editors browse, compare and "
                    "add versions.", no_args_is_help=True)  # fmt: skip
cli.add_typer(users, name="users")


class RoleChoice(StrEnum):
    admin = "admin"
    editor = "editor"


@users.command("create")
def users_create(
    name: Annotated[str, typer.Argument(help="sign-in name")],
    role: Annotated[RoleChoice, typer.Option(help="admin or editor")] = RoleChoice.editor,
    token: Annotated[bool, typer.Option("--token", help="also issue an API token")] = False,
) -> None:
    """Create a user; prints its generated password (and API token) once."""
    from app.services.accounts import create_token, create_user

    def create(session: Session) -> None:
        print(f"password: {create_user(session, name, role.value)}")
        if token:
            print(f"API token: {create_token(session, name, 'API token')}")

    _in_database(create)
    print(f"user {name} created ({role.value}); the password is not shown again")


@users.command("list")
def users_list() -> None:
    """List users with their role, status, live sessions and tokens."""
    from app.services.accounts import list_users

    rows = _in_database(list_users)
    print(f"{'name':24} {'role':8} {'status':9} sessions tokens")
    for u in rows:
        state = "disabled" if u.disabled else "active"
        print(f"{u.name:24} {u.role:8} {state:9} {u.sessions:8} {u.tokens:6}")


@users.command("disable")
def users_disable(name: str) -> None:
    """Disable a user: their sessions end and their tokens stop working."""
    from app.services.accounts import set_disabled

    _in_database(lambda s: set_disabled(s, name, True))
    print(f"user {name} disabled")


@users.command("enable")
def users_enable(name: str) -> None:
    """Enable a disabled user again."""
    from app.services.accounts import set_disabled

    _in_database(lambda s: set_disabled(s, name, False))
    print(f"user {name} enabled")


@users.command("set-role")
def users_set_role(name: str, role: RoleChoice) -> None:
    """Change a user's role; their sessions end."""
    from app.services.accounts import set_role

    _in_database(lambda s: set_role(s, name, role.value))
    print(f"user {name} is now {role.value}")


@users.command("reset-password")
def users_reset_password(name: str) -> None:
    """Give a user a new generated password (printed once); their sessions end."""
    from app.services.accounts import reset_password

    print(f"password: {_in_database(lambda s: reset_password(s, name))}")


@cli.command()
def version() -> None:
    """Print the version."""
    print(__version__)


def main() -> None:
    """Entry point of the `redline` script."""
    cli()


if __name__ == "__main__":
    main()
