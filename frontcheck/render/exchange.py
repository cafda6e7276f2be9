"""What the exchange formats (STIX 2.1, TimeMap, the case bundle) are built from: claims with
their verdicts and places, and the sources they were read in, already redacted by the job."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["ExchangeSource", "ExchangeClaim"]


@dataclass(frozen=True, slots=True)
class ExchangeSource:
    source_id: int
    title: str
    kind: str
    publisher: str
    author: str
    url: str
    sha256: str            # of the raw file the source was read from (the kept blob)
    original_name: str
    grade: str             # Admiralty, e.g. B2
    published_on: date | None


@dataclass(frozen=True, slots=True)
class ExchangeClaim:
    claim_id: str
    type: str
    statement: str
    quote: str
    claimant: str
    actor: str
    claim_date: date | None
    event_date: date | None
    place: str             # the place's name, else the mention; "" when none
    place_id: str | None
    lon: float | None
    lat: float | None
    source_id: int | None
    url: str               # where it was read (a curated claim's URL)
    grade: str
    verdict: str | None = None        # territorial claims checked against the map
    change_date: date | None = None
    lag_days: int | None = None
    confidence: float | None = None
    explanation: str = ""
