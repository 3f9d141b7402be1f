"""Stored URLs become links only when a browser would open them as http(s) addresses."""

from __future__ import annotations

import doctest

import pytest

import app.web.links
from app.web.links import link_href
from app.web.templating import environment

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x00javascript:alert(1)",
    "\x01\x1f javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\r\nscript:alert(1)",
    "\tjavascript\t:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript:https://news.example/",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://news.example/uuid",
    "ftp://news.example/a",
    "mailto:desk@news.example",
    "//evil.example/a",
    "/local/path",
    "news.example/a",
    "http:alert(1)",
    "https:",
    "https:///path-without-host",
    "http://[::1",
    "jav\u0430script:alert(1)",  # a Cyrillic а: no scheme a browser knows, and no link
    "",
]
SAFE = [
    ("https://news.example/a?b=1&c=2#d", "https://news.example/a?b=1&c=2#d"),
    ("HTTP://NEWS.EXAMPLE/", "HTTP://NEWS.EXAMPLE/"),
    ("  https://news.example/a  ", "https://news.example/a"),
    ("\x00https://news.example/a\x1f", "https://news.example/a"),
    ("ht\ttps://news.example/a\n", "https://news.example/a"),
    (
        'https://news.example/"><script>alert(1)</script>',
        'https://news.example/"><script>alert(1)</script>',
    ),
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_schemes_and_tricks_are_no_link(url: str) -> None:
    assert link_href(url) is None


@pytest.mark.parametrize(("url", "href"), SAFE)
def test_http_and_https_are_links_as_the_browser_reads_them(url: str, href: str) -> None:
    assert link_href(url) == href


def test_none_is_no_link() -> None:
    assert link_href(None) is None


def test_the_filter_escapes_what_it_lets_through() -> None:
    template = environment().from_string('<a href="{{ url|link_href }}">x</a>')
    out = template.render(url='https://news.example/"><script>alert(1)</script>')
    assert (
        out == '<a href="https://news.example/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>'
    )


def test_examples() -> None:
    assert doctest.testmod(app.web.links).failed == 0
