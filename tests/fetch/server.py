"""A real HTTP server on 127.0.0.1 serving recorded responses, with scripted faults.

Serves each added resource with an ETag and Last-Modified, answers conditional requests with
304 and ``Range`` requests with 206 (``If-Range`` honoured), and, before the normal answer,
any faults queued for a path: an HTTP status with headers (429 + Retry-After, 503 …) or a
body cut short after N bytes (Content-Length promising the whole). Every request is recorded.
``BASE_URL`` inside a text body is replaced by the server's own address.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/json"
    etag: str | None = None
    last_modified: str | None = None
    ranges: bool = True


@dataclass
class Fault:
    status: int = 200
    headers: dict = field(default_factory=dict)
    truncate_at: int | None = None   # with status 200: send this many bytes of the body, then close


@dataclass
class Seen:
    method: str
    path: str
    headers: dict


class LoopbackServer:
    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.faults: dict[str, deque[Fault]] = defaultdict(deque)
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                outer._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> LoopbackServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, path: str, body: bytes, content_type: str = "application/json", *,
            etag: bool = True, last_modified: str | None = None, ranges: bool = True) -> Resource:
        if content_type.startswith(("text/", "application/rss", "application/atom")):
            body = body.replace(b"BASE_URL", self.url.encode())
        resource = Resource(body, content_type,
                            f'"{hashlib.sha256(body).hexdigest()[:16]}"' if etag else None,
                            last_modified or formatdate(1733500000, usegmt=True), ranges)
        with self.lock:
            self.resources[path] = resource
        return resource

    def fault(self, path: str, *faults: Fault) -> None:
        with self.lock:
            self.faults[path].extend(faults)

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self.lock:
            self.requests.append(Seen("GET", path, headers))
            fault = self.faults[path].popleft() if self.faults[path] else None
            resource = self.resources.get(path)
        if fault is not None and fault.truncate_at is None:
            body = b'{"error": "scripted"}'
            handler.send_response(fault.status)
            for key, value in fault.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
            return
        if resource is None:
            handler.send_error(404)
            return
        if fault is not None:     # truncated: promise the whole body, send part of it
            handler.send_response(200)
            self._validators(handler, resource)
            handler.send_header("Content-Length", str(len(resource.body)))
            handler.end_headers()
            handler.wfile.write(resource.body[:fault.truncate_at])
            handler.wfile.flush()
            handler.close_connection = True
            return
        if (resource.etag and headers.get("if-none-match") == resource.etag) or (
                "if-none-match" not in headers and resource.last_modified
                and headers.get("if-modified-since") == resource.last_modified):
            handler.send_response(304)
            self._validators(handler, resource)
            handler.end_headers()
            return
        body, status, extra = resource.body, 200, {}
        wanted = headers.get("range", "")
        if resource.ranges and wanted.startswith("bytes=") and wanted.endswith("-"):
            if_range = headers.get("if-range")
            if if_range is None or if_range in (resource.etag, resource.last_modified):
                start = int(wanted[6:-1])
                if start < len(body):
                    extra["Content-Range"] = f"bytes {start}-{len(body) - 1}/{len(body)}"
                    body, status = body[start:], 206
        handler.send_response(status)
        handler.send_header("Content-Type", resource.content_type)
        self._validators(handler, resource)
        for key, value in extra.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    @staticmethod
    def _validators(handler, resource: Resource) -> None:
        if resource.etag:
            handler.send_header("ETag", resource.etag)
        if resource.last_modified:
            handler.send_header("Last-Modified", resource.last_modified)
        if resource.ranges:
            handler.send_header("Accept-Ranges", "bytes")
