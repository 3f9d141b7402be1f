"""The comparison page, its fragments, and its downloads (standalone HTML report, JSON)."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from app.services import story_stamp
from app.web.auth import READ
from app.web.compare_view import CompareQuery, load, render_compare, render_rows
from app.web.deps import PageCacheDep, SessionDep, StampCacheDep, TemplatesDep
from app.web.htmx import VARY, wants_fragment
from app.web.pagecache import CachedPage, PageCache
from app.web.report import render_report
from app.web.routes.common import Id

router = APIRouter(prefix="/stories/{story_id}", dependencies=[READ], include_in_schema=False)


@router.get("/compare", response_class=HTMLResponse)
async def compare_page(request: Request, story_id: Id, cache: PageCacheDep,
                       stamps: StampCacheDep, env: TemplatesDep) -> Response:  # fmt: skip
    # Async, with no session dependency: a repeat view touches neither a thread nor the
    # database (the story's stamp is remembered for a second), only the page cache.
    query, fragment = CompareQuery.from_request(request), wants_fragment(request)
    stamp = stamps.get(story_id)
    if stamp is None:
        stamp = await run_in_threadpool(_stamp, request, story_id)
        stamps.put(story_id, stamp)
    principal = request.state.principal  # the page header names who is signed in
    key = f"{story_id}:{stamp}:{query.key()}:{fragment}:{principal.name if principal else ''}"
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
        loaded = load(session, story_id, query)
    cache: PageCache = request.app.state.page_cache
    html = render_compare(env, loaded, fragment=fragment, principal=request.state.principal)
    return cache.put(key, html)


@router.get("/compare/rows", response_class=HTMLResponse)
def compare_rows(request: Request, story_id: Id, session: SessionDep, env: TemplatesDep,
                 first: int = 0, last: int = 0) -> HTMLResponse:  # fmt: skip
    """Rows ``first``..``last`` unfolded: what "show N unchanged" swaps in."""
    loaded = load(session, story_id, CompareQuery.from_request(request))
    html = render_rows(env, loaded.comparison, loaded.query.mode, first, last)
    return HTMLResponse(html, headers={"Vary": VARY})


@router.get("/compare.html", response_class=HTMLResponse)
def compare_report(request: Request, story_id: Id, session: SessionDep) -> HTMLResponse:
    """The standalone HTML report, as a download."""
    loaded = load(session, story_id, CompareQuery.from_request(request))
    html = render_report(loaded.comparison, title_a=loaded.label_a, title_b=loaded.label_b)
    return HTMLResponse(html, headers=_attachment(loaded.name + ".html"))


@router.get("/compare.json")
def compare_json(request: Request, story_id: Id, session: SessionDep) -> JSONResponse:
    """The engine JSON of this comparison, as a download."""
    loaded = load(session, story_id, CompareQuery.from_request(request))
    return JSONResponse(loaded.comparison.to_dict(), headers=_attachment(loaded.name + ".json"))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}
