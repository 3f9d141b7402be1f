"""The JSON API: stateless comparison (schema-checked), stories and versions."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.helpers import check_json

A = "The council met on Monday. It approved the budget 5-2. The mayor left early."
B = "The council met on Monday. It approved the new budget 5-2. Protesters gathered outside."


def test_compare_returns_the_engine_json(client: TestClient, checker: Path, tmp_path: Path) -> None:
    r = client.post("/api/v1/compare", json={"a": A, "b": B, "ignore_case": True})
    assert r.status_code == 200
    data = r.json()
    assert data["options"]["ignore_case"] is True
    assert [row["kind"] for row in data["rows"]] == ["equal", "reworded", "removed", "added"]
    assert set(data["rows"][2]) == {"kind", "a", "b"}  # one-sided rows: no similarity, ops, why
    assert check_json(checker, tmp_path, A, B, data).startswith("ok")


def test_compare_rejects_bad_input(client: TestClient) -> None:
    assert client.post("/api/v1/compare", json={"a": "x"}).status_code == 422
    r = client.post("/api/v1/compare", json={"a": "x", "b": "y", "granularity": "line"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == "granularity"


def test_compare_seed_pair(
    client: TestClient, seeds_dir: Path, checker: Path, tmp_path: Path
) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:2])
    data = client.post("/api/v1/compare", json={"a": a, "b": b}).json()
    assert check_json(checker, tmp_path, a, b, data).startswith("ok")
    assert any(len(blk["sentences"]) == 3 for blk in data["summary"]["added_blocks"])


def test_stories_and_versions(client: TestClient) -> None:
    title = f"API story {uuid.uuid4().hex[:8]}"
    r = client.post(
        "/api/v1/stories",
        json={"title": title, "versions": [{"text": A, "label": "one"}, {"text": B}]},
    )
    assert r.status_code == 201
    story_id, (v1, v2) = r.json()["id"], r.json()["version_ids"]
    story = client.get(f"/api/v1/stories/{story_id}").json()
    assert story["title"] == title
    assert story["base_version_id"] == v1
    assert [v["verdict"] for v in story["versions"]] == [None, "edited"]
    assert client.get(f"/api/v1/versions/{v2}").json()["text"] == B
    added = client.post(f"/api/v1/stories/{story_id}/versions", json={"text": A + " More."})
    assert added.status_code == 201
    dup = client.post(f"/api/v1/stories/{story_id}/versions", json={"text": A})
    assert dup.status_code == 409
    assert "already stored" in dup.json()["detail"]
    listed = client.get("/api/v1/stories", params={"q": title}).json()
    assert [s["title"] for s in listed["items"]] == [title]
    assert client.get("/api/v1/stories/99999").status_code == 404
    assert client.get("/api/v1/versions/99999").json() == {
        "detail": "Version 99999 does not exist."
    }


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/v1/compare", "/api/v1/stories", "/api/v1/stories/{story_id}"} <= set(paths)


def test_ids_past_the_integer_range_are_invalid_not_errors(client: TestClient) -> None:
    for url in ("/api/v1/stories/99999999999999999999", "/api/v1/versions/3000000000"):
        assert client.get(url).status_code == 422


def test_invalid_json_is_answered_without_echoing_it(client: TestClient) -> None:
    for body in ('{"a": "\\ud800", "b": "x"}', '{"a": NaN, "b": "x"}'):
        r = client.post(
            "/api/v1/compare", content=body, headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 422
        assert all(set(e) == {"loc", "msg", "type"} for e in r.json()["detail"])


def test_nul_in_one_line_fields_and_searches_is_dropped(client: TestClient) -> None:
    title = f"NUL {uuid.uuid4().hex[:8]}"
    r = client.post(
        "/api/v1/stories",
        json={
            "title": title + "\x00",
            "versions": [{"text": A, "label": "a\x00b", "source": "\x00"}],
        },
    )
    assert r.status_code == 201
    story = client.get(f"/api/v1/stories/{r.json()['id']}").json()
    assert (story["title"], story["versions"][0]["label"]) == (title, "ab")
    assert story["versions"][0]["source"] is None
    assert client.get("/api/v1/stories", params={"q": title + "\x00"}).json()["total"] == 1


def test_times_carry_their_utc_offset(client: TestClient) -> None:
    r = client.post("/api/v1/stories", json={"versions": [{"text": B + " Timed."}]})
    story = client.get(f"/api/v1/stories/{r.json()['id']}").json()
    for stamp in (story["created_at"], story["versions"][0]["created_at"]):
        assert datetime.fromisoformat(stamp).utcoffset() == timedelta(0)
