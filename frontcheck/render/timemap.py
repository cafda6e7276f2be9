"""Claims as Forensic Architecture's TimeMap data: the ``events``, ``sources`` and
``associations`` that TimeMap's datasheet-server serves and TimeMap validates
(``src/reducers/validate/{event,source,associations}Schema.js`` in forensic-architecture/
timemap): events a list (``description`` required, ``date`` as MM/DD/YYYY and ``time`` as
HH:mm, TimeMap's default ``DATE_FMT``/``TIME_FMT``, ``latitude``/``longitude`` as strings,
``associations`` a list of association ids, ``sources`` a list of source ids), sources an
object keyed by id (``paths`` required), associations a list (``id``, ``title``, ``mode``
required; FILTER associations carry ``filter_paths``).

Filters: the claim type, the verdict against the map, and the actor, so TimeMap's filter
panel shows "verdict / contradicted" and the like.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypedDict

from frontcheck.render.exchange import ExchangeClaim, ExchangeSource

__all__ = ["TimeMapData", "timemap_data", "timemap_date"]


class TimeMapData(TypedDict):
    """TimeMap's three datasheets (each written as its own JSON file)."""

    events: list[dict[str, object]]
    sources: dict[str, dict[str, object]]           # keyed by source id
    associations: list[dict[str, object]]


def timemap_date(value: date | None) -> str:
    """A date as TimeMap's default DATE_FMT (MM/DD/YYYY) reads it; "" when unknown."""
    return value.strftime("%m/%d/%Y") if value else ""


def _association(group: str, value: str) -> dict[str, object]:
    return {"id": f"{group}/{value}", "title": value.replace("_", " "), "desc": "",
            "mode": "FILTER", "filter_paths": [group, value]}


def _source_id(source_id: int) -> str:
    return f"source-{source_id}"


def timemap_data(claims: Sequence[ExchangeClaim], sources: Sequence[ExchangeSource]
                 ) -> TimeMapData:
    """``{"events": [...], "sources": {...}, "associations": [...]}``. A claim with neither a
    date nor a place cannot be shown on TimeMap's timeline or map and is left out."""
    associations: dict[str, dict[str, object]] = {}
    events: list[dict[str, object]] = []
    cited: set[int] = set()
    for claim in claims:
        when = claim.event_date or claim.claim_date
        if when is None and claim.lat is None:
            continue
        tags = [("type", claim.type)]
        if claim.verdict:
            tags.append(("verdict", claim.verdict))
        if claim.actor:
            tags.append(("actor", claim.actor))
        for group, value in tags:
            associations.setdefault(f"{group}/{value}", _association(group, value))
        located = claim.lat is not None and claim.lon is not None
        event: dict[str, object] = {
            "id": claim.claim_id,
            "description": f"{claim.statement}. “{claim.quote}”" if claim.quote
            else claim.statement,
            "date": timemap_date(when), "time": "",
            "time_precision": "day", "location": claim.place,
            "latitude": f"{claim.lat:.6f}" if located else "",
            "longitude": f"{claim.lon:.6f}" if located else "",
            "category": claim.type, "type": claim.type,
            "associations": [f"{g}/{v}" for g, v in tags],
            "sources": [_source_id(claim.source_id)] if claim.source_id is not None else [],
            "comments": " ".join(p for p in (
                f"Claimed by {claim.claimant} on {claim.claim_date}." if claim.claimant
                else "", f"Verdict: {claim.verdict}. {claim.explanation}" if claim.verdict
                else "", f"Read at {claim.url}" if claim.source_id is None and claim.url
                else "") if p)}
        if claim.source_id is not None:
            cited.add(claim.source_id)
        events.append(event)
    source_map: dict[str, dict[str, object]] = {
        _source_id(s.source_id): {
            "id": _source_id(s.source_id), "title": s.title, "thumbnail": "",
            "paths": [s.url] if s.url else [], "type": s.kind, "url": s.url,
            "description": f"{s.publisher}, Admiralty grade {s.grade}",
            "author": s.author, "date": timemap_date(s.published_on),
            "notes": f"sha256 {s.sha256} of {s.original_name}"}
        for s in sources if s.source_id in cited}
    return {"events": events, "sources": source_map,
            "associations": sorted(associations.values(), key=lambda a: str(a["id"]))}
