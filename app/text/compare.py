"""compare(a, b) -> Comparison: the pipeline, the rows in reading order, the summary.

segment both texts -> set page chrome aside -> score and align the rest -> classify each
aligned group and diff inside it -> order the rows -> summarise.
"""

from __future__ import annotations

from typing import Any

from app.text.align import align
from app.text.boilerplate import chrome_sentences, without_shared_story
from app.text.chain import SAME_WORDS, Match
from app.text.collector import collector_paused
from app.text.normalize import cosmetic_key
from app.text.options import CompareOptions
from app.text.segment import ends_sentence, segment
from app.text.similarity import Scorer, prepare_all
from app.text.summary import summarise
from app.text.types import Comparison, Document, Row, RowKind
from app.text.worddiff import inline_diff_limited, unchanged_share

ENGINE_VERSION = "1.9"
"""Changes whenever the same input could produce a different comparison (cache key)."""


def compare(a: str, b: str, options: CompareOptions | None = None, **overrides: Any) -> Comparison:
    """Compare text ``a`` (the base) with text ``b``.

    ``options`` holds every knob (see :class:`CompareOptions`); keyword ``overrides`` change
    single ones: ``compare(a, b, ignore_case=True)``.  Pure: no I/O, and the result depends on
    the inputs alone (the cyclic garbage collector is paused while it runs, see
    :func:`~app.text.collector.collector_paused`).  Cost is near-linear in the number of
    sentences (see :mod:`app.text.align`).

    >>> c = compare("Prices rose. The mayor resigned.", "Prices rose sharply. The mayor resigned.")
    >>> [(r.kind, r.a, r.b) for r in c.rows]
    [('reworded', (0,), (0,)), ('equal', (1,), (1,))]
    >>> c.summary.verdict
    'edited'
    """
    with collector_paused():
        return _compare(a, b, options, **overrides)


def _compare(a: str, b: str, options: CompareOptions | None = None, **overrides: Any) -> Comparison:
    opts = (
        (options or CompareOptions()).with_changes(**overrides)
        if overrides
        else (options or CompareOptions())
    )
    doc_a, doc_b = segment(a), segment(b)
    known: dict[str, tuple[list[str], list[str]]] = {}  # each sentence's words, both sides
    (all_words_a, written_a), (all_words_b, written_b) = (
        prepare_all(doc_a, known),
        prepare_all(doc_b, known),
    )
    counts_a, counts_b = [len(ws) for ws in all_words_a], [len(ws) for ws in all_words_b]
    chrome_a = chrome_sentences(doc_a, counts_a) if opts.detect_boilerplate else set()
    chrome_b = chrome_sentences(doc_b, counts_b) if opts.detect_boilerplate else set()
    chrome_a, chrome_b = (
        without_shared_story(doc_a, chrome_a, doc_b, chrome_b),
        without_shared_story(doc_b, chrome_b, doc_a, chrome_a),
    )
    content_a = [s.id for s in doc_a.sentences if s.id not in chrome_a]
    content_b = [s.id for s in doc_b.sentences if s.id not in chrome_b]
    words_a = [all_words_a[i] for i in content_a]
    words_b = [all_words_b[j] for j in content_b]
    matches = align(
        [" ".join(ws) or doc_a.sentences[i].text for ws, i in zip(words_a, content_a, strict=True)],
        [" ".join(ws) or doc_b.sentences[j].text for ws, j in zip(words_b, content_b, strict=True)],
        [len(ws) for ws in words_a],
        [len(ws) for ws in words_b],
        [doc_a.sentences[i].paragraph for i in content_a],
        [doc_b.sentences[j].paragraph for j in content_b],
        [ends_sentence(doc_a.sentences[i].text) for i in content_a],
        [ends_sentence(doc_b.sentences[j].text) for j in content_b],
        Scorer(
            words_a,
            words_b,
            ([written_a[i] for i in content_a], [written_b[j] for j in content_b]),
        ),
        opts,
    )
    truncated = False
    pair_rows: list[Row] = []
    for m in matches:  # in A order, which content ids keep
        a_ids = tuple(map(content_a.__getitem__, m.a))
        b_ids = tuple(map(content_b.__getitem__, m.b))
        row, limited = _pair_row(a_ids, b_ids, m, doc_a, doc_b, opts)
        pair_rows.append(row)
        truncated = truncated or limited
    rows = _reading_order(pair_rows, doc_a, doc_b, chrome_a, chrome_b)
    summary = summarise(
        rows,
        doc_a,
        doc_b,
        (counts_a, written_a),
        (counts_b, written_b),
        "inline diff of a very long sentence was time-limited" if truncated else None,
    )
    return Comparison(ENGINE_VERSION, opts, doc_a, doc_b, tuple(rows), summary)


def _pair_row(
    a_ids: tuple[int, ...],
    b_ids: tuple[int, ...],
    m: Match,
    doc_a: Document,
    doc_b: Document,
    opts: CompareOptions,
) -> tuple[Row, bool]:
    """The row of match ``m`` between sentences ``a_ids`` of A and ``b_ids`` of B."""
    text_a, text_b = _joined(doc_a, a_ids), _joined(doc_b, b_ids)
    ops, limited = inline_diff_limited(text_a, text_b, opts.granularity)
    similarity = m.score
    kind: RowKind | None = None
    if m.moved:
        kind = "moved"
    elif len(a_ids) == 1 and len(b_ids) > 1:
        kind = "split"
    elif len(a_ids) > 1 and len(b_ids) == 1:
        kind = "merged"
    if text_a == text_b:
        kind, similarity = kind or "equal", 1.0
    elif _key(text_a, opts) == _key(text_b, opts):
        kind, similarity = kind or "cosmetic", 1.0
    else:
        kind = kind or "reworded"
        # The same words, but a difference that the options do not ignore ("inhalation. No
        # other" / "inhalation and no other"): how far the text is the same, in order.
        if m.score >= SAME_WORDS:
            similarity = unchanged_share(text_a, text_b)
    return Row(kind, a_ids, b_ids, similarity, ops, m.why), limited


def _joined(doc: Document, ids: tuple[int, ...]) -> str:
    """The texts of sentences ``ids`` of ``doc``, joined by spaces."""
    if len(ids) == 1:  # most rows: no need to build a generator and join
        return doc.sentences[ids[0]].text
    return " ".join(doc.sentences[i].text for i in ids)


def _key(text: str, opts: CompareOptions) -> str:
    return cosmetic_key(
        text,
        ignore_case=opts.ignore_case,
        ignore_punctuation=opts.ignore_punctuation,
        ignore_quotes=opts.ignore_quotes,
        ignore_whitespace=opts.ignore_whitespace,
    )


def _reading_order(
    pair_rows: list[Row], doc_a: Document, doc_b: Document, chrome_a: set[int], chrome_b: set[int]
) -> list[Row]:
    """A's order; rows that only B has are placed where they occur in B.

    Walk A; before each in-order pair, emit B's unpaired sentences (added or chrome) that
    come before it in B, and after it those inside its span.  Moved pairs stay at their A
    position.
    """
    by_a = {r.a[0]: r for r in pair_rows}
    paired_a = {i for r in pair_rows for i in r.a}
    paired_b = {j for r in pair_rows for j in r.b}
    rows: list[Row] = []
    next_b = 0

    def flush_b(until: int) -> None:
        nonlocal next_b
        while next_b < until:
            j = next_b
            next_b += 1
            if j in paired_b:
                continue
            rows.append(Row("boilerplate" if j in chrome_b else "added", (), (j,)))

    for s in doc_a.sentences:
        i = s.id
        row = by_a.get(i)
        if row is not None:
            if row.kind != "moved":
                flush_b(row.b[0])
                rows.append(row)
                # What B has inside the row's span: chrome between two pieces of a split ("...
                # in Bergen." / "ADVERTISEMENT" / "Two of them ..."), right after the row.
                flush_b(row.b[-1] + 1)
            else:
                rows.append(row)
        elif i not in paired_a:
            rows.append(Row("boilerplate" if i in chrome_a else "removed", (i,), ()))
    flush_b(len(doc_b.sentences))
    return rows
