"""The comparison page, its fragments, and its downloads (standalone HTML report, JSON)."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from app.services import compare_stored, get_story, story_stamp, version_texts
from app.web.compare_view import CompareQuery, render_compare, render_rows
from app.web.deps import PageCacheDep, SessionDep, StampCacheDep, TemplatesDep
from app.web.htmx import VARY, wants_fragment
from app.web.pagecache import CachedPage, PageCache
from app.web.report import render_report

router = APIRouter(prefix="/stories/{story_id}")


@router.get("/compare", response_class=HTMLResponse)
async def compare_page(request: Request, story_id: int, cache: PageCacheDep,
                       stamps: StampCacheDep, env: TemplatesDep) -> Response:  # fmt: skip
    # Async, with no session dependency: a repeat view touches neither a thread nor the
    # database (the story's stamp is remembered for a second), only the page cache.
    query, fragment = CompareQuery.from_request(request), wants_fragment(request)
    stamp = stamps.get(story_id)
    if stamp is None:
        stamp = await run_in_threadpool(_stamp, request, story_id)
        stamps.put(story_id, stamp)
    key = f"{story_id}:{stamp}:{query.key()}:{fragment}"
    cached = cache.get(key)
    if cached is None:
        cached = await run_in_threadpool(_render, request, env, story_id, query, fragment, key)
    headers = {"ETag": cached.etag, "Vary": VARY, "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == cached.etag:
        return Response(status_code=304, headers=headers)
    return Response(cached.body, media_type="text/html; charset=utf-8", headers=headers)


def _stamp(request: Request, story_id: int) -> str:
    with request.app.state.read_sessions() as session:
        return story_stamp(session, story_id)


def _render(request: Request, env: jinja2.Environment, story_id: int, query: CompareQuery,
            fragment: bool, key: str) -> CachedPage:  # fmt: skip
    with request.app.state.read_sessions() as session:
        story = get_story(session, story_id, with_comparisons=False)
        q = query.resolved(story)
        a, b = version_texts(session, story_id, q.a or 0, q.b or 0)
        comparison = compare_stored(session, a, b, q.options())
    cache: PageCache = request.app.state.page_cache
    return cache.put(key, render_compare(env, story, q, comparison, fragment=fragment))


@router.get("/compare/rows", response_class=HTMLResponse)
def compare_rows(
    request: Request,
    story_id: int,
    session: SessionDep,
    env: TemplatesDep,
    first: int = 0,
    last: int = 0,
) -> HTMLResponse:
    q = CompareQuery.from_request(request).resolved(
        get_story(session, story_id, with_comparisons=False)
    )
    a, b = version_texts(session, story_id, q.a or 0, q.b or 0)
    comparison = compare_stored(session, a, b, q.options())
    return HTMLResponse(render_rows(env, comparison, q.mode, first, last), headers={"Vary": VARY})


@router.get("/compare.html", response_class=HTMLResponse)
def compare_report(request: Request, story_id: int, session: SessionDep) -> HTMLResponse:
    q = CompareQuery.from_request(request).resolved(
        get_story(session, story_id, with_comparisons=False)
    )
    a, b = version_texts(session, story_id, q.a or 0, q.b or 0)
    html = render_report(
        compare_stored(session, a, b, q.options()), title_a=a.label, title_b=b.label
    )
    name = f"redline-{story_id}-{a.id}-{b.id}.html"
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/compare.json")
def compare_json(request: Request, story_id: int, session: SessionDep) -> JSONResponse:
    q = CompareQuery.from_request(request).resolved(
        get_story(session, story_id, with_comparisons=False)
    )
    a, b = version_texts(session, story_id, q.a or 0, q.b or 0)
    name = f"redline-{story_id}-{a.id}-{b.id}.json"
    return JSONResponse(
        compare_stored(session, a, b, q.options()).to_dict(),
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
