"""Verification in the store: timelines of the places claims name, verdicts on stored claims,
and curated-claim import with place resolution."""

from __future__ import annotations

import re
from dataclasses import asdict

import numpy as np
import shapely
from sqlalchemy import Connection, select

from frontcheck.claims.curated import CuratedClaim
from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.claims.resolver import FrontLine, front_line_of
from frontcheck.control.projection import lonlat_to_xy, to_equal_area
from frontcheck.control.snapshot import COVERAGE, OCCUPIED
from frontcheck.places.regions import match_oblast
from frontcheck.store import control as store_control
from frontcheck.store import schema as s
from frontcheck.store.claims import list_claims
from frontcheck.store.places import resolve_in_store
from frontcheck.store.timelines import COVERED_SHARE, check_timelines_current
from frontcheck.verify.homonyms import front_line_choice
from frontcheck.verify.territorial import (
    PlaceTimeline, TimelineMatrix, Verdict, VerdictRules, territorial_verdicts,
)
from frontcheck.verify.track_record import track_records


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


def verify_claims(connection: Connection, claims: list[Claim], rules: VerdictRules,
                  tracker: str = "deepstate") -> list[Verdict]:
    """Verdicts on the territorial claims among ``claims`` (others are skipped)."""
    territorial = [c for c in claims if c.type == "territorial"]
    timelines = place_timelines(connection, tracker,
                                [c.place.id for c in territorial if c.place and c.place.id])
    return territorial_verdicts(territorial, TimelineMatrix.of(timelines), rules)


def resolve_curated_place(connection: Connection, row: CuratedClaim) -> PlaceRef:
    """The settlement a curated row names: its name, else its local forms, within its oblast
    where the oblast is known, with the quote, notes and the claim date's front line as evidence."""
    oblast_text = re.sub(r"\(.*?\)", "", row.oblast).strip()
    oblast = match_oblast(oblast_text) if oblast_text else None
    text = " ".join(p for p in (row.source_quote, row.notes, row.oblast) if p)
    for mention in (row.settlement, *row.settlement_local):
        resolution = resolve_in_store(connection, mention, oblast=oblast, on=row.claim_date,
                                      text=text, limit=10)
        if resolution.kind == "settlement" and resolution.candidates:
            break
    else:
        return PlaceRef(mention=row.settlement)
    chosen = resolution.candidates[0].id
    if resolution.ambiguous:
        plausible = [c for c in resolution.candidates if c.score > 0]
        chosen = _front_line_candidate(connection, [c.id for c in plausible], row.claim_date)
        if chosen is None:
            return PlaceRef(mention=row.settlement, candidates=tuple(
                {"id": c.id, "score": round(c.score, 3), "reason": c.reason}
                for c in resolution.candidates[:10]))
    place = connection.execute(select(s.place.c.name_en, s.place.c.oblast, s.place.c.lon,
                                      s.place.c.lat).where(s.place.c.id == chosen)).one()
    return PlaceRef(mention=row.settlement, id=chosen, name=place.name_en, oblast=place.oblast,
                    lon=place.lon, lat=place.lat)


def _front_line_candidate(connection: Connection, ids: list[str], on) -> str | None:
    """The candidate the front line of ``on`` singles out (``verify.homonyms``), or None."""
    rows = connection.execute(select(s.place.c.id, s.place.c.lon, s.place.c.lat)
                              .where(s.place.c.id.in_(ids), s.place.c.lon.is_not(None))).all()
    occupied = _occupied_on(connection, on)
    if not rows or occupied is None:
        return None
    x, y = lonlat_to_xy([r.lon for r in rows], [r.lat for r in rows])
    front_line = shapely.boundary(to_equal_area(occupied))
    best = front_line_choice(shapely.points(x, y), front_line)
    return rows[best].id if best is not None else None


def front_line_on(connection: Connection, on, cache: dict | None = None) -> FrontLine | None:
    """The front line of the latest snapshot on or before ``on`` (any tracker), for settling
    homonyms in extraction; ``cache`` (snapshot date → front line) spares reloading the layer
    for sources of the same day."""
    when = connection.execute(
        select(s.snapshot.c.snapshot_date).join(s.layer, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.snapshot_date <= on, s.layer.c.layer == OCCUPIED)
        .order_by(s.snapshot.c.snapshot_date.desc()).limit(1)).scalar()
    if when is None:
        return None
    key = str(when)
    if cache is not None and key in cache:
        return cache[key]
    occupied = _occupied_on(connection, when)
    front = front_line_of(to_equal_area(occupied), key) if occupied is not None else None
    if cache is not None:
        cache[key] = front
    return front


def _occupied_on(connection: Connection, on):
    """The occupied layer (lon/lat) of the latest snapshot on or before ``on``, any tracker."""
    row = connection.execute(
        select(s.layer.c.geometry).join(s.snapshot, s.snapshot.c.id == s.layer.c.snapshot_id)
        .where(s.snapshot.c.snapshot_date <= on, s.layer.c.layer == OCCUPIED)
        .order_by(s.snapshot.c.snapshot_date.desc()).limit(1)).first()
    return shapely.from_wkb(row.geometry) if row else None


def curated_claims(connection: Connection, rows: list[CuratedClaim]) -> list[Claim]:
    """Curated rows as territorial claims with their places resolved."""
    return [Claim(id=r.claim_id, type="territorial", origin="imported", quote=r.source_quote,
                  claimant=r.claimant, actor=r.actor, action=r.action,
                  place=resolve_curated_place(connection, r), claim_date=r.claim_date,
                  event_date=r.claim_date, date_precision="day",
                  fields={"source_url": r.source_url, "notes": r.notes,
                          "settlement_local": list(r.settlement_local), "line": r.line})
            for r in rows]


def verdict_row(verdict: Verdict, claim: Claim) -> dict:
    """One verdict as the record ``verify`` prints (JSON keys)."""
    return {"claim_id": verdict.claim_id, "verdict": verdict.verdict,
            "change_date": verdict.change_date, "lag_days": verdict.lag_days,
            "confidence": verdict.confidence, "explanation": verdict.explanation,
            "claim_date": claim.claim_date, "claimant": claim.claimant, "actor": claim.actor,
            "action": claim.action, "place": _place_json(claim.place),
            "evidence": verdict.evidence}


def verdict_rows(connection: Connection, claims: list[Claim], rules: VerdictRules,
                 tracker: str = "deepstate") -> list[dict]:
    """The ``verify --format json`` records of the territorial claims among ``claims``, in
    their order; what the CLI prints and the web API serves."""
    by_id = {c.id: c for c in claims}
    return [verdict_row(v, by_id[v.claim_id])
            for v in verify_claims(connection, claims, rules, tracker)]


def track_record_rows(connection: Connection, rules: VerdictRules,
                      tracker: str = "deepstate", identity_of=None) -> list[dict]:
    """Each claimant's and publisher's record of territorial claims against the map (the
    ``sources track-record --format json`` records), from every stored territorial claim;
    ``identity_of`` groups the names of one speaker (``frontcheck.app.identities``)."""
    claims = list_claims(connection, type="territorial")
    verdicts = verify_claims(connection, claims, rules, tracker)
    publishers = claim_publishers(connection, claims)
    by_id = {c.id: c for c in claims}
    rows = [{"claimant": by_id[v.claim_id].claimant, "publisher": publishers.get(v.claim_id, ""),
             "verdict": v.verdict, "lag_days": v.lag_days} for v in verdicts]
    return [asdict(r) for r in track_records(rows, admiralty_grades(connection), identity_of)]


def _place_json(place: PlaceRef | None) -> dict | None:
    if place is None:
        return None
    return {"mention": place.mention, "id": place.id, "name": place.name, "oblast": place.oblast,
            "lon": place.lon, "lat": place.lat}



def claim_publishers(connection: Connection, claims: list[Claim]) -> dict[str, str]:
    """Where each claim was read: the source's publisher, or for a curated claim the host of
    its source URL (a news site that reported the claim)."""
    from urllib.parse import urlparse

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
