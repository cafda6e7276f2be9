"""Plain claim records for the corroboration, contradiction and witness tests."""

from __future__ import annotations

from datetime import date

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.verify.comparison import SourcedClaim, SourceInfo

PLACES = {"Vuhledar": "gn:690823", "Plekhovo": "gnpostal:RU:307823", "Kurakhove": "gn:695357"}


def source(n: int, publisher: str = "", grade: str = "F6", kind: str = "statement",
           author: str = "", forwarded_from: str = "") -> SourceInfo:
    return SourceInfo(f"source:{n}", publisher, grade, kind, author, forwarded_from,
                      source_id=n)


def territorial(cid: str, src: SourceInfo, actor: str, action: str, place: str, made: str,
                event: str | None = None, precision: str = "day", negated: bool = False,
                claimant: str = "", cluster: str | None = None) -> SourcedClaim:
    return SourcedClaim(Claim(
        cid, "territorial", source_id=src.source_id, claimant=claimant, actor=actor,
        action=action, place=PlaceRef(place, id=PLACES.get(place), name=place),
        claim_date=date.fromisoformat(made),
        event_date=date.fromisoformat(event) if event else None,
        date_precision=precision if event else "none", negated=negated, cluster_id=cluster,
        quote=f"{actor} {action} {place}"), src)


def quantity(cid: str, src: SourceInfo, low: int, best: int, high: int, made: str,
             kind: str = "transport", side: str = "", unit: str = "people",
             claimant: str = "", event: str | None = None, precision: str = "day",
             negated: bool = False) -> SourcedClaim:
    return SourcedClaim(Claim(
        cid, "quantity", source_id=src.source_id, claimant=claimant,
        claim_date=date.fromisoformat(made),
        event_date=date.fromisoformat(event) if event else None,
        date_precision=precision if event else "none", negated=negated,
        fields={"low": low, "best": best, "high": high, "kind": kind, "unit": unit,
                "side": side, "currency": "", "period": "", "per_person": False},
        quote=f"{best} {unit} {kind}"), src)


def attribute(cid: str, src: SourceInfo, predicate: str, value=None, negated: bool = False,
              subject: str = "speaker", claimant: str = "", made: str = "2025-02-03",
              span: tuple[int, int] | None = None) -> SourcedClaim:
    return SourcedClaim(Claim(
        cid, "attribute", source_id=src.source_id, claimant=claimant,
        claim_date=date.fromisoformat(made), negated=negated, span=span,
        fields={"subject": subject, "predicate": predicate, "value": value},
        quote=f"{'not ' if negated else ''}{predicate} {value}"), src)
