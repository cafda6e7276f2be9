"""Issue 10, fifth pass: two claims about one place. Every sentence here was written for the
test, in the style of the sources; each test fails without the mechanism it names."""

from __future__ import annotations

import pytest

from tests.claims.test_generalise import MALYNIVKA, territorial

M = MALYNIVKA


# --- a placeless sentence's withdrawal or partial advance at the place before --------------

@pytest.mark.parametrize("text, second", [
    ("Russian troops have captured the eastern district of Malynivka, the analysts said. "
     "Ukrainian units retreated because of the destruction.", ("ukraine", "withdrew")),
    ("Росіяни вже рік намагаються захопити Малинівку. ЗСУ повернули контроль над 5 кв. км "
     "у східній частині міста.", ("ukraine", "advanced")),
])
def test_a_placeless_sentence_adds_its_claim_at_the_place_before(text, second) -> None:
    got = territorial(text, M, claimant="Kyiv Post")
    assert (*second, "m", False) in got
    assert len(got) == 2


@pytest.mark.parametrize("text", [
    # another place named: the back reference is not to Malynivka
    "Russian troops have captured the eastern district of Malynivka. Ukrainian units "
    "retreated from Zoria.",
    # a forecast, and no side named
    "Russian troops have captured the eastern district of Malynivka. Ukrainian units "
    "could retreat soon.",
    "Russian troops have captured the eastern district of Malynivka. Then came the retreat.",
])
def test_no_second_claim_without_a_clear_back_reference(text) -> None:
    got = territorial(text, M | {"Zoria": "z"})
    assert not any(c[1] == "withdrew" and c[2] == "m" for c in got)


def test_fighting_in_parts_of_the_town_goes_back_to_the_place() -> None:
    text = ("Штурмовые подразделения освободили всю южную часть Малиновки, идут бои в центре, "
            "на севере и на северо-востоке города.")
    got = territorial(text, M, claimant="ТАСС")
    assert ("russia", "advanced", "m", False) in got
    assert ("russia", "fighting_in", "m", False) in got


# --- a claim, then its denial named as "a claim ... refuted" -------------------------------

def test_a_claim_named_again_before_its_denial_is_reported_and_denied() -> None:
    text = ("In March, Russia claimed full control over Malynivka, a claim Ukraine refuted, "
            "saying that skirmishes were still under way.")
    got = territorial(text, M, claimant="Reuters")
    assert ("russia", "captured", "m", False) in got     # the claim Russia made
    assert ("russia", "captured", "m", True) in got      # Ukraine's denial of it
    assert ("", "fighting_in", "m", False) in got        # the fight the denier says goes on


def test_a_denial_in_the_ukrainian_present_tense_denies_the_claim_before() -> None:
    text = ("Міноборони РФ повідомило, що нібито захопило село Малинівка. Речник прикордонної "
            "служби спростовує заяву країни-агресора.")
    got = territorial(text, M, claimant="Укрінформ")
    assert ("russia", "captured", "m", False) in got
    assert ("russia", "captured", "m", True) in got


# --- the Russian armed forces by their short names -----------------------------------------

@pytest.mark.parametrize("text", [
    "Депутат сказал, что ВСУ пытаются контратаковать, но после того, как ВС России "
    "освободили Малиновку, украинские силы отошли.",
    "Він нагадав, що ЗС Росії захопили Малинівку ще навесні.",
])
def test_the_russian_armed_forces_by_short_name_are_the_subject(text) -> None:
    got = territorial(text, M, claimant="Reuters")
    assert any(c[0] == "russia" and c[1] in ("liberated", "captured") and c[2] == "m"
               for c in got), got


# --- a forecast attack is no claim, nor does an earlier word reach past it ------------------

@pytest.mark.parametrize("text", [
    "После его освобождения российская армия может наступать вдоль трассы на Малиновку.",
    "Once it falls, Russian forces could storm Malynivka from the south.",
])
def test_a_forecast_attack_makes_no_claim(text) -> None:
    assert territorial(text, M, claimant="ТАСС") == []


def test_a_place_that_only_locates_another_past_an_adjective_is_no_claim() -> None:
    text = ("The Defense Forces of Ukraine stopped the offensive of the occupiers near the "
            "village of Zoria (southwest of occupied Malynivka).")
    got = territorial(text, M | {"Zoria": "z"}, claimant="General Staff")
    assert ("ukraine", "repelled", "z", False) in got
    assert not any(c[2] == "m" for c in got)


def test_an_earlier_action_does_not_reach_a_place_past_a_forecast() -> None:
    text = 'Він додав, що окупанти нібито вже захопили Зорю, і також "скоро захоплять" Малинівку.'
    got = territorial(text, M | {"Зорю": "z"}, claimant="УНІАН")
    assert ("russia", "captured", "z", False) in got
    assert not any(c[2] == "m" for c in got)


@pytest.mark.parametrize("text", [
    "Советник сообщил, что ВС РФ взяли под огневой контроль все подступы к Малиновке.",
    "Він заявив, що росіяни взяли під вогневий контроль дороги до Малинівки.",
])
def test_fire_control_holds_no_ground(text) -> None:
    assert territorial(text, M, claimant="ТАСС") == []
