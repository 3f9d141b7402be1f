"""The extraction benchmark's pages hold their known article amid chrome, and its scores mean
what the table says."""

from __future__ import annotations

import doctest
from collections import Counter
from functools import cache
from types import ModuleType

import pytest
from lxml import html as lxml_html

from benchmarks import bench_extract, pages
from benchmarks.bench_extract import page_text, same_title, word_overlap
from benchmarks.pages import Page, news_pages


@cache
def corpus() -> tuple[Page, ...]:
    return tuple(news_pages(40))


@pytest.mark.parametrize("module", [pages, bench_extract])
def test_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_pages_vary_layout_metadata_and_splits() -> None:
    got = corpus()
    assert Counter(p.layout for p in got) == {"article": 10, "divs": 10, "main": 10, "table": 10}
    assert {p.meta for p in got} == {"tags", "jsonld", "visible"}
    assert sum(p.split for p in got) == 8


def test_every_body_paragraph_is_a_paragraph_of_its_page() -> None:
    for page in corpus():
        tree = lxml_html.document_fromstring(page.html)
        shown = {"".join(map(str, p.itertext())) for p in tree.iter("p")}
        assert set(page.body.split("\n\n")) <= shown, page.title


def test_page_text_holds_the_body_title_and_author_and_much_chrome() -> None:
    for page in corpus():
        tree = lxml_html.document_fromstring(page.html)
        recall, precision = word_overlap(page.body, page_text(page.html).text)
        assert recall == 1.0
        assert precision < 0.8
        assert (tree.findtext(".//title") or "").startswith(f"{page.title} | ")
        assert page.author in " ".join(map(str, tree.itertext()))


def test_split_pages_put_boxes_between_paragraphs() -> None:
    split = [p for p in corpus() if p.split]
    assert all("Advertisement" in p.html for p in split)
    assert not any("Advertisement" in p.html for p in corpus() if not p.split)


def test_word_overlap_counts_repeats_and_ignores_case_and_punctuation() -> None:
    assert word_overlap("a a b", "A, a; b!") == (1.0, 1.0)
    assert word_overlap("a a b", "a b") == (2 / 3, 1.0)
    assert word_overlap("a b", "a b c d") == (1.0, 0.5)
    assert word_overlap("a b", "") == (0.0, 0.0)


def test_same_title_wants_the_headline_alone() -> None:
    assert same_title("Council passes budget", "council passes budget")
    assert not same_title("Council passes budget", "Council passes budget | Daily Ledger")
    assert not same_title("Council passes budget", None)
