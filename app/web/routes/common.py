"""Small helpers shared by the page routes: rendering a template into a response."""

from __future__ import annotations

from typing import Annotated, Any

import jinja2
from fastapi import Path, Request
from fastapi.responses import HTMLResponse

from app.services import MAX_ID
from app.web.htmx import VARY, wants_fragment

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
"""A story, version or batch id in a path: out of range is a 422, not a database error."""


def page(
    env: jinja2.Environment,
    request: Request,
    template: str,
    status_code: int = 200,
    fragment: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render ``template`` (or ``fragment`` for an htmx swap) with ``context``."""
    name = fragment if fragment and wants_fragment(request) else template
    principal = getattr(request.state, "principal", None)
    html = env.get_template(name).render(request=request, principal=principal, **context)
    return HTMLResponse(html, status_code=status_code, headers={"Vary": VARY})
