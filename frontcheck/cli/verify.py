"""``frontcheck verify``: verdicts on territorial claims against the control history."""

from __future__ import annotations

from typing import Annotated

import typer

from frontcheck.cli.control import ensure_timelines
from frontcheck.cli.identity import AsUserOption, TokenOption, log_export, principal
from frontcheck.cli.output import DbOption, Format, FormatOption, render
from frontcheck.errors import NotFoundError
from frontcheck.store.claims import list_claims
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import person_redactor
from frontcheck.store.verify import track_record_rows, verdict_rows
from frontcheck.verify.territorial import VerdictRules

WindowOption = Annotated[int, typer.Option("--window", min=0, help="Days either side of the claim date that count as agreeing in time.")]
ThresholdOption = Annotated[float, typer.Option("--threshold", min=0.01, max=1.0, help="Share of the footprint that makes a capture.")]
HorizonOption = Annotated[int, typer.Option("--horizon", min=1, help="Days after the claim within which the map must agree.")]


def verify(
    claim: Annotated[str | None, typer.Option("--claim", help="One claim id.")] = None,
    all_claims: Annotated[bool, typer.Option("--all", help="Every territorial claim (the default).")] = False,
    window: WindowOption = 7,
    threshold: ThresholdOption = 0.85,
    horizon: HorizonOption = 60,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose history is the test.")] = "deepstate",
    fmt: FormatOption = Format.table,
    as_user: AsUserOption = None,
    token: TokenOption = None,
    db: DbOption = None,
) -> None:
    """Verdict on each territorial claim: corroborated, premature, stale, contradicted,
    no_change, pending, outside_coverage or unresolved_place, with its evidence.

    Example: frontcheck verify --all --format json

    The rule (README, "Territorial verdicts"): the claim agrees with the map where the
    settlement's footprint share passes --threshold (partial actions need 0.1); the date of
    that change is compared with the claim date (--window, --horizon).
    """
    rules = VerdictRules(window_days=window, threshold=threshold, horizon_days=horizon)
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            claims = list_claims(connection, claim_id=claim, type="territorial")
            if claim and not claims:
                raise NotFoundError(f"no territorial claim with id {claim!r}")
            redactor = person_redactor(connection)
            rows = [redactor.deep(r) for r in verdict_rows(connection, claims, rules, tracker)]
            caller = principal(connection, as_user, token)
        log_export(engine, caller, "claims:verdicts", fmt, len(rows))
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
    window: WindowOption = 7,
    threshold: ThresholdOption = 0.85,
    horizon: HorizonOption = 60,
    tracker: Annotated[str, typer.Option("--tracker", help="Tracker whose history is the test.")] = "deepstate",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Each claimant's and publisher's record of territorial claims against the map, with an
    empirical grade beside the Admiralty grade you gave.

    Example: frontcheck sources track-record --format json

    Shares come with a 95 % interval; fewer than 3 verifiable claims grade F (cannot be judged).
    """
    rules = VerdictRules(window_days=window, threshold=threshold, horizon_days=horizon)
    with open_engine(db) as engine:
        ensure_timelines(engine, tracker)
        with engine.connect() as connection:
            redactor = person_redactor(connection)
            records = [redactor.deep(r) for r in track_record_rows(connection, rules, tracker)]
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
