"""The HTTP client against a real loopback server: success, 304, 429, 5xx, truncation,
checksums, pacing, and nothing half-written after a failure."""

from __future__ import annotations

import hashlib

import pytest

from frontcheck.fetch.http import (
    ChecksumError,
    Fetcher,
    FetchError,
    NotFoundOnServer,
    retry_after_seconds,
)
from tests.fetch.server import Fault

BODY = bytes(range(256)) * 400          # 102,400 bytes: several chunks
SHA = hashlib.sha256(BODY).hexdigest()


class Sleeps:
    """Records the waits instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def fetcher(sleeps: Sleeps | None = None, **kw) -> Fetcher:
    return Fetcher(min_interval=0, sleep=sleeps or Sleeps(), **kw)


def test_download_success_checks_the_checksum_and_leaves_no_temporary_file(server, tmp_path):
    server.add("/f.bin", BODY, "application/octet-stream")
    dest = tmp_path / "f.bin"
    seen = []
    with fetcher() as f:
        result = f.download(server.url + "/f.bin", dest, expected_sha256=SHA, on_bytes=seen.append)
    assert result.status == "new" and result.sha256 == SHA and result.size == len(BODY)
    assert dest.read_bytes() == BODY and sum(seen) == len(BODY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]
    assert server.hits("/f.bin")[0].headers["user-agent"].startswith("frontcheck/")


def test_conditional_request_gets_304_and_keeps_the_file(server, tmp_path):
    resource = server.add("/f.bin", BODY, "application/octet-stream")
    dest = tmp_path / "f.bin"
    with fetcher() as f:
        first = f.download(server.url + "/f.bin", dest)
        again = f.download(server.url + "/f.bin", dest, etag=first.etag,
                           last_modified=first.last_modified, known_sha256=first.sha256)
    assert again.status == "unchanged"
    second = server.hits("/f.bin")[1].headers
    assert second["if-none-match"] == resource.etag
    assert second["if-modified-since"] == resource.last_modified
    assert dest.read_bytes() == BODY


def test_if_modified_since_alone_gets_304(server, tmp_path):
    resource = server.add("/page.html", b"<html>x</html>", "text/html", etag=False)
    with fetcher() as f:
        answer = f.get(server.url + "/page.html", last_modified=resource.last_modified)
    assert answer.not_modified and answer.content == b""


def test_429_waits_as_long_as_retry_after_says(server, tmp_path):
    server.add("/f.bin", BODY, "application/octet-stream")
    server.fault("/f.bin", Fault(429, {"Retry-After": "7"}))
    sleeps = Sleeps()
    with fetcher(sleeps) as f:
        result = f.download(server.url + "/f.bin", tmp_path / "f.bin")
    assert result.status == "new"
    assert sleeps.calls == [7.0]
    assert len(server.hits("/f.bin")) == 2


def test_retry_after_longer_than_allowed_fails_at_once(server, tmp_path):
    server.add("/f.bin", BODY)
    server.fault("/f.bin", Fault(429, {"Retry-After": "3600"}))
    with fetcher(max_retry_wait=60) as f, pytest.raises(FetchError, match="retry after 3600 s"):
        f.download(server.url + "/f.bin", tmp_path / "f.bin")
    assert not (tmp_path / "f.bin").exists()
    assert len(server.hits("/f.bin")) == 1


def test_retry_after_as_http_date():
    assert retry_after_seconds("0") == 0.0
    assert retry_after_seconds(None) is None


def test_5xx_then_success_backs_off_exponentially(server, tmp_path):
    server.add("/f.bin", BODY)
    server.fault("/f.bin", Fault(503), Fault(500))
    sleeps = Sleeps()
    with fetcher(sleeps, backoff=0.5) as f:
        result = f.download(server.url + "/f.bin", tmp_path / "f.bin", expected_sha256=SHA)
    assert result.status == "new"
    assert sleeps.calls == [0.5, 1.0]


def test_5xx_for_ever_fails_with_one_line_and_writes_nothing(server, tmp_path):
    server.add("/f.bin", BODY)
    server.fault("/f.bin", *[Fault(502)] * 3)
    with fetcher(attempts=3) as f, pytest.raises(FetchError) as caught:
        f.download(server.url + "/f.bin", tmp_path / "f.bin")
    assert "HTTP 502" in str(caught.value) and "3 attempts" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "f.bin").exists()


def test_truncated_body_resumes_with_a_range_request(server, tmp_path):
    resource = server.add("/f.bin", BODY, "application/octet-stream")
    server.fault("/f.bin", Fault(truncate_at=40_000))
    dest = tmp_path / "f.bin"
    with fetcher() as f:
        result = f.download(server.url + "/f.bin", dest, expected_sha256=SHA)
    assert result.status == "new" and dest.read_bytes() == BODY
    second = server.hits("/f.bin")[1].headers
    assert second["range"].startswith("bytes=") and int(second["range"][6:-1]) > 0
    assert second["if-range"] == resource.etag
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.bin"]


def test_resume_starts_over_when_the_server_copy_changed(server, tmp_path):
    server.add("/f.bin", b"old" * 30_000, "application/octet-stream")
    server.fault("/f.bin", *[Fault(truncate_at=10_000)] * 2)
    dest = tmp_path / "f.bin"
    with fetcher(attempts=2) as f, pytest.raises(FetchError, match="connection dropped"):
        f.download(server.url + "/f.bin", dest)
    assert not dest.exists() and (tmp_path / "f.bin.part").exists()
    server.add("/f.bin", BODY, "application/octet-stream")   # new ETag: If-Range fails
    with fetcher() as f:
        result = f.download(server.url + "/f.bin", dest, expected_sha256=SHA)
    assert result.sha256 == SHA and dest.read_bytes() == BODY


def test_truncated_every_time_keeps_the_previous_copy_whole(server, tmp_path):
    dest = tmp_path / "f.bin"
    dest.write_bytes(b"previous complete copy")
    server.add("/f.bin", BODY)
    server.fault("/f.bin", *[Fault(truncate_at=1000)] * 3)
    with fetcher(attempts=3) as f, pytest.raises(FetchError, match=r"truncated|dropped"):
        f.download(server.url + "/f.bin", dest)
    assert dest.read_bytes() == b"previous complete copy"


def test_changed_checksum_is_refused_and_nothing_is_kept(server, tmp_path):
    server.add("/f.bin", BODY + b"tampered")
    dest = tmp_path / "f.bin"
    with fetcher() as f, pytest.raises(ChecksumError) as caught:
        f.download(server.url + "/f.bin", dest, expected_sha256=SHA)
    assert "checksum mismatch" in str(caught.value) and "/f.bin" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_changed_upstream_copy_replaces_the_file(server, tmp_path):
    server.add("/f.bin", b"first version")
    dest = tmp_path / "f.bin"
    with fetcher() as f:
        first = f.download(server.url + "/f.bin", dest)
        server.add("/f.bin", b"second version")
        second = f.download(server.url + "/f.bin", dest, etag=first.etag,
                            last_modified=first.last_modified, known_sha256=first.sha256)
    assert second.status == "updated" and dest.read_bytes() == b"second version"


def test_local_copy_with_a_changed_checksum_is_fetched_again(server, tmp_path):
    server.add("/f.bin", BODY)
    dest = tmp_path / "f.bin"
    with fetcher() as f:
        first = f.download(server.url + "/f.bin", dest)
        dest.write_bytes(b"edited by hand")
        again = f.download(server.url + "/f.bin", dest, etag=first.etag,
                           last_modified=first.last_modified, known_sha256=first.sha256)
    assert "if-none-match" not in server.hits("/f.bin")[1].headers
    assert again.status == "updated" and dest.read_bytes() == BODY


def test_polite_rate_spaces_requests(server):
    server.add("/a", b"1")
    now = [100.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    with Fetcher(min_interval=2.0, sleep=sleep, clock=lambda: now[0]) as f:
        for _ in range(3):
            f.get(server.url + "/a")
    assert sleeps == [2.0, 2.0]


def test_404_is_not_retried(server, tmp_path):
    with fetcher() as f, pytest.raises(NotFoundOnServer, match="HTTP 404"):
        f.download(server.url + "/missing", tmp_path / "x")
    assert len(server.hits("/missing")) == 1


def test_offline_switch_refuses_any_request(monkeypatch):
    monkeypatch.setenv("FRONTCHECK_OFFLINE", "1")
    with pytest.raises(FetchError, match="FRONTCHECK_OFFLINE"):
        Fetcher()


def test_get_truncated_then_whole(server):
    server.add("/list", b"[" + b"1," * 5000 + b"1]")
    server.fault("/list", Fault(truncate_at=100))
    with fetcher() as f:
        answer = f.get(server.url + "/list")
    assert answer.content.endswith(b"1]") and len(server.hits("/list")) == 2
