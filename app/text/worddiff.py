"""The inline diff of one aligned group: diff-match-patch over words (or characters).

Words are diffed by encoding each distinct token (word, run of white space, or punctuation
mark) as one character, diffing those strings with the C++ diff-match-patch, running its
semantic cleanup, and decoding.  An inserted name inside an otherwise equal sentence comes out
as one clean insertion:

>>> ops = inline_diff("Officials met on Sunday.", "Officials met Jo Doe on Sunday.")
>>> [(o.op, o.text) for o in ops]
[('equal', 'Officials met '), ('insert', 'Jo Doe '), ('equal', 'on Sunday.')]
"""

from __future__ import annotations

import re

import fast_diff_match_patch as dmp

from app.text.options import Granularity
from app.text.types import OpName, WordOp

_TOKEN = re.compile(r"\w+(?:['\u2019.\-]\w+)*|\s+|[^\w\s]")
_OPS: dict[str, OpName] = {"=": "equal", "-": "delete", "+": "insert"}
LONG_INPUT = 20_000
"""Above this many tokens (or characters, for ``char``) the diff gets a time limit."""
TIME_LIMIT = 1.0
"""Seconds allowed for one very long diff; the result says when it applied."""


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
        raw = dmp.diff(a, b, timelimit=TIME_LIMIT if limited else 0, checklines=False,
                       cleanup="Semantic", counts_only=False)  # fmt: skip
        return tuple(WordOp(_OPS[op], text) for op, text in raw if text), limited
    tokens_a, tokens_b = _TOKEN.findall(a), _TOKEN.findall(b)
    table = {tok: _char(n) for n, tok in enumerate(dict.fromkeys(tokens_a + tokens_b))}
    enc_a = "".join(map(table.__getitem__, tokens_a))
    enc_b = "".join(map(table.__getitem__, tokens_b))
    decode = {code: tok for tok, code in table.items()}
    limited = max(len(tokens_a), len(tokens_b)) > LONG_INPUT
    raw = dmp.diff(enc_a, enc_b, timelimit=TIME_LIMIT if limited else 0, checklines=False,
                   cleanup="Semantic", counts_only=False)  # fmt: skip
    ops = []
    for op, chars in raw:
        text = "".join(map(decode.__getitem__, chars))
        if text:
            ops.append(WordOp(_OPS[op], text))
    return tuple(ops), limited


def _char(n: int) -> str:
    # Skip the surrogate block, which cannot be encoded for the C++ library.
    n += 1
    return chr(n if n < 0xD800 else n + 0x800)
