"""The permission matrix: every route of the app × every kind of caller, against the status
each must get.  A route missing from ROUTES fails the test, so no route goes unchecked."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.routing import Mount, Route

from app.services import NewVersion, create_story
from app.services.accounts import create_token, create_user, login, revoke_token, set_disabled
from app.services.batches import create_upload_batch
from app.settings import Settings
from app.store.models import ApiToken
from app.web.app import ROUTERS, create_app
from app.web.auth import COOKIE

CALLERS = ("anonymous", "editor", "admin", "disabled", "revoked token", "token")
"""``token`` is an editor's valid API token; ``revoked token`` was an admin's."""
PASSWORD = "matrix-password-1"
_seq = itertools.count()


def _unique() -> str:
    return f"m{next(_seq)}"


@dataclass
class World:
    """What the requests refer to; ``fresh_*`` make a new one per request, for routes that
    destroy what they are given."""

    session: Session
    story: int
    versions: list[int]
    batch: int

    def fresh_story(self) -> tuple[int, list[int]]:
        text = f"Matrix story {_unique()} opens here. It has a second sentence."
        ref = create_story(self.session, "", [NewVersion(text), NewVersion(text + " More.")],
                           max_chars=100_000)  # fmt: skip
        return ref.id, ref.version_ids

    def fresh_user(self) -> str:
        name = _unique()
        create_user(self.session, name, "editor", password=PASSWORD)
        return name

    def fresh_token(self) -> int:
        create_token(self.session, "mx-editor", "matrix")
        token_id = self.session.scalar(select(func.max(ApiToken.id)))
        self.session.rollback()  # let go of SQLite's write lock before the request
        assert isinstance(token_id, int)
        return token_id


Request = tuple[str, dict[str, Any]]  # path, keyword arguments of TestClient.request
Spec = tuple[str, int, Callable[[World], Request]]  # policy, status when allowed, request


def _form(path: str, **data: Any) -> Request:
    return path, {"data": data}


def _text() -> str:
    return f"A new text {_unique()} arrives. It differs from the others."


def _delete_version(w: World) -> Request:
    story, versions = w.fresh_story()
    return f"/stories/{story}/versions/{versions[1]}/delete", {}


# fmt: off
ROUTES: dict[tuple[str, str], Spec] = {
    ("GET", "/"): ("read", 200, lambda _: ("/", {})),
    ("GET", "/api"): ("open", 200, lambda _: ("/api", {})),
    ("GET", "/docs"): ("open", 200, lambda _: ("/docs", {})),
    ("GET", "/healthz"): ("open", 200, lambda _: ("/healthz", {})),
    ("GET", "/openapi.json"): ("open", 200, lambda _: ("/openapi.json", {})),
    ("GET", "/static"): ("open", 200, lambda _: ("/static/css/app.css", {})),
    ("GET", "/login"): ("login", 200, lambda _: ("/login", {})),
    ("POST", "/login"): ("open", 303, lambda w: _form("/login", name=w.fresh_user(),
                                                      password=PASSWORD)),
    ("POST", "/logout"): ("logout", 303, lambda _: ("/logout", {})),
    ("GET", "/new"): ("edit", 200, lambda _: ("/new", {})),
    ("POST", "/new"): ("edit", 303, lambda _: _form("/new", text_a=_text(), text_b=_text())),
    ("GET", "/stories/{story_id}"): ("read", 200, lambda w: (f"/stories/{w.story}", {})),
    ("POST", "/stories/{story_id}/versions"): (
        "edit", 303, lambda w: _form(f"/stories/{w.story}/versions", text=_text())),
    ("POST", "/stories/{story_id}/rename"): (
        "edit", 303, lambda w: _form(f"/stories/{w.story}/rename", title="Renamed")),
    ("POST", "/stories/{story_id}/base"): (
        "edit", 303, lambda w: _form(f"/stories/{w.story}/base", version_id=w.versions[0])),
    ("POST", "/stories/{story_id}/versions/{version_id}/delete"): ("admin", 303, _delete_version),
    ("POST", "/stories/{story_id}/delete"): (
        "admin", 303, lambda w: (f"/stories/{w.fresh_story()[0]}/delete", {})),
    ("GET", "/stories/{story_id}/compare"): (
        "read", 200, lambda w: (f"/stories/{w.story}/compare", {})),
    ("GET", "/stories/{story_id}/compare/rows"): (
        "read", 200, lambda w: (f"/stories/{w.story}/compare/rows?first=0&last=1", {})),
    ("GET", "/stories/{story_id}/compare.html"): (
        "read", 200, lambda w: (f"/stories/{w.story}/compare.html", {})),
    ("GET", "/stories/{story_id}/compare.json"): (
        "read", 200, lambda w: (f"/stories/{w.story}/compare.json", {})),
    ("GET", "/batches"): ("admin", 200, lambda _: ("/batches", {})),
    ("POST", "/batches"): ("admin", 303, lambda _: ("/batches", {
        "files": {"file": ("m.jsonl", b'{"text": "One line of a batch."}\n')}})),
    ("GET", "/batches/{batch_id}"): ("admin", 200, lambda w: (f"/batches/{w.batch}", {})),
    ("GET", "/admin/users"): ("admin", 200, lambda _: ("/admin/users", {})),
    ("POST", "/admin/users"): ("admin", 200, lambda _: _form("/admin/users", name=_unique())),
    ("POST", "/admin/users/{name}/role"): (
        "admin", 303, lambda w: _form(f"/admin/users/{w.fresh_user()}/role", role="admin")),
    ("POST", "/admin/users/{name}/disable"): (
        "admin", 303, lambda w: (f"/admin/users/{w.fresh_user()}/disable", {})),
    ("POST", "/admin/users/{name}/enable"): (
        "admin", 303, lambda w: (f"/admin/users/{w.fresh_user()}/enable", {})),
    ("POST", "/admin/users/{name}/password"): (
        "admin", 200, lambda w: (f"/admin/users/{w.fresh_user()}/password", {})),
    ("POST", "/admin/tokens"): (
        "admin", 200, lambda _: _form("/admin/tokens", user="mx-editor", name="t")),
    ("POST", "/admin/tokens/{token_id}/revoke"): (
        "admin", 303, lambda w: (f"/admin/tokens/{w.fresh_token()}/revoke", {})),
    ("GET", "/admin/audit"): ("admin", 200, lambda _: ("/admin/audit", {})),
    ("POST", "/api/v1/compare"): (
        "edit", 200, lambda _: ("/api/v1/compare", {"json": {"a": "One.", "b": "Two."}})),
    ("GET", "/api/v1/stories"): ("read", 200, lambda _: ("/api/v1/stories", {})),
    ("POST", "/api/v1/stories"): (
        "edit", 201, lambda _: ("/api/v1/stories", {"json": {"versions": [{"text": _text()}]}})),
    ("GET", "/api/v1/stories/{story_id}"): (
        "read", 200, lambda w: (f"/api/v1/stories/{w.story}", {})),
    ("POST", "/api/v1/stories/{story_id}/versions"): (
        "edit", 201, lambda w: (f"/api/v1/stories/{w.story}/versions", {"json": {"text": _text()}})),
    ("GET", "/api/v1/versions/{version_id}"): (
        "read", 200, lambda w: (f"/api/v1/versions/{w.versions[0]}", {})),
    ("POST", "/api/v1/batches"): ("admin", 202, lambda _: ("/api/v1/batches", {
        "files": {"file": ("m.jsonl", b'{"text": "One line of a batch."}\n')}})),
    ("GET", "/api/v1/batches"): ("admin", 200, lambda _: ("/api/v1/batches", {})),
    ("GET", "/api/v1/batches/{batch_id}"): (
        "admin", 200, lambda w: (f"/api/v1/batches/{w.batch}", {})),
}
# fmt: on


def expected(policy: str, ok: int, caller: str, path: str) -> int:
    """The status ``caller`` must get from a route of ``policy`` answering ``ok`` when allowed."""
    if policy == "open":
        return ok
    if caller == "revoked token":
        return 401  # a bad token is refused outright, wherever it is sent
    signed_in = caller in ("editor", "admin", "token")
    if policy == "login":
        return 303 if signed_in else ok  # the signed-in are sent on
    if policy == "logout":
        return ok
    if not signed_in:
        return 401 if path.startswith("/api/") else 303  # pages send to the login page
    if policy == "admin" and caller != "admin":
        return 403
    return ok


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route: the app's own and its routers'."""
    found = set()
    for route in [*app.routes, *(r for router in ROUTERS for r in router.routes)]:
        if isinstance(route, Mount):
            found.add(("GET", route.path))
        elif isinstance(route, Route | APIRoute):
            found |= {(m, route.path) for m in route.methods or () if m != "HEAD"}
    return found


@pytest.fixture(scope="module")
def callers(settings: Settings, session_factory: Callable[[], Session]) -> Iterator[
    dict[str, TestClient]
]:  # fmt: skip
    app = create_app(settings)
    with session_factory() as s:
        for name, role in (("mx-editor", "editor"), ("mx-admin", "admin"), ("mx-off", "editor")):
            create_user(s, name, role, password=PASSWORD)
        cookies = {r: login(s, n, PASSWORD, ip=None, hours=1)
                   for r, n in (("editor", "mx-editor"), ("admin", "mx-admin"),
                                ("disabled", "mx-off"))}  # fmt: skip
        set_disabled(s, "mx-off", True)
        token = create_token(s, "mx-editor", "matrix")
        revoked = create_token(s, "mx-admin", "matrix revoked")
        revoke_token(s, s.scalar(select(func.max(ApiToken.id))) or 0)
    with TestClient(app, follow_redirects=False) as base:
        clients = {"anonymous": base}
        for caller, cookie in cookies.items():
            clients[caller] = TestClient(app, follow_redirects=False, cookies={COOKIE: cookie})
        for caller, secret in (("token", token), ("revoked token", revoked)):
            clients[caller] = TestClient(app, follow_redirects=False,
                                         headers={"Authorization": f"Bearer {secret}"})  # fmt: skip
        yield clients


@pytest.fixture(scope="module")
def session_factory(database_url: str) -> Iterator[Callable[[], Session]]:
    from app.store import make_engine, make_sessionmaker

    engine = make_engine(database_url)
    yield make_sessionmaker(engine)
    engine.dispose()


def test_every_route_is_in_the_matrix(settings: Settings) -> None:
    assert app_routes(create_app(settings)) == set(ROUTES)


def test_permission_matrix(
    callers: dict[str, TestClient], session_factory: Callable[[], Session]
) -> None:
    mismatches = []
    with session_factory() as s:
        story = create_story(s, "Matrix", [NewVersion("First text here. And more."),
                                           NewVersion("Second text here. And more.")],
                             max_chars=100_000)  # fmt: skip
        batch = create_upload_batch(s, "m.jsonl", b'{"text": "A line."}\n')
        world = World(s, story.id, story.version_ids, batch)
        checked = 0
        for (method, _), (policy, ok, build) in ROUTES.items():
            for caller in CALLERS:
                path, kwargs = build(world)
                got = callers[caller].request(method, path, **kwargs).status_code
                want = expected(policy, ok, caller, path)
                checked += 1
                if got != want:
                    mismatches.append(f"{caller:13} {method} {path}: {got}, expected {want}")
    assert checked == len(ROUTES) * len(CALLERS)
    assert mismatches == [], "\n".join(mismatches)
