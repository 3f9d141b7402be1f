"""Load the labelled cases of ``tests/cases``, check one against the engine, score a suite.

Cases name sentences by text snippets, never by ids (see ``tests/cases/README.md``), so they
survive changes to segmentation. :func:`check_case` lists every broken expectation of one case;
:func:`score_suites` turns all cases into the figures pinned by the quality gate.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.demo import read_demo_text
from app.text import Comparison, compare, segment

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
NTH = re.compile(r"^(.*) #(\d+)$", re.DOTALL)
PAIRED_KINDS = frozenset({"equal", "cosmetic", "reworded", "split", "merged", "moved"})
Link = tuple[int, int]
Finder = Callable[[str], int]
Kinds = Mapping[int, str]


@dataclass(frozen=True)
class Case:
    """One labelled case, as read from its suite file."""

    suite: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def expect(self) -> dict[str, Any]:
        return dict(self.data["expect"])

    @property
    def known_failure(self) -> bool:
        return bool(self.data["status"] == "known-failure")

    def side(self, name: str) -> str:
        """The text of side ``a`` or ``b`` (inline, or a demo file)."""
        if f"{name}_demo" in self.data:
            return read_demo_text(self.data[f"{name}_demo"])
        return str(self.data.get(name, ""))


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case of every ``*.json`` suite file except ``gate.json``, in file order."""
    cases: list[Case] = []
    for path in sorted(directory.glob("*.json")):
        if path.name == "gate.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        cases.extend(Case(path.stem, c) for c in data["cases"])
    return cases


class SnippetError(LookupError):
    """A snippet that names no sentence, or several without a ``#n`` suffix."""


def find(texts: list[str], snippet: str) -> int:
    """Index of the one sentence containing ``snippet`` (``"text #2"``: the second such one)."""
    m = NTH.match(snippet)
    needle, nth = (m.group(1), int(m.group(2))) if m else (snippet, 0)
    hits = [i for i, t in enumerate(texts) if needle in t]
    exact = [i for i in hits if texts[i].strip() == needle.strip()]
    if len(exact) >= max(nth, 1) and len(exact) < len(hits):
        hits = exact  # a whole-sentence snippet names that sentence even if others contain it
    if nth:
        if len(hits) < nth:
            raise SnippetError(f"{snippet!r}: only {len(hits)} sentence(s) contain it")
        return hits[nth - 1]
    if len(hits) != 1:
        raise SnippetError(f"{snippet!r} matches {len(hits)} sentences: {[texts[i] for i in hits]}")
    return hits[0]


@dataclass
class Outcome:
    """What one case got right and wrong, and the counts the gate adds up."""

    failures: list[str] = field(default_factory=list)
    counts: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def check(self, ok: bool, message: str, metric: str | None = None) -> None:
        if metric:
            self.counts[f"{metric}.total"] += 1
            self.counts[f"{metric}.hit"] += ok
        if not ok:
            self.failures.append(message)


def run(case: Case, overrides: Mapping[str, Any] | None = None) -> Comparison:
    """``compare`` on the case's texts with its options (and ``overrides`` on top)."""
    return compare(
        case.side("a"), case.side("b"), **{**case.data.get("options", {}), **(overrides or {})}
    )


def check_segmentation(case: Case) -> Outcome:
    """Compare ``segment(text)`` with the expected sentences (and paragraph count)."""
    out = Outcome()
    doc = segment(case.data["text"])
    got = [s.text for s in doc.sentences]
    want = list(case.expect["sentences"])
    matched = sum(min(got.count(t), want.count(t)) for t in set(want))
    out.counts["sentences.expected"] += len(want)
    out.counts["sentences.found"] += len(got)
    out.counts["sentences.matched"] += matched
    out.check(got == want, f"sentences: got {got!r}, want {want!r}", "case_exact")
    if "paragraphs" in case.expect:
        n = len(doc.paragraphs)
        out.check(
            n == case.expect["paragraphs"], f"paragraphs: got {n}, want {case.expect['paragraphs']}"
        )
    return out


def _rows_of(cmp: Comparison) -> tuple[dict[int, int], dict[int, int]]:
    a_row = {i: r for r, row in enumerate(cmp.rows) for i in row.a}
    b_row = {i: r for r, row in enumerate(cmp.rows) for i in row.b}
    return a_row, b_row


def check_comparison(case: Case, overrides: Mapping[str, Any] | None = None) -> Outcome:
    """Run ``compare`` on the case and check every field of its ``expect``."""
    out = Outcome()
    e = case.expect
    cmp = run(case, overrides)
    ta = [s.text for s in cmp.a.sentences]
    tb = [s.text for s in cmp.b.sentences]
    a_row, b_row = _rows_of(cmp)
    kind_a: dict[int, str] = {i: cmp.rows[r].kind for i, r in a_row.items()}
    kind_b: dict[int, str] = {i: cmp.rows[r].kind for i, r in b_row.items()}
    labelled_a: set[int] = set()
    labelled_b: set[int] = set()
    expected_links: set[Link] = set()

    def fa(s: str) -> int:
        i = find(ta, s)
        labelled_a.add(i)
        return i

    def fb(s: str) -> int:
        i = find(tb, s)
        labelled_b.add(i)
        return i

    for want in e.get("rows", []):
        ia = sorted(fa(s) for s in want["a"])
        ib = sorted(fb(s) for s in want["b"])
        expected_links.update((x, y) for x in ia for y in ib)
        rows = {a_row[x] for x in ia} | {b_row[y] for y in ib}
        row = cmp.rows[rows.pop()] if len(rows) == 1 else None
        same = row is not None and sorted(row.a) == ia and sorted(row.b) == ib
        kinds = want["kind"] if isinstance(want["kind"], list) else [want["kind"]]
        out.check(same, f"row {want}: sentences not grouped together as expected", "row_group")
        if same and row is not None:
            out.check(row.kind in kinds, f"row {want}: kind is {row.kind}", "row_kind")
    for sa, sb in e.get("pairs", []):
        x, y = fa(sa), fb(sb)
        expected_links.add((x, y))
        out.check(a_row[x] == b_row[y], f"pair {sa!r} ~ {sb!r} not in one row", "row_group")
    for sa, sb in e.get("not_paired", []):
        x, y = fa(sa), fb(sb)
        out.check(a_row[x] != b_row[y], f"negative {sa!r} ~ {sb!r} paired", "negatives")
    for key, side_kind, finder, lab in (
        ("added", kind_b, fb, "added"),
        ("removed", kind_a, fa, "removed"),
        ("boilerplate_a", kind_a, fa, "boilerplate"),
        ("boilerplate_b", kind_b, fb, "boilerplate"),
    ):
        for s in e.get(key, []):
            i = finder(s)
            out.check(side_kind[i] == lab, f"{key} {s!r}: kind is {side_kind[i]}")
    for key, side_kind, texts in (("content_a", kind_a, ta), ("content_b", kind_b, tb)):
        for s in e.get(key, []):
            i = find(texts, s)  # says nothing about pairing: not a labelled sentence
            out.check(side_kind[i] != "boilerplate", f"{key} {s!r} is boilerplate")
    for s in e.get("not_moved_a", []):
        i = fa(s)
        out.check(kind_a[i] != "moved", f"{s!r} reported as moved")
    _score_one_sided(out, e, "added", kind_b, labelled_b, fb, tb)
    _score_one_sided(out, e, "removed", kind_a, labelled_a, fa, ta)
    _score_boilerplate(out, e, (kind_a, kind_b), (fa, fb), (ta, tb))
    _score_links(out, cmp, expected_links, labelled_a, labelled_b)
    _check_summary(out, e, cmp, fb)
    return out


def _score_one_sided(
    out: Outcome,
    e: dict[str, Any],
    key: str,
    kinds: Kinds,
    labelled: set[int],
    finder: Finder,
    texts: list[str],
) -> None:
    """Precision/recall of ``added`` (or ``removed``) over the sentences the case labels."""
    if key not in e:
        return
    want = {finder(s) for s in e[key]}
    # A listed key is exhaustive over the labelled sentences of its side.
    got = {i for i in labelled if kinds[i] == key} if labelled else set()
    got |= {i for i in range(len(texts)) if kinds[i] == key and not e[key]}
    out.counts[f"{key}.expected"] += len(want)
    out.counts[f"{key}.found"] += len(got)
    out.counts[f"{key}.matched"] += len(want & got)
    if not e[key]:
        extra = [texts[i] for i in got]
        out.check(not extra, f"{key}: none expected, got {extra}")


def _score_boilerplate(
    out: Outcome,
    e: dict[str, Any],
    kinds_ab: tuple[Kinds, Kinds],
    finders: tuple[Finder, Finder],
    texts_ab: tuple[list[str], list[str]],
) -> None:
    """Precision/recall of ``boilerplate``; a ``boilerplate_*`` list is exhaustive for its side."""
    for side, kinds, finder, texts in zip("ab", kinds_ab, finders, texts_ab, strict=True):
        key = f"boilerplate_{side}"
        if key not in e:
            continue
        want = {finder(s) for s in e[key]}
        got = {i for i, k in kinds.items() if k == "boilerplate"}
        out.counts["boilerplate.expected"] += len(want)
        out.counts["boilerplate.found"] += len(got)
        out.counts["boilerplate.matched"] += len(want & got)
        extra = [texts[i] for i in sorted(got - want)]
        out.check(not extra, f"{key}: unexpected boilerplate sentences {extra}")


def _score_links(
    out: Outcome,
    cmp: Comparison,
    expected: set[Link],
    labelled_a: set[int],
    labelled_b: set[int],
) -> None:
    """Pair precision/recall: predicted links touching a labelled sentence are judged."""
    predicted = {
        (x, y) for row in cmp.rows if row.kind in PAIRED_KINDS for x in row.a for y in row.b
    }
    judged = {(x, y) for x, y in predicted if x in labelled_a or y in labelled_b}
    out.counts["pairs.expected"] += len(expected)
    out.counts["pairs.found"] += len(judged)
    out.counts["pairs.matched"] += len(expected & predicted)
    out.counts["pairs.correct"] += len(judged & expected)


def _check_summary(out: Outcome, e: dict[str, Any], cmp: Comparison, fb: Finder) -> None:
    summary = cmp.summary
    if "verdict" in e:
        allowed = e["verdict"] if isinstance(e["verdict"], list) else [e["verdict"]]
        out.check(
            summary.verdict in allowed, f"verdict {summary.verdict!r}, want {allowed}", "verdict"
        )
    for bad in e.get("no_verdict", []):
        out.check(summary.verdict != bad, f"verdict must not be {bad!r}")
    kinds_seen = {row.kind for row in cmp.rows}
    if "kinds" in e:
        extra = kinds_seen - set(e["kinds"])
        out.check(not extra, f"row kinds {sorted(extra)} not in {e['kinds']}")
    for bad in e.get("no_kinds", []):
        out.check(bad not in kinds_seen, f"row kind {bad!r} present")
    for kind, n in e.get("counts", {}).items():
        got = summary.counts.get(kind, 0)
        out.check(got == n, f"count of {kind}: {got}, want {n}")
    if "min_summary_similarity" in e:
        v = e["min_summary_similarity"]
        out.check(summary.similarity >= v, f"similarity {summary.similarity:.3f} < {v}")
    got_blocks = [sorted(block.sentences) for block in summary.added_blocks]
    for block in e.get("added_blocks", []):
        want = sorted(fb(s) for s in block)
        out.check(want in got_blocks, f"added block {block} not found (blocks: {got_blocks})")
    _b_row = _rows_of(cmp)[1]
    for ins in e.get("inserted", []):
        row = cmp.rows[_b_row[fb(ins["b"])]]
        inserts = [op.text for op in row.ops if op.op == "insert"]
        ok = len(inserts) == 1 and ins["text"] in inserts[0]
        out.check(ok, f"inserted {ins['text']!r}: inserts are {inserts}")
    for item in e.get("min_similarity", []):
        row = cmp.rows[_b_row[fb(item["b"])]]
        sim = row.similarity or 0.0
        out.check(sim >= item["value"], f"similarity of {item['b']!r} is {sim:.3f}")


def check_case(case: Case, overrides: Mapping[str, Any] | None = None) -> Outcome:
    """Every broken expectation of ``case`` (empty ``failures``: the case passes).

    ``overrides`` are compare options applied over the case's own (to measure a worse engine).
    """
    if case.suite == "segmentation":
        return check_segmentation(case)
    return check_comparison(case, overrides)


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 4) if den else None


def score_suites(
    cases: Iterable[Case], overrides: Mapping[str, Any] | None = None
) -> dict[str, float]:
    """Aggregate scores in [0, 1], keyed ``suite.metric``, over every case, known failures too.

    Metrics whose denominator is zero in a suite are left out.
    """
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for case in cases:
        for key, value in check_case(case, overrides).counts.items():
            totals[case.suite][key] += value
    scores: dict[str, float] = {}
    for suite, t in totals.items():
        metrics = {
            "sentence_precision": _ratio(t["sentences.matched"], t["sentences.found"]),
            "sentence_recall": _ratio(t["sentences.matched"], t["sentences.expected"]),
            "case_accuracy": _ratio(t["case_exact.hit"], t["case_exact.total"]),
            "pair_precision": _ratio(t["pairs.correct"], t["pairs.found"]),
            "pair_recall": _ratio(t["pairs.matched"], t["pairs.expected"]),
            "row_grouping": _ratio(t["row_group.hit"], t["row_group.total"]),
            "row_kind": _ratio(t["row_kind.hit"], t["row_kind.total"]),
            "negatives": _ratio(t["negatives.hit"], t["negatives.total"]),
            "added_precision": _ratio(t["added.matched"], t["added.found"]),
            "added_recall": _ratio(t["added.matched"], t["added.expected"]),
            "removed_precision": _ratio(t["removed.matched"], t["removed.found"]),
            "removed_recall": _ratio(t["removed.matched"], t["removed.expected"]),
            "boilerplate_precision": _ratio(t["boilerplate.matched"], t["boilerplate.found"]),
            "boilerplate_recall": _ratio(t["boilerplate.matched"], t["boilerplate.expected"]),
            "verdict": _ratio(t["verdict.hit"], t["verdict.total"]),
        }
        scores.update({f"{suite}.{k}": v for k, v in metrics.items() if v is not None})
    return dict(sorted(scores.items()))
