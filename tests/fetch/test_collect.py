"""`sources collect feed` against a loopback server, and `sources collect telegram` with a fake
Telethon client that hands out Telethon's own message and channel objects."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from frontcheck.cli.main import app
from frontcheck.errors import InputError
from frontcheck.fetch import telegram
from frontcheck.fetch.feeds import parse_feed
from frontcheck.sources.telegram import read_telegram
from tests.cli.test_control_cli import frontcheck
from tests.fetch.conftest import DATA
from tests.fetch.server import Fault

FEED = DATA / "feed"


def serve_feed(server):
    server.add("/rss.xml", (FEED / "rss.xml").read_bytes(), "application/rss+xml")
    server.add("/atom.xml", (FEED / "atom.xml").read_bytes(), "application/atom+xml")
    for page in ("ocheretyne", "pokrovsk"):
        server.add(f"/news/{page}.html", (FEED / f"{page}.html").read_bytes(), "text/html")


def listed(db):
    result = frontcheck("sources", "list", "--format", "json", "--db", db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_feed_entries_become_article_sources_and_a_rerun_costs_a_304(server, tmp_path):
    serve_feed(server)
    db = tmp_path / "store.sqlite"
    args = ["sources", "collect", "feed", server.url + "/rss.xml", "--since", "2024-12-01",
            "--into", tmp_path / "collected", "--delay", "0", "--db", db]
    result = frontcheck(*args)
    assert result.returncode == 0, result.stderr
    assert "3 entries, 2 new, 2 pages fetched" in result.stderr
    assert server.hits("/news/old.html") == []                       # before --since
    sources = listed(db)
    assert sorted(s["publisher"] for s in sources) == ["Sample Front Wire"] * 2
    assert {s["kind"] for s in sources} == {"article"}
    assert any("Ocheretyne" in s["excerpt"] for s in sources)

    again = frontcheck(*args)
    assert again.returncode == 0, again.stderr
    assert "unchanged (304)" in again.stderr
    assert len(listed(db)) == 2


def test_atom_feed_and_entries_already_collected(server, tmp_path):
    serve_feed(server)
    feed = parse_feed((FEED / "atom.xml").read_bytes(), "atom.xml")
    assert feed.title == "Sample Atom Desk" and feed.entries[0].published == datetime(
        2024, 12, 8, 11, 0, tzinfo=UTC)
    db = tmp_path / "store.sqlite"
    common = ["--into", tmp_path / "c", "--delay", "0", "--db", db]
    assert frontcheck("sources", "collect", "feed", server.url + "/rss.xml", *common).returncode == 1
    # the RSS run fetched pokrovsk.html already; the Atom feed lists the same page again
    result = frontcheck("sources", "collect", "feed", server.url + "/atom.xml", *common)
    assert result.returncode == 0, result.stderr
    assert len(listed(db)) == 2


def test_a_page_that_fails_is_listed_and_the_others_are_ingested(server, tmp_path):
    serve_feed(server)
    server.fault("/news/pokrovsk.html", *[Fault(500)] * 5)
    db = tmp_path / "store.sqlite"
    runner = CliRunner()
    import frontcheck.fetch.http as http
    original = http.time.sleep
    http.time.sleep = lambda s: None
    try:
        result = runner.invoke(app, ["sources", "collect", "feed", server.url + "/rss.xml",
                                     "--since", "2024-12-01", "--into", str(tmp_path / "c"),
                                     "--delay", "0", "--db", str(db)])
    finally:
        http.time.sleep = original
    assert result.exit_code == 1
    assert "/news/pokrovsk.html: HTTP 500" in result.output
    assert len(listed(db)) == 1


def test_not_a_feed_is_one_line(server, tmp_path):
    server.add("/rss.xml", b"\x00\x01 binary", "application/octet-stream")
    result = frontcheck("sources", "collect", "feed", server.url + "/rss.xml", "--into",
                        tmp_path, "--delay", "0", "--db", tmp_path / "s.sqlite")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "not an RSS or Atom feed" in result.stderr


# -- Telegram ----------------------------------------------------------------------------------

tl = pytest.importorskip("telethon.tl.types")
from telethon.tl.custom.message import Message  # noqa: E402

CHANNEL = tl.Channel(id=1900000002, title="Фронтовая сводка", photo=tl.ChatPhotoEmpty(),
                     date=datetime(2022, 3, 1, tzinfo=UTC), broadcast=True, username="front_svodka",
                     access_hash=1)


def message(mid: int, when: datetime, text: str, **kw) -> Message:
    return Message(id=mid, peer_id=tl.PeerChannel(CHANNEL.id), date=when, message=text, **kw)


MESSAGES = [
    message(501, datetime(2024, 12, 6, 21, 0, tzinfo=UTC), "Старое сообщение про Курахово."),
    message(502, datetime(2024, 12, 7, 8, 30, tzinfo=UTC),
            "Очеретино полностью под нашим контролем. Подробности",
            entities=[tl.MessageEntityTextUrl(offset=41, length=11, url="https://t.me/front_svodka/1")]),
    message(503, datetime(2024, 12, 7, 9, 0, tzinfo=UTC), "Продолжаем.",
            reply_to=tl.MessageReplyHeader(reply_to_msg_id=502),
            edit_date=datetime(2024, 12, 7, 9, 5, tzinfo=UTC), post_author="Редактор"),
]


class FakeTelegram:
    """The three methods frontcheck calls on a TelegramClient, over a fixed channel."""

    def __init__(self, messages):
        self.messages = messages
        self.calls = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    async def get_entity(self, name):
        if name in ("front_svodka", CHANNEL) or getattr(name, "id", None) == CHANNEL.id:
            return CHANNEL
        raise ValueError(f'No user has "{name}" as username')

    def iter_messages(self, entity, *, reverse=False, min_id=0, offset_date=None):
        self.calls.append({"min_id": min_id, "offset_date": offset_date, "reverse": reverse})
        chosen = [m for m in self.messages if m.id > min_id
                  and (offset_date is None or m.date > offset_date)]

        async def generate():
            for m in sorted(chosen, key=lambda m: m.id, reverse=not reverse):
                yield m
        return generate()


@pytest.fixture
def telegram_env(monkeypatch, tmp_path):
    monkeypatch.setenv("TELEGRAM_API_ID", "12345")
    monkeypatch.setenv("TELEGRAM_API_HASH", "0123456789abcdef")
    monkeypatch.setenv("TELEGRAM_SESSION", str(tmp_path / "session" / "me.session"))
    fake = FakeTelegram(list(MESSAGES))
    monkeypatch.setattr(telegram, "make_client", lambda *a: fake)
    return fake


def test_telegram_channel_becomes_sources_like_a_desktop_export(telegram_env, tmp_path):
    db = tmp_path / "store.sqlite"
    args = ["sources", "collect", "telegram", "front_svodka", "--since", "2024-12-07",
            "--into", str(tmp_path / "c"), "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert telegram_env.calls[0]["min_id"] == 0
    assert telegram_env.calls[0]["offset_date"] == datetime(2024, 12, 7, tzinfo=UTC)
    [export] = list((tmp_path / "c" / "telegram").rglob("*.json"))
    items = read_telegram(export.read_bytes(), str(export))
    assert [i.item_key for i in items] == ["1900000002:502", "1900000002:503"]
    assert items[0].publisher == "Фронтовая сводка" and items[0].kind == "telegram_post"
    assert items[0].meta["links"] == ["https://t.me/front_svodka/1"]
    assert items[1].meta["reply_to_message_id"] == 502 and items[1].author == "Редактор"
    assert items[0].published_at == datetime(2024, 12, 7, 8, 30, tzinfo=UTC)
    assert len(listed(db)) == 2

    # Resumes after the last message collected: only the new one is asked for and stored.
    telegram_env.messages.append(message(504, datetime(2024, 12, 8, 6, 0, tzinfo=UTC),
                                         "Новое сообщение."))
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert telegram_env.calls[-1]["min_id"] == 503
    assert "1 new messages (to id 504)" in again.output
    assert len(listed(db)) == 3


def test_telegram_credentials_come_from_the_environment_only(monkeypatch, tmp_path):
    monkeypatch.delenv("TELEGRAM_API_ID", raising=False)
    monkeypatch.delenv("TELEGRAM_API_HASH", raising=False)
    with pytest.raises(InputError, match=r"set \$TELEGRAM_API_ID and \$TELEGRAM_API_HASH"):
        telegram.credentials({})
    with pytest.raises(InputError, match="must be a number"):
        telegram.credentials({"TELEGRAM_API_ID": "abc", "TELEGRAM_API_HASH": "x"})
    result = frontcheck("sources", "collect", "telegram", "x", "--db", tmp_path / "s.sqlite",
                        env={"TELEGRAM_API_ID": "", "TELEGRAM_API_HASH": ""})
    assert result.returncode == 1 and result.stderr.count("\n") == 1


def test_real_telethon_client_is_built_without_connecting(tmp_path):
    client = telegram.make_client(12345, "0123456789abcdef", str(tmp_path / "s" / "me.session"))
    assert not client.is_connected()
    assert (tmp_path / "s").is_dir()


def test_unknown_channel_is_one_line(telegram_env, tmp_path):
    result = CliRunner().invoke(app, ["sources", "collect", "telegram", "nosuch", "--into",
                                      str(tmp_path), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code != 0
    assert "no Telegram channel 'nosuch'" in str(result.exception)
