"""``frontcheck contradictions``, ``frontcheck witness`` and ``frontcheck corroboration``:
claims checked against other sources and against a witness's earlier words."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum
from typing import Annotated

import typer

from frontcheck.app import analysis as jobs
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, TokenOption, export_of, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, err_console, render
from frontcheck.verify.comparison import ComparisonRules
from frontcheck.verify.contradictions import KINDS

ConflictType = Enum("ConflictType", {kind: kind for kind in KINDS}, type=str)  # type: ignore[misc]  # members from the core's names


WindowOption = Annotated[int, typer.Option(
    "--window", min=0, help="Days apart within which two dated claims speak of the same time.")]


def _clip(text: str, limit: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def contradictions(
    type: Annotated[ConflictType | None, typer.Option(
        "--type", help="Only this kind of conflict.")] = None,
    window: WindowOption = 7,
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Pairs of claims from different sources that conflict, typed, with both sources and
    quotes, a confidence and one sentence why.

    Example: frontcheck contradictions --type numeric --format json

    numeric: figures whose low–high ranges do not overlap (about 500 vs 200 soldiers on a
    ship); temporal: one change of control given dates further apart than their precision;
    actor: one place taken, by different actors; negation: one source asserts what another
    denies ("two weeks of training" / "we were not trained"); value: values that exclude each
    other (a conscript / a contract soldier). Testimony (issue 11) adds category (one figure
    for different categories), place, rendering (two outlets render one interview
    differently: same speaker, same interview date) and stance (a position that changed over
    time: both true when said). Forwards and re-posts of one post count once.
    """
    rules = ComparisonRules(window_days=window)
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in jobs.contradictions(
            connection, caller, [type.value] if type else None, rules, export_of(fmt))]
    if fmt is not Format.table:
        render(rows, fmt, columns=None if rows else ["type"])
        return
    render([{"type": r["type"], "subject": r["subject"],
             "a": _side(r, "a"), "b": _side(r, "b"),
             "why": f"{r['why']} ({r['confidence']:.2f})"} for r in rows], fmt,
           title=f"Contradictions ({len(rows)})")


def _side(row: dict, which: str) -> str:
    grade = row[f"grade_{which}"]
    when = row[f"date_{which}"].isoformat() if row[f"date_{which}"] else "undated"
    return (f"{row[f'claim_{which}']} · {row[f'publisher_{which}'] or '?'} ({grade}) · {when}\n"
            f"{row[f'statement_{which}']}\n“{_clip(row[f'quote_{which}'])}”")


def witness(
    person: Annotated[str, typer.Argument(
        help="Person id, name or pseudonym (POW-1); output names a protected person only by "
             "pseudonym.")],
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """One speaker's claims across his interviews and statements, in time order, each
    labelled consistent, changed (with both versions) or new.

    Example: frontcheck witness POW-1 --format json

    Claims are lined up by what they are about (training, men on a ship, men killed, pay,
    a place); each statement's claim is compared with the latest earlier statement that
    spoke of the same thing. Only the person's own turns of a transcript count.
    """
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        found = jobs.witness(connection, caller, person, export=export_of(fmt))
    shown, rows = asdict(found.person), [asdict(r) for r in found.items]
    err_console.print(f"{shown['label']}: {shown['statements']} statement"
                      f"{'s' * (shown['statements'] != 1)}, {len(rows)} subjects.", markup=False)
    if fmt is not Format.table:
        render(rows, fmt, columns=None if rows else ["witness"])
        return
    render([{"said_on": r["said_on"], "publisher": r["publisher"], "subject": r["subject"],
             "status": r["status"] + (f" ({r['change']})" if r["change"] else ""),
             "now": r["version"], "before": r["previous_version"] if r["status"] == "changed"
             else "", "quote": _clip(r["quote"])} for r in rows], fmt,
           title=f"Witness {shown['label']}")


def corroboration(
    claim: Annotated[str | None, typer.Option("--claim", help="One claim id.")] = None,
    window: WindowOption = 7,
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Each claim with the independent sources for and against it and their Admiralty grades.

    Example: frontcheck corroboration --claim HO-017 --format json

    Forwards, re-posts (one claim cluster) and reports citing the same origin (a channel's
    forward of the Ministry, an article quoting it) are one source. "For": the same subject
    and the same direction or value within --window days; "against": the opposite direction,
    a denial, or a conflicting figure or value.
    """
    rules = ComparisonRules(window_days=window)
    with open_engine(db) as engine, engine.connect() as connection:
        caller = principal(connection, as_user, token)
        rows = [asdict(r) for r in jobs.corroboration(connection, caller, claim, rules,
                                                      export_of(fmt))]
    if fmt is Format.json:
        render(rows, fmt)
        return
    if fmt is Format.csv:
        render([{"claim_id": r["claim_id"], "type": r["type"], "statement": r["statement"],
                 "claim_date": r["claim_date"], "origin": r["origin"], "grade": r["grade"],
                 "independent_for": r["independent_for"],
                 "independent_against": r["independent_against"], "repeats": r["repeats"],
                 "for": _origins(r["sources_for"]), "against": _origins(r["sources_against"])}
                for r in rows], fmt, columns=None if rows else ["claim_id"])
        return
    render([{"claim_id": r["claim_id"], "statement": r["statement"], "date": r["claim_date"],
             "origin": f"{r['origin']} ({r['grade']})", "repeats": r["repeats"],
             "for": _counted(r["sources_for"]), "against": _counted(r["sources_against"])}
            for r in rows], fmt, title="Corroboration across independent sources")


def _counted(sources: list[dict]) -> str:
    return f"{len(sources)}: {_origins(sources)}" if sources else "0"


def _origins(sources: list[dict]) -> str:
    return "; ".join(f"{s['origin']} ({s['grade']})" for s in sources)
