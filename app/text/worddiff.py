"""The inline diff of one aligned group: diff-match-patch over words (or characters).

A word-level diff encodes each distinct token (a word or punctuation mark with the white space
after it) as one character, keyed by the token without that white space, diffs those strings
with the C++ diff-match-patch, runs its semantic cleanup, and decodes.  Keeping white space
inside the tokens halves the strings, and a diff costs O(length x edits).  An inserted name
inside an otherwise equal sentence comes out as one clean insertion:

>>> ops = inline_diff("Officials met on Sunday.", "Officials met Jo Doe on Sunday.")
>>> [(o.op, o.text) for o in ops]
[('equal', 'Officials met '), ('insert', 'Jo Doe '), ('equal', 'on Sunday.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

import fast_diff_match_patch as dmp

from app.text.options import Granularity
from app.text.types import OpName, WordOp

# Without possessive quantifiers, as segment.WORD (Python 3.11 before 3.11.5 gets them wrong).
_KEY = re.compile(r"\w+(?:['\u2019.\-]\w+)*|[^\w\s]")
"""A token without its white space: a word (inner apostrophes, dots, hyphens) or one mark."""
_TOKEN = re.compile(rf"(?:{_KEY.pattern})\s*|\s+")
"""A token with the white space after it, or white space alone (only at the start)."""
_OPS: dict[str, OpName] = {"=": "equal", "-": "delete", "+": "insert"}
LONG_INPUT = 20_000
"""Above this many tokens (or characters, for ``char``) the diff gets a time limit."""
_CODE_RANGES = (
    (0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE),  # private use
    (0x1, 0xD800), (0xF900, 0xF0000), (0xFFFFE, 0x100000), (0x10FFFE, 0x110000),
)  # fmt: skip
"""The code points that encode tokens, in the order they are used (see :func:`_codes`)."""

TIME_LIMIT = 1.0
"""Seconds allowed for one very long diff; the result says when it applied."""
NO_LIMIT = 1e6
"""The "time limit" of every other diff: never reached, but a limit (0 means none) turns on
diff-match-patch's half-match step, as in its default settings: two texts that share a run
of at least half the longer one are split there instead of searched: a tenth less time in
the seed pair's diffs, the same word diffs on every labelled case (a character diff may
come out a little different)."""


def inline_diff(a: str, b: str, granularity: Granularity = "word") -> tuple[WordOp, ...]:
    """Diff ``a`` against ``b``: ``equal`` + ``delete`` texts spell ``a``, ``equal`` +
    ``insert`` texts spell ``b``."""
    return inline_diff_limited(a, b, granularity)[0]


def inline_diff_limited(
    a: str, b: str, granularity: Granularity = "word"
) -> tuple[tuple[WordOp, ...], bool]:
    """:func:`inline_diff`, also telling whether the time limit for very long input applied."""
    if a == b:
        return ((WordOp("equal", a),) if a else ()), False
    if granularity == "char":
        limited = max(len(a), len(b)) > LONG_INPUT
        raw = dmp.diff(a, b, timelimit=TIME_LIMIT if limited else NO_LIMIT, checklines=False,
                       cleanup="Semantic", counts_only=False)  # fmt: skip
        return tuple(WordOp(_OPS[op], text) for op, text in raw if text), limited
    tokens_a, keys_a = _tokens(a)
    tokens_b, keys_b = _tokens(b)
    distinct = dict.fromkeys(chain(keys_a, keys_b))
    table = dict(zip(distinct, _codes(len(distinct)), strict=True))
    limited = max(len(tokens_a), len(tokens_b)) > LONG_INPUT
    raw = dmp.diff(
        "".join(map(table.__getitem__, keys_a)),
        "".join(map(table.__getitem__, keys_b)),
        timelimit=TIME_LIMIT if limited else NO_LIMIT, checklines=False, cleanup="Semantic",
        counts_only=True,
    )  # fmt: skip
    return _decoded(raw, tokens_a, tokens_b), limited


def _decoded(
    raw: list[tuple[str, int]], tokens_a: list[str], tokens_b: list[str]
) -> tuple[WordOp, ...]:
    """The ops of ``raw`` (op, token count) as texts.  Neighbours of one kind are merged:
    the diff never gives two in a row, but a run of equal keys whose white space differs
    becomes equal, delete and insert pieces."""
    kinds: list[OpName] = []
    texts: list[str] = []
    ia = ib = 0
    for op, n in raw:
        kind: OpName
        if op == "=":
            run_a, run_b = tokens_a[ia : ia + n], tokens_b[ib : ib + n]
            ia += n
            ib += n
            if run_a != run_b:
                _equal_tokens(kinds, texts, run_a, run_b)
                continue
            kind, text = "equal", "".join(run_a)
        elif op == "-":
            kind = "delete"
            text = tokens_a[ia] if n == 1 else "".join(tokens_a[ia : ia + n])
            ia += n
        else:
            kind = "insert"
            text = tokens_b[ib] if n == 1 else "".join(tokens_b[ib : ib + n])
            ib += n
        _push(kinds, texts, kind, text)
    return tuple(map(WordOp, kinds, texts))


def _push(kinds: list[OpName], texts: list[str], kind: OpName, text: str) -> None:
    """Append op ``kind`` with ``text``, keeping each run of changes between two equal pieces
    one delete followed by one insert: a change of white space next to a changed word ("35%"
    / "35 percent") is then one replacement, not an insert, a delete and another insert."""
    if kinds and kinds[-1] == kind:
        texts[-1] += text
    elif kind == "equal" or not kinds or kinds[-1] == "equal" or kind == "insert":
        kinds.append(kind)
        texts.append(text)
    elif len(kinds) > 1 and kinds[-2] == "delete":  # a delete after delete, insert
        texts[-2] += text
    else:  # a delete after an insert: it goes first
        kinds.insert(-1, kind)
        texts.insert(-1, text)


def unchanged_share(a: str, b: str) -> float:
    """Share of the characters of ``a`` and ``b`` that a plain diff (no semantic cleanup) finds
    in both, in order: for two sentences of the same words, how far their order agrees.  The
    cleanup would turn a reordered clause into one delete and one insert, and so 0.  A change
    of case alone counts half.

    >>> round(unchanged_share("The mayor, who spoke, said no.", "The mayor who spoke said no."), 2)
    0.97
    """
    if not a and not b:
        return 1.0
    limited = max(len(a), len(b)) > LONG_INPUT
    raw = dmp.diff(a, b, timelimit=TIME_LIMIT if limited else NO_LIMIT, checklines=False,
                   cleanup="No", counts_only=True)  # fmt: skip
    same: int = sum(n for op, n in raw if op == "=")
    share = 2 * same / (len(a) + len(b))
    # A headline in capitals ("HARBOUR COUNCIL ...") keeps every letter: half a change.
    return (1.0 + share) / 2 if a.casefold() == b.casefold() else share


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The tokens of ``text`` (:data:`_TOKEN`) and their keys (each token without its trailing
    white space; only a first token can be white space alone, and that one is its own key).

    Most sentences space their words with single spaces alone: they are cut at the spaces (in
    C) and only pieces with a mark inside go to the pattern, a quarter cheaper than the
    pattern over the whole text, with the same tokens (``str.isalnum`` is the pattern's word
    character less the underscore).

    >>> _tokens("U.S.-China talks, don't")[0]
    ['U.S', '.', '-', 'China ', 'talks', ', ', "don't"]
    """
    keys: list[str] = []
    tokens: list[str] = []
    if not text:
        return tokens, keys
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        tokens = _TOKEN.findall(text)  # other white space: the pattern says where it goes
        keys = list(map(str.rstrip, tokens))
        if keys and not keys[0]:
            keys[0] = tokens[0]
        return tokens, keys
    for piece in text.split(" "):
        if piece.isalnum():
            keys.append(piece)
            tokens.append(piece + " ")
        elif piece[:-1].isalnum() and not (piece[-1].isalnum() or piece[-1] == "_"):
            word, mark = piece[:-1], piece[-1]  # a word and one mark after it ("said,")
            keys += (word, mark)
            tokens += (word, mark + " ")
        else:
            found = _KEY.findall(piece)
            keys += found
            tokens += found
            tokens[-1] += " "
    tokens[-1] = tokens[-1][:-1]  # the last piece has no space after it
    return tokens, keys


def _equal_tokens(
    kinds: list[OpName], texts: list[str], run_a: list[str], run_b: list[str]
) -> None:
    """Tokens with the same keys, whose trailing white space may differ (the last word of a
    sentence, inside a merge on the other side): the same text as one equal piece."""
    same: list[str] = []
    for ta, tb in zip(run_a, run_b, strict=True):
        if ta == tb:
            same.append(ta)
            continue
        core = ta.rstrip() or ta
        same.append(core)
        _push(kinds, texts, "equal", "".join(same))
        same = []
        if len(ta) > len(core):
            _push(kinds, texts, "delete", ta[len(core) :])
        if len(tb) > len(core):
            _push(kinds, texts, "insert", tb[len(core) :])
    if same:
        _push(kinds, texts, "equal", "".join(same))


def _codes(n: int) -> Iterable[str]:
    """``n`` distinct characters to encode tokens with: private-use code points first, then
    the others, skipping the surrogate block (U+D800 to U+DFFF), which cannot be encoded for
    the C++ library.  diff-match-patch slides an insertion between equivalent places by the
    characters around it (a line break, a space, a letter); private-use characters are all
    alike to it, so where a repeated word's insertion goes depends on the words alone, not on
    which of them happened to get the code of a line break or a letter."""
    if n <= len(_FIRST_CODES):
        return _FIRST_CODES[:n]
    return islice(_all_codes(), n)


def _all_codes() -> Iterator[str]:
    return chain.from_iterable(map(chr, range(lo, hi)) for lo, hi in _CODE_RANGES)


_FIRST_CODES = tuple(islice(_all_codes(), 2048))
"""The first 2,048 codes, made once: enough for nearly every sentence."""
