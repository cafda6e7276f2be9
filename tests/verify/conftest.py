"""A store with the samples and the witness fixtures ingested through the CLI, and claims
written by hand from their texts (each quote is the source's own words, its span found in it).

Hand-written rather than extracted so that these tests check the analyses, not the extractor;
``test_witness.py`` also runs the whole chain with ``frontcheck claims extract --all``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.store.claims import insert_claims
from frontcheck.store.engine import open_engine
from frontcheck.store.sources import list_sources
from tests.cli.test_control_cli import frontcheck
from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
WITNESS = ROOT / "tests" / "data" / "witness"
INPUTS = (SAMPLES / "telegram" / "result.json", SAMPLES / "transcripts", SAMPLES / "statements",
          SAMPLES / "articles", WITNESS)
POW = "Ri Jin-hyok"      # the fictional prisoner's name, which output must never show
FEB, JUN, OCT = ("interview_kpa_pow_en.md", "interview_kpa_pow_2025-06_en.md",
                 "interview_kpa_pow_2025-10_en.md")
PLACES = {"Vuhledar": ("Угледар", "gn:690823"), "Plekhovo": ("Плехово", "gnpostal:RU:307823"),
          "Kurakhove": ("Курахово", "gn:695357")}

# name: (file, item key, type, claimant, quote, made, details)
HAND_CLAIMS = {
    "vuhledar_tg": ("result.json", "1900000001:1022", "territorial", "Сводки с передка",
                    "полностью освободили населённый пункт Угледар", "2024-10-03",
                    {"actor": "russia", "action": "liberated", "place": "Vuhledar"}),
    "vuhledar_mod": ("statements.csv", "MOD-RU-2024-10-03", "territorial", "Минобороны России",
                     "освободили населённый пункт Угледар", "2024-10-03",
                     {"actor": "russia", "action": "liberated", "place": "Vuhledar"}),
    "vuhledar_gs": ("statements.csv", "GS-UA-2024-10-02", "territorial", "Генштаб ЗСУ",
                    "відведення підрозділів з Вугледара", "2024-10-02",
                    {"actor": "ukraine", "action": "withdrew", "place": "Vuhledar"}),
    "plekhovo_tg": ("result.json", "1900000001:1188", "territorial", "Сводки с передка",
                    "военнослужащие КНДР выбили ВСУ из Плехово", "2024-12-07",
                    {"actor": "dprk", "action": "recaptured", "place": "Plekhovo"}),
    "plekhovo_reply": ("result.json", "1900000001:1189", "territorial", "Ukraine",
                       "в ВСУ отрицают потерю Плехово", "2024-12-07",
                       {"actor": "russia", "action": "captured", "place": "Plekhovo",
                        "negated": True}),
    "plekhovo_denied": ("kpa_troops_kursk_en.html", "document", "territorial", "Ukraine",
                        "Ukraine denies losing the village", "2024-12-17",
                        {"actor": "russia", "action": "captured", "place": "Plekhovo",
                         "negated": True, "event": "2024-12-06"}),
    "plekhovo_bloggers": ("kpa_troops_kursk_en.html", "document", "territorial",
                          "Russian milbloggers", "North Korean units had recaptured Plekhovo on "
                          "December 6", "2024-12-17",
                          {"actor": "dprk", "action": "recaptured", "place": "Plekhovo",
                           "event": "2024-12-06"}),
    "kurakhove_mod": ("statements.csv", "MOD-RU-2025-01-06", "territorial", "Минобороны России",
                      "Освобождён населённый пункт Курахово", "2025-01-06",
                      {"actor": "russia", "action": "liberated", "place": "Kurakhove"}),
    "kurakhove_tg": ("result.json", "1900000001:1305", "territorial", "Сводки с передка",
                     "освободили населённый пункт Курахово", "2025-01-06",
                     {"actor": "russia", "action": "liberated", "place": "Kurakhove"}),
    "ship_feb": (FEB, "document", "quantity", POW, "about 500 men on one ship", "2025-02-03",
                 {"fields": {"low": 450, "best": 500, "high": 550, "kind": "transport"}}),
    "trained_feb": (FEB, "document", "attribute", POW, "About two weeks of training in Russia",
                    "2025-02-03", {"fields": {"predicate": "training", "value": 14}}),
    "nocontact_feb": (FEB, "document", "attribute", POW, "I have had no contact with my family",
                      "2025-02-03", {"fields": {"predicate": "family_contact"}, "negated": True}),
    "ship_jun": (JUN, "document", "quantity", POW, "There were about 200 soldiers on the ship",
                 "2025-06-10",
                 {"fields": {"low": 180, "best": 200, "high": 220, "kind": "transport"}}),
    "trained_jun": (JUN, "document", "attribute", POW, "We had two weeks of training in Russia",
                    "2025-06-10", {"fields": {"predicate": "training", "value": 14}}),
    # in the interviewer's turn: a question, which the witness's record must leave out
    "question_jun": (JUN, "document", "attribute", POW, "Were you trained before the fighting",
                     "2025-06-10", {"fields": {"predicate": "training"}, "negated": True}),
    "ship_oct": (OCT, "document", "quantity", POW, "About 200 soldiers were on the ship",
                 "2025-10-02",
                 {"fields": {"low": 180, "best": 200, "high": 220, "kind": "transport"}}),
    "untrained_oct": (OCT, "document", "attribute", POW, "We were not trained at all",
                      "2025-10-02", {"fields": {"predicate": "training"}, "negated": True}),
    "nocontact_oct": (OCT, "document", "attribute", POW, "I still have no contact with my family",
                      "2025-10-02", {"fields": {"predicate": "family_contact"}, "negated": True}),
    "briefing_training": ("briefing_gur_uk.md", "document", "attribute", "Олег Кравчук",
                          "його підрозділ пройшов лише тижневу підготовку", "2025-01-12",
                          {"fields": {"predicate": "training", "value": 7,
                                      "subject": "person"}}),
}


@dataclass(frozen=True)
class AnalysisStore:
    db: Path
    ids: dict[str, str]          # HAND_CLAIMS name → claim id
    sources: dict[str, int]      # HAND_CLAIMS name → source id


def _claim(name: str, spec: tuple, sources: dict) -> Claim:
    file, key, kind, claimant, quote, made, details = spec
    source = sources[(file, key)]
    start = source.text.find(quote)
    if start < 0:
        pytest.fail(f"{name}: quote not found in {file} {key}: {quote!r}")
    fields = dict(details.get("fields", {}))
    if kind == "quantity":
        fields = {"unit": "people", "side": "", "currency": "", "period": "",
                  "per_person": False, "rule": "about", **fields}
    if kind == "attribute":
        fields = {"subject": "speaker", "value": None, **fields}
    place = None
    if "place" in details:
        mention, place_id = PLACES[details["place"]]
        place = PlaceRef(mention, id=place_id, name=details["place"])
    event = details.get("event")
    return Claim(f"hand-{name}", kind, origin="extracted", source_id=source.id,
                 span=(start, start + len(quote)), quote=quote, claimant=claimant,
                 actor=details.get("actor", ""), action=details.get("action", ""), place=place,
                 claim_date=date.fromisoformat(made),
                 event_date=date.fromisoformat(event) if event else None,
                 date_precision="day" if event else "none",
                 negated=details.get("negated", False), fields=fields)


def ingest(db: Path) -> None:
    result = frontcheck("sources", "ingest", *INPUTS, "--db", db)
    assert result.returncode == 0, result.stderr
    assert "protected POW-1" in result.stderr, result.stderr


@pytest.fixture(scope="session")
def analysis_store(tmp_path_factory: pytest.TempPathFactory) -> AnalysisStore:
    """Read-only for tests: samples and witness fixtures, claims by hand."""
    db = tmp_path_factory.mktemp("analysis") / "store.sqlite"
    ingest(db)
    with open_engine(db) as engine, engine.begin() as connection:
        sources = {(s.original_name, s.item_key): s for s in list_sources(connection)}
        claims = {name: _claim(name, spec, sources) for name, spec in HAND_CLAIMS.items()}
        assert insert_claims(connection, list(claims.values())) == len(claims)
    return AnalysisStore(db, {n: c.id for n, c in claims.items()},
                         {n: c.source_id for n, c in claims.items()})
