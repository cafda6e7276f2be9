"""A brief for readers: the question, the matrix, the derived figures, the verdicts with their
share curves and maps, the contradictions and witness changes, and the numbered sources.

Pure: a ``Brief`` of plain, already redacted data in; HTML (a Jinja2 template with
autoescaping: a quote holding ``<script>`` stays text), Markdown, or PDF bytes out. The PDF is
the HTML laid out by WeasyPrint (a real CSS paged-media renderer: hand-writing PDF would lose
text shaping for Cyrillic and Korean), which reads no file and no network here: images are
data URIs and fetching anything else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

__all__ = ["Brief", "BriefSource", "BriefVerdict", "brief_html", "brief_markdown", "brief_pdf"]


@dataclass(frozen=True, slots=True)
class BriefSource:
    """One numbered entry of the source list."""

    number: int
    source_id: int | None
    title: str
    publisher: str
    url: str
    sha256: str
    grade: str                  # Admiralty, e.g. B2
    published_on: date | None


@dataclass(frozen=True, slots=True)
class BriefVerdict:
    claim_id: str
    statement: str
    quote: str
    claimant: str
    place: str
    claim_date: date | None
    verdict: str
    change_date: date | None
    lag_days: int | None
    explanation: str
    source_number: int | None
    curve_svg: str | None = None            # data URI
    maps: tuple[tuple[str, str], ...] = ()  # (caption, data URI)


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    definition: str             # how to regenerate it: the saved query
    generated_on: date
    question: str = ""
    hypotheses: tuple[dict[str, Any], ...] = ()  # hypothesis, text, weighted_inconsistency, rank
    evidence: tuple[dict[str, Any], ...] = ()    # ref, statement, grade, verdict, weight, ratings...
    ranking: tuple[str, ...] = ()
    sensitive: tuple[str, ...] = ()
    figures: tuple[dict[str, Any], ...] = ()     # name, expression, low, best, high, inputs
    verdicts: tuple[BriefVerdict, ...] = ()
    contradictions: tuple[dict[str, Any], ...] = ()
    witness_changes: tuple[dict[str, Any], ...] = ()
    sources: tuple[BriefSource, ...] = ()
    source_numbers: dict[str, int] = field(default_factory=dict)  # claim:ID, source:ID -> number


_ENVIRONMENT = Environment(loader=PackageLoader("frontcheck.render", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True),
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


_ENVIRONMENT.filters["number"] = _number


def brief_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (styles inline, images as data URIs)."""
    return _ENVIRONMENT.get_template("brief.html.j2").render(brief=brief)


def _cell(value: object) -> str:
    """A Markdown table cell: one line, pipes and markup characters escaped."""
    text = " ".join(str("" if value is None else value).split())
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(_cell(v) for v in row) + " |" for row in rows), ""]


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown (GitHub tables; figures as data-URI images)."""
    out = [f"# {_cell(brief.title)}", "", f"Generated on {brief.generated_on.isoformat()} "
           f"from the saved query `{brief.definition}`.", ""]
    if brief.question:
        labels = [h["hypothesis"] for h in brief.hypotheses]
        out += ["## Question", "", _cell(brief.question), "", "## Hypotheses", ""]
        out += _table(["", "Hypothesis", "Weighted inconsistency", "Rank"],
                      [[h["hypothesis"], h["text"], f"{h['weighted_inconsistency']:.2f}",
                        h["rank"]] for h in brief.hypotheses])
        out += ["## Matrix", ""]
        out += _table(["Evidence", "Source", "Grade", "Verdict", "Weight", *labels],
                      [[e["statement"], _ref_number(brief, e["ref"]), e["grade"], e["verdict"],
                        f"{e['weight']:.2f}", *(e["ratings"].get(k, "N") for k in labels)]
                       for e in brief.evidence])
        if brief.sensitive:
            out += [f"The ranking hangs on: {', '.join(_cell(s) for s in brief.sensitive)}.", ""]
    if brief.figures:
        out += ["## Derived figures", ""]
        out += _table(["Figure", "Expression", "Low", "Best", "High"],
                      [[f["name"], f["expression"], _number(f["low"]), _number(f["best"]),
                        _number(f["high"])] for f in brief.figures])
    if brief.verdicts:
        out += ["## Verdicts", ""]
        for v in brief.verdicts:
            out += [f"### {_cell(v.statement)}", "",
                    f"**{v.verdict}** — {_cell(v.explanation)} "
                    f"(claim of {v.claim_date or '?'} by {_cell(v.claimant)}"
                    f"{f', source [{v.source_number}]' if v.source_number else ''})", ""]
            if v.curve_svg:
                out += [f"![share curve]({v.curve_svg})", ""]
            out += [f"![{_cell(caption)}]({uri})" for caption, uri in v.maps] + [""]
    if brief.contradictions:
        out += ["## Contradictions", ""]
        out += _table(["Type", "Subject", "One source says", "Another says", "Why"],
                      [[c["type"], c["subject"], c["quote_a"], c["quote_b"], c["why"]]
                       for c in brief.contradictions])
    if brief.witness_changes:
        out += ["## Witness changes", ""]
        out += _table(["Witness", "Subject", "Change", "Said on", "Words"],
                      [[w["witness"], w["subject"], w["change"], w["said_on"], w["quote"]]
                       for w in brief.witness_changes])
    out += ["## Sources", ""]
    out += [f"{s.number}. {_cell(s.title)} — {_cell(s.publisher)}, "
            f"{s.published_on or 'undated'}, grade {s.grade}. <{s.url}> "
            f"sha256 `{s.sha256}`" if s.url else
            f"{s.number}. {_cell(s.title)} — {_cell(s.publisher)}, "
            f"{s.published_on or 'undated'}, grade {s.grade}. sha256 `{s.sha256}`"
            for s in brief.sources]
    return "\n".join(out) + "\n"


def _ref_number(brief: Brief, ref: str) -> str:
    number = brief.source_numbers.get(ref)
    return f"[{number}]" if number else ""


def brief_pdf(html: str) -> bytes:
    """The HTML laid out as an A4 PDF by WeasyPrint; nothing is fetched: its URL fetcher
    allows ``data:`` URIs only (the brief's images), so a link in a source's text cannot
    make the renderer reach the network or read a local file."""
    from weasyprint import HTML  # heavy import (pango): only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()  # bytes: no target given
    return pdf
