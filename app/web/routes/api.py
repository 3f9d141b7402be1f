"""The JSON API under /api/v1: stateless comparison, stories and versions, batch imports.

Every operation declares its answers, errors included, so /openapi.json (and /docs) say what
the API returns; tests/integration/test_openapi_fuzz.py holds the app to it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.services import NewVersion, add_version, create_story, get_story, get_version, list_stories
from app.services.batches import create_upload_batch, get_batch, list_batches
from app.services.views import (
    BatchDetail,
    BatchPage,
    StoryDetail,
    StoryPage,
    StoryRef,
    VersionDetail,
)
from app.text import CompareOptions, compare
from app.web.auth import ADMIN, EDIT, READ, Admin, Editor, client_ip
from app.web.deps import JobsDep, SessionDep, SettingsDep
from app.web.routes.common import Id
from app.web.schemas import (
    BatchAccepted,
    ComparisonJSON,
    Created,
    InvalidRequest,
    problem,
)

router = APIRouter(
    prefix="/api/v1",
    responses={
        **problem(401, "no valid token: send `Authorization: Bearer <token>`"),
        **problem(403, "the token's account may not do this"),
        **problem(422, "the request is invalid", InvalidRequest),
    },
)
BODY = {
    **problem(400, "the body cannot be parsed (JSON that is not UTF-8, broken multipart)"),
    **problem(413, "the request body is over the server's upload limit"),
}
NOT_FOUND = problem(404, "no such story, version or batch")

PageNo = Annotated[int, Query(ge=1, description="1-based; past the last page, the last page")]


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


@router.post(
    "/compare",
    dependencies=[EDIT],
    tags=["compare"],
    summary="Compare two texts",
    response_model=None,  # documented, not validated: the engine's JSON can be megabytes
    responses={200: {"model": ComparisonJSON, "description": "the comparison"}, **BODY},
)
def api_compare(body: CompareRequest) -> JSONResponse:
    """Compare two texts (nothing is stored)."""
    options = CompareOptions.from_mapping(body.model_dump(exclude={"a", "b"}))
    return JSONResponse(compare(body.a, body.b, options).to_dict())


@router.get("/stories", dependencies=[READ], tags=["stories"], summary="List and search stories")
def api_stories(
    session: SessionDep,
    q: Annotated[str, Query(max_length=500, description="words in the title or text")] = "",
    source: Annotated[str, Query(max_length=200)] = "",
    page: PageNo = 1,
) -> StoryPage:
    """Stories, newest first (20 a page), optionally searched by title/text and source."""
    return list_stories(session, query=q, source=source, page=page)


@router.post("/stories", tags=["stories"], summary="Store a story", status_code=201, responses=BODY)
def api_create_story(
    request: Request, body: StoryIn, session: SessionDep, settings: SettingsDep, me: Editor
) -> StoryRef:
    """Store a story with its versions (the first is the base)."""
    versions = [NewVersion(**v.model_dump()) for v in body.versions]
    return create_story(session, body.title, versions, max_chars=settings.max_text_chars,
                        actor=me, ip=client_ip(request))  # fmt: skip


@router.get("/stories/{story_id}", dependencies=[READ], tags=["stories"], summary="Get a story",
            responses=NOT_FOUND)  # fmt: skip
def api_story(story_id: Id, session: SessionDep) -> StoryDetail:
    """A story with its versions and their similarity to the base version."""
    return get_story(session, story_id)


@router.post(
    "/stories/{story_id}/versions",
    tags=["stories"],
    summary="Add a version to a story",
    status_code=201,
    responses={**NOT_FOUND, **problem(409, "the story already holds this text"), **BODY},
)
def api_add_version(
    request: Request,
    story_id: Id,
    body: VersionIn,
    session: SessionDep,
    settings: SettingsDep,
    me: Editor,
) -> Created:
    """Add a version to a story (409 if the story already holds this exact text)."""
    version = NewVersion(**body.model_dump())
    vid = add_version(session, story_id, version, max_chars=settings.max_text_chars, actor=me,
                      ip=client_ip(request))  # fmt: skip
    return Created(id=vid)


@router.get(
    "/versions/{version_id}",
    dependencies=[READ],
    tags=["stories"],
    summary="Get a version",
    responses=NOT_FOUND,
)
def api_version(version_id: Id, session: SessionDep) -> VersionDetail:
    """One version, with its text."""
    return get_version(session, version_id)


@router.post(
    "/batches", tags=["batches"], summary="Import a batch file", status_code=202, responses=BODY
)
async def api_upload_batch(
    request: Request, session: SessionDep, jobs: JobsDep, me: Admin,
    file: UploadFile = File(description="the batch file"),
) -> BatchAccepted:  # fmt: skip
    """Import a batch file (.zip, .jsonl, .json, .csv, .html, .txt, .md, .docx) in the
    background; poll the batch for its progress and outcome."""
    batch_id = create_upload_batch(session, file.filename or "", await file.read(), actor=me,
                                   ip=client_ip(request))  # fmt: skip
    jobs.run_batch(batch_id)
    return BatchAccepted(id=batch_id, status="queued", url=f"/api/v1/batches/{batch_id}")


@router.get("/batches", dependencies=[ADMIN], tags=["batches"], summary="List batches")
def api_batches(session: SessionDep, page: PageNo = 1) -> BatchPage:
    """Batches, newest first (20 a page), with their counts."""
    return list_batches(session, page=page)


@router.get(
    "/batches/{batch_id}",
    dependencies=[ADMIN],
    tags=["batches"],
    summary="Get a batch and its items",
    responses=NOT_FOUND,
)
def api_batch(
    session: SessionDep,
    batch_id: Id,
    state: Annotated[
        str,
        Query(description="only items in this state: pending, new story, added, duplicate, failed"),
    ] = "",
    page: PageNo = 1,
) -> BatchDetail:
    """A batch: status, counts, stories touched, and 100 items a page (``state`` filters)."""
    return get_batch(session, batch_id, state=state, page=page)
