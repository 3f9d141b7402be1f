"""The application factory: nothing is built at import; tests build apps with their settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.jobs import make_jobs
from app.services import DuplicateVersion, InvalidInput, NotFound
from app.settings import Settings, get_settings
from app.store import make_engine, make_sessionmaker
from app.web.auth import Forbidden, LoginRequired, clear_session_cookie
from app.web.htmx import HX_REDIRECT, wants_fragment
from app.web.pagecache import PageCache, StampCache
from app.web.routes import admin, api, auth, batches, compare, health, home, new, stories
from app.web.templating import STATIC, environment

STAMP_TTL_SECONDS = 1.0
"""How long a worker trusts its memory of when a story last changed (see StampCache)."""
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


ROUTERS = tuple(m.router for m in (home, new, stories, compare, batches, admin, auth, health, api))


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (the environment's by default)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        app.state.sessions = make_sessionmaker(engine)
        app.state.read_sessions = make_sessionmaker(engine, write=False)
        yield
        engine.dispose()
        app.state.jobs.close()

    # FastAPI's own /docs and /redoc load from a CDN with an inline script: /docs is ours.
    app = FastAPI(title="Redline", version=__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, description="Comparison of news article versions.")  # fmt: skip
    app.state.settings = settings
    app.state.templates = environment()
    app.state.page_cache = PageCache(settings.page_cache_entries)
    app.state.story_stamps = StampCache(STAMP_TTL_SECONDS)
    app.state.jobs = make_jobs(settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _errors(app)
    app.add_middleware(_Guard, max_body=settings.max_upload_bytes)
    return app


def _errors(app: FastAPI) -> None:
    def respond(request: Request, status: int, title: str, reason: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": reason}, status_code=status)
        principal = getattr(request.state, "principal", None)
        html = (
            environment()
            .get_template("pages/error.html")
            .render(status=status, title=title, reason=reason, principal=principal)
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        """401 for the API (and a bad token anywhere), a redirect to the login page for pages:
        htmx follows ``HX-Redirect`` with a full page load."""
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        login = "/login?" + urlencode({"next": here if request.method == "GET" else "/"})
        if exc.bearer or request.url.path.startswith("/api/"):
            response = respond(request, 401, "Sign in", exc.reason.capitalize() + ".")
            response.headers["WWW-Authenticate"] = "Bearer"
        elif wants_fragment(request):
            response = Response(status_code=401, headers={HX_REDIRECT: login})
        else:
            response = RedirectResponse(login, status_code=303)
        if request.cookies:
            clear_session_cookie(request, response)  # an ended session's cookie goes too
        return response

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return respond(request, 403, "Not allowed", exc.reason.capitalize() + ".")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, "Not found", str(exc).capitalize() + ".")

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, exc: InvalidInput) -> Response:
        return respond(request, 422, "Invalid input", f"{exc.field}: {exc.message}")

    @app.exception_handler(DuplicateVersion)
    async def duplicate(request: Request, exc: DuplicateVersion) -> Response:
        return respond(request, 409, "Already stored", str(exc).capitalize() + ".")

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            # Without the input: it may be megabytes of text, or not encodable as JSON.
            errors = [{k: e[k] for k in ("loc", "msg", "type")} for e in exc.errors()]
            return JSONResponse({"detail": errors}, status_code=422)
        reasons = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return respond(request, 422, "Invalid request", reasons)


class _Guard:
    """Security headers on every response; state-changing requests from other sites refused
    (CSRF: by Sec-Fetch-Site, or Origin where a browser sends no Sec-Fetch-*; clients that are
    not browsers send neither and cannot be forged by a page); bodies over the limit refused
    with 413 before they are read (by Content-Length, and by counting for chunked uploads)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if scope["method"] not in SAFE_METHODS and _cross_site(headers):
            refused = JSONResponse({"detail": "cross-site request refused"}, 403)
            await refused(scope, receive, self._with_headers(send))
            return
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            response = JSONResponse(
                {"detail": f"request body is over the {self.max_body:,}-byte limit"}, 413,
                headers=SECURITY_HEADERS,
            )  # fmt: skip
            await response(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b"") or b"")
            if seen > self.max_body:
                raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, self._with_headers(send))
        except _TooLarge:
            response = JSONResponse(
                {"detail": "request body is over the limit"}, 413, headers=SECURITY_HEADERS
            )
            await response(scope, receive, send)

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        return send_with_headers


_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _cross_site(headers: dict[bytes, bytes]) -> bool:
    """Whether a browser says this request comes from another site (or an opaque origin).

    >>> _cross_site({b"sec-fetch-site": b"cross-site"}), _cross_site({b"sec-fetch-site": b"none"})
    (True, False)
    >>> _cross_site({b"origin": b"https://evil.example", b"host": b"redline.example"})
    True
    >>> _cross_site({b"origin": b"http://redline.example:8000", b"host": b"redline.example:8000"})
    False
    >>> _cross_site({b"host": b"redline.example"})  # curl, scripts: no cookie to forge
    False
    """
    site = headers.get(b"sec-fetch-site")
    if site is not None:
        return site not in (b"same-origin", b"none")
    origin = headers.get(b"origin")
    return origin is not None and origin.partition(b"://")[2] != headers.get(b"host", b"")


class _TooLarge(Exception):
    pass
