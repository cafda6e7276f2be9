"""Distributed extraction (issue 12): posts per second of ``claims extract`` on a Dask
LocalCluster of 1 and of 2 worker processes, against the plain single-process path.

Measured in one run, on the synthetic Telegram export of ``bench_claims`` (ingested into a
store with the gazetteer, as ``sources ingest`` does):

1. **Plain**: the single-process path of ``claims extract --all``: ``source_claims`` on every
   stored source, in a fresh process (so that what the bench imported does not weigh on it),
   resolver index loaded before the clock starts.
2. **1 worker / 2 workers**: ``app.distributed.claims_on_cluster`` on a LocalCluster of that
   many processes, one thread each; the clock includes everything a real run pays per job
   (scattering the place index to every worker, sending the partitions, gathering the claims
   in order) but not the cluster's start-up, which is reported apart.

The ratios are posts per second of one run over another's in the same bench run: 2 vs 1
worker is the scaling on this 2-core machine; against the plain path they show what the
engine costs. Also reported: the CPU seconds the workers spent (posts per CPU-second is the
per-core throughput the README's plan for 100 million posts is computed from), and how long
shipping the index to every worker takes against each worker building it from the store.
Before the timings are used, the check: each cluster run gives exactly the plain run's claims
(the same digest of every field, in order).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.common import (
    bench_gazetteer,
    best_of,
    run_in_subprocess,
    write_results,
)

JOB = "distributed"
RATIO_KEYS = ("posts_per_s_2_workers_vs_1_worker", "posts_per_s_2_workers_vs_plain",
              "posts_per_s_1_worker_vs_plain")
_SELF = "bench.bench_distributed"


@dataclass(frozen=True, slots=True)
class Config:
    posts: int
    repeats: int
    gazetteer_rows: int | None


CONFIGS = {
    "full": Config(posts=20_000, repeats=2, gazetteer_rows=None),
    "tiny": Config(posts=600, repeats=1, gazetteer_rows=1500),
}


def digest(claims: list) -> str:
    """One hash of every field of every claim, in order."""
    return hashlib.sha256(repr(claims).encode()).hexdigest()


# ---------------------------------------------------------------- plain (in a fresh process)

_STATE: dict = {}


def prepare_plain(store: str) -> None:
    """Untimed: imports, the stored sources and the resolver index, as the CLI has them."""
    import gc

    from frontcheck.app.place_lookup import place_index
    from frontcheck.claims.resolver import index_resolver
    from frontcheck.store.engine import open_engine
    from frontcheck.store.sources import list_sources

    with open_engine(store) as engine, engine.connect() as connection:
        _STATE["sources"] = list_sources(connection)
        _STATE["resolver"] = index_resolver(place_index(connection))
    gc.collect()


def plain(store: str) -> dict:
    """Timed: the claims of every source, one after the other."""
    from frontcheck.claims.of_source import source_claims

    claims = [c for s in _STATE["sources"] for c in source_claims(s, _STATE["resolver"], None)]
    return {"claims": len(claims), "digest": digest(claims)}


# ---------------------------------------------------------------- on a cluster

def _worker_cpu(client) -> float:
    return sum(client.run(time.process_time).values())


def _index_from_store(store: str) -> int:
    """On a worker: the index built from the store's files (pickle cache when warm)."""
    from frontcheck.app.place_lookup import place_index
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        return len(place_index(connection).ids)


def _load_index(key: str, dask_worker=None) -> int:
    """On a worker: the index loaded from the pickle scattered under ``key``."""
    return len(pickle.loads(dask_worker.data[key]).ids)


def _index_shipping(client, index, store: str) -> dict:
    """Seconds until every worker holds the index, three ways: scattering the object,
    scattering its pickle for each worker to load (what ``claims_on_cluster`` does), and each
    worker building it from the store (its on-disk pickle cache, when warm)."""
    out = {}
    start = time.perf_counter()
    shipped = client.scatter(index, broadcast=True, hash=False)
    out["scatter_object_s"] = round(time.perf_counter() - start, 3)
    client.cancel([shipped])
    start = time.perf_counter()
    shipped = client.scatter(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL),
                             broadcast=True, hash=False)
    client.run(_load_index, shipped.key)
    out["scatter_pickle_and_load_s"] = round(time.perf_counter() - start, 3)
    client.cancel([shipped])
    start = time.perf_counter()
    client.run(_index_from_store, store)
    out["built_on_each_worker_from_store_s"] = round(time.perf_counter() - start, 3)
    return out


def on_cluster(workers: int, sources: list, index, store: str, repeats: int) -> dict:
    """Best-of-``repeats`` of ``claims_on_cluster`` on a fresh LocalCluster of ``workers``."""
    from distributed import Client, LocalCluster

    from frontcheck.app.distributed import claims_on_cluster

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, \
            Client(cluster, set_as_default=False) as client:
        claims_on_cluster(client, sources[:20], index, {})     # warm-up: imports on workers
        startup = time.perf_counter() - started
        cpu_before = _worker_cpu(client)
        timing = best_of(lambda: claims_on_cluster(client, sources, index, {}), repeats)
        worker_cpu = (_worker_cpu(client) - cpu_before) / len(timing.runs)
        shipping = _index_shipping(client, index, store) if workers > 1 else {}
    return {"timing": timing, "claims": len(timing.result), "digest": digest(timing.result),
            "startup_s": round(startup, 3), "worker_cpu_s": round(worker_cpu, 3), **shipping}


def _single_writer(store: Path, sources: list, claims: list) -> dict:
    """The part that stays in one process: clustering every claim, then storing them."""
    from frontcheck.claims.dedupe import Post, cluster_claims
    from frontcheck.store.claims import insert_claims
    from frontcheck.store.engine import open_engine

    start = time.perf_counter()
    posts = [Post(s.id, s.published_at, s.text, s.publisher,
                  str((s.meta or {}).get("forwarded_from") or "")) for s in sources]
    clustered, _ = cluster_claims(claims, posts)
    cluster_s = time.perf_counter() - start
    with open_engine(store) as engine:
        start = time.perf_counter()
        with engine.begin() as connection:
            new = insert_claims(connection, clustered)
        insert_s = time.perf_counter() - start
    return {"claims": new, "cluster_s": round(cluster_s, 3), "insert_s": round(insert_s, 3),
            "clustered_claims_per_s": round(len(clustered) / cluster_s, 1),
            "stored_claims_per_s": round(new / insert_s, 1)}


# ---------------------------------------------------------------- the run

def run(scale: str = "full") -> dict:
    """Measure at ``scale`` ("full": 20,000 posts; "tiny": 600), write the results file."""
    config = CONFIGS[scale]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="frontcheck-bench-distributed-") as tmp:
        result = _measure(config, Path(tmp))
    return write_results({"job": JOB, "scale": scale, "config": asdict(config), **result,
                          "seconds_total": round(time.perf_counter() - started, 1)})


def _store(config: Config, work: Path) -> Path:
    """A store with the gazetteer and the synthetic export ingested."""
    from bench.bench_claims import TINY_BOX, _settlements, generate_export
    from frontcheck.app.place_load import load_gazetteer
    from frontcheck.app.source_ingest import ingest_sources
    from frontcheck.store.engine import open_engine

    gazetteer = bench_gazetteer(work, config.gazetteer_rows, TINY_BOX)
    export = work / "result.json"
    generate_export(export, config.posts, _settlements(gazetteer))
    store = work / "store.sqlite"
    with open_engine(store) as engine:
        load_gazetteer(engine, gazetteer)
        ingest_sources(engine, [export])
    return store


def _measure(config: Config, work: Path) -> dict:
    from frontcheck.app.place_lookup import place_index
    from frontcheck.store.engine import open_engine
    from frontcheck.store.sources import list_sources

    store = _store(config, work)
    load_before = os.getloadavg()
    runs = [run_in_subprocess(f"{_SELF}:plain", {"store": str(store)},
                              before=[("prepare_plain", {"store": str(store)})])
            for _ in range(config.repeats)]
    best_plain = min(r["seconds"] for r in runs)
    with open_engine(store) as engine, engine.connect() as connection:
        sources = list_sources(connection)
        index = place_index(connection)
    one = on_cluster(1, sources, index, str(store), config.repeats)
    two = on_cluster(2, sources, index, str(store), config.repeats)
    posts = len(sources)
    writer = _single_writer(store, sources, two["timing"].result)
    # On a machine shared with other jobs the wall-clock ratios say little: the load average
    # says how many cores the runs had to share.
    load = {"before": [round(x, 2) for x in load_before],
            "after": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count()}
    rate = {"plain": posts / best_plain, "1_worker": posts / one["timing"].best,
            "2_workers": posts / two["timing"].best}
    reference = runs[-1]["result"]["digest"]
    checks = {"1_worker_claims_equal_plain": one["digest"] == reference,
              "2_worker_claims_equal_plain": two["digest"] == reference}
    return {
        "load_average": load,
        "input": {"posts": posts, "claims": runs[-1]["result"]["claims"],
                  "places": len(index.ids)},
        "timings": {
            "plain": {"what": "source_claims on every source, one fresh process",
                      "best_s": round(best_plain, 3),
                      "runs_s": [round(r["seconds"], 3) for r in runs],
                      "cpu_runs_s": [round(r["cpu_seconds"], 3) for r in runs]},
            **{name: r["timing"].as_dict(f"claims_on_cluster, LocalCluster of {n} process(es)")
               | {"cluster_startup_s": r["startup_s"], "worker_cpu_s": r["worker_cpu_s"]}
               for name, n, r in (("1_worker", 1, one), ("2_workers", 2, two))}},
        "posts_per_second": {k: round(v, 1) for k, v in rate.items()},
        "posts_per_worker_cpu_second": {
            "1_worker": round(posts / one["worker_cpu_s"], 1) if one["worker_cpu_s"] else None,
            "2_workers": round(posts / two["worker_cpu_s"], 1) if two["worker_cpu_s"] else None},
        "single_writer": writer,
        "index_to_2_workers": {k: two[k] for k in ("scatter_object_s", "scatter_pickle_and_load_s",
                                                   "built_on_each_worker_from_store_s")},
        "ratios": {"posts_per_s_2_workers_vs_1_worker": round(rate["2_workers"] / rate["1_worker"], 3),
                   "posts_per_s_2_workers_vs_plain": round(rate["2_workers"] / rate["plain"], 3),
                   "posts_per_s_1_worker_vs_plain": round(rate["1_worker"] / rate["plain"], 3)},
        "checks": checks,
    }
