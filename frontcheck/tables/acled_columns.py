"""Claims as ACLED event rows (the column names and codes of ACLED's export), so that tools
built for ACLED data — and frontcheck's own ACLED reader — take frontcheck's claims.

**Action → ACLED event type** (ACLED codebook: a foreign state force that takes ground is
coded as "Non-state actor overtakes territory"; the government retaking ground as
"Government regains territory"; territory given up without fighting as "Non-violent
transfer of territory"):

====================================================  ======================  ========================================
frontcheck claim                                      event_type              sub_event_type
====================================================  ======================  ========================================
territorial captured / recaptured, by a foreign force  Battles                 Non-state actor overtakes territory
territorial captured / recaptured / liberated,        Battles                 Government regains territory
by the government of the place's country
territorial withdrew                                  Strategic developments  Non-violent transfer of territory
territorial advanced / repelled / fighting_in;        Battles                 Armed clash
participation
quantity killed / wounded / captured / casualties     Battles                 Armed clash
quantity troops / transport / payment; attribute;     Strategic developments  Other
any negated claim (a denial reports no event)
====================================================  ======================  ========================================

The country (Ukraine or Russia, for the Kursk incursion) is the place's, else Ukraine; event
ids are ``UKR-<claim id>`` or ``RUS-<claim id>``. ``disorder_type`` follows the event type ("Political violence" for battles). Fatalities are
the best estimate of a ``killed`` quantity claim, else 0. Actors are ACLED's names for the
three armed forces; any other actor text is kept as written. ``notes`` is the claim's quote;
``source`` its claimant and publisher; ``timestamp`` the claim date (Unix seconds), which
ACLED's reader takes as the date the item was published. A claim with no date has no ACLED
form and is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from frontcheck.claims.model import Claim

#: Column order of ACLED's export.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                 "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country",
                 "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
                 "timestamp")
ACTOR_NAMES = {"russia": "Military Forces of Russia (2000-)",
               "ukraine": "Military Forces of Ukraine (2019-)",
               "dprk": "Military Forces of North Korea (2011-)"}
OPPONENT = {"russia": "ukraine", "dprk": "ukraine", "ukraine": "russia"}
TIME_PRECISION_CODES = {"day": 1, "week": 2, "month": 3}
DISORDER = {"Battles": "Political violence", "Strategic developments": "Strategic developments"}
CASUALTY_KINDS = ("killed", "wounded", "captured", "casualties")
TAKES_GROUND = ("captured", "recaptured", "liberated")
#: Gazetteer country codes as ACLED's country names, event-id prefixes and governments.
COUNTRIES = {"UA": ("Ukraine", "UKR", "ukraine"), "RU": ("Russia", "RUS", "russia")}


def acled_event_type(claim: Claim, country: str = "UA") -> tuple[str, str]:
    """(event_type, sub_event_type) of a claim in a country (gazetteer code), by the table
    in this module's docstring: ground taken by the country's own government is "regained",
    by anyone else (Ukraine in Kursk too) "overtaken".

    Examples
    --------
    >>> acled_event_type(Claim(id="x", type="territorial", actor="russia", action="captured"))
    ('Battles', 'Non-state actor overtakes territory')
    >>> acled_event_type(Claim(id="x", type="territorial", actor="ukraine", action="withdrew"))
    ('Strategic developments', 'Non-violent transfer of territory')
    >>> acled_event_type(Claim(id="x", type="attribute"))
    ('Strategic developments', 'Other')
    """
    if claim.negated:
        return "Strategic developments", "Other"
    if claim.type == "territorial":
        if claim.action in TAKES_GROUND:
            government = COUNTRIES.get(country, COUNTRIES["UA"])[2]
            return ("Battles", "Government regains territory" if claim.actor == government
                    else "Non-state actor overtakes territory")
        if claim.action == "withdrew":
            return "Strategic developments", "Non-violent transfer of territory"
        return "Battles", "Armed clash"
    if claim.type == "participation":
        return "Battles", "Armed clash"
    if claim.type == "quantity" and claim.fields.get("kind") in CASUALTY_KINDS:
        return "Battles", "Armed clash"
    return "Strategic developments", "Other"


def acled_record(claim: Claim, source: Mapping[str, Any] | None,
                 admin: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """One claim as an ACLED row (None for a claim with no date). ``source`` is the source it
    was read from (``publisher``, ``kind``) and ``admin`` its place's admin areas (``oblast``,
    ``raion``, ``hromada``, ``name_en``); both may be None. Texts must come redacted."""
    day = claim.event_date or claim.claim_date
    if day is None:
        return None
    precision = claim.date_precision if claim.event_date else "day"
    place, admin = claim.place, admin or {}
    country = admin.get("country") or "UA"
    country_name, id_prefix, _ = COUNTRIES.get(country, COUNTRIES["UA"])
    event_type, sub_event_type = acled_event_type(claim, country)
    located = place is not None and place.lon is not None and place.lat is not None
    actor2 = OPPONENT.get(claim.actor, "") if event_type == "Battles" else ""
    fatalities = 0
    if claim.type == "quantity" and claim.fields.get("kind") == "killed" and not claim.negated:
        fatalities = int(claim.fields.get("best") or 0)
    publisher = (source or {}).get("publisher") or claim.fields.get("source_url", "")
    tags = [f"frontcheck claim {claim.id}", f"type {claim.type}"]
    tags += [f"action {claim.action}"] if claim.action else []
    tags += ["negated"] if claim.negated else []
    said = claim.claim_date or day
    return {
        "event_id_cnty": f"{id_prefix}-{claim.id}", "event_date": day.isoformat(), "year": day.year,
        "time_precision": TIME_PRECISION_CODES.get(precision, 1),
        "disorder_type": DISORDER[event_type], "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": ACTOR_NAMES.get(claim.actor, claim.actor), "assoc_actor_1": "",
        "actor2": ACTOR_NAMES.get(actor2, ""), "country": country_name,
        "admin1": (admin.get("oblast") or (place.oblast if place else "") or "").removesuffix(" Oblast"),
        "admin2": admin.get("raion", ""), "admin3": admin.get("hromada", ""),
        "location": (admin.get("name_en") or (place.name or place.mention) if place else ""),
        "latitude": place.lat if located else None, "longitude": place.lon if located else None,
        "geo_precision": 1 if located else None,
        "source": "; ".join(dict.fromkeys(p for p in (claim.claimant, publisher) if p)),
        "source_scale": "New media" if (source or {}).get("kind") == "telegram_post" else "Other",
        "notes": claim.quote or " ".join(p for p in (claim.claimant, claim.actor, claim.action,
                                                      place.mention if place else "") if p),
        "fatalities": fatalities, "tags": "; ".join(tags),
        "timestamp": int(datetime.combine(said, time(), tzinfo=UTC).timestamp()),
    }
