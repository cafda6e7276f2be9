"""A store seeded with protected persons in sources and claims, every form of their names and
details written into the texts, and the forms a viewer must never see.

The store: the control store (gazetteer, snapshots, timelines), the dev claims, every sample
of ``samples/`` (the POW interview protects "Ri Jin-hyok" as POW-1, the Ukrainian briefing
"Чон Мін Хо" as POW-2), the witness fixtures, and the fixtures of ``tests/protect/data`` — a
Russian-named detainee ("Дмитрий Кузьменко", protected at ingest as DETAINEE-1) whose name
appears inflected in Russian and Ukrainian text and in Latin spellings, and an article giving
the POW's name in Cyrillic and his home town, unit and sister. Details are recorded with
``persons set-details``; claims whose claimant, quote and fields carry the names are stored
as the extractor would store them. Everything is done through the CLI, as a user would.
"""

from __future__ import annotations

import re
import subprocess
import warnings
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import CLAIMS_DEV, ROOT, copy_store, shared_path

SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "data"
WITNESS = ROOT / "tests" / "data" / "witness"

#: Every form of a protected name or detail that the seeded texts hold (lower case, as
#: substrings; checked after folding white space away, so a table's line breaks cannot hide
#: one). Written by hand from the fixtures, not produced by the redactor.
FORBIDDEN = (
    # POW-1: Ri Jin-hyok, in every script and order; his home town, unit number and sister
    "ri jin-hyok", "jin-hyok", "ri jinhyok", "jinhyok", "ri jin hyok", "jin-hyok ri",
    "ри чжин хёк", "чжин хёк", "рі цзін хьок", "цзін хьок",
    "hamhung", "хамхын", "10867", "myong-suk", "мён сук", "리진혁", "진혁",
    # POW-2: Чон Мін Хо (also declined: "Чона Мін Хо"), and in Hangul
    "чон мін хо", "чон мин хо", "мін хо", "мин хо", "jong min-ho", "min-ho", "정민호", "민호",
    "чона",
    # DETAINEE-1: Дмитрий Кузьменко, inflected, in Latin; his home town, unit, wife
    "кузьменк", "kuzmenk", "новокузнец", "novokuznets", "55555",
)


def squashed(text: str) -> str:
    """Lower case without white space and table borders: a name folded across lines of a
    Rich table cell reads whole again."""
    return re.sub(r"[\s\u2500-\u257f]+", "", text.casefold())


# A number is a unit number only standing alone: 10867 inside a coordinate (37.108674) is not.
_FORBIDDEN_RX = [re.compile(r"(?<![\d.])" + re.escape(squashed(f)) + r"(?!\d)" if f.isdigit()
                            else re.escape(squashed(f))) for f in FORBIDDEN]


def leaked(text: str) -> list[str]:
    """The forbidden forms found in ``text``."""
    flat = squashed(text)
    return [form for form, rx in zip(FORBIDDEN, _FORBIDDEN_RX) if rx.search(flat)]


def frontcheck(*args: object, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in this process (stdout and stderr apart); a ``FrontcheckError`` ends it as
    ``frontcheck.cli.main.run`` does: one line on stderr, exit 1."""
    from typer.testing import CliRunner

    from frontcheck.cli.main import app
    from frontcheck.errors import FrontcheckError

    result = CliRunner(env={"COLUMNS": "4000", **(env or {})}).invoke(app, [str(a) for a in args])
    if isinstance(result.exception, FrontcheckError):
        return subprocess.CompletedProcess(args, 1, result.stdout,
                                           result.stderr + f"Error: {result.exception}\n")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def source_id_of(store: Path, url_end: str) -> str:
    """The id of the source whose URL ends so (read from the store: shown URLs are redacted)."""
    from frontcheck.store import schema
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.connect() as connection:
        ids = [i for i, url in connection.execute(select(schema.source.c.id, schema.source.c.url))
               if url.endswith(url_end)]
    assert len(ids) == 1, url_end
    return str(ids[0])


@pytest.fixture(scope="session")
def gazetteer_forms(gazetteer_csv) -> set[str]:
    """Forbidden forms the gazetteer itself holds: place names (a village Кузьменки), which
    the map's routes serve as they are (``web.auth.MAP_PREFIXES``)."""
    return set(leaked(gazetteer_csv.read_text(encoding="utf-8")))


def leaked_from(route: str, text: str, gazetteer_forms: set[str]) -> list[str]:
    """``leaked``, less the gazetteer's own place names on the map's routes."""
    from frontcheck.web.auth import MAP_PREFIXES

    found = leaked(text)
    return [f for f in found if f not in gazetteer_forms] if route.startswith(MAP_PREFIXES) else found


def ok(*args: object) -> subprocess.CompletedProcess:
    done = frontcheck(*args)
    assert done.returncode == 0, (args, done.stderr)
    return done


def _seed_claims(store: Path) -> None:
    """Claims as extraction stores them from the fixtures: the speaker as claimant, the
    sentence as quote, values in fields."""
    from frontcheck.claims.model import Claim, PlaceRef
    from frontcheck.store import schema
    from frontcheck.store.claims import insert_claims
    from frontcheck.store.engine import open_engine

    with open_engine(store) as engine, engine.begin() as connection:
        ids = {row.url.rsplit("/", 1)[-1]: row.id for row in connection.execute(
            select(schema.source.c.id, schema.source.c.url))}
        place = PlaceRef("Курахово", "gn:695357", "Kurakhove", "Donetsk", 37.28, 47.98)
        insert_claims(connection, [
            Claim(id="P-001", type="territorial", source_id=ids["kuzmenko-interview"],
                  claimant="Дмитрий Кузьменко", actor="russia", action="captured", place=place,
                  quote="Наше подразделение вошло в Курахово в январе. Дмитрия Кузьменко "
                        "допрашивали дважды",
                  claim_date=date(2025, 3, 14), event_date=date(2025, 1, 15),
                  date_precision="month"),
            Claim(id="P-002", type="attribute", source_id=ids["kuzmenko-briefing"],
                  claimant="Прес-служба", quote="Затриманого Дмитра Кузьменка з Новокузнецька "
                                                "допитали. Кузьменко служив у в/ч 55555",
                  fields={"subject": "Дмитра Кузьменка", "predicate": "unit",
                          "value": "в/ч 55555"}, claim_date=date(2025, 3, 15)),
            Claim(id="P-003", type="attribute", source_id=ids["kpa-pow-press"],
                  claimant="Ри Чжин Хёк", quote="Военнопленный Ри Чжин Хёк из Хамхына рассказал "
                                                "о своей части (войсковая часть 10867)",
                  fields={"subject": "Рі Цзін Хьок", "predicate": "home_town",
                          "value": "Хамхын"}, claim_date=date(2025, 2, 10)),
            Claim(id="P-004", type="participation", source_id=ids["kpa-pow-interview"],
                  claimant="Ri Jin-hyok", actor="dprk", action="fighting_in",
                  place=PlaceRef("Plekhovo"), quote="Our unit, part of the Storm Corps, "
                                                    "attacked near Plekhovo in December.",
                  claim_date=date(2025, 2, 3), event_date=date(2024, 12, 1),
                  date_precision="month"),
        ])


@pytest.fixture(scope="session")
def leak_store(control_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded store (read-only for tests: copy it before changing it)."""
    store = copy_store(control_store, tmp_path_factory.mktemp("protect") / "store.sqlite")
    ok("claims", "import", shared_path(CLAIMS_DEV / "claims.csv"), "--db", store)
    ok("sources", "ingest", SAMPLES / "telegram" / "result.json", SAMPLES / "transcripts",
       SAMPLES / "statements", SAMPLES / "articles", SAMPLES / "datasets", SAMPLES / "tracker",
       WITNESS, FIXTURES, "--db", store)
    ok("persons", "set-details", "POW-1", "--home-town", "Hamhung", "--unit",
       "войсковая часть 10867", "--relative", "Ri Myong-suk", "--db", store)
    ok("persons", "set-details", "DETAINEE-1", "--home-town", "Новокузнецк", "--unit",
       "в/ч 55555", "--relative", "Ольга Кузьменко", "--db", store)
    _seed_claims(store)
    # issue 13: an analysis whose question, hypothesis and evidence name protected persons,
    # and a figure
    ok("ach", "new", "Did Ri Jin-hyok's unit fight as an elite corps?", "--db", store)
    ok("ach", "hypothesis", "add", "1", "Дмитрий Кузьменко told the truth", "--db", store)
    ok("ach", "hypothesis", "add", "1", "Conscripts", "--db", store)
    ok("ach", "evidence", "add", "1", "--claim", "P-004", "--rate", "H1=C,H2=I", "--db", store)
    ok("ach", "evidence", "add", "1", "--claim", "P-003", "--rate", "H1=CC", "--db", store)
    ok("figure", "new", "months_paid", "--expr", "months * 2", "--input", "months=12",
       "--db", store)
    # issue 13 item 5: a saved brief of that analysis and of the claims of a filter
    brief = store.parent / "brief.html"
    ok("report", "--ach", "1", "--claims", "id=P-001;P-002;P-003;P-004", "--figure",
       "months_paid", "--save", "leak-brief", "--output", brief, "--db", store)
    brief.unlink()
    return store


@pytest.fixture(scope="session")
def leak_client(leak_store: Path):
    """A client of the app over the seeded store, which has no users: single-user mode."""
    from frontcheck.web.app import create_app

    with warnings.catch_warnings():   # Starlette asks for httpx2; FastAPI documents httpx
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(leak_store), raise_server_exceptions=False) as client:
        yield client
