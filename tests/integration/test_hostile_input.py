"""Hostile uploads through the real app: HTML is stored as its prose alone, whichever way it
came in, and a page nested too deeply is answered with the reason, never a crash."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ingest.extract import MAX_HTML_DEPTH
from app.services import InvalidInput, NewVersion, create_story
from app.services.stories import validate_version
from app.store.models import Version
from tests.integration.helpers import select as css
from tests.integration.helpers import texts
from tests.integration.test_batches import drain
from tests.unit.test_ingest_batch import CONTAINERS, html_in_every_container
from tests.unit.test_ingest_extract import HOSTILE_NESTING, HOSTILE_PAGE, assert_prose_only

NESTED = f"nested deeper than {MAX_HTML_DEPTH} levels"
DEEP = HOSTILE_NESTING["closed-divs"]


def stored_texts(session: Session, story_id: int) -> list[str]:
    query = select(Version.text).where(Version.story_id == story_id).order_by(Version.id)
    return list(session.scalars(query))


def story_of(location: str) -> int:
    return int(location.split("/stories/")[1].split("/")[0])


def test_new_comparison_and_added_version_store_uploaded_html_as_text(
    client: TestClient, session: Session
) -> None:
    r = client.post(
        "/new",
        data={"title": f"Pier {uuid.uuid4().hex[:8]}"},
        files={
            "file_a": ("a.html", HOSTILE_PAGE, "text/html"),
            "file_b": ("b.txt", b"<!DOCTYPE html>" + HOSTILE_PAGE, "text/plain"),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    story_id = story_of(r.headers["location"])
    third = HOSTILE_PAGE.replace(
        b"</article>", b"<p>Tourists returned by the coach load.</p></article>"
    )
    added = client.post(
        f"/stories/{story_id}/versions",
        data={"label": "Third"},
        files={"file": ("c", third, None)},
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text
    versions = stored_texts(session, story_id)
    assert len(versions) == 3
    for text in versions:
        assert_prose_only(text)


@pytest.mark.parametrize("name", HOSTILE_NESTING)
def test_deep_html_on_the_new_comparison_form_is_a_422_with_the_reason(
    client: TestClient, name: str
) -> None:
    title = f"Deep {uuid.uuid4().hex}"
    r = client.post(
        "/new",
        data={"title": title, "text_a": "A short text of the first version."},
        files={"file_b": ("deep.html", HOSTILE_NESTING[name], "text/html")},
    )
    assert r.status_code == 422
    assert texts(r.text, "#file_b-error") == [f"the HTML is {NESTED}"]
    assert "No story matches" in client.get("/", params={"q": title}).text


def test_batch_upload_stores_html_as_text_from_every_member_and_record(
    client: TestClient, session: Session
) -> None:
    # A paragraph of its own, so that no earlier test's copy makes the items duplicates.
    unique = f"<p>The ferry {uuid.uuid4().hex} docked at noon.</p></article>".encode()
    page = HOSTILE_PAGE.replace(b"</article>", unique)
    r = client.post("/api/v1/batches", files={"file": ("b.zip", html_in_every_container(page))})
    assert r.status_code == 202
    drain(client)
    body = client.get(r.json()["url"]).json()
    assert body["batch"]["status"] == "done"
    assert len(body["items"]) == len(CONTAINERS)
    assert "failed" not in {item["state"] for item in body["items"]}
    version_ids = [item["version_id"] for item in body["items"] if item["version_id"]]
    assert version_ids
    for version_id in version_ids:
        assert_prose_only(session.get_one(Version, version_id).text)


def test_deep_html_in_a_batch_fails_each_item_with_the_reason(client: TestClient) -> None:
    before = client.get("/api/v1/stories").json()["total"]
    # In a zip, a page just past the limit: 100,000 levels compress past the ratio refused.
    just_past = HOSTILE_NESTING["just-past-the-limit"]
    for name in ("deep.html", "deep.zip"):
        data = DEEP if name == "deep.html" else html_in_every_container(just_past)
        r = client.post("/api/v1/batches", files={"file": (name, data)})
        drain(client)
        body = client.get(r.json()["url"]).json()
        assert body["batch"]["status"] == "done"
        reasons = [(item["state"], NESTED in (item["reason"] or "")) for item in body["items"]]
        assert reasons == [("failed", True)] * (1 if name == "deep.html" else len(CONTAINERS))
    assert client.get("/api/v1/stories").json()["total"] == before


TRICKY_URLS = [
    "JaVaScRiPt:alert(1)",
    "\x01 javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/a",
]


@pytest.mark.parametrize("url", TRICKY_URLS)
def test_unsafe_urls_are_refused_on_input(url: str) -> None:
    with pytest.raises(InvalidInput, match="must start with http"):
        validate_version(NewVersion(text="Some text.", url=url), "_b", 1000)


def test_stored_unsafe_urls_are_shown_as_text_never_as_links(
    client: TestClient, session: Session
) -> None:
    """URLs stored before the input check (or by another way in) are still never links."""
    texts_ = [f"Version {n} of the pier story, {uuid.uuid4().hex}." for n in range(8)]
    versions = [NewVersion(text=t, url="https://news.example/ok") for t in texts_]
    ref = create_story(session, f"Urls {uuid.uuid4().hex[:6]}", versions, max_chars=1000)
    rows = session.scalars(select(Version).where(Version.story_id == ref.id).order_by(Version.id))
    for row, url in zip(rows, [*TRICKY_URLS, "https://news.example/ok"], strict=True):
        row.url = url
    session.commit()
    page = client.get(f"/stories/{ref.id}").text
    links = css(page, "a.url")
    assert [a.get("href") for a in links] == ["https://news.example/ok"]
    assert texts(page, "span.url") == [" ".join(u.split()) for u in TRICKY_URLS]
    hrefs = [el.get("href") for el in css(page, "[href]")]
    assert all(h.startswith(("/", "#", "https://news.example/ok")) for h in hrefs), hrefs


def test_user_text_sits_in_containers_htmx_ignores(client: TestClient, session: Session) -> None:
    """Stored text is escaped; hx-disable on its containers is the second wall: even markup
    that slipped through would not be read by htmx."""
    text = '<button hx-get="/x" hx-trigger="load">Go</button> The pier reopened on Monday.'
    versions = [NewVersion(text=text, label=text[:60]), NewVersion(text=text + " It rained.")]
    ref = create_story(session, text[:60], versions, max_chars=1000)
    a, b = ref.version_ids
    story = client.get(f"/stories/{ref.id}").text
    assert css(story, "h1.compare-title[hx-disable]")
    assert css(story, "table.versions[hx-disable]")
    for mode in ("side", "inline"):
        page = client.get(f"/stories/{ref.id}/compare?a={a}&b={b}&mode={mode}").text
        rows = css(page, "#rows .row")
        assert rows
        assert all(row.get("hx-disable") is not None for row in rows)
        assert css(page, "#rows .heads[hx-disable]")
        assert not css(page, "[hx-trigger=load]")


HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
REQUESTS = {
    "page": ("GET", "/", {}),
    "fragment": ("GET", "/?q=pier", {"headers": {"HX-Request": "true"}}),
    "form": ("GET", "/new", {}),
    "refused form": ("POST", "/new", {"data": {"text_a": "x"}}),
    "api": ("GET", "/api/v1/stories", {}),
    "api post": ("POST", "/api/v1/compare", {"json": {"a": "One.", "b": "Two."}}),
    "openapi": ("GET", "/openapi.json", {}),
    "health": ("GET", "/healthz", {}),
    "css": ("GET", "/static/css/app.css", {}),
    "js": ("GET", "/static/js/app.js", {}),
    "missing static": ("GET", "/static/nothing.js", {}),
    "page 404": ("GET", "/stories/987654321", {}),
    "api 404": ("GET", "/api/v1/stories/987654321", {}),
    "route 404": ("GET", "/no/such/page", {}),
    "api 422": ("POST", "/api/v1/compare", {"json": {"a": 1}}),
    "page 422": ("GET", "/batches/1?state=nonsense", {}),
    "405": ("DELETE", "/", {}),
    "413 declared": ("POST", "/new", {"content": b"x" * 2_100_000}),
}


@pytest.mark.parametrize("name", REQUESTS)
def test_security_headers_on_every_kind_of_response(client: TestClient, name: str) -> None:
    method, path, extra = REQUESTS[name]
    r = client.request(method, path, **extra)  # type: ignore[arg-type]
    for header, value in HEADERS.items():
        assert r.headers.get(header) == value, (r.status_code, header)


def test_security_headers_on_the_report_download(client: TestClient, session: Session) -> None:
    versions = [NewVersion(text="The pier reopened."), NewVersion(text="The pier opened.")]
    ref = create_story(session, f"Report {uuid.uuid4().hex[:6]}", versions, max_chars=1000)
    a, b = ref.version_ids
    for suffix in ("html", "json"):
        r = client.get(f"/stories/{ref.id}/compare.{suffix}?a={a}&b={b}")
        assert r.status_code == 200
        assert {h: r.headers.get(h) for h in HEADERS} == HEADERS


def test_security_headers_on_a_chunked_body_refused_while_read(client: TestClient) -> None:
    chunks = (b"x" * 100_000 for _ in range(30))  # no Content-Length: counted as it comes
    form = {"content-type": "application/x-www-form-urlencoded"}
    r = client.post("/new", content=chunks, headers=form)
    assert r.status_code == 413
    assert {h: r.headers.get(h) for h in HEADERS} == HEADERS
