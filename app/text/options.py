"""CompareOptions: every knob of the engine, with its default, unit and range, in one place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal

Granularity = Literal["word", "char"]


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """How two texts are compared.

    The four ``ignore_*`` switches decide what counts as a difference: a row whose only
    differences are ignored ones is ``cosmetic``.  The thresholds are similarities in [0, 1]
    (see :mod:`app.text.similarity`); they were calibrated on revision and paraphrase pairs
    and rarely need changing.

    >>> CompareOptions(ignore_case=True).ignore_case
    True
    >>> CompareOptions.from_mapping({"granularity": "char", "unknown": 1}).granularity
    'char'
    """

    granularity: Granularity = "word"
    """Inline diff unit: ``word`` (default) or ``char``."""
    ignore_case: bool = False
    """Upper/lower case differences are cosmetic."""
    ignore_punctuation: bool = False
    """Punctuation differences are cosmetic."""
    ignore_quotes: bool = False
    """Straight and curly quotes and apostrophes (' ’ ‘ " “ ”) are one character."""
    ignore_whitespace: bool = False
    """Runs of white space are one space."""
    detect_boilerplate: bool = True
    """Recognise page chrome (breadcrumbs, tag lists, link lists) as ``boilerplate``."""
    pair_threshold: float = 0.30
    """Minimum pair score, in [0, 1], for two sentences in order to be aligned at all."""
    move_threshold: float = 0.40
    """Minimum pair score, in [0, 1], for an out-of-order pair to be reported as ``moved``."""
    move_min_words: int = 4
    """Sentences shorter than this (in words, >= 1) are never reported as moved."""
    group_margin: float = 0.05
    """How much a 1:2 / 2:1 group must beat its best 1:1 pair by, in [0, 1]; a group whose
    sentences are all contained in the other side may instead fall this much short of it."""
    candidates_per_sentence: int = 4
    """Top-k candidate partners kept per sentence from the inverted index (>= 1)."""

    def __post_init__(self) -> None:
        if self.granularity not in ("word", "char"):
            raise ValueError(f"granularity must be 'word' or 'char', not {self.granularity!r}")
        for name in ("pair_threshold", "move_threshold", "group_margin"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], not {value!r}")
        if self.move_min_words < 1 or self.candidates_per_sentence < 1:
            raise ValueError("move_min_words and candidates_per_sentence must be >= 1")

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> CompareOptions:
        """Build options from a mapping, ignoring keys that are not options."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def with_changes(self, **changes: Any) -> CompareOptions:
        """A copy with some options changed (the object itself is immutable)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Every option by name, as in the JSON output."""
        return asdict(self)
