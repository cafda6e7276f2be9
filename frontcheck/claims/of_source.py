"""The claims of one stored source: the step ``claims extract --source/--all`` repeats for
every source, as one pure function, so that one process and the workers of a Dask cluster
(``app.distributed``) run exactly the same code."""

from __future__ import annotations

from datetime import date, datetime

from frontcheck.claims.extract import claim_id, dated_by_dataset, extract_claims, source_key
from frontcheck.claims.model import Claim
from frontcheck.claims.resolver import FrontLine, PlaceResolver
from frontcheck.claims.testimony import topic_claims
from frontcheck.sources.model import StoredSource

__all__ = ["SPOKEN_KINDS", "TESTIMONY_KINDS", "publication_day", "source_claims"]

#: Source kinds whose claims are their speaker's, not their publisher's.
SPOKEN_KINDS = frozenset(("interview", "statement"))
#: Source kinds read for testimony topics too (issue 11): interviews, statements, articles.
TESTIMONY_KINDS = frozenset(("interview", "statement", "article"))


def publication_day(item: StoredSource) -> date:
    """The day whose front line settles the source's homonyms: published, else ingested."""
    when = item.published_at or item.ingested_at
    return when.date() if isinstance(when, datetime) else when


def source_claims(item: StoredSource, resolve_place: PlaceResolver | None,
                  front: FrontLine | None) -> list[Claim]:
    """Every claim of one source: sentence claims (dated by the dataset's own event date and
    precision where the source carries them, as ACLED rows do) and, for spoken and article
    kinds, its testimony topics; ``front`` is the front line of ``publication_day(item)``."""
    speaker = item.author if item.kind in SPOKEN_KINDS and item.author else ""
    when = item.published_at or item.ingested_at
    claimant = speaker or item.publisher or item.author
    found = extract_claims(item.text, published_at=when, lang=item.language or None,
                           resolve_place=resolve_place, claimant_default=claimant,
                           source_id=item.id, front=front)
    meta = item.meta or {}
    if meta.get("time_precision") and meta.get("event_date"):
        found = dated_by_dataset(found, date.fromisoformat(meta["event_date"]),
                                 meta["time_precision"])
    if item.kind in TESTIMONY_KINDS:
        key = source_key(item.text, item.id)
        found = [*found, *topic_claims(item.text, published_at=when, claimant=claimant,
                                       source_id=item.id,
                                       make_id=lambda span, n: claim_id(key, span, "testimony", n))]
    return found
