"""General mechanisms for real text (issue 10), each on sentences written to resemble real
bulletins: homonyms of one oblast, report-and-denial pairs, presence denied, oblasts that
only say where, and the side of a fight with no subject."""

from __future__ import annotations

from datetime import date

import shapely

from frontcheck.claims.extract import extract_claims
from frontcheck.claims.resolver import front_line_of, index_resolver
from frontcheck.control.projection import to_equal_area
from frontcheck.places.gazetteer import REQUIRED_COLUMNS, parse_gazetteer
from frontcheck.places.index import build_index

#: Three Mykhailivkas of Donetsk Oblast (one by the front of ``_front``), one in Kharkiv
#: Oblast, and one Pokrovsk.
ROWS = ("gn:1,UA,Mykhailivka,Михайлівка,Михайловка,Mykhailivka,,47.55,37.80,g,Donetsk Oblast",
        "gn:2,UA,Mykhailivka,Михайлівка,Михайловка,Mykhailivka,,48.90,37.60,g,Donetsk Oblast",
        "gn:3,UA,Mykhailivka,Михайлівка,Михайловка,Mykhailivka,,48.70,38.20,g,Donetsk Oblast",
        "gn:4,UA,Mykhailivka,Михайлівка,Михайловка,Mykhailivka,,49.60,36.20,g,Kharkiv Oblast",
        "gn:5,UA,Pokrovsk,Покровськ,Покровск,Pokrovsk,Krasnoarmeysk,48.28,37.18,g,"
        "Donetsk Oblast",
        "gn:6,UA,Kupiansk,Куп'янськ,Купянск,Kupiansk,,49.71,37.61,g,Kharkiv Oblast",
        "gn:7,UA,Siversk,Сіверськ,Северск,Siversk,,48.87,38.10,g,Donetsk Oblast")


def _resolver():
    header = ",".join(REQUIRED_COLUMNS)
    width = len(REQUIRED_COLUMNS)
    rows = [r + "," * (width - 1 - r.count(",")) for r in ROWS]
    return index_resolver(build_index(parse_gazetteer("\n".join([header, *rows]).encode(),
                                                      "g.csv")))


def _front():
    # an occupied area whose edge runs 3 km east of the first Mykhailivka
    return front_line_of(to_equal_area(shapely.box(37.84, 46.5, 39.5, 47.7)), "2025-10-01")


def _claims(text: str, **kwargs):
    return [c for c in extract_claims(text, published_at=date(2025, 10, 2),
                                      resolve_place=_resolver(), **kwargs)
            if c.type == "territorial"]


def test_a_homonym_in_the_oblast_named_is_taken_nearest_the_front() -> None:
    text = "Наши войска зачистили от врага село в Донецкой области — Михайловку."
    [claim] = _claims(text, front=_front())
    assert claim.place.id == "gn:1"
    assert {c["id"] for c in claim.place.candidates} >= {"gn:1", "gn:2", "gn:3"}
    [without_front] = _claims(text)
    assert without_front.place.oblast == "Donetsk Oblast" and without_front.place.id


def test_homonyms_in_two_oblasts_stay_unresolved() -> None:
    [claim] = _claims("Russian forces captured Mykhailivka, the ministry said.")
    assert claim.place.id is None and len(claim.place.candidates) >= 2


def test_a_negation_beside_someone_s_claim_is_a_report_and_its_denial() -> None:
    text = ("О неправдивости заявлений Герасимова сообщил офицер Сил обороны Украины, "
            "подчеркнув, что Россия не оккупировала Купянск.")
    got = sorted((c.actor, c.action, c.place.id, c.negated, c.fields.get("framing"))
                 for c in _claims(text, lang="ru"))
    assert got == [("russia", "captured", "gn:6", False, "reported"),
                   ("russia", "captured", "gn:6", True, "denied")]
    # a negation alone denies, and reports nobody's claim
    [alone] = _claims("Россия не оккупировала Купянск, сообщил офицер.", lang="ru")
    assert alone.negated and alone.fields.get("framing") == "denied"


def test_a_side_adjective_on_the_denial_names_whose_claim_it_is() -> None:
    text = "Информация о захвате Северска является российской дезинформацией, заявили в ВСУ."
    actors = {(c.actor, c.negated) for c in _claims(text, lang="ru")}
    assert actors == {("russia", False), ("russia", True)}


def test_presence_denied_is_a_denied_advance_by_the_absent_side() -> None:
    [claim] = _claims("Росіян в Сіверську немає, ситуація контрольована, сказав речник.",
                      lang="uk")
    assert (claim.actor, claim.action, claim.place.id, claim.negated) == (
        "russia", "advanced", "gn:7", True)
    [english] = _claims("There are no Russian troops in Kupiansk, the spokesman said.",
                        lang="en")
    assert (english.actor, english.place.id, english.negated) == ("russia", "gn:6", True)
    # presence asserted is no denial
    assert all(not c.negated for c in _claims("Росіяни є в Сіверську.", lang="uk"))


def test_an_oblast_that_locates_something_else_is_no_claim() -> None:
    for text in ("DeepState повідомив, що армія Росії прорвалася в бік міста Сіверськ "
                 "Донецької області.",
                 "Российские подразделения улучшили позиции на краснолиманском направлении "
                 "Донецкой Народной Республики.",
                 "Продвижение наблюдается в Сумской, Запорожской и Днепропетровской областях."):
        assert [c for c in _claims(text) if c.place.id is None and c.place.oblast] == [], text
    # an oblast entered stays a claim
    [whole] = _claims("Российские войска зашли в Днепропетровскую область.", lang="ru")
    assert whole.place.oblast == "Dnipropetrovsk Oblast" and whole.place.id is None


def test_a_fight_with_no_side_is_the_attacker_s_named_nearby() -> None:
    text = ("У районі Сіверська тривають важкі бої. За даними Генштабу, російські окупанти "
            "мають чисельну перевагу і продовжують активні наступальні дії.")
    [fight] = _claims(text, lang="uk")
    assert (fight.action, fight.actor) == ("fighting_in", "russia")
    english = ("As for Siversk, defensive operations are ongoing there as well. Russian forces "
               "are attempting to infiltrate the settlement along the main road.")
    assert [(c.action, c.actor) for c in _claims(english, lang="en")] == [
        ("fighting_in", "russia")]
    # an attacker and the other side's defence point to the same side
    [both] = _claims("У районі Сіверська тривають бої. Російські війська штурмують позиції, "
                     "а українські війська утримують оборону.", lang="uk")
    assert both.actor == "russia"
    # no side named anywhere: no side
    [none] = _claims("У районі Сіверська тривають бої. Погода погіршилася.", lang="uk")
    assert none.actor == ""


def test_a_denial_of_what_was_said_before_denies_the_claim_before() -> None:
    text = ("Російська пропаганда також заявляла про окупацію міста Сіверськ. Чергову маячню "
            "противника спростували у Центрі протидії дезінформації.")
    got = sorted((c.actor, c.action, c.place.id, c.negated) for c in _claims(text, lang="uk"))
    assert got == [("russia", "captured", "gn:7", False), ("russia", "captured", "gn:7", True)]
    # a denial of something else denies no claim
    other = ("Російська пропаганда заявляла про окупацію міста Сіверськ. Втрати на фронті "
             "спростовують командири.")
    assert not any(c.negated for c in _claims(other, lang="uk"))


def test_nearly_all_of_a_place_or_a_district_of_it_is_part_of_it() -> None:
    for text, lang in (("Ukraine's army has all but liberated Kupiansk from Russian troops.", "en"),
                       ("Российские войска почти полностью освободили Северск.", "ru"),
                       ("DeepState reported that Russian invaders occupied the completely "
                        "destroyed Kanal microdistrict (in the headquarters map Novy) in "
                        "Siversk.", "en")):
        assert [c.action for c in _claims(text, lang=lang)] == ["advanced"], text
    assert [c.action for c in _claims("Russian forces captured Siversk.", lang="en")] == [
        "captured"]


def test_an_attack_beaten_off_in_the_next_sentence_is_one_repelled_claim() -> None:
    text = ("Russian forces launched 10 attacks near the city of Siversk, the General Staff "
            "said. Ukrainian servicemen repelled all enemy attacks near Siversk.")
    assert [(c.actor, c.action) for c in _claims(text, lang="en")] == [("ukraine", "repelled")]
    # no word of the outcome: the attacker's fight stays
    assert [(c.actor, c.action) for c in _claims(
        "Russian forces launched 10 attacks near the city of Siversk, the General Staff said.",
        lang="en")] == [("russia", "fighting_in")]
