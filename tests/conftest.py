"""Shared fixtures: a migrated database per test worker (SQLite file, or PostgreSQL when
REDLINE_TEST_DATABASE_URL is set), the real app built on it, and the seed paths.

Tests create their own stories and assert on those, so they can share one database per worker.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.jobs import make_jobs
from app.services.accounts import ROLES, create_token, create_user, login
from app.settings import Settings
from app.store import create_database, make_engine, make_sessionmaker, upgrade_database
from app.web.app import create_app
from app.web.auth import COOKIE

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _worker() -> str:
    """This test worker's name, made unique per checkout so that two checkouts can run their
    suites on one PostgreSQL server at once."""
    checkout = zlib.crc32(str(ROOT).encode()) % 100_000
    return f"{checkout}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A freshly migrated database for this worker."""
    base = os.environ.get("REDLINE_TEST_DATABASE_URL")
    if not base:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'redline.db'}"
    else:
        url = create_database(base, f"redline_test_{_worker()}")
    upgrade_database(url)
    return url


@pytest.fixture(scope="session")
def queue_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """This worker's job queue: a SQLite file, or REDLINE_TEST_QUEUE_URL (Redis) under a name
    of its own, as REDLINE_* variables."""
    url = os.environ.get("REDLINE_TEST_QUEUE_URL")
    url = url or f"sqlite:///{tmp_path_factory.mktemp('queue') / 'queue.db'}"
    return {"REDLINE_QUEUE_URL": url, "REDLINE_QUEUE_NAME": f"redline_test_{_worker()}"}


@pytest.fixture(scope="session")
def settings(database_url: str, queue_env: dict[str, str]) -> Settings:
    s = Settings(
        database_url=database_url, load_demo=False, max_upload_bytes=2_000_000,
        queue_url=queue_env["REDLINE_QUEUE_URL"], queue_name=queue_env["REDLINE_QUEUE_NAME"],
        embedded_worker=False,
    )  # fmt: skip
    make_jobs(s).huey.flush()  # nothing left over from an earlier run on a shared Redis
    return s


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as s:
        yield s
    engine.dispose()


PASSWORD = "test-password-1"
"""The password of the test accounts."""


@pytest.fixture(scope="session")
def accounts(database_url: str) -> dict[str, str]:
    """An admin and an editor for the tests: role → a live session cookie of theirs, and
    ``token`` → an API token of the admin."""
    engine = make_engine(database_url)
    cookies = {}
    with make_sessionmaker(engine)() as s:
        for role in ROLES:
            create_user(s, f"test-{role}", role, password=PASSWORD)
            cookies[role] = login(s, f"test-{role}", PASSWORD, ip="127.0.0.1", hours=24)
        cookies["token"] = create_token(s, "test-admin", "tests")
    engine.dispose()
    return cookies


@pytest.fixture
def client(settings: Settings, accounts: dict[str, str]) -> Iterator[TestClient]:
    """The app, signed in as the test admin."""
    with TestClient(create_app(settings), cookies={COOKIE: accounts["admin"]}) as c:
        yield c


@pytest.fixture
def anonymous(settings: Settings) -> Iterator[TestClient]:
    """The app, signed in as nobody."""
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def editor(settings: Settings, accounts: dict[str, str]) -> Iterator[TestClient]:
    """The app, signed in as the test editor."""
    with TestClient(create_app(settings), cookies={COOKIE: accounts["editor"]}) as c:
        yield c


@pytest.fixture
def htmx() -> dict[str, str]:
    """Headers that make a request look like an htmx swap."""
    return {"HX-Request": "true"}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"acceptance seeds not found at {path}")
    return path


@pytest.fixture(scope="session")
def checker() -> Path:
    path = SHARED / "tools" / "check_comparison.py"
    if not path.is_file():
        pytest.skip(f"schema checker not found at {path}")
    return path
