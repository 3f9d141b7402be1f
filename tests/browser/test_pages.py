"""The product in a real browser: the seed pair uploaded through the form, keyboard and htmx
navigation, and the demo story's pages at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import signed_in

pytestmark = pytest.mark.browser


def idle(page: Page) -> None:
    expect(page.locator("#main")).to_have_attribute("data-state", "idle")


def test_seed_pair_uploaded_through_the_form(page: Page, live_server: str, seeds_dir: Path) -> None:
    (a,), (b,) = seeds_dir.glob("000_*.txt"), seeds_dir.glob("003_*.txt")
    page.goto(live_server + "/new")
    page.fill("#title", "Seed pair in the browser")
    page.set_input_files("#file_a", str(a))
    page.set_input_files("#file_b", str(b))
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/stories/\d+/compare\?"))

    detained = page.locator("#rows .row[data-kind=added]", has_text="wrongfully detained")
    expect(detained.first).to_be_visible()
    expect(detained.first.locator(".label")).to_have_text("Added")
    block = page.locator("#rows .row.block-start[data-kind=added]", has_text="wrongfully detained")
    expect(block.locator(".tag")).to_contain_text("3 sentences")  # the block starts with it
    reworded = page.locator("#rows .row[data-kind=reworded]").first
    expect(reworded.locator(".cell.a del").first).to_be_visible()
    expect(reworded.locator(".cell.b ins").first).to_be_visible()
    expect(page.locator(".row[data-kind=moved] .moved-link")).to_have_count(1)

    # j / k move between changes.
    page.keyboard.press("j")
    first = page.locator("#rows .row.current")
    expect(first).to_have_count(1)
    first_id = first.get_attribute("id")
    page.keyboard.press("j")
    expect(page.locator("#rows .row.current")).not_to_have_id(first_id or "")
    page.keyboard.press("k")
    expect(page.locator("#rows .row.current")).to_have_id(first_id or "")

    # "Changes only" swaps in place with the URL updated; Back restores the side-by-side view.
    page.click("nav.tabs >> text=Changes only")
    expect(page).to_have_url(re.compile("mode=changes"))
    idle(page)
    expect(page.locator("#rows .row[data-kind=equal]")).to_have_count(0)
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text("Changes only")
    page.go_back()
    expect(page).to_have_url(re.compile("mode=side"))
    expect(page.locator("nav.tabs [aria-current=page]")).to_have_text("Side by side")


def test_options_switch_in_place(page: Page, live_server: str, demo_story: int) -> None:
    page.goto(f"{live_server}/stories/{demo_story}/compare")
    page.check("input[name=ignore_case]")
    expect(page).to_have_url(re.compile("ignore_case=1"))
    idle(page)
    expect(page.locator("input[name=ignore_case]")).to_be_checked()
    page.select_option("select[name=granularity]", "char")
    expect(page).to_have_url(re.compile("granularity=char"))
    page.reload()
    expect(page.locator("select[name=granularity]")).to_have_value("char")


@pytest.mark.parametrize("width", [1280, 390])
def test_demo_pages_without_errors_or_overflow(
    browser: Browser, live_server: str, demo_story: int, width: int, accounts: dict[str, str]
) -> None:
    context = signed_in(browser, live_server, accounts["admin"], width)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("/", f"/stories/{demo_story}", f"/stories/{demo_story}/compare",
                 f"/stories/{demo_story}/compare?mode=inline", "/new", "/api"):  # fmt: skip
        page.goto(live_server + path)
        expect(page.locator("main")).to_be_visible()
        if width <= 400:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} overflows by {overflow}px at {width}px"
    assert errors == []
    context.close()


def test_unchanged_run_expands_in_place(page: Page, live_server: str, demo_story: int) -> None:
    page.goto(f"{live_server}/stories/{demo_story}/compare")
    url = page.url
    expand = page.locator(".fold[data-fold=equal] a.expand").first
    hidden = int(re.findall(r"\d+", expand.inner_text())[0])
    equal = page.locator("#rows .row[data-kind=equal]")
    before = equal.count()
    expand.click()
    expect(equal).to_have_count(before + hidden)
    idle(page)
    assert page.url == url  # expanding is not a new state to go back to


def test_print_shows_folded_rows_without_controls(
    page: Page, live_server: str, demo_story: int
) -> None:
    page.goto(f"{live_server}/stories/{demo_story}/compare")
    chrome_row = page.locator(".fold.k-boilerplate .row").first
    expect(chrome_row).to_be_hidden()
    page.emulate_media(media="print")
    expect(chrome_row).to_be_visible()
    expect(page.locator(".controls")).to_be_hidden()
