"""/docs in a real browser: Swagger UI, served by the app itself under its strict CSP, lists
every /api/v1 operation and sends "Try it out" requests, with no policy violation, no console
error and no request off the origin."""

from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


def api_operations(origin: str) -> set[str]:
    with urllib.request.urlopen(origin + "/openapi.json") as answer:
        paths = json.load(answer)["paths"]
    return {f"{method.upper()} {path}" for path, item in paths.items() for method in item}


def test_docs_render_every_operation_from_this_origin(page: Page, live_server: str) -> None:
    errors: list[str] = []
    off_origin: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def record(request: Request) -> None:
        if not request.url.startswith(live_server + "/") and not request.url.startswith("data:"):
            off_origin.append(request.url)

    page.on("request", record)
    page.add_init_script(WATCH_CSP)

    page.goto(live_server + "/docs")
    expect(page.locator("#swagger-ui")).to_have_attribute("data-state", "ready")
    summaries = page.locator(".opblock-summary")
    expected = api_operations(live_server)
    assert len(expected) >= 9  # the pages are no part of the schema: only /api/v1 is
    assert all(op.split()[1].startswith("/api/v1/") for op in expected)
    expect(summaries).to_have_count(len(expected))
    shown = {
        f"{s.locator('.opblock-summary-method').inner_text()} "
        f"{s.locator('.opblock-summary-path').get_attribute('data-path')}"
        for s in summaries.all()
    }
    assert shown == expected

    # Try it out: the compare operation's example body goes to this server and its answer shows.
    compare = page.locator(".opblock-post", has=page.locator("[data-path='/api/v1/compare']"))
    compare.locator(".opblock-summary").click()
    compare.locator("button.try-out__btn").click()
    with page.expect_response(lambda r: r.url == live_server + "/api/v1/compare") as answer:
        compare.locator("button.execute").click()
    expect(compare.locator(".live-responses-table .response-col_status").last).to_have_text(
        str(answer.value.status)
    )

    assert page.evaluate("window.cspViolations") == []
    assert errors == []
    assert off_origin == []
