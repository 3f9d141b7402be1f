"""Article extraction figures: Redline's extractor (trafilatura, called through
``app.ingest.extract_upload`` exactly as an upload is) against goose3, readability-lxml and
jusText, on generated news pages whose body, title, author and date are known
(``benchmarks.pages``). Tables are kept: without them trafilatura finds no text in a page laid
out as a table (a quarter of these). A last row keeps every word of the page, for scale.

Body recall and precision are word-multiset overlaps with the known body, averaged over pages;
"clean" counts pages with both at 0.95 or more. A title matches when it equals the headline
up to case, punctuation and spacing; an author is found when the extracted one holds the name;
a date when the extracted one holds the ISO date. "–" marks what an extractor does not report.
`python -m benchmarks extract [PAGES]` (100 by default).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import justext
from goose3 import Goose
from lxml import etree
from lxml import html as lxml_html
from readability import Document

from app.ingest import IngestError, extract_upload
from benchmarks.pages import Page, news_pages
from benchmarks.table import print_table

CLEAN = 0.95
"""Recall and precision both at least this, in [0, 1], make a page clean."""
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Found:
    """What one extractor returned for a page; ``None`` where it does not report a field."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


def word_overlap(truth: str, got: str) -> tuple[float, float]:
    """(recall, precision) of the words of ``got`` against those of ``truth``, as multisets.

    >>> word_overlap("the cat saw the dog", "The cat. Share on X")
    (0.4, 0.4)
    """
    want, have = Counter(_words(truth)), Counter(_words(got))
    common = sum((want & have).values())
    return common / max(sum(want.values()), 1), common / max(sum(have.values()), 1)


def same_title(truth: str, got: str | None) -> bool:
    """Whether ``got`` is the headline, up to case, punctuation and spacing.

    >>> same_title("Judge rules", "Judge rules."), same_title("Judge rules", "Judge rules | B")
    (True, False)
    """
    return got is not None and _words(truth) == _words(got)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def redline(html: str) -> Found:
    try:
        doc = extract_upload("page.html", "text/html", html.encode())
    except IngestError:
        return Found("", "", "", "")
    return Found(doc.text, doc.title or "", doc.byline or "", doc.published_at or "")


@cache
def _goose() -> Goose:
    return Goose({"enable_image_fetching": False})


def goose(html: str) -> Found:
    article = _goose().extract(raw_html=html)
    return Found(
        article.cleaned_text or "",
        article.title or "",
        ", ".join(article.authors),
        str(article.publish_date or ""),
    )


def readability(html: str) -> Found:
    doc = Document(html)
    return Found(_text(lxml_html.fromstring(doc.summary(html_partial=True))), doc.short_title())


@cache
def _stoplist() -> frozenset[str]:
    return frozenset(justext.get_stoplist("English"))


def jus_text(html: str) -> Found:
    paragraphs = justext.justext(html, _stoplist())
    return Found("\n\n".join(p.text for p in paragraphs if not p.is_boilerplate))


def page_text(html: str) -> Found:
    return Found(_text(lxml_html.fromstring(html).find("body")))


def _text(element: etree._Element | None) -> str:
    """Every text node under ``element``, spaced, so adjacent cells' words stay apart."""
    return "" if element is None else " ".join(map(str, element.itertext()))


EXTRACTORS: dict[str, Callable[[str], Found]] = {
    "trafilatura (Redline)": redline,
    "goose3": goose,
    "readability-lxml": readability,
    "jusText": jus_text,
    "whole page text": page_text,
}


def score(name: str, extract: Callable[[str], Found], pages: list[Page]) -> list[object]:
    extract(pages[0].html)  # first-call set-up (imports, caches) is not a page's cost
    found, seconds = [], []
    for page in pages:
        started = time.perf_counter()
        found.append(extract(page.html))
        seconds.append(time.perf_counter() - started)
    overlaps = [word_overlap(p.body, f.text) for p, f in zip(pages, found, strict=True)]
    pairs = list(zip(pages, found, strict=True))
    return [
        name,
        statistics.fmean(r for r, _ in overlaps),
        statistics.fmean(p for _, p in overlaps),
        f"{sum(r >= CLEAN and p >= CLEAN for r, p in overlaps)}/{len(pages)}",
        _share([same_title(p.title, f.title) for p, f in pairs], found[0].title),
        _share(
            [p.author.casefold() in (f.author or "").casefold() for p, f in pairs], found[0].author
        ),
        _share([p.published in (f.date or "") for p, f in pairs], found[0].date),
        f"{statistics.median(seconds) * 1000:.1f}",
        f"{statistics.quantiles(seconds, n=20)[-1] * 1000:.1f}",
    ]


def _holds(got: str | None, want: str) -> bool:
    return want.casefold() in (got or "").casefold()


def _share(hits: list[bool], reported: str | None) -> str:
    return "–" if reported is None else f"{sum(hits)}/{len(hits)}"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    pages = news_pages(int(argv[0]) if argv else 100)
    rows = [score(name, extract, pages) for name, extract in EXTRACTORS.items()]
    print_table(
        f"Article extraction: {len(pages)} generated news pages (4 layouts, "
        f"{sum(p.split for p in pages)} with the body split by adverts)",
        [
            "extractor",
            "recall",
            "precision",
            "clean",
            "title",
            "author",
            "date",
            "ms p50",
            "ms p95",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
