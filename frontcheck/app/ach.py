"""Analyses of competing hypotheses: create one, add hypotheses and evidence, and show the
matrix computed now from the evidence's current verdicts and grades (``verify.ach``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from frontcheck.app.evidence import EvidenceFacts, evidence_facts
from frontcheck.app.person_protection import person_redactor
from frontcheck.errors import InputError
from frontcheck.protect.roles import Principal
from frontcheck.store import analysis_tables as tables
from frontcheck.verify.ach import EvidenceItem, ItemRow, ach_matrix, parse_ratings
from frontcheck.verify.territorial import VerdictRules

__all__ = ["AchOptions", "AnalysisRecord", "HypothesisRecord", "EvidenceRecord", "AchRecord",
           "new_analysis", "add_hypothesis", "add_evidence", "show_analysis", "analyses"]

MAX_TEXT_CHARS = 2000


@dataclass(frozen=True, slots=True)
class AchOptions:
    """How evidence is judged when the matrix is shown: the tracker and the verdict rules."""

    tracker: str = "deepstate"
    rules: VerdictRules = field(default_factory=VerdictRules)


@dataclass(frozen=True, slots=True)
class AnalysisRecord:
    id: int
    question: str
    hypotheses: int
    evidence: int


@dataclass(frozen=True, slots=True)
class HypothesisRecord:
    hypothesis: str            # H1, H2 ...
    text: str
    weighted_inconsistency: float
    inconsistent_items: int
    rank: int


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    evidence_id: int
    ref: str
    statement: str
    quote: str
    claimant: str
    publisher: str
    said_on: str | None
    url: str
    grade: str                 # Admiralty reliability + credibility, e.g. B2
    empirical_grade: str
    verdict: str
    weight: float
    diagnosticity: float
    ratings: dict[str, str]    # H1 -> CC ...
    sensitive: list[str]       # removal, verdict: what about it would change the ranking


@dataclass(frozen=True, slots=True)
class AchRecord:
    id: int
    question: str
    hypotheses: list[HypothesisRecord]
    evidence: list[EvidenceRecord]
    ranking: list[str]         # H labels, strongest (least inconsistent) first
    sensitive: list[str]       # refs of the items the ranking hangs on


def _text(value: str, what: str) -> str:
    text = " ".join(value.split())
    if not text or len(text) > MAX_TEXT_CHARS:
        raise InputError(None, f"give a {what} of 1 to {MAX_TEXT_CHARS} characters",
                         field=what.upper())
    return text


def new_analysis(engine: Engine, caller: Principal, question: str) -> AnalysisRecord:
    """Start an analysis of ``question``."""
    with engine.begin() as connection:
        analysis_id = tables.create_analysis(connection, _text(question, "question"),
                                             caller.name)
        redactor = person_redactor(connection)
    return AnalysisRecord(analysis_id, redactor.text(_text(question, "question")), 0, 0)


def add_hypothesis(engine: Engine, caller: Principal, analysis_id: int, text: str
                   ) -> HypothesisRecord:
    """Add a hypothesis (H1, H2 ... in the order added); it starts with no inconsistency."""
    with engine.begin() as connection:
        position = tables.add_hypothesis(connection, analysis_id, _text(text, "text"))
        redactor = person_redactor(connection)
    return HypothesisRecord(f"H{position}", redactor.text(_text(text, "text")), 0.0, 0, 0)


def add_evidence(engine: Engine, caller: Principal, analysis_id: int, rate: str,
                 claim_id: str | None = None, source_id: int | None = None) -> int:
    """Add a claim or a source as evidence, rated ``H1=CC,H2=I`` (unrated hypotheses are N);
    returns the evidence id. Exactly one of ``claim_id`` and ``source_id``."""
    if (claim_id is None) == (source_id is None):
        raise InputError(None, "give exactly one of --claim and --source", field="--claim")
    with engine.begin() as connection:
        hypotheses = tables.load_analysis(connection, analysis_id)["hypotheses"]
        if not hypotheses:
            raise InputError(None, f"analysis {analysis_id} has no hypotheses yet: add them "
                                   "first with `frontcheck ach hypothesis add`", field="--rate")
        labels = [f"H{n}" for n in range(1, len(hypotheses) + 1)]
        ratings = parse_ratings(_by_label(rate, hypotheses), labels)
        return tables.add_evidence(connection, analysis_id,
                                   {int(k[1:]): v for k, v in ratings.items()},
                                   claim_id=claim_id, source_id=source_id)


def _by_label(rate: str, hypotheses: list[str]) -> str:
    """``--rate`` with hypotheses named by their text turned into H labels."""
    texts = {text: f"H{n}" for n, text in enumerate(hypotheses, start=1)}
    parts = []
    for part in rate.split(","):
        key, sep, value = part.partition("=")
        parts.append(f"{texts.get(key.strip(), key.strip())}{sep}{value}")
    return ",".join(parts)


def show_analysis(connection: Connection, caller: Principal, analysis_id: int,
                  options: AchOptions = AchOptions()) -> AchRecord:
    """The matrix now: each item weighted by its current grades and verdict, each hypothesis's
    weighted inconsistency and rank, each item's diagnosticity and sensitivity."""
    analysis = tables.load_analysis(connection, analysis_id)
    redactor = person_redactor(connection)
    items = analysis["evidence"]
    facts = evidence_facts(connection, [i["claim_id"] for i in items if i["claim_id"]],
                           [i["source_id"] for i in items if i["source_id"] is not None],
                           redactor, options.rules, options.tracker)
    labels = [f"H{n}" for n in range(1, len(analysis["hypotheses"]) + 1)]
    present = [(i, facts[_ref(i)]) for i in items if _ref(i) in facts]
    matrix = ach_matrix(labels, [
        EvidenceItem(f.ref, {f"H{k}": v for k, v in i["ratings"].items() if f"H{k}" in labels},
                     f.reliability, f.credibility, f.empirical_grade, f.verdict)
        for i, f in present])
    rows = {row.key: row for row in matrix.items}
    return AchRecord(
        analysis["id"], redactor.text(analysis["question"]),
        [HypothesisRecord(score.hypothesis, redactor.text(text), score.weighted_inconsistency,
                          score.inconsistent_items, score.rank)
         for score, text in zip(matrix.scores, analysis["hypotheses"])],
        [_evidence_record(i["id"], f, rows[f.ref], list(matrix.sensitive.get(f.ref, ())))
         for i, f in present],
        list(matrix.ranking), sorted(matrix.sensitive))


def _ref(item: dict[str, Any]) -> str:
    return f"claim:{item['claim_id']}" if item["claim_id"] else f"source:{item['source_id']}"


def _evidence_record(evidence_id: int, facts: EvidenceFacts, row: ItemRow, sensitive: list[str]
                     ) -> EvidenceRecord:
    return EvidenceRecord(
        evidence_id, facts.ref, facts.statement, facts.quote, facts.claimant, facts.publisher,
        facts.said_on.isoformat() if facts.said_on else None, facts.url,
        facts.reliability + facts.credibility, facts.empirical_grade, facts.verdict, row.weight,
        row.diagnosticity, dict(row.ratings), sensitive)


def analyses(connection: Connection, caller: Principal) -> list[AnalysisRecord]:
    """Every analysis with how many hypotheses and evidence items it has."""
    redactor = person_redactor(connection)
    return [AnalysisRecord(r["id"], redactor.text(r["question"]), r["hypotheses"],
                           r["evidence"]) for r in tables.list_analyses(connection)]
