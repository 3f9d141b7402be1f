"""Which stored URLs may be rendered as links: http and https only, read as a browser reads
them. Anything else (``javascript:``, ``data:``, ``vbscript:``, ``file:``, a relative path) is
shown as text, so a URL that slipped past the form's check, or came from an older import,
can never run or open anything.

>>> link_href("https://news.example/a?b=1")
'https://news.example/a?b=1'
>>> link_href(" \\x01JaVa\\tScRiPt:alert(1)") is None
True
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = frozenset({"http", "https"})
# What the URL standard's parser drops before it reads a scheme: C0 controls and spaces at
# either end, and tabs and newlines anywhere ("java\tscript:" is "javascript:" to a browser).
_EDGES = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def link_href(url: str | None) -> str | None:
    """``url`` as a browser would follow it if that is an http(s) address with a host, else
    None: the caller shows the URL as text instead of a link."""
    if not url:
        return None
    href = _TAB_OR_NEWLINE.sub("", url).strip(_EDGES)
    scheme, colon, _ = href.partition(":")
    if not colon or scheme.lower() not in LINK_SCHEMES:
        return None
    try:
        host = urlsplit(href).hostname
    except ValueError:  # a malformed host ("http://[x") is no address
        return None
    return href if host else None
