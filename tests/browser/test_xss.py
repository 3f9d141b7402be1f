"""Stored XSS in a real browser: hostile strings from ../shared/testdata stored as story titles,
version labels, sources, bylines, URLs, file names and article text (edited between the two
versions, so the inline <ins>/<del> markup carries them too), then the story page, the
comparison side by side and inline, and the standalone report opened in Chromium. Version B's
URL is stored raw (as if from before the input check), and htmx attributes are always among
the strings: none may come alive and fetch anything. The batch pages: test_xss_batches.

CI runs a fixed seeded sample of the payloads; REDLINE_TEST_FULL=1 runs all of them. The
harness proves it can fail by rendering every payload through a deliberately unsafe template
(autoescape off, test-only) and counting what it flags.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import jinja2
import pytest
from playwright.sync_api import Browser, FilePayload, expect
from sqlalchemy import update

from app.ingest.items import storable
from app.services import NewVersion, create_story, get_story
from app.services.views import VersionInfo
from app.store import make_engine, make_sessionmaker
from app.store.models import Version
from app.text import segment
from app.web.links import link_href
from tests.browser.conftest import signed_in
from tests.browser.xss_harness import (
    FULL_ENV,
    TESTDATA,
    Findings,
    Payload,
    Probe,
    chunks,
    load_payloads,
    missing_literals,
    selected_payloads,
)

pytestmark = pytest.mark.browser

PER_STORY = 16
"""Payloads per stored story: every one in the text, most also in one metadata field."""
VIEWS = ("home", "story", "form", "side", "inline", "swap", "report")
"""``swap``: the side-by-side page switched to inline by htmx, which swaps the fragment in."""
URL_PREFIX = "https://example.test/article?q="
HARMLESS = [
    f"Paragraph {n} says the council met on Monday and voted {n} to 2." for n in range(PER_STORY)
]
HARMLESS_FORM = {"text": HARMLESS[0], "label": "Late edition", "source": "Wire", "url": "ftp://x"}


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as stored (metadata read back, so cleaning and truncation are accounted for)."""

    id: int
    title: str
    versions: tuple[VersionInfo, VersionInfo]
    texts: tuple[str, str]
    payloads: tuple[Payload, ...]

    def url(self, view: str) -> str:
        if view == "home":  # the list found by searching the title within the first source
            va = self.versions[0]
            return "/?" + urlencode({"q": self.title, "source": va.source or ""})
        return view_path(self.id, view, (self.versions[0].id, self.versions[1].id))

    def form(self) -> dict[str, str]:
        """A new version refused for its URL: the page echoes every field back."""
        texts = [p.text for p in self.payloads] or HARMLESS
        return {"text": self.texts[0], "label": texts[6 % len(texts)],
                "source": texts[7 % len(texts)], "url": "javascript:" + texts[8 % len(texts)]}  # fmt: skip

    def literals(self, view: str) -> list[str]:
        """What ``view`` must show verbatim: its metadata fields and every sentence."""
        va, vb = self.versions
        if view == "form":
            return list(self.form().values())
        if view == "home":
            return [f for f in (self.title, va.source, vb.source) if f]
        fields: list[str | None] = [va.label, vb.label]
        if view != "report":
            fields.append(self.title)
        if view in ("story", "side"):
            fields += [va.source, vb.source]
        if view == "story":
            fields += [va.byline, vb.byline, va.url, vb.url]
            return [f for f in fields if f]
        sentences = [s.text for t in self.texts for s in segment(t).sentences]
        return [*(f for f in fields if f), *sentences]

    def hrefs(self) -> list[str]:
        """The off-origin links the story page is meant to carry: the versions' source URLs
        that are http(s) addresses (the others are shown as text)."""
        return [href for v in self.versions if (href := link_href(v.url))]


def view_path(story_id: int, view: str, pair: tuple[int, int] | None = None) -> str:
    """The path of one view of a story (comparing ``pair``, else the default versions), every
    row rendered: no fold left for a click to load."""
    versions = {"a": pair[0], "b": pair[1]} if pair else {}
    if view == "home":
        return "/"
    if view == "story":
        return f"/stories/{story_id}"
    if view == "form":
        return f"/stories/{story_id}/versions"
    if view == "report":
        return f"/stories/{story_id}/compare.html?{urlencode(versions)}"
    mode = "side" if view == "swap" else view
    return f"/stories/{story_id}/compare?{urlencode({**versions, 'mode': mode, 'expand': 1})}"


def versions_of(texts: list[str]) -> tuple[str, str]:
    """Version A holds ``texts`` one per paragraph; version B edits them in five ways in turn
    (kept, reworded around, removed, kept with an added paragraph, changed inside)."""
    a, b = ["Hostile strings, first version."], ["Hostile strings, second version."]
    for n, text in enumerate(texts):
        a.append(text)
        mid = len(text) // 2
        b += [
            [text],
            [f"Update: {text} (corrected)"],
            [],
            [text, f"Also added later: {text}"],
            [text[:mid] + " redline " + text[mid:]],
        ][n % 5]
    return "\n\n".join(a), "\n\n".join(b)


def store(database_url: str, texts: list[str], payloads: tuple[Payload, ...] = ()) -> StoredStory:
    """Store one story whose title and metadata fields are ``texts`` in turn."""

    def pick(k: int, limit: int) -> str:
        return texts[k % len(texts)][:limit]

    text_a, text_b = versions_of(texts)
    new = [
        NewVersion(
            text=body,
            label=pick(1 + 5 * side, 200),
            source=pick(2 + 5 * side, 200),
            byline=pick(3 + 5 * side, 300),
            url=URL_PREFIX + pick(4 + 5 * side, 1900),
            filename=pick(5 + 5 * side, 300),
            content_type="text/plain",
        )
        for side, body in enumerate((text_a, text_b))
    ]
    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session:
            ref = create_story(session, pick(0, 500), new, max_chars=5_000_000)
            # B's URL is the raw string, as if stored before the input check refused such URLs.
            session.execute(
                update(Version)
                .where(Version.id == ref.version_ids[1])
                .values(url=storable(pick(9, 1900)))
            )
            session.commit()
            story = get_story(session, ref.id, with_comparisons=False)
    finally:
        engine.dispose()
    va, vb = story.versions
    return StoredStory(story.id, story.title, (va, vb), (text_a, text_b), payloads)


@pytest.mark.usefixtures("payloads")  # skips when the corpus is absent
def test_the_sample_is_fixed_and_the_full_run_takes_every_payload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(FULL_ENV, raising=False)
    sample = selected_payloads()
    assert len(sample) >= 300
    assert sample == selected_payloads()  # seeded: every CI run tests the same strings
    monkeypatch.setenv(FULL_ENV, "1")
    assert len(selected_payloads()) == len(load_payloads()) == 2645


def test_shown_literally_means_every_non_space_character_in_one_run() -> None:
    texts = ["A <b>\n  bold</b> claim", "other"]
    assert missing_literals(texts, ["<b> bold</b>", "A<b>bold", "other"]) == []
    assert missing_literals(texts, ["&lt;b&gt;", "bold claim other"]) == [
        "&lt;b&gt;",
        "bold claim other",
    ]


# htmx attributes that would fetch a path of the app at once if they came alive: the probe
# flags any same-origin request the page was not meant to make.
HTMX_PAYLOADS = [
    Payload("htmx#0", '<button hx-get="/hx/button" hx-trigger="load">x</button>'),
    Payload("htmx#1", '<div data-hx-get="/hx/data" data-hx-trigger="load">x</div>'),
    Payload("htmx#2", '<img src="/hx/img.png" hx-get="/hx/img" hx-trigger="load">'),
    Payload("htmx#3", '<form hx-post="/hx/form" hx-trigger="load"></form>'),
    Payload("htmx#4", '<div hx-get="/hx/every" hx-trigger="every 50ms" hx-swap="outerHTML">'),
    Payload("htmx#5", '"><span hx-get="/hx/attr" hx-trigger="load">'),
    Payload("htmx#6", "' hx-get='/hx/quote' hx-trigger='load' x='"),
    Payload("htmx#7", "<div hx-on::load=\"alert(1)\" hx-vals='js:{a: alert(2)}'>x</div>"),
]


@pytest.fixture(scope="module")
def payloads() -> list[Payload]:
    try:
        return [*HTMX_PAYLOADS, *selected_payloads()]
    except FileNotFoundError:
        pytest.skip(f"XSS payload corpus not found at {TESTDATA}")


@pytest.fixture(scope="module")
def hostile_stories(database_url: str, payloads: list[Payload]) -> list[StoredStory]:
    return [
        store(database_url, [p.text for p in group], tuple(group))
        for group in chunks(payloads, PER_STORY)
    ]


@pytest.fixture(scope="module")
def harmless_story(database_url: str) -> StoredStory:
    return store(database_url, HARMLESS)


@pytest.fixture
def probe(browser: Browser, live_server: str, accounts: dict[str, str]) -> Iterator[Probe]:
    p = Probe(signed_in(browser, live_server, accounts["admin"]), live_server)
    yield p
    p.close()


def open_view(probe: Probe, view: str, path: str, form: dict[str, str] | None = None) -> None:
    """Open one view. The report is a download and the refused form a POST answer, so both
    are fetched and then shown at an origin URL."""
    if view == "report":
        response = probe.context.request.get(probe.origin + path)
        assert response.ok, response.status
        assert "attachment" in response.headers.get("content-disposition", "")
    elif view == "form":
        fields: dict[str, str | float | bool | bytes | FilePayload] = {**(form or {})}
        response = probe.context.request.post(probe.origin + path, multipart=fields)
        assert response.status == 422, response.status
    else:
        probe.open(probe.origin + path)
        if view == "swap":
            probe.expect(probe.origin + path.split("?")[0] + "?")  # the swap's own request
            probe.page.click("nav.tabs >> text=Inline")
            expect(probe.page).to_have_url(re.compile("mode=inline"))
            expect(probe.page.locator("#main")).to_have_attribute("data-state", "idle")
            expect(probe.page.locator("#comparison.mode-inline")).to_have_count(1)
        return
    probe.open(probe.serve(f"{view}.html", response.text()))


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_strings_stay_inert_text(
    probe: Probe,
    view: str,
    demo_story: int,
    harmless_story: StoredStory,
    hostile_stories: list[StoredStory],
) -> None:
    # The app's own markup: every element shape its templates write for harmless text.
    baseline: set[str] = set()
    for path, form in ((harmless_story.url(view), harmless_story.form()),
                       (view_path(demo_story, view), HARMLESS_FORM)):  # fmt: skip
        open_view(probe, view, path, form)
        baseline |= probe.signatures()
    open_view(probe, view, harmless_story.url(view), harmless_story.form())
    clean = probe.inspect(baseline, harmless_story.literals(view), harmless_story.hrefs())
    assert not clean, f"the harmless story is flagged:\n{clean.report()}"

    failures = []
    for story in hostile_stories:
        open_view(probe, view, story.url(view), story.form())
        found = probe.inspect(baseline, story.literals(view), story.hrefs())
        if found:
            names = ", ".join(p.where for p in story.payloads)
            failures.append(f"{story.url(view)} ({names}):\n{found.report()}")
    assert not failures, f"{len(failures)} of {len(hostile_stories)} pages:\n" + "\n".join(
        failures[:5]
    )


# A deliberately unsafe rendering, never part of the app: the places a payload takes on the
# story and comparison pages, with autoescaping off.
UNSAFE = jinja2.Environment(autoescape=False).from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ text }}</title></head>
<body><main id="main" data-state="idle">
<h1 class="compare-title">{{ text }}</h1>
<p class="version"><strong>{{ text }}</strong> <a class="url" href="{{ text }}">source</a></p>
<div class="row k-reworded" data-kind="reworded"><div class="tag"><span class="label">Reworded</span></div>
<div class="cell a"><del>{{ text }}</del></div><div class="cell b"><ins>{{ text }}</ins></div></div>
</main></body></html>"""
)
DOCS_PER_CALL = 200


def test_harness_flags_an_unsafe_template(
    probe: Probe, record_property: Callable[[str, object], None]
) -> None:
    try:
        everything = load_payloads()
    except FileNotFoundError:
        pytest.skip(f"XSS payload corpus not found at {TESTDATA}")
    probe.open(probe.serve("unsafe-harmless.html", UNSAFE.render(text=HARMLESS[0])))
    baseline = probe.signatures()
    probe.open(probe.serve("stage.html", "<!doctype html><body></body>"))
    texts = [HARMLESS[0], *(p.text for p in everything)]
    per: list[Findings] = []
    requests = 0
    for group in chunks(texts, DOCS_PER_CALL):
        docs = [UNSAFE.render(text=t) for t in group]
        found, loose = probe.render_each(docs, baseline, [[t] for t in group])
        per += found
        requests += len(loose.requests)
    harmless, per = per[0], per[1:]

    assert not harmless, harmless.report()
    flagged = [p for p, f in zip(everything, per, strict=True) if f]
    by_kind = Counter(k for f in per for k in f.kinds())
    summary = (
        f"{len(flagged)} of {len(everything)} payloads flagged, by check {dict(by_kind)}; "
        f"off-origin requests aborted: {requests}"
    )
    record_property("unsafe_template", summary)
    assert len(flagged) >= 1000, summary
    assert {"executed", "injected", "missing"} <= set(by_kind)  # each check can fail
