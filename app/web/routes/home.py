"""The home page: stories newest first, search and source filter, pagination."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.services import list_sources, list_stories
from app.web.deps import SessionDep, TemplatesDep
from app.web.routes.common import page

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
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
