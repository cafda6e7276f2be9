"""The ``frontcheck`` command: assembles one sub-app per concept and maps errors to exits."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Annotated

import typer
from sqlalchemy.exc import DBAPIError

from frontcheck import __version__
from frontcheck.cli.lazy import LazyGroup, lazy
from frontcheck.cli.output import err_console
from frontcheck.errors import AmbiguousError, FrontcheckError

app = typer.Typer(
    name="frontcheck",
    help="Check war claims against territorial-control history, other sources and witnesses.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a local may hold a protected person's name
    rich_markup_mode="rich",
    cls=LazyGroup,
)

# Each sub-command is imported when it runs (see cli/lazy.py); a loader attaches what other
# modules add to its group.


@lazy("control")
def _control() -> typer.Typer:
    from frontcheck.cli import control, control_fetch
    from frontcheck.cli.claimed_control import claimed

    control.app.add_typer(control_fetch.app, name="fetch")   # issue 17: the live tracker
    control.app.command("claimed")(claimed)                    # issue 13
    return control.app


@lazy("sources")
def _sources() -> typer.Typer:
    from frontcheck.cli import collect, sources, speakers
    from frontcheck.cli.verify import track_record

    sources.app.command("track-record")(track_record)
    sources.app.add_typer(collect.app, name="collect")         # issue 17
    sources.app.add_typer(speakers.app, name="alias")
    return sources.app


@lazy("export")
def _export() -> typer.Typer:
    from frontcheck.cli import exchange, export

    for name in ("stix", "timemap", "case"):                   # issue 13
        export.app.command(name)(getattr(exchange, name))
    return export.app


def _group(module: str, attribute: str = "app") -> Callable[[], typer.Typer | Callable]:
    """A loader that imports ``frontcheck.cli.<module>`` and returns its ``attribute``."""
    def build() -> typer.Typer | Callable:
        return getattr(import_module(f"frontcheck.cli.{module}"), attribute)
    return build


for _name, _module, _attribute in (
        ("place", "place", "app"), ("chart", "chart", "app"), ("persons", "persons", "app"),
        ("claims", "claims", "app"), ("users", "users", "app"), ("tokens", "tokens", "app"),
        ("audit", "audit", "app"), ("data", "data", "app"), ("ach", "ach", "app"),
        ("figure", "figures", "app"), ("case", "exchange", "app"),
        ("verify", "verify", "verify"), ("serve", "serve", "serve"),
        ("contradictions", "analysis", "contradictions"), ("witness", "analysis", "witness"),
        ("corroboration", "analysis", "corroboration"),
        ("acknowledgements", "acknowledgements", "acknowledgements"),
        ("report", "report", "report")):
    lazy(_name)(_group(_module, _attribute))


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
