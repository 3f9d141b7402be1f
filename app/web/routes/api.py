"""The JSON API under /api/v1: stateless comparison, stories and versions, batch imports."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, File, Request, UploadFile
from pydantic import BaseModel, Field

from app.services import NewVersion, add_version, create_story, get_story, get_version, list_stories
from app.services.batches import create_upload_batch, get_batch, list_batches
from app.text import CompareOptions, compare
from app.web.auth import ADMIN, EDIT, READ, Admin, Editor, client_ip
from app.web.deps import JobsDep, SessionDep, SettingsDep

router = APIRouter(prefix="/api/v1", tags=["api"])


class CompareRequest(BaseModel):
    """Two texts and the options; the answer is the engine's JSON (see the README schema)."""

    a: str = Field(max_length=5_000_000)
    b: str = Field(max_length=5_000_000)
    granularity: Literal["word", "char"] = "word"
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = False
    ignore_whitespace: bool = False
    detect_boilerplate: bool = True


class VersionIn(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000)
    label: str = Field("", max_length=200)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    byline: str | None = Field(None, max_length=300)
    published_at: str | None = Field(None, max_length=40)


class StoryIn(BaseModel):
    title: str = Field("", max_length=500)
    versions: list[VersionIn] = Field(min_length=1, max_length=50)


@router.post("/compare", dependencies=[EDIT])
def api_compare(body: CompareRequest) -> dict[str, Any]:
    """Compare two texts (nothing is stored)."""
    options = CompareOptions.from_mapping(body.model_dump(exclude={"a", "b"}))
    return compare(body.a, body.b, options).to_dict()


@router.get("/stories", dependencies=[READ])
def api_stories(
    session: SessionDep, q: str = "", source: str = "", page: int = 1
) -> dict[str, Any]:
    """Stories, newest first (20 a page), optionally searched by title/text and source."""
    return asdict(list_stories(session, query=q, source=source, page=page))


@router.post("/stories", status_code=201)
def api_create_story(
    request: Request, body: StoryIn, session: SessionDep, settings: SettingsDep, me: Editor
) -> dict[str, Any]:
    """Store a story with its versions (the first is the base)."""
    versions = [NewVersion(**v.model_dump()) for v in body.versions]
    ref = create_story(session, body.title, versions, max_chars=settings.max_text_chars,
                       actor=me, ip=client_ip(request))  # fmt: skip
    return asdict(ref)


@router.get("/stories/{story_id}", dependencies=[READ])
def api_story(story_id: int, session: SessionDep) -> dict[str, Any]:
    """A story with its versions and their similarity to the base version."""
    return asdict(get_story(session, story_id))


@router.post("/stories/{story_id}/versions", status_code=201)
def api_add_version(
    request: Request,
    story_id: int,
    body: VersionIn,
    session: SessionDep,
    settings: SettingsDep,
    me: Editor,
) -> dict[str, int]:
    """Add a version to a story (409 if the story already holds this exact text)."""
    version = NewVersion(**body.model_dump())
    vid = add_version(session, story_id, version, max_chars=settings.max_text_chars, actor=me,
                      ip=client_ip(request))  # fmt: skip
    return {"id": vid}


@router.get("/versions/{version_id}", dependencies=[READ])
def api_version(version_id: int, session: SessionDep) -> dict[str, Any]:
    """One version, with its text."""
    return asdict(get_version(session, version_id))


@router.post("/batches", status_code=202)
async def api_upload_batch(
    request: Request, session: SessionDep, jobs: JobsDep, me: Admin,
    file: UploadFile = File(description="the batch file"),
) -> dict[str, Any]:  # fmt: skip
    """Import a batch file (.zip, .jsonl, .json, .csv, .html, .txt, .md, .docx) in the
    background; poll the batch for its progress and outcome."""
    batch_id = create_upload_batch(session, file.filename or "", await file.read(), actor=me,
                                   ip=client_ip(request))  # fmt: skip
    jobs.run_batch(batch_id)
    return {"id": batch_id, "status": "queued", "url": f"/api/v1/batches/{batch_id}"}


@router.get("/batches", dependencies=[ADMIN])
def api_batches(session: SessionDep, page: int = 1) -> dict[str, Any]:
    """Batches, newest first (20 a page), with their counts."""
    return asdict(list_batches(session, page=page))


@router.get("/batches/{batch_id}", dependencies=[ADMIN])
def api_batch(session: SessionDep, batch_id: int, state: str = "", page: int = 1) -> dict[str, Any]:
    """A batch: status, counts, stories touched, and 100 items a page (``state`` filters)."""
    return asdict(get_batch(session, batch_id, state=state, page=page))
