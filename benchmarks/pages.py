"""News pages with a known article inside, for the extraction benchmark.

Each page wraps one article of the fictional corpus (``benchmarks.articles``) in the chrome real
news sites carry: head metadata, cookie banner, menu, breadcrumbs, share buttons, tags, a related
list with teasers, most-read sidebar, newsletter box, comments and footer. Teasers and comments
are sentences of *other* corpus articles, so chrome reads like prose, as it does on real pages.
Four layouts (``<article>``, class-named div soup, ``<main>``, a table layout) and three ways of
stating author and date (meta tags, JSON-LD, visible byline only) rotate; every fifth page has
its body split by adverts and "Read more" boxes. Everything is seeded.

>>> pages = news_pages(8)
>>> len(pages) == 8 and pages == news_pages(8)
True
>>> sorted({p.layout for p in pages})
['article', 'divs', 'main', 'table']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from random import Random

from benchmarks.articles import GIVEN, SURNAME_HEADS, SURNAME_TAILS, grouping_corpus

LAYOUTS = ("article", "divs", "main", "table")
META = ("tags", "jsonld", "visible")
"""Where a page states author and date: meta tags in <head>, JSON-LD, or only the byline."""
SPLIT_EVERY = 5
"""Every fifth page has adverts and "Read more" boxes between its paragraphs."""
MENU = "Home Local Politics Business Sport Weather Opinion Culture Podcasts".split()
SECTIONS = {
    "budget": "Politics", "election": "Politics", "court": "Local", "factory": "Business",
    "strike": "Business", "hospital": "Health", "science": "Science", "sports": "Sport",
    "wildfire": "Environment",
}  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class Page:
    """One page and its ground truth: the body as paragraphs, the headline, author, ISO date."""

    html: str
    body: str
    title: str
    author: str
    published: str
    layout: str
    meta: str
    split: bool


def news_pages(n: int = 100, seed: int = 11) -> list[Page]:
    """``n`` pages around the corpus's clean articles (its scraped copies already hold chrome)."""
    articles = [a for a in grouping_corpus() if a.kind != "scraped"]
    rng = Random(seed)
    pages = []
    for k, article in enumerate(articles[:n]):
        paragraphs = article.text.split("\n\n")
        footer_line = ""
        if article.kind == "brief":  # the wire's closing lines belong to the footer, not the body
            footer_line = paragraphs.pop()
        others = rng.sample([a for a in articles if a is not article], 9)
        pages.append(
            _page(
                rng,
                paragraphs,
                article.title,
                article.source,
                article.topic,
                [(a.title, _SENTENCE.split(a.text)[0]) for a in others],
                LAYOUTS[k % len(LAYOUTS)],
                META[k // len(LAYOUTS) % len(META)],
                k % SPLIT_EVERY == SPLIT_EVERY - 1,
                footer_line,
            )
        )
    return pages


def _page(
    rng: Random,
    paragraphs: list[str],
    title: str,
    outlet: str,
    topic: str,
    others: list[tuple[str, str]],
    layout: str,
    meta: str,
    split: bool,
    footer_line: str,
) -> Page:
    author = f"{rng.choice(GIVEN)} {rng.choice(SURNAME_HEADS)}{rng.choice(SURNAME_TAILS)}"
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(1_000))
    stamp = f"{day.isoformat()}T{rng.randrange(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}:00Z"
    section = SECTIONS.get(topic, "Local")
    blocks = [f"<p>{escape(p)}</p>" for p in paragraphs]
    if split:
        blocks = _split(rng, blocks, others[:3])
    ctx = _Chrome(rng, outlet, section, others, title)
    byline = (
        f'<p class="byline">By <a href="/authors/{_slug(author)}" rel="author">{escape(author)}'
        f'</a> · <time datetime="{stamp}">{day:%B} {day.day}, {day.year}</time></p>'
        if meta != "visible"
        else f'<p class="byline">By {escape(author)}, {escape(outlet)} · '
        f"Published {day.day} {day:%B} {day.year}, {stamp[11:16]}</p>"
    )
    body = {"article": _article, "divs": _divs, "main": _main, "table": _table}[layout](
        ctx, f"<h1>{escape(title)}</h1>", byline, "\n".join(blocks)
    )
    html = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n{_head(title, outlet, author, stamp, meta)}'
        f"</head>\n<body>\n{ctx.cookie()}{body}{ctx.footer(footer_line)}</body>\n</html>\n"
    )
    return Page(html, "\n\n".join(paragraphs), title, author, day.isoformat(), layout, meta, split)


def _head(title: str, outlet: str, author: str, stamp: str, meta: str) -> str:
    lines = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} | {escape(outlet)}</title>",
        f'<meta property="og:site_name" content="{escape(outlet)}">',
        '<meta property="og:type" content="article">',
        '<link rel="stylesheet" href="/static/site.css">',
        "<script>window.dataLayer = window.dataLayer || [];</script>",
    ]
    if meta == "tags":
        lines += [
            f'<meta property="og:title" content="{escape(title)}">',
            f'<meta name="author" content="{escape(author)}">',
            f'<meta property="article:published_time" content="{stamp}">',
        ]
    elif meta == "jsonld":
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": stamp,
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": outlet},
        }
        lines.append(f'<script type="application/ld+json">{json.dumps(data)}</script>')
    return "".join(f"  {line}\n" for line in lines)


def _split(rng: Random, blocks: list[str], others: list[tuple[str, str]]) -> list[str]:
    """Adverts and "Read more" boxes after every second or third paragraph."""
    out: list[str] = []
    boxes = iter(others)
    for k, block in enumerate(blocks):
        out.append(block)
        if k % rng.choice((2, 3)) == 1 and k < len(blocks) - 1:
            headline = next(boxes, None)
            out.append(
                '<div class="ad-slot"><span>Advertisement</span></div>'
                if headline is None or k % 2
                else f'<aside class="read-more"><strong>Read more:</strong> '
                f'<a href="/news/{_slug(headline[0])}">{escape(headline[0])}</a></aside>'
            )
    out.append('<p class="story-end">Story continues below advertisement</p>')
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Chrome:
    """The page furniture, each piece as markup; layouts choose where each goes."""

    def __init__(
        self, rng: Random, outlet: str, section: str, others: list[tuple[str, str]], title: str
    ) -> None:
        self.rng, self.outlet, self.section, self.others = rng, outlet, section, others
        self.title = title

    def cookie(self) -> str:
        return (
            '<div id="cookie-banner" class="consent"><p>We use cookies to improve your '
            "experience and to show you relevant advertising. By continuing to browse you "
            'agree to our <a href="/privacy">cookie policy</a>.</p><button>Accept all</button>'
            "<button>Manage preferences</button></div>\n"
        )

    def menu(self) -> str:
        items = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
        return (
            f'<a class="logo" href="/">{escape(self.outlet)}</a><ul class="menu">{items}</ul>'
            '<a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a>'
        )

    def crumbs(self) -> str:
        return (
            f'<a href="/">Home</a> › <a href="/{self.section.lower()}">{self.section}</a> › '
            f"<span>{escape(self.title[:40])}…</span>"
        )

    def share(self) -> str:
        return (
            '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> '
            '<a href="#">Email</a> <button>Copy link</button></div>'
        )

    def tags(self) -> str:
        words = [w for w in re.findall(r"[A-Z][a-z]+", self.title) if len(w) > 3][:3]
        tags = "".join(
            f'<li><a href="/tag/{w.lower()}">{w}</a></li>' for w in [self.section, *words]
        )
        return f'<div class="tags"><span>Tags:</span><ul>{tags}</ul></div>'

    def related(self) -> str:
        items = "".join(
            f'<li><a href="/news/{_slug(t)}"><h3>{escape(t)}</h3></a><p>{escape(s)}</p></li>'
            for t, s in self.others[3:6]
        )
        return f'<h2>Related stories</h2><ul class="related">{items}</ul>'

    def most_read(self) -> str:
        items = "".join(
            f'<li><a href="/news/{_slug(t)}">{escape(t)}</a></li>' for t, _ in self.others[:6]
        )
        return f"<h2>Most read</h2><ol>{items}</ol>"

    def newsletter(self) -> str:
        return (
            '<div class="newsletter"><h3>The morning briefing</h3><p>The day\'s top stories '
            'from the region, in your inbox before breakfast.</p><input type="email" '
            'placeholder="Your email"><button>Sign up</button></div>'
        )

    def comments(self) -> str:
        items = []
        for _, sentence in self.others[6:9]:
            name = f"{self.rng.choice(GIVEN)}{self.rng.randrange(10, 99)}"
            items.append(
                f'<li class="comment"><b>{name}</b> <span>{self.rng.randrange(2, 23)} hours '
                f"ago</span><p>Not surprised at all. {escape(sentence)}</p>"
                "<a>Reply</a> <a>Like</a></li>"
            )
        return f'<h2>Comments ({len(items)})</h2><ol class="comments">{"".join(items)}</ol>'

    def footer(self, extra: str) -> str:
        notice = f"<p>{escape(extra)}</p>" if extra else ""
        return (
            '<footer class="site-footer"><ul><li><a href="/about">About us</a></li>'
            '<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li>'
            f'<li><a href="/terms">Terms of use</a></li></ul>{notice}<p>© 2026 '
            f"{escape(self.outlet)}. All rights reserved.</p></footer>\n"
        )


def _article(c: _Chrome, h1: str, byline: str, body: str) -> str:
    return (
        f'<header><nav>{c.menu()}</nav></header>\n<nav class="breadcrumbs">{c.crumbs()}</nav>'
        f"\n<main>\n<article>\n<header>{h1}{byline}</header>\n{c.share()}\n{body}\n{c.tags()}"
        f'\n</article>\n<section class="related">{c.related()}</section>\n'
        f'<section id="comments">{c.comments()}</section>\n</main>\n'
        f'<aside class="sidebar">{c.most_read()}{c.newsletter()}</aside>\n'
    )


def _divs(c: _Chrome, h1: str, byline: str, body: str) -> str:
    return (
        f'<div id="top" class="site-header"><div class="nav-wrap">{c.menu()}</div></div>\n'
        f'<div class="container"><div class="row"><div class="col-left">'
        f'<div class="breadcrumb">{c.crumbs()}</div><div class="post">'
        f'<div class="post-header">{h1}<div class="meta">{byline}</div></div>{c.share()}'
        f'<div class="entry-content post-body">\n{body}\n</div>{c.tags()}'
        f'<div class="related-posts">{c.related()}</div>'
        f'<div class="comments-area">{c.comments()}</div></div></div>\n'
        f'<div class="col-right widget-area"><div class="widget">{c.most_read()}</div>'
        f'<div class="widget">{c.newsletter()}</div></div></div></div>\n'
    )


def _main(c: _Chrome, h1: str, byline: str, body: str) -> str:
    return (
        f'<nav>{c.menu()}</nav>\n<main>\n<p class="crumbs">{c.crumbs()}</p>\n{h1}\n{byline}\n'
        f"<section>\n{body}\n</section>\n{c.share()}{c.tags()}\n{c.related()}\n"
        f'<div class="newsletter-wrap">{c.newsletter()}</div>\n{c.comments()}\n</main>\n'
        f'<div class="rail">{c.most_read()}</div>\n'
    )


def _table(c: _Chrome, h1: str, byline: str, body: str) -> str:
    return (
        f'<table width="100%" cellpadding="0"><tr><td colspan="3">{c.menu()}</td></tr>\n'
        f'<tr><td width="160" valign="top">{c.most_read()}</td>\n<td valign="top">'
        f"{c.crumbs()}<br>{h1}{byline}\n{body}\n{c.share()}{c.tags()}{c.comments()}</td>\n"
        f'<td width="200" valign="top">{c.related()}{c.newsletter()}</td></tr></table>\n'
    )
