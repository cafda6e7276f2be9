"""Each reader on the hand-written samples: expected values come from the files themselves,
read here with the standard library, or from what the samples were written to say."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from frontcheck.sources import FORMAT_NAMES, detect_source_format, read_source
from frontcheck.sources.acled import read_acled
from frontcheck.sources.html_article import read_html
from frontcheck.sources.model import PersonMention, ReadDefaults
from frontcheck.sources.statements_csv import read_statements_csv
from frontcheck.sources.telegram import read_telegram
from frontcheck.sources.tracker_log import read_tracker_log
from frontcheck.sources.transcript import read_transcript


def test_telegram_one_item_per_message_service_messages_skipped(samples):
    doc = json.loads(samples["telegram"].read_text(encoding="utf-8"))
    expected = [m for m in doc["messages"] if m["type"] == "message"]
    items = read_telegram(samples["telegram"].read_bytes(), "result.json")
    assert [i.meta["message_id"] for i in items] == [m["id"] for m in expected]
    assert {i.kind for i in items} == {"telegram_post"}
    assert {i.publisher for i in items} == {doc["name"]}
    for item, message in zip(items, expected):
        # the exact instant is date_unixtime; the offset is the exporter's (date - unixtime)
        assert item.published_at.timestamp() == int(message["date_unixtime"])
        assert item.published_at.replace(tzinfo=None) == datetime.fromisoformat(message["date"])
        assert item.published_at.utcoffset() == timedelta(hours=3)
        text = message["text"]
        flat = text if isinstance(text, str) else "".join(
            p if isinstance(p, str) else p["text"] for p in text)
        assert item.text == flat
        for key in ("forwarded_from", "reply_to_message_id", "edited", "from"):
            assert item.meta.get(key) == message.get(key)


def test_telegram_keeps_forwards_replies_links_and_detects_russian(samples):
    items = {i.meta["message_id"]: i for i in
             read_telegram(samples["telegram"].read_bytes(), "result.json")}
    assert items[1022].meta["forwarded_from"] == "Минобороны России"
    assert items[1189].meta["reply_to_message_id"] == 1188
    assert items[1305].meta["links"] == ["https://example.org/samples/mod-kurakhove"]
    assert "военнослужащие КНДР выбили ВСУ из Плехово" in items[1188].text
    assert items[1306].text == "" and items[1306].language == ""
    assert {i.language for k, i in items.items() if k != 1306} == {"ru"}
    assert items[1188].item_key == "1900000001:1188"


def test_telegram_account_export_with_chats_list():
    doc = {"chats": {"list": [
        {"name": "A", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2025-01-01T10:00:00",
                                             "text": "Вугледар"}]},
        {"name": "B", "id": 2, "messages": [{"id": 1, "type": "message", "date": "2025-01-02T10:00:00",
                                             "text": "Pokrovsk"}]}]}}
    items = read_telegram(json.dumps(doc).encode(), "result.json",
                          ReadDefaults(timezone=timezone(timedelta(hours=2))))
    assert [(i.publisher, i.item_key, i.language) for i in items] == [("A", "1:1", "ru"), ("B", "2:1", "en")]
    assert items[0].published_at == datetime(2025, 1, 1, 8, tzinfo=UTC)


def test_transcript_interview_turns_and_persons(samples):
    [item] = read_transcript(samples["transcript"].read_bytes(), "interview.md")
    assert (item.kind, item.author, item.publisher, item.language) == (
        "interview", "Ri Jin-hyok", "Sample Investigations Desk", "en")
    assert item.published_at == datetime(2025, 2, 3, 9, tzinfo=UTC)
    assert item.url == "https://example.org/samples/kpa-pow-interview"
    assert item.meta["place"] == "Kyiv"
    assert "SAMPLE" in item.meta["sample"]
    body = samples["transcript"].read_text(encoding="utf-8").split("---\n", 2)[2]
    lines = [line for line in body.splitlines() if line[:2] in ("Q:", "A:")]
    turns = item.meta["turns"]
    assert len(turns) == len(lines) == 14
    assert [t["speaker"] for t in turns] == ["Olena Marchenko", "Ri Jin-hyok"] * 7
    assert [item.text[t["start"]:t["end"]] for t in turns] == [line[3:] for line in lines]
    assert item.persons == (
        PersonMention("Ri Jin-hyok", "speaker",
                      "captured North Korean soldier, prisoner of war since January 2025"),
        PersonMention("Olena Marchenko", "interviewer", "journalist"),
        PersonMention("Pak Chol-ung", "named",
                      "his platoon commander, killed near Plekhovo according to the speaker"))


def test_statement_name_turns_resolve_to_the_speaker(samples):
    [item] = read_transcript(samples["statement"].read_bytes(), "briefing.md")
    assert (item.kind, item.language, item.publisher) == ("statement", "uk", "ГУР МО України")
    speakers = [t["speaker"] for t in item.meta["turns"]]
    assert speakers == ["ВЕДУЧА", "Олег Кравчук"] * 3
    said = item.text[item.meta["turns"][3]["start"]:item.meta["turns"][3]["end"]]
    assert said.startswith("Двоє військовослужбовців КНДР потрапили у полон 9 січня.")


def test_html_article_main_text_without_boilerplate(samples):
    [item] = read_html(samples["html"].read_bytes(), "article.html")
    assert (item.kind, item.author, item.publisher, item.language) == (
        "article", "Maria Kovalenko", "Sample Daily", "en")
    assert item.published_at == datetime(2024, 12, 17, 9, 45, tzinfo=UTC)
    assert item.url == "https://example.org/samples/2024/12/17/north-korean-troops-kursk"
    assert item.meta["title"] == "North Korean troops join Russian assaults in Kursk, Ukraine says"
    assert "recaptured Plekhovo on December 6" in item.text
    assert "repelled 37 Russian attacks near Pokrovsk" in item.text
    for boilerplate in ("Subscribe", "Most read", "All rights reserved", "Privacy"):
        assert boilerplate not in item.text


def test_html_in_a_declared_legacy_encoding():
    page = ('<html><head><meta charset="windows-1251"><title>Т</title></head><body><article><p>'
            + "Подразделения группировки войск освободили населённый пункт Курахово. " * 4
            + "</p></article></body></html>").encode("cp1251")
    [item] = read_html(page, "ru.html")
    assert "освободили населённый пункт Курахово" in item.text and item.language == "ru"


def test_statements_csv_rows(samples):
    with samples["csv"].open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(line for line in stream if not line.startswith("#")))
    items = read_statements_csv(samples["csv"].read_bytes(), "statements.csv")
    assert [i.item_key for i in items] == [r["statement_id"] for r in rows]
    for item, row in zip(items, rows):
        assert item.text == row["text"] and item.publisher == row["publisher"]
        assert item.published_at == datetime.fromisoformat(row["published_at"])
        assert item.author == row["speaker"]
        if row["language"]:
            assert item.language == row["language"]
    by_key = {i.item_key: i for i in items}
    assert by_key["GS-UA-2025-01-07"].language == "uk"     # blank in the file: detected
    assert by_key["MOD-RU-2024-10-03"].persons == (PersonMention("Сергей Волков", "speaker"),)
    assert by_key["MOD-RU-2024-10-03"].meta["line"] == 3


def test_acled_rows(samples):
    items = read_acled(samples["acled"].read_bytes(), "acled.csv")
    assert [i.item_key for i in items] == ["RUS9001", "RUS9002", "UKR9003", "UKR9004", "UKR9005"]
    assert {i.kind for i in items} == {"dataset_row"} and {i.publisher for i in items} == {"ACLED"}
    first = items[0]
    assert first.meta["places"] == [{"name": "Plekhovo", "lat": 51.2550, "lon": 34.9233}]
    assert first.meta["actor1"] == "Military Forces of Russia (2000-)"
    assert first.meta["assoc_actor_1"] == "Military Forces of North Korea (2011-)"
    assert first.meta["event_date"] == "2024-12-06"
    assert first.published_at == datetime.fromtimestamp(1733900000, UTC)
    assert items[1].meta["fatalities"] == 10
    assert items[3].meta["event_date"] == "2025-01-05"       # "05 January 2025"


def test_tracker_log_places_from_links(samples):
    items = read_tracker_log(samples["tracker-log"].read_bytes(), "history.json")
    assert [i.item_key for i in items] == ["1727812800", "1736102400", "1763900000", "1764500000"]
    assert {(i.publisher, i.author, i.kind, i.language) for i in items} == {
        ("DeepStateMAP", "DeepStateMAP", "report", "uk")}
    assert items[0].text == "Мапу оновлено.\nВорог просунувся у Вугледарі та поблизу Богоявленки."
    assert [(p["name"], p["lat"], p["lon"]) for p in items[0].meta["places"]] == [
        ("Вугледарі", 47.7797, 37.2486), ("Богоявленки", 47.8213, 37.3297)]
    assert items[1].meta["text_en"] == ("The map has been updated.\nThe enemy occupied Kurakhove "
                                        "and advanced near Dachne.")
    assert [p["name"] for p in items[1].meta["places_en"]] == ["Kurakhove", "Dachne"]
    assert items[3].published_at == datetime(2025, 11, 30, 10, 53, 20, tzinfo=UTC)


@pytest.mark.parametrize("key", ["telegram", "transcript", "statement", "html", "csv", "acled",
                                 "tracker-log"])
def test_detect_source_format_on_every_sample(samples, key):
    expected = {"statement": "transcript"}.get(key, key)
    data = samples[key].read_bytes()
    assert detect_source_format(data, str(samples[key])) == expected
    assert read_source(data, str(samples[key])).items      # auto reads it
    assert expected in FORMAT_NAMES


def test_defaults_fill_in_only_what_the_file_leaves_open(samples):
    defaults = ReadDefaults(kind="report", publisher="Someone")
    [article] = read_html(samples["html"].read_bytes(), "a.html", defaults)
    assert (article.kind, article.publisher) == ("report", "Sample Daily")
    [statement] = read_transcript(samples["statement"].read_bytes(), "b.md", defaults)
    assert (statement.kind, statement.publisher) == ("statement", "ГУР МО України")
    [event, *_] = read_acled(samples["acled"].read_bytes(), "c.csv", defaults)
    assert (event.kind, event.publisher) == ("report", "Someone")
