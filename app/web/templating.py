"""The one Jinja2 environment: templates/ at the top of the tree, autoescaped everywhere."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from app.web.links import link_href
from app.web.presenters import percent

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The environment, built once per process (templates are files that do not change)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["link_href"] = link_href  # the only way a stored URL becomes an href
    env.filters["percent"] = percent
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The app's CSS, inlined into standalone reports."""
    return (STATIC / "css" / "app.css").read_text(encoding="utf-8")
