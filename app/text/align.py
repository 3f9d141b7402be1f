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
   (``GROUP_CONTAINMENT``) found in the one side, or is a spun piece of it (pairs with it on
   its own and holds a part of it that the other pieces lack), and it scores about as well
   as its best 1:1 pair (within ``group_margin``) or holds most of the one side where
   neither of its two pieces holds half, or when it beats that pair by ``group_margin``
   and its many side is at least half that much contained (or spun).  A
   many side crosses a paragraph break only after a finished sentence.  The chain weighs
   groups against pairs.
2. **Spine.**  The heaviest chain of items increasing on both sides (weighted by score above
   the threshold and by length), found in O(items log items) with a staircase of the best
   chain ending at each B position, so the cost never grows with n x m.  A group whose
   piece pairs far better with a sentence the spine left out is cut back to its pair, and
   the piece moves (see :func:`_released`).
3. **Gaps.**  Between two spine items, the few sentences left on each side are scored against
   each other; in-order pairs above a lower threshold join the spine (position is a prior,
   strongest when one sentence is left on each side), unless, below ``pair_threshold``, the
   two name different people, places and numbers (two stories on one template), or, short
   of a close rewording, one of them is a sentence that each text has once word for word
   and the spine left out (its copy elsewhere is its partner: step 4 moves it).
4. **Moves.**  Left-over sentences pair across the whole text when the pair scores at least
   ``move_threshold``, both sides have at least ``move_min_words`` words, and the two do not
   differ in every name and every number (another story on the same template); a copy of a
   sentence the texts repeat moves only along with a neighbour, and of its copies the one
   whose neighbours pair too is taken first.  A shorter sentence ("Police said.") moves with
   its moved neighbour when both sides have it word for word.
5. **Growth.**  A pair or group, in place or moved, takes in an unpaired sentence next to
   its many side (across a paragraph break only after a finished sentence, as in step 1)
   when the bigger group passes the test of step 1 against its best pair and against the
   group it grows from (up to ``MAX_GROUP`` pieces): a sentence cut in three is one split,
   and a paragraph moved and tightened is one moved merge, not a move and a cut.  A pair of
   the same words never grows: its neighbour can only be a near copy of it.
6. **Spun leftovers.**  In two paraphrased paragraphs that pair with each other, the last
   sentence left unpaired in each pairs with the other when both are built alike or share
   a number, and their names and numbers do not differ, in place or moved (see
   :func:`~app.text.spun.spun_leftovers`).
7. **Spun pieces.**  In a copy whose pairs are mostly paraphrased, an unpaired sentence next
   to a pair (or a split's or merge's many side) in such a paragraph joins it when what
   pairs holds under half of its long sentence, becomes about its length with the piece,
   and the piece holds some of what it lacks, a piece at a time up to ``MAX_GROUP`` (see
   :func:`~app.text.spun.spun_pieces`).

Everything still unpaired is added (B) or removed (A).
"""

from __future__ import annotations

import bisect
import math
import zlib
from collections import Counter
from collections.abc import Sequence

from app.text.chain import EXACT_SCORE, Item, Match, WeightFn, heaviest_chain
from app.text.groups import GROUP_CONTAINMENT, group_items, grown
from app.text.options import CompareOptions
from app.text.similarity import Scorer
from app.text.spun import paraphrase_steps

GAP_FACTOR = 0.5
"""A 1:1 gap's pair needs ``GAP_FACTOR * pair_threshold``: its position is evidence.  A pair
scoring that much still shares at least the scorer's ``CONTAINMENT_FLOOR`` of its weighted
stems, as a spun lead-in does ("The plan includes:" / "The scheme comprises:")."""
GAP_WIDE_FACTOR = 0.8
"""Pairs in wider gaps need ``GAP_WIDE_FACTOR * pair_threshold``."""
GAP_MAX = 6
"""Gaps with more sentences than this on either side are not filled by position."""
GAP_COPY_MAX = 0.8
"""A gap's pair of a sentence that each text has once, word for word, elsewhere, needs this
much (a close rewording in its slot); below, the copy is its partner (see
:func:`_fill_gaps`)."""
CONTEXT_BONUS = 0.01
"""Chain weight for each matching neighbour of a pair of copies of one sentence: more than
any tie-break, far less than a pair."""


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

    items: list[Item] = []
    exact_a: set[int] = set()
    exact_b: set[int] = set()
    groups = _exactgroup_items(keys_a, keys_b)
    # The sentences that each side has once, word for word: anchors for copies, and partners
    # that a gap must not pair with another sentence.
    unique = [(a[0], b[0]) for a, b in groups if len(a) == len(b) == 1]
    nearest = _NearestCopy(unique)
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
            items.append(Item(i, i, j, j, EXACT_SCORE, w, "same words"))
        exact_a.update(a_pos)
        exact_b.update(b_pos)

    free_a = [i for i in range(na) if i not in exact_a]
    free_b = [j for j in range(nb) if j not in exact_b]
    scored: dict[tuple[int, int], float] = {}
    for i, j in scorer.candidate_pairs(free_a, free_b, options.candidates_per_sentence):
        s = scored[i, j] = scorer.score(i, j)
        if s >= tau:
            items.append(Item(i, i, j, j, s, weight(i, i, j, j, s, tau), "similar words"))
    items.extend(
        group_items(scored, scorer, exact_a, exact_b, (paragraphs_a, finished_a),
                (paragraphs_b, finished_b), options, weight)
    )  # fmt: skip

    spine = heaviest_chain(items)
    spine = _released(spine, scored, scorer, options, weight)
    spine = _fill_gaps(spine, scorer, (keys_a, keys_b), unique, tau, weight)
    matches = [
        Match(
            tuple(range(it.a0, it.a1 + 1)), tuple(range(it.b0, it.b1 + 1)), it.score, False, it.why
        )
        for it in spine
    ]
    moves = _moves(spine, keys_a, keys_b, wc_a, wc_b, finished_a, scorer, options, tie)
    moves = _without_stray_copies(moves, keys_a, keys_b, paragraphs_a, paragraphs_b)
    matches = grown(
        [*matches, *moves],
        (paragraphs_a, finished_a),
        (paragraphs_b, finished_b),
        scorer,
        scored,
        options,
    )
    matches = paraphrase_steps(
        matches, (keys_a, keys_b), (paragraphs_a, paragraphs_b), (wc_a, wc_b), scorer, tau
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


def _exactgroup_items(
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


def _released(
    spine: list[Item],
    scored: dict[tuple[int, int], float],
    scorer: Scorer,
    options: CompareOptions,
    weight: WeightFn,
) -> list[Item]:
    """The spine, with each 1:2 or 2:1 group that took in a piece belonging elsewhere cut
    back to its pair: a piece barely found in the group's one side (under
    ``GROUP_CONTAINMENT``) that pairs far better (by twice ``group_margin``, and at least
    ``move_threshold``) with a sentence the spine left out.  That sentence then takes it as
    a move: an arrest paragraph promoted to be the new lede is not the second half of the
    old lede."""
    # (spine position, piece, the group's one sentence) of each piece barely found in its
    # group's one side, A pieces and B pieces apart: most groups have none.
    loose: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] = ([], [])
    for k, it in enumerate(spine):
        if it.a0 == it.a1 and it.b1 == it.b0 + 1:  # a split: the pieces are on B
            loose[1].extend(
                (k, j, it.a0) for j in (it.b0, it.b1)
                if scorer.contained_b(j, it.a0) < GROUP_CONTAINMENT
            )  # fmt: skip
        elif it.b0 == it.b1 and it.a1 == it.a0 + 1:  # a merge: the pieces are on A
            loose[0].extend(
                (k, i, it.b0) for i in (it.a0, it.a1)
                if scorer.contained_a(i, it.b0) < GROUP_CONTAINMENT
            )  # fmt: skip
    if not loose[0] and not loose[1]:
        return spine
    used_a = {i for it in spine for i in range(it.a0, it.a1 + 1)}
    used_b = {j for it in spine for j in range(it.b0, it.b1 + 1)}
    pieces_a, pieces_b = {i for _, i, _ in loose[0]}, {j for _, j, _ in loose[1]}
    elsewhere: dict[tuple[str, int], float] = {}  # a piece -> its best score with a left-out one
    for (i, j), s in scored.items():
        if i in pieces_a and j not in used_b:
            elsewhere["a", i] = max(s, elsewhere.get(("a", i), 0.0))
        elif j in pieces_b and i not in used_a:
            elsewhere["b", j] = max(s, elsewhere.get(("b", j), 0.0))
    stolen: dict[int, list[tuple[int, int]]] = {}  # spine position -> the pair left behind
    for side, pieces in zip("ab", loose, strict=True):
        for k, piece, one in pieces:
            own = scorer.score(piece, one) if side == "a" else scorer.score(one, piece)
            there = elsewhere.get((side, piece), 0.0)
            if there >= options.move_threshold and there >= own + 2 * options.group_margin:
                it = spine[k]
                if side == "a":
                    stolen.setdefault(k, []).append((it.a1 if piece == it.a0 else it.a0, one))
                else:
                    stolen.setdefault(k, []).append((one, it.b1 if piece == it.b0 else it.b0))
    out = list(spine)
    for k, pairs in stolen.items():
        if len(pairs) == 1 and scorer.score(*pairs[0]) >= options.pair_threshold:
            i, j = pairs[0]
            s = scorer.score(i, j)
            w = weight(i, i, j, j, s, options.pair_threshold)
            out[k] = Item(i, i, j, j, s, w, "similar words")
    return out


def _fill_gaps(
    spine: list[Item],
    scorer: Scorer,
    keys: tuple[Sequence[str], Sequence[str]],
    unique: list[tuple[int, int]],
    tau: float,
    weight: WeightFn,
) -> list[Item]:
    """Pair sentences left between two spine items when the gap is small on both sides.

    A 1:1 gap is most likely one rewritten sentence, so it needs only ``GAP_FACTOR * tau``;
    wider gaps need ``GAP_WIDE_FACTOR * tau``.  Filling can leave 1:1 gaps behind, so a
    second pass looks at those.  A sentence that each text has once, word for word
    (``unique``: the two positions), and that the spine left out, pairs with no other
    sentence by position: its copy is its
    partner, moved (a live report's "9:45 a.m." with its entry, not the "11:05 a.m." now in
    its slot).  A sentence the texts repeat may well be reworded in place.
    """
    keys_a, keys_b = keys
    na, nb = len(keys_a), len(keys_b)
    left_once: set[str] | None = None  # collected when first needed: most gaps never ask
    tried: set[tuple[int, int, int, int]] = set()
    for _ in range(2):
        bounds = [(-1, -1), *((it.a1, it.b1) for it in spine)]
        starts = [*((it.a0, it.b0) for it in spine), (na, nb)]
        extra: list[Item] = []
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
                    # Below the threshold only the slot tells: not when the two sentences
                    # name different people, places and numbers (two stories on a template).
                    if s < floor or (s < tau and scorer.facts_conflict(i, j)):
                        continue
                    # Nor, short of a close rewording, for a sentence with its copy elsewhere.
                    if s < GAP_COPY_MAX:
                        if left_once is None:
                            left_once = _left_once(spine, keys[0], unique)
                        if keys_a[i] in left_once or keys_b[j] in left_once:
                            continue
                    local.append(Item(i, i, j, j, s, weight(i, i, j, j, s, floor), "in place"))
            extra.extend(heaviest_chain(local))
        if not extra:
            break
        spine = sorted([*spine, *extra], key=lambda it: it.a0)
    return spine


def _left_once(spine: list[Item], keys_a: Sequence[str], unique: list[tuple[int, int]]) -> set[str]:
    """The keys of the ``unique`` pairs whose sentences ``spine`` leaves out on both sides."""
    in_spine_a = {i for it in spine for i in range(it.a0, it.a1 + 1)}
    in_spine_b = {j for it in spine for j in range(it.b0, it.b1 + 1)}
    return {keys_a[i] for i, j in unique if i not in in_spine_a and j not in in_spine_b}


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
    spine: list[Item],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    wc_a: Sequence[int],
    wc_b: Sequence[int],
    finished_a: Sequence[bool],
    scorer: Scorer,
    options: CompareOptions,
    tie: _Tie,
) -> list[Match]:
    """Greedy best-first pairing of left-over sentences across the whole text.
    ``finished_a`` tells which A sentences end like a sentence (a label does not)."""
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
    for a_pos, b_pos in _exactgroup_items([keys_a[i] for i in left_a], [keys_b[j] for j in left_b]):
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
        # Far from its place, only the words tell: not when the two sentences differ in
        # their names and in their numbers (another story on the same template).
        if s >= options.move_threshold and not scorer.other_story(i, j):
            pairs.append((s, i, j))
    # Of equal scores (copies of one sentence), the pair whose neighbours pair too comes
    # first: the copy that moved with its paragraph, not one cut elsewhere.
    cands = {(i, j) for _, i, j in pairs}
    pairs.sort(
        key=lambda p: (
            -p[0],
            -((p[1] - 1, p[2] - 1) in cands) - ((p[1] + 1, p[2] + 1) in cands),
            -tie(p[1], p[1], p[2], p[2]),
        )
    )
    out = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for s, i, j in pairs:
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        out.append(Match((i,), (j,), s, True, "same words elsewhere" if s == 1.0 else "moved"))
    # A sentence too short to move on its own moves with its neighbour when the two sides
    # have it word for word: a label ("Pinned") with the sentence after it, a closing line
    # ("Police said.") with the one before it; an answer ("No.") is not its next question's.
    # New moves are visited too.
    for m in out:
        for i, j, label in ((m.a[0] - 1, m.b[0] - 1, True), (m.a[-1] + 1, m.b[-1] + 1, False)):
            if (
                0 <= i < len(keys_a)
                and finished_a[i] is not label
                and 0 <= j < len(keys_b)
                and i not in used_a
                and i not in taken_a
                and j not in used_b
                and j not in taken_b
                and keys_a[i] == keys_b[j]
            ):
                taken_a.add(i)
                taken_b.add(j)
                out.append(Match((i,), (j,), EXACT_SCORE, True, "moved with its neighbour"))
    return out
