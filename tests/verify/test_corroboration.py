"""Corroboration on plain records: independence of sources (forwards, clusters, citations,
one witness), for and against, windows, grades; and the ``corroboration`` command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from frontcheck.cli.main import app
from frontcheck.errors import NotFoundError
from frontcheck.verify.comparison import ComparisonRules
from frontcheck.verify.corroboration import corroborate, origin_groups, origin_name
from tests.cli.test_control_cli import frontcheck
from tests.verify.records import attribute, quantity, source, territorial

MOD = source(1, "Минобороны России", "C3")
GS = source(2, "Генштаб ЗСУ", "B2")
DAILY = source(4, "Sample Daily", "B3", kind="article", author="Maria Kovalenko")
GUR = source(5, "ГУР МО України", "B2", author="Олег Кравчук")


def relay(n: int, channel: str, grade: str = "F6", forwarded_from: str = "Минобороны России"):
    return source(n, channel, grade, kind="telegram_post", author=channel,
                  forwarded_from=forwarded_from)


def one(items, claim_id: str, **rules):
    [found] = corroborate(items, ComparisonRules(**rules), [claim_id])
    return found


def origins(sources) -> list[str]:
    return [s.origin for s in sources]


def test_forwards_of_one_statement_are_one_source():
    took = [territorial("mod", MOD, "russia", "liberated", "Vuhledar", "2024-10-03",
                        claimant="Минобороны России")]
    took += [territorial(f"fw{n}", relay(10 + n, f"channel {n}"), "russia", "liberated",
                         "Vuhledar", "2024-10-03", claimant=f"channel {n}") for n in range(3)]
    took.append(territorial("gs", GS, "ukraine", "withdrew", "Vuhledar", "2024-10-02",
                            claimant="Генштаб ЗСУ"))
    found = one(took, "fw1")
    assert (found.independent_for, found.repeats, found.origin) == (1, 3, "Russian MoD")
    assert origins(found.sources_for) == ["Ukrainian General Staff"]
    assert found.sources_for[0].grade == "B2"
    # and from the General Staff's side, the Ministry and its three relays are one source
    found = one(took, "gs")
    assert (found.independent_for, found.repeats) == (1, 0)
    [mod] = found.sources_for
    assert (mod.origin, mod.grade, len(mod.claims)) == ("Russian MoD", "C3", 4)


def test_a_cluster_of_re_posts_counts_once():
    posts = [territorial(f"p{n}", source(20 + n, f"repost {n}", kind="telegram_post"), "dprk",
                         "recaptured", "Plekhovo", "2024-12-07", cluster="p0")
             for n in range(4)]
    other = territorial("x", source(30, "Another channel", kind="telegram_post"), "dprk",
                        "recaptured", "Plekhovo", "2024-12-08")
    found = one([*posts, other], "x")
    assert found.independent_for == 1 and len(found.sources_for[0].claims) == 4


def test_an_article_citing_an_agency_adds_no_second_source():
    briefing = quantity("gur", GUR, 0, 60, 60, made="2025-01-12", kind="killed", side="dprk",
                        claimant="GUR")
    article = quantity("art", DAILY, 30, 40, 60, made="2025-01-13", kind="killed", side="dprk",
                       claimant="GUR")
    nis = quantity("nis", source(6, "Yonhap", "B2", kind="article"), 40, 50, 55,
                   made="2025-01-14", kind="killed", side="dprk", claimant="NIS")
    assert origin_name(article) == origin_name(briefing) == "GUR"
    found = one([briefing, article, nis], "gur")
    assert (found.independent_for, found.repeats, origins(found.sources_for)) == (1, 1, ["NIS"])


def test_one_witness_in_several_interviews_is_one_source():
    feb = source(11, "Desk", kind="interview", author="POW-1")
    jun = source(12, "Monitor", kind="interview", author="POW-1")
    other = source(13, "Desk", kind="interview", author="POW-7")
    items = [attribute("a", feb, "training", 14, claimant="POW-1"),
             attribute("b", jun, "training", 14, claimant="POW-1", made="2025-06-10")]
    found = one(items, "a")
    assert (found.independent_for, found.repeats) == (0, 1)
    # POW-7 speaks of his own training: another subject, neither for nor against
    assert one([*items, attribute("c", other, "training", 14, claimant="POW-7")],
               "a").independent_for == 0
    assert origin_groups(items) == [0, 0]


def test_against_denial_other_controller_and_conflicting_figures():
    took = territorial("tg", relay(3, "Сводки с передка", forwarded_from=""), "dprk",
                       "recaptured", "Plekhovo", "2024-12-07", claimant="Сводки с передка")
    denied = territorial("d", DAILY, "russia", "captured", "Plekhovo", "2024-12-17",
                         event="2024-12-06", negated=True, claimant="Ukraine")
    reply = territorial("r", relay(7, "Сводки с передка", forwarded_from=""), "russia",
                        "captured", "Plekhovo", "2024-12-07", negated=True, claimant="Ukraine")
    retaken = territorial("u", GS, "ukraine", "liberated", "Plekhovo", "2024-12-08")
    marines = territorial("m", MOD, "russia", "captured", "Plekhovo", "2024-12-08")
    found = one([took, denied, reply, retaken, marines], "tg")
    # Ukraine's denial, in the article and in the channel's reply, is one source against
    assert sorted(origins(found.sources_against)) == ["Ukraine", "Ukrainian General Staff"]
    ukraine = next(s for s in found.sources_against if s.origin == "Ukraine")
    assert {c.claim_id for c in ukraine.claims} == {"d", "r"}
    assert {c.relation for c in ukraine.claims} == {"negation"}
    # Russian marines taking it is another actor, but the same side in control: for
    assert origins(found.sources_for) == ["Russian MoD"]
    assert found.sources_for[0].claims[0].relation == "actor"
    figures = [quantity("a", MOD, 100, 100, 100, made="2025-01-06"),
               quantity("b", GS, 200, 200, 200, made="2025-01-06")]
    assert one(figures, "a").independent_against == 1


def test_window_bounds_support_in_time():
    took = territorial("a", MOD, "russia", "liberated", "Kurakhove", "2025-01-06")
    late = territorial("b", GS, "ukraine", "withdrew", "Kurakhove", "2025-01-20")
    assert one([took, late], "a").independent_for == 0
    assert one([took, late], "a", window_days=14).independent_for == 1


def test_best_grade_of_an_origin_and_order():
    took = territorial("x", GS, "ukraine", "withdrew", "Vuhledar", "2024-10-02")
    relays = [territorial("m1", relay(40, "weak channel", "E5"), "russia", "liberated",
                          "Vuhledar", "2024-10-03"),
              territorial("m2", MOD, "russia", "liberated", "Vuhledar", "2024-10-03"),
              territorial("i", source(41, "ISW", "A2", kind="report"), "russia", "captured",
                          "Vuhledar", "2024-10-04")]
    found = one([took, *relays], "x")
    assert [(s.origin, s.grade) for s in found.sources_for] == [("ISW", "A2"),
                                                                ("Russian MoD", "C3")]


def test_corroboration_command(analysis_store):
    ids = analysis_store.ids
    result = frontcheck("corroboration", "--claim", ids["vuhledar_tg"], "--format", "json",
                        "--db", analysis_store.db)
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["claim_id"], row["origin"], row["independent_for"], row["repeats"]) == \
        (ids["vuhledar_tg"], "Russian MoD", 1, 1)
    [gs] = row["sources_for"]
    assert gs["origin"] == "Ukrainian General Staff" and gs["grade"] == "F6"
    assert gs["claims"][0]["claim_id"] == ids["vuhledar_gs"]
    assert gs["claims"][0]["source_id"] == analysis_store.sources["vuhledar_gs"]
    runner, db = CliRunner(), str(analysis_store.db)
    plekhovo = json.loads(runner.invoke(app, ["corroboration", "--claim", ids["plekhovo_tg"],
                                              "--format", "json", "--db", db]).stdout)[0]
    assert [s["origin"] for s in plekhovo["sources_against"]] == ["Ukraine"]
    assert [s["origin"] for s in plekhovo["sources_for"]] == ["Russian milbloggers"]
    every = runner.invoke(app, ["corroboration", "--format", "csv", "--db", db])
    assert every.exit_code == 0, every.output
    lines = every.stdout.splitlines()
    assert lines[0] == ("claim_id,type,statement,claim_date,origin,grade,independent_for,"
                        "independent_against,repeats,for,against")
    assert len(lines) == 1 + len(ids)
    assert "Ri Jin-hyok" not in every.stdout and "POW-1" in every.stdout
    missing = runner.invoke(app, ["corroboration", "--claim", "NOPE", "--db", db])
    assert isinstance(missing.exception, NotFoundError)
    assert str(missing.exception) == "no claim with id 'NOPE'; see `frontcheck claims list`"
