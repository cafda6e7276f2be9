"""Rules that carry the extractor to wording it was not written on: each test is a sentence in
the style of the sources, and each would fail without the rule it names."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from frontcheck.claims.extract import extract_claims
from frontcheck.claims.model import PlaceRef

AT = datetime(2025, 3, 10, 9, 0)
#: One made-up village's forms in the three languages, for the passes' tests (id "m").
MALYNIVKA = {"Malynivka": "m", "Малинівка": "m", "Малинівки": "m", "Малиновки": "m",
             "Малиновка": "m", "Малинівку": "m", "Малинівці": "m", "Малиновку": "m",
             "Малиновке": "m", "Малиновкой": "m", "Малинівкою": "m"}


def table(names: dict[str, str], oblast: str | None = None):
    """A resolver from a table of mention → id (all places in ``oblast`` when given)."""
    def resolve_place(mention: str, context: dict) -> PlaceRef | None:
        place_id = names.get(mention)
        return PlaceRef(mention=mention, id=place_id, name=mention, oblast=oblast) \
            if place_id else None
    return resolve_place


def territorial(text: str, names: dict[str, str], claimant: str = "Reuters",
                oblast: str | None = None, lang: str | None = None) -> list[tuple]:
    return [(c.actor, c.action, c.place.id, c.negated) for c in extract_claims(
        text, published_at=AT, lang=lang, resolve_place=table(names, oblast),
        claimant_default=claimant) if c.type == "territorial"]


def claims_of(text: str, kind: str, claimant: str = "Reuters", names=None, lang=None):
    return [c for c in extract_claims(text, published_at=AT, lang=lang,
                                      resolve_place=table(names or {}),
                                      claimant_default=claimant) if c.type == kind]


# --- actions -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Russian troops have taken the village of Zapovidne in the Donetsk region.",
    "Russian forces took Zapovidne after weeks of fighting.",
])
def test_taking_a_named_place_is_capturing_it(text: str) -> None:
    assert territorial(text, {"Zapovidne": "z"}) == [("russia", "captured", "z", False)]


@pytest.mark.parametrize("text, lang", [
    ("Ukraine's 82nd Air Assault Brigade said its paratroopers had cleared Russian "
     "infiltration groups from Kucheriv Yar.", "en"),
    ("Десантники 82-ї бригади зачистили Кучерів Яр від російських диверсійних груп.", "uk"),
])
def test_clearing_the_enemy_from_a_place_retakes_it(text: str, lang: str) -> None:
    got = territorial(text, {"Kucheriv Yar": "k", "Кучерів Яр": "k"}, claimant="Ukrinform",
                      lang=lang)
    assert got == [("ukraine", "recaptured", "k", False)]


def test_driving_the_enemy_out_of_the_others_village_captures_it() -> None:
    text = "Российские войска выбили ВСУ из Водяного и наступают на Андреевку."
    got = territorial(text, {"Водяного": "v", "Андреевку": "a"}, claimant="Readovka",
                      oblast="Donetsk Oblast", lang="ru")
    # ВСУ is the object of "выбили", not the subject of "наступают"
    assert got == [("russia", "captured", "v", False), ("russia", "fighting_in", "a", False)]


def test_driving_the_enemy_out_of_ones_own_village_retakes_it() -> None:
    text = "ВС РФ выбили противника из Свердликово."
    got = territorial(text, {"Свердликово": "s"}, claimant="Rybar", oblast="Kursk Oblast",
                      lang="ru")
    assert got == [("russia", "recaptured", "s", False)]


def test_being_pushed_out_is_withdrawing() -> None:
    text = "Russian forces were pushed out of the village of Kindrativka, the General Staff said."
    assert territorial(text, {"Kindrativka": "k"}) == [("russia", "withdrew", "k", False)]


@pytest.mark.parametrize("text, names", [
    ("Ukrainian defenders drove Russian troops back from Stepnohirsk.", {"Stepnohirsk": "s"}),
    ("Сили оборони відбили дев'ять атак поблизу Синьківки.", {"Синьківки": "s"}),
    ("Бійці 72-ї бригади зупинили штурм росіян у Покровську.", {"Покровську": "s"}),
])
def test_driving_back_and_stopping_attacks_is_repelling(text: str, names: dict) -> None:
    assert territorial(text, names, claimant="Ukrinform") == [("ukraine", "repelled", "s", False)]


@pytest.mark.parametrize("text, names", [
    ("Our assault groups have dug in on the eastern outskirts of Seversk.", {"Seversk": "s"}),
    ("Окупанти закріпилися в Щербаках, визнав речник.", {"Щербаках": "s"}),
    ("Russian assault units have cleared the northern outskirts of Kupiansk.", {"Kupiansk": "s"}),
])
def test_digging_in_and_part_of_a_town_are_advances(text: str, names: dict) -> None:
    got = territorial(text, names, claimant="WarGonzo")
    assert [(a, s) for _, a, s, _ in got] == [("advanced", "s")]


def test_attacks_all_repelled_after_the_place() -> None:
    text = "Противник предпринял несколько попыток контратаковать у Курахова, все они отбиты."
    got = territorial(text, {"Курахова": "k"}, claimant="WarGonzo", lang="ru")
    assert got == [("ukraine", "fighting_in", "k", False), ("russia", "repelled", "k", False)]


def test_an_action_does_not_reach_across_a_report_of_saying() -> None:
    text = ("Russian troops have taken the village of Zapovidne, Russia's defence ministry said "
            "on Tuesday, in what it described as part of a push towards Kostiantynivka.")
    got = territorial(text, {"Zapovidne": "z", "Kostiantynivka": "k"})
    assert got == [("russia", "captured", "z", False)]


def test_a_conditional_asserts_nothing() -> None:
    text = ("If Russian forces take Pokrovsk this winter, they could then try to push towards "
            "Kramatorsk, ISW assessed.")
    assert territorial(text, {"Pokrovsk": "p", "Kramatorsk": "k"}) == []


def test_words_of_a_unit_name_are_no_action() -> None:
    text = "Units of North Korea's Storm Corps have been spotted near Tetkino."
    assert territorial(text, {"Tetkino": "t"}) == []
    [part] = claims_of(text, "participation", names={"Tetkino": "t"})
    assert (part.actor, part.fields["unit"], part.place.id) == ("dprk", "Storm Corps", "t")


def test_a_denial_leaves_the_fighting_it_reports() -> None:
    text = ("В Генштабе ВСУ опровергли сообщения о взятии Часова Яра, отметив, что бои в "
            "Часовом Яре продолжаются.")
    got = territorial(text, {"Часова Яра": "c", "Часовом Яре": "c"}, lang="ru")
    # the report denied, the denial, and the fighting the denier says goes on
    assert got == [("russia", "captured", "c", False), ("russia", "captured", "c", True),
                   ("", "fighting_in", "c", False)]


def test_a_report_called_untrue_after_it_is_denied() -> None:
    text = "Russian claims about the capture of Rodynske are not true."
    got = territorial(text, {"Rodynske": "r"}, claimant="DeepState")
    assert got == [("russia", "captured", "r", False), ("russia", "captured", "r", True)]


# --- actors --------------------------------------------------------------------------------

def test_the_enemy_in_the_genitive_is_an_object() -> None:
    text = ("Подразделения группировки войск «Центр» продолжили продвижение вглубь обороны "
            "противника и освободили населённый пункт Заповедное.")
    got = territorial(text, {"Заповедное": "z"}, claimant="Russian MoD", lang="ru")
    assert ("russia", "liberated", "z", False) in got


def test_a_subject_goes_on_into_an_added_clause() -> None:
    text = "Ворог окупував Новопіль, а також просунувся біля Багатиря."
    got = territorial(text, {"Новопіль": "n", "Багатиря": "b"}, claimant="DeepState", lang="uk")
    assert got == [("russia", "captured", "n", False), ("russia", "advanced", "b", False)]


def test_kim_jong_un_sending_troops_is_north_korean_participation() -> None:
    text = "Kim Jong Un has sent at least 11,000 troops to fight for Russia, according to NIS."
    claims = extract_claims(text, published_at=AT, resolve_place=table({"Kim Jong Un": "x"}),
                            claimant_default="Reuters")
    assert [(c.type, c.actor, c.place) for c in claims if c.type != "quantity"] == [
        ("participation", "dprk", None)]
    [count] = [c for c in claims if c.type == "quantity"]
    assert (count.fields["side"], count.fields["best"]) == ("dprk", 11000)


def test_a_north_korean_prisoners_answer_places_his_force() -> None:
    text = "Q: Where was your company deployed?\nA: Near Korenevo, from December."
    [part] = claims_of(text, "participation", claimant="POW-KP-24", names={"Korenevo": "k"})
    assert (part.actor, part.place.id, part.event_date, part.date_precision) == (
        "dprk", "k", date(2024, 12, 1), "month")
    # a Russian prisoner's answer names no force the project tracks
    assert claims_of(text, "participation", claimant="POW-RU-4", names={"Korenevo": "k"}) == []


def test_a_state_denying_its_troops_are_there() -> None:
    text = ("North Korea has dismissed reports that its soldiers are fighting in Russia's "
            "Kursk region as rumours.")
    [part] = claims_of(text, "participation")
    assert (part.actor, part.claimant, part.negated, part.place.oblast) == (
        "dprk", "North Korea", True, "Kursk Oblast")


# --- claimants -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, claimant", [
    ("У Москві заперечили участь військових КНДР у бойових діях проти України.", "Russia"),
    ("Попри місяці атак, росіянам не вдалося оточити Покровськ, заявили в ЗСУ.", "Ukraine"),
    ("ГУР: бійці «Штормового корпусу» КНДР діють у районі Глушкова на Курщині.", "GUR"),
    ("The 414th Strike UAV Brigade said it had killed 35 Russian soldiers.", "414 brigade"),
    ("Окупанти закріпилися в Щербаках, визнав речник Сил оборони півдня Владислав Волошин.",
     "Southern Defence Forces"),
])
def test_claimants_named_as_institutions_places_and_units(text: str, claimant: str) -> None:
    claims = extract_claims(text, published_at=AT, claimant_default="Ukrainska Pravda",
                            resolve_place=table({"Покровськ": "p", "Глушкова": "g",
                                                 "Щербаках": "s"}))
    assert claims and {c.claimant for c in claims} == {claimant}


def test_the_brigade_said_keeps_the_brigade_as_actor() -> None:
    text = "Бійці 14-ї бригади вибили окупантів з Кіндрашівки, повідомили в бригаді."
    claims = extract_claims(text, published_at=AT, claimant_default="Ukrainska Pravda",
                            resolve_place=table({"Кіндрашівки": "k"}))
    assert sorted((c.type, c.claimant, c.actor) for c in claims) == [
        ("participation", "14 brigade", "ukraine"), ("territorial", "14 brigade", "ukraine")]


def test_an_unnamed_defence_ministry_is_the_publishers() -> None:
    text = "Russian forces have regained control of Plekhovo, the defence ministry said."
    [claim] = claims_of(text, "territorial", claimant="TASS", names={"Plekhovo": "p"})
    assert claim.claimant == "Russian MoD"


def test_another_source_denying_the_last_claim() -> None:
    text = "Российские военкоры сообщают о захвате Петропавловки. В ВСУ это опровергают."
    got = [(c.claimant, c.action, c.negated) for c in claims_of(
        text, "territorial", claimant="Strana.ua", names={"Петропавловки": "p"}, lang="ru")]
    assert got == [("Russian milbloggers", "captured", False), ("Ukraine", "captured", True)]


def test_a_new_source_does_not_inherit_the_date() -> None:
    text = ("Russia's chief of the general staff Valery Gerasimov claimed on Saturday that "
            "Kupiansk had been liberated. Ukraine's General Staff denied that Russian troops had "
            "captured Kupiansk.")
    got = [(c.claimant, c.event_date) for c in claims_of(text, "territorial",
                                                         names={"Kupiansk": "k"})]
    # the second sentence: the claim it reports (Russia's) and its denial, neither dated
    assert got == [("Gerasimov", date(2025, 3, 8)), ("Russia", None),
                   ("Ukrainian General Staff", None)]


def test_a_refusal_to_comment_asserts_nothing() -> None:
    text = ("Песков отказался комментировать сообщения о присутствии военных КНДР в Курской "
            "области.")
    assert extract_claims(text, published_at=AT, claimant_default="RIA Novosti") == []


# --- attributes ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, claimant, predicate, value, negated, subject", [
    ("A: They gave us three days on a firing range and then loaded us onto trucks.",
     "POW-RU-10", "training", 3, False, "speaker"),
    ("Відповідь: Нас вчили три дні — стрільба, окопи, і все.", "POW-RU-12", "training", 3,
     False, "speaker"),
    ("Переводчик: Он говорит, что им обещали вернуться домой через полгода, но никто не "
     "сказал, что они будут воевать.", "POW-KP-9", "knew_deployment", None, True, "person"),
    ("Перекладач: Він каже, що ніхто не сказав, що вони воюватимуть.", "POW-KP-10",
     "knew_deployment", None, True, "person"),
    ("A: My wife found out from my commander, I couldn't call her for two months.",
     "POW-RU-10", "family_contact", None, True, "speaker"),
    ("A: No, they said we were going on an exercise.", "POW-KP-25", "knew_deployment",
     "exercise", True, "speaker"),
    ("Мобілізованих росіян кидають у бій після тижня підготовки, розповів полонений.",
     "Ukrainska Pravda", "training", 7, False, "russia"),
])
def test_attribute_wordings(text, claimant, predicate, value, negated, subject) -> None:
    got = [(c.fields["predicate"], c.fields["value"], c.negated, c.fields["subject"])
           for c in claims_of(text, "attribute", claimant=claimant)]
    assert (predicate, value, negated, subject) in got


@pytest.mark.parametrize("text, predicate, value", [
    ("Вопрос: Сколько длилась подготовка?\nОтвет: Три недели.", "training", 21),
    ("Q: How long did your training last?\nA: A month, at a base in the Far East.",
     "training", 30),
    ("Вопрос: Что вам сказали перед отправкой?\nОтвет: Что это учения.", "knew_deployment",
     "exercise"),
])
def test_an_answer_says_what_its_question_asks(text: str, predicate: str, value) -> None:
    got = [(c.fields["predicate"], c.fields["value"])
           for c in claims_of(text, "attribute", claimant="POW-KP-31")]
    assert got == [(predicate, value)]


def test_a_train_journey_is_no_training() -> None:
    text = "A: In early December we reached the Kursk region, after a long train journey."
    assert claims_of(text, "attribute", claimant="POW-KP-21") == []


def test_the_troops_refer_back_to_the_force_named_before() -> None:
    text = ("At least 100 North Korean soldiers have been killed, the NIS said. The NIS said "
            "the troops had been trained for two weeks.")
    [claim] = claims_of(text, "attribute")
    assert (claim.fields["subject"], claim.fields["value"]) == ("dprk", 14)


# --- quantities ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, claimant, expected", [
    ("On the Kurakhove axis, our defenders stopped 27 enemy assaults near Dalnie.",
     "Ukrainian General Staff", []),
    ("The 414th Strike UAV Brigade said it had killed 35 Russian soldiers and wounded 60 "
     "near Toretsk.", "Reuters", [("killed", "russia", 35), ("wounded", "russia", 60)]),
    ("Бійці 72-ї бригади знищили вісьмох окупантів, повідомили в бригаді.", "Ukrinform",
     [("killed", "russia", 8)]),
    ("In the past two days the enemy lost about 40 men killed on this section.", "WarGonzo",
     [("killed", "ukraine", 40)]),
    ("У ГУР повідомили, що понад 3 тисячі військових КНДР з них уже вибули з ладу.", "GUR",
     [("casualties", "dprk", 3300)]),
])
def test_what_a_count_counts(text: str, claimant: str, expected: list) -> None:
    got = [(c.fields["kind"], c.fields["side"], c.fields["best"])
           for c in claims_of(text, "quantity", claimant=claimant)]
    assert got == expected


@pytest.mark.parametrize("text, claimant, low, best, high, side, per_person", [
    ("Russia pays about $2,000 a month for each North Korean soldier.", "Reuters",
     1800, 2000, 2200, "dprk", True),
    ("Выплата каждому заключившему контракт выросла до 1,2 млн рублей.", "RBC",
     1200000, 1200000, 1200000, "", True),
    ("Росія платить Пхеньяну близько 2 тисяч доларів на місяць за кожного солдата.",
     "Ukrainska Pravda", 1800, 2000, 2200, "dprk", True),
    ("Відповідь: Обіцяли півтори тисячі доларів на місяць, але грошей я не бачив.",
     "POW-KP-43", 1500, 1500, 1500, "dprk", False),
])
def test_payments(text, claimant, low, best, high, side, per_person) -> None:
    [claim] = claims_of(text, "quantity", claimant=claimant)
    assert (claim.fields["low"], claim.fields["best"], claim.fields["high"],
            claim.fields["side"], claim.fields["per_person"]) == (low, best, high, side,
                                                                   per_person)


# --- place names ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Один из пленных заявил, что не знал о войне с Украиной.", []),
    ("КНДР отправила в Россию более 11 тысяч военнослужащих.", []),
    ("Відповідь: Про Україну нам нічого не казали.", []),
    ("Перекладач: Він каже, що їх навчали місяць.", []),
    ("ВСУ пытались переправиться через реку Днепр у Антоновки.",
     [("Антоновки", "settlement")]),
    ("The enemy is trying to gain a foothold in the Svitle microdistrict of Myrnohrad.",
     [("Svitle", "reference"), ("Myrnohrad", "settlement")]),
    ("Курское приграничье: ВС РФ выбили противника из Свердликово.",
     [("Свердликово", "settlement")]),
    ("Вчора окупанти закріпилися в Щербаках на Запоріжжі.",
     [("Щербаках", "settlement"), ("Запоріжжі", "region")]),
    ("Наши штурмовики, выдвинувшиеся со стороны Артемовска, закрепились у Часова Яра.",
     [("Артемовска", "reference"), ("Часова Яра", "settlement")]),
    ("Відповідь: Десять днів, потім нас відправили під Свердликове.",
     [("Свердликове", "settlement")]),
])
def test_words_that_name_no_settlement(text: str, expected: list) -> None:
    from frontcheck.claims.mentions import find_place_mentions
    start = text.index(":") + 2 if text.startswith(("Відповідь", "Перекладач")) else 0
    got = [(m.text, m.kind) for m in find_place_mentions(text, [], start)]
    assert got == expected


def test_a_name_matched_only_in_part_is_no_place(place_index) -> None:
    from frontcheck.claims.resolver import index_resolver
    find = index_resolver(place_index)
    assert find("Kim Jong Un", {}) is None and find("Кім Чен Ин", {}) is None
    assert find("Velyka Novosilka", {}).name == "Velyka Novosilka"


@pytest.mark.parametrize("mention, context, name, oblast", [
    # the Ukrainian Новопіль written the Russian way, on the Novopavlivka axis
    ("Новополь", "Новополь, Новопавловском axis", "Novopil", "Donetsk Oblast"),
    # a case form of a two-word name beats the village spelt like its second word
    ("Великої Новосілки", "Великої Новосілки", "Velyka Novosilka", "Donetsk Oblast"),
    # of many Andriivkas, one at the front
    ("Андріївки", "Андріївки, Донеччині", "Andriivka", "Donetsk Oblast"),
])
def test_war_reports_name_places_at_the_front(place_index, mention, context, name,
                                               oblast) -> None:
    from frontcheck.claims.resolver import index_resolver
    place = index_resolver(place_index)(mention, {"text": context})
    assert place is not None
    names = {place.name} if place.id else {c["name"] for c in place.candidates}
    oblasts = {place.oblast} if place.id else {c["oblast"] for c in place.candidates}
    assert names == {name} and oblasts == {oblast}


# --- numbers and dates ---------------------------------------------------------------------

@pytest.mark.parametrize("text, low, best, high", [
    ("about $2,000 a month", 1800, 2000, 2200),
    ("выплата выросла до 1,2 млн рублей", 1200000, 1200000, 1200000),
    ("близько тисячі двохсот осіб", 1080, 1200, 1320),
    ("около тысячи военных", 900, 1000, 1100),
    ("знищили вісьмох окупантів", 8, 8, 8),
    ("потери составили до 140 военнослужащих", 0, 140, 140),
])
def test_counts_in_new_wordings(text: str, low: int, best: int, high: int) -> None:
    from frontcheck.claims.numbers import find_counts
    [count] = find_counts(text)
    assert (count.count.low, count.count.best, count.count.high) == (low, best, high)


@pytest.mark.parametrize("text, on, precision", [
    ("A: Near Korenevo, from December.", date(2024, 12, 1), "month"),
    ("Минулої доби Сили оборони відбили 21 атаку.", date(2025, 3, 9), "day"),
])
def test_dates_in_new_wordings(text: str, on: date, precision: str) -> None:
    from frontcheck.claims.dates import find_dates
    [found] = find_dates(text, AT)
    assert (found.on, found.precision) == (on, precision)


def test_an_answer_about_calling_home() -> None:
    text = "Питання: Вам дозволяли телефонувати додому?\nВідповідь: Ні, телефонів у нас не було."
    got = [(c.fields["predicate"], c.negated) for c in claims_of(text, "attribute",
                                                                claimant="POW-KP-45")]
    assert got == [("family_contact", True)]


def test_a_payment_names_whom_it_pays_not_how_they_serve() -> None:
    text = "Окупанти обіцяють новобранцям по 2,5 мільйона рублів за підписання контракту."
    assert claims_of(text, "attribute", claimant="Suspilne") == []
