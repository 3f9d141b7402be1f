"""The comparison engine: segment two texts, align their sentences, diff inside each pair.

Pure and synchronous: standard library and diff-match-patch only, no I/O, no module state.

>>> from app.text import compare
>>> a = "The mayor spoke to the council on Monday. Heavy rain fell across the valley."
>>> b = "Heavy rain fell across the valley. The mayor spoke to the council on Monday."
>>> [row.kind for row in compare(a, b).rows]
['equal', 'moved']
"""

from app.text.compare import ENGINE_VERSION, compare
from app.text.options import CompareOptions, Granularity
from app.text.segment import segment
from app.text.types import (
    ROW_KINDS,
    Block,
    Comparison,
    Document,
    Paragraph,
    Row,
    RowKind,
    Sentence,
    Span,
    Summary,
    Token,
    Verdict,
    WordOp,
)

__all__ = [
    "ENGINE_VERSION",
    "ROW_KINDS",
    "Block",
    "CompareOptions",
    "Comparison",
    "Document",
    "Granularity",
    "Paragraph",
    "Row",
    "RowKind",
    "Sentence",
    "Span",
    "Summary",
    "Token",
    "Verdict",
    "WordOp",
    "compare",
    "segment",
]
