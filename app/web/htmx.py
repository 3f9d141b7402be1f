"""Every HX-* literal, and the one place that decides between a page and a fragment."""

from __future__ import annotations

from fastapi import Request

HX_REQUEST = "HX-Request"
HX_HISTORY_RESTORE = "HX-History-Restore-Request"
HX_REDIRECT = "HX-Redirect"
VARY = "HX-Request"


def wants_fragment(request: Request) -> bool:
    """An htmx swap gets the fragment; a normal load or a history restore gets the page."""
    return (
        request.headers.get(HX_REQUEST) == "true"
        and request.headers.get(HX_HISTORY_RESTORE) != "true"
    )
