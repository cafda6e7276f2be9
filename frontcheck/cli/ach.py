"""``frontcheck ach``: analyses of competing hypotheses over the stored claims and sources."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app import ach as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.control import ensure_timelines
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render

app = typer.Typer(help="Analyses of competing hypotheses (Heuer's ACH) over stored claims.",
                  no_args_is_help=True)
hypothesis_app = typer.Typer(help="Hypotheses of an analysis.", no_args_is_help=True)
evidence_app = typer.Typer(help="Evidence of an analysis.", no_args_is_help=True)
app.add_typer(hypothesis_app, name="hypothesis")
app.add_typer(evidence_app, name="evidence")

AnalysisArgument = Annotated[int, typer.Argument(help="Analysis id (see `frontcheck ach list`).")]
TrackerOption = Annotated[str, typer.Option("--tracker", help="Tracker whose history gives the "
                                                               "verdicts.")]


@app.command("new")
def new(question: Annotated[str, typer.Argument(help="The question the analysis answers.")],
        as_user: AsUserOption = None, token: TokenOption = None, db: DbOption = None) -> None:
    """Start an analysis; prints its id.

    Example: frontcheck ach new "Were the DPRK soldiers sent to Kursk elite troops?"
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        record = jobs.new_analysis(engine, caller, question)
    err_console.print(f"Analysis {record.id}: add hypotheses with `frontcheck ach hypothesis "
                      f"add {record.id} TEXT`.", markup=False)
    typer.echo(record.id)


@hypothesis_app.command("add")
def hypothesis_add(analysis: AnalysisArgument,
                   text: Annotated[str, typer.Argument(help="The hypothesis.")],
                   as_user: AsUserOption = None, token: TokenOption = None,
                   db: DbOption = None) -> None:
    """Add a hypothesis (H1, H2 ... in the order added); prints its label.

    Example: frontcheck ach hypothesis add 1 "An elite corps, trained for this war"
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        record = jobs.add_hypothesis(engine, caller, analysis, text)
    typer.echo(record.hypothesis)


@evidence_app.command("add")
def evidence_add(
    analysis: AnalysisArgument,
    rate: Annotated[str, typer.Option("--rate", help="Ratings per hypothesis: H1=CC,H2=I (CC, C, "
                                                      "N, I, II; unrated hypotheses are N).")],
    claim: Annotated[str | None, typer.Option("--claim", help="A claim id as evidence.")] = None,
    source: Annotated[int | None, typer.Option("--source", help="A source id as evidence.")]
    = None,
    as_user: AsUserOption = None, token: TokenOption = None, db: DbOption = None,
) -> None:
    """Add a claim or a source as evidence, rated against each hypothesis; prints the
    evidence id. The same claim or source again replaces its ratings.

    Example: frontcheck ach evidence add 1 --claim c-558f87fb76adba19c7d9 --rate H1=I,H2=C
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        evidence_id = jobs.add_evidence(engine, caller, analysis, rate, claim, source)
    typer.echo(evidence_id)


@app.command("show")
def show(analysis: AnalysisArgument, tracker: TrackerOption = "deepstate",
         fmt: FormatOption = Format.table, as_user: AsUserOption = None,
         token: TokenOption = None, db: DbOption = None) -> None:
    """The matrix, computed now: each item's weight (Admiralty grades, track record, verdict),
    ratings and diagnosticity; each hypothesis's weighted inconsistency and rank; the items
    whose removal or whose verdict flipping would change the ranking.

    Example: frontcheck ach show 1 --format json

    Heuer counts inconsistency, not consistency: I counts 1 and II 2, times the item's
    weight; the least inconsistent hypothesis ranks first. json gives the whole record; csv
    and table give one row per evidence item, then the scores (table).
    """
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            record = jobs.show_analysis(connection, caller, analysis, jobs.AchOptions(tracker))
        log_export(engine, caller, f"ach:{analysis}", fmt, len(record.evidence))
    if fmt is Format.json:
        render([asdict(record)], fmt)
        return
    labels = [h.hypothesis for h in record.hypotheses]
    rows = [{"ref": e.ref, "statement": e.statement, "grade": e.grade,
             "empirical_grade": e.empirical_grade, "verdict": e.verdict, "weight": e.weight,
             "diagnosticity": e.diagnosticity, **{h: e.ratings.get(h, "N") for h in labels},
             "sensitive": ",".join(e.sensitive), "publisher": e.publisher,
             "said_on": e.said_on, "quote": e.quote} for e in record.evidence]
    columns = ["ref", "statement", "grade", "empirical_grade", "verdict", "weight",
               "diagnosticity", *labels, "sensitive", "publisher", "said_on", "quote"]
    if fmt is Format.csv:
        render(rows, fmt, columns=columns)
        return
    render(rows, fmt, columns=columns[:-1], title=f"Analysis {record.id}: {record.question}")
    render([asdict(h) for h in record.hypotheses], fmt,
           title="Hypotheses (weighted inconsistency: lower is stronger)")


@app.command("list")
def list_(fmt: FormatOption = Format.table, as_user: AsUserOption = None,
          token: TokenOption = None, db: DbOption = None) -> None:
    """Every analysis with its question and how many hypotheses and evidence items it has.

    Example: frontcheck ach list --format json
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in jobs.analyses(connection, caller)]
    render(rows, fmt, columns=None if rows else ["id", "question"])
