"""Issue 11: institutions are never protected as prisoners, whatever they say about prisoners;
a person is protected when the sources describe *that person* as a prisoner, detainee or minor.

Reproduces the defect first seen on real testimony: a security service that spoke about a
prisoner was itself protected (and its name redacted everywhere)."""

from __future__ import annotations

import json

import pytest

from frontcheck.sources.model import PersonMention, SourceItem
from frontcheck.sources.persons import is_institution, suggest_protected
from tests.cli.test_control_cli import frontcheck


def spoken(text: str, speaker: str, kind: str = "statement", publisher: str = "") -> SourceItem:
    return SourceItem(kind=kind, item_key="1", text=text, publisher=publisher, author=speaker,
                      persons=(PersonMention(speaker, "speaker"),))


@pytest.mark.parametrize("source", [
    spoken("The SBU said the captured soldier had been wounded in the jaw.", "SBU"),
    spoken("Служба безпеки України повідомила, що військовополонений з КНДР дає свідчення.",
           "Служба безпеки України"),
    spoken("South Korea's National Intelligence Service said a North Korean soldier captured "
           "by Ukraine wants to go to the South.", "National Intelligence Service"),
    spoken("ГУР: пленный солдат КНДР рассказал о подготовке.", "ГУР"),
    spoken("Zelensky said Ukraine had captured two North Korean soldiers.", "Volodymyr Zelensky"),
    spoken("The ministry said the prisoners of war are held in Kyiv.", "Ministry of Defence"),
    spoken("Reuters reported that the prisoner was taken to Kyiv.", "Reuters", kind="article"),
])
def test_an_institution_or_official_speaking_about_prisoners_is_not_protected(source):
    assert suggest_protected([source]) == []


@pytest.mark.parametrize("source, reason", [
    (spoken("I was captured on January 9 after I was wounded.", "KPA soldier (26, rifleman)",
            kind="interview"), "pow"),
    (spoken("Я попал в плен 9 января.", "Солдат КНДР (20)", kind="interview"), "pow"),
    (spoken("Мене взяли в полон під Курськом.", "Боєць КНДР", kind="interview"), "pow"),
    (spoken("He said he wanted to go home.", "North Korean POW (20)", kind="interview"), "pow"),
])
def test_a_witness_who_says_he_was_captured_is_protected(source, reason):
    [suggestion] = suggest_protected([source])
    assert (suggestion.name, suggestion.reason) == (source.persons[0].name, reason)


@pytest.mark.parametrize("name, institution", [
    ("SBU", True), ("Security Service of Ukraine", True), ("СБУ", True), ("ГУР МО України", True),
    ("National Intelligence Service (South Korea)", True), ("Ministry of Defence of Russia", True),
    ("Минобороны России", True), ("Reuters", True), ("BBC News Korea", True), ("Kremlin", True),
    ("Government of North Korea (KCNA)", True), ("Ri Jin-hyok", False),
    ("KPA soldier (26, rifleman)", False), ("Дмитрий Кузьменко", False),
    # a military formation that holds and films a prisoner speaks as an institution
    ("57th Separate Motorised Infantry Brigade (Ukraine)", True),
    ("57-ма окрема мотопіхотна бригада", True), ("Азов (батальйон)", True),
])
def test_institutions_are_told_from_persons(name, institution):
    assert is_institution(name) is institution


def test_ingest_protects_the_prisoner_not_the_service(tmp_path):
    csv = tmp_path / "statements.csv"
    csv.write_text(
        "statement_id,published_at,speaker,publisher,kind,text\n"
        "S1,2025-01-12,SBU,SBU,statement,\"The SBU said the captured soldier, Ri Jin-hyok, "
        "was wounded.\"\n"
        "S2,2025-01-12,Ri Jin-hyok,SBU,interview,I was captured after I was wounded.\n",
        encoding="utf-8")
    db = tmp_path / "store.sqlite"
    result = frontcheck("sources", "ingest", csv, "--db", db)
    assert result.returncode == 0, result.stderr
    listed = frontcheck("persons", "list", "--format", "json", "--db", db)
    persons = {p.get("pseudonym") or p.get("name"): p for p in json.loads(listed.stdout)}
    assert "SBU" in persons and not persons["SBU"]["protected"]
    assert any(p["protected"] and str(p.get("pseudonym", "")).startswith("POW-")
               for p in persons.values())
    assert "Ri Jin-hyok" not in listed.stdout


@pytest.mark.parametrize("name", ["Korean People's Army soldier (20)", "Kim Jong Un",
                                  "солдат армии КНДР"])
def test_persons_with_institutional_words_are_persons(name):
    assert not is_institution(name)
