"""Head office's web application: the sync API, the staff pages, and the answers to every error.

Every error is a clear JSON answer ``{"error": {"code", "message"}}`` on the API, never a bare
500 for bad input; a database that is busy gives 503, which laptops retry.

Nothing head office serves may be kept by a browser or proxy (``Cache-Control: no-store``: pages,
CSV files and PDFs hold members' names), except the style sheet; behind HTTPS, browsers are told to
use nothing else (HSTS).
"""

from __future__ import annotations

import gc
import logging
import os

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.server import api, ask_pages, db, pages, public
from app.server.admission import Admission
from app.server.tokens import TokenCheck
from app.wire.protocol import API_PREFIX, PROTOCOL_HEADER, SCHEMA_HEADER

log = logging.getLogger("quorum.server")
LARGEST_BODY = 32 * 1024 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
HSTS = "max-age=31536000; includeSubDomains"
VERSION_HEADERS = {("header", PROTOCOL_HEADER.lower()), ("header", SCHEMA_HEADER.lower()),
                   ("header", PROTOCOL_HEADER), ("header", SCHEMA_HEADER)}
# SQLite has one writer. On PostgreSQL a push waits for the database a dozen times, and for the
# association's row lock while its other laptop's push holds it, so a worker applies six at once: with
# 20 requests in flight, p95 at one to four at once was 376-1257 ms, at six 248-313 ms, and at eight
# or twelve no better (docs/head-office.md, section 10).
PUSHES_AT_ONCE = {"sqlite": 1, "postgresql": 6}
PUSH_PATH = f"{API_PREFIX}/push"


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class Guard:
    """Every request's door: too large refused, a push turned away while head office is busy (before
    its body is even read; admission.Admission.door), the security headers on every answer, and no
    traceback logged.

    Plain ASGI rather than ``@app.middleware("http")``, whose wrapping of each answer in a stream and
    a task group cost more than a token check (about a tenth of the server's time under load).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False  # the answer has begun: the push is no longer held at the door
        admission: Admission = scope["app"].state.admission  # the app's at each request (tests replace it)
        length = Headers(scope=scope).get("content-length", "")
        size = int(length) if length.isdigit() else None
        pushing = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                if pushing and not started:
                    admission.left(size)  # before the answer goes, so whoever reads it sees the door as it is
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        if length and (size is None or size > LARGEST_BODY):
            await _error(413, "too_large", "The request is too large; send fewer changes at a time.")(
                scope, receive, with_headers)
            return
        if scope["path"] == PUSH_PATH and (wait := admission.door(size)):
            await _error(503, "busy", api.BUSY, {"Retry-After": str(wait)})(scope, receive, with_headers)
            return
        pushing = scope["path"] == PUSH_PATH  # let in at the door, and counted there until answered
        try:
            await self.app(scope, receive, with_headers)
        except Exception as error:  # caught here, not re-raised, so no traceback (which may quote data) is logged
            log.error("unexpected %s on %s", type(error).__name__, scope["path"])
            if not started:
                await _error(500, "internal_error", "Head office's server had a problem; nothing was lost, "
                                                    "try again later.")(scope, receive, with_headers)
        finally:
            if pushing and not started:
                admission.left(size)


def create_app(database: str | Engine) -> FastAPI:
    """The app for a database URL (or an engine already made, as the tests share one)."""
    app = FastAPI(title="Quorum head office", version="1",
                  description="Sync for Quorum, the tenants' association meeting app. See docs/sync.md.",
                  docs_url=None, redoc_url=None, openapi_url=f"{API_PREFIX}/openapi.json")
    app.state.engine = db.connect(database) if isinstance(database, str) else database
    app.state.admission = Admission(PUSHES_AT_ONCE.get(app.state.engine.dialect.name, 2))
    app.state.tokens = TokenCheck(app.state.engine)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(ask_pages.router)
    app.include_router(public.router)

    app.add_middleware(Guard)

    @app.exception_handler(api.ApiError)
    async def api_error(_request: Request, error: api.ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else error.headers
        return _error(error.status, error.code, error.message, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        if any(tuple(e.get("loc", ())) in VERSION_HEADERS for e in error.errors()):
            try:
                api.raise_if_out_of_range(request.headers.get(PROTOCOL_HEADER), request.headers.get(SCHEMA_HEADER))
            except api.ApiError as refused:
                return _error(refused.status, refused.code, refused.message)
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        return _error(422, "invalid_request",
                      f"The request is not in the form head office expects ({where or 'body'}: "
                      f"{first.get('msg', 'invalid')}).")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith(API_PREFIX):
            return _error(error.status_code, "http_error", str(error.detail), getattr(error, "headers", None))
        return Response(str(error.detail), status_code=error.status_code, media_type="text/plain")

    @app.exception_handler(pages.NeedsLogin)
    async def needs_login(_request: Request, _error: pages.NeedsLogin) -> RedirectResponse:
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(OperationalError)
    async def busy(_request: Request, error: OperationalError) -> JSONResponse:
        log.warning("database busy or unreachable: %s", type(error.orig).__name__)
        return _error(503, "busy", "Head office's server is busy; try again shortly.", {"Retry-After": "2"})

    return app


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory`` with several workers: the database comes from QUORUM_DATABASE.

    What starting made (modules, tables, models, routes) is then set aside from the garbage
    collector (``gc.freeze``): each full collection, several in a push of a thousand changes, would
    otherwise walk all of it again; measured, that was a fifth of head office's time in a big sync.
    """
    app = create_app(os.environ["QUORUM_DATABASE"])
    gc.freeze()
    return app
