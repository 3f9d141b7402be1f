"""Every page route through the real app, with and without HX-Request; HTML through CSS
selectors."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.helpers import check_json, select, texts

A = """Harbor officials in Calloway approved a $40 million plan to dredge the old channel on Tuesday.

The vote was 7-2 after a four-hour hearing that drew dozens of fishermen.

Work is expected to begin in March and last about 18 months."""
B = """Harbor officials in Calloway approved a $40 million plan to dredge the old channel on Tuesday.

The vote was 7-2 after a hearing that attracted dozens of angry fishermen.

Work is expected to begin in March and last about 18 months.

Three environmental groups said they would sue to stop the dredging.

Their lawyers said the permits ignored a 2019 sediment survey."""


def new_story(client: TestClient, a: str = A, b: str = B, **extra: str) -> str:
    """Create a story through the form; return the comparison URL it lands on."""
    title = extra.pop("title", f"Harbor {uuid.uuid4().hex[:8]}")
    r = client.post(
        "/new", data={"title": title, "text_a": a, "text_b": b, **extra}, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    return r.headers["location"]


def test_new_comparison_lands_on_the_comparison(client: TestClient) -> None:
    url = new_story(client, label_a="Wire", source_b="Daily Bugle")
    page = client.get(url)
    assert page.status_code == 200
    kinds = [el.get("data-kind") for el in select(page.text, "#rows .row")]
    assert kinds.count("added") == 2
    assert "reworded" in kinds
    assert "equal" in kinds
    assert texts(page.text, ".row.k-reworded .cell.b ins")  # inline word changes
    assert texts(page.text, ".row.k-reworded .cell.a del")
    assert texts(page.text, ".summary .verdict") == ["Partial copy"]
    assert texts(page.text, ".head.a")[0].startswith("A · Wire")
    added = select(page.text, "#rows .row[data-kind=added]")
    assert [r.get("class").split()[2:] for r in added] == [
        ["para", "block-start"],
        ["para", "block-end"],
    ]
    assert texts(page.text, ".row.block-start .tag") == ["Added 2 sentences"]


def test_form_errors_are_422_with_the_reason_next_to_the_field(client: TestClient) -> None:
    title = f"Never saved {uuid.uuid4().hex}"
    r = client.post("/new", data={"title": title, "text_a": A, "text_b": "   "})
    assert r.status_code == 422
    assert texts(r.text, "#text_b-error") == ["paste the article text or choose a file"]
    assert select(r.text, "textarea#text_a")[0].text_content().strip().startswith("Harbor")
    listing = client.get("/", params={"q": title})
    assert "No story matches" in listing.text  # nothing half-saved


def test_bad_url_is_refused_and_nothing_saved(client: TestClient) -> None:
    title = f"Bad url {uuid.uuid4().hex}"
    r = client.post(
        "/new", data={"title": title, "text_a": A, "text_b": B, "url_b": "javascript:alert(1)"}
    )
    assert r.status_code == 422
    assert "http" in texts(r.text, "#url_b-error")[0]
    assert "No story matches" in client.get("/", params={"q": title}).text


def test_upload_two_files(client: TestClient) -> None:
    html = (
        b"<html><head><title>Harbor</title></head><body><nav>Home &gt; Local</nav><article>"
        + b"".join(f"<p>{p}</p>".encode() for p in B.split("\n\n"))
        + b"</article></body></html>"
    )
    r = client.post(
        "/new",
        data={"title": f"Upload {uuid.uuid4().hex[:6]}"},
        files={
            "file_a": ("a.txt", A.encode("cp1252"), "text/plain"),
            "file_b": ("b.html", html, "text/html"),
        },
        follow_redirects=True,
    )
    assert r.status_code == 200
    assert [el.get("data-kind") for el in select(r.text, "#rows .row")].count("added") == 2


def test_home_lists_searches_and_filters(client: TestClient, htmx: dict[str, str]) -> None:
    marker = uuid.uuid4().hex[:10]
    new_story(client, title=f"Ferry {marker}", source_a=f"Outlet {marker}")
    page = client.get("/", params={"q": marker})
    assert texts(page.text, "#story-list td a") == [f"Ferry {marker}"]
    assert f"Outlet {marker}" in texts(page.text, "#source option")
    assert texts(
        client.get("/", params={"source": f"Outlet {marker}"}).text, "#story-list td a"
    ) == [f"Ferry {marker}"]
    fragment = client.get("/", params={"q": marker}, headers=htmx)
    assert "<html" not in fragment.text
    assert select(fragment.text, "#story-list")
    assert fragment.headers["vary"] == "HX-Request"


def test_search_matches_article_text(client: TestClient) -> None:
    marker = uuid.uuid4().hex[:10]
    new_story(client, b=B + f"\n\nA reef called {marker} was mentioned.")
    assert len(texts(client.get("/", params={"q": marker}).text, "#story-list td a")) == 1


def test_comparison_fragment_and_page(client: TestClient, htmx: dict[str, str]) -> None:
    url = new_story(client)
    full = client.get(url)
    part = client.get(url, headers=htmx)
    assert "<html" in full.text
    assert "<html" not in part.text
    assert select(part.text, "#compare-main #rows .row")
    restore = client.get(url, headers={**htmx, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


def test_modes_and_options(client: TestClient) -> None:
    url = new_story(client)
    changes = client.get(url.replace("mode=side", "mode=changes"))
    assert not select(changes.text, "#rows .row[data-kind=equal]")
    assert select(changes.text, "#rows .fold[data-fold=equal]")
    inline = client.get(url.replace("mode=side", "mode=inline"))
    assert select(inline.text, ".row .cell.both")
    assert not select(inline.text, ".row .cell.a")
    char = client.get(url + "&granularity=char")
    assert select(char.text, "select[name=granularity] option[value=char][selected]")
    a = texts(client.get(url).text, ".head.a")[0]
    swapped = client.get(select(client.get(url).text, "a[aria-label='Swap sides']")[0].get("href"))
    assert texts(swapped.text, ".head.b")[0][4:] == a[4:]


def test_moved_row_links_to_a_marker_in_b(client: TestClient) -> None:
    a = "Ferries stopped running at noon on Monday. Crews checked the hull for damage. The mayor called for calm."
    b = "Crews checked the hull for damage. The mayor called for calm. Ferries stopped running at noon on Monday."
    page = client.get(new_story(client, a=a, b=b)).text
    (link,) = select(page, ".row[data-kind=moved] a.moved-link")
    (marker,) = select(page, ".moved-here" + link.get("href"))
    back = marker.cssselect("a")[0].get("href")
    assert select(page, f"{back}[data-kind=moved]")


def test_similarity_says_why_the_pair_was_made(client: TestClient) -> None:
    page = client.get(new_story(client)).text
    (sim,) = select(page, ".row.k-reworded .sim")
    assert sim.get("title") == "word similarity; paired by: similar words"
    assert re.fullmatch(r"\d+% similar", sim.text_content())


def test_etag_and_not_modified(client: TestClient) -> None:
    url = new_story(client)
    first = client.get(url)
    etag = first.headers["etag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert not again.content


def test_unchanged_runs_fold_and_expand(client: TestClient, htmx: dict[str, str]) -> None:
    long_a = "\n\n".join(
        f"Paragraph number {n} says the ferry left at {n} o'clock sharp." for n in range(12)
    )
    long_b = long_a.replace("number 11 says", "number 11 now says")
    url = new_story(client, a=long_a, b=long_b)
    page = client.get(url)
    (link,) = select(page.text, ".fold[data-fold=equal] a.expand")
    rows = client.get(link.get("hx-get"), headers=htmx)
    assert len(select(rows.text, ".row[data-kind=equal]")) >= 8
    assert select(client.get(link.get("href").split("#")[0]).text, ".fold[data-fold=equal]") == []


def test_downloads_report_and_json(client: TestClient, checker: Path, tmp_path: Path) -> None:
    url = new_story(client)
    report = client.get(url.replace("/compare?", "/compare.html?"))
    assert report.headers["content-disposition"].startswith("attachment")
    assert "<script" not in report.text
    assert "http://" not in report.text.replace("http://www.w3.org", "")
    data = client.get(url.replace("/compare?", "/compare.json?")).json()
    assert check_json(checker, tmp_path, A, B, data).startswith("ok")


def test_story_page_add_rename_rebase_delete(client: TestClient) -> None:
    url = new_story(client)
    story = url.split("/compare")[0]
    client.get(story + "/compare")  # remembered before the story changes
    page = client.get(story)
    assert len(select(page.text, "table.versions tbody tr")) == 2
    assert texts(page.text, "table.versions tbody tr:nth-child(2) td:nth-child(7)") == [
        "Partial copy"
    ]
    r = client.post(
        f"{story}/versions",
        data={"text": A + "\n\nOne more line here.", "label": "Third"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    landed = client.get(r.headers["location"])  # the page seen before is not served stale
    assert texts(landed.text, ".head.b")[0].startswith("B · Third")
    dup = client.post(f"{story}/versions", data={"text": A, "label": "Again"})
    assert dup.status_code == 422
    assert "already stored" in texts(dup.text, "#text-error")[0]
    assert (
        client.post(
            f"{story}/rename", data={"title": "Renamed harbor"}, follow_redirects=True
        ).status_code
        == 200
    )
    assert texts(client.get(story).text, "h1") == ["Renamed harbor"]
    assert client.post(f"{story}/rename", data={"title": "  "}).status_code == 422
    ids = [tr.get("id")[1:] for tr in select(client.get(story).text, "table.versions tbody tr")]
    client.post(f"{story}/base", data={"version_id": ids[1]})
    assert "base" in texts(client.get(story).text, f"tr#v{ids[1]} .badge")
    client.post(f"{story}/versions/{ids[2]}/delete")
    assert len(select(client.get(story).text, "table.versions tbody tr")) == 2
    client.post(f"{story}/delete")
    assert client.get(story).status_code == 404


def test_unknown_ids_are_404_pages(client: TestClient) -> None:
    for path in ("/stories/987654", "/stories/987654/compare", "/stories/987654/compare.json"):
        r = client.get(path)
        assert r.status_code == 404
    assert "does not exist" in texts(client.get("/stories/987654").text, ".errors")[0]
    url = new_story(client)
    stale = client.get(re.sub(r"a=\d+", "a=99999", url))  # a permalink to a version gone
    assert stale.status_code == 404
    assert texts(stale.text, ".errors") == ["Version 99999 does not exist."]
    assert (
        client.get(
            re.sub(r"b=\d+", "b=99999", url.replace("/compare?", "/compare.json?"))
        ).status_code
        == 404
    )


def test_api_page_lists_the_endpoints_without_a_cdn(client: TestClient) -> None:
    page = client.get("/api")
    assert page.status_code == 200
    assert "POST /api/v1/compare" in texts(page.text, "table.api td:first-child code")
    assert not select(page.text, "script[src^=http], link[href^=http]")
    assert select(page.text, "a[href='/docs']")


def test_docs_page_serves_swagger_ui_from_this_app(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "unsafe" not in page.headers["content-security-policy"]
    assets = [el.get("src") for el in select(page.text, "script[src]")]
    assets += [el.get("href") for el in select(page.text, "link[rel=stylesheet]")]
    assert any("swagger-ui-bundle.js" in a for a in assets)
    assert all(a.startswith("/static/") for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    vendored = Path(__file__).parents[2] / "static" / "vendor"
    (swagger,) = vendored.glob("swagger-ui-*")
    assert {"LICENSE", "NOTICE"} <= {p.name for p in swagger.iterdir()}
    assert f"/static/vendor/{swagger.name}/swagger-ui-bundle.js" in assets


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    r = client.post("/new", content=b"x" * 2_100_000, headers={"content-type": "text/plain"})
    assert r.status_code == 413


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe" not in policy  # no inline scripts, handlers or style attributes anywhere
    assert headers["x-content-type-options"] == "nosniff"


def test_ids_past_the_database_range_name_nothing(client: TestClient) -> None:
    huge = 2**63 + 5
    story = client.post("/api/v1/stories", json={"versions": [{"text": "Range text one."}]})
    sid = story.json()["id"]
    for path in (f"/stories/{huge}", f"/stories/{huge}/compare", f"/batches/{huge}",
                 f"/stories/{huge}/compare.json", f"/stories/{2**31}"):  # fmt: skip
        assert client.get(path).status_code == 422, path
    assert client.get(f"/stories/{sid}/compare?a={huge}&b={huge}").status_code == 200
    assert client.post(f"/stories/{sid}/base", data={"version_id": huge}).status_code == 422
