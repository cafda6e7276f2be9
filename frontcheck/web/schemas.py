"""The API's request models and the response models of the map's routes: the only Pydantic
in frontcheck.

The records of claims, verdicts, sources, persons, publishers, analyses and the audit log are
not restated here: the routes return the frozen dataclasses of ``frontcheck.app``, which
FastAPI takes as response models, so the API's schema is generated from the records the CLI
prints with ``--format json`` (redacted by the job that made them).
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from frontcheck.app.verify import DEFAULT_RULES, RULE_BOUNDS
from frontcheck.claims.model import ACTIONS, ACTORS, CLAIM_TYPES
from frontcheck.verify.contradictions import KINDS
from frontcheck.verify.territorial import BASE_CONFIDENCE

ClaimType = Enum("ClaimType", {t: t for t in CLAIM_TYPES}, type=str)  # type: ignore[misc]  # members from the core's names
VerdictKind = Enum("VerdictKind", {k: k for k in BASE_CONFIDENCE}, type=str)  # type: ignore[misc]  # members from the core's names
Actor = Enum("Actor", {a: a for a in ACTORS}, type=str)  # type: ignore[misc]  # members from the core's names
Action = Enum("Action", {a: a for a in ACTIONS}, type=str)  # type: ignore[misc]  # members from the core's names


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


class ClaimIn(BaseModel):
    """A territorial claim to check against the map without storing it."""

    model_config = ConfigDict(extra="forbid")

    place: str = Field(min_length=1, description="Settlement name (any language) or gazetteer id.")
    oblast: str | None = Field(None, description="Oblast, to tell homonyms apart.")
    actor: Actor
    action: Action
    claim_date: date
    claimant: str = ""
    window_days: int = Field(DEFAULT_RULES.window_days, ge=RULE_BOUNDS["window_days"][0],
                             le=RULE_BOUNDS["window_days"][1])
    threshold: float = Field(DEFAULT_RULES.threshold, ge=RULE_BOUNDS["threshold"][0],
                             le=RULE_BOUNDS["threshold"][1])
    horizon_days: int = Field(DEFAULT_RULES.horizon_days, ge=RULE_BOUNDS["horizon_days"][0],
                              le=RULE_BOUNDS["horizon_days"][1])


# --- analysis ------------------------------------------------------------------------------

ConflictType = Enum("ConflictType", {k: k for k in KINDS}, type=str)  # type: ignore[misc]  # members from the core's names
