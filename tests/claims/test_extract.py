"""Extraction behaviours the issue names: axes, attribution, negation, dates, stable ids, and
any text in gives a list of claims out."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontcheck.claims.extract import extract_claims
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.resolver import index_resolver

AT = datetime(2024, 11, 14, 8, 0)


def table_resolver(names: dict[str, str]):
    """A resolver from a table of mention → id, standing in for the gazetteer."""
    def resolve_place(mention: str, context: dict) -> PlaceRef | None:
        place_id = names.get(mention)
        return PlaceRef(mention=mention, id=place_id, name=mention) if place_id else None
    return resolve_place


def test_an_axis_is_not_a_place() -> None:
    claims = extract_claims("На Покровском направлении отражены 12 атак противника.",
                            published_at=AT, resolve_place=table_resolver({"Покровском": "p"}))
    assert [c for c in claims if c.type == "territorial"] == []


def test_bulletin_with_relative_date_and_several_places() -> None:
    text = ("За минулу добу ворог 39 разів атакував у районах населених пунктів Лисівка, "
            "Промінь та Новотроїцьке.")
    claims = extract_claims(text, published_at=AT, claimant_default="Ukrainian General Staff",
                            resolve_place=table_resolver({"Лисівка": "1", "Промінь": "2",
                                                          "Новотроїцьке": "3"}))
    assert [(c.actor, c.action, c.place.id, c.event_date, c.claimant) for c in claims] == [
        ("russia", "fighting_in", p, date(2024, 11, 13), "Ukrainian General Staff")
        for p in "123"]


def test_attribution_names_who_asserts() -> None:
    text = "Russia's Defence Ministry claimed on Sunday that its forces had recaptured Urozhaine."
    [claim] = extract_claims(text, published_at=date(2024, 7, 14), claimant_default="Reuters",
                             resolve_place=table_resolver({"Urozhaine": "u"}))
    assert (claim.claimant, claim.actor, claim.action, claim.negated) == (
        "Russian MoD", "russia", "recaptured", False)


def test_denial_is_kept_as_negation_by_the_denier() -> None:
    """A denial carries two claims, linked by place and action: the claim reported, by
    whoever made it, and its denial, by the denier (issue 10: never drop the sentence,
    never flip the actor)."""
    text = "У Генштабі ЗСУ спростували заяви про захоплення Покровська."
    reported, denial = extract_claims(text, published_at=AT, claimant_default="Suspilne",
                                      resolve_place=table_resolver({"Покровська": "p"}))
    assert (denial.claimant, denial.actor, denial.action, denial.negated,
            denial.fields["framing"]) == (
        "Ukrainian General Staff", "russia", "captured", True, "denied")
    assert (reported.claimant, reported.actor, reported.action, reported.negated,
            reported.fields["framing"]) == ("Russia", "russia", "captured", False, "reported")
    assert reported.place == denial.place and reported.span == denial.span


@pytest.mark.parametrize("text, lang, predicate, value, negated", [
    ("A: We were not trained at all.", "en", "training", None, True),
    ("Ответ: Мы не проходили подготовку.", "ru", "training", None, True),
    ("Відповідь: Ми не отримували жодної підготовки, лише два тижні стрільб.", "uk",
     "training", 14, True),
    ("A: I signed a contract for one year.", "en", "service_basis", "contract", False),
    ("Ответ: Нам сказали, что мы едем на учения.", "ru", "knew_deployment", "exercise", True),
    ("Відповідь: Зв'язку з родиною не було.", "uk", "family_contact", None, True),
])
def test_attributes(text: str, lang: str, predicate: str, value, negated: bool) -> None:
    claims = [c for c in extract_claims(text, published_at=AT, lang=lang,
                                        claimant_default="POW-1") if c.type == "attribute"]
    assert [(c.fields["subject"], c.fields["predicate"], c.fields["value"], c.negated,
             c.claimant) for c in claims] == [("speaker", predicate, value, negated, "POW-1")]


@pytest.mark.parametrize("text", [
    "North Korean troops were spotted near Plekhovo.",
    "Корейские военные замечены у Плехово.",
    "Північнокорейських військових помічено біля Плехова.",
    "KPA soldiers of the Storm Corps are fighting near Plekhovo.",
])
def test_participation_of_north_korean_troops(text: str) -> None:
    resolve = table_resolver({"Plekhovo": "k", "Плехово": "k", "Плехова": "k"})
    claims = [c for c in extract_claims(text, published_at=AT, resolve_place=resolve)
              if c.type == "participation"]
    assert [(c.actor, c.place.id) for c in claims] == [("dprk", "k")]


def test_quantities_keep_side_and_vague_counts() -> None:
    text = ("Противник потерял до 140 военнослужащих. Северокорейским военным платят около "
            "2 тысяч долларов в месяц. Десятки северокорейских солдат были ранены.")
    claims = extract_claims(text, published_at=AT, claimant_default="Russian MoD")
    got = [(c.fields["kind"], c.fields["side"], c.fields["low"], c.fields["best"],
            c.fields["high"], c.fields["currency"], c.fields["period"]) for c in claims
           if c.type == "quantity"]
    assert got == [("casualties", "ukraine", 0, 140, 140, "", ""),
                   ("payment", "dprk", 1800, 2000, 2200, "USD", "month"),
                   ("wounded", "dprk", 20, 30, 99, "", "")]


def test_claim_ids_are_stable_and_distinct() -> None:
    text = "Russian forces captured Hostre and Tsukuryne, DeepState said."
    resolve = table_resolver({"Hostre": "h", "Tsukuryne": "t"})
    first = extract_claims(text, published_at=AT, resolve_place=resolve, source_id=7)
    again = extract_claims(text, published_at=AT, resolve_place=resolve, source_id=7)
    other = extract_claims(text, published_at=AT, resolve_place=resolve, source_id=8)
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == 2 and all(c.id.startswith("c-") for c in first)
    assert not {c.id for c in first} & {c.id for c in other}


def test_questions_assert_nothing() -> None:
    assert extract_claims("Did Russian forces capture Hostre?", published_at=AT,
                          resolve_place=table_resolver({"Hostre": "h"})) == []


def test_real_resolver_on_the_gazetteer(place_index) -> None:
    claims = extract_claims("Подразделения группировки войск «Центр» освободили населённый "
                            "пункт Новогродовка Донецкой Народной Республики.", published_at=AT,
                            claimant_default="Russian MoD",
                            resolve_place=index_resolver(place_index))
    assert [(c.place.id, c.place.name, c.place.oblast) for c in claims] == [
        ("gn:699557", "Novohrodivka", "Donetsk Oblast")]


@given(st.text(max_size=500), st.sampled_from([None, "en", "ru", "uk", "xx"]))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_list_of_claims(text: str, lang) -> None:
    claims = extract_claims(text, published_at=AT, lang=lang,
                            resolve_place=table_resolver({}))
    assert isinstance(claims, list)
    for claim in claims:
        assert claim.span is not None and 0 <= claim.span[0] < claim.span[1] <= len(text)
        assert claim.type in ("territorial", "participation", "quantity", "attribute")


_WORDS = st.sampled_from(["Russian", "forces", "captured", "Покровськ", "звільнено", "вчера",
                          "не", "denied", "North", "Korean", "troops", "до", "140", "$2,000",
                          "a month", "направлении", "Q:", "A:", "«Центр»", ",", ".", "\n",
                          "десятки", "військових", "trained", "контракт", "1-го", "корпусу"])


@given(st.lists(_WORDS, max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_word_salad_gives_a_list_of_claims(text: str) -> None:
    claims = extract_claims(text, published_at=AT,
                            resolve_place=table_resolver({"Покровськ": "p"}))
    assert all(c.span and text[c.span[0]:c.span[1]] for c in claims)
