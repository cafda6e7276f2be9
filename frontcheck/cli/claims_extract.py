"""``frontcheck claims extract``: atomic claims from a text, or from stored sources.

A plain function with Typer-annotated parameters; ``cli/claims.py`` registers it.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime
from enum import Enum
from typing import Annotated

import typer

from frontcheck.app import claims as jobs
from frontcheck.app.distributed import cluster_client
from frontcheck.app.engine import open_engine
from frontcheck.claims.extract import reading_language
from frontcheck.claims.model import Claim
from frontcheck.cli.cluster import SchedulerOption, WorkersOption
from frontcheck.cli.output import DbOption, Format, QuietOption, err_console, progress_bar, render
from frontcheck.errors import InputError
from frontcheck.sources.language import supported

__all__ = ["extract", "claim_json", "Lang"]


class Lang(str, Enum):
    en = "en"
    ru = "ru"
    uk = "uk"


def claim_json(claim: Claim) -> dict:
    """A claim as ``claims extract --format json`` prints it."""
    place = claim.place
    return {
        "id": claim.id, "type": claim.type, "actor": claim.actor, "action": claim.action,
        "place": None if place is None else {
            "mention": place.mention, "id": place.id, "name": place.name,
            "oblast": place.oblast, "lon": place.lon, "lat": place.lat,
            "candidates": list(place.candidates)},
        "event_date": claim.event_date, "date_precision": claim.date_precision,
        "claimant": claim.claimant, "negated": claim.negated,
        "span": list(claim.span) if claim.span else None, "quote": claim.quote,
        "claim_date": claim.claim_date, "source_id": claim.source_id,
        "cluster_id": claim.cluster_id, "fields": claim.fields,
        # how the sentence holds the claim (asserted, reported, denied) and, for part of a
        # place, the share said to be held: also in ``fields``, here for every claim
        "framing": (claim.fields or {}).get("framing", "asserted"),
        "share": (claim.fields or {}).get("share"),
    }


def _table_row(claim: Claim) -> dict:
    place = claim.place
    fields = claim.fields or {}
    detail = (f"{fields.get('low')}/{fields.get('best')}/{fields.get('high')} "
              f"{fields.get('currency') or fields.get('unit', '')}" if claim.type == "quantity"
              else f"{fields.get('predicate')}={fields.get('value')}" if claim.type == "attribute"
              else fields.get("unit", ""))
    return {"type": claim.type, "actor": claim.actor, "action": claim.action,
            "place": (place.name or place.mention or place.oblast) if place else "",
            "place_id": place.id if place else "", "event_date": claim.event_date,
            "claimant": claim.claimant, "negated": claim.negated, "detail": detail,
            "source_id": claim.source_id}


def _published(value: str | None) -> datetime | date:
    if value is None:
        return datetime.now(UTC)
    try:
        return datetime.fromisoformat(value) if "T" in value or " " in value.strip() \
            else date.fromisoformat(value)
    except ValueError:
        raise InputError(None, f"{value!r} is not a date (YYYY-MM-DD) or ISO time",
                         field="--published-at") from None


def _resolver(engine, quiet: bool):
    resolver = jobs.place_resolver(engine)
    if resolver is None and not quiet:
        err_console.print("Warning: the store has no gazetteer and none was found; places "
                          "stay unresolved (run `frontcheck place load PATH`).", markup=False)
    return resolver


def extract(
    text: Annotated[str | None, typer.Option(
        "--text", help="Extract from this text and print the claims; nothing is stored.")] = None,
    published_at: Annotated[str | None, typer.Option(
        "--published-at", help="When the text was published, YYYY-MM-DD or an ISO time "
                               "(anchors \"yesterday\"; default: now).")] = None,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help="Language of --text (default: detected).")] = None,
    claimant: Annotated[str, typer.Option(
        "--claimant", help="Who asserts what --text does not attribute to anyone.")] = "",
    source: Annotated[list[int] | None, typer.Option(
        "--source", help="A stored source id (repeatable); its claims are stored.")] = None,
    all_sources: Annotated[bool, typer.Option(
        "--all", help="Every stored source; claims are stored and clustered.")] = False,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format; without it --text prints the claims and "
                               "--source/--all a summary (counts by type, sources, time).")] = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """The claims a text makes: territorial, participation, quantity, attribute.

    Example: frontcheck claims extract --text "Russia's MoD said on Sunday its forces had
    captured Hostre." --published-at 2024-09-08 --format json

    With --text the claims are printed and nothing is stored. With --source ID or --all
    the stored sources are read, their claims stored (an id already stored is skipped) and
    clustered: the same claim forwarded or re-posted across channels gets one cluster id,
    that of its earliest appearance; a summary is printed unless --format asks for the
    records (a real archive gives hundreds of thousands).
    """
    started = time.perf_counter()
    modes = sum((text is not None, bool(source), all_sources))
    if modes != 1:
        raise typer.BadParameter("give exactly one of --text, --source ID or --all",
                                 param_hint="--text/--source/--all")
    if text is not None and (scheduler or workers):
        raise typer.BadParameter("--scheduler and --workers go with --source or --all",
                                 param_hint="--scheduler/--workers")
    # The cluster first (issue 12): a bad address is refused before the store is touched.
    with cluster_client(scheduler, workers) as client, open_engine(db) as engine:
        if text is not None:
            language = reading_language(text, lang.value if lang else None)
            if not supported(language):
                err_console.print(f"Language not supported: {language or 'none detected'} "
                                  "(frontcheck reads en, ru, uk); no claims extracted.",
                                  markup=False)
                claims = []     # and no gazetteer loaded into the store to find none
            else:
                claims = jobs.extract_from_text(engine, text, _published(published_at),
                                                lang.value if lang else None, claimant,
                                                _resolver(engine, quiet))
        else:
            claims, read = _extract_stored(engine, source, _resolver(engine, quiet), quiet,
                                           client)
    if fmt is None and text is None:
        render(extraction_summary(claims, read, time.perf_counter() - started), Format.table,
               title="Claims extracted")
        return
    fmt = fmt or Format.table
    if fmt is Format.table:
        render([_table_row(c) for c in claims], fmt, title="Claims")
    else:
        render([claim_json(c) for c in claims], fmt)


def extraction_summary(claims: list[Claim], sources_read: int, seconds: float) -> list[dict]:
    """One row a claim type: how many claims, from how many sources, in what time.

    >>> extraction_summary([Claim("a", "territorial"), Claim("b", "quantity"),
    ...                     Claim("c", "territorial")], 2, 1.234)[-1]
    {'type': 'territorial', 'claims': 2, 'sources_read': 2, 'seconds': 1.2}
    """
    counts = Counter(c.type for c in claims)
    return [{"type": kind, "claims": n, "sources_read": sources_read,
             "seconds": round(seconds, 1)} for kind, n in sorted(counts.items())] or [
        {"type": "", "claims": 0, "sources_read": sources_read, "seconds": round(seconds, 1)}]


def _extract_stored(engine, ids: list[int] | None, resolve_place, quiet: bool, client=None
                    ) -> tuple[list[Claim], int]:
    try:
        done = jobs.extract_from_sources(
            engine, ids, resolve_place,
            files_progress=lambda total: progress_bar("Extracting claims", total, quiet),
            client=client)
    except jobs.UnknownSources as exc:
        raise typer.BadParameter(str(exc), param_hint="--source") from None
    if not quiet:
        claims = done.claims
        err_console.print(f"{len(claims)} claims from {done.sources_read} sources in "
                          f"{done.clusters} clusters: {done.new} new, {len(claims) - done.new} "
                          "already stored.", markup=False)
        unread = done.unread_languages
        if unread:
            err_console.print(f"Language not supported, no claims extracted: {sum(unread.values())} "
                              "sources (" + ", ".join(f"{k or 'none'}: {v}" for k, v in
                                                      unread.items()) + ").", markup=False)
    return done.claims, done.sources_read
