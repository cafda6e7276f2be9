"""``frontcheck verify``: verdicts on territorial claims against the control history."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from frontcheck.app import verify as jobs
from frontcheck.app.distributed import cluster_client
from frontcheck.app.engine import open_engine
from frontcheck.app.verify import DEFAULT_RULES, RULE_BOUNDS
from frontcheck.cli.cluster import SchedulerOption, WorkersOption
from frontcheck.cli.control import ensure_timelines
from frontcheck.cli.identity import AsUserOption, TokenOption, export_of, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, render

WindowOption = Annotated[int, typer.Option(
    "--window", min=RULE_BOUNDS["window_days"][0], max=RULE_BOUNDS["window_days"][1],
    help="Days either side of the claim date that count as agreeing in time.")]
ThresholdOption = Annotated[float, typer.Option(
    "--threshold", min=RULE_BOUNDS["threshold"][0], max=RULE_BOUNDS["threshold"][1],
    help="Share of the footprint that makes a capture.")]
HorizonOption = Annotated[int, typer.Option(
    "--horizon", min=RULE_BOUNDS["horizon_days"][0], max=RULE_BOUNDS["horizon_days"][1],
    help="Days after the claim within which the map must agree.")]


def verify(
    claim: Annotated[str | None, typer.Option("--claim", help="One claim id.")] = None,
    all_claims: Annotated[bool, typer.Option("--all", help="Every territorial claim (the default).")] = False,
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose history is the test.")] = "deepstate",
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    db: DbOption = None,
) -> None:
    """Verdict on each territorial claim: corroborated, premature, stale, contradicted,
    no_change, pending, outside_coverage or unresolved_place, with its evidence.

    Example: frontcheck verify --all --format json

    The rule (README, "Territorial verdicts"): the claim agrees with the map where the
    settlement's footprint share passes --threshold (partial actions need 0.1); the date of
    that change is compared with the claim date (--window, --horizon).
    """
    rules = jobs.verdict_rules(window, threshold, horizon)
    # The cluster first (issue 12): a bad address is refused before the store is touched.
    with cluster_client(scheduler, workers) as client, open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, as_user, token)
            rows = [asdict(r) for r in jobs.verdicts(connection, caller, rules, tracker, claim,
                                                     export_of(fmt), client)]
    if fmt is Format.table:
        render([{k: r[k] for k in ("claim_id", "claim_date", "verdict", "change_date", "lag_days",
                                   "confidence")}
                | {"place": (r["place"] or {}).get("name") or (r["place"] or {}).get("mention"),
                   "explanation": r["explanation"]} for r in rows], fmt,
               title=f"Verdicts against {tracker} (threshold {threshold}, ±{window} d, horizon {horizon} d)")
    elif fmt is Format.csv:
        # the place spreads over place_id, place_name, place_lon ... (one value per cell)
        render([{k: v for k, v in r.items() if k != "evidence"} for r in rows], fmt)
    else:
        render(rows, fmt)


def track_record(
    window: WindowOption = DEFAULT_RULES.window_days,
    threshold: ThresholdOption = DEFAULT_RULES.threshold,
    horizon: HorizonOption = DEFAULT_RULES.horizon_days,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose history is the test.")] = "deepstate",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Each claimant's and publisher's record of territorial claims against the map, with an
    empirical grade beside the Admiralty grade you gave.

    Example: frontcheck sources track-record --format json

    Shares come with a 95 % interval; fewer than 3 verifiable claims grade F (cannot be judged).
    """
    rules = jobs.verdict_rules(window, threshold, horizon)
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            caller = principal(connection, None, None)
            records = [asdict(r) for r in jobs.track_record(connection, caller, rules, tracker)]
    if fmt is Format.table:
        render([{"group": r["group"], "name": r["name"][:48], "verifiable": r["verifiable"],
                 "corroborated": f"{r['corroborated']:.0%}", "premature": f"{r['premature']:.0%}",
                 "stale": f"{r['stale']:.0%}", "contradicted": f"{r['contradicted']:.0%}",
                 "accurate (95% CI)": f"{r['accurate_low']:.0%}–{r['accurate_high']:.0%}",
                 "lag median (IQR)": "" if r["lag_median_days"] is None
                 else f"{r['lag_median_days']:+.0f} ({r['lag_iqr_days']:.0f}) d",
                 "grade": r["empirical_grade"], "admiralty": r["admiralty_grade"]}
                for r in records], fmt, title="Track records (territorial claims)")
    else:
        render(records, fmt)
