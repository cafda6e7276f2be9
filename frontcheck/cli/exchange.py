"""``frontcheck export stix|timemap|case`` (the claims of a filter for other tools and as a
provenance bundle) and ``frontcheck case verify`` (the bundle checked on any machine)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from frontcheck.app.engine import open_engine
from frontcheck.app.exchange import (
    CaseOptions,
    ExchangeOptions,
    case_export,
    stix_export,
    timemap_export,
    verify_case,
    write_case,
)
from frontcheck.app.verify import DEFAULT_RULES, verdict_rules
from frontcheck.claims.selection import FILTER_KEYS, parse_selection
from frontcheck.cli.control import ensure_timelines
from frontcheck.cli.identity import AsUserOption, ReasonOption, TokenOption, principal
from frontcheck.cli.output import DbOption, QuietOption, err_console
from frontcheck.cli.verify import HorizonOption, ThresholdOption, WindowOption
from frontcheck.errors import InputError

app = typer.Typer(help="Check a case bundle written by `frontcheck export case`.",
                  no_args_is_help=True)

ClaimsOption = Annotated[str, typer.Option(
    "--claims", help=f"Which claims: KEY=VALUE,... with keys {', '.join(FILTER_KEYS)} (lists "
                     "separated by ;); default every claim.")]
OverwriteOption = Annotated[bool, typer.Option("--overwrite", help="Replace existing output.")]
TitleOption = Annotated[str, typer.Option("--title", help="The report's name.")]


def _free(output: Path, overwrite: bool, folder: bool = False) -> None:
    if output.exists() and not overwrite and not (folder and output.is_dir()
                                                  and not any(output.iterdir())):
        raise InputError(str(output), "already exists; give --overwrite to replace it")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(str(output), f"no folder {parent}")


def _options(claims: str, tracker: str, window: int, threshold: float, horizon: int,
             title: str) -> ExchangeOptions:
    return ExchangeOptions(parse_selection(claims), tracker,
                           verdict_rules(window, threshold, horizon), title)


def _run(db, as_user, token, tracker, job, options):
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
        return job(engine, caller, options)


def stix(
    output: Annotated[Path, typer.Option("--output", "-o", help="bundle.json")],
    claims: ClaimsOption = "",
    title: TitleOption = "frontcheck claims and verdicts",
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker")] = "deepstate",
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Claims, verdicts, places and publishers as a STIX 2.1 bundle (notes, opinions,
    locations, identities, relationships, one report).

    Example: frontcheck export stix --claims type=territorial --output bundle.json
    """
    _free(output, overwrite)
    text = _run(db, as_user, token, tracker, stix_export,
                _options(claims, tracker, window, threshold, horizon, title))
    output.write_text(text, encoding="utf-8")
    if not quiet:
        err_console.print(f"Wrote {output} (STIX 2.1).", markup=False)


def timemap(
    output: Annotated[Path, typer.Option("--output", "-o", help="A folder.")],
    claims: ClaimsOption = "",
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker")] = "deepstate",
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Claims as Forensic Architecture's TimeMap data: events.json, sources.json and
    associations.json in OUTPUT, the shapes TimeMap's datasheet-server serves.

    Example: frontcheck export timemap --claims from=2024-10-01 --output timemap/
    """
    _free(output, overwrite, folder=True)
    files = _run(db, as_user, token, tracker, timemap_export,
                 _options(claims, tracker, window, threshold, horizon, ""))
    output.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (output / name).write_text(text, encoding="utf-8")
    if not quiet:
        err_console.print(f"Wrote {', '.join(files)} to {output} (TimeMap).", markup=False)


def case(
    output: Annotated[Path, typer.Option("--output", "-o", help="case.zip")],
    claims: ClaimsOption = "",
    unredacted: Annotated[bool, typer.Option(
        "--unredacted", help="Include raw files that name a protected person (analysts and "
                             "admins; needs --reason; logged).")] = False,
    reason: ReasonOption = None,
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker")] = "deepstate",
    overwrite: OverwriteOption = False,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """A provenance bundle: every cited source's raw file, a SHA-256 manifest, the claims,
    verdicts, sources and the audit log's entries about them. Check it anywhere with
    `frontcheck case verify` (or `sha256sum -c MANIFEST.sha256` after unzipping).

    Example: frontcheck export case --claims place=Vuhledar --output vuhledar.zip
    """
    _free(output, overwrite)
    options = CaseOptions(_options(claims, tracker, window, threshold, horizon, ""),
                          unredacted, reason)
    files = _run(db, as_user, token, tracker, case_export, options)
    write_case(files, output)
    if not quiet:
        err_console.print(f"Wrote {output} ({len(files)} files).", markup=False)


@app.command("verify")
def verify(bundle: Annotated[Path, typer.Argument(help="case.zip")]) -> None:
    """Check every file of a case bundle against its manifest: one line per problem naming
    the file, exit 1; nothing printed to stderr and exit 0 when intact.

    Example: frontcheck case verify case.zip
    """
    if not bundle.is_file():
        raise InputError(str(bundle), "no such file")
    problems = verify_case(bundle)
    for line in problems:
        typer.echo(f"{bundle}: {line}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{bundle}: every file matches the manifest")
    sys.stdout.flush()
