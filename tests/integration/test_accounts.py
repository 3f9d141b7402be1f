"""Accounts through the app: sign-in and its rate limits, sessions that end, API tokens, CSRF
refusal, public reading, the admin pages and the audit log."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.services.accounts import ACCOUNT_FAILURES, IP_FAILURES, create_user
from app.settings import Settings
from app.store.models import ApiToken, LoginSession, User
from app.web.app import create_app
from app.web.auth import COOKIE, SECURE_COOKIE
from tests.integration.helpers import select as select_html
from tests.integration.helpers import texts

PASSWORD = "account-password-1"
_names = itertools.count()
_ips = itertools.count(1)


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    """An anonymous browser from an address of its own (the IP rate limit is per address)."""
    with TestClient(create_app(settings), follow_redirects=False,
                    client=(f"10.0.{next(_ips)}.1", 5000)) as c:  # fmt: skip
        yield c


@contextmanager
def _beside(c: TestClient, **options: Any) -> Iterator[TestClient]:
    """Another browser on ``c``'s running app: entering a TestClient again would start the
    app a second time, with an engine of its own left open when the first goes on."""
    other = TestClient(c.app, **options)
    try:
        yield other
    finally:
        other.close()


def _user(session: Session, role: str = "editor") -> str:
    name = f"acct{next(_names)}"
    create_user(session, name, role, password=PASSWORD)
    return name


def _sign_in(c: TestClient, name: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return c.post("/login", data={"name": name, "password": password, **extra})


def test_sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session(
    app_client: TestClient, session: Session
) -> None:
    name = _user(session)
    assert app_client.get("/").status_code == 303  # login required by default
    r = _sign_in(app_client, name, next="/stories/1?x=1")
    assert r.status_code == 303
    assert r.headers["location"] == "/stories/1?x=1"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain HTTP: a Secure cookie would never come back
    old = app_client.cookies[COOKIE]
    stored = session.scalar(select(LoginSession.token_hash).where(LoginSession.token_hash == old))
    session.rollback()  # let go of SQLite's write lock
    assert stored is None  # only its hash is stored
    page = app_client.get("/")
    assert page.status_code == 200
    assert name in page.text
    assert app_client.post("/logout").status_code == 303
    with _beside(app_client, follow_redirects=False, cookies={COOKIE: old}) as stale:
        assert stale.get("/").status_code == 303
        assert stale.get("/api/v1/stories").status_code == 401
        assert stale.get("/", headers={"HX-Request": "true"}).headers["HX-Redirect"] \
            == "/login?next=%2F"  # fmt: skip


def test_wrong_password_and_unknown_name_answer_alike(
    app_client: TestClient, session: Session
) -> None:
    name = _user(session)
    wrong = _sign_in(app_client, name, "not-the-password")
    unknown = _sign_in(app_client, "nobody-by-this-name", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert texts(wrong.text, ".errors") == texts(unknown.text, ".errors") \
        == ["Wrong name or password."]  # fmt: skip
    assert COOKIE not in app_client.cookies


def test_sign_in_is_rate_limited_per_account(app_client: TestClient, session: Session) -> None:
    name = _user(session)
    for _ in range(ACCOUNT_FAILURES):
        assert _sign_in(app_client, name, "wrong-password").status_code == 401
    refused = _sign_in(app_client, name)  # even the right password, for now
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "Too many failed logins for this account" in refused.text
    assert COOKIE not in app_client.cookies


def test_sign_in_is_rate_limited_per_address(app_client: TestClient, session: Session) -> None:
    for n in range(IP_FAILURES):
        assert _sign_in(app_client, f"guess{n}", "wrong-password").status_code == 401
    refused = _sign_in(app_client, _user(session))
    assert refused.status_code == 429
    assert "from your address" in refused.text


def test_open_redirects_are_refused(app_client: TestClient, session: Session) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        r = _sign_in(app_client, _user(session), next=target)
        assert r.headers["location"] == "/"


def test_https_gets_a_host_only_secure_cookie(settings: Settings, session: Session) -> None:
    name = _user(session)
    with TestClient(create_app(settings), base_url="https://testserver",
                    follow_redirects=False) as c:  # fmt: skip
        cookie = _sign_in(c, name).headers["set-cookie"]
        assert cookie.startswith(f"{SECURE_COOKIE}=")
        assert "Secure" in cookie
        assert "Path=/" in cookie
        assert "Domain" not in cookie
        assert c.get("/").status_code == 200


def test_disable_role_change_and_password_reset_end_sessions_and_tokens(
    client: TestClient, settings: Settings, session: Session
) -> None:
    app = create_app(settings)
    for change in ("disable", "role", "password"):
        name = _user(session)
        with TestClient(app, follow_redirects=False) as victim:
            _sign_in(victim, name)
            made = client.post("/admin/tokens", data={"user": name, "name": "script"})
            token = texts(made.text, "code.new-token")[0]
            bearer = {"Authorization": f"Bearer {token}"}
            assert victim.get("/").status_code == 200
            assert victim.get("/api/v1/stories", headers=bearer).status_code == 200
            data = {"role": "admin"} if change == "role" else {}
            assert client.post(f"/admin/users/{name}/{change}", data=data,
                               follow_redirects=False).status_code in (200, 303)  # fmt: skip
            assert victim.get("/").status_code == 303, change
            tokens_work = change != "disable"  # a token takes its user's current role
            assert (victim.get("/api/v1/stories", headers=bearer).status_code == 200) \
                is tokens_work, change  # fmt: skip


def test_a_token_is_random_shown_once_stored_hashed_and_revocable(
    client: TestClient, session: Session
) -> None:
    name = _user(session)
    made = client.post("/admin/tokens", data={"user": name, "name": "CMS export"})
    assert made.headers["cache-control"] == "no-store"
    token = texts(made.text, "code.new-token")[0]
    assert token.startswith("rl_")
    assert len(token) >= 3 + 43  # 256 random bits
    stored = session.scalars(select(ApiToken.token_hash)).all()
    session.rollback()
    assert token not in stored
    assert len(stored[-1]) == 64
    assert token not in client.get("/admin/users").text  # shown once
    bearer = {"Authorization": f"Bearer {token}"}
    with _beside(client) as api:
        assert api.get("/api/v1/stories", headers=bearer).status_code == 200
        assert api.get("/api/v1/batches", headers=bearer).status_code == 403  # an editor's
        token_id = session.scalar(select(ApiToken.id).where(ApiToken.name == "CMS export"))
        session.rollback()
        client.post(f"/admin/tokens/{token_id}/revoke")
        refused = api.get("/api/v1/stories", headers=bearer)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"


def test_cross_site_writes_are_refused(client: TestClient) -> None:
    data = {"text_a": "One text here.", "text_b": "Another text here."}
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Origin": "https://evil.example"}, {"Origin": "null"}):  # fmt: skip
        r = client.post("/new", data=data, headers=headers, follow_redirects=False)
        assert r.status_code == 403, headers
        assert "cross-site" in r.text, headers
        assert r.headers["content-security-policy"]  # refusals get the headers too
    same = client.post("/new", data=data, follow_redirects=False,
                       headers={"Sec-Fetch-Site": "same-origin", "HX-Request": "true",
                                "Origin": "http://testserver"})  # fmt: skip
    assert same.status_code == 303


def test_public_read_opens_browsing_only(settings: Settings, client: TestClient) -> None:
    story = client.post("/api/v1/stories", json={"versions": [{"text": "Public text here."}]})
    sid = story.json()["id"]
    public = settings.model_copy(update={"public_read": True})
    with TestClient(create_app(public), follow_redirects=False) as anon:
        page = anon.get(f"/stories/{sid}")
        assert page.status_code == 200
        assert "Add a version" not in page.text
        assert "Sign in" in page.text
        assert anon.get(f"/api/v1/stories/{sid}").status_code == 200
        for refused in (anon.post(f"/stories/{sid}/rename", data={"title": "x"}),
                        anon.get("/batches"), anon.get("/new")):  # fmt: skip
            assert refused.status_code == 303
            assert refused.headers["location"].startswith("/login")
        assert anon.post("/api/v1/compare", json={"a": "x", "b": "y"}).status_code == 401


def test_admin_pages_manage_users_and_keep_the_last_admin(
    client: TestClient, session: Session
) -> None:
    made = client.post("/admin/users", data={"name": "new-editor", "role": "editor"})
    password = texts(made.text, "code.new-password")[0]
    assert len(password) >= 16
    with _beside(client, follow_redirects=False) as c:
        assert _sign_in(c, "new-editor", password).status_code == 303
    again = client.post("/admin/users", data={"name": "NEW-editor"})
    assert again.status_code == 422
    assert "exists already" in again.text
    bad = client.post("/admin/users", data={"name": "<script>", "role": "editor"})
    assert bad.status_code == 422
    assert "<script>" not in bad.text
    others = (User.role == "admin") & (User.name != "test-admin") & ~User.disabled
    kept = session.scalars(select(User.name).where(others)).all()
    session.execute(update(User).where(User.name.in_(kept)).values(disabled=True))
    session.commit()  # test-admin, who is signed in, is the last admin now
    try:
        for change, data in (("disable", {}), ("role", {"role": "editor"})):
            last = client.post(f"/admin/users/test-admin/{change}", data=data)
            assert last.status_code == 422
            assert "last admin" in last.text
        assert client.get("/admin/users").status_code == 200
    finally:
        session.execute(update(User).where(User.name.in_(kept)).values(disabled=False))
        session.commit()


def _audit(client: TestClient, query: str = "") -> list[list[str]]:
    """The audit page's rows, cell by cell, after the time."""
    rows = select_html(client.get(f"/admin/audit{query}").text, "table.audit tbody tr")
    return [[" ".join(td.text_content().split()) for td in tr.findall("td")][1:] for tr in rows]


def test_audit_log_records_who_did_what_from_where(client: TestClient, session: Session) -> None:
    name, ip = _user(session), "192.0.2.7"
    with _beside(client, client=(ip, 4000)) as browser:
        _sign_in(browser, name, "wrong-password")
        _sign_in(browser, name)
    body = {"title": "Audited", "versions": [{"text": "Audited text."}]}
    sid = client.post("/api/v1/stories", json=body).json()["id"]
    client.post(f"/stories/{sid}/delete")
    rows = _audit(client)
    assert [name, "failed to sign in", name, ip, ""] in rows
    assert [name, "signed in", name, ip, ""] in rows
    assert ["command line", "created user", name, "—", "role editor"] in rows
    deleted = ["test-admin", "deleted story", f"story {sid}: Audited", "testclient", "1 versions"]
    assert rows[0] == deleted
    only = _audit(client, "?action=story.delete")
    assert only[0] == deleted
    assert {r[1] for r in only} == {"deleted story"}


def test_audit_log_shows_hostile_titles_as_text(client: TestClient) -> None:
    title = '<img src=x onerror="alert(1)">'
    body = {"title": title, "versions": [{"text": "A hostile title's text."}]}
    sid = client.post("/api/v1/stories", json=body).json()["id"]
    page = client.get("/admin/audit").text
    assert '<img src=x onerror="alert(1)">' not in page
    assert f"story {sid}: {title}" in texts(page, "table.audit td")
