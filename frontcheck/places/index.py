"""The place index: every name form of every place under three keys, built once per load.

Resolution has to take microseconds, so everything that can be computed per name is computed
here: each form's normalised key, skeleton and stem go into plain dicts (one lookup each at
resolve time), and each place's coordinates, prior and oblast go into arrays.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from frontcheck.places.aliases import AliasRecord
from frontcheck.places.gazetteer import NAME_KINDS, PlaceRecord, name_forms
from frontcheck.places.inflection import sister_stems
from frontcheck.places.names import name_stem, normalise_name, skeleton

__all__ = ["PlaceIndex", "build_index", "raion_stem", "KIND_CODES", "KIND_NAMES", "KIND_WEIGHT",
           "CLASS_PRIOR"]

#: Name kinds of the gazetteer, then "derived": a Russian stem made from a Ukrainian name
#: (or back) by ``inflection.sister_stems``.
KIND_CODES = {kind: code for code, kind in enumerate((*NAME_KINDS, "derived"))}
KIND_NAMES = tuple(KIND_CODES)
#: How much a match on each kind of name counts. GeoNames alternates include old names long
#: out of use (Myrnohrad's "Novoekonomicheskoe"): a current official name of one place must
#: beat another place's alternate. Curated aliases count as official names.
KIND_WEIGHT = tuple({"alt": 0.75, "derived": 0.93}.get(kind, 1.0) for kind in KIND_NAMES)

#: Log-prior of each feature class beside population: city sections and abandoned places
#: are almost never what a report means.
CLASS_PRIOR = {"city": 0.0, "settlement": 0.0, "village": 0.0, "populated_place": -0.5,
               "section_of_populated_place": -3.0, "historical": -3.0, "abandoned": -3.5,
               "destroyed": -3.0}
#: Population assumed when the gazetteer has none, by class; and the floor under which all
#: places count alike (a 40-person village is not named less than a 400-person one).
IMPUTED_POPULATION = {"city": 20_000, "settlement": 1_500}
POPULATION_FLOOR = 500
_RAION_WORDS = frozenset(("raion", "rayon", "район", "district"))


def raion_stem(raion: str) -> str:
    """Stem of a raion's name without the word "raion": Покровський, Pokrovskyi raion and
    "Покровского района" all give one stem."""
    key = " ".join(w for w in normalise_name(raion).split() if w not in _RAION_WORDS)
    return name_stem(key) if key else ""


@dataclass(frozen=True, eq=False)
class PlaceIndex:
    """Places (ordered by id) as arrays, and name forms under exact, spelling and stem keys.

    ``exact``, ``spelled`` and ``stemmed`` map a key to form numbers, one per place (its
    strongest form under that key); ``form_place`` gives a form's place and ``form_weight``
    how much its kind counts (plain tuples: read one item at a time). ``has_point`` marks places with
    coordinates; ``ids[has_point]`` is the order ``store.places.settlement_points`` uses, so
    an array aligned with it can be passed as front-line distances, and ``point_order``
    gives each place's row in it (-1 without coordinates).
    """

    ids: tuple[str, ...]
    name_en: tuple[str, ...]
    name_uk: tuple[str, ...]
    name_ru: tuple[str, ...]
    oblast: tuple[str, ...]
    raion: tuple[str, ...]
    raion_stems: tuple[str, ...]
    lon: np.ndarray
    lat: np.ndarray
    has_point: np.ndarray
    population: np.ndarray
    prior: np.ndarray
    prior_list: tuple[float, ...]
    point_order: np.ndarray
    form_place: tuple[int, ...]
    form_kind: tuple[int, ...]
    form_weight: tuple[float, ...]
    form_name: tuple[str, ...]
    form_key: tuple[str, ...]
    exact: dict[str, tuple[int, ...]]
    spelled: dict[str, tuple[int, ...]]
    stemmed: dict[str, tuple[int, ...]]
    fuzzy_keys: dict[str, tuple[str, ...]]
    known_raions: frozenset[str]
    unknown_aliases: tuple[AliasRecord, ...]
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)  # resolve()'s answers

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, place_id: str) -> int | None:
        """Position of a place id in the index, or None."""
        return _position(self.ids, place_id)


def _position(ids: tuple[str, ...], place_id: str) -> int | None:
    low, high = 0, len(ids)
    while low < high:
        middle = (low + high) // 2
        if ids[middle] < place_id:
            low = middle + 1
        else:
            high = middle
    return low if low < len(ids) and ids[low] == place_id else None


def _prior(place: PlaceRecord) -> float:
    """Log-prior of a place being the one a report means: proportional to its population
    (reports name Pokrovsk far more than any of the villages called Pokrovske)."""
    prior = CLASS_PRIOR.get(place.feature_class, CLASS_PRIOR["populated_place"])
    if place.country == "RU" and place.feature_class == "populated_place":
        prior = CLASS_PRIOR["village"]  # the Russian rows carry no class at all
    population = place.population or IMPUTED_POPULATION.get(place.feature_class, 0)
    return prior + float(np.log(max(population, POPULATION_FLOOR)))


def _one_form_per_place(table: dict[str, list[int]], form_place: list[int],
                        form_kind: list[int]) -> dict[str, tuple[int, ...]]:
    """Each key's forms, keeping per place only the one whose kind counts most, so that a
    lookup touches each place once."""
    out: dict[str, tuple[int, ...]] = {}
    for key, forms in table.items():
        best: dict[int, int] = {}
        for form in forms:
            place = form_place[form]
            kept = best.get(place)
            if kept is None or KIND_WEIGHT[form_kind[form]] > KIND_WEIGHT[form_kind[kept]]:
                best[place] = form
        out[key] = tuple(best.values())
    return out


def build_index(places: Sequence[PlaceRecord],
                aliases: Iterable[AliasRecord] = ()) -> PlaceIndex:
    """The index of ``places`` and ``aliases``; aliases naming an unknown id, or an id whose
    English name differs from the alias's ``place_name``, are left out and listed in
    ``unknown_aliases``.

    Examples
    --------
    >>> from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
    >>> csv_text = ",".join(REQUIRED_COLUMNS) + "\\n"
    >>> csv_text += "gn:2,UA,Kurakhove,Курахове,Курахово,Kurakhove,,47.98,37.28,g" + "," * 9
    >>> index = build_index(parse_gazetteer(csv_text.encode(), "g.csv"))
    >>> [index.ids[index.form_place[f]] for f in index.stemmed[name_stem("курахов")]]
    ['gn:2']
    """
    places = sorted(places, key=lambda p: p.id)
    ids = tuple(p.id for p in places)
    form_place: list[int] = []
    form_kind: list[int] = []
    form_name: list[str] = []
    form_key: list[str] = []
    exact: dict[str, list[int]] = defaultdict(list)
    spelled: dict[str, list[int]] = defaultdict(list)
    stemmed: dict[str, list[int]] = defaultdict(list)

    def add(position: int, key: str, name: str, kind: str) -> str:
        form = len(form_name)
        form_place.append(position)
        form_kind.append(KIND_CODES[kind])
        form_name.append(name)
        form_key.append(key)
        stem = name_stem(key)
        if kind != "derived":
            exact[key].append(form)
            spelled[skeleton(key)].append(form)
            stemmed[stem].append(form)
        return stem

    for position, place in enumerate(places):
        own = "uk" if place.country == "UA" else "ru"
        for key, name, kind in name_forms(place):
            add(position, key, name, kind)
            if kind == own:
                for sister in sister_stems(key, own):
                    stemmed[sister].append(len(form_name))
                    add(position, key, name, "derived")
    unknown: list[AliasRecord] = []
    for alias in aliases:
        found = _position(ids, alias.place_id)
        if found is None or places[found].name_en != alias.place_name:
            unknown.append(alias)
            continue
        add(found, normalise_name(alias.alias), alias.alias, "alias")

    buckets: dict[str, set[str]] = defaultdict(set)
    for key in stemmed:
        if key:
            buckets[key[0]].add(key)
    nan = float("nan")
    lon = np.array([nan if p.lon is None else p.lon for p in places], dtype=float)
    lat = np.array([nan if p.lat is None else p.lat for p in places], dtype=float)
    raion_stems = tuple(raion_stem(p.raion_local or p.raion) for p in places)
    priors = [_prior(p) for p in places]
    return PlaceIndex(
        ids=ids, name_en=tuple(p.name_en for p in places),
        name_uk=tuple(p.name_uk for p in places), name_ru=tuple(p.name_ru for p in places),
        oblast=tuple(p.oblast for p in places), raion=tuple(p.raion for p in places),
        raion_stems=raion_stems, lon=lon, lat=lat, has_point=~np.isnan(lat),
        population=np.array([nan if p.population is None else p.population for p in places],
                            dtype=float),
        prior=np.array(priors, dtype=float), prior_list=tuple(priors),
        point_order=np.where(~np.isnan(lat), np.cumsum(~np.isnan(lat)) - 1, -1),
        form_place=tuple(form_place), form_kind=tuple(form_kind), form_name=tuple(form_name),
        form_key=tuple(form_key),
        form_weight=tuple(KIND_WEIGHT[k] for k in form_kind),
        exact=_one_form_per_place(exact, form_place, form_kind),
        spelled=_one_form_per_place(spelled, form_place, form_kind),
        stemmed=_one_form_per_place(stemmed, form_place, form_kind),
        fuzzy_keys={k: tuple(sorted(v)) for k, v in buckets.items()},
        known_raions=frozenset(s for s in raion_stems if s),
        unknown_aliases=tuple(unknown))
