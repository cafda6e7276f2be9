"""Official positions with their holder (issue 11): whose position a sentence gives."""

from __future__ import annotations

from datetime import date

from frontcheck.claims.testimony import read_testimony
from frontcheck.claims.testimony_positions import holder_in, holder_of_speaker

AT = date(2025, 5, 1)


def positions(text: str) -> list[tuple]:
    return [(c.value, c.details.get("holder"), bool(c.details.get("history")))
            for c in read_testimony(text, AT) if c.topic == "official_position"]


def test_the_holder_is_the_side_named_before_the_stance_word():
    assert positions("North Korea has denied sending troops to Russia.") == [
        ("denied", "dprk", False)]
    assert positions("Москва отвергла сообщения о северокорейских войсках.") == [
        ("denied", "russia", False)]
    assert positions("Zelensky said Russia denied the presence of North Korean troops.") == [
        ("denied", "russia", False)]


def test_a_statement_naming_no_side_is_the_speakers_own_position():
    assert positions("We cannot confirm these reports about the soldiers.") == [
        ("unconfirmed", "", False)]
    assert holder_of_speaker("Dmitry Peskov (Kremlin)") == "russia"
    assert holder_of_speaker("National Intelligence Service of South Korea") == "south_korea"
    assert holder_of_speaker("Reuters") == ""


def test_a_history_of_a_position_is_read_as_its_latest_stance_and_marked():
    assert positions("Pyongyang initially denied the deployment of troops, but in April "
                     "acknowledged it.") == [("acknowledged", "dprk", True)]


def test_a_state_speaking_of_its_own_forces_taking_part_acknowledges_it():
    assert positions("The units of our armed forces participated in the liberation of the "
                     "Kursk region.") == [("acknowledged", "", False)]
    assert positions("Наши военнослужащие участвовали в освобождении Курской области.") == [
        ("acknowledged", "", False)]


def test_holder_in_takes_the_last_side_named():
    assert holder_in("Kyiv says Moscow") == "russia"
    assert holder_in("Офіційний Пхеньян") == "dprk"
    assert holder_in("They") == ""
