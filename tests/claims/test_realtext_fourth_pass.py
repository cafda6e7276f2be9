"""Issue 10, fourth pass: action words by concept (lemmas), the actor an analyst implies
when the sentence names none, and the learned fallback where the rules are silent. Every
sentence here was written for the test, in the style of the sources; each test fails
without the mechanism it names."""

from __future__ import annotations

from datetime import datetime

import pytest

from frontcheck.claims.cues import find_actions
from frontcheck.claims.implied_actor import implied_actor
from frontcheck.claims.lexicon_cues import lexicon_actions
from frontcheck.claims.model import PlaceRef
from frontcheck.claims.place_model import (
    PlaceActionModel,
    model_drafts,
    place_features,
    shipped_model,
)
from frontcheck.claims.placing import resolved_places
from frontcheck.claims.reading import read_sentence
from frontcheck.claims.territorial import Draft
from tests.claims.test_generalise import claims_of, table, territorial

AT = datetime(2025, 3, 10, 9, 0)
DONETSK = "Donetsk Oblast"


# --- cues by concept -----------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    # Russian and Ukrainian by lemma: every form of the verb or noun, no stem table
    ("Штурмовики отвоевали Малиновку", "recaptured"),
    ("Десантники заволоділи Малинівкою", "captured"),
    ("Ожесточённые сражения продолжаются за Малиновку", "fighting_in"),
    ("Тривають зіткнення біля Малинівки", "fighting_in"),
    ("Штурмовики отбросили противника от Малиновки", "repelled"),
    ("Десантники стримують штурми росіян біля Малинівки", "repelled"),
    ("Защитники сдали Малиновку", "withdrew"),
    ("Підрозділи перемістилися на більш вигідні рубежі біля Малинівки", "withdrew"),
    ("Армия потеряла контроль над Малиновкой", "withdrew"),
    ("Войска расширили зону контроля у Малиновки", "advanced"),
    ("Ворог наблизився до Малинівки", "advanced"),
    ("Штурмовики дійшли до околиць Малинівки", "advanced"),
    ("Russian troops have reached Malynivka", "advanced"),
    ("Malynivka fell last week, the ministry said", "captured"),
    ("Russian forces are trying to envelop Malynivka", "fighting_in"),
    ("Russian units consolidated their positions in Malynivka", "advanced"),
    ("Geolocated footage shows Russian gains near Malynivka", "advanced"),
    ("Ukraine's counteroffensive around Malynivka continues", "fighting_in"),
    ("Малинівка — це сіра зона", "fighting_in"),
    # English by word forms
    ("Russian forces conquered Malynivka", "captured"),
    ("Troops have made inroads into Malynivka", "advanced"),
    ("Skirmishes continue around Malynivka", "fighting_in"),
    ("Ukrainian units fended off an assault on Malynivka", "repelled"),
    ("Kyiv ceded Malynivka last week", "withdrew"),
    ("Russian forces are closing in on Malynivka", "advanced"),
])
def test_the_lexicon_knows_the_concept_in_its_forms(text, kind) -> None:
    assert kind in [c.kind for c in lexicon_actions(text)]
    assert kind in [c.kind for c in find_actions(text, lexicon_actions(text))]


@pytest.mark.parametrize("text", [
    "Армия потеряла 50 человек у Малиновки",      # losses, not the place
    "A push towards Malynivka is expected",         # a noun of aim, not an advance
    "Ukraine's army gave a briefing on Malynivka",
    "Бойцы отвоюют Малиновку",                        # a perfective future: a forecast
    "Окупанти захоплять Малинівку",
    "Колона пройшла повз окуповану Малинівку",          # a participle: where, not an event
])
def test_the_lexicon_keeps_to_its_words(text) -> None:
    assert [c.kind for c in lexicon_actions(text) if c.kind != "fighting_in"] == []


def test_a_stem_cue_wins_where_both_match() -> None:
    text = "ВСУ отбили атаку у Малиновки"
    kinds = [c.kind for c in find_actions(text, lexicon_actions(text))]
    assert kinds == ["repelled"]


def test_control_as_a_verb_of_most_of_a_town_is_partial() -> None:
    assert territorial("Russian forces now control most of Podilske, the ministry said.",
                       {"Podilske": "p"}, oblast=DONETSK) == [("russia", "advanced", "p", False)]
    assert territorial("Russian troops control Podilske.", {"Podilske": "p"},
                       oblast=DONETSK) == [("russia", "captured", "p", False)]


def test_a_lexicon_cue_makes_a_claim_the_rules_pair_and_is_named() -> None:
    text = "Российские штурмовики отвоевали Малиновку."
    assert territorial(text, {"Малиновку": "m"}, claimant="ТАСС", lang="ru") \
        == [("russia", "recaptured", "m", False)]
    [claim] = claims_of(text, "territorial", claimant="ТАСС", names={"Малиновку": "m"})
    assert claim.fields["cue"] == "lexicon: 'отвоевали'"


# --- the actor an analyst implies ----------------------------------------------------------

def _draft(action: str, actor: str = "", oblast: str | None = DONETSK,
           negated: bool = False) -> Draft:
    return Draft("territorial", 0, actor, action, PlaceRef(mention="X", id="x", oblast=oblast),
                 negated)


def test_the_sentence_before_gives_its_side_to_the_same_action() -> None:
    before = [_draft("captured", "ukraine", oblast="Kursk Oblast")]
    assert implied_actor(_draft("liberated"), before, []) == "ukraine"


def test_the_one_side_the_text_named_acts() -> None:
    assert implied_actor(_draft("liberated"), [], ["ukraine", "ukraine"]) == "ukraine"
    assert implied_actor(_draft("liberated"), [], ["ukraine", "russia"]) == ""


@pytest.mark.parametrize("action, oblast, side", [
    ("captured", DONETSK, "russia"), ("advanced", DONETSK, "russia"),
    ("withdrew", DONETSK, "ukraine"), ("repelled", DONETSK, "ukraine"),
    ("recaptured", DONETSK, "ukraine"), ("captured", "Kursk Oblast", "ukraine"),
    ("recaptured", "Kursk Oblast", "russia"), ("liberated", DONETSK, ""),
    ("captured", None, ""),
])
def test_the_word_of_the_action_says_whose_soil(action, oblast, side) -> None:
    assert implied_actor(_draft(action, oblast=oblast), [], []) == side


def test_a_passive_in_a_wire_report_gets_the_side_of_its_word() -> None:
    text = "The village of Podilske was captured on Monday, the ministry said."
    assert territorial(text, {"Podilske": "p"}, oblast=DONETSK) \
        == [("russia", "captured", "p", False)]


def test_a_sideless_fight_keeps_no_side() -> None:
    text = "Intense fighting continues in Podilske, where our soldiers hold the defence."
    assert territorial(text, {"Podilske": "p"}, claimant="Ukrainian General Staff",
                       oblast=DONETSK) == [("", "fighting_in", "p", False)]


# --- the learned fallback ------------------------------------------------------------------

TOY = PlaceActionModel(classes=("gain", "none"), intercept=(-1.0, 0.0),
                       weights={"b:flag": (3.0, -1.0), "b:флаг": (3.0, -1.0)}, threshold=0.6)


def _reading_and_places(text: str, names: dict[str, str], claimant: str = "Reuters"):
    reading = read_sentence(text, 0, published_at=AT, claimant_before=claimant,
                            default_side="", date_before=(None, "none"), answer_turn=False)
    places = resolved_places(reading, table(names, DONETSK))
    return reading, places


def test_place_features_are_lemmas_by_side_of_the_mention() -> None:
    features = place_features("Бойцы подняли флаги над Малиновкой сегодня", 24, 34)
    assert "b:флаг" in features and "n:над" in features and "a:сегодня" in features


def test_the_model_claims_where_it_is_sure_and_says_why() -> None:
    reading, places = _reading_and_places("Russian paratroopers flew a flag above Malynivka.",
                                          {"Malynivka": "m"})
    [draft] = model_drafts(reading, places, [], TOY)
    assert (draft.actor, draft.action, draft.place.id) == ("russia", "captured", "m")
    assert draft.fields["cue"] == "model: 'flag'" and draft.fields["model_p"] >= 0.6


@pytest.mark.parametrize("text", [
    "A flag above Malynivka, say bloggers.",                      # no feature known: below
    "Russian paratroopers did not fly a flag above Malynivka.",   # negated: not the model's
    "Russian paratroopers will fly a flag above Malynivka.",      # a forecast
    "They flew a flag there, said Malynivka.",                     # a speaker, not a place
])
def test_the_model_stays_silent_below_its_threshold_and_in_framing(text) -> None:
    reading, places = _reading_and_places(text.replace("A flag", "A banner"),
                                          {"Malynivka": "m"})
    assert model_drafts(reading, places, [], TOY) == []


def test_the_shipped_model_loads_once_and_knows_its_classes() -> None:
    model = shipped_model()
    assert model is shipped_model()
    assert "none" in model.classes and 0 < model.threshold < 1
    assert len(model.intercept) == len(model.classes)
    assert all(len(w) == len(model.classes) for w in model.weights.values())


def test_a_denial_that_says_the_fight_goes_on_gives_both() -> None:
    text = ("Russian bloggers said their troops had captured Podilske. A Ukrainian spokesman "
            "denied this, saying the battle for the village is still going on.")
    got = territorial(text, {"Podilske": "p"}, oblast=DONETSK)
    assert ("russia", "captured", "p", True) in got
    assert ("russia", "fighting_in", "p", False) in got


@pytest.mark.parametrize("text", [
    "Battlegroup Centre units have liberated Podilske, the ministry said.",
    "The East Battlegroup took Podilske.",
    "Бойцы «Южной» группировки войск освободили Подольское.",
    "Подразделения группировки «Восток» заняли Подольское.",
])
def test_a_russian_grouping_is_russias_side(text) -> None:
    got = territorial(text, {"Podilske": "p", "Подольское": "p"}, oblast=DONETSK)
    assert [(actor, place) for actor, _, place, _ in got] == [("russia", "p")]


@pytest.mark.parametrize("text", ["Над Подольским подняли флаг.", "Поблизу Подільського тривають бої.",
                                  "Around Podilske, fighting continues."])
def test_a_preposition_opening_a_sentence_is_no_part_of_the_name(text) -> None:
    got = territorial(text, {"Podilske": "p", "Подольским": "p", "Подільського": "p"},
                      claimant="ТАСС", oblast=DONETSK)
    assert [place for _, _, place, _ in got] == ["p"]
