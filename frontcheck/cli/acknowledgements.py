"""``frontcheck acknowledgements``: when each actor denied and acknowledged a fact."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app.acknowledgements import acknowledgements as timelines
from frontcheck.app.engine import open_engine
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, render


def acknowledgements(
    subject: Annotated[str, typer.Argument(help="The fact, e.g. \"DPRK deployment\".")],
    fmt: FormatOption = Format.table, as_user: AsUserOption = None,
    token: TokenOption = None, db: DbOption = None,
) -> None:
    """Per actor (government, agency, outlet): the first denial, the first acknowledgement
    and every change of position on a fact, with dates and quotes.

    Example: frontcheck acknowledgements "DPRK deployment" --format json

    Positions come from the stored claims: official positions in statements (denied,
    acknowledged, unconfirmed), denials, and actors asserting the fact. "Denied on D1,
    confirmed on D2" is a change of position, not a lie on D1. json gives every position;
    csv and table one row per actor.
    """
    with open_engine(db) as engine:
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            records = timelines(connection, caller, subject)
        log_export(engine, caller, "claims:acknowledgements", fmt, len(records))
    if fmt is Format.json:
        render([asdict(r) for r in records], fmt)
        return
    render([{"actor": r.actor, "summary": r.summary, "current": r.current,
             "first_denial_on": r.first_denial_on, "first_denial_quote": r.first_denial_quote,
             "first_acknowledgement_on": r.first_acknowledgement_on,
             "first_acknowledgement_quote": r.first_acknowledgement_quote,
             "changes": len(r.changes)} for r in records], fmt,
           columns=["actor", "summary", "current", "first_denial_on", "first_denial_quote",
                    "first_acknowledgement_on", "first_acknowledgement_quote", "changes"],
           # the subject is not echoed: it may be a protected name someone searched for
           title="Acknowledgements")
