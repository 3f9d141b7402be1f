"""Steps 6 and 7 of :mod:`app.text.align` (whose docstring gives the rules), for copies
that a spinner paraphrased: the sentences left over after the other steps, which in a
paraphrase can pair or join a split on their shape, a shared number or their length where
their words no longer tell.  In a revision or an edited copy these steps find nothing (most
pair every sentence, and their pairs score high), and they cost nothing there.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import accumulate, chain

from app.text.chain import Match
from app.text.groups import MAX_GROUP, group_why
from app.text.similarity import Scorer

SPUN_NEIGHBOUR_MAX = 0.8
"""Two paragraphs whose pairs all score below this are paraphrased: there the last sentence
left unpaired in each pairs with the other on its shape or a shared number alone (see
:func:`spun_leftovers`)."""


def paraphrase_steps(
    matches: list[Match],
    keys: tuple[Sequence[str], Sequence[str]],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    word_counts: tuple[Sequence[int], Sequence[int]],
    scorer: Scorer,
    tau: float,
) -> list[Match]:
    """``matches`` with the spun leftovers paired (step 6) and, in a copy paraphrased
    throughout, the spun pieces joined (step 7)."""
    paired = sum(map(len, (m.a for m in matches))) + sum(map(len, (m.b for m in matches)))
    if paired == len(keys[0]) + len(keys[1]):  # most revisions and copies: nothing left
        return matches
    spun = paraphrased_paragraphs(matches, paragraphs)
    copies = Counter(chain(*keys))  # a sentence the texts repeat is left to the copies' rules
    matches = matches + spun_leftovers(matches, keys, paragraphs, spun, copies, scorer, tau)
    # Only in a paraphrase throughout: in an edit, a new sentence after a cut one is new.
    if 2 * sum(m.score < SPUN_NEIGHBOUR_MAX for m in matches) > len(matches):
        matches = spun_pieces(matches, spun, paragraphs, word_counts, keys, copies, scorer)
    return matches


def spun_leftovers(
    matches: list[Match],
    keys: tuple[Sequence[str], Sequence[str]],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    spun: Mapping[int, int],
    copies: Counter[str],
    scorer: Scorer,
    tau: float,
) -> list[Match]:
    """Pairs of the last unpaired sentence of two paragraphs that pair with each other and
    are paraphrased throughout (every pair between them scores below
    ``SPUN_NEIGHBOUR_MAX``), when the two sentences are built alike (see
    :meth:`Scorer.same_shape`) or share a number, and their words are too few in common to
    tell (a score below ``tau``): a spinner can swap every content word of a short sentence
    and its frame too ("About 60 residents were evacuated ... overnight." / "Around 60
    inhabitants were cleared ... during the night."), but keeps its figures, and it can move
    the sentence within its paragraph.  Next to unchanged or lightly edited sentences, a
    sentence left over in a paragraph is new text, not a paraphrase; and a sentence the
    texts repeat is left to the rules for copies."""
    pa, pb = paragraphs
    used_a = {i for m in matches for i in m.a}
    left_a = [i for i in range(len(pa)) if i not in used_a]
    used_b = {j for m in matches for j in m.b}
    left_b = [j for j in range(len(pb)) if j not in used_b]
    if not left_a or not left_b:  # most revisions and copies: nothing to look at
        return []
    lone_a = _lone_per_paragraph([i for i in left_a if copies[keys[0][i]] == 1], pa)
    lone_b = _lone_per_paragraph([j for j in left_b if copies[keys[1][j]] == 1], pb)
    if not lone_a or not lone_b:
        return []
    # A pair is out of order when an in-place pair before it in A comes after it in B, or
    # one after it in A before it in B: the highest B position up to each in-place pair, and
    # the lowest from it on, tell at once.
    in_place = sorted((m.a[0], m.b[0]) for m in matches if not m.moved)
    highest = list(accumulate((b for _, b in in_place), max, initial=-1))
    lowest = list(accumulate((b for _, b in reversed(in_place)), min, initial=len(pb)))[::-1]
    out = []
    for p, i in lone_a.items():
        q = spun.get(p)
        other = None if q is None else lone_b.get(q)
        if other is None:
            continue
        score = scorer.score(i, other)
        if score >= tau or scorer.facts_conflict(i, other):
            continue
        if scorer.same_shape(i, other):
            kept = "same sentence shape"
        elif scorer.shares_number(i, other):
            kept = "same number"
        else:
            continue
        k = bisect.bisect_left(in_place, (i, other))
        moved = highest[k] > other or lowest[k] < other
        why = "moved in its paragraph" if moved else "in place"
        out.append(Match((i,), (other,), score, moved, f"{why}, {kept}"))
    return out


def paraphrased_paragraphs(
    matches: list[Match], paragraphs: tuple[Sequence[int], Sequence[int]]
) -> dict[int, int]:
    """A paragraph -> B paragraph, for two paragraphs whose sentences pair with the other's
    only and whose pairs all score below ``SPUN_NEIGHBOUR_MAX``: paraphrased throughout."""
    pa, pb = paragraphs
    links_a: dict[int, set[int]] = {}
    links_b: dict[int, set[int]] = {}
    edited: set[tuple[str, int]] = set()  # paragraphs with a pair that is not paraphrased
    for m in matches:
        for i in m.a:
            for j in m.b:
                links_a.setdefault(pa[i], set()).add(pb[j])
                links_b.setdefault(pb[j], set()).add(pa[i])
        if m.score >= SPUN_NEIGHBOUR_MAX:
            edited.update(("a", pa[i]) for i in m.a)
            edited.update(("b", pb[j]) for j in m.b)
    return {
        p: q
        for p, qs in links_a.items()
        if len(qs) == 1 and ("a", p) not in edited
        for q in qs
        if links_b[q] == {p} and ("b", q) not in edited
    }


def _lone_per_paragraph(ids: list[int], paragraphs: Sequence[int]) -> dict[int, int]:
    """Paragraph -> the one sentence of ``ids`` in it, for paragraphs with exactly one."""
    count = Counter(paragraphs[i] for i in ids)
    return {paragraphs[i]: i for i in ids if count[paragraphs[i]] == 1}


PIECE_LENGTH = 1.5
"""A spun piece and its partner together have between the inverse of this and this many
times the long sentence's words."""


def spun_pieces(
    matches: list[Match],
    spun: Mapping[int, int],
    paragraphs: tuple[Sequence[int], Sequence[int]],
    word_counts: tuple[Sequence[int], Sequence[int]],
    keys: tuple[Sequence[str], Sequence[str]],
    copies: Counter[str],
    scorer: Scorer,
) -> list[Match]:
    """``matches`` with pairs (and splits and merges) grown into a split or merge by one more
    unpaired sentence next to the many side in its paragraph, where the two paragraphs are
    paraphrased throughout (``spun``: A paragraph -> B paragraph).  A spinner that cuts a
    sentence in two rewords both halves, so a half holds too few of the long sentence's
    words for the test of :func:`group_score`; what tells it is its length (what pairs holds
    under half of the long sentence, and becomes about as long with the piece, see
    ``PIECE_LENGTH``), and that it holds some of what the long sentence says and the rest
    does not, with no name or number of another story.  A sentence the texts repeat is left
    to the rules for copies."""
    for _ in range(MAX_GROUP - 1):  # a round adds one piece to a group: a cut in three too
        used = ({i for m in matches for i in m.a}, {j for m in matches for j in m.b})
        in_spun = (set(spun), set(spun.values()))
        left = [
            {x for x in range(len(par)) if x not in used[side] and par[x] in in_spun[side]}
            for side, par in enumerate(paragraphs)
        ]
        if not left[0] and not left[1]:
            break
        found: list[tuple[float, int, int, int]] = []  # (gain, match, piece, piece's side: 0 is A)
        for side, par in enumerate(paragraphs):
            wc_many, wc_one = word_counts[side], word_counts[1 - side]
            for k, m in enumerate(matches):
                one, many = (m.b, m.a) if side == 0 else (m.a, m.b)
                if len(one) != 1 or len(many) >= MAX_GROUP:
                    continue
                (o,) = one  # the long sentence
                ends = [
                    x
                    for x, n in ((many[0] - 1, many[0]), (many[-1] + 1, many[-1]))
                    if x in left[side] and par[n] == par[x]
                ]
                if not ends:  # most matches: no unpaired neighbour in the paragraph
                    continue
                alone = _held(scorer, side, o, many)
                words = sum(map(wc_many.__getitem__, many))
                for x in ends:
                    if not _balanced(wc_one[o], words, wc_many[x], alone):
                        continue
                    if scorer.facts_conflict(*((x, o) if side == 0 else (o, x))):
                        continue
                    gain = _held(scorer, side, o, sorted((*many, x))) - alone
                    if gain > 0.0:
                        found.append((gain, k, x, side))
        if not found:
            break
        out = list(matches)
        taken: set[tuple[int, int]] = set()  # (-1, match) and (side, piece)
        for _, k, x, side in sorted(found, key=lambda f: (-f[0], f[1], f[2], f[3])):
            if (-1, k) in taken or (side, x) in taken or copies[keys[side][x]] > 1:
                continue
            taken.update(((-1, k), (side, x)))
            m = matches[k]
            a_ids = tuple(sorted((*m.a, x))) if side == 0 else m.a
            b_ids = tuple(sorted((*m.b, x))) if side == 1 else m.b
            why = group_why((a_ids[0], a_ids[-1], b_ids[0], b_ids[-1])) + ", spun"
            score = scorer.score_group(a_ids, b_ids)
            out[k] = Match(a_ids, b_ids, score, m.moved, f"moved: {why}" if m.moved else why)
        matches = out

    return matches


def _held(scorer: Scorer, side: int, one: int, pieces: Sequence[int]) -> float:
    """Weighted share of the long sentence ``one`` found in ``pieces``, which are on side
    ``side`` (0 is A), the long sentence on the other."""
    return scorer.cover_b(one, pieces) if side == 0 else scorer.cover_a(one, pieces)


def _balanced(long: int, partner: int, piece: int, held: float) -> bool:
    """Whether what pairs with a sentence of ``long`` words (``partner`` words, holding the
    share ``held`` of it) falls short of it (fewer words, under half of what it says) and
    becomes about as long with a piece of ``piece`` words (see ``PIECE_LENGTH``)."""
    together = partner + piece
    return partner < long and held < 0.5 and long / PIECE_LENGTH <= together <= long * PIECE_LENGTH
