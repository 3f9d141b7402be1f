"""The demo story: one fictional wire story in four versions, written for Redline.

- ``original.txt``: the wire original (dateline, quotes, abbreviations, a ``- `` list).
- ``revision.txt``: the wire's own edit: reworded, split, merged and moved sentences, a cut
  paragraph, an added paragraph, a typo fix and straight quotes turned curly.
- ``spun.txt``: a machine-paraphrased copy (synonyms, clause order, one sentence broken by a
  stray full stop), names and numbers kept.
- ``scraped.txt``: a content-farm copy with page chrome above and below, single-newline
  paragraphs, a name injected into the first sentence and an added section at the end.

>>> [v.filename for v in DEMO_VERSIONS]
['original.txt', 'revision.txt', 'spun.txt', 'scraped.txt']
>>> read_demo_text("original.txt").startswith(DEMO_TITLE)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

__all__ = ["DEMO_TITLE", "DEMO_VERSIONS", "DemoVersion", "read_demo_text"]

DEMO_TITLE = "Kestrel River towns win $1.2 billion levee deal after record flood"


@dataclass(frozen=True, slots=True)
class DemoVersion:
    """One version of the demo story and where it was (fictionally) published."""

    label: str
    source: str
    url: str
    byline: str
    published_at: str
    """ISO 8601 with a UTC offset."""
    filename: str
    """A file of this package, read with :func:`read_demo_text`."""


DEMO_VERSIONS: list[DemoVersion] = [
    DemoVersion(
        label="Wire original",
        source="Meridian Press",
        url="https://meridianpress.example.org/2026/11/17/kestrel-river-levee-deal",
        byline="By Tomas Ekwueme",
        published_at="2026-11-17T21:05:00+00:00",
        filename="original.txt",
    ),
    DemoVersion(
        label="Edited revision",
        source="Meridian Press",
        url="https://meridianpress.example.org/2026/11/17/kestrel-river-levee-deal?rev=2",
        byline="By Tomas Ekwueme",
        published_at="2026-11-18T02:30:00+00:00",
        filename="revision.txt",
    ),
    DemoVersion(
        label="Spun copy",
        source="Daily Newsfeed Hub",
        url="https://dailynewsfeedhub.example.net/kestrel-river-embankment-agreement",
        byline="Staff Writer",
        published_at="2026-11-18T05:10:00+00:00",
        filename="spun.txt",
    ),
    DemoVersion(
        label="Scraped copy",
        source="Prairie Ledger Daily",
        url="https://prairieledger.example.com/news/2026-11-18/corwin-bayless-kestrel-river",
        byline="Mireille Dufresne",
        published_at="2026-11-18T07:42:09+00:00",
        filename="scraped.txt",
    ),
]


def read_demo_text(filename: str) -> str:
    """The text of one demo version (UTF-8), read from the package data.

    Raises :class:`FileNotFoundError` for a name that is not a demo file.
    """
    if filename not in {v.filename for v in DEMO_VERSIONS}:
        raise FileNotFoundError(f"not a demo file: {filename!r}")
    return files(__name__).joinpath(filename).read_text(encoding="utf-8")
