"""The API's request models, enums and error shape: the only Pydantic in frontcheck.

No record is restated here: the routes return the frozen dataclasses of ``frontcheck.app``
(claims, verdicts, sources, persons, places, timelines, snapshots, analyses, the audit log),
which FastAPI takes as response models, so the API's schema is generated from the records the
CLI prints with ``--format json`` (redacted by the job that made them).
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
