"""Briefs: an analysis of competing hypotheses or a selection of claims, written up with its
figures, verdicts (share curves and maps), contradictions, witness changes and numbered
sources, as HTML, Markdown or PDF.

A brief is made from a definition (an analysis id, a claims filter, figure names) that can be
saved under a name (table ``report_definition``) and regenerated later from the store of the
moment. Every text is redacted when it is read (``evidence_facts``, the analysis jobs), and
the finished text is checked once more: a brief in which the redactor still finds a protected
person is refused rather than written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Literal

import shapely
from sqlalchemy import Connection, Engine

from frontcheck.app import analysis as analysis_jobs
from frontcheck.app.ach import AchOptions, show_analysis
from frontcheck.app.evidence import EvidenceFacts, evidence_facts
from frontcheck.app.figures import show_figure
from frontcheck.app.person_protection import person_redactor
from frontcheck.app.verify import verdict_records
from frontcheck.claims.model import Claim
from frontcheck.claims.selection import ClaimSelection, parse_selection, select_claims
from frontcheck.errors import FrontcheckError, InputError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal
from frontcheck.render.report import (
    Brief,
    BriefSource,
    BriefVerdict,
    brief_html,
    brief_markdown,
    brief_pdf,
)
from frontcheck.render.report_charts import place_map_svg, share_curve_svg, svg_data_uri
from frontcheck.store.audit import log_event
from frontcheck.store.claims import list_claims
from frontcheck.store.control import tracker_sequence
from frontcheck.store.exports import dated_layer_rows
from frontcheck.store.persons import source_persons
from frontcheck.store.reports import list_definitions, load_definition, save_definition
from frontcheck.store.sources import StoredSource, list_sources
from frontcheck.verify.territorial import VerdictRules

__all__ = ["ReportFormat", "ReportDefinition", "ReportOptions", "ReportRecord", "SavedReport",
           "save_report", "saved_report", "saved_reports", "build_brief", "render_brief",
           "report"]

#: Verdicts drawn with maps (each map is a figure; a brief of hundreds of claims stays small).
MAX_MAPPED_VERDICTS = 12
TITLE_CHARS = 120


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    pdf = "pdf"


@dataclass(frozen=True, slots=True)
class ReportDefinition:
    """What a brief is made of: an analysis, a claims filter, or both; and named figures."""

    ach_id: int | None = None
    claims: ClaimSelection | None = None
    figures: tuple[str, ...] = ()
    title: str = ""

    def text(self) -> str:
        """How the definition reads on the brief (the saved query)."""
        parts = ([f"--ach {self.ach_id}"] if self.ach_id is not None else []) + \
            ([f"--claims {self.claims.text() or 'all'}"] if self.claims is not None else []) + \
            [f"--figure {name}" for name in self.figures]
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class ReportOptions:
    tracker: str = "deepstate"
    rules: VerdictRules = field(default_factory=VerdictRules)
    today: date | None = None            # the brief's date; None: today (UTC)
    max_mapped: int = MAX_MAPPED_VERDICTS


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """A written brief: its bytes and what it holds."""

    format: str
    content: bytes
    sources: int
    verdicts: int
    evidence: int


def save_report(engine: Engine, caller: Principal, name: str, definition: ReportDefinition
                ) -> None:
    """Keep ``definition`` as ``name`` (replacing one of that name)."""
    if not name.strip() or len(name) > 100:
        raise InputError(None, "give a report name of 1 to 100 characters", field="--save")
    _check(definition)
    with engine.begin() as connection:
        save_definition(connection, name.strip(), definition.ach_id,
                        definition.claims.text() if definition.claims is not None else None,
                        list(definition.figures), definition.title, caller.name)


def saved_report(connection: Connection, name: str) -> ReportDefinition:
    row = load_definition(connection, name)
    claims = parse_selection(row["claims_filter"]) if row["claims_filter"] is not None else None
    return ReportDefinition(row["ach_id"], claims, tuple(row["figures"] or ()), row["title"])


@dataclass(frozen=True, slots=True)
class SavedReport:
    """A saved brief definition (``/api/reports``): its name, the definition as ``report``'s
    options would give it, and its title (redacted)."""

    name: str
    definition: str
    title: str


def saved_reports(connection: Connection, caller: Principal) -> list[SavedReport]:
    redactor = person_redactor(connection)
    return [SavedReport(r["name"], saved_report(connection, r["name"]).text(),
                        redactor.text(r["title"])) for r in list_definitions(connection)]


def _check(definition: ReportDefinition) -> None:
    if definition.ach_id is None and definition.claims is None:
        raise InputError(None, "give --ach ID, --claims FILTER or --saved NAME", field="--ach")


def _source_title(source: StoredSource, redactor: Redactor) -> str:
    text = " ".join((source.text or "").split())
    text = text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1] + "…"
    return redactor.text(f"{source.kind}: {text}" if text else source.kind)


#: What a citation points at: ("source", source id) or ("url", url).
_CitationKey = tuple[Literal["source"], int] | tuple[Literal["url"], str]


class _Citations:
    """Numbers sources in the order the brief first cites them."""

    def __init__(self) -> None:
        self.order: list[_CitationKey] = []
        self.refs: dict[str, int] = {}

    def cite(self, ref: str, key: _CitationKey | None) -> int | None:
        if key is None:
            return None
        if key not in self.order:
            self.order.append(key)
        self.refs[ref] = self.order.index(key) + 1
        return self.refs[ref]

    def source_ids(self) -> list[int]:
        """The stored sources cited, in citation order."""
        return [key[1] for key in self.order if key[0] == "source"]


def _citation_key(facts: EvidenceFacts) -> _CitationKey | None:
    if facts.source_id is not None:
        return ("source", facts.source_id)
    return ("url", facts.url) if facts.url else None


def build_brief(connection: Connection, caller: Principal, definition: ReportDefinition,
                options: ReportOptions = ReportOptions()) -> Brief:
    """Gather the brief's parts from the store now, every text redacted."""
    _check(definition)
    redactor = person_redactor(connection)
    ach = None
    if definition.ach_id is not None:
        ach = show_analysis(connection, caller, definition.ach_id,
                            AchOptions(options.tracker, options.rules))
    figures = [show_figure(connection, caller, name) for name in definition.figures]
    claims = list_claims(connection)
    chosen = select_claims(claims, definition.claims) if definition.claims is not None else []
    evidence_claims = [e.ref.split(":", 1)[1] for e in (ach.evidence if ach else ())
                       if e.ref.startswith("claim:")]
    evidence_sources = [int(e.ref.split(":", 1)[1]) for e in (ach.evidence if ach else ())
                        if e.ref.startswith("source:")]
    figure_claims = [i.claim_id for f in figures for i in f.inputs if i.claim_id]
    claim_ids = list(dict.fromkeys([*evidence_claims, *figure_claims, *(c.id for c in chosen)]))
    facts = evidence_facts(connection, claim_ids, evidence_sources, redactor)
    citations = _Citations()
    for ref in [*(e.ref for e in (ach.evidence if ach else ())),
                *(f"claim:{c}" for c in claim_ids)]:
        if ref in facts:
            citations.cite(ref, _citation_key(facts[ref]))
    by_id = {c.id: c for c in claims}
    judged = [by_id[c] for c in claim_ids if c in by_id and by_id[c].type == "territorial"]
    verdicts = _verdicts(connection, judged, facts, citations, redactor, options)
    wanted = set(claim_ids)
    contradictions = [c for c in analysis_jobs.contradictions(connection, caller)
                      if c.claim_a in wanted or c.claim_b in wanted]
    for c in contradictions:
        for source_id in (c.source_a, c.source_b):
            if source_id is not None:
                citations.cite(f"source:{source_id}", ("source", source_id))
    witness = _witness_changes(connection, caller, citations.source_ids())
    # an analysis's question is never empty; without one, _check saw a claims filter
    by_claims = (f"Claims: {definition.claims.text() or 'all'}"
                 if definition.claims is not None else "")
    return Brief(
        title=redactor.text(definition.title or (ach.question if ach else "") or by_claims),
        definition=redactor.text(definition.text()),
        generated_on=options.today or datetime.now(UTC).date(),
        question=ach.question if ach else "",
        hypotheses=tuple(asdict(h) for h in ach.hypotheses) if ach else (),
        evidence=tuple(asdict(e) for e in ach.evidence) if ach else (),
        ranking=tuple(ach.ranking) if ach else (), sensitive=tuple(ach.sensitive) if ach else (),
        figures=tuple(asdict(f) for f in figures), verdicts=tuple(verdicts),
        contradictions=tuple(asdict(c) for c in contradictions), witness_changes=tuple(witness),
        sources=tuple(_source_list(connection, citations, facts, redactor)),
        source_numbers=dict(citations.refs))


def _verdicts(connection: Connection, claims: list[Claim], facts: dict[str, EvidenceFacts],
              citations: _Citations,
              redactor: Redactor, options: ReportOptions) -> list[BriefVerdict]:
    rows = [asdict(r) for r in verdict_records(connection, claims, options.rules,
                                                options.tracker)] if claims else []
    layers = _layers_on(connection, options.tracker,
                        [d for row in rows[:options.max_mapped]
                         for d in (row["claim_date"], row["change_date"]) if d])
    out: list[BriefVerdict] = []
    for k, row in enumerate(rows):
        f = facts[f"claim:{row['claim_id']}"]
        place = row["place"] or {}
        name = redactor.text(place.get("name") or place.get("mention") or "")
        evidence = row["evidence"] or {}
        curve = share_curve_svg(evidence.get("curve") or [], evidence.get("threshold", 0.85),
                                row["claim_date"], row["change_date"])
        maps: list[tuple[str, str]] = []
        if k < options.max_mapped and place.get("lon") is not None:
            for label, when in (("claim", row["claim_date"]), ("change", row["change_date"])):
                held = layers.get(when) if when else None
                if held is not None:
                    snapshot_on, geometry = held
                    maps.append((f"{name}, {label} date ({snapshot_on})", svg_data_uri(
                        place_map_svg(geometry, place["lon"], place["lat"], name, snapshot_on))))
        out.append(BriefVerdict(
            row["claim_id"], f.statement, f.quote, f.claimant, name, row["claim_date"],
            row["verdict"], row["change_date"], row["lag_days"], redactor.text(row["explanation"]),
            citations.refs.get(f"claim:{row['claim_id']}"),
            svg_data_uri(curve) if curve else None, tuple(maps)))
    return out


def _layers_on(connection: Connection, tracker: str, dates: list[date]
               ) -> dict[date, tuple[date, shapely.Geometry]]:
    """date → (snapshot date, occupied layer) of the latest snapshot on or before each date."""
    sequence = [e.on for e in tracker_sequence(connection, tracker)]
    used = {d: max((on for on in sequence if on <= d), default=None) for d in set(dates)}
    wanted = sorted({on for on in used.values() if on is not None})
    rows = dated_layer_rows(connection, tracker, wanted, "occupied") if wanted else []
    geometry = {r["date"]: r["geometry"] for r in rows}
    return {d: (on, geometry[on]) for d, on in used.items()
            if on is not None and on in geometry}


def _witness_changes(connection: Connection, caller: Principal, source_ids: list[int]
                     ) -> list[dict[str, Any]]:
    """The changes of position of each person who speaks in a cited source."""
    speakers = sorted({p["id"] for persons in source_persons(connection, source_ids).values()
                       for p in persons if p["role"] == "speaker"})
    out: list[dict[str, Any]] = []
    for person_id in speakers:
        found = analysis_jobs.witness(connection, caller, str(person_id))
        out += [asdict(r) for r in found.items if r.status == "changed"]
    return out


def _source_list(connection: Connection, citations: _Citations, facts: dict[str, EvidenceFacts],
                 redactor: Redactor) -> list[BriefSource]:
    ids = citations.source_ids()
    sources = {s.id: s for s in list_sources(connection, ids=ids)} if ids else {}
    out = []
    for number, (kind, value) in enumerate(citations.order, start=1):
        if kind == "source" and value in sources:
            src = sources[value]
            out.append(BriefSource(number, src.id, _source_title(src, redactor),
                                   redactor.text(src.publisher), redactor.text(src.url),
                                   src.blob_sha256, src.grade,
                                   src.published_at.date() if src.published_at else None))
        else:   # a curated claim read at a URL: no raw bytes kept, so no hash
            f = next((f for f in facts.values() if f.url == value), None)
            out.append(BriefSource(number, None, f.statement if f else str(value),
                                   f.publisher if f else "", str(value), "",
                                   (f.reliability + f.credibility) if f else "",
                                   f.said_on if f else None))
    return out


def render_brief(brief: Brief, fmt: ReportFormat, redactor: Redactor) -> bytes:
    """The brief's bytes in ``fmt``; refused if the redactor finds a protected person."""
    text = brief_markdown(brief) if fmt is ReportFormat.md else brief_html(brief)
    if redactor.finds(text):
        raise FrontcheckError("the brief would name a protected person; nothing was written")
    return brief_pdf(text) if fmt is ReportFormat.pdf else text.encode("utf-8")


def report(engine: Engine, caller: Principal, definition: ReportDefinition, fmt: ReportFormat,
           options: ReportOptions = ReportOptions()) -> ReportRecord:
    """Build and render a brief, logged in the audit log as an export of claims."""
    with engine.connect() as connection:
        brief = build_brief(connection, caller, definition, options)
        redactor = person_redactor(connection)
    content = render_brief(brief, fmt, redactor)
    log_event(engine, caller, "export", "report",
              detail={"format": fmt.value, "definition": brief.definition,
                      "sources": len(brief.sources), "redacted": True})
    return ReportRecord(fmt.value, content, len(brief.sources), len(brief.verdicts),
                        len(brief.evidence))
