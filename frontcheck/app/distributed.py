"""The distributed engine (issue 12): the pure per-source and per-claim functions of
``claims extract`` and ``verify`` run on the workers of a Dask cluster, their results come
back in input order, and the caller writes them through the store once, in one process.

Dask distributed does the scheduling, data movement, retries and worker bookkeeping; nothing
here is a pool of our own. What goes where:

- the sources (or claims) are cut into contiguous partitions, a few per worker so that a slow
  partition does not leave the others idle, and at most ``PARTITION_MAX`` items each so that a
  big archive streams through the workers' memory;
- what every partition needs — the gazetteer's ``PlaceIndex`` — is pickled once and scattered
  to every worker (``broadcast=True``), which loads it and builds its resolver once; what only
  some partitions need — the front line of a day, the timelines of some places — is sent with
  the partitions that need it (front lines are scattered once and referenced);
- results are gathered in partition order, so the output is the single-process output.

``distributed`` is an optional extra (``pip install 'frontcheck[distributed]'``): it is only
imported when a cluster is asked for.
"""

from __future__ import annotations

import gc
import logging
import math
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from frontcheck.claims.model import Claim
from frontcheck.claims.of_source import publication_day, source_claims
from frontcheck.claims.resolver import FrontLine, PlaceResolver, index_resolver
from frontcheck.errors import FrontcheckError
from frontcheck.places.index import PlaceIndex
from frontcheck.sources.model import StoredSource
from frontcheck.verify.territorial import (
    PlaceTimeline,
    TimelineMatrix,
    Verdict,
    VerdictRules,
    territorial_verdicts,
)

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["PARTITION_MAX", "claims_on_cluster", "cluster_client", "map_in_order",
           "partitions", "verdicts_on_cluster"]

#: Items a partition holds at most: a few seconds of work for one core, small enough that
#: partitions of a big archive stream through memory.
PARTITION_MAX = 2000
#: Partitions per worker for a small job: enough to even out uneven sources.
PARTITIONS_PER_WORKER = 4
#: Seconds to reach a scheduler (Dask's own 30 s is long to wait on a mistyped address; the
#: user's Dask configuration, e.g. DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT, still wins),
#: and then for its first worker to be there.
CONNECT_TIMEOUT = 10
WORKER_TIMEOUT = 60


@cache
def _add_connect_default() -> None:
    """Ours as Dask's default connect timeout, once per process; a value the user set wins."""
    import dask.config

    dask.config.update_defaults(
        {"distributed": {"comm": {"timeouts": {"connect": f"{CONNECT_TIMEOUT}s"}}}})


def connect_timeout() -> str:
    """How long to try reaching a scheduler: the user's Dask setting, else ours."""
    import dask.config

    _add_connect_default()
    return str(dask.config.get("distributed.comm.timeouts.connect"))


@contextmanager
def cluster_client(scheduler: str | None, workers: int | None) -> Iterator[Client | None]:
    """A Dask client on the scheduler at ``scheduler``, or on a local cluster of ``workers``
    processes (one thread each: extraction is pure Python, so threads would share one core);
    None when neither is given. Refused with one line when the scheduler cannot be reached."""
    if scheduler is None and workers is None:
        yield None
        return
    if scheduler is not None and workers is not None:
        raise FrontcheckError("give --scheduler or --workers, not both")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise FrontcheckError("a cluster needs Dask: pip install 'frontcheck[distributed]'") \
            from None
    if workers is not None:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, \
                Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=connect_timeout(), set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise FrontcheckError(f"--scheduler {scheduler}: cannot reach the Dask scheduler "
                              f"({reason})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except (TimeoutError, OSError):
            raise FrontcheckError(f"--scheduler {scheduler}: no worker joined the scheduler "
                                  f"in {WORKER_TIMEOUT} s") from None
        yield client


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def partitions(items: Sequence[_Item], count: int) -> list[Sequence[_Item]]:
    """``items`` cut into ``count`` contiguous runs in order, their sizes differing by one at
    most (none empty).

    >>> [list(p) for p in partitions(range(7), 3)]
    [[0, 1, 2], [3, 4], [5, 6]]
    >>> partitions([], 4)
    []
    """
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out: list[Sequence[_Item]] = []
    start = 0
    for k in range(count):
        end = start + size + (k < extra)
        if end > start:
            out.append(items[start:end])
        start = end
    return out


def partition_count(items: int, workers: int) -> int:
    """How many partitions: a few per worker, each at most ``PARTITION_MAX`` items.

    >>> partition_count(100, 2), partition_count(1_000_000, 2)
    (8, 500)
    """
    return max(workers * PARTITIONS_PER_WORKER, math.ceil(items / PARTITION_MAX), 1)


def worker_count(client: Client) -> int:
    """The workers the scheduler has now."""
    return max(1, len(client.scheduler_info()["workers"]))


def map_in_order(client: Client, function: Callable[..., list[_Result]],
                 parts: Sequence[Sequence[Any]], per_part: Sequence[dict[str, Any]] | None = None,
                 shared: dict[str, Any] | None = None,
                 on_done: Callable[[int], Any] | None = None) -> list[_Result]:
    """``function(part, **per_part[i], **shared)`` on the cluster for every part, the lists
    it returns joined in part order. ``shared`` values go to every worker once; futures inside
    ``per_part`` are resolved on the worker. ``on_done(n)`` is told each part's size as it
    finishes (a progress bar)."""
    from distributed import as_completed

    if not parts:
        return []
    shared_futures = {name: client.scatter(value, broadcast=True, hash=False)
                      if value is not None else None for name, value in (shared or {}).items()}
    futures = [client.submit(function, part, **(per_part[k] if per_part else {}),
                             **shared_futures, pure=False) for k, part in enumerate(parts)]
    sizes = {f.key: len(p) for f, p in zip(futures, parts)}
    try:
        for future in as_completed(futures, loop=client.loop):
            if future.status == "error":
                future.result()          # raises the worker's exception here
            if on_done is not None:
                on_done(sizes[future.key])
        return [item for chunk in client.gather(futures) for item in chunk]
    except ImportError as exc:           # a worker without frontcheck, or another version
        raise FrontcheckError(f"a Dask worker cannot run frontcheck ({exc}): install the same "
                              "frontcheck, with its 'distributed' extra, on every worker") from None
    finally:
        client.cancel([*futures, *(f for f in shared_futures.values() if f is not None)])


# ---------------------------------------------------------------- claims extract

#: On a worker: the scattered pickle of the index it holds and the resolver built from it
#: (the bytes are kept so that the identity check below cannot match new bytes at a reused
#: address).
_WORKER_RESOLVER: list[Any] = [None, None]     # [bytes | None, PlaceResolver | None]


def _partition_claims(sources: Sequence[StoredSource], *, fronts: dict[date, FrontLine | None],
                      index_pickle: bytes | None,
                      per_source: Callable[[StoredSource, PlaceResolver | None,
                                            FrontLine | None], list[Claim]] = source_claims,
                      ) -> list[Claim]:
    """Worker side: the claims of a partition's sources, in source order."""
    resolver = None
    if index_pickle is not None:
        if _WORKER_RESOLVER[0] is not index_pickle:
            _WORKER_RESOLVER[:] = [index_pickle, index_resolver(pickle.loads(index_pickle))]
            # as app.place_lookup.place_index does: the index's many small objects are never
            # walked by the garbage collector again, which otherwise slows every resolution
            gc.collect()
            gc.freeze()
        resolver = _WORKER_RESOLVER[1]
    return [claim for item in sources
            for claim in per_source(item, resolver, fronts.get(publication_day(item)))]


def claims_on_cluster(client: Client, sources: Sequence[StoredSource], index: PlaceIndex | None,
                      fronts: dict[date, FrontLine | None],
                      per_source: Callable[[StoredSource, PlaceResolver | None,
                                            FrontLine | None], list[Claim]] = source_claims,
                      on_done: Callable[[int], Any] | None = None) -> list[Claim]:
    """The claims of ``sources`` as ``[c for s in sources for c in per_source(s, resolver,
    fronts[publication_day(s)])]`` gives them in one process, computed on the cluster;
    ``fronts`` holds the front line of each publication day (None: no snapshot yet)."""
    parts = partitions(sources, partition_count(len(sources), worker_count(client)))
    # Each distinct front line is sent once and referenced by every partition that needs it.
    distinct = {f.key: f for f in fronts.values() if f is not None}
    scattered = dict(zip(distinct, client.scatter(list(distinct.values()), hash=False))) \
        if distinct else {}
    per_part: list[dict[str, Any]] = []
    for part in parts:
        days = sorted({publication_day(s) for s in part})
        per_part.append({"fronts": {d: None if (front := fronts.get(d)) is None
                                    else scattered[front.key] for d in days},
                         "per_source": per_source})
    try:
        # The index goes to every worker as one pickle, which each worker loads once: for the
        # full gazetteer (35,000 places, 17 MB) that took 0.5 s to send and 4 s to load, where
        # scattering the object itself took 11-17 s (dask pickles and sends it piece by piece).
        index_pickle = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL) \
            if index is not None else None
        return map_in_order(client, _partition_claims, parts, per_part,
                            {"index_pickle": index_pickle}, on_done=on_done)
    finally:
        client.cancel(list(scattered.values()))


# ---------------------------------------------------------------- verify

def verdicts_on_cluster(client: Client, claims: Sequence[Claim],
                        timelines: dict[str, PlaceTimeline], rules: VerdictRules,
                        on_done: Callable[[int], Any] | None = None) -> list[Verdict]:
    """``territorial_verdicts`` on the territorial claims among ``claims``, in their order,
    computed on the cluster: each partition takes the timelines of its own claims' places."""
    territorial = [c for c in claims if c.type == "territorial"]
    parts = partitions(territorial, partition_count(len(territorial), worker_count(client)))
    per_part = []
    for part in parts:
        places = sorted({c.place.id for c in part if c.place and c.place.id} & set(timelines))
        per_part.append({"matrix": TimelineMatrix.of({p: timelines[p] for p in places}),
                         "rules": rules})
    return map_in_order(client, territorial_verdicts, parts, per_part, on_done=on_done)
