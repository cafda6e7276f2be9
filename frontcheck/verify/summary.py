"""Claims and their subjects in a few words, for tables and for people reading JSON."""

from __future__ import annotations

from typing import Any

from frontcheck.claims.model import Claim
from frontcheck.verify.comparison import SourcedClaim, is_number, subject_key

__all__ = ["describe", "subject_label"]


def _figure(fields: dict[str, Any]) -> str:
    low, best, high = fields.get("low"), fields.get("best"), fields.get("high")
    if low == high or low is None or high is None:
        return f"{best}"
    return f"{best} ({low}–{high})"


def describe(claim: Claim) -> str:
    """What a claim says, in a few words ("dprk recaptured Плехово", "training: 14 days",
    "not: family_contact").

    >>> from frontcheck.claims.model import Claim
    >>> describe(Claim("a", "quantity", fields={"kind": "transport", "unit": "people",
    ...                                          "low": 450, "best": 500, "high": 550}))
    'transport: 500 (450–550) people'
    """
    fields = claim.fields or {}
    no = "not: " if claim.negated else ""
    if claim.type == "territorial":
        place = (claim.place.name or claim.place.mention) if claim.place else "?"
        return f"{no}{claim.actor or '?'} {claim.action} {place}"
    if claim.type == "participation":
        who = " ".join(p for p in (claim.actor, str(fields.get("unit") or "")) if p)
        where = f" at {claim.place.name or claim.place.mention}" if claim.place else ""
        return f"{no}{who or '?'} present{where}"
    if claim.type == "quantity":
        side = f" {fields['side']}" if fields.get("side") else ""
        if fields.get("kind") == "payment":
            period = f" a {fields['period']}" if fields.get("period") else ""
            return f"{no}payment{side}: {_figure(fields)} {fields.get('currency', '')}{period}"
        return f"{no}{fields.get('kind', '?')}{side}: {_figure(fields)} {fields.get('unit', '')}"
    if claim.type == "attribute":
        value = fields.get("value")
        shown = "" if value is None else f": {value} days" if fields.get("predicate") == \
            "training" and is_number(value) else f": {value}"
        return f"{no}{fields.get('predicate', '?')}{shown}"
    if claim.type == "testimony":
        value = fields.get("value")
        extra = " ".join(str(fields[k]) for k in ("category", "scope", "currency", "recipient")
                         if fields.get(k))
        shown = "" if value is None else f": {value}" + (f" ({extra})" if extra else "")
        return f"{no}{fields.get('topic', '?')} {fields.get('facet', '')}{shown}"
    return f"{no}{claim.type}"


def subject_label(item: SourcedClaim) -> str:
    """The subject of a claim in a few words ("Плехово", "transport dprk", "POW-1 training")."""
    claim, fields = item.claim, item.claim.fields or {}
    place = (claim.place.name or claim.place.mention) if claim.place else ""
    if claim.type == "territorial":
        return place
    if claim.type == "participation":
        who = " ".join(p for p in (claim.actor, str(fields.get("unit") or "")) if p)
        return f"{who} at {place}" if place else who
    if claim.type == "quantity":
        words = [fields.get("kind", ""), fields.get("side", ""), fields.get("currency", "")]
        return " ".join(w for w in words if w) + (f" at {place}" if place else "")
    key = subject_key(item)
    subject = key[1].removeprefix("person:") if key else str(fields.get("subject", ""))
    return f"{subject} {fields.get('predicate', '')}".strip()
