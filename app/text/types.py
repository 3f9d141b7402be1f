"""The engine's result types: frozen, slotted, and free of behaviour beyond serialisation.

Offsets are code-point indexes into the text exactly as given, end exclusive::

    text:      "Hi there. Bye."
                0        9   13
    sentences: [0, 9) "Hi there."   [10, 14) "Bye."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from app.text.collector import collector_paused
from app.text.options import CompareOptions

RowKind = Literal[
    "equal", "cosmetic", "reworded", "split", "merged", "moved", "added", "removed", "boilerplate"
]
ROW_KINDS: tuple[RowKind, ...] = (
    "equal",
    "cosmetic",
    "reworded",
    "split",
    "merged",
    "moved",
    "added",
    "removed",
    "boilerplate",
)
OpName = Literal["equal", "insert", "delete"]
Verdict = Literal[
    "identical", "cosmetic edits", "edited", "paraphrased copy", "partial copy", "unrelated"
]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of code points."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word (letters/digits, with inner apostrophes, hyphens, dots) with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or one chrome line): ``text == document.text[start:end]``."""

    id: int
    start: int
    end: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between line breaks; ``sentences`` are ids in order."""

    id: int
    start: int
    end: int
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented text."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str) -> Document:
        """Rebuild a document from its JSON form and the text it was made from."""
        sentences = tuple(
            Sentence(s["id"], s["start"], s["end"], s["paragraph"], text[s["start"] : s["end"]])
            for s in data["sentences"]
        )
        paragraphs = tuple(
            Paragraph(p["id"], p["start"], p["end"], tuple(p["sentences"]))
            for p in data["paragraphs"]
        )
        return cls(text, paragraphs, sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [
                {"id": s.id, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                for s in self.sentences
            ],
            "paragraphs": [
                {"id": p.id, "start": p.start, "end": p.end, "sentences": list(p.sentences)}
                for p in self.paragraphs
            ],
        }


@dataclass(frozen=True, slots=True)
class WordOp:
    """One piece of an inline diff: ``equal`` text is on both sides, ``delete`` only in A,
    ``insert`` only in B."""

    op: OpName
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the aligned view.

    ``a`` and ``b`` are sentence ids; one-sided kinds (added, removed, boilerplate) leave the
    other side empty.  ``similarity`` is the pair score in [0, 1] (None for one-sided rows),
    ``why`` a short human-readable reason for the decision.
    """

    kind: RowKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float | None = None
    ops: tuple[WordOp, ...] = ()
    why: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """Rebuild a row from its JSON form."""
        return cls(
            data["kind"],
            tuple(data["a"]),
            tuple(data["b"]),
            data.get("similarity"),
            tuple(WordOp(op, text) for op, text in data.get("ops", ())),
            data.get("why", ""),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "a": list(self.a), "b": list(self.b)}
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 4)
        if self.ops:
            out["ops"] = [[o.op, o.text] for o in self.ops]
        if self.why:
            out["why"] = self.why
        return out


@dataclass(frozen=True, slots=True)
class Block:
    """A run of consecutive added (side ``b``) or removed (side ``a``) sentences.

    ``paragraphs`` lists the paragraphs all of whose sentences are in the block.
    """

    side: Literal["a", "b"]
    sentences: tuple[int, ...]
    paragraphs: tuple[int, ...]
    start: int
    end: int
    words: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Rebuild a block from its JSON form."""
        return cls(
            data["side"],
            tuple(data["sentences"]),
            tuple(data["paragraphs"]),
            data["start"],
            data["end"],
            data["words"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "sentences": list(self.sentences),
            "paragraphs": list(self.paragraphs),
            "start": self.start,
            "end": self.end,
            "words": self.words,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Figures for the whole pair."""

    similarity: float
    counts: dict[str, int]
    words_added: int
    words_removed: int
    added_blocks: tuple[Block, ...]
    removed_blocks: tuple[Block, ...]
    verdict: Verdict
    truncated: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """Rebuild a summary from its JSON form."""
        return cls(
            data["similarity"],
            dict(data["counts"]),
            data["words_added"],
            data["words_removed"],
            tuple(Block.from_dict(b) for b in data["added_blocks"]),
            tuple(Block.from_dict(b) for b in data["removed_blocks"]),
            data["verdict"],
            data.get("truncated"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "similarity": round(self.similarity, 4),
            "counts": dict(self.counts),
            "words_added": self.words_added,
            "words_removed": self.words_removed,
            "added_blocks": [b.to_dict() for b in self.added_blocks],
            "removed_blocks": [b.to_dict() for b in self.removed_blocks],
            "verdict": self.verdict,
            "truncated": self.truncated,
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of :func:`app.text.compare`: both documents, the rows, the summary."""

    engine: str
    options: CompareOptions
    a: Document
    b: Document
    rows: tuple[Row, ...]
    summary: Summary

    @classmethod
    def from_dict(cls, data: dict[str, Any], text_a: str, text_b: str) -> Comparison:
        """Rebuild a comparison from :meth:`to_dict` output and the two texts (for caches).

        >>> from app.text import compare
        >>> c = compare("One fact. Two facts.", "One fact. Three facts.")
        >>> Comparison.from_dict(c.to_dict(), c.a.text, c.b.text).to_dict() == c.to_dict()
        True
        """
        return cls(
            data["engine"],
            CompareOptions.from_mapping(data["options"]),
            Document.from_dict(data["a"], text_a),
            Document.from_dict(data["b"], text_b),
            tuple(Row.from_dict(r) for r in data["rows"]),
            Summary.from_dict(data["summary"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (see README, "JSON schema")."""
        with collector_paused():
            return self._to_dict()

    def _to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "options": self.options.to_dict(),
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "rows": [r.to_dict() for r in self.rows],
            "summary": self.summary.to_dict(),
        }
