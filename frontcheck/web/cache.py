"""Caching of computed map bytes: an LRU per kind of response, and conditional GET (ETag).

Geometry for a (snapshot, zoom) never changes once computed: a snapshot id names one ingested
file, and a re-ingested date gets a new id. So responses are keyed by ids, tagged with an ETag
built from them, and a browser that sends the tag back gets ``304 Not Modified`` and no body.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from fastapi import Request, Response

T = TypeVar("T")

#: One thread does the geometry work (projection, simplification, cutting). PROJ sets up a
#: context per thread, which costs tens of milliseconds: in the request threads that would be
#: paid again and again; here once. The GIL would serialise the work anyway.
_GEOMETRY_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frontcheck-geometry")


def on_geometry_thread(work: Callable[..., T], *args) -> T:
    """``work(*args)`` run on the geometry thread; its result (or exception) returned here."""
    return _GEOMETRY_THREAD.submit(work, *args).result()


#: Browsers may reuse a map response for a minute without asking, then revalidate by ETag.
CACHE_CONTROL = "private, max-age=60"


class LruCache:
    """A thread-safe least-recently-used mapping of keys to computed values."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_make(self, key: Hashable, make: Callable[[], object]) -> object:
        """The cached value for ``key``, computed by ``make()`` (outside the lock) if absent."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
        value = make()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def etag_of(*parts: object) -> str:
    """A strong ETag from the values a response depends on."""
    return '"' + hashlib.sha1(repr(parts).encode()).hexdigest()[:20] + '"'


def conditional(request: Request, etag: str, body: Callable[[], bytes],
                media_type: str = "application/geo+json") -> Response:
    """``304`` when the client holds ``etag`` already, else the body (made only then)."""
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body(), media_type=media_type, headers=headers)
