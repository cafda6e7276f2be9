"""A saved selection of claims: the ``--claims FILTER`` of ``frontcheck report`` and
``frontcheck export case``, written ``key=value,key=value`` so it can be stored as one string
and applied again later to the claims of the moment (a report is regenerated from it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from frontcheck.claims.model import CLAIM_TYPES, Claim
from frontcheck.errors import InputError

__all__ = ["ClaimSelection", "parse_selection", "select_claims", "FILTER_KEYS"]

#: What a filter may name: type, actor, place (a place id or a name), the claim dates from/to
#: (inclusive), source ids and claim ids (``;``-separated lists).
FILTER_KEYS = ("type", "actor", "place", "from", "to", "source", "id")


@dataclass(frozen=True, slots=True)
class ClaimSelection:
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None
    sources: tuple[int, ...] = ()
    ids: tuple[str, ...] = ()

    def text(self) -> str:
        """The filter written back as ``key=value,...`` (what ``parse_selection`` reads)."""
        parts = [("type", self.type), ("actor", self.actor), ("place", self.place),
                 ("from", self.since and self.since.isoformat()),
                 ("to", self.until and self.until.isoformat()),
                 ("source", ";".join(map(str, self.sources))), ("id", ";".join(self.ids))]
        return ",".join(f"{k}={v}" for k, v in parts if v)


def _date(value: str, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(None, f"{key}={value!r}: give a date as YYYY-MM-DD",
                         field="--claims") from None


def parse_selection(text: str) -> ClaimSelection:
    """``type=territorial,actor=russia,from=2024-10-01,to=2024-10-31`` → a selection; an
    unknown key or a bad value is one error naming it. An empty filter selects every claim."""
    values: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in FILTER_KEYS or not value:
            raise InputError(None, f"{part!r}: give KEY=VALUE with a key of "
                                   f"{', '.join(FILTER_KEYS)}", field="--claims")
        values[key] = value
    if values.get("type") and values["type"] not in CLAIM_TYPES:
        raise InputError(None, f"type={values['type']!r} is not one of "
                               f"{', '.join(CLAIM_TYPES)}", field="--claims")
    try:
        sources = tuple(int(v) for v in values.get("source", "").split(";") if v)
    except ValueError:
        raise InputError(None, f"source={values['source']!r}: give source ids separated by ;",
                         field="--claims") from None
    return ClaimSelection(
        values.get("type"), values.get("actor"), values.get("place"),
        _date(values["from"], "from") if "from" in values else None,
        _date(values["to"], "to") if "to" in values else None, sources,
        tuple(v for v in values.get("id", "").split(";") if v))


def _place_matches(claim: Claim, wanted: str) -> bool:
    place = claim.place
    if place is None:
        return False
    wanted = wanted.casefold()
    return wanted in {(place.id or "").casefold(), (place.name or "").casefold(),
                      place.mention.casefold()}


def select_claims(claims: Iterable[Claim], selection: ClaimSelection) -> list[Claim]:
    """The claims matching every part of the selection, in their order."""
    return [c for c in claims
            if (selection.type is None or c.type == selection.type)
            and (selection.actor is None or c.actor == selection.actor)
            and (selection.place is None or _place_matches(c, selection.place))
            and (selection.since is None or (c.claim_date and c.claim_date >= selection.since))
            and (selection.until is None or (c.claim_date and c.claim_date <= selection.until))
            and (not selection.sources or c.source_id in selection.sources)
            and (not selection.ids or c.id in selection.ids)]
