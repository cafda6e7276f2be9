"""The pure parts of briefs and exchange formats: claim filters, the brief's HTML and
Markdown, the case manifest and its check, TimeMap's shapes and the STIX bundle."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

import pytest
import stix2

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.claims.selection import ClaimSelection, parse_selection, select_claims
from frontcheck.errors import InputError
from frontcheck.render.case import MANIFEST, check_case, manifest_text, raw_member
from frontcheck.render.exchange import ExchangeClaim, ExchangeSource
from frontcheck.render.report import Brief, BriefSource, brief_html, brief_markdown
from frontcheck.render.report_charts import share_curve_svg
from frontcheck.render.stix import stix_bundle
from frontcheck.render.timemap import timemap_data


def test_a_filter_reads_back_what_it_writes():
    selection = parse_selection("type=territorial, actor=russia,from=2024-10-01,"
                                "to=2024-10-31,source=3;4,id=a;b,place=Vuhledar")
    assert selection == ClaimSelection("territorial", "russia", "Vuhledar", date(2024, 10, 1),
                                       date(2024, 10, 31), (3, 4), ("a", "b"))
    assert parse_selection(selection.text()) == selection
    assert parse_selection("") == ClaimSelection()


@pytest.mark.parametrize("text, message", [
    ("colour=red", "--claims: 'colour=red': give KEY=VALUE with a key of type, actor, place, "
                   "from, to, source, id"),
    ("type=rumour", "--claims: type='rumour' is not one of"),
    ("from=2024-13-01", "--claims: from='2024-13-01': give a date as YYYY-MM-DD"),
    ("source=x", "--claims: source='x': give source ids separated by ;"),
])
def test_a_bad_filter_is_one_error_naming_it(text, message):
    with pytest.raises(InputError) as caught:
        parse_selection(text)
    assert str(caught.value).startswith(message)


def test_claims_are_selected_by_every_part():
    place = PlaceRef("Угледар", "gn:1", "Vuhledar", "Donetsk", 37.2, 47.7)
    claims = [Claim("a", "territorial", actor="russia", place=place, source_id=1,
                    claim_date=date(2024, 10, 3)),
              Claim("b", "territorial", actor="ukraine", place=place, source_id=2,
                    claim_date=date(2024, 10, 2)),
              Claim("c", "quantity", source_id=1, claim_date=date(2024, 11, 1))]
    def pick(text: str) -> list[str]:
        return [c.id for c in select_claims(claims, parse_selection(text))]
    assert pick("") == ["a", "b", "c"]
    assert pick("place=vuhledar") == pick("place=Угледар") == pick("place=gn:1") == ["a", "b"]
    assert pick("actor=russia") == ["a"]
    assert pick("from=2024-10-03,to=2024-10-31") == ["a"]
    assert pick("source=1") == ["a", "c"]
    assert pick("type=quantity") == ["c"]


def _brief(**parts) -> Brief:
    return Brief(title="Elite <b>or</b> conscripts?", definition="--ach 1",
                 generated_on=date(2026, 1, 2), **parts)


def test_the_html_brief_escapes_what_sources_say():
    source = BriefSource(1, 7, "statement: <script>alert(1)</script>", "Pub | Co",
                         "javascript:alert(1)", "ab" * 32, "B2", date(2024, 10, 3))
    html = brief_html(_brief(question="Who <i>fought</i>?", sources=(source,)))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Elite &lt;b&gt;or&lt;/b&gt; conscripts?" in html
    assert 'href="javascript' not in html          # only http(s) links
    assert "sha256 " + "ab" * 32 in html and "grade B2" in html
    for heading in ("Question", "Hypotheses", "Matrix", "Sources"):
        assert f"<h2>{heading}</h2>" in html


def test_the_markdown_brief_keeps_cells_in_their_columns():
    evidence = ({"ref": "claim:x", "statement": "a | b\nc", "grade": "B2", "verdict": "n/a",
                 "weight": 0.5, "ratings": {"H1": "CC"}},)
    hypotheses = ({"hypothesis": "H1", "text": "Elite", "weighted_inconsistency": 0.0,
                   "rank": 1},)
    md = brief_markdown(_brief(question="Q", hypotheses=hypotheses, evidence=evidence,
                               source_numbers={"claim:x": 3}))
    row = next(line for line in md.splitlines() if line.startswith("| a"))
    assert row == "| a \\| b c | \\[3\\] | B2 | n/a | 0.50 | CC |"


def test_a_share_curve_marks_the_claim_and_the_change():
    svg = share_curve_svg([["2024-09-20", 0.1], ["2024-10-05", 0.95]], 0.85,
                          date(2024, 10, 2), date(2024, 10, 5))
    assert svg.startswith("<?xml") and "<svg" in svg
    assert share_curve_svg([], 0.85, None, None) is None
    again = share_curve_svg([["2024-09-20", 0.1], ["2024-10-05", 0.95]], 0.85,
                            date(2024, 10, 2), date(2024, 10, 5))
    assert again == svg                               # no date in the SVG: same data, same bytes


def _case() -> dict[str, bytes]:
    raw = b"id,text\n1,Vuhledar\n"
    files = {raw_member(hashlib.sha256(raw).hexdigest(), "../x/statements.csv"): raw,
             "claims.json": b"[]", "verdicts.json": b"[]"}
    return {**files, MANIFEST: manifest_text(files).encode()}


def test_an_intact_case_has_no_problem_and_sha256sum_reads_its_manifest():
    case = _case()
    assert check_case(case) == []
    first = case[MANIFEST].decode().splitlines()[0]
    assert first.split("  ")[1] == "claims.json" and len(first.split("  ")[0]) == 64
    assert next(p for p in case if p.startswith("sources/")).endswith("/statements.csv")


def test_each_tampering_is_one_line_naming_the_file():
    case = _case()
    raw = next(p for p in case if p.startswith("sources/"))
    changed = dict(case, **{"claims.json": b"[1]"})
    assert check_case(changed) == [
        f"claims.json: sha256 {hashlib.sha256(b'[1]').hexdigest()} does not match the "
        f"manifest's {hashlib.sha256(b'[]').hexdigest()}"]
    missing = {k: v for k, v in case.items() if k != "verdicts.json"}
    assert check_case(missing) == ["verdicts.json: listed in the manifest but missing from "
                                   "the bundle"]
    assert check_case(dict(case, extra=b"x")) == ["extra: in the bundle but not in the manifest"]
    broken = dict(case, **{raw: None})
    assert check_case(broken) == [f"{raw}: unreadable (its bytes were changed)"]
    # the raw file and its manifest line changed together: its path still names its hash
    forged = dict(case, **{raw: b"forged"})
    listed = {k: v for k, v in forged.items() if k != MANIFEST}
    forged[MANIFEST] = manifest_text(listed).encode()
    assert check_case(forged) == [f"{raw}: its bytes are not the source file ingested as "
                                  f"{raw.split('/')[1]}"]
    assert check_case({"claims.json": b""}) == [f"{MANIFEST}: missing; this is not a "
                                                "frontcheck case bundle"]


SOURCE = ExchangeSource(3, "statement: …", "statement", "Минобороны России", "POW-1",
                        "https://example.org/a", "cd" * 32, "statements.csv", "F6",
                        date(2024, 10, 3))
CLAIMS = [
    ExchangeClaim("c1", "territorial", "russia captured Vuhledar", "Угледар освобождён",
                  "Минобороны России", "russia", date(2024, 10, 3), date(2024, 10, 1),
                  "Vuhledar", "gn:1", 37.25, 47.78, 3, "https://example.org/a", "F6",
                  "corroborated", date(2024, 10, 2), -1, 0.9, "the map agrees"),
    ExchangeClaim("c2", "quantity", "troops dprk: 10000", "10,000 soldiers", "GUR", "dprk",
                  date(2024, 10, 20), None, "", None, None, None, None,
                  "https://news.example/b", "B2"),
    ExchangeClaim("c3", "attribute", "undated", "", "", "", None, None, "", None, None, None,
                  None, "", "F6"),
]


def test_timemap_data_has_the_shapes_timemap_validates():
    data = timemap_data(CLAIMS, [SOURCE])
    events, sources, associations = data["events"], data["sources"], data["associations"]
    assert [e["id"] for e in events] == ["c1", "c2"]          # c3: no date, no place
    first = events[0]
    assert first["date"] == "10/01/2024" and first["latitude"] == "47.780000"
    assert first["longitude"] == "37.250000" and first["description"]
    assert events[1]["latitude"] == events[1]["longitude"] == ""   # both or neither
    ids = {a["id"] for a in associations}
    assert all(set(e["associations"]) <= ids for e in events)
    assert "verdict/corroborated" in first["associations"]
    assert all({"id", "title", "mode"} <= set(a) and a["mode"] == "FILTER" for a in associations)
    assert set(sources) == {"source-3"} and first["sources"] == ["source-3"]
    assert isinstance(sources["source-3"]["paths"], list)
    assert "cd" * 32 in sources["source-3"]["notes"]
    assert all(isinstance(v, str) for e in events for k, v in e.items()
               if k not in ("associations", "sources"))
    json.dumps(data)


def test_the_stix_bundle_parses_back_strictly_with_every_reference_resolved():
    created = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    text = stix_bundle(CLAIMS, [SOURCE], "Kursk", created).serialize()
    bundle = stix2.parse(text, allow_custom=False)
    by_id = {o.id: o for o in bundle.objects}
    kinds = [o.type for o in bundle.objects]
    assert {"report", "note", "opinion", "location", "identity", "relationship"} <= set(kinds)
    refs = [r for o in bundle.objects for r in (
        list(o.get("object_refs", [])) + [o.get(k) for k in ("source_ref", "target_ref",
                                                              "created_by_ref") if o.get(k)])]
    assert refs and all(r in by_id for r in refs)
    report = next(o for o in bundle.objects if o.type == "report")
    assert set(report.object_refs) == set(by_id) - {report.id}
    opinion = next(o for o in bundle.objects if o.type == "opinion")
    assert opinion.opinion == "strongly-agree" and by_id[opinion.object_refs[0]].type == "note"
    note = by_id[opinion.object_refs[0]]
    assert note.external_references[0].hashes["SHA-256"] == "cd" * 32
    location = next(o for o in bundle.objects if o.type == "location")
    assert (location.latitude, location.longitude, location.name) == (47.78, 37.25, "Vuhledar")
    assert stix_bundle(CLAIMS, [SOURCE], "Kursk", created).serialize() == text
