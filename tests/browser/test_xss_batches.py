"""Stored XSS on the batch pages: hostile strings as the uploaded file's name, its members'
names (shown as each item's origin), the titles of the stories the batch created, and the
reasons items failed (a CSV whose header names them), imported through the service layer;
then the batch list and each batch's page opened in Chromium with the probe of test_xss.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser

from app.services.batches import create_upload_batch, get_batch, list_batches
from app.store import make_engine, make_sessionmaker
from tests.browser.conftest import signed_in
from tests.browser.test_xss import HARMLESS, payloads
from tests.browser.xss_harness import Payload, Probe, chunks
from tests.integration.batch_helpers import new_story, run_batch_here

pytestmark = pytest.mark.browser
__all__ = ["payloads"]  # the fixture, shared with test_xss

PER_BATCH = 32
"""Payloads per batch: each in a member's name, one in four a story title too (8 stories:
the list of stories touched is open, as on the harmless batch's page; storing is the slow
part)."""
_UNSAFE_IN_NAMES = re.compile(r"[/\\\x00]")


@dataclass(frozen=True, slots=True)
class StoredBatch:
    id: int
    literals: tuple[str, ...]
    """What its page must show verbatim, as stored: name, origins, reasons, story titles."""
    payloads: tuple[Payload, ...]

    @property
    def url(self) -> str:
        return f"/batches/{self.id}"


def member_name(n: int, text: str, suffix: str) -> str:
    """A member name carrying ``text``; numbered first so that it is never hidden (a dot
    file) and no path separator makes it leave its folder."""
    clean = _UNSAFE_IN_NAMES.sub("_", text).encode("utf-8", "replace").decode("utf-8")
    return f"{n:03d} {clean[:150]}{suffix}"


def batch_zip(texts: list[str]) -> bytes:
    """One text in four: a JSON Lines member holding one article titled with the text. The
    others: a member of an unsupported type, failed. And a CSV whose header names the first texts,
    failed with a reason quoting them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, text in enumerate(texts):
            if n % 4:
                archive.writestr(member_name(n, text, ".exe"), b"MZ")
            else:
                # Within the fields' limits: a longer source fails the whole chunk today.
                record = {"title": text[:200], "source": texts[(n + 1) % len(texts)][:150],
                          "text": new_story(3).text}  # fmt: skip
                archive.writestr(member_name(n, text, ".jsonl"), json.dumps(record))
        header = io.StringIO()
        csv.writer(header).writerow(["body", *(" ".join(t.split()) for t in texts[:11])])
        archive.writestr("header.csv", header.getvalue() + "x\n")
    return buf.getvalue()


def store_batch(
    database_url: str, texts: list[str], payloads: tuple[Payload, ...] = ()
) -> StoredBatch:
    """Import one batch named after ``texts[0]`` in this process, as the worker would."""
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            bid = create_upload_batch(session, texts[0][:200] + ".zip", batch_zip(texts))
        run_batch_here(engine, bid)
        with make_sessionmaker(engine)() as session:
            detail = get_batch(session, bid)
    finally:
        engine.dispose()
    b = detail.batch
    assert b.status == "done", b.error
    fields = [b.name, *(i.origin for i in detail.items), *(i.reason or "" for i in detail.items),
              *(s.title for s in detail.stories)]  # fmt: skip
    return StoredBatch(bid, tuple(f for f in fields if f.strip()), payloads)


@pytest.fixture(scope="module")
def harmless_batch(database_url: str) -> StoredBatch:
    return store_batch(database_url, [f"{text} Batch." for text in HARMLESS])


@pytest.fixture(scope="module")
def baselines(
    browser: Browser, live_server: str, harmless_batch: StoredBatch, accounts: dict[str, str]
) -> dict[str, set[str]]:
    """Element signatures of both batch pages while only harmless batches are listed: the
    hostile batches are stored after this (their fixture depends on it)."""
    probe = Probe(signed_in(browser, live_server, accounts["admin"]), live_server)
    try:
        out = {}
        for view, path in (("list", "/batches"), ("batch", harmless_batch.url)):
            probe.open(live_server + path)
            out[view] = probe.signatures()
        return out
    finally:
        probe.close()


@pytest.fixture(scope="module")
def hostile_batches(
    database_url: str,
    payloads: list[Payload],
    baselines: dict[str, set[str]],  # noqa: ARG001 (rendered before these are stored)
) -> list[StoredBatch]:
    return [
        store_batch(database_url, [p.text for p in group], tuple(group))
        for group in chunks(payloads, PER_BATCH)
    ]


@pytest.fixture
def probe(browser: Browser, live_server: str, accounts: dict[str, str]) -> Iterator[Probe]:
    p = Probe(signed_in(browser, live_server, accounts["admin"]), live_server)
    yield p
    p.close()


def list_pages(database_url: str) -> list[tuple[str, list[str]]]:
    """Each page of the batch list, with the names it must show."""
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            pages = list_batches(session).pages
            return [
                (f"/batches?page_no={n}", [b.name for b in list_batches(session, page=n).items])
                for n in range(1, pages + 1)
            ]
    finally:
        engine.dispose()


@pytest.mark.parametrize("view", ["list", "batch"])
def test_hostile_batch_strings_stay_inert_text(
    probe: Probe,
    view: str,
    database_url: str,
    harmless_batch: StoredBatch,
    baselines: dict[str, set[str]],
    hostile_batches: list[StoredBatch],
) -> None:
    probe.open(probe.origin + harmless_batch.url)
    clean = probe.inspect(baselines["batch"], harmless_batch.literals)
    assert not clean, f"the harmless batch is flagged:\n{clean.report()}"
    if view == "list":
        pages = list_pages(database_url)
    else:
        pages = [(b.url, list(b.literals)) for b in hostile_batches]
    failures = []
    for path, literals in pages:
        probe.open(probe.origin + path)
        found = probe.inspect(baselines[view], literals)
        if found:
            failures.append(f"{path}:\n{found.report()}")
    assert not failures, f"{len(failures)} of {len(pages)} pages:\n" + "\n".join(failures[:5])
