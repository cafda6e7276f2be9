"""Queries verification needs: the timelines of the places claims name, the occupied layer on
a date, where each claim was read and the grades publishers were given."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import numpy as np
import shapely
from sqlalchemy import Connection, select

from frontcheck.claims.model import Claim
from frontcheck.control.snapshot import COVERAGE, OCCUPIED
from frontcheck.control.timeline import COVERED_SHARE
from frontcheck.store import control as store_control
from frontcheck.store import schema as s
from frontcheck.store.timelines import check_timelines_current
from frontcheck.verify.territorial import PlaceTimeline


def place_timelines(connection: Connection, tracker: str, place_ids: list[str]
                    ) -> dict[str, PlaceTimeline]:
    """Per place, its occupied share and coverage on every snapshot of the tracker's sequence,
    expanded from the stored intervals (one query for all places)."""
    sequence = store_control.tracker_sequence(connection, tracker)
    if not sequence or not place_ids:
        return {}
    check_timelines_current(connection, tracker)
    dates = np.array([e.on for e in sequence], dtype="datetime64[D]")
    layers = tuple(store_control.tracker_layers(connection, tracker))
    t = s.timeline_interval
    rows = connection.execute(
        select(t.c.place_id, t.c.layer, t.c.valid_from, t.c.fraction)
        .where(t.c.tracker == tracker, t.c.layer.in_([OCCUPIED, COVERAGE]),
               t.c.place_id.in_(sorted(set(place_ids))))
        .order_by(t.c.place_id, t.c.layer, t.c.valid_from)).all()
    grouped: dict[tuple[str, str], tuple[list, list]] = {}
    for row in rows:
        starts, values = grouped.setdefault((row.place_id, row.layer), ([], []))
        starts.append(row.valid_from)
        values.append(row.fraction)
    out = {}
    for place_id in set(place_ids):
        arrays = {}
        for layer in (OCCUPIED, COVERAGE):
            starts, values = grouped.get((place_id, layer), ([], []))
            if not starts:
                break
            at = np.searchsorted(np.array(starts, dtype="datetime64[D]"), dates, side="right") - 1
            arrays[layer] = np.where(at >= 0, np.array(values)[np.maximum(at, 0)], 0.0)
        if len(arrays) == 2:
            out[place_id] = PlaceTimeline(tracker, dates, arrays[OCCUPIED],
                                          arrays[COVERAGE] >= COVERED_SHARE, layers)
    return out


def latest_occupied_date(connection: Connection, on: date) -> date | None:
    """The date of the latest snapshot (any tracker) on or before ``on`` with an occupied layer."""
    return connection.execute(
        select(s.snapshot.c.snapshot_date).join(s.layer, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.snapshot_date <= on, s.layer.c.layer == OCCUPIED)
        .order_by(s.snapshot.c.snapshot_date.desc()).limit(1)).scalar()


def earliest_occupied_date(connection: Connection) -> date | None:
    """The date of the earliest snapshot (any tracker) with an occupied layer."""
    return connection.execute(
        select(s.snapshot.c.snapshot_date).join(s.layer, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.layer.c.layer == OCCUPIED)
        .order_by(s.snapshot.c.snapshot_date).limit(1)).scalar()


def occupied_on(connection: Connection, on: date):
    """The occupied layer (lon/lat) of the latest snapshot on or before ``on``, any tracker."""
    row = connection.execute(
        select(s.layer.c.geometry).join(s.snapshot, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.snapshot_date <= on, s.layer.c.layer == OCCUPIED)
        .order_by(s.snapshot.c.snapshot_date.desc()).limit(1)).first()
    return shapely.from_wkb(row.geometry) if row else None


def claim_publishers(connection: Connection, claims: list[Claim]) -> dict[str, str]:
    """Where each claim was read: the source's publisher, or for a curated claim the host of
    its source URL (a news site that reported the claim)."""
    source_ids = {c.source_id for c in claims if c.source_id is not None}
    publishers = dict(connection.execute(
        select(s.source.c.id, s.source.c.publisher).where(s.source.c.id.in_(source_ids))).all()) \
        if source_ids else {}
    out = {}
    for claim in claims:
        if claim.source_id is not None:
            out[claim.id] = publishers.get(claim.source_id, "")
        else:
            host = urlparse(claim.fields.get("source_url", "")).hostname or ""
            out[claim.id] = host.removeprefix("www.")
    return out


def admiralty_grades(connection: Connection) -> dict[str, str]:
    """The reliability grade the user gave each publisher."""
    return dict(connection.execute(select(s.publisher.c.name, s.publisher.c.reliability)).all())
