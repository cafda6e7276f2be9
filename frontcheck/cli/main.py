"""The ``frontcheck`` command: assembles one sub-app per concept and maps errors to exits."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from sqlalchemy.exc import DBAPIError

from frontcheck import __version__
from frontcheck.cli import (
    ach,
    audit,
    chart,
    claims,
    collect,
    control,
    control_fetch,
    data,
    exchange,
    export,
    figures,
    persons,
    place,
    sources,
    speakers,
    tokens,
    users,
)
from frontcheck.cli.acknowledgements import acknowledgements
from frontcheck.cli.analysis import contradictions, corroboration, witness
from frontcheck.cli.claimed_control import claimed
from frontcheck.cli.output import err_console
from frontcheck.cli.report import report
from frontcheck.cli.serve import serve
from frontcheck.cli.verify import track_record, verify
from frontcheck.errors import AmbiguousError, FrontcheckError

app = typer.Typer(
    name="frontcheck",
    help="Check war claims against territorial-control history, other sources and witnesses.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a local may hold a protected person's name
    rich_markup_mode="rich",
)
app.add_typer(control.app, name="control")
app.add_typer(place.app, name="place")
app.add_typer(chart.app, name="chart")
app.add_typer(sources.app, name="sources")
app.add_typer(persons.app, name="persons")
app.add_typer(claims.app, name="claims")
app.add_typer(users.app, name="users")
app.add_typer(tokens.app, name="tokens")
app.add_typer(audit.app, name="audit")
app.command("verify")(verify)
app.command("serve")(serve)
sources.app.command("track-record")(track_record)
app.command("contradictions")(contradictions)
app.command("witness")(witness)
app.command("corroboration")(corroboration)
# Fetching from the network (issue 17): each in its own module.
control.app.add_typer(control_fetch.app, name="fetch")
sources.app.add_typer(collect.app, name="collect")
sources.app.add_typer(speakers.app, name="alias")
app.add_typer(data.app, name="data")
app.add_typer(export.app, name="export")
# The analyst's product (issue 13): each in its own module.
app.add_typer(ach.app, name="ach")
app.add_typer(figures.app, name="figure")
app.command("acknowledgements")(acknowledgements)
control.app.command("claimed")(claimed)
app.command("report")(report)
for _name in ("stix", "timemap", "case"):
    export.app.command(_name)(getattr(exchange, _name))
app.add_typer(exchange.app, name="case")


def _version(value: bool) -> None:
    if value:
        import pyproj
        import shapely

        typer.echo(f"frontcheck {__version__}\nshapely {shapely.__version__}, "
                   f"GEOS {shapely.geos_version_string}, PROJ {pyproj.proj_version_str}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Versions of frontcheck, shapely, GEOS and PROJ.")]
    = False,
) -> None:
    """frontcheck: break sources into claims and check them against the map history."""


def run() -> None:
    """Entry point. Usage errors exit 2 (Typer); a FrontcheckError becomes one line on stderr
    and exit 1, naming the candidates when a name was ambiguous."""
    try:
        app()
    except AmbiguousError as exc:
        err_console.print(f"Error: {exc}", markup=False)
        for candidate in exc.candidates:
            err_console.print("  " + "  ".join(f"{k}={v}" for k, v in candidate.items()),
                              markup=False)
        sys.exit(1)
    except FrontcheckError as exc:
        err_console.print(f"Error: {exc}", markup=False)
        sys.exit(1)
    except DBAPIError as exc:
        # Another process changed or locked the store under this command (writers take the
        # store's lock, so this is rare): one line, not the driver's traceback.
        reason = " ".join(str(getattr(exc, "orig", exc)).split())[:200]
        err_console.print(f"Error: the store could not be written ({type(exc.orig).__name__}: "
                          f"{reason}); nothing of the failed step was kept, run the command "
                          "again", markup=False)
        sys.exit(1)
