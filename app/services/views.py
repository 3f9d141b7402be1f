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


@dataclass(frozen=True, slots=True)
class BatchRow:
    id: int
    name: str
    kind: str
    status: str
    total: int | None
    """Items in the input; None while it is still being read."""
    read: int
    done: int
    counts: dict[str, int]
    """Items per state: pending, new story, added, duplicate, failed."""
    error: str | None
    created_at: datetime
    finished_at: datetime | None

    @property
    def stored(self) -> int:
        return self.counts["new story"] + self.counts["added"]

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        """Progress in whole percent (reading counts as the first tenth)."""
        if self.finished:
            return 100
        if self.total is None:
            return min(9, self.read // 100)
        return 10 + (90 * self.done // self.total if self.total else 90)


@dataclass(frozen=True, slots=True)
class BatchPage:
    items: list[BatchRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class BatchItemRow:
    seq: int
    origin: str
    state: str
    reason: str | None
    story_id: int | None
    version_id: int | None
    score: float | None


@dataclass(frozen=True, slots=True)
class BatchStory:
    id: int
    title: str
    items: int


@dataclass(frozen=True, slots=True)
class BatchDetail:
    batch: BatchRow
    items: list[BatchItemRow]
    stories: list[BatchStory]
    """The stories the batch stored versions in, most versions first (50 at most)."""
    stories_total: int
    state: str
    page: int
    pages: int
    shown: int
