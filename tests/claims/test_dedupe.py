"""Claim clusters across channels: forwards and near duplicates join, independent reports
do not, and the earliest appearance names the cluster."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from frontcheck.claims.dedupe import Post, cluster_claims, near_duplicate_groups, post_groups
from frontcheck.claims.extract import extract_claims
from frontcheck.claims.model import PlaceRef

T0 = datetime(2024, 10, 2, 9, 0)
TEXT = "Russian forces captured Vuhledar, the defence ministry in Moscow said on Wednesday."


def _resolve(mention: str, context: dict) -> PlaceRef | None:
    return PlaceRef(mention=mention, id="gn:690823") if mention == "Vuhledar" else None


def _claims(posts: list[Post]):
    return [c for p in posts for c in extract_claims(
        p.text, published_at=p.published_at, resolve_place=_resolve, source_id=p.source_id)]


def test_forward_and_repost_join_the_earliest() -> None:
    posts = [
        Post(3, T0 + timedelta(hours=2), TEXT + " Subscribe to our channel!", "mirror"),
        Post(1, T0, TEXT, "ria"),
        Post(2, T0 + timedelta(hours=1), TEXT, "fan", forwarded_from="ria"),
        Post(4, T0 + timedelta(hours=3), "Russian forces captured Vuhledar, DeepState said "
                                         "after geolocating new footage from the town.", "ds"),
    ]
    claims, clusters = cluster_claims(_claims(posts), posts)
    territorial = {c.source_id: c.cluster_id for c in claims if c.type == "territorial"}
    first = next(c.id for c in claims if c.source_id == 1)
    assert territorial[1] == territorial[2] == territorial[3] == first
    assert territorial[4] != first           # an independent report is separate evidence
    joined = next(c for c in clusters if c.id == first)
    assert joined.source_ids == (1, 2, 3) and joined.first_seen == T0
    assert clusters[0].id == first            # earliest appearance first


def test_forward_with_commentary_joins_through_forwarded_from() -> None:
    original = Post(1, T0, TEXT, "ria")
    forward = Post(2, T0 + timedelta(hours=1), "Big news!!! " + TEXT + " What next for "
                   "the southern front, and will the Ukrainian command hold Kurakhove now?",
                   "fan", forwarded_from="ria")
    assert post_groups([original, forward]) == {1: 1, 2: 1}


def test_distinct_texts_stay_apart_and_near_duplicates_join() -> None:
    rng = random.Random(0)
    words = [f"w{i}" for i in range(3000)]
    texts = [" ".join(rng.choice(words) for _ in range(30)) for _ in range(3000)]
    edited = [t.replace(t.split()[5], "changed", 1) for t in texts[:500]]
    labels = near_duplicate_groups(texts + edited + ["", ""])
    assert len(set(labels[:3000].tolist())) == 3000
    assert (labels[3000:3500] == labels[:500]).mean() > 0.95
    assert labels[3500] != labels[3501]      # empty texts match nothing


def test_bulletins_sharing_a_sentence_do_not_chain() -> None:
    shared = "Потери ВСУ составили до 140 военнослужащих и два танка."
    texts = [f"{shared} Освобождён населённый пункт Новогродовка.",
             f"{shared} Отражены атаки у населённого пункта Гродовка, уничтожена техника.",
             "Отражены атаки у населённого пункта Гродовка, уничтожена техника. Слава героям!"]
    labels = near_duplicate_groups(texts).tolist()
    assert labels[0] != labels[1] and labels[0] != labels[2]
