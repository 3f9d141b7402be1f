"""The grouping corpus and the import archive keep their promised shape, and the engine agrees
that a story's versions resemble its original more than same-topic articles of other stories do."""

from __future__ import annotations

import inspect
import itertools
import re
import statistics
from collections import Counter, defaultdict
from functools import cache

import pytest

from app.text import compare
from benchmarks.articles import CorpusArticle, grouping_corpus, import_archive

KINDS = {"original", "revision", "trimmed", "padded", "spun", "scraped", "unrelated", "brief"}
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@cache
def corpus() -> tuple[CorpusArticle, ...]:
    return tuple(grouping_corpus())


def stories() -> dict[str, list[CorpusArticle]]:
    by: dict[str, list[CorpusArticle]] = defaultdict(list)
    for a in corpus():
        by[a.story].append(a)
    return by


def versions_of(kind: str) -> list[tuple[CorpusArticle, CorpusArticle]]:
    """(original, version) for every version of ``kind``."""
    out = []
    for group in stories().values():
        original = next((a for a in group if a.kind == "original"), None)
        out += [(original, a) for a in group if original and a.kind == kind]
    return out


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def sentences(text: str) -> set[str]:
    return set(re.split(r"(?<=[.\"]) ", text.replace("\n\n", " ")))


def test_corpus_has_the_promised_counts_and_kinds() -> None:
    articles = corpus()
    assert len(articles) >= 200
    assert {a.kind for a in articles} == KINDS
    multi = {s: g for s, g in stories().items() if any(a.kind == "original" for a in g)}
    assert len(multi) >= 40
    for group in multi.values():
        assert 2 <= len(group) <= 6
        kinds = [a.kind for a in group]
        assert kinds.count("original") == 1
        assert len(set(kinds)) == len(kinds), "a story has each variant kind at most once"
    singles = [a for a in articles if a.kind in ("unrelated", "brief")]
    assert all(len(stories()[a.story]) == 1 for a in singles)
    assert Counter(a.kind for a in articles)["brief"] >= 20
    assert Counter(a.kind for a in articles)["unrelated"] >= 20


def test_every_variant_kind_is_well_represented() -> None:
    counts = Counter(a.kind for a in corpus())
    for kind in ("revision", "trimmed", "padded", "spun", "scraped"):
        assert counts[kind] >= 15, kind


def test_stories_are_long_and_distinct() -> None:
    originals = [a for a in corpus() if a.kind == "original"]
    assert all(300 <= len(a.text.split()) <= 900 for a in originals)
    assert all(len(paragraphs(a.text)) >= 4 for a in originals)
    assert len({a.title for a in originals}) >= 0.9 * len(originals)
    topics = Counter(a.topic for a in originals)
    assert len(topics) >= 8
    assert max(topics.values()) <= 2 * min(topics.values())
    ledes = [paragraphs(a.text)[0] for a in originals]
    assert len(set(ledes)) == len(ledes)


def test_corpus_is_deterministic_and_shuffled() -> None:
    assert grouping_corpus() == list(corpus())
    order = [a.story for a in corpus()]
    runs = sum(1 for x, y in itertools.pairwise(order) if x == y)
    assert runs < len(order) // 5, "versions of a story are not kept together"


def test_briefs_are_short_and_share_boilerplate() -> None:
    briefs = [a for a in corpus() if a.kind == "brief"]
    assert all(80 <= len(a.text.split()) <= 200 for a in briefs)
    per_brief = [sentences(a.text) for a in briefs]
    for k, own in enumerate(per_brief):
        others = set().union(*(s for j, s in enumerate(per_brief) if j != k))
        assert own & others, f"brief {briefs[k].story} shares no sentence with another brief"
    assert len({paragraphs(a.text)[0] for a in briefs}) == len(briefs)


def test_trimmed_copies_keep_a_run_of_30_to_60_percent_of_paragraphs() -> None:
    for original, copy in versions_of("trimmed"):
        full, kept = paragraphs(original.text), paragraphs(copy.text)
        assert 0.25 <= len(kept) / len(full) <= 0.65
        start = full.index(kept[0])
        assert full[start : start + len(kept)] == kept


def test_padded_copies_keep_every_paragraph_and_add_some() -> None:
    for original, copy in versions_of("padded"):
        full, padded = paragraphs(original.text), paragraphs(copy.text)
        assert len(padded) > len(full)
        assert [p for p in padded if p in full] == full


def test_revisions_reword_add_and_remove_a_few_sentences() -> None:
    for original, copy in versions_of("revision"):
        a, b = sentences(original.text), sentences(copy.text)
        assert 1 <= len(a - b) <= 6, "three reworded and one removed, at most"
        assert 1 <= len(b - a) <= 6, "three reworded and one added, at most"
        assert paragraphs(copy.text)[0] == paragraphs(original.text)[0]


def test_spun_copies_reword_but_keep_the_numbers() -> None:
    for original, copy in versions_of("spun"):
        numbers = set(NUMBER.findall(copy.text))
        assert numbers <= set(NUMBER.findall(original.text))
        same = set(original.text.split("\n\n")) & set(copy.text.split("\n\n"))
        assert len(same) <= len(paragraphs(original.text)) // 3


def test_scraped_copies_have_chrome_and_single_newlines() -> None:
    for original, copy in versions_of("scraped"):
        lines = copy.text.split("\n")
        assert "\n\n" not in copy.text
        assert lines[0].startswith("Home > News > ")
        assert any(line.startswith("By ") for line in lines[:5])
        assert "Related:" in lines
        assert any(line.startswith("- In: ") for line in lines)
        assert all(p in lines for p in paragraphs(original.text))


def test_archive_sizes_kinds_and_determinism() -> None:
    articles = list(import_archive(200))
    assert len(articles) == 200
    assert all(2_800 <= len(a.text) <= 5_200 for a in articles)
    assert {a.kind for a in articles} == {"original", "trimmed", "padded", "spun", "scraped"}
    groups = Counter(a.story for a in articles)
    assert all(1 <= n <= 5 for n in groups.values())
    assert len(groups) < 200
    assert articles == list(import_archive(200))
    assert articles != list(import_archive(200, seed=8))
    large = list(import_archive(30, size=12_000))
    assert all(8_400 <= len(a.text) <= 15_600 for a in large)


def test_archive_is_a_lazy_stream() -> None:
    stream = import_archive(10**12)
    assert inspect.isgenerator(stream)
    first = list(itertools.islice(stream, 5))
    assert first == list(import_archive(5))


def _similarity(a: CorpusArticle, b: CorpusArticle) -> float:
    return compare(a.text, b.text).summary.similarity


@pytest.mark.parametrize("kind", ["revision", "trimmed", "padded", "spun", "scraped"])
def test_engine_sees_each_kind_as_a_version(kind: str) -> None:
    verdicts = Counter(compare(o.text, v.text).summary.verdict for o, v in versions_of(kind)[:8])
    assert verdicts["unrelated"] == 0
    assert verdicts["identical"] == 0


def test_versions_score_clearly_above_same_topic_articles_of_other_stories() -> None:
    """Per story: mean engine similarity of its versions to its original, against that of the
    same-topic unrelated articles (the hard negatives) to the same original."""
    unrelated = [a for a in corpus() if a.kind == "unrelated"]
    gaps = []
    for group in stories().values():
        original = next((a for a in group if a.kind == "original"), None)
        negatives = [u for u in unrelated if original and u.topic == original.topic][:3]
        if original is None or not negatives:
            continue
        ours = statistics.mean(_similarity(original, v) for v in group if v is not original)
        theirs = statistics.mean(_similarity(original, u) for u in negatives)
        gaps.append(ours - theirs)
    assert len(gaps) >= 30
    assert statistics.mean(gaps) >= 0.25
    assert min(gaps) >= 0.05
