"""The home page (stories newest first, search, source filter, pagination) and the API pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services import list_sources, list_stories
from app.web.auth import READ
from app.web.deps import SessionDep, TemplatesDep
from app.web.routes.common import page

router = APIRouter(include_in_schema=False)  # pages: /openapi.json is the API's


@router.get("/", response_class=HTMLResponse, dependencies=[READ])
def home(
    request: Request,
    session: SessionDep,
    env: TemplatesDep,
    q: str = "",
    source: str = "",
    page_no: int = 1,
) -> HTMLResponse:
    stories = list_stories(session, query=q, source=source, page=page_no)
    return page(
        env,
        request,
        "pages/home.html",
        fragment="partials/story-list.html",
        stories=stories,
        sources=list_sources(session),
    )


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request, env: TemplatesDep) -> HTMLResponse:
    """What the JSON API offers, with an example."""
    return page(env, request, "pages/api.html", base_url=str(request.base_url))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request, env: TemplatesDep) -> HTMLResponse:
    """The interactive API reference (Swagger UI, served from /static like everything else)."""
    return page(env, request, "pages/docs.html")
