"""The one HTTP client every fetcher uses: polite, retrying, resuming, checksummed, atomic.

- **Polite**: at most one request per ``min_interval`` seconds, an honest User-Agent, and
  conditional requests (``If-None-Match`` / ``If-Modified-Since``) so that an unchanged file
  costs a 304 and no body.
- **Retrying** (tenacity): 429 and 5xx answers, dropped connections and truncated bodies are
  tried again with exponential back-off, or after the server's ``Retry-After`` when it gives
  one; connection failures are retried by httpx's transport as well. A ``Retry-After`` longer
  than ``max_retry_wait`` fails at once rather than hanging.
- **Resuming**: a body is written to ``NAME.part``; a download cut short resumes with
  ``Range`` + ``If-Range`` (the validator of the partial copy, kept in ``NAME.part.meta``), and
  starts over when the server's copy changed or it ignores ranges.
- **Checksummed and atomic**: the finished ``.part`` is hashed (sha256), checked against the
  expected digest when there is one, flushed to disk and only then renamed over ``NAME``.
  After any failure ``NAME`` is what it was before (absent, or the previous complete copy).

``FRONTCHECK_OFFLINE=1`` forbids any request: ``make demo`` sets it when it runs on the
shared data, so that a path that would reach the network fails loudly instead.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import orjson
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from frontcheck import __version__
from frontcheck.errors import FrontcheckError

ENV_OFFLINE = "FRONTCHECK_OFFLINE"
USER_AGENT = f"frontcheck/{__version__} (+https://github.com/frontcheck; polite fetcher)"


class FetchError(FrontcheckError, OSError):
    """A download that failed after its retries; the message names the URL and what failed."""


class NotFoundOnServer(FetchError):
    """404 or 410: the server has no such file (a missing day, say); not retried."""


class ChecksumError(FetchError):
    """The bytes received are not the ones expected (sha256); nothing is kept."""


class _Retryable(Exception):
    """An answer worth trying again: 429, 5xx, a dropped connection or a truncated body."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Response:
    """A small body fetched whole (an API list, a feed, a page)."""

    url: str
    status: int            # 200, or 304 when the validators matched
    content: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Download:
    """What ``download`` did with one file: ``new``, ``updated`` (its bytes changed) or
    ``unchanged`` (304, or the same bytes again)."""

    url: str
    path: Path
    status: str
    sha256: str
    size: int
    etag: str | None = None
    last_modified: str | None = None


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date (seconds from ``now``).

    >>> retry_after_seconds("7")
    7.0
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT",
    ...                     now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC))
    30.0
    >>> retry_after_seconds("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: readers see the old
    file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


class Fetcher:
    """An httpx client with frontcheck's manners; use as a context manager.

    ``sleep`` and ``clock`` are injectable so that tests of back-off and pacing need not wait.
    ``transport`` replaces httpx's (tests pass none: they talk to a loopback server).
    """

    def __init__(self, *, min_interval: float = 1.0, attempts: int = 5,
                 max_retry_wait: float = 120.0, timeout: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None,
                 backoff: float = 1.0) -> None:
        if os.environ.get(ENV_OFFLINE, "").strip() not in ("", "0"):
            raise FetchError(f"network use is switched off (${ENV_OFFLINE} is set); "
                             "nothing was fetched")
        self.min_interval = min_interval
        self.attempts = max(1, attempts)
        self.max_retry_wait = max_retry_wait
        self.backoff = backoff
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self.requests = 0
        self.client = httpx.Client(
            transport=transport or httpx.HTTPTransport(retries=2),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 20.0)),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
            follow_redirects=True)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- pacing and retries -------------------------------------------------------------------

    def _pace(self) -> None:
        if self._last_request is not None:
            wait = self._last_request + self.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()
        self.requests += 1

    def _wait(self, state) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return exc.retry_after
        return min(self.backoff * 2 ** (state.attempt_number - 1), 60.0)

    def _retrying(self, url: str, call: Callable[[], object]):
        retrying = Retrying(stop=stop_after_attempt(self.attempts), wait=self._wait,
                            retry=retry_if_exception_type(_Retryable), sleep=self._sleep,
                            reraise=True)
        try:
            return retrying(call)
        except _Retryable as exc:
            raise FetchError(f"{url}: {exc} (gave up after {self.attempts} attempts)") from None
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None

    def _check_status(self, url: str, response: httpx.Response) -> None:
        """Raise for answers that are not a body or a 304: retryable ones, or a FetchError."""
        status = response.status_code
        if status == 429 or status >= 500:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None and wait > self.max_retry_wait:
                raise FetchError(f"{url}: HTTP {status}; the server asks to retry after "
                                 f"{wait:.0f} s, longer than frontcheck waits "
                                 f"({self.max_retry_wait:.0f} s); try again later")
            raise _Retryable(f"HTTP {status} {response.reason_phrase}".strip(), wait)
        if status in (404, 410):
            raise NotFoundOnServer(f"{url}: HTTP {status} (not on the server)")
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}".strip())

    @staticmethod
    def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    # -- whole bodies -------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int = 200 * 1024 * 1024) -> Response:
        """GET a body whole (conditional when validators are given); 304 gives an empty body."""
        def attempt() -> Response:
            self._pace()
            try:
                with self.client.stream("GET", url, headers=self._conditional(etag, last_modified)) as r:
                    if r.status_code == 304:
                        return Response(url, 304, b"", etag, last_modified)
                    self._check_status(url, r)
                    chunks, size = [], 0
                    for chunk in r.iter_raw():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{url}: larger than {max_bytes:,} bytes; refused")
                        chunks.append(chunk)
                    body = b"".join(chunks)
                    _check_length(r, len(body))
                    return Response(url, r.status_code, body, r.headers.get("ETag"),
                                    r.headers.get("Last-Modified"))
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ReadTimeout) as exc:
                raise _Retryable(f"connection dropped mid-body ({type(exc).__name__})") from exc
        return self._retrying(url, attempt)

    # -- files --------------------------------------------------------------------------------

    def download(self, url: str, dest: Path, *, expected_sha256: str | None = None,
                 etag: str | None = None, last_modified: str | None = None,
                 known_sha256: str | None = None,
                 on_bytes: Callable[[int], None] | None = None,
                 on_total: Callable[[int | None], None] | None = None) -> Download:
        """Download ``url`` to ``dest`` (see the module's notes).

        ``etag``/``last_modified``/``known_sha256`` describe the copy already at ``dest`` from
        an earlier run: when the file on disk still has ``known_sha256``, the request is
        conditional and a 304 leaves it alone. ``expected_sha256`` is the digest the bytes
        must have (a pinned release); a mismatch raises ``ChecksumError`` and keeps nothing.
        """
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        part_meta = dest.with_name(dest.name + ".part.meta")
        have = dest.is_file() and (known_sha256 is None or sha256_file(dest) == known_sha256)
        if have and expected_sha256 and known_sha256 == expected_sha256:
            return Download(url, dest, "unchanged", known_sha256, dest.stat().st_size, etag,
                            last_modified)
        conditional = self._conditional(etag, last_modified) if have and known_sha256 else {}

        def attempt() -> Download:
            headers = dict(conditional)
            offset, validator = 0, ""
            if part.is_file() and part_meta.is_file():
                meta = _read_meta(part_meta)
                if meta.get("url") == url and (meta.get("etag") or meta.get("last_modified")):
                    offset = part.stat().st_size
                    validator = str(meta.get("etag") or meta.get("last_modified"))
            if offset:
                headers["Range"] = f"bytes={offset}-"
                headers["If-Range"] = validator
            self._pace()
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code == 304:
                        return Download(url, dest, "unchanged", known_sha256 or sha256_file(dest),
                                        dest.stat().st_size, etag, last_modified)
                    self._check_status(url, r)
                    resumed = r.status_code == 206 and _range_start(r) == offset and offset > 0
                    if r.status_code == 206 and not resumed:
                        part.unlink(missing_ok=True)
                        part_meta.unlink(missing_ok=True)
                        raise _Retryable("the server sent a range frontcheck did not ask for")
                    new_etag, new_modified = r.headers.get("ETag"), r.headers.get("Last-Modified")
                    if not resumed:
                        offset = 0
                        atomic_write(part_meta, orjson.dumps(
                            {"url": url, "etag": new_etag, "last_modified": new_modified}))
                    length = r.headers.get("Content-Length")
                    if on_total:
                        on_total(offset + int(length) if length and length.isdigit() else None)
                    if on_bytes and offset:
                        on_bytes(offset)
                    received = 0
                    with part.open("ab" if resumed else "wb") as handle:
                        for chunk in r.iter_raw():
                            handle.write(chunk)
                            received += len(chunk)
                            if on_bytes:
                                on_bytes(len(chunk))
                        handle.flush()
                        os.fsync(handle.fileno())
                    _check_length(r, received)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ReadTimeout) as exc:
                raise _Retryable(f"connection dropped mid-body ({type(exc).__name__}); "
                                 "the partial copy is kept for resuming") from exc
            digest = sha256_file(part)
            if expected_sha256 and digest != expected_sha256.lower():
                part.unlink(missing_ok=True)
                part_meta.unlink(missing_ok=True)
                raise ChecksumError(f"{url}: checksum mismatch: sha256 {digest[:16]}…, expected "
                                    f"{expected_sha256[:16]}…; nothing was kept")
            size = part.stat().st_size
            status = ("new" if not dest.exists()
                      else "unchanged" if have and digest == (known_sha256 or sha256_file(dest))
                      else "updated")
            os.replace(part, dest)
            part_meta.unlink(missing_ok=True)
            return Download(url, dest, status, digest, size, new_etag, new_modified)

        return self._retrying(url, attempt)


def _range_start(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Range", "")
    try:
        unit, _, spec = value.partition(" ")
        return int(spec.split("-", 1)[0]) if unit.strip() == "bytes" else None
    except ValueError:
        return None


def _check_length(response: httpx.Response, received: int) -> None:
    """A body shorter than its Content-Length is truncated (h11 says so too, mostly)."""
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and received != int(length):
        raise _Retryable(f"truncated body: {received:,} of {int(length):,} bytes")


def _read_meta(path: Path) -> dict:
    try:
        value = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return value if isinstance(value, dict) else {}
