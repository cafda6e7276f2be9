"""Claim clusters: the same claim forwarded or re-posted across channels is one cluster that
lists every source and the earliest appearance.

Two posts carry the same claims when one is a forward of the other (Telegram's
``forwarded_from`` names the channel it came from) or when their texts are near duplicates
(a re-post with a line added or a link changed). Near duplicates are found with MinHash over
word 3-shingles and locality-sensitive hashing, all in numpy: each post gets 32 min-hashes;
posts that share both hashes of any of 16 bands are candidates (a pair at similarity 0.5
is one with probability 0.99, a pair at 0.1 with 0.15); a candidate joins when the shorter
text is estimated to be at least ``threshold`` (0.8) contained in the longer. That is linear
in the number of posts, where comparing every pair of 100,000 posts would be 5·10⁹
comparisons. Within a group of posts, claims with the same content (type, actor, action,
place, figures, predicate, negation) are one cluster, named after its earliest claim.

Independent reports of the same event by unrelated channels are *not* merged: they are
separate evidence, which the verifier weighs as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import numpy as np

from frontcheck.claims.model import Claim

__all__ = ["Post", "ClaimCluster", "near_duplicate_groups", "post_groups", "cluster_claims"]

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HASHES = 32
_BANDS = 16
_ROWS = _HASHES // _BANDS
_CHUNK_SHINGLES = 400_000
#: Texts with fewer word 3-shingles than this join only as near-identical (Jaccard).
_MIN_CONTAINED = 5
#: How many of a channel's posts before a forward are searched for its original.
_FORWARD_WINDOW = 200


@dataclass(frozen=True, slots=True)
class Post:
    """What clustering needs of a source: its id, time, text, channel and, for a forward,
    the channel it was forwarded from."""

    source_id: int
    published_at: datetime | date | None
    text: str
    channel: str = ""
    forwarded_from: str = ""


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """One claim as it travelled: ``id`` is the earliest claim's id, ``first_source_id`` and
    ``first_seen`` where and when it first appeared."""

    id: str
    claim_ids: tuple[str, ...]
    source_ids: tuple[int, ...]
    first_source_id: int | None
    first_seen: datetime | date | None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))   # a list: element access from Python is 5x a NumPy array's

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _signatures(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(n, 32) min-hashes of each text's word 3-shingles (words for texts under 3 words;
    an empty text gets all-max hashes and matches nothing), and each text's shingle count."""
    vocabulary: dict[str, int] = {}
    ids: list[int] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        words = _WORD.findall(text.lower()) if isinstance(text, str) else []
        lengths[i] = len(words)
        ids.extend(vocabulary.setdefault(w, len(vocabulary) + 1) for w in words)
    tokens = np.asarray(ids, dtype=np.uint64)
    rng = np.random.default_rng(20240801)
    masks = rng.integers(1, 1 << 62, size=_HASHES, dtype=np.uint64)
    odds = rng.integers(1, 1 << 62, size=_HASHES, dtype=np.uint64) | np.uint64(1)
    signatures = np.full((len(texts), _HASHES), np.iinfo(np.uint64).max, dtype=np.uint64)
    shingles = np.where(lengths >= 3, lengths - 2, lengths)
    # shingle hash: a polynomial in three consecutive word ids of one text (wrapping
    # uint64 arithmetic); texts of one or two words use their words
    doc_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        triples = tokens[:-2] * base * base + tokens[1:-1] * base + tokens[2:]
    whole = doc_of[:-2] == doc_of[2:] if len(tokens) >= 3 else np.zeros(0, dtype=bool)
    short = lengths[doc_of] < 3
    docs = np.concatenate((doc_of[:-2][whole], doc_of[short]))
    hashes = np.concatenate((triples[whole], tokens[short]))
    if len(hashes) == 0:
        return signatures, shingles
    order = np.argsort(docs, kind="stable")
    docs, hashes = docs[order], hashes[order]
    with np.errstate(over="ignore"):
        for begin in range(0, len(hashes), _CHUNK_SHINGLES):
            chunk_docs = docs[begin:begin + _CHUNK_SHINGLES]
            values = ((hashes[begin:begin + _CHUNK_SHINGLES, None] ^ masks) * odds) >> np.uint64(3)
            order_starts = np.flatnonzero(np.r_[True, chunk_docs[1:] != chunk_docs[:-1]])
            minima = np.minimum.reduceat(values, order_starts, axis=0)
            rows = chunk_docs[order_starts]
            signatures[rows] = np.minimum(signatures[rows], minima)
    return signatures, shingles


def near_duplicate_groups(texts: Sequence[str], threshold: float = 0.8) -> np.ndarray:
    """A group label for each text (the position of the first text of its group): texts
    join when the shorter's word 3-shingles are, by the MinHash estimate, at least
    ``threshold`` contained in the longer's, directly or through others (a text of under
    seven words must be that similar to the other as a whole).

    Containment rather than Jaccard similarity: a post re-posted with a line added contains
    all of the original (1.0), while two bulletins from one template that differ in the
    place named share much less (one word changes three shingles), so they stay apart.

    Examples
    --------
    >>> near_duplicate_groups([
    ...     "Russian forces captured Hostre near Kurakhove, the ministry said today",
    ...     "Air raid alert in Kyiv",
    ...     "Russian forces captured Hostre near Kurakhove, the ministry said today. Subscribe!",
    ...     "Russian forces captured Tsukuryne near Kurakhove, the ministry said on Monday",
    ... ]).tolist()
    [0, 1, 0, 3]
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    signatures, shingles = _signatures(texts)
    empty = shingles == 0
    uf = _UnionFind(n)
    weights = np.random.default_rng(7).integers(1, 1 << 62, size=_ROWS, dtype=np.uint64) | 1
    positions = np.arange(n)
    with np.errstate(over="ignore"):
        for band in range(_BANDS):
            keys = (signatures[:, band * _ROWS:(band + 1) * _ROWS] * weights).sum(axis=1)
            order = np.lexsort((positions, keys))
            same = np.flatnonzero(keys[order][1:] == keys[order][:-1])
            # each text against the one before it in its bucket, all pairs in array calls
            a, b = order[same], order[same + 1]
            keep = ~(empty[a] | empty[b])
            a, b = a[keep], b[keep]
            jaccard = (signatures[a] == signatures[b]).mean(axis=1)
            small = np.minimum(shingles[a], shingles[b]).astype(float)
            large = np.maximum(shingles[a], shingles[b]).astype(float)
            # a short text ("Слава Україні!") is contained in many posts: joining on
            # containment would chain unrelated posts through it, so it must match whole
            with np.errstate(divide="ignore", invalid="ignore"):
                contained = jaccard * (small + large) / ((1 + jaccard) * small)
            share = np.where(small >= _MIN_CONTAINED, contained, jaccard)
            for x, y in zip(a[share >= threshold].tolist(), b[share >= threshold].tolist()):
                uf.union(x, y)
    return np.array([uf.find(i) for i in range(n)], dtype=np.int64)


def post_groups(posts: Sequence[Post], threshold: float = 0.8) -> dict[int, int]:
    """Source id → the source id of the earliest post of its group (forwards and near
    duplicates)."""
    if not posts:
        return {}
    posts = sorted(posts, key=lambda p: (_when(p.published_at), p.source_id))
    labels = near_duplicate_groups([p.text for p in posts], threshold)
    uf = _UnionFind(len(posts))
    for i, label in enumerate(labels):
        if label != i:
            uf.union(int(label), i)
    # a forward with commentary is no near duplicate; join it to the post of the channel it
    # names that shares most of that post's words, among the channel's last posts before it
    by_channel: dict[str, list[int]] = {}
    for i, post in enumerate(posts):
        by_channel.setdefault(post.channel, []).append(i)
    groups_channels: dict[int, set[str]] = {}
    for i, post in enumerate(posts):
        groups_channels.setdefault(uf.find(i), set()).add(post.channel)
    for i, post in enumerate(posts):
        origin = post.forwarded_from
        if not origin or origin not in by_channel or origin in groups_channels[uf.find(i)]:
            continue          # no such channel here, or already with a post of it
        words = set(_WORD.findall(post.text.lower()))
        earlier = [j for j in by_channel[origin]
                   if _when(posts[j].published_at) <= _when(post.published_at)]
        best, best_share = None, 0.5
        for j in earlier[-_FORWARD_WINDOW:]:
            other = set(_WORD.findall(posts[j].text.lower()))
            share = len(words & other) / max(1, len(other))
            if share > best_share:
                best, best_share = j, share
        if best is not None:
            uf.union(best, i)
    members: dict[int, list[int]] = {}
    for i in range(len(posts)):
        members.setdefault(uf.find(i), []).append(i)
    out: dict[int, int] = {}
    for group in members.values():
        first = min(group, key=lambda i: (_when(posts[i].published_at), posts[i].source_id))
        for i in group:
            out[posts[i].source_id] = posts[first].source_id
    return out


def _when(value: datetime | date | None) -> tuple[Any, ...]:
    if value is None:
        return (1, "")
    return (0, value.isoformat() if isinstance(value, datetime) else f"{value.isoformat()}T")


def _content(claim: Claim) -> tuple[Any, ...]:
    place = claim.place
    where = (place.id or (place.mention or "").lower() or place.oblast) if place else ""
    fields = claim.fields or {}
    # no event date: a re-post a day later says "yesterday" of the same day
    return (claim.type, claim.actor, claim.action, where, claim.negated,
            fields.get("kind"), fields.get("best"), fields.get("currency"),
            fields.get("predicate"), str(fields.get("value")), fields.get("unit"))


def cluster_claims(claims: Sequence[Claim], posts: Sequence[Post],
                   threshold: float = 0.8) -> tuple[list[Claim], list[ClaimCluster]]:
    """The claims with ``cluster_id`` set, and the clusters, earliest appearance first.

    Claims whose ``source_id`` is not among ``posts`` are clustered with claims of the same
    content from the same source only.
    """
    groups = post_groups(posts, threshold)
    when = {p.source_id: p.published_at for p in posts}
    buckets: dict[tuple[Any, ...], list[Claim]] = {}
    for claim in claims:
        group = (groups.get(claim.source_id, claim.source_id) if claim.source_id is not None
                 else None)
        buckets.setdefault((group, _content(claim)), []).append(claim)
    clustered: dict[str, str] = {}
    clusters: list[ClaimCluster] = []
    for members in buckets.values():
        members.sort(key=lambda c: (_when(_first_seen(c, when)),
                                    c.source_id or 0, c.span or (0, 0), c.id))
        first = members[0]
        for claim in members:
            clustered[claim.id] = first.id
        clusters.append(ClaimCluster(
            id=first.id, claim_ids=tuple(c.id for c in members),
            source_ids=tuple(dict.fromkeys(c.source_id for c in members if c.source_id
                                           is not None)),
            first_source_id=first.source_id,
            first_seen=_first_seen(first, when)))
    clusters.sort(key=lambda c: (_when(c.first_seen), c.id))
    return [replace(c, cluster_id=clustered[c.id]) for c in claims], clusters


def _first_seen(claim: Claim, when: dict[int, datetime | date | None]) -> datetime | date | None:
    """When the claim's post appeared, else the claim's own date."""
    if claim.source_id is None:
        return claim.claim_date
    return when.get(claim.source_id, claim.claim_date)
