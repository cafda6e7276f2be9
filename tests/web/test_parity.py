"""Parity of the two faces, one test per job both expose: the CLI's ``--format json`` and the
API's JSON for the same inputs are equal (both call the same job of ``frontcheck.app``).

``JOBS`` lists them; ``test_every_shared_job_has_a_parity_case`` fails when a job of
``frontcheck.app`` that a route calls has no case here.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.web.conftest import PROTECTED_NAME, frontcheck

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

POKROVSK = "gn:704422"
DAY = "2025-11-20"
ALL = "limit=10000"

#: job -> (CLI arguments, API url, whether the CLI prints the API's one record as a list).
JOBS: dict[str, tuple[tuple[str, ...], str, bool]] = {
    "claims.list_claims": (("claims", "list"), f"/api/claims?{ALL}", False),
    "claims.list_claims filtered": (
        ("claims", "list", "--type", "territorial", "--place", "Pokrovsk", "--from",
         "2024-01-01"), f"/api/claims?type=territorial&place=Pokrovsk&from=2024-01-01&{ALL}",
        False),
    "sources.list_ledger": (("sources", "list"), f"/api/sources?{ALL}", False),
    "sources.list_ledger by kind": (("sources", "list", "--kind", "statement"),
                                    f"/api/sources?kind=statement&{ALL}", False),
    "sources.show": (("sources", "show", "1"), "/api/sources/1", True),
    "verify.track_record": (("sources", "track-record"), f"/api/track-records?{ALL}", False),
    "verify.track_record rules": (("sources", "track-record", "--window", "3", "--threshold",
                                   "0.5", "--horizon", "30"),
                                  f"/api/track-records?window=3&threshold=0.5&horizon=30&{ALL}",
                                  False),
    "control.area": (("control", "area", "--period", "week", "--from", "2025-10-27"),
                     "/api/control/area?period=week&from=2025-10-27", False),
    "place_history.timeline": (("control", "timeline", POKROVSK), f"/api/places/{POKROVSK}/timeline",
                         False),
    "place_history.status": (("control", "status", POKROVSK, "--on", DAY),
                       f"/api/places/{POKROVSK}/status?on={DAY}", True),
    # the CLI resolves the name (``places.resolve_place``) to the record the API's id gives
    "place_history.timeline by name": (("control", "timeline", "Pokrovsk", "--oblast", "Donetsk"),
                                 f"/api/places/{POKROVSK}/timeline", False),
    "place_history.status by name": (("control", "status", "Покровськ", "--oblast", "Donetsk", "--on",
                                "2024-07-10"), f"/api/places/{POKROVSK}/status?on=2024-07-10",
                               True),
    "analysis.contradictions": (("contradictions",), f"/api/contradictions?{ALL}", False),
    "analysis.corroboration": (("corroboration",), f"/api/corroboration?{ALL}", False),
    "sources.persons": (("persons", "list"), f"/api/persons?{ALL}", False),
    "places.search": (("place", "search", "под Красноармейском", "--limit", "5"),
                      "/api/places/search?q=под Красноармейском&limit=5", False),
    "places.search in an oblast": (("place", "search", "Novoselivka", "--oblast", "Donetsk",
                                    "--limit", "20"),
                                   "/api/places/search?q=Novoselivka&oblast=Donetsk&limit=20",
                                   False),
    "figures.figures": (("figure", "list"), "/api/figures", False),
}


@pytest.mark.parametrize("job", sorted(JOBS))
def test_cli_json_equals_api_json(client, web_store, job):
    args, url, one = JOBS[job]
    cli = frontcheck(*args, "--format", "json", "--db", web_store)
    assert cli.returncode == 0, cli.stderr
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    api = answer.json()
    assert json.loads(cli.stdout) == ([api] if one else api)
    assert PROTECTED_NAME.casefold() not in cli.stdout.casefold()


def test_claims_have_records_to_compare(client):
    """The parity of ``claims list`` compares something: claims with their provenance and
    verdicts."""
    claims = client.get(f"/api/claims?{ALL}").json()
    assert len(claims) >= 10 and all(c["provenance"]["url"] for c in claims)
    assert len({c["verdict"]["verdict"] for c in claims if c["verdict"]}) >= 2


def _jobs_called_by_routes() -> set[str]:
    """``module.function`` of every ``frontcheck.app`` job the routes call."""
    routes = Path(__file__).resolve().parents[2] / "frontcheck" / "web" / "routes"
    called = set()
    for path in routes.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "frontcheck.app":
                aliases.update({a.asname or a.name: a.name for a in node.names})
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("frontcheck.app."):
                module = node.module.removeprefix("frontcheck.app.")
                aliases.update({a.asname or a.name: f"{module}.{a.name}" for a in node.names})
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id in aliases:
                if node.func.attr[0].islower():      # a job, not a record or options class
                    called.add(f"{aliases[node.func.value.id]}.{node.func.attr}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and "." in aliases.get(node.func.id, "") and node.func.id[0].islower():
                called.add(aliases[node.func.id])
    return called


#: Jobs a route calls that the CLI has no command for; or that a test of ``test_api.py``
#: compares with the CLI in its own shape (a witness's ``items``; a claim's verdict is
#: ``verify``'s record); or that only an admin may call through the API, which the
#: single-user store of these tests has none of (the audit log).
API_ONLY = {"claims.claim", "verify.check_claim", "verify.verdict_rules", "sources.publishers",
            "sources.publisher", "places.place", "places.labelled_places", "analysis.witness",
            "protection.audit_entries", "protection.audit_status",
            # the map's snapshots and geometry, which the CLI draws as charts, not records
            "control.snapshots", "control.snapshot", "control.sequence", "control.store_version",
            "control.layers", "control.changes",
            # the map's village labels and rivers (tests/web/test_map_layers.py checks them
            # against the gazetteer CSV); the CLI has no map
            "map_layers.view_options", "map_layers.places_in_view", "map_layers.cache_key"}


#: The analyst's product: ``tests/web/test_analysis_product.py`` compares the CLI's JSON with
#: the API's for ``ach show``, ``figure show``, ``acknowledgements`` and ``control claimed``;
#: the writes (new analysis, hypothesis, evidence, figure), the analyses and the saved
#: reports (no CLI list) answer with ids and names the same tests read back; briefs are HTML the CLI writes to a file
#: (``tests/web/test_report_product.py``); a footprint is drawn on the map only.
COMPARED_ELSEWHERE = {
    "ach.show_analysis", "figures.show_figure", "acknowledgements.acknowledgements",
    "claimed_control.claimed_control_on", "claimed_control.claimed_control_series",
    "ach.new_analysis", "ach.add_hypothesis", "ach.add_evidence", "ach.analyses",
    "figures.new_figure", "reports.build_brief", "reports.render_brief",
    "reports.saved_report", "reports.saved_reports", "places.place_footprint",
    # not a job: the brief route redacts the HTML it renders with the store's redactor
    "protection.redactor_for",
    # the Reports page's files: tests/web/test_product_pages.py compares them with the CLI's
    "reports.report", "exchange.stix_export", "exchange.case_export", "exchange.case_zip",
}


def test_every_shared_job_has_a_parity_case():
    cased = {job.split(" ")[0] for job in JOBS}
    missing = _jobs_called_by_routes() - cased - API_ONLY - COMPARED_ELSEWHERE
    assert not missing, f"jobs served by the API with no parity case: {sorted(missing)}"
