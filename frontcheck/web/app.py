"""The workbench's FastAPI app: one router per concept, JSON errors of one shape, the page.

``create_app(db)`` opens (and migrates) the store once; each request gets its own connection
(``deps.store_connection``). Records are the CLI's ``--format json`` records, made by the same
jobs (``frontcheck.app``) and rounded by the same ``jsonable``; every error is
``{"ok": false, "error": "...", "status": N}`` with no traceback (400 bad filter, 404 unknown
id or path, 422 bad body, 500 a bug, logged on the server).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from frontcheck import __version__
from frontcheck.app.engine import default_db_location, make_engine, migrate
from frontcheck.app.places import warm_place_index
from frontcheck.app.protection import ReasonRefused, RoleRefused, redactor_for
from frontcheck.app.records import jsonable
from frontcheck.errors import (
    AmbiguousError,
    FrontcheckError,
    InputError,
    NotFoundError,
    StaleTimelinesError,
)
from frontcheck.web.auth import MAP_PREFIXES, ProtectionMiddleware
from frontcheck.web.cache import LruCache
from frontcheck.web.routes import (
    analysis,
    analysis_product,
    audit,
    basemap,
    claims,
    control,
    footprints,
    map_layers,
    places,
    report_files,
    session,
    sources,
)
from frontcheck.web.routes import reports as report_routes

log = logging.getLogger("frontcheck.web")
STATIC = Path(str(resources.files("frontcheck.web").joinpath("static")))


class RecordsResponse(JSONResponse):
    """JSON as the CLI prints it: ISO dates, floats rounded to six places (``jsonable``)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(jsonable(content))


def _error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


def create_app(db: str | os.PathLike | None = None, tile_url: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (see ``store.engine.default_db_location``).

    ``tile_url`` is an optional raster tile template (``https://.../{z}/{x}/{y}.png``) the
    page offers as a base map; by default it draws only the shipped outlines, offline.
    """
    engine = make_engine(default_db_location(db))
    migrate(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The place index takes seconds to build for the full gazetteer: start it now, so that
        # the first search or label request does not wait for all of it.
        threading.Thread(target=_warm_place_index, args=(engine,), daemon=True).start()
        yield
        engine.dispose()

    app = FastAPI(title="frontcheck workbench", version=__version__, lifespan=lifespan,
                  default_response_class=RecordsResponse,
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN
    app.state.engine = engine
    app.state.tile_url = tile_url or ""
    app.state.caches = {"sequence": LruCache(4), "geometry": LruCache(16), "layers": LruCache(256),
                        "cells": LruCache(2048), "changes": LruCache(256)}
    if os.environ.get("FRONTCHECK_WEB_AREA_CACHE", "on") != "off":
        app.state.caches["area"] = LruCache(64)
    # who asks: bearer tokens and roles (redaction is the jobs'; this reads no body)
    app.add_middleware(ProtectionMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeadersMiddleware, tile_url=app.state.tile_url)
    for module in (analysis_product, report_routes, report_files, control, footprints, places,
                   claims, sources, analysis, basemap, map_layers, audit, session):
        app.include_router(module.router)
    _add_error_handlers(app)
    _add_page(app)
    return app


class SecurityHeadersMiddleware:
    """Headers every answer carries: no MIME sniffing, no framing (clickjacking), and a
    Content-Security-Policy that lets the page load scripts, styles, data and images from
    this server only (plus the optional tile server's images); Leaflet's inline styles are
    allowed, inline scripts are not."""

    def __init__(self, app, tile_url: str = "") -> None:
        self.app = app
        images = "'self' data: blob:"
        if tile_url.startswith(("https://", "http://")):
            parts = tile_url.split("/")
            images += " " + "/".join(parts[:3]).replace("{s}", "*")
        policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                  "form-action 'self'; frame-ancestors 'none'")
        self.headers = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"content-security-policy", policy.encode("latin-1"))]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in self.headers if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


def _redacted(request: Request | None, message: str) -> str:
    """An error message as the caller may read it: an echo of what was asked (a claim id, a
    publisher's name) may name a protected person, so it is redacted like any answer, except
    on the map's routes (``web.auth.MAP_PREFIXES``), which speak of places only."""
    if request is None or not request.url.path.startswith("/api") \
            or request.url.path.startswith(MAP_PREFIXES):
        return message
    with request.app.state.engine.connect() as connection:
        return redactor_for(connection).text(message)


def _warm_place_index(engine) -> None:
    try:
        warm_place_index(engine)
    except Exception:
        log.warning("could not build the place index in advance", exc_info=True)


def _add_page(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/api/config", tags=["map"])
    def config(request: Request) -> dict:
        """Settings the page starts with: the version and the optional tile URL."""
        return {"version": __version__, "tile_url": request.app.state.tile_url}


def _add_error_handlers(app: FastAPI) -> None:
    def error_response(status: int, message: str, headers: dict | None = None,
                       request: Request | None = None) -> JSONResponse:
        return _error_response(status, _redacted(request, message), headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {_request.url.path}"
        return error_response(exc.status_code, message, getattr(exc, "headers", None),
                              request=_request)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = exc.errors()
        in_body = any(p.get("loc", ("",))[0] == "body" for p in problems)
        text = "; ".join(f"{'.'.join(str(x) for x in p.get('loc', ()))}: {p.get('msg', '')}"
                         for p in problems)
        return error_response(422 if in_body else 400, text, request=_request)

    @app.exception_handler(AmbiguousError)
    async def ambiguous(_request: Request, exc: AmbiguousError) -> JSONResponse:
        ids = ", ".join(f"{c['id']} ({c['name']}, {c['oblast']})" for c in exc.candidates[:10])
        return error_response(400, f"{exc}: {ids}", request=_request)

    @app.exception_handler(RoleRefused)
    async def refused(_request: Request, exc: RoleRefused) -> JSONResponse:
        return error_response(403, str(exc), request=_request)

    @app.exception_handler(ReasonRefused)
    async def no_reason(_request: Request, exc: ReasonRefused) -> JSONResponse:
        return error_response(400, f"{exc} (header X-Frontcheck-Reason)", request=_request)

    @app.exception_handler(NotFoundError)
    async def not_found(_request: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, str(exc), request=_request)

    @app.exception_handler(StaleTimelinesError)
    async def stale(_request: Request, exc: StaleTimelinesError) -> JSONResponse:
        return error_response(503, str(exc), {"Retry-After": "60"}, request=_request)

    @app.exception_handler(FrontcheckError)
    async def bad_input(_request: Request, exc: FrontcheckError) -> JSONResponse:
        return error_response(400 if isinstance(exc, InputError) else 500, str(exc), request=_request)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s", request.url.path, exc_info=exc)
        return error_response(500, "internal error; the server log has the details")
