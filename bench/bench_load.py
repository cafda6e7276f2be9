"""Loopback load test of the workbench: a real server (``frontcheck serve``, uvicorn) on
127.0.0.1 and concurrent keep-alive clients, bounded in requests and time (issue 14, "Measured").

Routes: the monthly area table (``/api/control/area?period=month``, the heaviest read route)
and one source (``/api/sources/1``). Each is loaded with ``CLIENTS`` connections sending
``REQUESTS`` requests in all; reported per route: requests a second, p50 and p99 latency and the
number of answers other than 200. The baseline is the same server with the area table cache
turned off (``FRONTCHECK_WEB_AREA_CACHE=off``), run in turn in the same bench. Check before
timing: both servers answer the area route with the same records. Goal: the cached area route
at least 5x the requests a second of the uncached one.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import orjson

from bench.common import ROOT, daily_files, goal, write_results

JOB = "load"
ROUTES = {"area_month": "/api/control/area?period=month", "one_source": "/api/sources/1"}
SIZES = {"full": {"files": None, "requests": 2000, "clients": 8, "seconds": 60},
         "tiny": {"files": 2, "requests": 20, "clients": 2, "seconds": 10}}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_store(folder: Path, files: int | None) -> Path:
    """Snapshots (no gazetteer: the routes need none) and the sample sources."""
    from frontcheck.app.snapshot_ingest import ingest_snapshots
    from frontcheck.app.source_ingest import ingest_sources, source_files
    from frontcheck.control.formats import ReadOptions
    from frontcheck.store.engine import open_engine

    db = folder / "store.sqlite"
    days = daily_files() if files is None else daily_files()[:files]
    with open_engine(db) as engine:
        ingest_snapshots(engine, [], ReadOptions(), files=days)
        ingest_sources(engine, source_files([ROOT / "samples" / "statements"]))
    return db


class Server:
    """``frontcheck serve`` in a process of its own, on a free loopback port."""

    def __init__(self, db: Path, env: dict) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "frontcheck", "serve", "--db", str(db), "--port", str(self.port)],
            cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/api/config")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def load(port: int, path: str, requests: int, clients: int, seconds: float) -> dict:
    """``requests`` GETs of ``path`` over ``clients`` keep-alive connections, stopping early at
    ``seconds``: rate, p50, p99 (ms) and answers that were not 200."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > deadline:
                    break
                remaining[0] -= 1
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                answer = connection.getresponse()
                answer.read()
                ok = answer.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies)
    return {"requests": len(ordered), "errors": errors[0], "req_per_s": len(ordered) / wall,
            "p50_ms": 1000 * statistics.median(ordered),
            "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]}


def run(scale: str = "full") -> dict:
    size = SIZES[scale]
    with tempfile.TemporaryDirectory() as tmp:
        db = build_store(Path(tmp), size["files"])
        measured, answers = {}, {}
        for name, env in (("uncached", {"FRONTCHECK_WEB_AREA_CACHE": "off"}), ("cached", {})):
            server = Server(db, env)
            try:
                status, body = server.get(ROUTES["area_month"])
                answers[name] = (status, orjson.loads(body))
                for route, path in ROUTES.items():
                    server.get(path)                       # warm: imports, first connection
                    measured[f"{route}_{name}"] = load(server.port, path, size["requests"],
                                                       size["clients"], size["seconds"])
            finally:
                server.stop()
    speedup = measured["area_month_cached"]["req_per_s"] / measured["area_month_uncached"]["req_per_s"]
    result = {
        "job": JOB, "scale": scale, "sizes": size, "routes": ROUTES, "measured": measured,
        "ratios": {"area_month_cached_vs_uncached_req_per_s": speedup},
        "checks": {"same_area_records": answers["cached"] == answers["uncached"]
                   and answers["cached"][0] == 200,
                   "no_errors": all(m["errors"] == 0 for m in measured.values())},
        "goals": {"area_cache_speedup": goal(speedup, ">=", 5, "x")},
    }
    return write_results(result)


if __name__ == "__main__":
    print(orjson.dumps(run(sys.argv[1] if len(sys.argv) > 1 else "full"),
                       option=orjson.OPT_INDENT_2).decode())
