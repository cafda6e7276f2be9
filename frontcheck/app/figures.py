"""Derived figures: an expression over inputs that are claims (their quantity's low/best/high)
or constants, stored by name and computed when shown (``verify.figures``), each input linked
to its claim and source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine

from frontcheck.app.evidence import evidence_facts
from frontcheck.app.person_protection import person_redactor
from frontcheck.claims.model import Claim
from frontcheck.errors import InputError
from frontcheck.protect.roles import Principal
from frontcheck.store import analysis_tables as tables
from frontcheck.store.claims import list_claims
from frontcheck.verify.figures import SAMPLES, SEED, derive, parse_expression

__all__ = ["FigureOptions", "FigureInputRecord", "FigureRecord", "FigureListing", "parse_input",
           "new_figure", "show_figure", "figures"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_CONSTANT = re.compile(rf"(?P<low>{_NUMBER})(?:\.\.(?P<mid>{_NUMBER}))?(?:\.\.(?P<high>{_NUMBER}))?")


@dataclass(frozen=True, slots=True)
class FigureOptions:
    samples: int = SAMPLES
    seed: int = SEED


@dataclass(frozen=True, slots=True)
class FigureInputRecord:
    name: str
    low: float
    best: float
    high: float
    claim_id: str | None
    source_id: int | None
    statement: str
    quote: str
    publisher: str
    said_on: str | None
    url: str
    grade: str


@dataclass(frozen=True, slots=True)
class FigureRecord:
    name: str
    expression: str
    low: float
    best: float
    high: float
    range_method: str
    mean: float
    percentiles: dict[str, float]
    samples: int
    seed: int
    inputs: list[FigureInputRecord]


@dataclass(frozen=True, slots=True)
class FigureListing:
    """A stored figure as listed (``figure list --format json``, ``/api/figures``)."""

    name: str
    expression: str
    created_at: datetime


def parse_input(text: str) -> tuple[str, dict[str, Any]]:
    """``NAME=CLAIM_ID``, ``NAME=NUMBER``, ``NAME=LOW..HIGH`` (best halfway) or
    ``NAME=LOW..BEST..HIGH`` → (name, spec).

    >>> parse_input("months=12"), parse_input("kept=0.7..0.9")[1]["best"]
    (('months', {'low': 12.0, 'best': 12.0, 'high': 12.0}), 0.8)
    >>> parse_input("pay=c-558f87fb76adba19c7d9")
    ('pay', {'claim_id': 'c-558f87fb76adba19c7d9'})
    """
    name, sep, value = (p.strip() for p in text.partition("="))
    if not sep or not _NAME.fullmatch(name) or not value:
        raise InputError(None, f"{text!r}: give NAME=CLAIM_ID or NAME=NUMBER "
                               "(or LOW..HIGH, LOW..BEST..HIGH)", field="--input")
    constant = _CONSTANT.fullmatch(value)
    if not constant:
        return name, {"claim_id": value}
    low = float(constant["low"])                 # the pattern requires it
    mid, high = (float(v) if v is not None else None for v in constant.group("mid", "high"))
    if high is None and mid is not None:
        mid, high = (low + mid) / 2, mid
    mid = low if mid is None else mid
    high = low if high is None else high
    if not low <= mid <= high:
        raise InputError(None, f"{text!r}: low, best and high must be in order",
                         field="--input")
    return name, {"low": low, "best": mid, "high": high}


def claim_range(claim: Claim) -> tuple[float, float, float]:
    """A claim's quantity as (low, best, high): its numbers' range, or a single value."""
    fields = claim.fields or {}
    low, best, high = (_number(fields.get(k)) for k in ("low", "best", "high"))
    if low is not None and best is not None and high is not None:
        return low, best, high
    value = _number(fields.get("value"))
    if value is not None:
        return value, value, value
    raise InputError(None, f"claim {claim.id} states no quantity (a figure with low/best/high)",
                     field="--input")


def _number(value: Any) -> float | None:
    """A stored number as a float; None for anything else (a bool is not a number here)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def new_figure(engine: Engine, caller: Principal, name: str, expression: str,
               inputs: list[str]) -> FigureRecord:
    """Store the figure ``name`` = ``expression`` over ``inputs`` (``--input`` texts; a figure
    of that name is replaced) and return it computed."""
    if not _NAME.fullmatch(name):
        raise InputError(None, f"{name!r}: a figure's name is letters, digits and _",
                         field="NAME")
    parsed = parse_expression(expression)
    specs = dict(parse_input(text) for text in inputs)
    extra = sorted(set(specs) - set(parsed.names))
    if extra:
        raise InputError(None, f"the expression does not use {', '.join(extra)}",
                         field="--input")
    with engine.begin() as connection:
        for spec in specs.values():
            if spec.get("claim_id"):
                tables.claim_exists(connection, spec["claim_id"])
                claim_range(list_claims(connection, claim_id=spec["claim_id"])[0])
        derive(parsed, _ranges(connection, specs), samples=1000)   # refuse it before storing
        tables.create_figure(connection, name, parsed.text, caller.name, specs)
    with engine.connect() as connection:
        return show_figure(connection, caller, name)


def _ranges(connection: Connection, specs: dict[str, dict[str, Any]],
            ) -> dict[str, tuple[float, float, float]]:
    out: dict[str, tuple[float, float, float]] = {}
    for key, spec in specs.items():
        if spec.get("claim_id"):
            found = list_claims(connection, claim_id=spec["claim_id"])
            if not found:
                raise InputError(None, f"{key}: claim {spec['claim_id']} is no longer stored",
                                 field="--input")
            out[key] = claim_range(found[0])
        else:
            out[key] = (spec["low"], spec["best"], spec["high"])
    return out


def show_figure(connection: Connection, caller: Principal, name: str,
                options: FigureOptions = FigureOptions()) -> FigureRecord:
    """The figure computed now from its inputs' current values."""
    stored = tables.load_figure(connection, name)
    redactor = person_redactor(connection)
    specs = stored["inputs"]
    ranges = _ranges(connection, specs)
    result = derive(stored["expression"], ranges, samples=options.samples, seed=options.seed)
    facts = evidence_facts(connection, [s["claim_id"] for s in specs.values() if s["claim_id"]],
                           [], redactor)
    inputs = []
    for key, spec in specs.items():
        f = facts.get(f"claim:{spec['claim_id']}") if spec["claim_id"] else None
        low, best, high = ranges[key]
        inputs.append(FigureInputRecord(
            key, low, best, high, spec["claim_id"], f.source_id if f else None,
            f.statement if f else "constant", f.quote if f else "", f.publisher if f else "",
            f.said_on.isoformat() if f and f.said_on else None, f.url if f else "",
            f.reliability + f.credibility if f else ""))
    return FigureRecord(stored["name"], stored["expression"], result.low, result.best,
                        result.high, result.range_method, result.mean, result.percentiles,
                        result.samples, result.seed, inputs)


def figures(connection: Connection, caller: Principal) -> list[FigureListing]:
    """Every stored figure's name and expression."""
    return [FigureListing(**row) for row in tables.list_figures(connection)]
