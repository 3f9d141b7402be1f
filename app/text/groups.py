"""Splits and merges: one sentence on one side with up to ``MAX_GROUP`` on the other.

Step 1 of :mod:`app.text.align` (whose docstring gives the rules) looks for 1:2 and 2:1
groups around candidate pairs (:func:`group_items`); step 5 grows pairs and groups a sentence
at a time (:func:`grown`).  Both hold a group to the same test (:func:`group_score`) and join
its pieces by the same rule (:func:`joinable`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.text.chain import SAME_WORDS, Item, Match, WeightFn
from app.text.options import CompareOptions
from app.text.similarity import Scorer

GROUP_SEED = 0.8
"""Groups are looked for around candidate pairs scoring ``GROUP_SEED * pair_threshold``."""
GROUP_CONTAINMENT = 0.6
"""Share of a group's extra sentence that must be found in the other side, in [0, 1]."""
GROUP_COVER = 0.15
"""Weighted share of the one side that a spun piece must add to what the other pieces hold."""
MAX_GROUP = 4
"""Most sentences on the many side of a split or merge."""


Layout = tuple[Sequence[int], Sequence[bool]]
"""One side's paragraph numbers and finished flags, per sentence."""


def joinable(x: int, y: int, layout: Layout) -> bool:
    """May neighbours ``x`` and ``y`` be pieces of one split or merge?  Within a paragraph,
    yes; across a paragraph break, only after a finished sentence (a headline is not the
    first half of the lead below it)."""
    paragraphs, finished = layout
    return paragraphs[x] == paragraphs[y] or finished[min(x, y)]


def group_items(
    scored: Mapping[tuple[int, int], float],
    scorer: Scorer,
    exact_a: set[int],
    exact_b: set[int],
    layout_a: Layout,
    layout_b: Layout,
    options: CompareOptions,
    weight: WeightFn,
) -> list[Item]:
    """1:2 and 2:1 groups around candidate pairs whose many side is contained in the one side
    and which score about as well as their best 1:1 pair.  ``layout_*`` are each side's
    paragraph numbers and finished flags: the many side may cross a paragraph break only
    after a finished sentence (a headline is not the first half of the lead below it)."""
    na, nb = len(layout_a[0]), len(layout_b[0])
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
    out: list[Item] = []
    for i, j in sorted(seeds):
        if scored[i, j] < options.pair_threshold * GROUP_SEED:
            continue
        shapes = [
            (i, i, min(j, y), max(j, y))
            for y in (j - 1, j + 1)
            if 0 <= y < nb and y not in exact_b and joinable(y, j, layout_b)
        ]
        shapes += [
            (min(i, x), max(i, x), j, j)
            for x in (i - 1, i + 1)
            if 0 <= x < na and x not in exact_a and joinable(x, i, layout_a)
        ]
        for shape in shapes:
            if shape in seen:
                continue
            seen.add(shape)
            g = group_score(shape, scorer, options, scored)
            if g is not None:
                a0, a1, b0, b1 = shape
                w = weight(a0, a1, b0, b1, g, options.pair_threshold)
                out.append(Item(a0, a1, b0, b1, g, w, group_why(shape)))
    return out


def group_score(
    shape: tuple[int, int, int, int],
    scorer: Scorer,
    options: CompareOptions,
    scored: Mapping[tuple[int, int], float],
    base: float = 0.0,
) -> float | None:
    """The score of the 1:n or n:1 group ``shape`` (a0, a1, b0, b1; inclusive), or None when
    it does not beat its best 1:1 pair or ``base`` (the score of the smaller group it grows
    from): see step 1 in :mod:`app.text.align`.  ``scored`` holds the candidate pairs'
    scores, which tell a spun piece."""
    a0, a1, b0, b1 = shape
    a_ids, b_ids = range(a0, a1 + 1), range(b0, b1 + 1)
    tau = options.pair_threshold
    # Each sentence of the many side must be mostly found in the one side (containment is
    # what reveals a half sentence: its cosine alone stays low), or be a spun piece of it.
    # A piece that never was a candidate with the one side fails most often: it goes first.
    if a0 == a1:
        order = sorted(b_ids, key=lambda j: (a0, j) in scored)
        pieces = ((scorer.contained_b(j, a0), a0, j) for j in order)
    else:
        order = sorted(a_ids, key=lambda i: (i, b0) in scored)
        pieces = ((scorer.contained_a(i, b0), i, b0) for i in order)
    partly: list[tuple[int, int]] = []  # pieces less than mostly contained
    for share, i, j in pieces:  # most groups fail on one sentence: stop there
        if share < GROUP_CONTAINMENT / 2:
            if not _spun_piece(shape, i, j, scorer, scored, tau):
                return None
        elif share < GROUP_CONTAINMENT:
            partly.append((i, j))
    g = scorer.score_group(a_ids, b_ids)
    if g < tau:
        return None
    best = max(base, max(scorer.score(x, y) for x in a_ids for y in b_ids))
    if g >= best + options.group_margin:
        return g
    close = g >= best - options.group_margin or _covers_its_one_side(shape, scorer)
    if close and all(_spun_piece(shape, i, j, scorer, scored, tau) for i, j in partly):
        return g
    return None


def _covers_its_one_side(shape: tuple[int, int, int, int], scorer: Scorer) -> bool:
    """Whether the two sentences of the many side of ``shape`` (a 1:2 or 2:1 group) hold most
    (``GROUP_CONTAINMENT``) of the one side while neither alone holds half of it.  Its best
    pair can then score higher only because a short piece lies wholly inside the long one
    side ("Ordonez then headed in a corner in the 54th minute." in a sentence that goes on
    to the penalty that the next piece scores with): the group tells where the rest of the
    one side went.  A bigger group is held to the usual test against the one it grows from,
    which already holds more than any one of its pieces."""
    a0, a1, b0, b1 = shape
    if (a1 - a0) + (b1 - b0) != 1:
        return False
    if a0 == a1:
        whole = scorer.cover_a(a0, range(b0, b1 + 1))
        alone = max(scorer.contained_a(a0, j) for j in range(b0, b1 + 1))
    else:
        whole = scorer.cover_b(b0, range(a0, a1 + 1))
        alone = max(scorer.contained_b(b0, i) for i in range(a0, a1 + 1))
    return whole >= GROUP_CONTAINMENT and alone < 0.5


def _spun_piece(
    shape: tuple[int, int, int, int],
    i: int,
    j: int,
    scorer: Scorer,
    scored: Mapping[tuple[int, int], float],
    tau: float,
) -> bool:
    """Whether piece ``i`` / ``j`` (the one side's sentence and a sentence of the many side)
    is a spun half: it pairs with the one side on its own, and it holds a part of it that the
    other pieces do not (``GROUP_COVER``).  Both halves of a split that a spinner reworded
    pass, while a new sentence that only repeats the names of its neighbour ("Alvarez has led
    the board since 2019.") adds nothing to what that neighbour already covers."""
    if scored.get((i, j), 0.0) < tau:  # only candidates: most pieces are never scored alone
        return False
    a0, a1, b0, b1 = shape
    if a0 == a1:
        rest = [y for y in range(b0, b1 + 1) if y != j]
        gain = scorer.cover_a(i, range(b0, b1 + 1)) - scorer.cover_a(i, rest)
    else:
        rest = [x for x in range(a0, a1 + 1) if x != i]
        gain = scorer.cover_b(j, range(a0, a1 + 1)) - scorer.cover_b(j, rest)
    return gain >= GROUP_COVER


_COUNTS = ("", "one", "two", "three", "four")
"""Number words up to ``MAX_GROUP``, the most sentences a group's many side has."""


def group_why(shape: tuple[int, int, int, int]) -> str:
    a0, a1, b0, b1 = shape
    if a0 == a1:
        return f"one sentence split in {_COUNTS[b1 - b0 + 1]}"
    return f"{_COUNTS[a1 - a0 + 1]} sentences merged"


def grown(
    matches: list[Match],
    layout_a: Layout,
    layout_b: Layout,
    scorer: Scorer,
    scored: Mapping[tuple[int, int], float],
    options: CompareOptions,
) -> list[Match]:
    """``matches`` with each pair or group grown, a sentence at a time, by an unpaired sentence
    next to its many side (either side of a pair; see :func:`joinable`) that is one more
    piece of a split or merge: a sentence cut in three, or a paragraph moved and tightened
    ("X said A. He said B." elsewhere as "X said A, and that B.") as one moved merge rather
    than a move and a cut.  Each growth must pass :func:`group_score`."""
    free_a = set(range(len(layout_a[0]))).difference(*(m.a for m in matches))
    free_b = set(range(len(layout_b[0]))).difference(*(m.b for m in matches))
    out = []
    for m in matches:
        # A pair of the same words cannot hold more of one side's text: what it would take in
        # is a near copy of its sentence ("... for unsafe ventilation." beside "... for poor
        # ventilation."), which is removed or added, not merged.  Most matches have paired
        # neighbours on both sides: nothing to try.
        while m.score < SAME_WORDS and (
            m.a[0] - 1 in free_a or m.a[-1] + 1 in free_a
            or m.b[0] - 1 in free_b or m.b[-1] + 1 in free_b
        ):  # fmt: skip
            bigger = _grown_once(m, free_a, free_b, (layout_a, layout_b), scorer, scored, options)
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
    layouts: tuple[Layout, Layout],
    scorer: Scorer,
    scored: Mapping[tuple[int, int], float],
    options: CompareOptions,
) -> Match | None:
    """``m`` with the best unpaired neighbour added to its many side, or None."""
    a0, a1, b0, b1 = m.a[0], m.a[-1], m.b[0], m.b[-1]
    layout_a, layout_b = layouts
    shapes = []
    if a0 == a1 and b1 - b0 < MAX_GROUP - 1:  # one A sentence: B may gain one
        shapes += [(a0, a1, min(b0, y), max(b1, y)) for y, edge in ((b0 - 1, b0), (b1 + 1, b1))
                   if y in free_b and joinable(y, edge, layout_b)]  # fmt: skip
    if b0 == b1 and a1 - a0 < MAX_GROUP - 1:
        shapes += [(min(a0, x), max(a1, x), b0, b1) for x, edge in ((a0 - 1, a0), (a1 + 1, a1))
                   if x in free_a and joinable(x, edge, layout_a)]  # fmt: skip
    best: tuple[float, tuple[int, int, int, int]] | None = None
    for shape in shapes:
        g = group_score(shape, scorer, options, scored, base=m.score)
        if g is not None and (best is None or g > best[0]):
            best = (g, shape)
    if best is None:
        return None
    g, shape = best
    why = group_why(shape)
    a_ids, b_ids = tuple(range(shape[0], shape[1] + 1)), tuple(range(shape[2], shape[3] + 1))
    return Match(a_ids, b_ids, g, m.moved, f"moved: {why}" if m.moved else why)
