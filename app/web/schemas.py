"""The API's bodies that are not service results: the engine's comparison JSON, small
acknowledgements and the error bodies, as pydantic models for /openapi.json and /docs.

The service results (``app.services.views``) are plain dataclasses, validated and documented
as they are.  Response models forbid unknown keys, so a field added to the JSON without its
schema fails the API's schema tests instead of going undocumented.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, with_config
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

from app.text import Granularity, RowKind, Verdict


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SentenceSpan(_Strict):
    id: int
    start: int = Field(description="first code point of the sentence in the text as given")
    end: int = Field(description="end of the sentence (exclusive), in code points")
    paragraph: int = Field(description="id of the paragraph the sentence belongs to")


class ParagraphSpan(_Strict):
    id: int
    start: int
    end: int
    sentences: list[int] = Field(description="ids of the paragraph's sentences")


class DocumentJSON(_Strict):
    """One side of the comparison, segmented."""

    sentences: list[SentenceSpan]
    paragraphs: list[ParagraphSpan]


@with_config(extra="forbid")
class RowJSON(TypedDict):
    """One row of the aligned view; one-sided rows (added, removed, boilerplate) leave the
    other side empty and have no similarity, ops or why."""

    kind: RowKind
    a: Annotated[list[int], Field(description="sentence ids in A")]
    b: Annotated[list[int], Field(description="sentence ids in B")]
    similarity: NotRequired[Annotated[float, Field(ge=0, le=1, description="the pair's score")]]
    ops: NotRequired[
        Annotated[
            list[tuple[Literal["equal", "insert", "delete"], str]],
            Field(description="inline diff: equal + delete spell A's text, equal + insert B's"),
        ]
    ]
    why: NotRequired[Annotated[str, Field(description="why the pair was made")]]


class BlockJSON(_Strict):
    """A run of consecutive added (side b) or removed (side a) sentences."""

    side: Literal["a", "b"]
    sentences: list[int]
    paragraphs: list[int] = Field(description="paragraphs all of whose sentences are in it")
    start: int
    end: int
    words: int


class SummaryJSON(_Strict):
    similarity: float = Field(ge=0, le=1, description="word-weighted mean pair similarity")
    counts: dict[str, int] = Field(description="rows per kind (every kind present)")
    words_added: int
    words_removed: int
    added_blocks: list[BlockJSON]
    removed_blocks: list[BlockJSON]
    verdict: Verdict
    truncated: str | None = Field(description="null, or the limit that applied")


class OptionsJSON(_Strict):
    """The options the comparison was made with (see the README's options table)."""

    granularity: Granularity
    ignore_case: bool
    ignore_punctuation: bool
    ignore_quotes: bool
    ignore_whitespace: bool
    detect_boilerplate: bool
    pair_threshold: float = Field(ge=0, le=1)
    move_threshold: float = Field(ge=0, le=1)
    move_min_words: int = Field(ge=1)
    group_margin: float = Field(ge=0, le=1)
    candidates_per_sentence: int = Field(ge=1)


class ComparisonJSON(_Strict):
    """The engine's comparison of two texts (the README's JSON schema)."""

    engine: str
    options: OptionsJSON
    a: DocumentJSON
    b: DocumentJSON
    rows: list[RowJSON] = Field(description="the aligned view in reading order")
    summary: SummaryJSON


class Created(_Strict):
    id: int = Field(description="the new version's id")


class BatchAccepted(_Strict):
    id: int
    status: Literal["queued"]
    url: str = Field(description="where to poll the batch")


class Problem(_Strict):
    detail: str = Field(description="what went wrong, as a sentence")


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="where: body, query or path, then the field")
    msg: str
    type: str


class InvalidRequest(_Strict):
    detail: list[FieldError] | str = Field(
        description="the fields that failed validation, or one sentence naming the field "
        "that broke a rule of the service (an empty text, a URL that is not http(s))"
    )


Responses = dict[int | str, dict[str, Any]]
"""A route's ``responses=``: extra answers by status code."""


def problem(status: int, description: str, model: type[BaseModel] = Problem) -> Responses:
    """The ``responses=`` entry of an error status."""
    return {status: {"model": model, "description": description}}
