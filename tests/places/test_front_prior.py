"""The resolver's oblast prior: a caller that knows where the places it reads about tend to
be (war reports: the front's oblasts) can say so, and evidence in the text still wins."""

from __future__ import annotations

from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
from frontcheck.places.index import build_index
from frontcheck.places.resolve import ResolveContext, resolve

_ROWS = [
    # two villages of one name; the bigger one is far from the front
    "gn:1,UA,Vodiane,Водяне,Водяное,Vodiane,,48.10,37.30,g,Donetsk Oblast,,,,,village,,,500",
    "gn:2,UA,Vodiane,Водяне,Водяное,Vodiane,,50.40,25.90,g,Rivne Oblast,,,,,village,,,5000",
]
_PRIOR = (("Donetsk Oblast", 3.0),)


def _index():
    csv_text = "\n".join([",".join(REQUIRED_COLUMNS), *_ROWS])
    return build_index(parse_gazetteer(csv_text.encode(), "g.csv"))


def test_without_a_prior_the_homonyms_are_not_settled() -> None:
    result = resolve("Водяного", ResolveContext(text="Водяного"), index=_index())
    assert result.ambiguous or result.top.id == "gn:2"


def test_the_prior_prefers_the_front_oblast() -> None:
    result = resolve("Водяного", ResolveContext(oblast_prior=_PRIOR), index=_index())
    assert (result.top.id, result.ambiguous) == ("gn:1", False)


def test_an_oblast_named_in_the_text_outweighs_the_prior() -> None:
    result = resolve("Водяного", ResolveContext(oblast="Rivne", oblast_prior=_PRIOR),
                     index=_index())
    assert result.top.id == "gn:2"
