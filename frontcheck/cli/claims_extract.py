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

from frontcheck.claims.dedupe import Post, cluster_claims
from frontcheck.claims.extract import (
    claim_id,
    dated_by_dataset,
    extract_claims,
    reading_language,
    source_key,
)
from frontcheck.claims.model import Claim
from frontcheck.claims.resolver import PlaceResolver, index_resolver
from frontcheck.claims.testimony import topic_claims
from frontcheck.cli.output import (
    DbOption,
    Format,
    QuietOption,
    err_console,
    progress_bar,
    render,
)
from frontcheck.errors import InputError
from frontcheck.sources.language import supported
from frontcheck.store.claims import insert_claims
from frontcheck.store.engine import open_engine
from frontcheck.store.persons import person_redactor
from frontcheck.store.places import ensure_places, place_index
from frontcheck.store.sources import list_sources
from frontcheck.store.verify import front_line_on

__all__ = ["extract", "claim_json", "Lang"]

#: Source kinds whose claims are their speaker's, not their publisher's.
_SPOKEN_KINDS = frozenset(("interview", "statement"))
#: Source kinds read for testimony topics too (issue 11): interviews, statements, articles.
_TESTIMONY_KINDS = frozenset(("interview", "statement", "article"))


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


def _resolver(engine, quiet: bool) -> PlaceResolver | None:
    if not ensure_places(engine):
        if not quiet:
            err_console.print("Warning: the store has no gazetteer and none was found; places "
                              "stay unresolved (run `frontcheck place load PATH`).", markup=False)
        return None
    with engine.connect() as connection:
        return index_resolver(place_index(connection))


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
    with open_engine(db) as engine:
        resolve_place = _resolver(engine, quiet)
        if text is not None:
            language = reading_language(text, lang.value if lang else None)
            if not supported(language):
                err_console.print(f"Language not supported: {language or 'none detected'} "
                                  "(frontcheck reads en, ru, uk); no claims extracted.",
                                  markup=False)
            when = _published(published_at)
            with engine.connect() as connection:
                front = front_line_on(connection, when.date() if isinstance(when, datetime)
                                      else when)
            claims = extract_claims(text, published_at=when, front=front,
                                    lang=lang.value if lang else None,
                                    resolve_place=resolve_place, claimant_default=claimant)
        else:
            claims, read = _extract_stored(engine, source, resolve_place, quiet)
        with engine.connect() as connection:
            redactor = person_redactor(connection)   # protected persons leave as pseudonyms
    if fmt is None and text is None:
        render(extraction_summary(claims, read, time.perf_counter() - started), Format.table,
               title="Claims extracted")
        return
    fmt = fmt or Format.table
    if fmt is Format.table:
        render([redactor.deep(_table_row(c)) for c in claims], fmt, title="Claims")
    else:
        render([redactor.deep(claim_json(c)) for c in claims], fmt)


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


def _testimony(text: str, published_at: datetime | date, claimant: str,
               source_id: int | None) -> list[Claim]:
    """The testimony topics of a whole text (issue 11, ``claims.testimony``), ids as
    ``extract_claims`` makes them."""
    key = source_key(text, source_id)
    return topic_claims(text, published_at=published_at, claimant=claimant,
                            source_id=source_id,
                            make_id=lambda span, n: claim_id(key, span, "testimony", n))


def _extract_stored(engine, ids: list[int] | None, resolve_place: PlaceResolver | None,
                    quiet: bool) -> tuple[list[Claim], int]:
    with engine.connect() as connection:
        sources = list_sources(connection, ids=ids or None)
    missing = sorted(set(ids or ()) - {s.id for s in sources})
    if missing:
        raise typer.BadParameter(f"no stored source with id {', '.join(map(str, missing))}; "
                                 "see `frontcheck sources list`", param_hint="--source")
    claims: list[Claim] = []
    fronts: dict = {}      # snapshot date → front line, shared by the sources of a day
    by_day: dict = {}      # publication day → front line: one store query a day, not a source

    def front_on(day):
        if day not in by_day:
            by_day[day] = front_line_on(connection, day, fronts)
        return by_day[day]

    with progress_bar("Extracting claims", len(sources), quiet) as advance, \
            engine.connect() as connection:
        for item in sources:
            speaker = item.author if item.kind in _SPOKEN_KINDS and item.author else ""
            when = item.published_at or item.ingested_at
            found = extract_claims(
                item.text, published_at=when,
                lang=item.language or None, resolve_place=resolve_place,
                claimant_default=speaker or item.publisher or item.author,
                source_id=item.id,
                front=front_on(when.date() if isinstance(when, datetime) else when))
            meta = item.meta or {}
            if meta.get("time_precision") and meta.get("event_date"):
                found = dated_by_dataset(found, date.fromisoformat(meta["event_date"]),
                                         meta["time_precision"])
            claims.extend(found)
            if item.kind in _TESTIMONY_KINDS:
                claims.extend(_testimony(item.text, item.published_at or item.ingested_at,
                                         speaker or item.publisher or item.author, item.id))
            advance(1)
    posts = [Post(s.id, s.published_at, s.text, s.publisher,
                  str((s.meta or {}).get("forwarded_from") or "")) for s in sources]
    claims, clusters = cluster_claims(claims, posts)
    with engine.begin() as connection:
        new = insert_claims(connection, claims)
    if not quiet:
        err_console.print(f"{len(claims)} claims from {len(sources)} sources in {len(clusters)} "
                          f"clusters: {new} new, {len(claims) - new} already stored.",
                          markup=False)
        unread = Counter(language for s in sources
                         if not supported(language := reading_language(s.text, s.language or None)))
        if unread:
            err_console.print(f"Language not supported, no claims extracted: {sum(unread.values())} "
                              "sources (" + ", ".join(f"{k or 'none'}: {v}" for k, v in
                                                      sorted(unread.items())) + ").", markup=False)
    return claims, len(sources)
