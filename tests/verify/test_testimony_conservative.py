"""Conservative flags, fourth round (issue 11): two other speakers' words of one man's own
facts (his papers, wounds, family news, resistance, act) or of figures of no stated scope are
kept below the default confidence; his own words and one interview's reports are not."""

from __future__ import annotations

from datetime import date

from frontcheck.claims.model import Claim
from frontcheck.verify.contradictions import MIN_CONFIDENCE
from frontcheck.verify.testimony import Said, account_conflict


def claim(topic: str, facet: str, value=None, negated=False, **details) -> Claim:
    return Claim("c", "testimony", negated=negated,
                 fields={"topic": topic, "facet": facet, "value": value, "voice": "source",
                         **details})


def said(c: Claim, speaker: str, publisher="P", on=date(2025, 1, 10), kind="article") -> Said:
    return Said(c, speaker, publisher, on, on, False, kind)


def test_two_agencies_on_one_mans_papers_are_below_the_default():
    none = said(claim("capture", "documents", negated=True), "SBU")
    some = said(claim("capture", "documents"), "NIS", on=date(2025, 1, 12))
    conflict = account_conflict(none, some)
    assert conflict is not None and conflict.kind == "negation"
    assert conflict.confidence < MIN_CONFIDENCE
    assert "another of the men" in conflict.why


def test_the_same_speakers_papers_stay_above_it():
    none = said(claim("capture", "documents", negated=True), "SBU")
    some = said(claim("capture", "documents"), "SBU", on=date(2025, 1, 12))
    conflict = account_conflict(none, some)
    assert conflict is not None and conflict.confidence >= MIN_CONFIDENCE


def count(best, scope):
    return claim("casualties", "count", best, low=best, best=best, high=best,
                 category="killed", scope=scope)


def test_figures_of_no_stated_scope_between_two_speakers_are_below_the_default():
    conflict = account_conflict(said(count(100, ""), "Kyiv"),
                                said(count(1000, ""), "Seoul", on=date(2025, 1, 9)))
    assert conflict is None or conflict.confidence < MIN_CONFIDENCE
    scoped = account_conflict(said(count(1000, "contingent"), "Kyiv", on=date(2025, 1, 12)),
                              said(count(100, "contingent"), "Seoul", on=date(2025, 1, 13)))
    assert scoped is not None and scoped.kind == "numeric"
    assert scoped.confidence >= MIN_CONFIDENCE


def test_two_undated_reports_of_one_speaker_a_day_apart_are_one_interview():
    """Either may be published first: Babel on the 17th, Pulse on the 18th."""
    from frontcheck.verify.testimony_said import one_interview

    def report(publisher, on):
        return Said(claim("intent", "wish", "stay"), "Evans Kibet", publisher, on, on, False,
                    "interview")
    assert one_interview(report("Babel", date(2025, 9, 17)), report("Pulse", date(2025, 9, 18)))
    assert one_interview(report("Pulse", date(2025, 9, 18)), report("Babel", date(2025, 9, 17)))
    assert not one_interview(report("Babel", date(2025, 9, 17)),
                             report("Kenyan Post", date(2025, 9, 21)))


def test_an_undated_rendering_says_it_is_undated():
    def report(publisher, on, wish):
        return Said(claim("intent", "wish", wish), "Evans Kibet", publisher, on, on, False,
                    "interview")
    conflict = account_conflict(report("Babel", date(2025, 9, 17), "stay"),
                                report("Pulse", date(2025, 9, 18), "return"))
    assert conflict is not None and conflict.kind == "rendering"
    assert "undated" in conflict.why and "of 2025-09-17" not in conflict.why
