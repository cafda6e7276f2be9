"""Bad input gives one InputError naming the file and the item, whatever the format."""

from __future__ import annotations

import json

import pytest

from frontcheck.errors import InputError
from frontcheck.sources import read_source
from frontcheck.sources.acled import read_acled_items
from frontcheck.sources.statements_csv import read_statements_csv_items
from frontcheck.sources.telegram import read_telegram, read_telegram_items
from frontcheck.sources.tracker_log import read_tracker_log_items
from frontcheck.sources.transcript import read_transcript

FRONT = "---\nspeaker: Ri\ndate: 2025-02-03\n---\nQ: Were you trained?\nA: Two weeks.\n"


def error_of(reader, data: bytes, name: str) -> str:
    with pytest.raises(InputError) as caught:
        reader(data, name)
    return str(caught.value)


def test_broken_json(samples):
    data = samples["telegram"].read_bytes()[:700]
    message = error_of(read_telegram, data, "result.json")
    assert message.startswith("result.json: line ") and ": truncated JSON (" in message
    assert error_of(read_telegram, b'{"messages": x}', "x.json") == (
        "x.json: line 1: invalid JSON (unexpected character, expected a JSON value at char 13)")


@pytest.mark.parametrize("doc", [
    {"name": "c", "messages": []},
    {"name": "c", "messages": [{"id": 1, "type": "service", "date": "2025-01-01T00:00:00",
                                "action": "create_channel"}]},
])
def test_export_with_no_messages(doc):
    assert error_of(read_telegram, json.dumps(doc).encode(), "result.json") == (
        "result.json: messages: the export has no messages (only service messages, or none)")


def test_not_an_export():
    assert error_of(read_telegram, b'{"name": "c"}', "r.json") == (
        'r.json: messages: not a Telegram Desktop export (no "messages" list)')


@pytest.mark.parametrize("data, reason", [
    (FRONT.encode("utf-16-le"), "NUL bytes: UTF-16 without a byte-order mark, or a binary file"),
    (FRONT.replace("Ri", "Ри").encode("cp1251"), "invalid UTF-8 byte 0xd0 at byte 13"),
])
def test_unknown_encoding(data, reason):
    assert error_of(read_transcript, data, "pow.md") == (
        f"pow.md: not text in a known encoding ({reason}); re-save it as UTF-8")


def test_utf16_with_byte_order_mark_is_read():
    [item] = read_transcript(FRONT.encode("utf-16"), "pow.md")
    assert item.author == "Ri"


def test_unparseable_dates_name_the_item():
    doc = {"name": "c", "id": 9, "messages": [
        {"id": 7, "type": "message", "date": "2024-13-45T00:00:00", "text": "x"}]}
    assert error_of(read_telegram, json.dumps(doc).encode(), "result.json") == (
        "result.json: message 7: date: '2024-13-45T00:00:00' is not a date (ISO 8601 such as "
        "2025-01-06T10:00:00+03:00, or Unix seconds)")
    csv_doc = ("statement_id,published_at,text\nS1,2025-01-06,Курахово\nS2,вчера,Курахово\n").encode()
    result = read_statements_csv_items(csv_doc, "s.csv")
    assert [i.item_key for i in result.items] == ["S1"]
    assert [str(e) for e in result.errors] == [
        "s.csv: line 3: published_at: 'вчера' is not a date (ISO 8601 such as "
        "2025-01-06T10:00:00+03:00, or Unix seconds)"]
    assert error_of(read_transcript, FRONT.replace("2025-02-03", "3 Feb").encode(), "pow.md") == (
        "pow.md: front matter: date: '3 Feb' is not a date (ISO 8601 such as "
        "2025-01-06T10:00:00+03:00, or Unix seconds)")


@pytest.mark.parametrize("field", ["speaker", "date"])
def test_missing_required_front_matter_field(field):
    doc = "\n".join(line for line in FRONT.splitlines() if not line.startswith(field)) + "\n"
    assert error_of(read_transcript, doc.encode(), "pow.md") == (
        f"pow.md: front matter: missing required field '{field}'")


@pytest.mark.parametrize("doc, message", [
    ("Q: no front matter\n", "pow.md: line 1: no YAML front matter (a '---' line, the fields, "
                             "a '---' line) at the top"),
    ("---\nspeaker: Ri\n", "pow.md: line 1: the YAML front matter is not closed by a '---' line"),
    ("---\nspeaker: [Ri\ndate: 2025-01-01\n---\n", "pow.md: line 3: invalid YAML front matter "
                                                   "(expected ',' or ']', but got ':')"),
    ("---\n- a\n- b\n---\n", "pow.md: line 2: the YAML front matter is not a mapping of field: value"),
    ("---\nspeaker: Ri\ndate: 2025-01-01\npersons: [{role: named}]\n---\n",
     "pow.md: front matter: persons[0]: a person needs a name"),
])
def test_malformed_front_matter(doc, message):
    assert error_of(read_transcript, doc.encode(), "pow.md") == message


def test_bad_rows_and_updates_are_errors_beside_the_good_items(samples):
    acled = samples["acled"].read_text(encoding="utf-8").replace("51.2550,34.9233", "north,34.9233")
    result = read_acled_items(acled.encode(), "acled.csv")
    assert len(result.items) == 4
    assert [str(e) for e in result.errors] == ["acled.csv: line 3: latitude: 'north' is not a number"]
    updates = json.loads(samples["tracker-log"].read_bytes())
    del updates[1]["datetime"], updates[1]["createdAt"]
    result = read_tracker_log_items(json.dumps(updates).encode(), "history.json")
    assert len(result.items) == 3
    assert [str(e) for e in result.errors] == ["history.json: update 1736102400: datetime: no datetime"]
    doc = {"name": "c", "messages": [{"id": 1, "type": "message", "date": "2025-01-01T00:00:00",
                                      "text": "ok"}, {"id": "x", "type": "message"}]}
    result = read_telegram_items(json.dumps(doc).encode(), "r.json")
    assert len(result.items) == 1 and [str(e) for e in result.errors] == [
        "r.json: messages[1].id: message id 'x' is not a number"]


@pytest.mark.parametrize("data, message", [
    (b"statement_id,text\nS1,x\n", "s.csv: line 1: missing column published_at (the header has "
                                   "statement_id, text)"),
    (b"", "s.csv: empty CSV file (no header line)"),
    (b"statement_id,published_at,text\n", "s.csv: the CSV has a header but no statements"),
    (b'statement_id,published_at,text\nS1,2025-01-01,"open\n', "s.csv: line 2: malformed CSV "
                                                               "(unexpected end of data)"),
])
def test_malformed_csv(data, message):
    assert error_of(lambda d, n: read_source(d, n, "csv").strict(), data, "s.csv") == message


def test_unknown_format_is_named():
    assert error_of(lambda d, n: read_source(d, n), b"\x89PNG\r\n", "map.png") == (
        "map.png: cannot tell the source format; give --format-in (telegram, transcript, html, "
        "csv, acled, tracker-log)")
