"""``frontcheck serve``: the web workbench and its JSON API over a store."""

from __future__ import annotations

import asyncio
import ipaddress
import sys
from typing import Annotated
from urllib.parse import quote, unquote

import orjson
import typer

from frontcheck.cli.output import DbOption, err_console
from frontcheck.errors import FrontcheckError

HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default; "
                                                         "another address needs users and "
                                                         "tokens: see `frontcheck users add`).")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
GetOption = Annotated[str | None, typer.Option("--get", metavar="PATH",
                                               help="Print the JSON of one API path "
                                                    "(e.g. /api/control/area) and exit; exit 1 "
                                                    "when its status is not 200.")]
TilesOption = Annotated[str | None, typer.Option("--tiles", metavar="URL",
                                                 help="Optional base-map tile URL template "
                                                      "(https://.../{z}/{x}/{y}.png); without "
                                                      "it the map is drawn offline.")]


TokenOption = Annotated[str | None, typer.Option("--token", metavar="TOKEN", envvar="FRONTCHECK_TOKEN",
                                                 show_envvar=True,
                                                 help="Bearer token sent with --get (needed once "
                                                      "the store has users).")]


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(host: HostOption = "127.0.0.1", port: PortOption = 8765, db: DbOption = None,
          get: GetOption = None, tiles: TilesOption = None, token: TokenOption = None) -> None:
    """Serve the workbench (map, time slider, claims, sources) and its JSON API.

    Example: frontcheck serve --db out/demo.sqlite

    The page is at http://HOST:PORT/, the API under /api/ (schema at /openapi.json). With
    --get PATH nothing is served: the response to GET PATH is printed, as scripts want it
    (frontcheck serve --get "/api/control/area?period=month" --db out/demo.sqlite).

    A store without users is served in single-user mode: every request is a viewer's (always
    redacted) and only the loopback address is allowed. Once users exist (`frontcheck users
    add`), every API request needs 'Authorization: Bearer TOKEN' (`frontcheck tokens create`).
    """
    from frontcheck.app.protection import has_users
    from frontcheck.web.app import create_app

    app = create_app(db, tile_url=tiles)
    with app.state.engine.connect() as connection:
        users = has_users(connection)
    if get is None and not users and not is_loopback(host):
        app.state.engine.dispose()
        raise FrontcheckError(f"refusing to serve on {host}: the store has no users, so the "
                              "API would be open to anyone who can reach it; add users and "
                              "tokens (`frontcheck users add NAME --role admin`) or serve on "
                              "127.0.0.1")
    if get is not None:
        status, body = asgi_get(app, get, token)
        sys.stdout.write(_pretty(body) + "\n")
        app.state.engine.dispose()
        if status != 200:
            raise typer.Exit(1)
        return
    import uvicorn

    mode = (f"{users} user{'s' * (users != 1)}, bearer tokens required" if users
            else "single-user mode: a viewer, always redacted")
    err_console.print(f"frontcheck workbench: http://{host}:{port}/  (API under /api/; {mode}; "
                      "Ctrl+C stops)", markup=False)
    if users and not is_loopback(host):
        err_console.print("Warning: tokens travel in clear over plain HTTP; put the server "
                          "behind TLS (a reverse proxy) when it is reachable from other "
                          "machines.", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _pretty(body: bytes) -> str:
    """JSON indented as the CLI's ``--format json`` prints it; other bodies as they are."""
    try:
        return orjson.dumps(orjson.loads(body), option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONDecodeError:
        return body.decode("utf-8", "replace")


def asgi_get(app, target: str, token: str | None = None) -> tuple[int, bytes]:
    """Status and body of ``GET target`` answered by the ASGI ``app`` in this process (no
    socket, no HTTP client), with ``token`` as the bearer token if given."""
    path, _, query_text = target.partition("?")
    if not path.startswith("/"):
        path = "/" + path
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote(path), "raw_path": quote(unquote(path)).encode(),
             "root_path": "", "query_string": quote(query_text, safe="=&%+").encode(),
             "headers": [(b"host", b"localhost"), (b"accept", b"application/json")]
             + ([(b"authorization", f"Bearer {token.strip()}".encode())] if token else []),
             "client": ("127.0.0.1", 0), "server": ("localhost", 80)}
    status, chunks = 500, []
    received = False

    async def receive() -> dict:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()   # never: the app does not wait for a disconnect here
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    return status, b"".join(chunks)
