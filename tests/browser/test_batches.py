"""A batch uploaded in a real browser: the page answers at once and its progress region polls
itself (htmx) while the server's embedded worker imports the articles, until it says done."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.integration.batch_helpers import new_story

pytestmark = pytest.mark.browser


def test_batch_upload_shows_live_progress_until_done(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    one, two = new_story(), new_story()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("wire/one.txt", one.text)
        z.writestr("wire/two.txt", two.text)
        z.writestr("reprints/one-short.txt", one.trimmed(4))
        z.writestr("feeds/more.jsonl", "\n".join(json.dumps({"text": t, "title": "Two, padded"})
                                                 for t in [two.padded(one)]) + "\n{oops")  # fmt: skip
        z.writestr("misc/photo.exe", b"MZ\x90\x00")
    archive = tmp_path / "newsroom.zip"
    archive.write_bytes(buffer.getvalue())

    page.goto(live_server + "/batches")
    page.set_input_files("#file", str(archive))
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/batches/\d+$"))  # answered at once, before the import
    region = page.locator("#batch-progress")
    expect(region).to_have_attribute("data-status", "done", timeout=60_000)  # swapped by polling
    expect(page.locator("progress")).to_have_attribute("value", "100")
    counts = " ".join(page.locator(".counts").inner_text().split())
    assert counts.startswith(
        "4 stored 2 new stories 2 added to an existing story 0 duplicates 2 failed"
    )
    failed = page.locator("tr[data-state=failed]")
    expect(failed).to_have_count(2)
    expect(failed.filter(has_text="photo.exe")).to_contain_text("unsupported")
    expect(failed.filter(has_text="more.jsonl")).to_contain_text("JSON")
    page.locator(".touched a").first.click()
    expect(page.locator("td.grouping").nth(1)).to_contain_text("near-duplicate")
