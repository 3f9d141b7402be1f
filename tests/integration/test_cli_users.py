"""`redline users ...` and the admin created on the first `redline serve`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services.accounts import LoginRefused, create_user, login, token_principal
from app.store import make_engine, make_sessionmaker, upgrade_database
from tests.integration.test_cli import run_cli


def _secret(label: str, out: str) -> str:
    found = re.search(rf"^{label}: (\S+)$", out, re.MULTILINE)
    assert found, out
    return found.group(1)


def _can_sign_in(url: str, name: str, password: str) -> bool:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            login(session, name, password, ip=None, hours=1)
        return True
    except LoginRefused:
        return False
    finally:
        engine.dispose()


def test_users_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/users.db"
    env = {"REDLINE_DATABASE_URL": url}
    made = run_cli("users", "create", "ana", "--role", "admin", "--token", env=env)
    assert made.returncode == 0, made.stderr
    password, token = _secret("password", made.stdout), _secret("API token", made.stdout)
    assert _can_sign_in(url, "ana", password)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        principal = token_principal(session, token)
    engine.dispose()
    assert principal is not None
    assert principal.role == "admin"
    assert run_cli("users", "create", "ben", env=env).returncode == 0
    listed = run_cli("users", "list", env=env).stdout.splitlines()
    assert [line.split()[:3] for line in listed[1:]] == [["ana", "admin", "active"],
                                                         ["ben", "editor", "active"]]  # fmt: skip
    assert run_cli("users", "set-role", "ben", "admin", env=env).returncode == 0
    assert run_cli("users", "disable", "ana", env=env).returncode == 0
    assert not _can_sign_in(url, "ana", password)
    assert run_cli("users", "enable", "ana", env=env).returncode == 0
    reset = run_cli("users", "reset-password", "ana", env=env)
    assert not _can_sign_in(url, "ana", password)
    assert _can_sign_in(url, "ana", _secret("password", reset.stdout))
    after = run_cli("users", "list", env=env).stdout
    assert re.search(r"^ben\s+admin\s+active", after, re.MULTILINE)


@pytest.fixture(scope="module")
def one_admin(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database whose only user is the admin ana."""
    url = f"sqlite:///{tmp_path_factory.mktemp('users')}/users.db"
    upgrade_database(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        create_user(session, "ana", "admin")
    engine.dispose()
    return url


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("users", "create", "ana"), "a user named 'ana' exists already"),
        (("users", "create", "bad name!"), "use 1-64 letters"),
        (("users", "disable", "nobody"), "there is no user 'nobody'"),
        (("users", "set-role", "nobody", "admin"), "there is no user 'nobody'"),
        (("users", "set-role", "ana", "editor"), "ana is the last admin"),
    ],
)
def test_users_commands_refuse_bad_input_in_one_line(
    one_admin: str, args: tuple[str, ...], reason: str
) -> None:
    out = run_cli(*args, env={"REDLINE_DATABASE_URL": one_admin})
    assert out.returncode == 2
    assert reason in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_first_serve_creates_an_admin_once(tmp_path: Path, queue_env: dict[str, str]) -> None:
    url = f"sqlite:///{tmp_path}/first.db"
    env = {**os.environ, **queue_env, "REDLINE_DATABASE_URL": url, "REDLINE_LOAD_DEMO": "false",
           "REDLINE_EMBEDDED_WORKER": "false"}  # fmt: skip
    outputs = []
    for run in range(2):
        log = tmp_path / f"serve{run}.log"
        with log.open("wb") as out:
            serve = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", "0"],
                                     env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while "Redline on" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            serve.terminate()
            try:
                serve.wait(60)  # a loaded machine may still be importing the app
            except subprocess.TimeoutExpired:
                serve.kill()  # never left serving beside the other tests
                raise
        outputs.append(log.read_text())
    # Port 0 is any free port: serve must not claim it listens on ":0".
    assert re.search(r"Redline on \S+, on a free port", outputs[0]), outputs[0]
    password = re.search(r"created user 'admin' with password (\S+) ", outputs[0])
    assert password, outputs[0]
    assert _can_sign_in(url, "admin", password.group(1))
    assert "created user" not in outputs[1]
