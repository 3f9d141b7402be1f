"""Request-scoped collaborators, as Annotated dependencies.  The ones that only read
app.state are ``async`` so that FastAPI calls them inline instead of in a worker thread."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import jinja2
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.jobs import Jobs
from app.settings import Settings
from app.web.pagecache import PageCache, StampCache


def get_session(request: Request) -> Iterator[Session]:
    """A session for this request: reads (GET, HEAD) never wait for writers."""
    reading = request.method in ("GET", "HEAD")
    if not reading:  # this write may change a story: forget when stories last changed
        request.app.state.story_stamps.clear()
    factory = request.app.state.read_sessions if reading else request.app.state.sessions
    with factory() as session:
        yield session


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_templates(request: Request) -> jinja2.Environment:
    env: jinja2.Environment = request.app.state.templates
    return env


async def get_page_cache(request: Request) -> PageCache:
    cache: PageCache = request.app.state.page_cache
    return cache


async def get_stamp_cache(request: Request) -> StampCache:
    stamps: StampCache = request.app.state.story_stamps
    return stamps


async def get_jobs(request: Request) -> Jobs:
    jobs: Jobs = request.app.state.jobs
    return jobs


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
TemplatesDep = Annotated[jinja2.Environment, Depends(get_templates)]
PageCacheDep = Annotated[PageCache, Depends(get_page_cache)]
StampCacheDep = Annotated[StampCache, Depends(get_stamp_cache)]
JobsDep = Annotated[Jobs, Depends(get_jobs)]
