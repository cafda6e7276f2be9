"""The rules issue 10 added for real text, one sentence each (written in the style of the
sources, for unit tests only; the measure is the real corpus in ``tests/data/realtext/``).
Each case fails without the rule it names."""

from __future__ import annotations

from datetime import date

import pytest

from frontcheck.claims.extract import extract_claims
from tests.claims.test_generalise import table

AT = date(2025, 3, 10)


def got(text: str, names: dict[str, str], claimant: str = "Reuters",
        oblast: str | None = "Donetsk Oblast") -> list[tuple]:
    return [(c.actor, c.action, c.place.id if c.place else None, c.negated,
             (c.fields or {}).get("framing", "asserted"))
            for c in extract_claims(text, published_at=AT, resolve_place=table(names, oblast),
                                    claimant_default=claimant) if c.type == "territorial"]


@pytest.mark.parametrize("text, names, claimant, expected", [
    # framing: a hedge alone is one reported claim
    ("Окупанти нібито захопили Торецьк.", {"Торецьк": "t"}, "rbc.ua",
     [("russia", "captured", "t", False, "reported")]),
    # framing: a claim reported and denied later in the sentence
    ("Российские военные якобы захватили село Андреевка, однако в ВСУ это опровергли.",
     {"Андреевка": "a"}, "rbc.ua",
     [("russia", "captured", "a", False, "reported"), ("russia", "captured", "a", True, "denied")]),
    # framing: "the claims that ... are false"
    ("Ukraine's General Staff said the claims that Russia captured Kurakhove are false.",
     {"Kurakhove": "k"}, "Reuters",
     [("russia", "captured", "k", False, "reported"), ("russia", "captured", "k", True, "denied")]),
    # the owner still holding a place denies the other side's capture
    ("The city of Siversk remains under the control of the Armed Forces of Ukraine.",
     {"Siversk": "s"}, "Reuters", [("russia", "captured", "s", True, "denied")]),
    # a person is no place, even one spelled like a village
    ("Буданов заявив, що ворог захопив Андріївку.", {"Буданов": "b", "Андріївку": "a"},
     "rbc.ua", [("russia", "captured", "a", False, "asserted")]),
    # an oblast named as where something happened is no claim of the oblast
    ("ВС РФ освободили 12 сел в Донецкой области.", {}, "tass.ru", []),
    # a list opened by a colon, each item with its own date (dates checked below)
    ("Освобождены населенные пункты: 3 марта — Курахово, 9 марта — Угледар.",
     {"Курахово": "k", "Угледар": "v"}, "tass.ru",
     [("russia", "liberated", "k", False, "asserted"),
      ("russia", "liberated", "v", False, "asserted")]),
    # the troops acting (instrumental / genitive) are no people taken
    ("Заступниця міністра підтвердила звільнення українськими військовими села Роботине.",
     {"Роботине": "r"}, "rbc.ua", [("ukraine", "liberated", "r", False, "asserted")]),
    # a country after a preposition is where, not who
    ("Russian troops in eastern Ukraine have captured the stronghold of Kurakhove.",
     {"Kurakhove": "k"}, "AP", [("russia", "captured", "k", False, "asserted")]),
    # a forecast asserts no control
    ("A breakthrough at Selydove would pave the way for Russian forces to take Pokrovsk.",
     {"Selydove": "s", "Pokrovsk": "p"}, "Reuters", []),
    # "near occupied X": the adjective is no capture
    ("Russian forces attacked near occupied Avdiivka.", {"Avdiivka": "a"}, "Reuters",
     [("russia", "fighting_in", "a", False, "asserted")]),
    # a fight with no subject is the attacker's named in its clause
    ("The main efforts of Russian forces were concentrated on the areas of Kurakhove.",
     {"Kurakhove": "k"}, "Kyiv Post", [("russia", "fighting_in", "k", False, "asserted")]),
    # a withdrawal's destination is no claim
    ("ВСУ начали отходить из Курахово в село Дачное.", {"Курахово": "k", "Дачное": "d"},
     "tass.ru", [("ukraine", "withdrew", "k", False, "asserted")]),
    # "наши войска" in a Russian-language Ukrainian outlet are Ukraine's
    ("Наши войска зачистили от врага села Михайловку и Зеленый Гай.",
     {"Михайловку": "m", "Зеленый Гай": "z"}, "rbc.ua",
     [("ukraine", "captured", "m", False, "asserted"),
      ("ukraine", "captured", "z", False, "asserted")]),
])
def test_real_text_rule(text, names, claimant, expected) -> None:
    assert got(text, names, claimant) == expected


def test_list_items_keep_their_own_dates() -> None:
    claims = extract_claims("Освобождены населенные пункты: 3 марта — Курахово, 9 марта — "
                            "Угледар.", published_at=AT,
                            resolve_place=table({"Курахово": "k", "Угледар": "v"}))
    assert [(c.place.id, c.event_date) for c in claims] == [
        ("k", date(2025, 3, 3)), ("v", date(2025, 3, 9))]


def test_a_share_of_a_town_is_an_advance_with_the_share() -> None:
    [claim] = extract_claims("Российские войска контролируют почти 40% Часова Яра.",
                             published_at=AT, resolve_place=table({"Часова Яра": "c"}))
    assert (claim.actor, claim.action, claim.fields["share"]) == ("russia", "advanced", 40.0)


def test_a_post_in_another_language_is_stored_and_not_read(tmp_path, gazetteer_csv) -> None:
    """Issue 10: a Telegram export with a Bulgarian post is ingested (not refused as an
    unknown language), the post keeps its language, and extraction says it is not read.
    (A one-row gazetteer: the places do not matter here, loading 35,000 would.)"""
    import json

    from tests.cli.test_control_cli import frontcheck

    one_row = tmp_path / "gazetteer.csv"
    one_row.write_text("\n".join(gazetteer_csv.read_text(encoding="utf-8").split("\n", 2)[:2])
                       + "\n", encoding="utf-8")
    env = {"FRONTCHECK_GAZETTEER": str(one_row)}

    export = {"name": "Front news", "type": "public_channel", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2025-03-01T10:00:00", "from": "Front news",
         "text": "Руските войски са превзели селото Пищане, съобщи министерството на "
                 "отбраната в неделя."},
        {"id": 2, "type": "message", "date": "2025-03-01T11:00:00", "from": "Front news",
         "text": "Russian forces captured the village of Pishchane, the ministry said."}]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "s.sqlite"
    ingest = frontcheck("sources", "ingest", path, "--db", db, env=env)
    assert ingest.returncode == 0, ingest.stderr
    listed = frontcheck("sources", "list", "--format", "json", "--db", db, env=env)
    assert sorted(s["language"] for s in json.loads(listed.stdout)) == ["bg", "en"]
    extract = frontcheck("claims", "extract", "--all", "--db", db, env=env)
    assert extract.returncode == 0, extract.stderr
    assert "Language not supported, no claims extracted: 1 sources (bg: 1)" in extract.stderr
