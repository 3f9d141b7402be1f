"""Plain results of the services: what pages and the JSON API show (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    title: str
    versions: int
    sources: list[str]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class StoryPage:
    items: list[StoryRow]
    total: int
    page: int
    pages: int
    query: str
    source: str


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: int
    label: str
    source: str | None
    url: str | None
    byline: str | None
    published_at: str | None
    created_at: datetime
    filename: str | None
    content_type: str | None
    word_count: int
    grouping_method: str | None
    grouping_score: float | None
    is_base: bool = False
    similarity: float | None = None
    """Similarity to the story's base version, in [0, 1] (None for the base itself)."""
    counts: dict[str, int] = field(default_factory=dict)
    verdict: str | None = None


@dataclass(frozen=True, slots=True)
class StoryDetail:
    id: int
    title: str
    created_at: datetime
    updated_at: datetime
    base_version_id: int | None
    versions: list[VersionInfo]


@dataclass(frozen=True, slots=True)
class VersionDetail:
    info: VersionInfo
    story_id: int
    story_title: str
    text: str


@dataclass(frozen=True, slots=True)
class StoryRef:
    id: int
    version_ids: list[int]
