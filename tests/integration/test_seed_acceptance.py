"""Acceptance on the two real copies of one wire story in ../shared/seeds (read at run time).

000 is a machine-paraphrased copy; 003 a scraped copy with page chrome, an author name
injected into the first sentence and extra paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.text import Comparison, compare
from tests.integration.helpers import check_json

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"acceptance seeds not found at {SEEDS}")

DETAINED = ("Prior to his departure Friday", "There are three U.S. citizens", "The other two men")
ADDED = ("The trip comes after", "Biden told White House reporters", "Chances could come at a")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def spun() -> str:
    return seed("000")


@pytest.fixture(scope="module")
def scraped() -> str:
    return seed("003")


def texts(c: Comparison, side: str, ids: tuple[int, ...]) -> list[str]:
    doc = c.a if side == "a" else c.b
    return [doc.sentences[i].text for i in ids]


def one_sided(c: Comparison, kind: str) -> list[str]:
    side = "b" if kind == "added" else "a"
    return [t for r in c.rows if r.kind == kind for t in texts(c, side, r.a + r.b)]


@pytest.mark.parametrize("reverse", [False, True], ids=["spun-vs-scraped", "scraped-vs-spun"])
def test_seed_pair(spun: str, scraped: str, reverse: bool, tmp_path: Path, checker: Path) -> None:
    a, b = (scraped, spun) if reverse else (spun, scraped)
    c = compare(a, b)
    extra_kind, cut_kind = ("removed", "added") if reverse else ("added", "removed")
    extra_side = "a" if reverse else "b"
    scraped_doc = c.a if reverse else c.b
    spun_doc = c.b if reverse else c.a

    # The detained-Americans section is one block of three whole paragraphs.
    blocks = c.summary.removed_blocks if reverse else c.summary.added_blocks
    detained = [
        blk
        for blk in blocks
        if scraped_doc.sentences[blk.sentences[0]].text.startswith(DETAINED[0])
    ]
    assert len(detained) == 1
    block_texts = [scraped_doc.sentences[i].text for i in detained[0].sentences]
    assert len(block_texts) == 3
    assert all(t.startswith(p) for t, p in zip(block_texts, DETAINED, strict=True))
    assert len(detained[0].paragraphs) == 3

    extra = one_sided(c, extra_kind)
    for prefix in ADDED:
        assert any(t.startswith(prefix) for t in extra), prefix
    assert len(extra) == len(ADDED) + len(DETAINED)
    assert one_sided(c, cut_kind) == []  # every other sentence of 000 is paired

    # Chrome above and below the story is boilerplate, and nothing else is.
    chrome = {i for r in c.rows if r.kind == "boilerplate" for i in (r.a if reverse else r.b)}
    body = [s.id for s in scraped_doc.sentences if s.id not in chrome]
    assert scraped_doc.sentences[body[0]].text.startswith("Secretary of State Antony Blinken")
    assert scraped_doc.sentences[body[-1]].text.startswith(DETAINED[-1])
    assert body == list(range(body[0], body[-1] + 1))
    assert texts(
        c,
        "b" if reverse else "a",
        tuple(i for r in c.rows if r.kind == "boilerplate" for i in (r.b if reverse else r.a)),
    ) == ["Source Link"]

    # The moved sentence and the merge across a stray period.
    spun_side = "b" if reverse else "a"
    moved = [r for r in c.rows if r.kind == "moved"]
    assert any(
        texts(c, spun_side, r.b if reverse else r.a)[0].startswith("Blinken arrives in Beijing on")
        and texts(c, extra_side, r.a if reverse else r.b)[0].startswith("Blinken was to begin")
        for r in moved
    )
    group_kind = "split" if reverse else "merged"
    halves = [
        texts(c, spun_side, r.b if reverse else r.a)
        for r in c.rows
        if r.kind == group_kind and len(r.b if reverse else r.a) == 2
    ]
    assert any(
        h[0].startswith("This coincides") and h[1].startswith("plans to open") for h in halves
    )
    assert len(spun_doc.sentences) == sum(len(r.b if reverse else r.a) for r in c.rows)

    # The injected name is an insertion (a deletion, read the other way round).
    first = next(
        r
        for r in c.rows
        if texts(c, extra_side, r.a if reverse else r.b)[:1]
        and texts(c, extra_side, r.a if reverse else r.b)[0].startswith("Secretary of State")
    )
    op = "delete" if reverse else "insert"
    assert any(o.op == op and "Benjamin Ashforda" in o.text for o in first.ops)
    assert not any(o.op == "equal" and "Ashforda" in o.text for o in first.ops)

    # The JSON keeps every promise of the documented schema.
    assert check_json(checker, tmp_path, a, b, c.to_dict()).startswith("ok")
    assert c.summary.verdict == "paraphrased copy"
