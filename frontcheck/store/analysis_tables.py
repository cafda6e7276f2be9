"""The analyst's product in the store (issue 13): analyses of competing hypotheses with their
hypotheses and evidence, and derived figures with their inputs. Only what the analyst decided
is stored (the question, the hypotheses, which claim or source is evidence and how it rates,
which claim feeds which input); weights, verdicts and values are read when shown."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, func, insert, select, update

from frontcheck.errors import NotFoundError
from frontcheck.store import schema as s

__all__ = ["create_analysis", "add_hypothesis", "add_evidence", "load_analysis",
           "list_analyses", "create_figure", "load_figure", "list_figures", "claim_exists",
           "source_exists", "place_points"]


def _plain(row) -> dict:
    """A row as a dict keyed by plain strings (SQLAlchemy's keys are a ``str`` subclass that
    JSON writers such as orjson refuse)."""
    return {str(k): v for k, v in row._mapping.items()}


def _inserted_id(result: CursorResult[Any]) -> int:
    """The id an INSERT of one row gave (SQLAlchemy types the key as optional: it is None
    only for statements that insert nothing)."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("the insert returned no primary key")
    return int(key[0])


def create_analysis(connection: Connection, question: str, created_by: str) -> int:
    """A new analysis; returns its id."""
    result = connection.execute(insert(s.ach_analysis).values(
        question=question, created_by=created_by, created_at=datetime.now(UTC)))
    return _inserted_id(result)


def _analysis_row(connection: Connection, analysis_id: int):
    row = connection.execute(select(s.ach_analysis).where(s.ach_analysis.c.id == analysis_id)
                             ).first()
    if row is None:
        raise NotFoundError(f"no analysis with id {analysis_id}; see `frontcheck ach list`")
    return row


def add_hypothesis(connection: Connection, analysis_id: int, text: str) -> int:
    """Add a hypothesis; returns its position (1 for H1). The same text again is the same
    hypothesis (its position is returned, nothing is added)."""
    _analysis_row(connection, analysis_id)
    h = s.ach_hypothesis.c
    known = connection.scalar(select(h.position).where(h.analysis_id == analysis_id,
                                                       h.text == text))
    if known is not None:
        return int(known)
    position = (connection.scalar(select(func.max(h.position)).where(
        h.analysis_id == analysis_id)) or 0) + 1
    connection.execute(insert(s.ach_hypothesis).values(analysis_id=analysis_id,
                                                       position=position, text=text))
    return position


def claim_exists(connection: Connection, claim_id: str) -> None:
    """``NotFoundError`` unless the claim is stored."""
    if connection.scalar(select(s.claim.c.id).where(s.claim.c.id == claim_id)) is None:
        raise NotFoundError(f"no claim with id {claim_id!r}; see `frontcheck claims list`")


def source_exists(connection: Connection, source_id: int) -> None:
    """``NotFoundError`` unless the source is stored."""
    if connection.scalar(select(s.source.c.id).where(s.source.c.id == source_id)) is None:
        raise NotFoundError(f"no source with id {source_id}; see `frontcheck sources list`")


def add_evidence(connection: Connection, analysis_id: int, ratings: dict[int, str],
                 claim_id: str | None = None, source_id: int | None = None) -> int:
    """Add a claim or a source as evidence with its ratings (hypothesis position → rating);
    the same claim or source again replaces its ratings. Returns the evidence id."""
    _analysis_row(connection, analysis_id)
    if claim_id is not None:
        claim_exists(connection, claim_id)
    if source_id is not None:
        source_exists(connection, source_id)
    e = s.ach_evidence.c
    stored = {str(k): v for k, v in ratings.items()}
    existing = connection.scalar(select(e.id).where(
        e.analysis_id == analysis_id,
        e.claim_id == claim_id if claim_id is not None else e.claim_id.is_(None),
        e.source_id == source_id if source_id is not None else e.source_id.is_(None)))
    if existing is not None:
        connection.execute(update(s.ach_evidence).where(e.id == existing).values(ratings=stored))
        return int(existing)
    result = connection.execute(insert(s.ach_evidence).values(
        analysis_id=analysis_id, claim_id=claim_id, source_id=source_id, ratings=stored,
        added_at=datetime.now(UTC)))
    return _inserted_id(result)


def load_analysis(connection: Connection, analysis_id: int) -> dict:
    """The analysis: ``id``, ``question``, ``created_by``, ``created_at``, ``hypotheses``
    (texts in order) and ``evidence`` (dicts: id, claim_id, source_id, ratings by position)."""
    row = _analysis_row(connection, analysis_id)
    hypotheses = list(connection.scalars(
        select(s.ach_hypothesis.c.text).where(s.ach_hypothesis.c.analysis_id == analysis_id)
        .order_by(s.ach_hypothesis.c.position)))
    e = s.ach_evidence.c
    evidence = [{"id": r.id, "claim_id": r.claim_id, "source_id": r.source_id,
                 "ratings": {int(k): v for k, v in (r.ratings or {}).items()}}
                for r in connection.execute(select(s.ach_evidence)
                                            .where(e.analysis_id == analysis_id).order_by(e.id))]
    return {"id": row.id, "question": row.question, "created_by": row.created_by,
            "created_at": row.created_at, "hypotheses": hypotheses, "evidence": evidence}


def list_analyses(connection: Connection) -> list[dict]:
    """Every analysis: id, question, counts of hypotheses and evidence items."""
    a, h, e = s.ach_analysis.c, s.ach_hypothesis.c, s.ach_evidence.c
    hypotheses = (select(func.count()).where(h.analysis_id == a.id).scalar_subquery())
    evidence = (select(func.count()).where(e.analysis_id == a.id).scalar_subquery())
    return [_plain(r) for r in connection.execute(
        select(a.id, a.question, a.created_at, hypotheses.label("hypotheses"),
               evidence.label("evidence")).order_by(a.id))]


def create_figure(connection: Connection, name: str, expression: str, created_by: str,
                  inputs: dict[str, dict]) -> None:
    """Store a figure: ``inputs`` maps each name to {"claim_id"} or {"low", "best", "high"}.
    A figure of the same name is replaced (redefined)."""
    connection.execute(delete(s.figure_input).where(s.figure_input.c.figure_name == name))
    connection.execute(delete(s.figure).where(s.figure.c.name == name))
    for spec in inputs.values():
        if spec.get("claim_id"):
            claim_exists(connection, spec["claim_id"])
    connection.execute(insert(s.figure).values(name=name, expression=expression,
                                               created_by=created_by,
                                               created_at=datetime.now(UTC)))
    connection.execute(insert(s.figure_input), [
        {"figure_name": name, "name": key, "claim_id": spec.get("claim_id"),
         "low": spec.get("low"), "best": spec.get("best"), "high": spec.get("high")}
        for key, spec in inputs.items()])


def load_figure(connection: Connection, name: str) -> dict:
    """The figure: ``name``, ``expression``, ``created_by``, ``created_at`` and ``inputs``
    (name → {claim_id, low, best, high})."""
    row = connection.execute(select(s.figure).where(s.figure.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"no figure called {name!r}; see `frontcheck figure list`")
    i = s.figure_input.c
    inputs = {r.name: {"claim_id": r.claim_id, "low": r.low, "best": r.best, "high": r.high}
              for r in connection.execute(select(s.figure_input).where(i.figure_name == name)
                                          .order_by(i.name))}
    return {"name": row.name, "expression": row.expression, "created_by": row.created_by,
            "created_at": row.created_at, "inputs": inputs}


def list_figures(connection: Connection) -> list[dict]:
    """Every figure's name and expression."""
    return [_plain(r) for r in connection.execute(
        select(s.figure.c.name, s.figure.c.expression, s.figure.c.created_at)
        .order_by(s.figure.c.name))]


def place_points(connection: Connection, place_ids: list[str]) -> list[dict]:
    """id, name, oblast, lon, lat, population and feature class of the places named that
    have coordinates (for their footprints)."""
    p = s.place.c
    if not place_ids:
        return []
    return [_plain(r) for r in connection.execute(
        select(p.id, p.name_en, p.oblast, p.lon, p.lat, p.population, p.feature_class)
        .where(p.id.in_(sorted(set(place_ids))), p.lon.is_not(None)).order_by(p.id))]
