"""The API's response and request models: the only Pydantic in frontcheck.

Each model lists the keys the matching CLI command prints with ``--format json`` (built from
the same store functions), and nothing else: a field not named here is not sent, which makes
the models the redaction boundary (persons flagged as protected leave only as pseudonyms).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from frontcheck.claims.model import ACTIONS, ACTORS, CLAIM_TYPES
from frontcheck.verify.contradictions import KINDS
from frontcheck.verify.territorial import BASE_CONFIDENCE

ClaimType = Enum("ClaimType", {t: t for t in CLAIM_TYPES}, type=str)
VerdictKind = Enum("VerdictKind", {k: k for k in BASE_CONFIDENCE}, type=str)
Actor = Enum("Actor", {a: a for a in ACTORS}, type=str)
Action = Enum("Action", {a: a for a in ACTIONS}, type=str)


class Group(str, Enum):
    claimant = "claimant"
    publisher = "publisher"


class ErrorOut(BaseModel):
    """Every error: ``{"ok": false, "error": "...", "status": 404}``."""

    ok: bool = False
    error: str
    status: int


# --- control -------------------------------------------------------------------------------

class LayerFigures(BaseModel):
    area_km2: float
    gained_km2: float
    lost_km2: float


class SnapshotOut(BaseModel):
    """One date of a tracker's sequence, with each layer's area and change since the last."""

    id: int
    date: date
    sha256: str
    source_name: str
    source_format: str
    coverage: str
    layers: dict[str, LayerFigures]


class SnapshotDetail(SnapshotOut):
    previous_date: date | None
    next_date: date | None


class AreaRow(BaseModel):
    """``control area --format json``: one period of one layer (km²)."""

    period_start: date
    period_end: date
    layer: str
    snapshot_start: date
    snapshot_end: date
    area_start_km2: float
    area_end_km2: float
    net_km2: float
    gained_km2: float
    lost_km2: float


# --- places --------------------------------------------------------------------------------

class PlaceOut(BaseModel):
    id: str
    name: str
    name_uk: str
    name_ru: str
    oblast: str
    raion: str
    lon: float | None
    lat: float | None
    population: int | None


class CandidateOut(BaseModel):
    """``place search --format json``: a settlement a mention may mean."""

    id: str
    name: str
    name_uk: str
    name_ru: str
    oblast: str
    raion: str
    lon: float | None
    lat: float | None
    score: float
    reason: str


class TimelineRun(BaseModel):
    """``control timeline --format json``: a run of snapshots in one band of a layer."""

    place_id: str
    name: str
    oblast: str
    tracker: str
    layer: str
    band: str
    date_from: date
    date_to: date
    fraction_min: float
    fraction_max: float
    text: str


class StatusOut(BaseModel):
    """``control status --format json``: shares of a place's footprint on a date."""

    place_id: str
    name: str
    oblast: str
    tracker: str
    on: date
    snapshot_date: date
    snapshot_age_days: int
    covered: bool
    fractions: dict[str, float | None]


# --- claims and verdicts ------------------------------------------------------------------

class PlaceRefOut(BaseModel):
    mention: str
    id: str | None
    name: str | None
    oblast: str | None
    lon: float | None
    lat: float | None


class ClaimPlaceOut(PlaceRefOut):
    """A claim's place with its raion, which tells same-name villages of one oblast apart."""

    raion: str | None = None


class VerdictOut(BaseModel):
    """``verify --format json``: a verdict with its evidence."""

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
    place: PlaceRefOut | None
    evidence: dict


class ProvenanceOut(BaseModel):
    """Where a claim was read: the ledger's source (file hash, item) or the curated row."""

    source_id: int | None = None
    publisher: str = ""
    kind: str = ""
    url: str = ""
    original_name: str = ""
    blob_sha256: str = ""
    item_key: str = ""
    published_at: datetime | None = None
    grade: str = ""
    notes: str = ""


class ClaimOut(BaseModel):
    """A claim with where it came from and, for a territorial one, its verdict."""

    id: str
    type: str
    origin: str
    claim_date: date | None
    event_date: date | None
    date_precision: str
    claimant: str
    actor: str
    action: str
    negated: bool
    quote: str
    place: ClaimPlaceOut | None
    fields: dict = Field(default_factory=dict, description="Numbers (low, best, high, unit), "
                         "framing (reported, denied) and other type-specific values.")
    publisher: str
    provenance: ProvenanceOut
    verdict: VerdictOut | None


class ClaimIn(BaseModel):
    """A territorial claim to check against the map without storing it."""

    model_config = ConfigDict(extra="forbid")

    place: str = Field(min_length=1, description="Settlement name (any language) or gazetteer id.")
    oblast: str | None = Field(None, description="Oblast, to tell homonyms apart.")
    actor: Actor
    action: Action
    claim_date: date
    claimant: str = ""
    window_days: int = Field(7, ge=0, le=365)
    threshold: float = Field(0.85, ge=0.01, le=1.0)
    horizon_days: int = Field(60, ge=1, le=3650)


class TrackRecordOut(BaseModel):
    """``sources track-record --format json``: one claimant's or publisher's record."""

    group: str
    name: str
    claims: int
    verifiable: int
    corroborated: float
    premature: float
    stale: float
    contradicted: float
    accurate_low: float
    accurate_high: float
    lag_median_days: float | None
    lag_iqr_days: float | None
    empirical_grade: str
    admiralty_grade: str


# --- sources, publishers, persons -----------------------------------------------------------

class SourceListed(BaseModel):
    """``sources list --format json``."""

    id: int
    kind: str
    publisher: str
    grade: str
    published_at: datetime | None
    language: str
    author: str
    item_key: str
    excerpt: str


class PersonRef(BaseModel):
    """A person a source names: a protected person only by pseudonym, without descriptions."""

    id: int
    name: str
    role: str
    protected: bool


class SourceOut(BaseModel):
    """``sources show --format json``, with protected persons replaced by their pseudonyms."""

    id: int
    kind: str
    publisher: str
    reliability: str
    credibility: str
    grade: str
    author: str
    published_at: datetime | None
    language: str
    url: str
    retrieved_at: datetime | None
    ingested_at: datetime
    original_name: str
    blob_sha256: str
    item_key: str
    text: str
    persons: list[PersonRef]
    meta: dict


class PublisherOut(BaseModel):
    publisher: str
    reliability: str
    sources: int
    empirical_grade: str | None


class PublisherPage(BaseModel):
    """A publisher with its track record, its sources and the claims read from it."""

    publisher: str
    reliability: str
    sources: list[SourceListed]
    track_record: TrackRecordOut | None
    claims: list[ClaimOut]


class PersonOut(BaseModel):
    """``persons list``, with a protected person's name replaced by the pseudonym."""

    id: int
    name: str
    protected: bool
    reason: str
    roles: str
    sources: int


# --- contradictions, corroboration, witnesses ----------------------------------------------

ConflictType = Enum("ConflictType", {k: k for k in KINDS}, type=str)


class ContradictionOut(BaseModel):
    """``contradictions --format json``: two claims from different sources that conflict."""

    type: str
    subject: str
    claim_a: str
    claim_b: str
    source_a: int | None
    source_b: int | None
    publisher_a: str
    publisher_b: str
    grade_a: str
    grade_b: str
    claimant_a: str
    claimant_b: str
    date_a: date | None
    date_b: date | None
    statement_a: str
    statement_b: str
    quote_a: str
    quote_b: str
    confidence: float
    why: str


class SupportOut(BaseModel):
    claim_id: str
    source_id: int | None
    publisher: str
    grade: str
    relation: str
    claim_date: date | None
    statement: str
    quote: str


class IndependentSourceOut(BaseModel):
    origin: str
    grade: str
    claims: list[SupportOut]


class CorroborationOut(BaseModel):
    """``corroboration --format json``: a claim with its independent sources for and against."""

    claim_id: str
    type: str
    statement: str
    claim_date: date | None
    origin: str
    publisher: str
    grade: str
    independent_for: int
    independent_against: int
    repeats: int
    sources_for: list[IndependentSourceOut]
    sources_against: list[IndependentSourceOut]
    quote: str


class WitnessItemOut(BaseModel):
    """``witness --format json``: one subject of a speaker's statements, in time order."""

    witness: str
    subject: str
    type: str
    status: str
    change: str
    source_id: int | None
    publisher: str
    said_on: date | None
    version: str
    quote: str
    claim_ids: list[str]
    previous_source_id: int | None
    previous_said_on: date | None
    previous_version: str
    previous_quote: str
    previous_claim_ids: list[str]


class WitnessPerson(BaseModel):
    """A speaker: a protected person only by pseudonym (``label``)."""

    id: int
    label: str
    protected: bool
    statements: int


class WitnessOut(BaseModel):
    person: WitnessPerson
    items: list[WitnessItemOut]


# --- audit (admins) ---------------------------------------------------------------------------

class AuditEntryOut(BaseModel):
    """``audit show --format json``: one entry of the hash-chained audit log."""

    seq: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    reason: str
    detail: dict
    prev_hash: str
    hash: str


class AuditStatusOut(BaseModel):
    """``audit verify``: whether the chain is intact, and the first bad entry if not."""

    intact: bool
    entries: int
    head: str | None
    first_bad_entry: int | None
    problem: str | None
