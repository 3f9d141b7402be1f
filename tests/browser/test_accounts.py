"""Signing in and out in Chromium, and what each role is offered."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("accounts")  # the test users sign in with PASSWORD


def _sign_in(page: Page, name: str) -> None:
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")


def test_sign_in_returns_to_the_page_asked_for_and_sign_out_ends_it(
    browser: Browser, live_server: str, demo_story: int
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/stories/{demo_story}")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fstories%2F\d+$"))
    page.fill("#name", "test-editor")
    page.fill("#password", "not the password")
    page.click("main button[type=submit]")
    expect(page.locator(".errors")).to_have_text("Wrong name or password.")
    _sign_in(page, "test-editor")
    expect(page).to_have_url(f"{live_server}/stories/{demo_story}")
    expect(page.locator(".site .who")).to_contain_text("test-editor")
    # An editor adds versions but is not offered batches, users or deletes.
    expect(page.locator("main", has_text="Add a version")).to_be_visible()
    expect(page.locator(".site nav a", has_text="Batches")).to_have_count(0)
    expect(page.locator("details.confirm")).to_have_count(0)
    page.locator(".site button", has_text="Sign out").click()
    expect(page).to_have_url(re.compile("/login$"))
    page.goto(f"{live_server}/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    context.close()


def test_an_htmx_swap_after_the_session_ended_loads_the_login_page(
    browser: Browser, live_server: str, demo_story: int
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/stories/{demo_story}/compare")
    _sign_in(page, "test-admin")
    expect(page.locator("#rows")).to_be_visible()
    context.clear_cookies()  # as if the session had been ended elsewhere
    page.locator("a", has_text="Inline").first.click()
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fstories%2F\d+%2Fcompare"))
    context.close()


def test_admin_creates_a_user_who_can_sign_in(
    page: Page, live_server: str, browser: Browser
) -> None:
    page.goto(f"{live_server}/admin/users")
    page.fill("#new-name", "browser-made")
    page.click("form[action='/admin/users'] button[type=submit]")
    password = page.locator("code.new-password").inner_text()
    expect(page.locator("tr[data-user=browser-made]")).to_be_visible()
    other = browser.new_context().new_page()
    other.goto(f"{live_server}/login")
    other.fill("#name", "browser-made")
    other.fill("#password", password)
    other.click("main button[type=submit]")
    expect(other.locator(".site .who")).to_contain_text("browser-made")
    other.context.close()
