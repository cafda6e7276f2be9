"""The claim record shared by extraction, curated import, storage and verification."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Claim types and the territorial actions the verifier understands.
CLAIM_TYPES = ("territorial", "participation", "quantity", "attribute")
ACTIONS = ("captured", "recaptured", "liberated", "withdrew", "advanced", "repelled", "fighting_in")
ACTORS = ("russia", "ukraine", "dprk")
#: The group of each action, by what it says of the ground: taken, part taken, fought over,
#: held against an attack, left (how the real-text corpus scores actions).
ACTION_GROUP = {"captured": "gain", "recaptured": "gain", "liberated": "gain",
                "advanced": "partial", "fighting_in": "fighting", "repelled": "repelled",
                "withdrew": "withdrew"}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as a claim names it, and what it resolved to (``id`` None when unresolved)."""

    mention: str
    id: str | None = None
    name: str | None = None
    oblast: str | None = None
    lon: float | None = None
    lat: float | None = None
    candidates: tuple[dict[str, Any], ...] = ()     # when ambiguous: id, name, oblast, score, reason


@dataclass(frozen=True, slots=True)
class Claim:
    """One atomic claim.

    ``claimant`` is who asserts it (Russia's MoD), the source is where we read it; ``actor`` is
    who is said to act (for a withdrawal, the side that left). ``claim_date`` is when the claim
    was made, ``event_date`` when the claimed event happened, with ``date_precision`` (day,
    week, month). ``span`` is the character range of the quote in the source text. ``fields``
    holds type-specific values: numbers as {"low", "best", "high", "unit", ...}, attributes as
    {"subject", "predicate", "value"}.
    """

    id: str
    type: str
    origin: str = "extracted"
    source_id: int | None = None
    span: tuple[int, int] | None = None
    quote: str = ""
    claimant: str = ""
    actor: str = ""
    action: str = ""
    place: PlaceRef | None = None
    claim_date: date | None = None
    event_date: date | None = None
    date_precision: str = "day"
    negated: bool = False
    fields: dict[str, Any] = field(default_factory=dict)
    cluster_id: str | None = None
