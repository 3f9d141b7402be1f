"""Stories and their versions: create, list, search, read, rename, re-base, delete."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from app.ingest import IngestError, extract_upload
from app.ingest.fingerprint import Fingerprint, fingerprint
from app.services.audit import record
from app.services.comparisons import base_comparisons
from app.services.errors import DuplicateVersion, InvalidInput, NotFound
from app.services.views import (
    StoryDetail,
    StoryPage,
    StoryRef,
    StoryRow,
    VersionDetail,
    VersionInfo,
)
from app.store.models import LshBand, Story, Version, utcnow
from app.text.segment import words

if TYPE_CHECKING:
    from app.services.accounts import Principal

_SPACE = re.compile(r"\s+")
MAX_TITLE = 500


@dataclass(frozen=True, slots=True)
class NewVersion:
    """A version to store, as the user gave it."""

    text: str
    label: str = ""
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    published_at: str | None = None
    filename: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class UploadedFile:
    filename: str
    content_type: str | None
    data: bytes


def version_from_upload(upload: UploadedFile, field: str, **meta: str | None) -> NewVersion:
    """Extract the article from an uploaded file; ``field`` names the form field for errors."""
    try:
        extracted = extract_upload(upload.filename, upload.content_type, upload.data)
    except IngestError as exc:
        raise InvalidInput(field, str(exc)) from exc
    return NewVersion(
        text=extracted.text,
        label=meta.get("label") or extracted.title or upload.filename,
        source=meta.get("source"),
        url=meta.get("url"),
        byline=meta.get("byline") or extracted.byline,
        published_at=meta.get("published_at") or extracted.published_at,
        filename=upload.filename,
        content_type=extracted.content_type,
    )


def text_sha256(text: str) -> str:
    """Hash of the normalised text (NFC, white space collapsed): equal texts, equal hashes."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def create_story(
    session: Session, title: str, versions: list[NewVersion], *, max_chars: int,
    actor: Principal | None = None, ip: str | None = None,
) -> StoryRef:  # fmt: skip
    """A new story holding ``versions`` (the first is the base), all in one transaction."""
    title = _clean(title, "title", MAX_TITLE) or title_from(versions)
    for n, v in enumerate(versions):
        validate_version(v, f"_{'ab'[n]}" if n < 2 else f"_{n}", max_chars)
    story = Story(title=title)
    session.add(story)
    rows = [
        version_row(v, f"Version {'AB'[n] if n < 2 else n + 1}") for n, v in enumerate(versions)
    ]
    story.versions.extend(rows)
    session.flush()
    index_versions(session, rows)
    story.base_version_id = rows[0].id if rows else None
    record(session, actor, "story.create", f"story {story.id}: {title}", ip,
           detail=f"{len(rows)} versions")  # fmt: skip
    session.commit()
    return StoryRef(story.id, [r.id for r in rows])


def add_version(
    session: Session, story_id: int, version: NewVersion, *, max_chars: int,
    actor: Principal | None = None, ip: str | None = None,
) -> int:  # fmt: skip
    """Add ``version`` to a story; an exact duplicate of one it holds raises DuplicateVersion."""
    story = _story(session, story_id)
    validate_version(version, "", max_chars)
    sha = text_sha256(version.text)
    existing = session.scalar(
        select(Version.id).where(Version.story_id == story_id, Version.sha256 == sha)
    )
    if existing is not None:
        raise DuplicateVersion(existing)
    row = version_row(version, f"Version {len(story.versions) + 1}")
    story.versions.append(row)
    story.updated_at = utcnow()
    session.flush()
    index_versions(session, [row])
    if story.base_version_id is None:
        story.base_version_id = row.id
    record(session, actor, "version.add", f"story {story_id}: {story.title}", ip,
           detail=f"version {row.id} {row.label}")  # fmt: skip
    session.commit()
    return row.id


def list_stories(
    session: Session, *, query: str = "", source: str = "", page: int = 1, per_page: int = 20
) -> StoryPage:
    """Stories newest first, optionally matching ``query`` (title or text) and ``source``."""
    q = select(Story)
    # No stored text holds NUL (and PostgreSQL refuses it in a query)
    query, source = query.replace("\x00", "").strip(), source.replace("\x00", "").strip()
    if query:
        like = f"%{_escape_like(query)}%"
        q = q.where(
            or_(
                Story.title.ilike(like, escape="\\"),
                Story.id.in_(select(Version.story_id).where(Version.text.ilike(like, escape="\\"))),
            )
        )
    if source:
        q = q.where(Story.id.in_(select(Version.story_id).where(Version.source == source)))
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    stories = session.scalars(
        q.order_by(Story.updated_at.desc(), Story.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    ids = [s.id for s in stories]
    counts: dict[int, int] = {}
    sources: dict[int, set[str]] = {}
    if ids:
        rows = session.execute(
            select(Version.story_id, Version.source).where(Version.story_id.in_(ids))
        )
        for sid, src in rows:
            counts[sid] = counts.get(sid, 0) + 1
            if src:
                sources.setdefault(sid, set()).add(src)
    items = [
        StoryRow(s.id, s.title, counts.get(s.id, 0), sorted(sources.get(s.id, ())), s.updated_at)
        for s in stories
    ]
    return StoryPage(items, total, page, pages, query, source)


def list_sources(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(Version.source)
            .where(Version.source.is_not(None))
            .distinct()
            .order_by(Version.source)
        )
    )


def get_story(session: Session, story_id: int, *, with_comparisons: bool = True) -> StoryDetail:
    """A story with its versions, each compared with the base version (cached comparisons)
    unless ``with_comparisons`` is false."""
    story = _story(session, story_id)
    summaries = base_comparisons(session, story) if with_comparisons else {}
    versions = []
    for v in story.versions:
        s = summaries.get(v.id)
        versions.append(
            _info(
                v,
                story.base_version_id,
                s.similarity if s else None,
                dict(s.counts) if s else {},
                s.verdict if s else None,
            )
        )
    return StoryDetail(
        story.id, story.title, story.created_at, story.updated_at, story.base_version_id, versions
    )


def story_stamp(session: Session, story_id: int) -> str:
    """When the story last changed (any version added, deleted, renamed, re-based): pages
    rendered for one stamp stay valid until it moves."""
    stamp = session.scalar(select(Story.updated_at).where(Story.id == story_id))
    if stamp is None:
        raise NotFound("story", story_id)
    return stamp.isoformat()


def get_version(session: Session, version_id: int) -> VersionDetail:
    v = session.get(Version, version_id)
    if v is None:
        raise NotFound("version", version_id)
    return VersionDetail(_info(v, v.story.base_version_id), v.story_id, v.story.title, v.text)


def version_texts(session: Session, story_id: int, a_id: int, b_id: int) -> tuple[Version, Version]:
    """The two versions of one story to compare (NotFound if either is missing or elsewhere)."""
    _story(session, story_id)
    pair = []
    for vid in (a_id, b_id):
        v = session.get(Version, vid)
        if v is None or v.story_id != story_id:
            raise NotFound("version", vid)
        pair.append(v)
    return pair[0], pair[1]


def rename_story(session: Session, story_id: int, title: str) -> None:
    story = _story(session, story_id)
    clean = _clean(title, "title", MAX_TITLE)
    if not clean:
        raise InvalidInput("title", "the title cannot be empty")
    story.title = clean
    story.updated_at = utcnow()
    session.commit()


def set_base_version(session: Session, story_id: int, version_id: int) -> None:
    story = _story(session, story_id)
    if version_id not in {v.id for v in story.versions}:
        raise InvalidInput("base", f"version {version_id} is not part of this story")
    story.base_version_id = version_id
    story.updated_at = utcnow()
    session.commit()


def delete_story(
    session: Session, story_id: int, *, actor: Principal | None = None, ip: str | None = None
) -> None:
    story = _story(session, story_id)
    record(session, actor, "story.delete", f"story {story_id}: {story.title}", ip,
           detail=f"{len(story.versions)} versions")  # fmt: skip
    session.delete(story)
    session.commit()


def delete_version(
    session: Session, story_id: int, version_id: int, *, actor: Principal | None = None,
    ip: str | None = None,
) -> None:  # fmt: skip
    story = _story(session, story_id)
    row = next((v for v in story.versions if v.id == version_id), None)
    if row is None:
        raise NotFound("version", version_id)
    story.versions.remove(row)
    if story.base_version_id == version_id:
        story.base_version_id = next((v.id for v in story.versions), None)
    story.updated_at = utcnow()
    record(session, actor, "version.delete", f"story {story_id}: {story.title}", ip,
           detail=f"version {version_id} {row.label}")  # fmt: skip
    session.commit()


def database_ready(session: Session) -> bool:
    return session.scalar(select(1)) == 1


def _story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFound("story", story_id)
    return story


def version_row(
    v: NewVersion,
    default_label: str,
    fp: Fingerprint | None = None,
    sha: str | None = None,
    **fields: object,
) -> Version:
    """The row of a validated version, fingerprinted and hashed (``fp`` and ``sha`` when
    already computed)."""
    return Version(**version_values(v, default_label, fp, sha, **fields))


def version_values(
    v: NewVersion,
    default_label: str,
    fp: Fingerprint | None = None,
    sha: str | None = None,
    **fields: object,
) -> dict[str, object]:
    """The column values of :func:`version_row`, for inserting many rows at once."""
    fp = fp or fingerprint(v.text)
    return {
        "label": _clean(v.label, "label", 200) or default_label,
        "source": _clean(v.source, "source", 200) or None,
        "url": _clean(v.url, "url", 2000) or None,
        "byline": _clean(v.byline, "byline", 300) or None,
        "published_at": _clean(v.published_at, "published_at", 40) or None,
        "filename": _clean(v.filename, "filename", 300) or None,
        "content_type": _clean(v.content_type, "content_type", 200) or None,
        "text": v.text,
        "sha256": sha or text_sha256(v.text),
        "word_count": len(words(v.text)),
        "fingerprint": fp.signature,
        "shingles": fp.shingles,
        **fields,
    }


def index_versions(session: Session, rows: list[Version]) -> None:
    """Add flushed versions to the near-duplicate index (their LSH band keys)."""
    bands = [
        {"key": key, "version_id": row.id}
        for row in rows
        if row.fingerprint is not None
        for key in set(Fingerprint(row.fingerprint, row.shingles or 0).band_keys)
    ]
    if bands:
        session.execute(insert(LshBand), bands)


def validate_version(v: NewVersion, suffix: str, max_chars: int) -> None:
    """Check one version; errors name the form fields ``text{suffix}`` / ``url{suffix}``."""
    field = "text" + suffix
    if not v.text or not v.text.strip():
        raise InvalidInput(field, "the text is empty: paste an article or upload a file")
    if len(v.text) > max_chars:
        raise InvalidInput(field, f"the text is longer than {max_chars:,} characters")
    if "\x00" in v.text:
        raise InvalidInput(field, "the text contains NUL characters")
    if v.url:
        parts = urlsplit(v.url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InvalidInput("url" + suffix, "the URL must start with http:// or https://")


def _clean(value: str | None, field: str, limit: int) -> str:
    """A one-line field, spaces collapsed; NUL dropped (PostgreSQL text cannot hold it)."""
    text = _SPACE.sub(" ", (value or "").replace("\x00", "")).strip()
    if len(text) > limit:
        raise InvalidInput(field, f"at most {limit} characters")
    return text


def title_from(versions: list[NewVersion]) -> str:
    for v in versions:
        for line in v.text.splitlines():
            if line.strip():
                return _SPACE.sub(" ", line).strip()[:120]
    return "Untitled story"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _info(
    v: Version,
    base_id: int | None,
    similarity: float | None = None,
    counts: dict[str, int] | None = None,
    verdict: str | None = None,
) -> VersionInfo:
    return VersionInfo(
        id=v.id,
        label=v.label,
        source=v.source,
        url=v.url,
        byline=v.byline,
        published_at=v.published_at,
        created_at=v.created_at,
        filename=v.filename,
        content_type=v.content_type,
        word_count=v.word_count,
        grouping_method=v.grouping_method,
        grouping_score=v.grouping_score,
        is_base=v.id == base_id,
        similarity=similarity,
        counts=counts or {},
        verdict=verdict,
    )
