"""Contradictions on plain records, where the right answer is plain; the date sweep against a
brute-force pairing; the ``contradictions`` command end to end."""

from __future__ import annotations

import itertools
import json
import random
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from frontcheck.claims.model import Claim, PlaceRef
from frontcheck.cli.main import app
from frontcheck.verify.comparison import (
    CONFLICTS,
    ComparisonRules,
    SourcedClaim,
    SourceInfo,
    relation,
    subject_key,
)
from frontcheck.verify.contradictions import find_contradictions
from tests.cli.test_control_cli import frontcheck
from tests.verify.records import attribute, quantity, source, territorial

MOD, GS, TG, DAILY = source(1, "Минобороны России"), source(2, "Генштаб ЗСУ"), \
    source(3, "Сводки с передка", kind="telegram_post"), source(4, "Sample Daily", kind="article")


def kinds(items, **rules) -> list[tuple[str, str, str]]:
    return [(c.type, c.claim_a, c.claim_b)
            for c in find_contradictions(items, ComparisonRules(**rules))]


@pytest.mark.parametrize("a, b, expected", [
    # the example: 100 vs 200 soldiers on a ship
    ((100, 100, 100), (200, 200, 200), "numeric"),
    ((450, 500, 550), (180, 200, 220), "numeric"),
    ((90, 100, 110), (0, 100, 100), None),          # "about 100" and "up to 100" overlap
    ((100, 125, 150), (150, 175, 200), None),       # touching ranges overlap
    ((101, 110, 150), (27, 30, 33), "numeric"),     # "more than 100" vs "about 30"
])
def test_numeric_when_ranges_do_not_overlap(a, b, expected):
    items = [quantity("a", MOD, *a, made="2025-01-06"), quantity("b", GS, *b, made="2025-01-07")]
    assert kinds(items) == ([(expected, "a", "b")] if expected else [])


def test_quantities_of_other_kinds_sides_or_times_are_not_compared():
    base = quantity("a", MOD, 100, 100, 100, made="2025-01-06", kind="killed", side="ukraine")
    assert kinds([base, quantity("b", GS, 900, 900, 900, made="2025-01-06", kind="wounded",
                                 side="ukraine")]) == []
    assert kinds([base, quantity("b", GS, 900, 900, 900, made="2025-01-06", kind="killed",
                                 side="russia")]) == []
    # daily tallies three weeks apart are different events, not a contradiction
    assert kinds([base, quantity("b", GS, 900, 900, 900, made="2025-01-27", kind="killed",
                                 side="ukraine")]) == []
    assert kinds([base, quantity("b", GS, 900, 900, 900, made="2025-01-10", kind="killed",
                                 side="ukraine")]) == [("numeric", "a", "b")]


def test_negation_of_training_and_same_source_pairs_are_skipped():
    feb = source(11, "Desk", kind="interview", author="POW-1")
    october = source(12, "Desk", kind="interview", author="POW-1")
    trained = attribute("feb", feb, "training", 14, claimant="POW-1")
    untrained = attribute("oct", october, "training", None, negated=True, claimant="POW-1",
                          made="2025-10-02")
    assert kinds([trained, untrained]) == [("negation", "feb", "oct")]
    same_source = attribute("oct2", feb, "training", None, negated=True, claimant="POW-1")
    assert kinds([trained, same_source]) == []


def test_attributes_of_unidentified_or_different_persons_are_not_paired():
    pow1 = source(11, "Desk", kind="interview", author="POW-1")
    pow2 = source(12, "Desk", kind="interview", author="POW-2")
    briefing = source(13, "ГУР МО України", author="Олег Кравчук")
    assert kinds([attribute("a", pow1, "training", 14, claimant="POW-1"),
                  attribute("b", pow2, "training", None, negated=True, claimant="POW-2")]) == []
    # "his unit had a week's training", said of a prisoner the briefing does not identify
    assert kinds([attribute("a", pow1, "training", 14, claimant="POW-1"),
                  attribute("c", briefing, "training", 7, subject="person",
                            claimant="GUR")]) == []


@pytest.mark.parametrize("a_days, b_days, expected", [
    (14, 7, "numeric"),      # two weeks vs a week
    (14, 30, "numeric"),
    (14, 15, None),          # within a quarter
    (None, 14, None),        # "trained" and "trained two weeks" agree
])
def test_training_lengths(a_days, b_days, expected):
    one = source(11, "Desk", kind="interview", author="POW-1")
    two = source(12, "Monitor", kind="interview", author="POW-1")
    items = [attribute("a", one, "training", a_days, claimant="POW-1"),
             attribute("b", two, "training", b_days, claimant="POW-1", made="2025-06-10")]
    assert kinds(items) == ([(expected, "a", "b")] if expected else [])


def test_value_conflicts_only_between_exclusive_positive_values():
    one = source(11, "Desk", kind="interview", author="POW-1")
    two = source(12, "Monitor", kind="interview", author="POW-1")
    conscript = attribute("a", one, "service_basis", "conscription", claimant="POW-1")
    contract = attribute("b", two, "service_basis", "contract", claimant="POW-1")
    no_contract = attribute("c", two, "service_basis", "contract", negated=True, claimant="POW-1")
    assert kinds([conscript, contract]) == [("value", "a", "b")]
    assert kinds([conscript, no_contract]) == []


@pytest.mark.parametrize("a, b, expected", [
    (("2024-10-01", "day"), ("2024-10-05", "day"), "temporal"),
    (("2024-10-01", "day"), ("2024-10-02", "day"), None),        # a day's slack
    (("2024-10-01", "month"), ("2024-10-20", "day"), None),      # "in October"
    (("2024-10-01", "week"), ("2024-10-09", "day"), "temporal"),  # two days after that week
    (("2024-08-10", "day"), ("2024-12-06", "day"), None),        # another event months later
])
def test_temporal_for_one_change_of_control_on_different_dates(a, b, expected):
    items = [territorial("a", MOD, "russia", "captured", "Vuhledar", a[0], a[0], a[1]),
             territorial("b", TG, "russia", "captured", "Vuhledar", b[0], b[0], b[1])]
    assert kinds(items) == ([(expected, "a", "b")] if expected else [])


def test_actor_conflicts_and_compatible_denials():
    took = territorial("a", MOD, "russia", "captured", "Vuhledar", "2024-10-03")
    assert kinds([took, territorial("b", GS, "ukraine", "liberated", "Vuhledar",
                                    "2024-10-04")]) == [("actor", "a", "b")]
    # the DPRK's gain is Russian control, yet the actor differs
    assert kinds([territorial("a", TG, "dprk", "recaptured", "Plekhovo", "2024-12-07"),
                  territorial("b", MOD, "russia", "captured", "Plekhovo",
                              "2024-12-08")]) == [("actor", "a", "b")]
    # a withdrawal of Ukraine is Russian control: agreement, not a conflict
    assert kinds([took, territorial("b", GS, "ukraine", "withdrew", "Vuhledar",
                                    "2024-10-02")]) == []
    # "Ukraine did not retake it" is compatible with "Russia took it"
    assert kinds([took, territorial("b", GS, "ukraine", "recaptured", "Vuhledar",
                                    "2024-10-04", negated=True)]) == []
    # another place is another subject
    assert kinds([took, territorial("b", GS, "ukraine", "liberated", "Kurakhove",
                                    "2024-10-04")]) == []


def test_denial_of_a_capture_relayed_by_several_channels_is_listed_once():
    cluster = [territorial(f"t{n}", source(20 + n, f"channel {n}", kind="telegram_post"),
                           "dprk", "recaptured", "Plekhovo", f"2024-12-0{6 + n}",
                           cluster="t0") for n in range(3)]
    denial = territorial("d", DAILY, "russia", "captured", "Plekhovo", "2024-12-17",
                         event="2024-12-06", negated=True, claimant="Ukraine")
    assert kinds([*cluster, denial]) == [("negation", "d", "t0")]


def test_kinds_filter_and_order():
    items = [quantity("n1", MOD, 100, 100, 100, made="2025-01-06"),
             quantity("n2", GS, 200, 200, 200, made="2025-01-06"),
             territorial("t1", MOD, "russia", "captured", "Vuhledar", "2024-10-03"),
             territorial("t2", GS, "russia", "captured", "Vuhledar", "2024-10-03", negated=True)]
    assert [c.type for c in find_contradictions(items)] == ["numeric", "negation"]
    assert [c.type for c in find_contradictions(items, kinds=["negation"])] == ["negation"]
    pair = find_contradictions(items, kinds=["numeric"])[0]
    assert (pair.source_a, pair.source_b, pair.publisher_a, pair.quote_b) == \
        (1, 2, "Минобороны России", "200 people transport")


def _random_items(seed: int, n: int) -> list[SourcedClaim]:
    rng = random.Random(seed)
    start = date(2024, 9, 1)
    out = []
    for i in range(n):
        src = SourceInfo(f"source:{rng.randrange(8)}", kind=rng.choice(["statement", "interview"]),
                         author="W" if rng.random() < 0.5 else "", source_id=i)
        made = start + timedelta(days=rng.randrange(120))
        event = made - timedelta(days=rng.randrange(5)) if rng.random() < 0.6 else None
        precision = rng.choice(["day", "day", "week", "month"]) if event else "none"
        kind = rng.choice(["territorial", "quantity", "attribute"])
        common = dict(source_id=i, claim_date=made, event_date=event, date_precision=precision,
                      negated=rng.random() < 0.2, claimant=rng.choice(["W", ""]))
        if kind == "territorial":
            claim = Claim(f"c{i}", kind, actor=rng.choice(["russia", "ukraine", "dprk"]),
                          action=rng.choice(["captured", "liberated", "withdrew", "advanced"]),
                          place=PlaceRef("p", id=rng.choice(["gn:1", "gn:2"])), **common)
        elif kind == "quantity":
            low = rng.randrange(0, 300, 10)
            claim = Claim(f"c{i}", kind, fields={"kind": "killed", "unit": "people", "low": low,
                                                 "best": low + 10, "high": low + 40}, **common)
        else:
            claim = Claim(f"c{i}", kind, fields={"subject": "speaker", "predicate": "training",
                                                 "value": rng.choice([None, 7, 14, 30])}, **common)
        out.append(SourcedClaim(claim, src))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_date_sweep_finds_what_every_pair_would(seed):
    items = _random_items(seed, 160)
    rules = ComparisonRules()
    brute = set()
    for a, b in itertools.combinations(items, 2):
        if a.source.key != b.source.key and subject_key(a) is not None:
            kind = relation(a, b, rules)
            if kind in CONFLICTS:
                brute.add((kind, *sorted((a.claim.id, b.claim.id))))
    found = {(c.type, *sorted((c.claim_a, c.claim_b))) for c in find_contradictions(items, rules)}
    assert found == brute and len(brute) > 5


def test_contradictions_command(analysis_store):
    result = frontcheck("contradictions", "--format", "json", "--db", analysis_store.db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    pairs = {(r["type"], r["claim_a"], r["claim_b"]) for r in rows}
    ids = analysis_store.ids
    assert ("numeric", ids["ship_feb"], ids["ship_jun"]) in pairs
    assert ("numeric", ids["ship_feb"], ids["ship_oct"]) in pairs
    assert ("negation", ids["trained_feb"], ids["untrained_oct"]) in pairs
    # the denial names the day of the claim it denies (6 December), the earlier date
    assert ("negation", ids["plekhovo_denied"], ids["plekhovo_tg"]) in pairs
    # a channel's forward of the Ministry and the Ministry's own words are not in conflict
    assert not any(ids["vuhledar_tg"] in (r["claim_a"], r["claim_b"]) for r in rows)
    # the briefing's prisoner (another person) is never paired with POW-1's training
    assert not any(ids["briefing_training"] in (r["claim_a"], r["claim_b"]) for r in rows)
    ship = next(r for r in rows if r["claim_b"] == ids["ship_jun"])
    assert set(ship) >= {"type", "subject", "claim_a", "claim_b", "source_a", "source_b",
                         "publisher_a", "publisher_b", "grade_a", "grade_b", "quote_a", "quote_b"}
    assert "500 men on one ship" in ship["quote_a"]
    assert ship["publisher_b"] == "Sample Rights Monitor"
    assert "Ri Jin-hyok" not in result.stdout + result.stderr
    runner = CliRunner()
    only = runner.invoke(app, ["contradictions", "--type", "negation", "--format", "csv", "--db",
                               str(analysis_store.db)])
    assert only.exit_code == 0, only.output
    lines = only.stdout.splitlines()
    assert lines[0].startswith("type,subject,claim_a,claim_b,source_a,source_b")
    assert len(lines) > 1 and all(line.startswith("negation,") for line in lines[1:])
    bad = runner.invoke(app, ["contradictions", "--type", "spatial", "--db",
                              str(analysis_store.db)])
    assert bad.exit_code == 2


def test_of_two_reports_of_one_interview_that_disagree_neither_is_the_odd_one(tmp_path):
    """A wish rendered 'nodded' by one outlet and 'shook his head' by another is a rendering
    conflict; the first report's wish still counts against the witness's later wish."""
    from frontcheck.verify.comparison import SourcedClaim, SourceInfo

    def wish(n, value, negated, said_on, publisher):
        c = Claim(f"w{n}", "testimony", claimant="POW-1", negated=negated, quote=str(value),
                  fields={"topic": "intent", "facet": "wish", "value": value,
                          "voice": "reported"})
        return SourcedClaim(c, SourceInfo(f"source:{n}", source_id=n, publisher=publisher,
                                          kind="interview", author="POW-1", said_on=said_on,
                                          published_on=said_on))
    items = [wish(1, "return", False, date(2025, 1, 11), "BBC"),
             wish(2, "return", True, date(2025, 1, 11), "Yonhap"),
             wish(3, "third_country", False, date(2025, 2, 18), "Chosun Ilbo")]
    found = {(c.claim_a, c.claim_b, c.type) for c in find_contradictions(items)}
    assert ("w1", "w2", "rendering") in found
    assert ("w1", "w3", "stance") in found
