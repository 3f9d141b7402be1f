"""Sentence alignment: exact anchors, a sparse monotone chain with 1:2 / 2:1 groups, gap
filling by position, then an order-free pass that finds moved sentences.

Indexes here are positions in the lists of sentences to align (page chrome removed), 0-based
on each side.  The steps:

1. **Items.**  Sentences with equal keys (their words, case and quotes folded) pair exactly;
   many copies of one sentence pair only with the copies near where each is expected on
   the other side, preferring the copy whose neighbours in its paragraph match too.  The
   rest get candidates from the scorer's inverted index (top-k per sentence); a candidate
   scoring at least ``pair_threshold`` is an item, and so is a 1:2 or 2:1 group around it
   (a sentence split in two, or two merged) when each sentence of its many side is mostly
   (``GROUP_CONTAINMENT``) found in the one side and it scores about as well as its best 1:1
   pair (within ``group_margin``), or when it beats that pair by ``group_margin`` and its
   many side is at least half that much contained.  A many side crosses a paragraph break
   only after a finished sentence.  The chain weighs groups against pairs.
2. **Spine.**  The heaviest chain of items increasing on both sides (weighted by score above
   the threshold and by length), found in O(items log items) with a staircase of the best
   chain ending at each B position, so the cost never grows with n x m.
3. **Gaps.**  Between two spine items, the few sentences left on each side are scored against
   each other; in-order pairs above a lower threshold join the spine (position is a prior,
   strongest when one sentence is left on each side).
4. **Moves.**  Left-over sentences pair across the whole text when the pair scores at least
   ``move_threshold`` and both sides have at least ``move_min_words`` words; a copy of a
   sentence the texts repeat moves only along with a neighbour.
5. **Growth.**  A pair or group, in place or moved, takes in an unpaired sentence next to
   its many side (across a paragraph break only after a finished sentence, as in step 1)
   when the bigger group passes the test of step 1 against its best pair and against the
   group it grows from (up to ``MAX_GROUP`` pieces): a sentence cut in three is one split,
   and a paragraph moved and tightened is one moved merge, not a move and a cut.  A pair of
   the same words never grows: its neighbour can only be a near copy of it.

Everything still unpaired is added (B) or removed (A).
"""

from __future__ import annotations

import bisect
import math
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.text.options import CompareOptions
from app.text.similarity import Scorer

GAP_FACTOR = 0.5
"""A 1:1 gap's pair needs ``GAP_FACTOR * pair_threshold``: its position is evidence.  A pair
scoring that much still shares at least the scorer's ``CONTAINMENT_FLOOR`` of its weighted
stems, as a spun lead-in does ("The plan includes:" / "The scheme comprises:")."""
GAP_WIDE_FACTOR = 0.8
"""Pairs in wider gaps need ``GAP_WIDE_FACTOR * pair_threshold``."""
GAP_MAX = 6
"""Gaps with more sentences than this on either side are not filled by position."""
EXACT_SCORE = 1.0
GROUP_SEED = 0.8
"""Groups are looked for around candidate pairs scoring ``GROUP_SEED * pair_threshold``."""
GROUP_CONTAINMENT = 0.6
"""Share of a group's extra sentence that must be found in the other side, in [0, 1]."""
MAX_GROUP = 4
"""Most sentences on the many side of a split or merge."""

CONTEXT_BONUS = 0.01
"""Chain weight for each matching neighbour of a pair of copies of one sentence: more than
any tie-break, far less than a pair."""

WeightFn = Callable[[int, int, int, int, float, float], float]
"""weight(a0, a1, b0, b1, score, floor) of a candidate item spanning A positions a0..a1 and B
positions b0..b1 (inclusive) in the chain."""


# Match and _Item are plain slotted records, not frozen ones: long texts build them by the ten
# thousand, and a frozen dataclass costs about four times as much to build.
@dataclass(slots=True)
class Match:
    """An aligned group: A positions ``a`` with B positions ``b`` (both ascending)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool
    why: str


@dataclass(slots=True)
class _Item:
    a0: int
    a1: int
    b0: int
    b1: int
    score: float
    weight: float
    why: str


def align(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    word_counts_a: Sequence[int],
    word_counts_b: Sequence[int],
    paragraphs_a: Sequence[int],
    paragraphs_b: Sequence[int],
    finished_a: Sequence[bool],
    finished_b: Sequence[bool],
    scorer: Scorer,
    options: CompareOptions,
) -> list[Match]:
    """Align two sentence lists; returns the matched groups (spine and moves) in A order.

    ``keys_*`` are exact-match keys, ``word_counts_*`` the sentences' word counts,
    ``finished_*`` whether each ends with sentence punctuation (a headline does not),
    ``paragraphs_*`` their paragraphs' numbers, ``scorer`` scores pairs between the same two
    lists.
    """
    na, nb = len(keys_a), len(keys_b)
    wc_a, wc_b = word_counts_a, word_counts_b
    tau = options.pair_threshold
    tie = _Tie(keys_a, keys_b)

    def same_neighbours(i: int, j: int) -> int:
        """How many of the sentences next to ``i`` and ``j`` in their paragraphs (the one just
        before, the one just after) are the same on both sides."""
        pa, pb = paragraphs_a, paragraphs_b
        before = (
            i > 0 and j > 0 and pa[i - 1] == pa[i] and pb[j - 1] == pb[j]
            and keys_a[i - 1] == keys_b[j - 1]
        )  # fmt: skip
        after = (
            i + 1 < na and j + 1 < nb and pa[i + 1] == pa[i] and pb[j + 1] == pb[j]
            and keys_a[i + 1] == keys_b[j + 1]
        )  # fmt: skip
        return before + after

    def weight(a0: int, a1: int, b0: int, b1: int, score: float, floor: float) -> float:
        words = _span_sum(wc_a, a0, a1) + _span_sum(wc_b, b0, b1)
        return (score - floor + 0.01) * math.log2(2 + words) + tie(a0, a1, b0, b1)

    items: list[_Item] = []
    exact_a: set[int] = set()
    exact_b: set[int] = set()
    groups = _exact_groups(keys_a, keys_b)
    nearest = _NearestCopy([(a[0], b[0]) for a, b in groups if len(a) == len(b) == 1])
    for a_pos, b_pos in groups:
        if len(a_pos) * len(b_pos) <= 16:
            pairs = [(i, j) for i in a_pos for j in b_pos]
        else:
            pairs = nearest.pairs(a_pos, b_pos)
        copies = len(a_pos) > 1 or len(b_pos) > 1
        for i, j in pairs:
            w = weight(i, i, j, j, EXACT_SCORE, tau) * 1.5
            if copies:  # which copy: the one whose neighbours match too
                w += CONTEXT_BONUS * same_neighbours(i, j)
            items.append(_Item(i, i, j, j, EXACT_SCORE, w, "same text"))
        exact_a.update(a_pos)
        exact_b.update(b_pos)

    free_a = [i for i in range(na) if i not in exact_a]
    free_b = [j for j in range(nb) if j not in exact_b]
    scored: dict[tuple[int, int], float] = {}
    for i, j in scorer.candidate_pairs(free_a, free_b, options.candidates_per_sentence):
        s = scored[i, j] = scorer.score(i, j)
        if s >= tau:
            items.append(_Item(i, i, j, j, s, weight(i, i, j, j, s, tau), "similar words"))
    items.extend(
        _groups(scored, scorer, exact_a, exact_b, (paragraphs_a, finished_a),
                (paragraphs_b, finished_b), options, weight)
    )  # fmt: skip

    spine = _heaviest_chain(items)
    spine = _fill_gaps(spine, scorer, na, nb, tau, weight)
    matches = [
        Match(
            tuple(range(it.a0, it.a1 + 1)), tuple(range(it.b0, it.b1 + 1)), it.score, False, it.why
        )
        for it in spine
    ]
    moves = _moves(spine, keys_a, keys_b, wc_a, wc_b, scorer, options, tie)
    moves = _without_stray_copies(moves, keys_a, keys_b, paragraphs_a, paragraphs_b)
    matches = _grown(
        [*matches, *moves], (paragraphs_a, finished_a), (paragraphs_b, finished_b), scorer, options
    )
    matches.sort(key=lambda m: m.a[0])
    return matches


class _Tie:
    """A tiny weight that breaks ties the same way whichever text is A: pairs nearer the
    diagonal (similar relative, then absolute position) first, then a checksum of the texts
    (sums are symmetric).  Checksums are computed once per sentence."""

    def __init__(self, keys_a: Sequence[str], keys_b: Sequence[str]) -> None:
        self.na, self.nb = len(keys_a), len(keys_b)
        self.crc_a = [zlib.crc32(k.encode()) for k in keys_a]
        self.crc_b = [zlib.crc32(k.encode()) for k in keys_b]

    def __call__(self, a0: int, a1: int, b0: int, b1: int) -> float:
        offset = abs(a0 / self.na - b0 / self.nb)
        h = _span_sum(self.crc_a, a0, a1) + _span_sum(self.crc_b, b0, b1)
        return (1.0 - offset) * 1e-6 + 1e-8 / (1 + abs(a0 - b0)) + (h % 997) * 1e-11


class _NearestCopy:
    """Candidate pairs among many copies of one sentence ("The company declined to comment."):
    each copy on one side with the copies on the other side nearest to where it is expected
    there, judged from the last sentence before it that both sides have exactly once.  Two
    per copy, from both sides (so swapping A and B gives the same pairs), instead of all
    pairs (quadratic) or the i-th copy with the i-th (wrong after one cut or added copy)."""

    def __init__(self, anchors: list[tuple[int, int]]) -> None:
        self.by_a = sorted(anchors)
        self.a_keys = [a for a, _ in self.by_a]
        self.by_b = sorted((b, a) for a, b in anchors)
        self.b_keys = [b for b, _ in self.by_b]

    def pairs(self, a_pos: list[int], b_pos: list[int]) -> list[tuple[int, int]]:
        out = {(i, j) for i in a_pos for j in _near(b_pos, _expected(i, self.a_keys, self.by_a))}
        out.update(
            (i, j) for j in b_pos for i in _near(a_pos, _expected(j, self.b_keys, self.by_b))
        )
        return sorted(out)


def _expected(pos: int, keys: list[int], anchors: list[tuple[int, int]]) -> int:
    """Where ``pos`` should be on the other side: the same distance after the last anchor."""
    k = bisect.bisect_right(keys, pos) - 1
    if k < 0:
        return pos
    here, there = anchors[k]
    return there + pos - here


def _near(positions: list[int], target: int) -> list[int]:
    """The ascending ``positions`` nearest to ``target``: the last before it and the first
    at or after it."""
    k = bisect.bisect_left(positions, target)
    return positions[max(0, k - 1) : k + 1]


def _span_sum(values: Sequence[int], first: int, last: int) -> int:
    """``values[first] + ... + values[last]``; most spans are one sentence long."""
    return values[first] if first == last else sum(values[first : last + 1])


def _exact_groups(
    keys_a: Sequence[str], keys_b: Sequence[str]
) -> list[tuple[list[int], list[int]]]:
    where_b: dict[str, list[int]] = {}
    for j, k in enumerate(keys_b):
        if k:
            where_b.setdefault(k, []).append(j)
    where_a: dict[str, list[int]] = {}
    for i, k in enumerate(keys_a):
        if k in where_b:
            where_a.setdefault(k, []).append(i)
    return [(a_pos, where_b[k]) for k, a_pos in where_a.items()]


def _groups(
    scored: dict[tuple[int, int], float],
    scorer: Scorer,
    exact_a: set[int],
    exact_b: set[int],
    layout_a: Layout,
    layout_b: Layout,
    options: CompareOptions,
    weight: WeightFn,
) -> list[_Item]:
    """1:2 and 2:1 groups around candidate pairs whose many side is contained in the one side
    and which score about as well as their best 1:1 pair.  ``layout_*`` are each side's
    paragraph numbers and finished flags: the many side may cross a paragraph break only
    after a finished sentence (a headline is not the first half of the lead below it)."""
    na, nb = len(layout_a[0]), len(layout_b[0])

    def single(i: int, j: int) -> float:
        if (i, j) not in scored:
            scored[i, j] = scorer.score(i, j)
        return scored[i, j]

    # Groups are sought around each sentence's best partner only, so the work stays linear
    # however many candidates a sentence has.
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for (i, j), s in scored.items():
        if s > best_a.get(i, (-1.0, 0))[0]:
            best_a[i] = (s, j)
        if s > best_b.get(j, (-1.0, 0))[0]:
            best_b[j] = (s, i)
    seeds = {(i, j) for i, (_, j) in best_a.items()} | {(i, j) for j, (_, i) in best_b.items()}
    seen: set[tuple[int, int, int, int]] = set()
    out: list[_Item] = []
    for i, j in sorted(seeds):
        if scored[i, j] < options.pair_threshold * GROUP_SEED:
            continue
        shapes = [
            (i, i, min(j, y), max(j, y))
            for y in (j - 1, j + 1)
            if 0 <= y < nb and y not in exact_b and _joinable(y, j, layout_b)
        ]
        shapes += [
            (min(i, x), max(i, x), j, j)
            for x in (i - 1, i + 1)
            if 0 <= x < na and x not in exact_a and _joinable(x, i, layout_a)
        ]
        for shape in shapes:
            if shape in seen:
                continue
            seen.add(shape)
            g = _group_score(shape, scorer, options, single)
            if g is not None:
                a0, a1, b0, b1 = shape
                w = weight(a0, a1, b0, b1, g, options.pair_threshold)
                out.append(_Item(a0, a1, b0, b1, g, w, _group_why(shape)))
    return out


Layout = tuple[Sequence[int], Sequence[bool]]
"""One side's paragraph numbers and finished flags, per sentence."""


def _joinable(x: int, y: int, layout: Layout) -> bool:
    """May neighbours ``x`` and ``y`` be pieces of one split or merge?  Within a paragraph,
    yes; across a paragraph break, only after a finished sentence (a headline is not the
    first half of the lead below it)."""
    paragraphs, finished = layout
    return paragraphs[x] == paragraphs[y] or finished[min(x, y)]


def _group_score(
    shape: tuple[int, int, int, int],
    scorer: Scorer,
    options: CompareOptions,
    single: Callable[[int, int], float],
    base: float = 0.0,
) -> float | None:
    """The score of the 1:n or n:1 group ``shape`` (a0, a1, b0, b1; inclusive), or None when
    it does not beat its best 1:1 pair (scored by ``single``) or ``base`` (the score of the
    smaller group it grows from): see the module docstring."""
    a0, a1, b0, b1 = shape
    a_ids, b_ids = range(a0, a1 + 1), range(b0, b1 + 1)
    # Each sentence of the many side must be mostly found in the one side: containment is
    # what reveals a half sentence (its cosine alone stays low).
    floor = GROUP_CONTAINMENT / 2
    if a0 == a1:
        shares = (scorer.contained_b(j, a0) for j in b_ids)
    else:
        shares = (scorer.contained_a(i, b0) for i in a_ids)
    share = 1.0
    for x in shares:  # most groups fail on one sentence: stop there
        if x < floor:
            return None
        share = min(share, x)
    g = scorer.score_group(a_ids, b_ids)
    if g < options.pair_threshold:
        return None
    best = max(base, max(single(x, y) for x in a_ids for y in b_ids))
    if g >= best + options.group_margin or (
        share >= GROUP_CONTAINMENT and g >= best - options.group_margin
    ):
        return g
    return None


_COUNTS = ("", "one", "two", "three", "four")
"""Number words up to ``MAX_GROUP``, the most sentences a group's many side has."""


def _group_why(shape: tuple[int, int, int, int]) -> str:
    a0, a1, b0, b1 = shape
    if a0 == a1:
        return f"one sentence split in {_COUNTS[b1 - b0 + 1]}"
    return f"{_COUNTS[a1 - a0 + 1]} sentences merged"


def _heaviest_chain(items: list[_Item]) -> list[_Item]:
    """The max-weight chain of items strictly increasing in A and B.

    A staircase of the best chain ending at each B position, kept increasing in value (an
    entry no better than one at a lower B position can never be the best), searched with
    ``bisect``: O(items log items), with the search in C.
    """
    if len(items) < 2:
        return list(items)
    stair_b: list[int] = []  # ascending B positions
    stair_val: list[float] = []  # strictly ascending values of the best chains ending there
    stair_arg: list[int] = []

    order = sorted(range(len(items)), key=[it.a0 for it in items].__getitem__)
    ending: dict[int, list[int]] = {}
    for n in order:
        ending.setdefault(items[n].a1, []).append(n)
    value = [0.0] * len(items)
    parent = [-1] * len(items)
    pos = 0
    for a in sorted({it.a0 for it in items} | set(ending)):
        while pos < len(order) and items[order[pos]].a0 == a:
            n = order[pos]
            k = bisect.bisect_left(stair_b, items[n].b0) - 1  # best chain ending before b0
            if k >= 0:
                value[n], parent[n] = stair_val[k] + items[n].weight, stair_arg[k]
            else:
                value[n] = items[n].weight
            pos += 1
        for n in ending.get(a, ()):
            b, val = items[n].b1, value[n]
            k = bisect.bisect_right(stair_b, b)
            if k and stair_val[k - 1] >= val:
                continue  # a chain as good ends at or before b already
            # Entries from b on that are no better are dominated by this one.
            stop = bisect.bisect_right(stair_val, val, k)
            stair_b[k:stop] = [b]
            stair_val[k:stop] = [val]
            stair_arg[k:stop] = [n]
            if k and stair_b[k - 1] == b:  # the old entry at b was worse
                del stair_b[k - 1], stair_val[k - 1], stair_arg[k - 1]
    n = max(range(len(items)), key=value.__getitem__)
    chain = []
    while n != -1:
        chain.append(items[n])
        n = parent[n]
    return chain[::-1]


def _fill_gaps(
    spine: list[_Item], scorer: Scorer, na: int, nb: int, tau: float, weight: WeightFn
) -> list[_Item]:
    """Pair sentences left between two spine items when the gap is small on both sides.

    A 1:1 gap is most likely one rewritten sentence, so it needs only ``GAP_FACTOR * tau``;
    wider gaps need ``GAP_WIDE_FACTOR * tau``.  Filling can leave 1:1 gaps behind, so a
    second pass looks at those.
    """
    tried: set[tuple[int, int, int, int]] = set()
    for _ in range(2):
        bounds = [(-1, -1), *((it.a1, it.b1) for it in spine)]
        starts = [*((it.a0, it.b0) for it in spine), (na, nb)]
        extra: list[_Item] = []
        for (pa, pb), (qa, qb) in zip(bounds, starts, strict=True):
            if not (0 < qa - pa - 1 <= GAP_MAX and 0 < qb - pb - 1 <= GAP_MAX):
                continue
            if (pa, pb, qa, qb) in tried:
                continue  # the first pass found nothing here (filling splits a gap)
            tried.add((pa, pb, qa, qb))
            gap_a, gap_b = range(pa + 1, qa), range(pb + 1, qb)
            one = len(gap_a) == len(gap_b) == 1
            floor = tau * (GAP_FACTOR if one else GAP_WIDE_FACTOR)
            local = []
            for i in gap_a:
                for j in gap_b:
                    s = scorer.score(i, j)
                    if s >= floor:
                        w = weight(i, i, j, j, s, floor)
                        local.append(_Item(i, i, j, j, s, w, "in place"))
            extra.extend(_heaviest_chain(local))
        if not extra:
            break
        spine = sorted([*spine, *extra], key=lambda it: it.a0)
    return spine


def _without_stray_copies(
    moves: list[Match],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    paragraphs_a: Sequence[int],
    paragraphs_b: Sequence[int],
) -> list[Match]:
    """``moves`` less those of a sentence the texts have several copies of ("The company
    declined to comment.") that no neighbour in its paragraph moved with: such a copy alone
    says nothing about where text went (a cut paragraph's copy is not a move to an added
    one's)."""
    copies_a, copies_b = Counter(keys_a), Counter(keys_b)
    pairs = {(m.a[0], m.b[0]) for m in moves}

    def kept(m: Match) -> bool:
        i, j = m.a[0], m.b[0]
        if copies_a[keys_a[i]] < 2 and copies_b[keys_b[j]] < 2:
            return True
        return any(
            (i + d, j + d) in pairs
            and paragraphs_a[i + d] == paragraphs_a[i]
            and paragraphs_b[j + d] == paragraphs_b[j]
            for d in (-1, 1)
        )

    return [m for m in moves if kept(m)]


def _moves(
    spine: list[_Item],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    wc_a: Sequence[int],
    wc_b: Sequence[int],
    scorer: Scorer,
    options: CompareOptions,
    tie: _Tie,
) -> list[Match]:
    """Greedy best-first pairing of left-over sentences across the whole text."""
    used_a = {i for it in spine for i in range(it.a0, it.a1 + 1)}
    used_b = {j for it in spine for j in range(it.b0, it.b1 + 1)}
    left_a = [
        i for i in range(len(keys_a)) if i not in used_a and wc_a[i] >= options.move_min_words
    ]
    left_b = [
        j for j in range(len(keys_b)) if j not in used_b and wc_b[j] >= options.move_min_words
    ]
    if not left_a or not left_b:
        return []
    pairs: list[tuple[float, int, int]] = []
    for a_pos, b_pos in _exact_groups([keys_a[i] for i in left_a], [keys_b[j] for j in left_b]):
        # Many copies of one sentence ("The company declined to comment."): pair in order.
        combos = (
            zip(a_pos, b_pos, strict=False)
            if len(a_pos) * len(b_pos) > 16
            else ((x, y) for x in a_pos for y in b_pos)
        )
        pairs.extend((EXACT_SCORE, left_a[x], left_b[y]) for x, y in combos)
    # Sentences with an exact copy left on the other side pair with it, not by similarity;
    # on both sides alike, so that swapping A and B finds the same moves.
    exact_a, exact_b = {i for _, i, _ in pairs}, {j for _, _, j in pairs}
    for i, j in scorer.candidate_pairs(
        [i for i in left_a if i not in exact_a],
        [j for j in left_b if j not in exact_b],
        options.candidates_per_sentence,
    ):
        s = scorer.score(i, j)
        if s >= options.move_threshold:
            pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], -tie(p[1], p[1], p[2], p[2])))
    out = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for s, i, j in pairs:
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        out.append(Match((i,), (j,), s, True, "same text elsewhere" if s == 1.0 else "moved"))
    return out


def _grown(
    matches: list[Match],
    layout_a: Layout,
    layout_b: Layout,
    scorer: Scorer,
    options: CompareOptions,
) -> list[Match]:
    """``matches`` with each pair or group grown, a sentence at a time, by an unpaired sentence
    next to its many side (either side of a pair; see :func:`_joinable`) that is one more
    piece of a split or merge: a sentence cut in three, or a paragraph moved and tightened
    ("X said A. He said B." elsewhere as "X said A, and that B.") as one moved merge rather
    than a move and a cut.  Each growth must pass the group test of step 1."""
    free_a = set(range(len(layout_a[0]))).difference(*(m.a for m in matches))
    free_b = set(range(len(layout_b[0]))).difference(*(m.b for m in matches))
    out = []
    for m in matches:
        # A pair of the same words cannot hold more of one side's text: what it would take in
        # is a near copy of its sentence ("... for unsafe ventilation." beside "... for poor
        # ventilation."), which is removed or added, not merged.  Most matches have paired
        # neighbours on both sides: nothing to try.
        while m.score < EXACT_SCORE and (
            m.a[0] - 1 in free_a or m.a[-1] + 1 in free_a
            or m.b[0] - 1 in free_b or m.b[-1] + 1 in free_b
        ):  # fmt: skip
            bigger = _grown_once(m, free_a, free_b, layout_a, layout_b, scorer, options)
            if bigger is None:
                break
            m = bigger
            free_a.difference_update(m.a)
            free_b.difference_update(m.b)
        out.append(m)
    return out


def _grown_once(
    m: Match,
    free_a: set[int],
    free_b: set[int],
    layout_a: Layout,
    layout_b: Layout,
    scorer: Scorer,
    options: CompareOptions,
) -> Match | None:
    """``m`` with the best unpaired neighbour added to its many side, or None."""
    a0, a1, b0, b1 = m.a[0], m.a[-1], m.b[0], m.b[-1]
    shapes = []
    if a0 == a1 and b1 - b0 < MAX_GROUP - 1:  # one A sentence: B may gain one
        shapes += [(a0, a1, min(b0, y), max(b1, y)) for y, edge in ((b0 - 1, b0), (b1 + 1, b1))
                   if y in free_b and _joinable(y, edge, layout_b)]  # fmt: skip
    if b0 == b1 and a1 - a0 < MAX_GROUP - 1:
        shapes += [(min(a0, x), max(a1, x), b0, b1) for x, edge in ((a0 - 1, a0), (a1 + 1, a1))
                   if x in free_a and _joinable(x, edge, layout_a)]  # fmt: skip
    best: tuple[float, tuple[int, int, int, int]] | None = None
    for shape in shapes:
        g = _group_score(shape, scorer, options, scorer.score, base=m.score)
        if g is not None and (best is None or g > best[0]):
            best = (g, shape)
    if best is None:
        return None
    g, shape = best
    why = _group_why(shape)
    a_ids, b_ids = tuple(range(shape[0], shape[1] + 1)), tuple(range(shape[2], shape[3] + 1))
    return Match(a_ids, b_ids, g, m.moved, f"moved: {why}" if m.moved else why)
