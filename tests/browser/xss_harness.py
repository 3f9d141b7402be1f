"""A stored-XSS harness for Chromium: the hostile strings of ../shared/testdata, and a probe
that opens a page and reports everything that shows a string was taken for markup or code.

A string is rendered safely when, after the page has loaded:

- nothing ran: ``alert``/``confirm``/``prompt``/``print``/``open`` and string timers
  are hooked before any page script (in every frame), and no dialog opened;
- nothing was fetched or navigated to off the server's origin (``javascript:`` and ``data:``
  included); such requests are aborted, never sent. Nor on it: the page may load its static
  files, and nothing else but what the test itself asked for (an htmx attribute come alive
  would fetch a path of the app);
- no element or attribute appeared that the app's templates do not write: every element's
  signature (tag and attribute names) must occur on a baseline page rendered from harmless
  text, no attribute may be an ``on*`` handler or an ``hx-*`` the baseline lacks, and no URL
  attribute may point off-origin or at a ``javascript:``/``data:``/``vbscript:`` URL;
- the string is shown literally: its non-space characters, in order, inside the page's
  visible text (or inside one diff cell, read as side A without ``<ins>`` or side B without
  ``<del>``).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Dialog, Frame, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = ROOT.parent / "shared" / "testdata"
SAMPLE_SIZE = 320
SAMPLE_SEED = 20261201
FULL_ENV = "REDLINE_TEST_FULL"
LOAD_TIMEOUT_MS = 5_000
SERVED = "/__harness__/"
"""Where pages served from memory live on the origin."""
OWN_PATHS = ("/static/", "/favicon.ico", SERVED)
"""What any page may load from the origin besides itself."""


@dataclass(frozen=True, slots=True)
class Payload:
    """One hostile string and where it comes from (``file#entry``)."""

    where: str
    text: str


def load_payloads(folder: Path = TESTDATA) -> list[Payload]:
    """Every payload of the corpus, in a fixed order: the naughty strings, the XSS intruder
    lines (blank lines left out) and the sanitiser fixtures' inputs. Raises FileNotFoundError
    when the folder is missing."""
    out: list[Payload] = []
    blns = json.loads((folder / "blns" / "blns.json").read_text(encoding="utf-8"))
    out += [Payload(f"blns/blns.json#{n}", s) for n, s in enumerate(blns)]
    lists = sorted((folder / "payloadsallthethings-xss").glob("*.txt"))
    if not lists:
        raise FileNotFoundError(folder / "payloadsallthethings-xss")
    for path in lists:
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
        name = f"payloadsallthethings-xss/{path.name}"
        out += [Payload(f"{name}#{n + 1}", s) for n, s in enumerate(lines) if s.strip()]
    fixtures = json.loads((folder / "dompurify-fixtures" / "expect.json").read_text("utf-8"))
    out += [
        Payload(f"dompurify-fixtures/expect.json#{n}", f["payload"]) for n, f in enumerate(fixtures)
    ]
    return out


def selected_payloads(folder: Path = TESTDATA) -> list[Payload]:
    """All payloads with REDLINE_TEST_FULL=1, else a fixed seeded sample of SAMPLE_SIZE."""
    payloads = load_payloads(folder)
    if os.environ.get(FULL_ENV, "") not in ("", "0"):
        return payloads
    picked = sorted(random.Random(SAMPLE_SEED).sample(range(len(payloads)), SAMPLE_SIZE))
    return [payloads[n] for n in picked]


def squash(text: str) -> str:
    """``text`` without white space: what "shown literally" compares, since HTML collapses
    and re-wraps white space."""
    return "".join(text.split())


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Runs before any page script, in every frame: entry points that only code injected by a
# payload would call are replaced by recorders (not ``eval``: Playwright evaluates through it).
# A hit is recorded in this window and in each ancestor, so a frame a payload opened still
# counts against the page above; ``__xssOwn`` also keeps the element that ran the code (the
# current script, or the target of the event whose handler is running).
INIT_SCRIPT = """
(() => {
  if (Object.prototype.hasOwnProperty.call(window, "__xssHits")) return;
  Object.defineProperty(window, "__xssHits", { value: [] });
  Object.defineProperty(window, "__xssOwn", { value: [] });
  const record = (what) => {
    what = what.slice(0, 200);
    const el = document.currentScript || (window.event && window.event.target) || null;
    window.__xssOwn.push([what, el instanceof Element ? el : null]);
    let w = window;
    for (let depth = 0; depth < 10; depth++) {
      try { if (w.__xssHits) w.__xssHits.push(what); } catch (e) {}
      if (w === w.parent) break;
      w = w.parent;
    }
  };
  const show = (args) => Array.from(args, (a) => { try { return String(a); } catch (e) { return "?"; } }).join(", ");
  for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
    window[name] = function () { record(name + "(" + show(arguments) + ")"); return null; };
  }
  for (const name of ["setTimeout", "setInterval"]) {
    const real = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler === "string") { record(name + "(" + handler + ")"); return 0; }
      return real.call(window, handler, ...rest);
    };
  }
})();
"""

# The checks on one element and the text views of one region, shared by both inspections.
CHECKS_JS = """
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "poster", "background",
  "xlink:href", "srcset", "srcdoc", "codebase", "cite", "longdesc", "lowsrc", "dynsrc", "ping"]);
const signature = (el) => el.tagName + "[" + Array.from(el.attributes, (a) => a.name).sort().join(",") + "]";
function elementFindings(el, base, allowed) {
  const sig = signature(el);
  const where = () => el.outerHTML.slice(0, 160);
  if (!base.has(sig)) return ["element " + sig + ": " + where()];
  const out = [];
  for (const a of el.attributes) {
    const name = a.name.toLowerCase();
    if (name.startsWith("on")) out.push("handler " + name + ": " + where());
    if (!URL_ATTRS.has(name) || allowed.includes(a.value)) continue;
    let url;
    try { url = new URL(a.value.trim(), el.baseURI); } catch (e) { continue; }
    if (["javascript:", "data:", "vbscript:"].includes(url.protocol) ||
        (url.protocol.startsWith("http") && url.origin !== window.location.origin)) {
      out.push("url " + name + "=" + a.value.slice(0, 80) + ": " + where());
    }
  }
  return out;
}
function textViews(root) {
  const texts = [root.innerText || ""];
  for (const field of root.querySelectorAll("input, textarea")) texts.push(field.value || "");
  for (const cell of root.querySelectorAll(".cell")) {
    for (const drop of ["ins", "del"]) {
      const copy = cell.cloneNode(true);
      copy.querySelectorAll(drop).forEach((e) => e.remove());
      texts.push(copy.textContent || "");
    }
  }
  return texts;
}
"""

# (baseline signatures, allowed off-origin hrefs) -> the page's {injected, texts, signatures, hits}
INSPECT_JS = f"""
([baseline, allowed]) => {{
  {CHECKS_JS}
  const base = new Set(baseline);
  const injected = [];
  const signatures = [];
  for (const el of document.querySelectorAll("*")) {{
    signatures.push(signature(el));
    injected.push(...elementFindings(el, base, allowed));
  }}
  const texts = document.body ? textViews(document.body) : [];
  return {{ injected, texts, signatures, hits: Array.from(window.__xssHits || []) }};
}}
"""

# (documents, baseline) -> per document {injected, texts, hits} or null when it took its
# frame off the origin. Each document is written into the one frame in turn (document.open
# keeps the hooked window) and inspected after its load event; between documents the
# payloads' timers are cleared and window handlers reset, so nothing runs on the next one.
EACH_JS = f"""
async ([docs, baseline, blank]) => {{
  {CHECKS_JS}
  const base = new Set(baseline);
  const tick = () => new Promise((done) => {{
    const c = new MessageChannel(); c.port1.onmessage = done; c.port2.postMessage(0);
  }});
  const stage = async () => {{
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-modals allow-forms");
    frame.setAttribute("src", blank);
    const loaded = new Promise((done) => frame.addEventListener("load", done, {{ once: true }}));
    document.body.replaceChildren(frame);
    await loaded;
    const w = frame.contentWindow;
    if (!w.__xssHits) throw new Error("the hooks are not installed");
    // The first document written into a freshly loaded frame fires no load event: spend it.
    w.document.open();
    const first = new Promise((done) => {{ w.addEventListener("load", done, {{ once: true }}); setTimeout(done, 50); }});
    w.document.write("<!doctype html>");
    w.document.close();
    await first;
    return frame;
  }};
  let frame = await stage();
  const out = [];
  for (const html of docs) {{
    let w, d;
    try {{ w = frame.contentWindow; d = w.document; d.body; }}
    catch (e) {{ out[out.length - 1] = null; frame = await stage(); w = frame.contentWindow; d = w.document; }}
    const last = w.setTimeout(() => {{}}, 0);
    for (let id = 0; id <= last; id++) {{ w.clearTimeout(id); w.clearInterval(id); }}
    w.onload = w.onerror = w.onhashchange = w.onmessage = null;
    w.__xssHits.length = 0;
    w.__xssOwn.length = 0;
    d.open();  // drops the window's listeners: the load listener comes after it
    const loaded = new Promise((done) => {{ w.addEventListener("load", done, {{ once: true }}); setTimeout(done, 2000); }});
    d.write(html); d.close();
    await loaded;
    await tick();
    try {{
      const injected = [];
      for (const el of d.querySelectorAll("*")) injected.push(...elementFindings(el, base, []));
      out.push({{ injected, texts: d.body ? textViews(d.body) : [], hits: Array.from(w.__xssHits) }});
    }} catch (e) {{ out.push(null); frame = await stage(); }}
  }}
  return out;
}}
"""

SETTLE_JS = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"


@dataclass(slots=True)
class Findings:
    """What one rendering gave away; empty when the strings stayed inert text."""

    executed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    injected: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def kinds(self) -> list[str]:
        return [k for k in ("executed", "requests", "injected", "missing") if getattr(self, k)]

    def __bool__(self) -> bool:
        return bool(self.kinds())

    def report(self, limit: int = 8) -> str:
        lines = []
        for kind in self.kinds():
            items: list[str] = getattr(self, kind)
            lines += [f"{kind} ({len(items)}):", *(f"  {i!r}"[:300] for i in items[:limit])]
        return "\n".join(lines)


def missing_literals(texts: Iterable[str], literals: Iterable[str]) -> list[str]:
    """The literals whose non-space characters are not a run inside any of ``texts``."""
    haystack = "\x00".join(squash(t) for t in texts)
    return [lit for lit in literals if squash(lit) and squash(lit) not in haystack]


class Probe:
    """One browser context on the server's ``origin``: hooks installed, dialogs and off-origin
    requests recorded (and aborted), pages served from memory at origin URLs on request."""

    def __init__(self, context: BrowserContext, origin: str) -> None:
        self.origin = origin
        self.context = context
        self.context.add_init_script(INIT_SCRIPT)
        # Patterns, not Python predicates: the driver matches them, so same-origin requests
        # are never stopped on their way to the server.
        off_origin = re.compile("^(?!" + re.escape(origin + "/") + ")")
        self.context.route(off_origin, lambda route: route.abort("blockedbyclient"))
        self.served: dict[str, str] = {}
        self.context.route(origin + SERVED + "**", self._serve)
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.expected: list[str] = []
        self.page: Page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("framenavigated", self._navigated)

    def _off_origin(self, url: str) -> bool:
        return not url.startswith(self.origin + "/")

    def _serve(self, route: Route) -> None:
        body = self.served.get(route.request.url.split("#")[0])
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"dialog {dialog.type}: {dialog.message[:100]}")
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        if self._off_origin(request.url):
            self.requests.append(f"request {request.url[:120]}")
        elif not request.url.startswith(tuple(self.expected)):
            self.requests.append(f"same-origin {request.method} {request.url[:120]}")

    def expect(self, prefix: str) -> None:
        """Take requests to URLs starting with ``prefix`` as the test's own, until the next
        :meth:`open`."""
        self.expected.append(prefix)

    def _navigated(self, frame: Frame) -> None:
        url = frame.url
        if self._off_origin(url) and url not in ("about:blank", "about:srcdoc"):
            self.requests.append(f"navigation {url[:120]}")

    def serve(self, name: str, html: str) -> str:
        """Make ``html`` the answer at an origin URL (that never reaches the server)."""
        url = self.origin + SERVED + name
        self.served[url] = html
        return url

    def open(self, url: str) -> None:
        """Open ``url`` and wait for its load event (bounded: a payload may keep a frame
        loading for ever) and one more frame and task, so load-time handlers have run."""
        self.dialogs.clear()
        self.requests.clear()
        self.expected = [url, *(self.origin + path for path in OWN_PATHS)]
        self.page.goto(url, wait_until="domcontentloaded")
        with contextlib.suppress(PlaywrightTimeoutError):
            self.page.wait_for_load_state("load", timeout=LOAD_TIMEOUT_MS)
        self.page.evaluate(SETTLE_JS)

    def inspect(
        self, baseline: set[str], literals: Iterable[str], allowed: Iterable[str] = ()
    ) -> Findings:
        """Findings of the page just opened, against ``baseline`` element signatures."""
        got = self.page.evaluate(INSPECT_JS, [sorted(baseline), list(allowed)])
        return Findings(
            executed=[*got["hits"], *self.dialogs],
            requests=list(self.requests),
            injected=got["injected"],
            missing=missing_literals(got["texts"], literals),
        )

    def signatures(self) -> set[str]:
        """Element signatures of the page just opened: a baseline when its text is harmless."""
        return set(self.page.evaluate(INSPECT_JS, [[], []])["signatures"])

    def render_each(
        self, docs: list[str], baseline: set[str], literals: list[list[str]]
    ) -> tuple[list[Findings], Findings]:
        """Render each of ``docs`` as its own document in a sandboxed frame of the page just
        opened, and inspect it; ``literals[n]`` is what document n must show. Besides the
        findings per document, what no one document owns: dialogs, off-origin requests and
        navigations (aborted before they reach the network)."""
        blank = self.serve("blank.html", "<!doctype html><title>blank</title>")
        got = self.page.evaluate(EACH_JS, [docs, sorted(baseline), blank])
        per = [
            Findings(requests=["the document took its frame off the origin"])
            if one is None
            else Findings(
                executed=one["hits"],
                injected=one["injected"],
                missing=missing_literals(one["texts"], lits),
            )
            for one, lits in zip(got, literals, strict=True)
        ]
        return per, Findings(executed=list(self.dialogs), requests=list(self.requests))

    def close(self) -> None:
        self.context.close()
