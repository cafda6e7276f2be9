"""The leak test: as a viewer, nothing frontcheck prints or serves holds any form of a protected
person's name or detail.

Coverage: every API route enumerated from the app (``routes.api_requests``: every source,
claim, person and publisher the store holds, both methods, the unredacted flag asked for),
every CLI command that prints records (enumerated from the Typer app: a new command must be
added here or to ``NO_PERSON_DATA``) in table, JSON and CSV, and the demo's outputs
(``scripts/demo.sh``). The store is seeded so that the forms are there to leak
(``test_the_seeded_store_holds_every_form``), and an analyst's unredacted view shows them,
so the check can fail.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.conftest import ROOT
from tests.protect.conftest import (
    FORBIDDEN,
    frontcheck,
    leaked,
    leaked_from,
    source_id_of,
    squashed,
)
from tests.protect.routes import ANALYST_WRITES, api_requests, path_values

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FORMATS = ("table", "json", "csv")
#: Commands that print no person or source data (maps, places, charts, the server, writes).
NO_PERSON_DATA = {
    "control ingest", "control area", "control timeline", "control status", "control refresh",
    "place load",
    "place search", "chart area", "chart gains", "sources ingest", "sources reliability",
    "persons protect", "persons unprotect", "persons set-details", "claims import", "serve",
    "users add", "users set-role", "tokens create", "tokens revoke", "audit verify",
    # fetchers: they print counts, file paths, URLs and channel names; collected sources are
    # shown by `sources list`/`show`, which are checked above
    "data fetch", "control fetch deepstate", "sources collect feed", "sources collect telegram",
    # exports of the map history and of settlements' timelines
    "export control", "export timelines",
    # issue 13 writes: they print an id or a label (`figure new` prints what `figure show`
    # prints, checked above)
    "ach new", "ach hypothesis add", "ach evidence add", "figure new",
    # merge and split speakers: they print the identity joined or left, redacted as `alias list`
    "sources alias add", "sources alias remove",
    # prints the bundle's file names (raw files by hash and redacted name) and problems
    "case verify",
}
#: Commands that write briefs and exchange files (checked by ``test_no_file_output_leaks``).
FILE_OUTPUTS = ("report", "export stix", "export timemap", "export case")
#: Exports of claims, and the formats each writes (checked by ``test_no_export_leaks``).
EXPORTS = {"export claims": ("geojson", "gpkg", "csv", "parquet"),
           "export verdicts": ("geojson", "gpkg", "csv", "parquet"),
           "export acled": ("csv", "parquet")}
#: Commands that may print nothing here (no problem found, no users, no subject).
MAY_BE_EMPTY = {"sources verify-integrity", "users list", "tokens list", "witness"}


def _commands() -> list[str]:
    from tests.test_architecture import all_commands  # walks the lazily loaded groups

    return [name for name, _ in all_commands()]


def _cli_runs(store) -> list[tuple[str, tuple[str, ...]]]:
    """(command, arguments) for every command that prints records, with every id it takes."""
    values = path_values(store)
    runs = {"persons list": [()], "persons suggest": [()], "sources list": [()],
            "sources alias list": [()],
            "sources show": [(i,) for i in values["source_id"]], "claims list": [()],
            "claims extract": [("--all", "--quiet")],
            "verify": [("--all",)], "sources track-record": [()], "contradictions": [()],
            "corroboration": [()], "witness": [(p,) for p in ("POW-1", "POW-2", "DETAINEE-1")],
            "audit show": [()], "sources verify-integrity": [()], "users list": [()],
            "tokens list": [()],
            "ach show": [(i,) for i in values["analysis_id"]], "ach list": [()],
            "figure show": [("months_paid",)], "figure list": [()],
            "acknowledgements": [(v,) for v in ("North Korean troops", "Ri Jin-hyok")],
            "control claimed": [("--on", "2024-10-05")]}
    return [(command, args) for command, arg_sets in runs.items() for args in arg_sets]


def test_every_command_is_checked_or_prints_no_person_data(leak_store):
    checked = {command for command, _ in _cli_runs(leak_store)} | set(EXPORTS) | set(FILE_OUTPUTS)
    missing = set(_commands()) - checked - NO_PERSON_DATA
    assert not missing, f"add these commands to the leak test (or to NO_PERSON_DATA): {missing}"


def test_the_seeded_store_holds_every_form(leak_store):
    """The forms are in the store's texts (so a leak would show), and the persons are
    protected."""
    from frontcheck.store import schema as s
    from frontcheck.store.engine import open_engine

    with open_engine(leak_store) as engine, engine.connect() as connection:
        texts = " ".join(connection.scalars(select(s.source.c.text)))
        texts += " ".join(c.quote + " " + c.claimant for c in connection.execute(
            select(s.claim.c.quote, s.claim.c.claimant)))
        texts += " ".join(str(d) for d in connection.scalars(select(s.person.c.details)))
        protected = dict(connection.execute(select(s.person.c.name, s.person.c.pseudonym)
                                            .where(s.person.c.protected.is_(True))).all())
    assert set(leaked(texts)) == set(FORBIDDEN)
    assert protected == {"Ri Jin-hyok": "POW-1", "Чон Мін Хо": "POW-2",
                         "Дмитрий Кузьменко": "DETAINEE-1"}


def test_no_api_route_leaks(leak_client, leak_store, gazetteer_forms):
    requests = api_requests(leak_client.app, leak_store)
    answered: dict[str, set[int]] = {}
    problems = []
    for route, method, url, body in requests:
        for variant in (url, url + ("&" if "?" in url else "?") + "unredacted=1"):
            response = leak_client.request(method, variant, json=body)
            answered.setdefault(route, set()).add(response.status_code)
            found = leaked_from(route, response.text, gazetteer_forms)
            if found:
                problems.append(f"{method} {variant} ({response.status_code}): {found}")
            assert response.status_code < 500, (variant, response.text)
    assert not problems, "\n".join(problems)
    # every route gave data at least once (admins-only routes refuse a viewer)
    assert {r for r, codes in answered.items() if 200 not in codes} <= {
        "/api/audit", "/api/audit/verify", *(route for _, route in ANALYST_WRITES)}
    assert len(requests) > 60


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_cli_output_leaks(leak_store, fmt):
    problems = []
    for command, args in _cli_runs(leak_store):
        done = frontcheck(*command.split(), *args, "--format", fmt, "--db", leak_store)
        assert done.returncode == 0, (command, args, done.stderr)
        assert done.stdout.strip() or command in MAY_BE_EMPTY, (command, args)
        for stream in (done.stdout, done.stderr):
            if leaked(stream):
                problems.append(f"{command} {' '.join(args)} --format {fmt}: {leaked(stream)}")
    assert not problems, "\n".join(problems)


def test_no_export_leaks(leak_store, tmp_path):
    """Every claims export in every format, read back as a GIS user or a spreadsheet would
    read it (every cell of every column)."""
    import geopandas
    import pandas as pd

    problems = []
    for command, formats in EXPORTS.items():
        for fmt in formats:
            path = tmp_path / f"{command.split()[1]}.{fmt}"
            done = frontcheck(*command.split(), "--format", fmt, "--output", path,
                              "--db", leak_store)
            assert done.returncode == 0, (command, fmt, done.stderr)
            frame = (pd.read_csv(path, dtype=str) if fmt == "csv" else
                     geopandas.read_parquet(path) if fmt == "parquet" else
                     geopandas.read_file(path, engine="pyogrio"))
            assert len(frame), (command, fmt)
            text = " ".join(map(str, frame.drop(columns="geometry", errors="ignore")
                                .to_numpy().ravel()))
            if leaked(text + done.stderr):
                problems.append(f"{command} --format {fmt}: {leaked(text)}")
    assert not problems, "\n".join(problems)


def test_demo_outputs_do_not_leak(leak_store):
    """The commands of ``scripts/demo.sh`` that print, as the demo runs them."""
    script = (ROOT / "scripts" / "demo.sh").read_text(encoding="utf-8")
    later = script[script.index("# ==== Later issues"):]
    lines = [line.strip() for line in later.splitlines() if line.strip().startswith("frontcheck ")]
    printed = 0
    for line in lines:
        words = line.split('"${db[@]}"')[0].split()[1:]
        command = " ".join(w for w in words[:2] if not w.startswith("-"))
        if command.split()[0] in ("serve",) or command in NO_PERSON_DATA:
            continue
        args = [w for w in words if not w.startswith(("samples/", "tests/", "$", ">"))]
        done = frontcheck(*args, "--db", leak_store)
        assert done.returncode == 0, (line, done.stderr)
        assert not leaked(done.stdout + done.stderr), (line, leaked(done.stdout))
        printed += 1
    assert printed >= 6


def test_an_analyst_sees_the_forms_unredacted(leak_store, tmp_path):
    """The check has teeth: the same source, unredacted for an analyst with a reason, holds
    the forms the viewer never sees."""
    from tests.conftest import copy_store

    store = copy_store(leak_store, tmp_path / "store.sqlite")
    assert frontcheck("users", "add", "root", "--role", "admin", "--db", store).returncode == 0
    assert frontcheck("users", "add", "ana", "--role", "analyst", "--as-user", "root",
                      "--db", store).returncode == 0
    source_id = source_id_of(store, "kuzmenko-interview")
    shown = frontcheck("sources", "show", source_id, "--unredacted", "--reason", "leak test",
                       "--as-user", "ana", "--format", "json", "--db", store).stdout
    assert {"кузьменк", "новокузнец", "55555"} <= set(leaked(shown))
    redacted = frontcheck("sources", "show", source_id, "--format", "json", "--db", store).stdout
    assert leaked(redacted) == [] and "DETAINEE-1" in redacted
    assert re.search(r"\[home town of DETAINEE-1\]", redacted)
    assert squashed("[unit of DETAINEE-1]") in squashed(redacted)


def _file_texts(path) -> dict[str, str]:
    """The text a reader gets from each written file: a PDF's text layer (pypdf), every
    member of a zip, every file of a folder, else the file as UTF-8."""
    import zipfile

    from pypdf import PdfReader

    if path.is_dir():
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir())}
    if path.suffix == ".pdf":
        return {path.name: " ".join(page.extract_text() for page in PdfReader(path).pages)}
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}
    return {path.name: path.read_text(encoding="utf-8")}


def test_no_file_output_leaks(leak_store, tmp_path):
    """Briefs (HTML, Markdown, PDF, saved and new), the STIX bundle, the TimeMap files and
    the case bundle (raw files included) as a viewer gets them; they do quote the prisoners,
    by pseudonym."""
    runs = [("report", ("--saved", "leak-brief"), name) for name in
            ("brief.html", "brief.md", "brief.pdf")]
    runs += [("report", ("--claims", ""), "all.pdf"), ("export stix", (), "bundle.json"),
             ("export timemap", (), "timemap"), ("export case", (), "case.zip")]
    problems, seen = [], ""
    for command, args, name in runs:
        done = frontcheck(*command.split(), *args, "--output", tmp_path / name,
                          "--db", leak_store)
        assert done.returncode == 0, (command, done.stderr)
        for member, text in _file_texts(tmp_path / name).items():
            seen += text
            if leaked(text + done.stderr):
                problems.append(f"{command} {name} {member}: {leaked(text + done.stderr)}")
    assert not problems, "\n".join(problems)
    assert "POW-1" in seen and "DETAINEE-1" in seen


def test_a_case_withholds_raw_files_naming_a_person_but_an_analyst_with_a_reason_gets_them(
        leak_store, tmp_path):
    """The case bundle's teeth: a viewer's bundle lists the raw files that name a protected
    person as withheld (with their hash); an analyst who gives a reason gets their bytes,
    which do hold the names, and the audit log says so first."""
    import json
    import zipfile

    from tests.conftest import copy_store

    store = copy_store(leak_store, tmp_path / "store.sqlite")           # with its raw files
    assert frontcheck("users", "add", "root", "--role", "admin", "--db", store).returncode == 0
    assert frontcheck("users", "add", "ana", "--role", "analyst", "--as-user", "root",
                      "--db", store).returncode == 0
    claims = "id=P-001;P-002;P-003;P-004"
    viewer = tmp_path / "viewer.zip"
    assert frontcheck("export", "case", "--claims", claims, "--output", viewer,
                      "--db", store).returncode == 0
    with zipfile.ZipFile(viewer) as archive:
        withheld = json.loads(archive.read("withheld.json"))
        raw = [n for n in archive.namelist() if n.startswith("sources/")]
    assert withheld and all(len(w["sha256"]) == 64 for w in withheld)
    analyst = tmp_path / "analyst.zip"
    done = frontcheck("export", "case", "--claims", claims, "--unredacted", "--reason",
                      "court filing", "--as-user", "ana", "--output", analyst, "--db", store)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(analyst) as archive:
        assert json.loads(archive.read("withheld.json")) == []
        full = [n for n in archive.namelist() if n.startswith("sources/")]
        texts = " ".join(archive.read(n).decode("utf-8", "replace") for n in full)
        audit = [json.loads(line) for line in archive.read("audit.jsonl").splitlines()]
    assert len(full) == len(raw) + len(withheld) and leaked(texts)
    assert audit[-1]["action"] == "unredacted_view" and audit[-1]["reason"] == "court filing"
    assert frontcheck("case", "verify", analyst).returncode == 0
