"""Homonyms settled by the front line on the claim date (issue 10): of several villages of one
name that the text cannot tell apart, a claim of ground is about the one on the front."""

from __future__ import annotations

from datetime import date

import shapely

from frontcheck.claims.extract import extract_claims
from frontcheck.claims.resolver import front_line_of, index_resolver
from frontcheck.control.projection import to_equal_area
from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
from frontcheck.places.index import build_index

#: Two villages named Verbove in two front oblasts (equal priors): one by the front line of
#: ``_front``, one 200 km north of it.
ROWS = ("gn:1,UA,Verbove,Вербове,Вербовое,Verbove,,47.55,35.80,g,Zaporizhzhia Oblast",
        "gn:2,UA,Verbove,Вербове,Вербовое,Verbove,,49.60,36.20,g,Kharkiv Oblast")


def _resolver():
    header = ",".join(REQUIRED_COLUMNS)
    width = len(REQUIRED_COLUMNS)
    rows = [r + "," * (width - 1 - r.count(",")) for r in ROWS]
    index = build_index(parse_gazetteer("\n".join([header, *rows]).encode(), "g.csv"))
    return index_resolver(index)


def _front():
    # an occupied area whose edge runs 3 km east of the first Verbove
    occupied = shapely.box(35.84, 46.5, 38.5, 47.7)
    return front_line_of(to_equal_area(occupied), "2025-10-01")


def test_the_front_line_settles_a_homonym() -> None:
    text = "Russian forces advanced near Verbove, DeepState said."
    resolve = _resolver()
    without = extract_claims(text, published_at=date(2025, 10, 2), resolve_place=resolve)
    assert without[0].place.id is None and len(without[0].place.candidates) == 2
    [claim] = extract_claims(text, published_at=date(2025, 10, 2), resolve_place=resolve,
                             front=_front())
    assert (claim.actor, claim.action, claim.place.id) == ("russia", "advanced", "gn:1")


def test_no_choice_when_both_lie_near_the_front() -> None:
    # a strip whose edge passes 3 and 5 km from the two villages: no clear choice
    front = front_line_of(to_equal_area(shapely.box(35.84, 47.0, 36.16, 49.56)), "k")
    [claim] = extract_claims("Russian forces advanced near Verbove.",
                             published_at=date(2025, 10, 2), resolve_place=_resolver(),
                             front=front)
    assert claim.place.id is None and len(claim.place.candidates) == 2
