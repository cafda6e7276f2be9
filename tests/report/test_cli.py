"""``frontcheck report``, ``export stix|timemap|case`` and ``case verify`` on the sample
statements and articles: real files read back by the real libraries and tools (WeasyPrint's
PDF through poppler's pdftoppm and pdftotext, STIX through ``stix2.parse``, zips through
``zipfile``), bad input as one line, and a tampered bundle caught naming the file."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
import stix2
from PIL import Image
from typer.testing import CliRunner

from frontcheck.cli.main import app
from tests.analysis.test_cli import frontcheck
from tests.conftest import ROOT, copy_store

SAMPLES = ROOT / "samples"


def cli(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def ok(*args: object) -> str:
    done = cli(*args)
    assert done.exit_code == 0, (args, done.stdout, done.stderr, done.exception)
    return done.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample statements and articles, claims extracted, an analysis with two
    hypotheses and three evidence items, a figure."""
    db = tmp_path_factory.mktemp("report") / "store.sqlite"
    ok("sources", "ingest", SAMPLES / "statements" / "statements.csv", SAMPLES / "articles",
       "--db", db)
    ok("claims", "extract", "--all", "--quiet", "--db", db)
    claims = json.loads(ok("claims", "list", "--format", "json", "--db", db))
    ok("ach", "new", "Elite or conscripts?", "--db", db)
    ok("ach", "hypothesis", "add", "1", "Elite", "--db", db)
    ok("ach", "hypothesis", "add", "1", "Conscripts", "--db", db)
    for claim in [c for c in claims if c["type"] == "quantity"][:3]:
        ok("ach", "evidence", "add", "1", "--claim", claim["id"], "--rate", "H1=C,H2=I",
           "--db", db)
    troops = next(c for c in claims if c["type"] == "quantity" and "10,000" in c["quote"])
    ok("figure", "new", "men_months", "--expr", "troops * months", "--input",
       f"troops={troops['id']}", "--input", "months=12", "--db", db)
    return db


def pdf_page_png(pdf: Path, tmp_path: Path) -> Image.Image:
    """Page 1 as a PNG, drawn by poppler."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("L")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_a_saved_brief_in_three_formats_regenerates_with_the_store(store, tmp_path):
    db = copy_store(store, tmp_path / "store.sqlite")
    ok("report", "--ach", "1", "--claims", "type=territorial", "--figure", "men_months",
       "--save", "kursk", "--output", tmp_path / "brief.pdf", "--db", db)
    for name in ("brief.html", "brief.md"):
        ok("report", "--saved", "kursk", "--output", tmp_path / name, "--db", db)
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    for heading in ("Question", "Hypotheses", "Matrix", "Derived figures", "Verdicts",
                    "Sources"):
        assert f"<h2>{heading}</h2>" in html and f"## {heading}" in md
    assert "--ach 1 --claims type=territorial --figure men_months" in html
    assert html.count("<li value=") >= 3 and "sha256 " in html
    text = pdf_text(tmp_path / "brief.pdf")
    for heading in ("Elite or conscripts?", "Question", "Matrix", "Derived figures",
                    "Verdicts", "Sources"):
        assert heading in text
    page = pdf_page_png(tmp_path / "brief.pdf", tmp_path)
    pixels = np.asarray(page)
    assert pixels.shape[1] > 300 and (pixels < 128).mean() > 0.005   # ink on the page
    # the saved query is live: one more evidence item shows in the regenerated brief
    claims = json.loads(ok("claims", "list", "--type", "participation", "--format", "json",
                           "--db", db))
    ok("ach", "evidence", "add", "1", "--claim", claims[0]["id"], "--rate", "H1=I,H2=CC",
       "--db", db)
    ok("report", "--saved", "kursk", "--output", tmp_path / "again.html", "--db", db)
    again = (tmp_path / "again.html").read_text(encoding="utf-8")
    def rows(page: str) -> int:
        return page.split("<h2>Matrix</h2>")[1].split("</table>")[0].count("<tr>")
    assert rows(again) == rows(html) + 1


@pytest.mark.parametrize("args, line", [
    (("--ach", "1", "--output", "{tmp}/brief.txt"),
     "Error: {tmp}/brief.txt: --output: give a file ending in .html, .md or .pdf"),
    (("--output", "{tmp}/brief.html"), "Error: --ach: give --ach ID, --claims FILTER or "
                                       "--saved NAME"),
    (("--saved", "nope", "--output", "{tmp}/brief.html"),
     "Error: no saved report called 'nope'; save one with `frontcheck report ... --save NAME`"),
    (("--claims", "colour=red", "--output", "{tmp}/brief.html"),
     "Error: --claims: 'colour=red': give KEY=VALUE with a key of type, actor, place, from, "
     "to, source, id"),
    (("--ach", "9", "--output", "{tmp}/brief.html"),
     "Error: no analysis with id 9; see `frontcheck ach list`"),
])
def test_bad_report_input_is_one_line_and_writes_nothing(store, tmp_path, args, line):
    done = frontcheck("report", *(a.format(tmp=tmp_path) for a in args), "--db", str(store))
    assert (done.returncode, done.stderr.strip()) == (1, line.format(tmp=tmp_path))
    assert not list(tmp_path.glob("brief.*"))


def test_stix_bundle_parses_back_strictly(store, tmp_path):
    ok("export", "stix", "--claims", "type=territorial", "--output", tmp_path / "b.json",
       "--db", store)
    bundle = stix2.parse((tmp_path / "b.json").read_text(encoding="utf-8"), allow_custom=False)
    by_id = {o.id: o for o in bundle.objects}
    notes = [o for o in bundle.objects if o.type == "note"]
    claims = json.loads(ok("claims", "list", "--type", "territorial", "--format", "json",
                           "--db", store))
    assert len(notes) == len(claims)
    assert len([o for o in bundle.objects if o.type == "opinion"]) == len(claims)
    for o in bundle.objects:
        for ref in [*o.get("object_refs", []), o.get("source_ref"), o.get("target_ref")]:
            assert ref is None or ref in by_id, (o.id, ref)
    assert any(o.type == "location" and o.name == "Vuhledar" for o in bundle.objects)
    assert any(o.type == "identity" and o.identity_class == "organization"
               for o in bundle.objects)


def test_timemap_files(store, tmp_path):
    ok("export", "timemap", "--output", tmp_path / "tm", "--db", store)
    files = {p.name: json.loads(p.read_text(encoding="utf-8"))
             for p in (tmp_path / "tm").iterdir()}
    assert set(files) == {"events.json", "sources.json", "associations.json"}
    events, sources = files["events.json"], files["sources.json"]
    assert events and all(e["description"] and isinstance(e["associations"], list)
                          for e in events)
    assert {s for e in events for s in e["sources"]} <= set(sources)
    assert all(isinstance(s["paths"], list) for s in sources.values())
    done = frontcheck("export", "timemap", "--output", str(tmp_path / "tm"), "--db", str(store))
    assert done.returncode == 1 and "already exists; give --overwrite" in done.stderr


def test_a_case_bundle_verifies_and_a_changed_byte_is_named(store, tmp_path):
    case = tmp_path / "case.zip"
    ok("export", "case", "--claims", "type=territorial", "--output", case, "--db", store)
    with zipfile.ZipFile(case) as archive:
        names = archive.namelist()
        members = {n: archive.read(n) for n in names}
    assert {"MANIFEST.sha256", "claims.json", "verdicts.json", "sources.json",
            "audit.jsonl"} <= set(names)
    raw = [n for n in names if n.startswith("sources/")]
    assert raw and all(n.split("/")[1] in members["MANIFEST.sha256"].decode() for n in raw)
    assert json.loads(members["audit.jsonl"].splitlines()[-1])["target"] == "claims:case"
    done = frontcheck("case", "verify", str(case))
    assert done.returncode == 0 and "every file matches the manifest" in done.stdout
    # another machine: a copy elsewhere, one byte of one member changed (zip rewritten)
    tampered = tmp_path / "elsewhere" / "case.zip"
    tampered.parent.mkdir()
    victim = raw[0]
    with zipfile.ZipFile(tampered, "w") as archive:
        for name, data in members.items():
            if name == victim:
                data = bytes([data[0] ^ 1]) + data[1:]
            archive.writestr(name, data)
    done = frontcheck("case", "verify", str(tampered))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"{tampered}: {victim}: sha256 " +
                                        done.stderr.split("sha256 ")[1].split()[0] +
                                        f" does not match the manifest's {victim.split('/')[1]}"]
    # one byte flipped inside the zip file itself: zip's CRC fails, the member is named
    flipped = tmp_path / "flipped.zip"
    shutil.copy(case, flipped)
    data = bytearray(flipped.read_bytes())
    with zipfile.ZipFile(case) as archive:
        info = archive.getinfo("claims.json")
    data[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF
    flipped.write_bytes(bytes(data))
    done = frontcheck("case", "verify", str(flipped))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "claims.json" in done.stderr


def test_unredacted_raw_files_need_an_analyst_and_a_reason(store, tmp_path):
    db = copy_store(store, tmp_path / "store.sqlite")
    ok("users", "add", "root", "--role", "admin", "--db", db)
    ok("users", "add", "vic", "--role", "viewer", "--as-user", "root", "--db", db)
    done = frontcheck("export", "case", "--unredacted", "--reason", "court", "--as-user", "vic",
                      "--output", str(tmp_path / "c.zip"), "--db", str(db))
    assert done.returncode == 1 and "only an analyst or an admin" in done.stderr
    audit = json.loads(ok("audit", "show", "--format", "json", "--db", db))
    assert [(a["action"], a["actor"]) for a in audit][-1] == ("unredacted_denied", "vic")
    done = frontcheck("export", "case", "--unredacted", "--as-user", "root",
                      "--output", str(tmp_path / "c.zip"), "--db", str(db))
    assert done.returncode == 1 and "a reason is required" in done.stderr
    assert not (tmp_path / "c.zip").exists()
