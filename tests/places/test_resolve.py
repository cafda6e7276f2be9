"""Resolution on the real gazetteer: the issue's examples, homonym evidence, and bad input."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.places.front import distance_to_area_km
from frontcheck.places.mention import MAX_MENTION_CHARS
from frontcheck.places.resolve import ResolveContext, resolve

# Ids from the gazetteer README's coverage table.
KURAKHOVE, KUPIANSK, POKROVSK, TORETSK = "gn:695357", "gn:703656", "gn:704422", "gn:709354"
CHASIV_YAR, BAKHMUT, MYRNOHRAD = "gn:710915", "gn:713174", "gn:710035"


def top_id(index, mention, **context):
    result = resolve(mention, ResolveContext(**context), index=index)
    assert result.candidates, (mention, result.reason)
    return result.top.id


@pytest.mark.parametrize("mention", ["Kurakhove", "Kurakhovo", "Курахове", "Курахово",
                                     "в Курахове", "KURAKHOVE"])
def test_kurakhove_spellings(index, mention):
    assert top_id(index, mention) == KURAKHOVE


@pytest.mark.parametrize("mention", ["Kupiansk", "Kupyansk", "Kup'iansk", "Купянск",
                                     "Куп'янськ", "Куп’янськ", "Kupjansk", "в Купянске"])
def test_kupiansk_spellings(index, mention):
    assert top_id(index, mention) == KUPIANSK


@pytest.mark.parametrize(("mention", "expected"), [
    ("под Покровском", POKROVSK), ("у Покровську", POKROVSK), ("з Торецька", TORETSK),
    ("Часова Яру", CHASIV_YAR), ("под Красноармейском", POKROVSK),
    ("в Артемовске", BAKHMUT), ("Дзержинск", TORETSK), ("Димитров", MYRNOHRAD),
    ("у Мирнограді", MYRNOHRAD), ("Bakhmut's", BAKHMUT),
])
def test_inflected_and_former_names(index, mention, expected):
    assert top_id(index, mention) == expected


@pytest.mark.parametrize(("mention", "expected"), [
    ("на Покровском направлении", POKROVSK), ("Pokrovsk axis", POKROVSK),
    ("Kupiansk sector", KUPIANSK), ("на Курахівському напрямку", KURAKHOVE),
    ("на Бахмутском направлении", BAKHMUT), ("Toretsk direction", TORETSK),
])
def test_axes_are_marked_not_claims(index, mention, expected):
    result = resolve(mention, index=index)
    assert result.kind == "axis"
    assert result.top.id == expected


def test_a_settlement_is_not_an_axis(index):
    assert resolve("Pokrovsk", index=index).kind == "settlement"


def _novoselivkas(index, oblast):
    return [i for i, (name, ob) in enumerate(zip(index.name_en, index.oblast))
            if name == "Novoselivka" and ob == oblast]


def test_bare_homonym_is_ambiguous_with_several_candidates(index):
    result = resolve("Novoselivka", index=index, limit=10)
    assert result.ambiguous
    assert len(result.candidates) == 10
    assert "does not settle" in result.reason
    assert result.top.score < 0.5


def test_oblast_in_the_text_narrows_homonyms(index):
    result = resolve("Новоселівка, Луганська область", index=index)
    luhansk = {index.ids[i] for i in _novoselivkas(index, "Luhansk Oblast")}
    assert len(luhansk) == 1  # so the oblast settles it
    assert result.top.id in luhansk and not result.ambiguous
    assert "in Luhansk Oblast" in result.top.reason


def test_nearby_place_in_the_text_picks_the_homonym(index):
    # Stepova Novoselivka aside, Synkivka lies beside one Novoselivka (Kupianskyi raion)
    result = resolve("бои у Новоселовки и Синьковки", index=index)
    top = result.top.position
    assert index.oblast[top] == "Kharkiv Oblast"
    assert index.raion[top] == "Kupianskyi raion"
    assert "Synkivka" in result.top.reason


def test_near_point_picks_the_closest_homonym(index):
    candidates = _novoselivkas(index, "Donetsk Oblast")
    target = candidates[3]
    point = (float(index.lon[target]) + 0.01, float(index.lat[target]))
    assert top_id(index, "Novoselivka", near=point) == index.ids[target]


def test_front_distance_as_callable_and_as_array(index):
    candidates = _novoselivkas(index, "Zaporizhzhia Oblast") or _novoselivkas(
        index, "Kharkiv Oblast")
    target = candidates[0]
    area = shapely.Point(float(index.lon[target]), float(index.lat[target])).buffer(0.05)
    front = lambda lons, lats: distance_to_area_km(area, lons, lats)  # noqa: E731
    assert top_id(index, "Novoselivka", front_distance_km=front) == index.ids[target]
    has_point = index.has_point
    as_array = distance_to_area_km(area, index.lon[has_point], index.lat[has_point])
    result = resolve("Novoselivka", ResolveContext(front_distance_km=as_array), index=index)
    assert result.top.id == index.ids[target]
    assert "km from the occupied area" in result.top.reason


def test_text_context_gives_the_oblast(index):
    result = resolve("Новоселовка", ResolveContext(
        text="Подразделения группировки «Запад» освободили Новоселовку Харьковской области"),
        index=index)
    assert index.oblast[result.top.position] == "Kharkiv Oblast"


@pytest.mark.parametrize(("mention", "reason"), [
    ("", "empty mention"), ("   \n\t", "empty mention"), ("!!! ??? ...", "no letters"),
    ("x" * (MAX_MENTION_CHARS + 1), "mention too long"),
    ("Qwxzzyq Plorbnik", "no place of that name"),
    ("в на под около", "only prepositions"),
])
def test_bad_mentions_give_no_candidates_and_a_reason(index, mention, reason):
    result = resolve(mention, index=index)
    assert result.kind == "none" and result.candidates == ()
    assert reason in result.reason


@given(st.text(max_size=120))
@settings(max_examples=300, deadline=None)
def test_any_text_resolves_without_raising(index, text):
    result = resolve(text, index=index, limit=3)
    assert result.kind in ("settlement", "axis", "none")
    assert (result.kind == "none") == (not result.candidates)
    assert result.reason
    scores = [c.score for c in result.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ ABCDEFGHKMOPTXYabcdeiopxy-'",
               min_size=1, max_size=60))
@settings(max_examples=300, deadline=None)
def test_mixed_scripts_resolve_without_raising(index, text):
    result = resolve(text, index=index, limit=3)
    assert result.reason


def test_huge_input_is_refused_quickly(index):
    result = resolve("Покровськ " * 100_000, index=index)
    assert result.candidates == () and "too long" in result.reason


def test_distance_to_area_is_zero_inside_and_nan_without_coordinates():
    area = shapely.box(37.0, 48.0, 37.5, 48.5)
    km = distance_to_area_km(area, np.array([37.2, np.nan, 37.5]), np.array([48.2, 48.0, 49.0]))
    assert km[0] == 0 and np.isnan(km[1])
    assert 50 < km[2] < 60  # 0.5° of latitude ≈ 55 km
    assert np.isnan(distance_to_area_km(None, np.array([1.0]), np.array([1.0]))).all()


def test_every_shipped_alias_names_a_known_place(index):
    from frontcheck.app.place_lookup import shipped_aliases

    aliases = shipped_aliases()
    assert len(aliases) >= 50
    assert index.unknown_aliases == ()
    assert all(a.source for a in aliases)


def test_an_alias_counts_as_a_current_name(index):
    # GeoNames alternates of two places read "Красный Лиман"; the alias says which is meant
    result = resolve("Красный Лиман", index=index)
    assert result.top.id == "gn:704204" and "alias" in result.top.reason


def test_a_long_report_still_gives_its_oblast(index):
    report = "Сводка за сутки. " + "Противник продолжает обстрелы приграничных сёл. " * 20
    report += "Освобождена Новоселовка Харьковской области."
    assert len(report) > MAX_MENTION_CHARS
    result = resolve("Новоселовка", ResolveContext(text=report), index=index)
    assert index.oblast[result.top.position] == "Kharkiv Oblast"


@pytest.mark.parametrize("mention", [None, 42, ["Pokrovsk"], b"Pokrovsk"])
def test_a_mention_that_is_not_text_gets_a_reason(index, mention):
    result = resolve(mention, index=index)
    assert result.kind == "none" and result.reason == "not text"
