"""Request-scoped collaborators, as Annotated dependencies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import jinja2
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.settings import Settings
from app.web.pagecache import PageCache


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_templates(request: Request) -> jinja2.Environment:
    env: jinja2.Environment = request.app.state.templates
    return env


def get_page_cache(request: Request) -> PageCache:
    cache: PageCache = request.app.state.page_cache
    return cache


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
TemplatesDep = Annotated[jinja2.Environment, Depends(get_templates)]
PageCacheDep = Annotated[PageCache, Depends(get_page_cache)]
