"""Verification jobs: verdicts on stored claims, on a claim sent for checking, and each
claimant's and publisher's track record; with the one set of verdict options both faces use.

``RULE_BOUNDS`` and ``VerdictRules()`` are the only place the verdict options' bounds and
defaults are written: ``verify``/``sources track-record`` options, the API's query parameters
and the ``POST /api/verify`` body are all built from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from frontcheck.app.identities import identities
from frontcheck.app.places import resolve_place
from frontcheck.app.protection import Export, log_export, redacted, redactor_for
from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.errors import InputError, NotFoundError
from frontcheck.protect.roles import Principal
from frontcheck.store.claims import list_claims
from frontcheck.store.verify import admiralty_grades, claim_publishers, place_timelines
from frontcheck.verify.territorial import (
    TimelineMatrix,
    Verdict,
    VerdictRules,
    territorial_verdicts,
)
from frontcheck.verify.track_record import TrackRecord, track_records

if TYPE_CHECKING:   # dask is the optional 'distributed' extra
    from distributed import Client

__all__ = ["RULE_BOUNDS", "DEFAULT_RULES", "verdict_rules", "PlaceRecord", "VerdictRecord",
           "ClaimToCheck", "verdicts", "verdict_records", "check_claim", "track_record"]

#: Inclusive bounds of each verdict option (field of ``VerdictRules`` → (low, high)).
RULE_BOUNDS: dict[str, tuple[float, float]] = {
    "window_days": (0, 365),
    "threshold": (0.01, 1.0),
    "horizon_days": (1, 3650),
}
DEFAULT_RULES = VerdictRules()


def verdict_rules(window_days: int = DEFAULT_RULES.window_days,
                  threshold: float = DEFAULT_RULES.threshold,
                  horizon_days: int = DEFAULT_RULES.horizon_days) -> VerdictRules:
    """The rules for these options, each checked against ``RULE_BOUNDS`` (``InputError``
    naming the option otherwise)."""
    values = {"window_days": window_days, "threshold": threshold, "horizon_days": horizon_days}
    for name, value in values.items():
        low, high = RULE_BOUNDS[name]
        if not low <= value <= high:
            raise InputError(None, f"{value} is not in [{low}, {high}]", field=name)
    return VerdictRules(window_days=window_days, threshold=threshold, horizon_days=horizon_days)


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """The settlement a claim names, as resolved (ids and names of the gazetteer)."""

    mention: str
    id: str | None
    name: str | None
    oblast: str | None
    lon: float | None
    lat: float | None
    raion: str | None = None     # tells same-name villages of one oblast apart (claims)

    @classmethod
    def of(cls, place: PlaceRef | None, raion: str | None = None) -> PlaceRecord | None:
        if place is None:
            return None
        return cls(place.mention, place.id, place.name, place.oblast, place.lon, place.lat,
                   raion)


@dataclass(frozen=True, slots=True)
class VerdictRecord:
    """A verdict on a territorial claim with the claim's gist and the evidence
    (``verify --format json``, ``POST /api/verify``, a claim's ``verdict``)."""

    claim_id: str
    verdict: str
    change_date: date | None
    lag_days: int | None
    confidence: float
    explanation: str
    claim_date: date | None
    claimant: str
    actor: str
    action: str
    place: PlaceRecord | None
    evidence: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, verdict: Verdict, claim: Claim) -> VerdictRecord:
        return cls(verdict.claim_id, verdict.verdict, verdict.change_date, verdict.lag_days,
                   verdict.confidence, verdict.explanation, claim.claim_date, claim.claimant,
                   claim.actor, claim.action, PlaceRecord.of(claim.place), verdict.evidence)


def verdict_records(connection: Connection, claims: list[Claim], rules: VerdictRules,
                    tracker: str, client: Client | None = None) -> list[VerdictRecord]:
    """The verdicts on the territorial claims among ``claims`` (others skipped), in their
    order, unredacted: for jobs that redact what they return. With a Dask ``client`` the
    verdicts are made on its workers (``app.distributed``), the timelines read here once."""
    territorial = [c for c in claims if c.type == "territorial"]
    timelines = place_timelines(connection, tracker,
                                [c.place.id for c in territorial if c.place and c.place.id])
    by_id = {c.id: c for c in territorial}
    if client is None:
        found = territorial_verdicts(territorial, TimelineMatrix.of(timelines), rules)
    else:
        from frontcheck.app.distributed import verdicts_on_cluster
        found = verdicts_on_cluster(client, territorial, timelines, rules)
    return [VerdictRecord.of(v, by_id[v.claim_id]) for v in found]


def verdicts(connection: Connection, caller: Principal, rules: VerdictRules = DEFAULT_RULES,
             tracker: str = "deepstate", claim_id: str | None = None,
             export: Export | None = None, client: Client | None = None
             ) -> list[VerdictRecord]:
    """``verify``: the verdict on every stored territorial claim (or the one named), redacted;
    an export is logged."""
    claims = list_claims(connection, claim_id=claim_id, type="territorial")
    if claim_id and not claims:
        raise NotFoundError(f"no territorial claim with id {claim_id!r}")
    records = redacted(verdict_records(connection, claims, rules, tracker, client),
                       redactor_for(connection))
    log_export(connection.engine, caller, "claims:verdicts", export, len(records))
    return records


@dataclass(frozen=True, slots=True)
class ClaimToCheck:
    """A territorial claim sent for checking (not stored): the settlement by name (any
    language) or gazetteer id, with its oblast to tell homonyms apart."""

    place: str
    actor: str
    action: str
    claim_date: date
    oblast: str | None = None
    claimant: str = ""


def check_claim(connection: Connection, caller: Principal, claim: ClaimToCheck,
                rules: VerdictRules = DEFAULT_RULES, tracker: str = "deepstate") -> VerdictRecord:
    """The verdict the map history gives a claim (``POST /api/verify``): the settlement is
    resolved as ``control timeline`` resolves it (``places.resolve_place``)."""
    chosen = resolve_place(connection, claim.place, claim.oblast)
    stated = Claim(id="request", type="territorial", origin="request", claimant=claim.claimant,
                   actor=claim.actor, action=claim.action,
                   place=PlaceRef(mention=claim.place, id=chosen.id, name=chosen.name,
                                  oblast=chosen.oblast, lon=chosen.lon, lat=chosen.lat),
                   claim_date=claim.claim_date, event_date=claim.claim_date)
    return redacted(verdict_records(connection, [stated], rules, tracker)[0],
                    redactor_for(connection))


def track_records_of(connection: Connection, rules: VerdictRules, tracker: str
                     ) -> list[TrackRecord]:
    """Every claimant's and publisher's record against the map, one per speaker identity
    (``app.identities``: a speaker's names in three languages are one record), unredacted:
    for jobs that redact what they return."""
    claims = list_claims(connection, type="territorial")
    publishers = claim_publishers(connection, claims)
    rows = [{"claimant": r.claimant, "publisher": publishers.get(r.claim_id, ""),
             "verdict": r.verdict, "lag_days": r.lag_days}
            for r in verdict_records(connection, claims, rules, tracker)]
    return track_records(rows, admiralty_grades(connection),
                         identities(connection).identity_of)


def track_record(connection: Connection, caller: Principal, rules: VerdictRules = DEFAULT_RULES,
                 tracker: str = "deepstate", group: str | None = None) -> list[TrackRecord]:
    """Each claimant's (``group`` "claimant") and publisher's record of territorial claims
    against the map, from every stored territorial claim; names redacted."""
    records = [r for r in track_records_of(connection, rules, tracker)
               if group is None or r.group == group]
    return redacted(records, redactor_for(connection))
