"""Claims and verdicts as flat point records: one value per column, the place as
``place_id``, ``place_name``, ``place_oblast`` and ``lon``/``lat`` columns, the type-specific
``fields`` spread over ``fields_<key>`` columns.

The records are built from already redacted values (the job redacts once); nothing here
reads a name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from frontcheck.claims.model import Claim
from frontcheck.tables.csv_cells import LIST_SEPARATOR, flat_record


def place_columns(place: Mapping[str, Any] | None) -> dict[str, Any]:
    """A claim's place (``verify``'s place record) as columns; a missing one as empty cells.

    Examples
    --------
    >>> place_columns({"mention": "Вугледар", "id": "gn:1", "name": "Vuhledar",
    ...                "oblast": "Donetsk Oblast", "lon": 37.2479, "lat": 47.7809})["lon"]
    37.2479
    >>> place_columns(None)["place_id"] is None
    True
    """
    place = place or {}
    return {"place_mention": place.get("mention"), "place_id": place.get("id"),
            "place_name": place.get("name"), "place_oblast": place.get("oblast"),
            "lon": place.get("lon"), "lat": place.get("lat")}


def claim_point_record(claim: Claim) -> dict[str, Any]:
    """One claim as a flat record (the fields of ``claims list --format json``, place spread)."""
    place = claim.place
    return {"id": claim.id, "type": claim.type, "origin": claim.origin,
            "source_id": claim.source_id,
            "span_start": claim.span[0] if claim.span else None,
            "span_end": claim.span[1] if claim.span else None,
            "quote": claim.quote, "claimant": claim.claimant, "actor": claim.actor,
            "action": claim.action, "negated": claim.negated,
            **place_columns(None if place is None else {
                "mention": place.mention, "id": place.id, "name": place.name,
                "oblast": place.oblast, "lon": place.lon, "lat": place.lat}),
            "claim_date": claim.claim_date, "event_date": claim.event_date,
            "date_precision": claim.date_precision, "cluster_id": claim.cluster_id,
            **flat_record(claim.fields or {}, "fields_")}


def verdict_point_record(verdict: Mapping[str, Any]) -> dict[str, Any]:
    """One ``verify --format json`` record as a flat record (the evidence, a nested trace of
    the timeline, is left to the JSON output)."""
    return {**{k: v for k, v in verdict.items() if k not in ("place", "evidence")},
            **place_columns(verdict.get("place"))}


def uniform_columns(records: Sequence[Mapping[str, Any]]) -> dict[str, list]:
    """Records as columns that a typed format can store: every key of any record (first-seen
    order, None where a record lacks it), a list of plain values joined with ``|``, and a
    column mixing text with numbers or dates written as text.

    Examples
    --------
    >>> uniform_columns([{"id": "a", "v": 3}, {"id": "b", "v": "three", "tags": ["x", "y"]}])
    {'id': ['a', 'b'], 'v': ['3', 'three'], 'tags': [None, 'x|y']}
    """
    keys = list(dict.fromkeys(k for r in records for k in r))
    columns: dict[str, list] = {}
    for key in keys:
        values = [_plain(r.get(key)) for r in records]
        kinds = {type(v) for v in values if v is not None}
        if kinds <= {int, float} and kinds:
            values = [None if v is None else (float(v) if float in kinds else v) for v in values]
        elif len(kinds) > 1:
            values = [None if v is None else str(v) for v in values]
        columns[key] = values
    return columns


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
