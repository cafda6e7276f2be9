"""Issue 10, sixth pass: the other side's actor and places only mentioned. Every sentence
here was written for the test, in the style of the sources; each test fails without the
rule it names."""

from __future__ import annotations

import pytest

from frontcheck.claims.stance import default_side, text_side
from tests.claims.test_generalise import MALYNIVKA, territorial

M = MALYNIVKA
Z = {"Zoria": "z", "Зоря": "z", "Зорі": "z", "Зорю": "z", "Зари": "z", "Заря": "z"}
DONETSK = "Donetsk Oblast"


# --- a failed attack is an attack beaten off -----------------------------------------------

@pytest.mark.parametrize("text, claimant, winner", [
    ("Путин рассказал о безуспешных попытках украинских боевиков вернуть Малиновку.",
     "ТАСС", "russia"),
    ("Russian troops unsuccessfully stormed Malynivka, the brigade said.", "Reuters",
     "ukraine"),
    ("Росіяни штурмували Малинівку, але успіху не мали.", "Укрінформ", "ukraine"),
])
def test_a_failed_attack_is_repelled_by_the_other_side(text, claimant, winner) -> None:
    got = territorial(text, M, claimant=claimant)
    assert (winner, "repelled", "m", False) in got
    assert not any(c[1] in ("advanced", "captured", "fighting_in") and c[2] == "m" for c in got)


@pytest.mark.parametrize("text, action", [
    ("Росіяни не захопили Малинівку.", "captured"),
    ("Він додав, що окупантам не вдалося просунутися у Малинівці.", "advanced"),
    ("Russian troops failed to enter Malynivka, the brigade said.", "advanced"),
])
def test_an_advance_the_words_deny_stays_a_denied_claim(text, action) -> None:
    got = territorial(text, M, claimant="Укрінформ")
    assert got == [("russia", action, "m", True)]


def test_could_not_be_verified_is_no_failed_attack() -> None:
    got = territorial("Russian forces captured Malynivka, a claim that could not be "
                      "independently verified.", M)
    assert ("russia", "captured", "m", False) in got
    assert not any(c[1] == "repelled" for c in got)


# --- a forecast told as a noun -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Повне захоплення Малинівки — питання часу, заявила депутатка.",
    "Взятие Малиновки — лишь вопрос времени, считает военкор.",
    "The fall of Malynivka is only a matter of time, the blogger wrote.",
])
def test_a_matter_of_time_asserts_no_control(text) -> None:
    assert territorial(text, M) == []


# --- places only mentioned -----------------------------------------------------------------

def test_the_place_an_attack_came_from_is_no_claim() -> None:
    text = ("Российские войска отразили шесть атак ВСУ, осуществляемых из населенного пункта "
            "Малиновка.")
    assert not any(c[2] == "m" for c in territorial(text, M, claimant="ТАСС"))


def test_driving_the_enemy_out_of_a_place_still_takes_it() -> None:
    got = territorial("Российские войска выбили ВСУ из Малиновки.", M, claimant="ТАСС",
                      oblast=DONETSK)
    assert got and got[0][:3] == ("russia", "captured", "m")


def test_lines_taken_near_places_are_no_capture() -> None:
    text = ("Подразделения группировки «Южная» заняли более выгодные рубежи и нанесли "
            "поражение ВСУ в районах Малиновки и Зари.")
    assert territorial(text, M | Z, claimant="ТАСС") == []


def test_an_oblast_held_in_part_or_still_being_taken_is_no_claim() -> None:
    assert territorial("ЗСУ контролюють на Курщині понад 1250 квадратних кілометрів.", {},
                       claimant="Укрінформ") == []
    assert territorial("Українські війська продовжують звільняти Запорізьку область від "
                       "окупантів.", {}, claimant="Укрінформ") == []


def test_a_direction_list_goes_on_after_its_first_name() -> None:
    text = ("Ворог штурмував позиції наших підрозділів в районі Малинівки та у бік Зорі, "
            "Дачного.")
    got = territorial(text, M | Z | {"Дачного": "d"}, claimant="Генштаб ЗСУ")
    assert ("russia", "fighting_in", "m", False) in got
    assert not any(c[2] in ("z", "d") for c in got)


def test_an_axis_adjective_after_na_is_the_axis_not_the_town() -> None:
    text = ("На Покровському напрямку українські війська відбили 53 штурми, зокрема поблизу "
            "Малинівки, на Слов'янському – шість.")
    got = territorial(text, M | {"Слов'янському": "s"}, claimant="Генштаб ЗСУ")
    assert ("ukraine", "repelled", "m", False) in got
    assert not any(c[2] == "s" for c in got)


def test_a_district_named_after_its_town_is_not_the_town() -> None:
    text = ("The governor ordered the evacuation of the Zoria region, north-west of the town, "
            "where heavy battles are taking place.")
    assert territorial(text, Z) == []


def test_a_compass_part_of_a_town_is_not_a_village() -> None:
    text = "Північну частину Малинівки росіяни намагаються штурмувати малими групами."
    got = territorial(text, M | {"Північну": "p"}, claimant="Укрінформ")
    assert ("russia", "fighting_in", "m", False) in got
    assert not any(c[2] == "p" for c in got)


@pytest.mark.parametrize("text", [
    "Весной 2024 года россияне захватили Малиновку.",
    "«У Малинівці тривають бої», — уточнив Зоря.",
])
def test_seasons_and_speakers_are_no_places(text) -> None:
    got = territorial(text, M | Z | {"Весной": "v"}, claimant="ТАСС")
    assert not any(c[2] in ("v", "z") for c in got)
    assert any(c[2] == "m" for c in got)


# --- whose capture it is -------------------------------------------------------------------

def test_a_denied_noun_of_taking_is_not_the_defenders() -> None:
    text = ("Украинские подразделения защищают свои позиции в Малиновке, информация о захвате "
            "города является российской дезинформацией, сообщил Зеленский.")
    got = territorial(text, M, claimant="Интерфакс-Украина")
    assert ("russia", "captured", "m", False) in got       # the claim reported
    assert ("russia", "captured", "m", True) in got        # and its denial
    assert not any(c[0] == "ukraine" and c[1] == "captured" for c in got)


def test_the_owner_keeping_a_place_denies_its_capture() -> None:
    text = "Сили оборони продовжують утримувати під контролем село Малинівка."
    got = territorial(text, M, claimant="Генштаб ЗСУ", oblast=DONETSK)
    assert got == [("russia", "captured", "m", True)]


def test_a_word_ending_like_a_preposition_does_not_hide_the_subject() -> None:
    text = "Водночас ворог дещо просувається в самій Малинівці."
    assert territorial(text, M, claimant="rusjev.com") == [("russia", "advanced", "m", False)]


# --- "the enemy" is the claimant's, not the language's -------------------------------------

def test_the_enemy_of_a_ukrainian_outlet_writing_in_russian_is_russia() -> None:
    # an outlet of unknown side: its own words tell which side it speaks for
    text = "Противник продвинулся в Малиновке, где оккупанты несут большие потери."
    assert ("russia", "advanced", "m", False) in territorial(text, M, claimant="Новости дня")
    text = "Противник продвинулся в Малиновке, где боевики несут большие потери."
    assert ("ukraine", "advanced", "m", False) in territorial(text, M, claimant="Новости дня")
    # a Ukrainian outlet known as such, writing in Russian
    text = "Противник продвинулся в Малиновке."
    assert territorial(text, M, claimant="УНИАН") == [("russia", "advanced", "m", False)]
    assert territorial(text, M, claimant="РИА Новости") == [("ukraine", "advanced", "m", False)]


def test_a_text_speaks_for_one_side_only_when_its_words_do() -> None:
    assert text_side("Оккупанты отступили, а боевики ВСУ бегут.") == ""
    assert text_side("ЗСУ звільнили село.") == "ukraine"
    assert text_side("В зоне СВО бойцы освободили село.") == "russia"
    # a known claimant or a site's country comes first
    assert default_side("TASS", "Окупанти відступили.", "ukraine") == "russia"
    assert default_side("rbc.ua", "Боевики отступили.", "russia") == "ukraine"


# --- a sentence's opening place, claimants' words, wordings ---------------------------------

def test_the_place_a_sentence_opens_with_is_the_scene_of_what_it_tells() -> None:
    text = ("В районе н. п. Малиновка противник огневым поражением уничтожил несколько "
            "позиций, поэтому нашим защитникам пришлось отойти вглубь обороны, — отмечают "
            "Силы обороны Юга.")
    got = territorial(text, M | {"Юга": "y"}, claimant="rbc.ua")
    assert ("ukraine", "withdrew", "m", False) in got
    assert not any(c[2] == "y" for c in got)       # a claimant's words are no place


def test_a_place_far_after_an_action_in_mid_sentence_is_not_reached() -> None:
    text = ("Росіяни атакували позиції в районі Малинівки протягом усього дня, знищуючи "
            "техніку та укріплення, поки наші бійці не відійшли на запасні позиції.")
    got = territorial(text, M, claimant="Укрінформ")
    assert not any(c[1] == "withdrew" for c in got)


def test_calling_a_capture_incorrect_denies_it() -> None:
    text = "The city is destroyed, but it is incorrect to talk about the capture of Malynivka."
    got = territorial(text, M, claimant="Ukrinform")
    assert ("russia", "captured", "m", True) in got


@pytest.mark.parametrize("text, claimant, actor", [
    ("Как отметили в Генштабе, украинские воины остановили продвижение россиян в районе "
     "Малиновки.", "rbc.ua", "ukraine"),
    ("Russian soldiers fled Malynivka after the assault, the brigade said.", "Reuters", "russia"),
])
def test_warriors_and_flight(text, claimant, actor) -> None:
    got = territorial(text, M, claimant=claimant)
    assert got and got[0][0] == actor and got[0][2] == "m"


# --- the place spoken of again ---------------------------------------------------------------

def test_a_noun_of_taking_with_the_town_for_object_is_a_claim_at_the_town_named() -> None:
    text = ("Українські захисники стримують штурми росіян біля Малинівки, спростовуючи заяви "
            "Кремля про \"захоплення\" міста.")
    got = territorial(text, M, claimant="rbc.ua")
    assert ("ukraine", "repelled", "m", False) in got
    assert ("russia", "captured", "m", False) in got     # the Kremlin's claim, reported
    assert ("russia", "captured", "m", True) in got      # and denied


@pytest.mark.parametrize("text, claim", [
    ("Перші повідомлення про захід ЗСУ у Малинівку з'явилися ще 6 серпня. Зараз це місто "
     "повністю перебуває під контролем українських військових.", ("ukraine", "captured")),
    ("Ukraine denied Russia's claims that the town of Malynivka went under Russian control. The "
     "Southern Defense Forces confirmed that part of the town is under the control of Russian troops.",
     ("russia", "advanced")),
])
def test_this_town_in_the_next_sentence_is_the_place_before(text, claim) -> None:
    got = territorial(text, M, claimant="Укрінформ")
    assert (*claim, "m", False) in got


def test_not_holding_the_whole_town_is_holding_part_of_it() -> None:
    text = "Як пояснив речник, в Малинівці росіяни не контролюють всю територію міста."
    got = territorial(text, M, claimant="Укрінформ")
    assert ("russia", "captured", "m", True) in got
    assert ("russia", "advanced", "m", False) in got
    got = territorial("В Малинівці росіяни не контролюють жодної вулиці.", M,
                      claimant="Укрінформ")
    assert not any(c[1] == "advanced" and not c[3] for c in got)


def test_a_passive_of_taking_after_a_place_already_claimed_is_the_agents_gain() -> None:
    text = ("Ukrainian forces have regained control of the village of Malynivka, briefly "
            "occupied by Russian troops during their incursion, the spokesman said.")
    got = territorial(text, M, oblast=DONETSK)
    assert ("russia", "captured", "m", False) in got
    assert any(c[0] == "ukraine" and c[2] == "m" for c in got)
    # the same side's gain is not told twice
    got = territorial("Russian forces have captured the village of Malynivka, occupied by "
                      "Russian troops since May, the ministry said.", M, oblast=DONETSK)
    assert got == [("russia", "captured", "m", False)]


def test_the_fight_where_a_side_withdrew_is_the_other_sides() -> None:
    text = ("В районе н. п. Малиновка нашим защитникам пришлось отойти вглубь обороны, но бои "
            "за населенный пункт не прекращаются, — сообщили в ВСУ.")
    got = territorial(text, M, claimant="rbc.ua")
    assert ("ukraine", "withdrew", "m", False) in got
    assert ("russia", "fighting_in", "m", False) in got


def test_a_place_under_a_qualified_reference_point_only_locates() -> None:
    text = "ВСУ отступили у Малиновки под окруженным Зарей."
    got = territorial(text, M | Z, claimant="lenta.ru")
    assert ("ukraine", "withdrew", "m", False) in got
    assert not any(c[2] == "z" for c in got)


def test_an_oblast_after_border_with_only_says_where() -> None:
    text = ("The liberation of Malynivka by Russia's Battlegroup East has opened the way for "
            "the Russian army's advance towards the border with the Dnepropetrovsk Region.")
    got = territorial(text, M, claimant="TASS")
    assert ("russia", "liberated", "m", False) in got
    assert all(c[2] == "m" for c in got)


# --- wordings read again ---------------------------------------------------------------------

@pytest.mark.parametrize("text, claimant, claim", [
    # a taking under way is fighting
    ("Военнослужащие продолжают продвигаться, освобождая приграничье Малиновки.", "ТАСС",
     ("russia", "fighting_in", "m", False)),
    ("Группировка «Запад» завершает освобождение Малиновки, сообщили в ведомстве.", "ТАСС",
     ("russia", "fighting_in", "m", False)),
    # attacks "repelled" with an area for object: ground taken back
    ("Также отразили 56 кв. км территории в районе Малиновки, — отметил Сырский.", "ТСН",
     ("ukraine", "advanced", "m", False)),
    # a fight between two sides names no attacker
    ("У місті Малинівка точаться запеклі бої між українськими захисниками та російськими "
     "загарбниками.", "Укрінформ", ("", "fighting_in", "m", False)),
    # a clearing with no subject is the speaker's
    ("По данным силовых структур, в центральной части Малиновки идет зачистка.", "tass.ru",
     ("russia", "fighting_in", "m", False)),
    # a noun of action said not to have been seen
    ("Просування ворога по самій Малинівці не зафіксовано.", "Укрінформ",
     ("russia", "advanced", "m", True)),
])
def test_wordings_read_again(text, claimant, claim) -> None:
    assert claim in territorial(text, M, claimant=claimant)


def test_reports_of_seizing_are_no_operation_under_way() -> None:
    text = "Tregubov said Russian reports of seizing Malynivka are disinformation."
    got = territorial(text, M, claimant="UAWire")
    assert ("russia", "captured", "m", True) in got


def test_a_claim_told_again_in_a_later_sentence_is_one_claim() -> None:
    text = ("14 боєзіткнень було безпосередньо у Малинівці. Малинівка зараз — це велика сіра "
            "зона, там тривають бої у Малинівці, — уточнив Волошин.")
    got = territorial(text, M, claimant="Укрінформ")
    assert len([c for c in got if c[1] == "fighting_in" and c[2] == "m"]) == 1


def test_the_defence_of_a_place_is_fought_by_the_other_side() -> None:
    text = "На Слов'янському напрямку триває оборона Малинівки та Зорі."
    got = territorial(text, M | Z, claimant="rbc.ua", oblast=DONETSK)
    assert ("russia", "fighting_in", "m", False) in got
    assert ("russia", "fighting_in", "z", False) in got


def test_the_defence_held_by_a_named_side_keeps_the_labelled_sets_reading() -> None:
    text = "Наші воїни утримують оборону Малинівки, де тривають запеклі бої."
    got = territorial(text, M, claimant="Генштаб ЗСУ", oblast=DONETSK)
    assert ("", "fighting_in", "m", False) in got


def test_an_oblast_an_earlier_sentence_named_settles_a_homonym() -> None:
    from frontcheck.claims.extract import extract_claims
    from frontcheck.claims.model import PlaceRef
    from tests.claims.test_generalise import AT

    def resolve(mention: str, context: dict) -> PlaceRef | None:
        if mention != "Topoli":
            return None
        by_oblast = {"Kharkiv Oblast": "t-kh", "Sumy Oblast": "t-su"}
        if context.get("oblast") in by_oblast:
            return PlaceRef(mention=mention, id=by_oblast[context["oblast"]], name=mention,
                            oblast=context["oblast"])
        return PlaceRef(mention=mention, candidates=tuple(
            {"id": i, "oblast": o} for o, i in by_oblast.items()))

    # the second sentence has a cue of its own: "successes are noted" was read only by the
    # learned fallback, whose retraining (eighth pass) no longer fires on it; the mechanism
    # here is the oblast the first sentence named
    text = ("Russian troops continue to attack in the Kupiansk direction in Kharkiv region. "
            "Russian troops advanced in two villages of the region - Topoli.")
    got = [(c.actor, c.action, c.place.id) for c in extract_claims(
        text, published_at=AT, resolve_place=resolve, claimant_default="DeepState")
        if c.type == "territorial" and c.place is not None and c.place.mention == "Topoli"]
    assert got and got[0][2] == "t-kh"


def test_clearing_houses_in_part_of_a_town_of_the_enemy() -> None:
    text = ("Наразі відомо про зачищення від ворога кількох десятків будинків на півночі самої "
            "Малинівки.")
    got = territorial(text, M, claimant="regionews.ua")
    assert got == [("ukraine", "advanced", "m", False)]


def test_a_grouping_of_forces_named_in_ukrainian_is_russias() -> None:
    text = ("Підрозділи 132 гвардійської бригади групи військ \"Центр\" звільнили місто "
            "Малинівка, – опублікувало Міністерство оборони країни-агресорки.")
    assert ("russia", "liberated", "m", False) in territorial(text, M, claimant="expres.online")


def test_a_sentence_that_only_names_a_place_makes_no_claim() -> None:
    from frontcheck.claims.model import PlaceRef
    from frontcheck.claims.place_model import model_drafts
    from frontcheck.claims.reading import read_sentence
    from frontcheck.claims.territorial import Located
    from tests.claims.test_generalise import AT

    text = "Малинівкою окупанти називають наш Торецьк."
    reading = read_sentence(text, 0, published_at=AT, claimant_before="", default_side="ukraine",
                            date_before=(None, "none"), answer_turn=False)
    place = Located(text.index("Торецьк"), len(text) - 1, PlaceRef(mention="Торецьк", id="t"))
    assert model_drafts(reading, [place], []) == []


def test_in_the_south_of_a_town_is_part_of_it_a_town_south_of_it_is_not() -> None:
    got = territorial("Russian forces have advanced in the south of Malynivka.", M, claimant="ISW")
    assert got == [("russia", "advanced", "m", False)]
    got = territorial("Russian forces captured a village south of Malynivka.", M, claimant="ISW")
    assert not any(c[2] == "m" for c in got)


def test_a_taking_in_scare_quotes_is_a_claim_reported_with_doubt() -> None:
    text = ("К населенным пунктам, «захваченным» генералами России в мечтах и докладах, кроме "
            "Малиновки добавился поселок Заря, — сказано в сообщении.")
    got = territorial(text, M | Z, claimant="rbc.ua")
    assert got and all(c[0] == "russia" and c[1] == "captured" for c in got)


def test_rumours_of_control_over_the_town_named_before_are_reported_and_denied() -> None:
    text = ("В командуванні наголосили, що хоч ситуація в Малинівці напружена, чутки про "
            "контроль російських окупантів над містом є неправдивими.")
    got = territorial(text, M, claimant="rbc.ua")
    assert ("russia", "captured", "m", False) in got
    assert ("russia", "captured", "m", True) in got


def test_an_attack_in_the_next_sentence_is_the_attackers_fight_at_the_place_before() -> None:
    text = ("Українські війська звільнили західну частину Малинівки. На цьому тлі російські "
            "загарбники роблять все можливе, щоб прорватися з півночі.")
    got = territorial(text, M, claimant="Укрінформ", oblast=DONETSK)
    assert ("russia", "fighting_in", "m", False) in got
    # the owner's own forces holding on make no fight of their own there
    text = ("Російські війська просунулися в Малинівці. Українські підрозділи намагаються "
            "контратакувати.")
    got = territorial(text, M, claimant="Укрінформ", oblast=DONETSK)
    assert not any(c[0] == "ukraine" and c[1] == "fighting_in" for c in got)
