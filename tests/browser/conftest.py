"""A live server in a subprocess on a free port, and Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from app.services import load_demo
from app.store import make_engine, make_sessionmaker
from app.web.auth import COOKIE

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(
    database_url: str, queue_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app served by uvicorn in a subprocess; its log is printed if it fails to start."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    # The server's embedded worker gets a queue of its own: the integration tests of this
    # test worker drain theirs in process.
    queue = queue_env["REDLINE_QUEUE_NAME"] + "_live"
    env = {**os.environ, **queue_env, "REDLINE_QUEUE_NAME": queue,
           "REDLINE_DATABASE_URL": database_url, "REDLINE_LOAD_DEMO": "false",
           "REDLINE_EMBEDDED_WORKER": "true"}  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # up to a minute: a loaded CI machine starts Python slowly
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            pytest.fail(f"server did not start:\n{log.read_text()}")
        if proc.poll() is not None:
            pytest.fail(f"server exited:\n{log.read_text()}")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def demo_story(database_url: str) -> int:
    engine = make_engine(database_url)
    with make_sessionmaker(engine)() as session:
        story_id = load_demo(session)
    engine.dispose()
    return story_id


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def signed_in(browser: Browser, url: str, cookie: str, width: int = 1280) -> BrowserContext:
    """A new browser context carrying the session ``cookie`` for the server at ``url``."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": COOKIE, "value": cookie, "url": url}])
    return context


@pytest.fixture
def page(browser: Browser, live_server: str, accounts: dict[str, str]) -> Iterator[Page]:
    """A page signed in as the test admin."""
    context = signed_in(browser, live_server, accounts["admin"])
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
