"""Batch imports on the real database: reading, grouping, duplicates, per-item errors, the
precomputed comparisons, the batch pages (with and without HX-Request) and the API."""

from __future__ import annotations

import io
import re
import uuid
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services import batch_items, get_story
from app.services.batch_items import store_pending
from app.services.batches import create_upload_batch, get_batch, read_upload
from app.services.stories import text_sha256
from app.store.models import ComparisonCache, Story, Version
from tests.integration.batch_helpers import jsonl, new_story, run_batch_here
from tests.integration.helpers import select as css
from tests.integration.helpers import texts


def drain(client: TestClient) -> None:
    """Run what is queued, as a worker would, until the queue is empty."""
    huey = client.app.state.jobs.huey  # type: ignore[attr-defined]
    while (task := huey.dequeue()) is not None:
        huey.execute(task)


def select_story(page: str) -> int:
    return int(css(page, ".touched a")[0].get("href").rsplit("/", 1)[1])


def _upload(session: Session, name: str, data: bytes) -> int:
    return create_upload_batch(session, name, data)


def _bridge_story() -> tuple[str, str]:
    """A story with seven names and numbers, and its first paragraph alone, with four: their
    fingerprints are of different kinds (see app.ingest.fingerprint)."""
    # Names and numbers no other test's story has.
    town, river, first, last, place = (f"{w}{uuid.uuid4().hex[:6]}" for w in "OTDAL")
    weeks, cars = (int(uuid.uuid4().hex[:6], 16) for _ in range(2))
    original = (
        f"Crews in {town} reopened the {river} bridge after a {weeks}-week repair. "
        f"The county engineer said the deck would carry {cars} cars a day.\n\n"
        f"The engineer, {first} {last}, said a second crossing at {place} would close soon."
    )
    return original, original.split("\n\n")[0]


@pytest.mark.parametrize("trimmed_first", [False, True])
def test_a_trimmed_copy_with_few_names_joins_its_story_in_one_batch_or_two(
    session: Session, trimmed_first: bool
) -> None:
    original, trimmed = _bridge_story()
    first, second = (trimmed, original) if trimmed_first else (original, trimmed)
    engine = session.get_bind()
    one = _upload(session, "one.jsonl", jsonl([{"text": first}, {"text": second}]))
    run_batch_here(engine, one)  # type: ignore[arg-type]
    assert get_batch(session, one).batch.counts["added"] == 1
    other, later = _bridge_story()  # the second text comes in a later batch
    first, second = (later, other) if trimmed_first else (other, later)
    run_batch_here(engine, _upload(session, "a.jsonl", jsonl([{"text": first}])))  # type: ignore[arg-type]
    two = _upload(session, "b.jsonl", jsonl([{"text": second}]))
    run_batch_here(engine, two)  # type: ignore[arg-type]
    assert get_batch(session, two).batch.counts["added"] == 1
    assert get_batch(session, two).batch.counts["new story"] == 0


def test_versions_are_grouped_into_their_stories(session: Session) -> None:
    one, two, other = new_story(), new_story(), new_story()
    records = [
        {"title": "One", "text": one.text, "source": "Wire"},
        {"title": "Two", "text": two.text, "source": "Wire"},
        {"title": "One trimmed", "text": one.trimmed(4), "source": "Reprints"},
        {"title": "Two padded", "text": two.padded(other), "source": "Farm", "section": "metro"},
        {"title": "One edited", "text": one.edited(), "source": "Desk"},
    ]
    bid = _upload(session, "feed.jsonl", jsonl(records))
    run_batch_here(session.get_bind(), bid)  # type: ignore[arg-type]
    detail = get_batch(session, bid)
    assert detail.batch.status == "done"
    assert detail.batch.counts == {
        "pending": 0,
        "new story": 2,
        "added": 3,
        "duplicate": 0,
        "failed": 0,
    }
    story_of = {it.origin: it.story_id for it in detail.items}
    assert (
        story_of["feed.jsonl line 1"]
        == story_of["feed.jsonl line 3"]
        == story_of["feed.jsonl line 5"]
    )
    assert story_of["feed.jsonl line 2"] == story_of["feed.jsonl line 4"]
    assert story_of["feed.jsonl line 1"] != story_of["feed.jsonl line 2"]
    story = get_story(session, story_of["feed.jsonl line 1"] or 0, with_comparisons=False)
    methods = {v.label: (v.grouping_method, v.grouping_score) for v in story.versions}
    assert methods["One"] == ("new story", None)
    method, score = methods["One trimmed"]
    assert method == "near-duplicate"
    assert score is not None
    assert score > 0.9  # a trimmed copy is wholly held by its original
    padded = session.scalar(
        select(Version).where(
            Version.label == "Two padded", Version.story_id == story_of["feed.jsonl line 2"]
        )
    )
    assert padded is not None
    assert padded.extra == {"section": "metro"}  # unknown fields kept as metadata


def test_each_added_version_has_its_comparison_with_the_base_precomputed(session: Session) -> None:
    story = new_story()
    bid = _upload(session, "feed.jsonl", jsonl([{"text": story.text}, {"text": story.trimmed(4)}]))
    run_batch_here(session.get_bind(), bid)  # type: ignore[arg-type]
    added = get_batch(session, bid, state="added").items
    assert len(added) == 1
    version = session.get(Version, added[0].version_id)
    assert version is not None
    base_id = session.scalar(select(Story.base_version_id).where(Story.id == version.story_id))
    cached = session.scalar(
        select(func.count()).where(
            ComparisonCache.version_a_id == base_id, ComparisonCache.version_b_id == version.id
        )
    )
    assert cached == 1


def test_duplicates_are_not_stored_twice_and_a_reupload_stores_nothing(session: Session) -> None:
    story = new_story()
    data = jsonl(
        [
            {"text": story.text},
            {"text": story.text.replace("\n\n", "\n\n  ")},
            {"text": story.trimmed(4)},
        ]
    )
    first = _upload(session, "feed.jsonl", data)
    run_batch_here(session.get_bind(), first)  # type: ignore[arg-type]
    counts = get_batch(session, first).batch.counts
    assert (counts["new story"], counts["added"], counts["duplicate"]) == (1, 1, 1)
    versions = session.scalar(select(func.count(Version.id))) or 0
    again = _upload(session, "feed.jsonl", data)
    run_batch_here(session.get_bind(), again)  # type: ignore[arg-type]
    repeat = get_batch(session, again).batch
    assert repeat.counts["duplicate"] == 3
    assert repeat.stored == 0
    assert session.scalar(select(func.count(Version.id))) == versions


def test_an_explicit_story_key_wins_over_similarity(session: Session) -> None:
    key = f"desk-{uuid.uuid4().hex[:8]}"
    a, b = new_story(), new_story()
    bid = _upload(session, "feed.jsonl", jsonl([
        {"text": a.text, "story": key},
        {"text": b.text, "story": key},  # unrelated text, same key: the key decides
        {"text": a.trimmed(4)},  # no key: found by similarity
    ]))  # fmt: skip
    run_batch_here(session.get_bind(), bid)  # type: ignore[arg-type]
    items = get_batch(session, bid).items
    assert len({it.story_id for it in items}) == 1
    story = session.scalar(select(Story).where(Story.key == key))
    assert story is not None
    assert [v.grouping_method for v in story.versions] == [
        "story key",
        "story key",
        "near-duplicate",
    ]


@pytest.mark.parametrize(("copy", "becomes"), [("trimmed", "added"), ("same", "duplicate")])
def test_a_group_is_decided_again_when_another_worker_stored_its_story_meanwhile(
    session: Session, monkeypatch: pytest.MonkeyPatch, copy: str, becomes: str
) -> None:
    story = new_story()
    other = story.trimmed(4) if copy == "trimmed" else story.text
    engine = session.get_bind()
    first = _upload(session, "a.jsonl", jsonl([{"text": story.text}]))
    second = _upload(session, "b.jsonl", jsonl([{"text": other}]))
    for bid in (first, second):
        read_upload(engine, bid, max_text_chars=1_000_000)  # type: ignore[arg-type]
    lock = batch_items._lock

    def other_worker_first(write: Session) -> None:
        """The first batch's group is decided (a new story): the second batch is stored
        before the group gets the write lock."""
        monkeypatch.setattr(batch_items, "_lock", lock)
        store_pending(engine, second, chunk=50, max_chars=1_000_000)  # type: ignore[arg-type]
        lock(write)

    monkeypatch.setattr(batch_items, "_lock", other_worker_first)
    store_pending(engine, first, chunk=50, max_chars=1_000_000)  # type: ignore[arg-type]
    [stored] = get_batch(session, second).items
    [late] = get_batch(session, first).items
    assert (stored.state, late.state) == ("new story", becomes)
    assert late.story_id == stored.story_id


def test_a_group_stored_by_another_run_meanwhile_is_not_stored_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = new_story(), new_story()
    bodies = [one.text, one.trimmed(4), two.text]
    engine = session.get_bind()
    bid = _upload(session, "a.jsonl", jsonl([{"text": t} for t in bodies]))
    read_upload(engine, bid, max_text_chars=1_000_000)  # type: ignore[arg-type]
    lock = batch_items._lock

    def other_run_first(write: Session) -> None:
        monkeypatch.setattr(batch_items, "_lock", lock)
        store_pending(engine, bid, chunk=50, max_chars=1_000_000)  # type: ignore[arg-type]
        lock(write)

    monkeypatch.setattr(batch_items, "_lock", other_run_first)
    store_pending(engine, bid, chunk=50, max_chars=1_000_000)  # type: ignore[arg-type]
    items = get_batch(session, bid).items
    assert [it.state for it in items] == ["new story", "added", "new story"]
    shas = [text_sha256(t) for t in bodies]
    stored = session.scalars(select(Version.id).where(Version.sha256.in_(shas))).all()
    assert len(stored) == len(bodies)
    assert set(stored) == {it.version_id for it in items}  # each text once, in its item


def test_bad_items_fail_alone_and_say_why(session: Session) -> None:
    good = new_story()
    data = (
        b'{"text": "'
        + good.text.replace("\n", "\\n").encode()
        + b'"}\n{broken\n{"title": "no text"}\n'
    )
    bid = _upload(session, "feed.jsonl", data)
    run_batch_here(session.get_bind(), bid)  # type: ignore[arg-type]
    detail = get_batch(session, bid)
    assert detail.batch.counts["new story"] == 1
    assert detail.batch.counts["failed"] == 2
    reasons = {it.origin: it.reason or "" for it in detail.items if it.state == "failed"}
    assert "JSON" in reasons["feed.jsonl line 2"]
    assert "text" in reasons["feed.jsonl line 3"]


def test_a_refused_archive_fails_the_batch_with_the_reason(session: Session) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("../escape.txt", "A text that tries to leave the folder.")
    bid = _upload(session, "bad.zip", buffer.getvalue())
    run_batch_here(session.get_bind(), bid)  # type: ignore[arg-type]
    batch = get_batch(session, bid).batch
    assert batch.status == "failed"
    assert batch.error
    assert batch.stored == 0


def _upload_via_page(client: TestClient, name: str, data: bytes) -> int:
    r = client.post(
        "/batches", files={"file": (name, data, "application/octet-stream")}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def test_upload_page_queues_the_batch_and_the_page_polls_until_done(client: TestClient) -> None:
    story = new_story()
    bid = _upload_via_page(
        client,
        "feed.jsonl",
        jsonl([{"text": story.text, "title": "Polled"}, {"text": story.trimmed(4)}]),
    )
    page = client.get(f"/batches/{bid}")
    assert page.status_code == 200
    region = css(page.text, "#batch-progress")[0]
    assert region.get("data-status") == "queued"
    assert region.get("hx-trigger") == "every 1s"  # polls while unfinished
    drain(client)
    fragment = client.get(f"/batches/{bid}", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith("<section")  # the region alone
    region = css(fragment.text, "#batch-progress")[0]
    assert region.get("data-status") == "done"
    assert region.get("hx-trigger") is None  # finished: polling stops
    assert [el.get("data-state") for el in css(fragment.text, "tr[data-state]")] == [
        "new story",
        "added",
    ]
    assert texts(fragment.text, ".touched a") == ["Polled"]
    story_id = select_story(fragment.text)
    cells = texts(client.get(f"/stories/{story_id}").text, "td.grouping")
    assert cells[0] == "Imported: started this story"
    assert re.fullmatch(r"Imported: found as a near-duplicate, match \d+%", cells[1])
    listing = client.get("/batches")
    assert f"/batches/{bid}" in [a.get("href") for a in css(listing.text, "table.batches a")]


def test_upload_without_a_file_is_422_with_the_reason(client: TestClient) -> None:
    r = client.post("/batches", files={"file": ("empty.jsonl", b"", "application/octet-stream")})
    assert r.status_code == 422
    assert texts(r.text, "#file-error") == ["empty.jsonl is empty"]


def test_api_upload_answers_at_once_and_reports_each_item(client: TestClient) -> None:
    story = new_story()
    r = client.post(
        "/api/v1/batches",
        files={
            "file": (
                "feed.jsonl",
                jsonl([{"text": story.text}, {"text": ""}]),
                "application/x-ndjson",
            )
        },
    )
    assert r.status_code == 202
    bid = r.json()["id"]
    assert client.get(f"/api/v1/batches/{bid}").json()["batch"]["status"] == "queued"
    drain(client)
    body = client.get(f"/api/v1/batches/{bid}").json()
    assert body["batch"]["status"] == "done"
    assert [(i["state"], bool(i["reason"])) for i in body["items"]] == [
        ("new story", False),
        ("failed", True),
    ]
    assert client.get("/api/v1/batches/999999").status_code == 404
    assert client.get(f"/api/v1/batches/{bid}?state=nonsense").status_code == 422


@pytest.mark.parametrize("state", ["failed", "new story"])
def test_batch_items_filter_by_state(client: TestClient, state: str) -> None:
    story = new_story()
    r = client.post(
        "/api/v1/batches",
        files={"file": ("feed.jsonl", jsonl([{"text": story.text}, {"text": " "}]), "text/plain")},
    )
    bid = r.json()["id"]
    drain(client)
    page = client.get(f"/batches/{bid}", params={"state": state})
    assert [el.get("data-state") for el in css(page.text, "tr[data-state]")] == [state]


def test_an_upload_over_the_size_limit_is_413_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/api/v1/batches").json()["total"]
    big = b"x" * 2_100_000  # the test app's limit is 2,000,000 bytes
    r = client.post("/batches", files={"file": ("big.jsonl", big, "application/x-ndjson")})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]
    assert client.get("/api/v1/batches").json()["total"] == before


def test_a_batch_uploaded_again_says_it_stored_nothing_new(client: TestClient) -> None:
    data = jsonl([{"text": new_story().text}, {"text": "  "}])
    ids = []
    for _ in range(2):
        r = client.post("/api/v1/batches", files={"file": ("feed.jsonl", data, "text/plain")})
        ids.append(r.json()["id"])
        drain(client)
    first, again = (client.get(f"/batches/{bid}").text for bid in ids)
    assert not css(first, ".notice")
    assert texts(again, ".notice") == [
        "Nothing new: every article of this batch was already stored."
    ]
