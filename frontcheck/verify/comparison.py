"""What a claim is about, and whether two claims about the same thing agree or conflict.

Corroboration, contradictions and witness consistency all ask the same two questions of a
pair of claims, answered here once:

**Same subject** (``subject_key``): territorial claims about one place (its gazetteer id,
else the mention as written); participation claims of one force or unit at one place;
quantity claims of one kind (killed, wounded, captured, casualties, troops, transport,
payment) of one side, unit, currency, period and place; attribute claims of one predicate
(training, service_basis, knew_deployment, family_contact) about one subject. A subject
that a source names only as "I" (``speaker``) is that source's speaker, so two interviews
of one witness speak of the same person; "he" or "the prisoner" (``person``, ``other``)
cannot be matched outside its own source.

**Same time** (``relation``): attributes are states, compared whenever said; the rest are
events, compared when their dates lie within ``window_days`` of each other. A claim's date
is its event date widened by its precision (a ``week`` is seven days, a ``month`` the
calendar month), else the day it was made. A witness's undated accounts of his own past
(a ship, his company's losses) are compared across his interviews whenever given.

**Content** (``content_relation``), for claims of the same subject:

- ``agree``;
- ``numeric``: quantities whose low–high ranges do not overlap (100 vs 200 soldiers), or
  durations more than ``duration_tolerance`` apart (a week's training vs a month's);
- ``negation``: one asserts what the other denies ("trained two weeks" / "not trained");
- ``actor``: the same place taken, by different actors (Russia vs Ukraine, or the DPRK vs
  Russia: different actors, though both mean Russian control);
- ``value``: a predicate whose values exclude each other given different positive values
  (conscripted vs signed a contract);
- ``temporal`` (``relation`` only): the same territorial change with explicit dates more
  than ``date_slack_days`` apart (beyond their precision) yet within ``same_event_days``.

Territorial claims compare the state they assert: captured, recaptured and liberated give
control to the actor, a withdrawal to the other side, repelled attacks deny the attacker
control; the DPRK's gains are Russian control. ``advanced`` and ``fighting_in`` are stages
of a fight, compared only with the same action.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontcheck.claims.actors import find_claimants, opposite
from frontcheck.claims.model import Claim

__all__ = ["SourceInfo", "SourcedClaim", "ComparisonRules", "CONFLICTS", "DEFAULT_RULES",
           "subject_key", "content_relation", "relation", "control_outcome", "event_interval",
           "canonical_name", "witness_of", "candidate_pairs", "place_key", "is_number",
           "ClaimFacts", "claim_facts", "related"]

#: Kinds of conflict, in the order the issue lists them (``value`` is frontcheck's own).
CONFLICTS = ("numeric", "temporal", "actor", "negation", "value")
CONTROL_ACTIONS = frozenset(("captured", "recaptured", "liberated"))
STAGE_ACTIONS = frozenset(("advanced", "fighting_in"))
#: Whose control an actor's gain is: the DPRK fights on Russia's side.
CONTROLLER = {"dprk": "russia"}
#: Predicates whose values exclude one another (a conscript did not volunteer).
EXCLUSIVE_PREDICATES = frozenset(("service_basis",))
#: Subjects of attribute claims that are the source's own speaker, and those that name
#: someone the text does not identify.
SPEAKER_SUBJECTS = frozenset(("speaker",))
UNIDENTIFIED_SUBJECTS = frozenset(("person", "other", ""))
#: Kinds of source whose speaker gives first-hand testimony.
TESTIMONY_KINDS = frozenset(("interview",))


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a claim was read, as the analyses need it; the shell fills it from the ledger.

    ``key`` tells sources apart ("source:12", or "curated:HO-001" for a claim imported
    without a stored source); ``grade`` is the Admiralty grade, reliability of the publisher
    and credibility of the item ("B2"; "F6" when unknown); ``author`` the channel, speaker of
    a transcript or author of an article; ``forwarded_from`` the channel a Telegram forward
    came from; ``said_on`` when the speaker said it, when the source gives an interview date.
    Protected names are already pseudonyms here.
    """

    key: str
    publisher: str = ""
    grade: str = "F6"
    kind: str = ""
    author: str = ""
    forwarded_from: str = ""
    published_on: date | None = None
    source_id: int | None = None
    said_on: date | None = None       # when the speaker said it (an interview's date), if known


@dataclass(frozen=True, slots=True)
class SourcedClaim:
    """A claim with the source it was read in."""

    claim: Claim
    source: SourceInfo


@dataclass(frozen=True, slots=True)
class ComparisonRules:
    """Windows of the comparisons, in days (see the module docstring)."""

    window_days: int = 7
    date_slack_days: int = 1
    same_event_days: int = 30
    duration_tolerance: float = 0.25


#: The rules of the module docstring, as defaults.
DEFAULT_RULES = ComparisonRules()


def canonical_name(name: str) -> str:
    """One spelling for a claimant, publisher or channel: the canonical claimant when the
    name names one and only one ("Минобороны России", "Russia's Defence Ministry" → "Russian
    MoD"; "Khortytsia group spokesman Nazar Voloshyn" → "Khortytsia"), else the name as
    written, without the reporting chain curated sheets add in parentheses. Compare the
    results case-folded.

    >>> canonical_name("Минобороны России"), canonical_name("ГУР МО України")
    ('Russian MoD', 'GUR')
    >>> canonical_name("Sample  Daily (via X)"), canonical_name("Putin / Russian General Staff")
    ('Sample Daily', 'Putin / Russian General Staff')
    """
    text = " ".join(name.split("(")[0].split()) or " ".join(name.split())
    named = {m.claimant for m in find_claimants(text)}
    return named.pop() if len(named) == 1 else text


def witness_of(item: SourcedClaim) -> str:
    """The witness whose own account a claim is (the speaker of an interview who is also the
    claimant), or "" when it is no first-hand testimony."""
    source, claim = item.source, item.claim
    if source.kind in TESTIMONY_KINDS and source.author and claim.claimant == source.author:
        return source.author
    return ""


def place_key(claim: Claim) -> str:
    """The place a claim names: its gazetteer id, else the mention folded, else its oblast;
    "" when it names none."""
    place = claim.place
    if place is None:
        return ""
    if place.id:
        return place.id
    mention = " ".join((place.mention or "").casefold().split())
    return f"mention:{mention}" if mention else f"oblast:{(place.oblast or '').casefold()}"


#: The quantity kind that says only "people" (no casualty word, no vessel): such a count is
#: a fact about somebody only with a side or a place ("11,000 North Korean troops", "200 men
#: in Kupiansk"); bare, two of them count unrelated groups ("17 people arrested", "two
#: women"). A count aboard a vessel ("transport") is of that vessel's men, and compared.
_BARE_KINDS = frozenset(("troops",))


def subject_key(item: SourcedClaim) -> tuple[Any, ...] | None:
    """What the claim is about (equal keys: the same subject), or None when that cannot be
    matched outside its source (an unresolved "he", a territorial claim with no place).

    >>> from frontcheck.claims.model import Claim
    >>> subject_key(SourcedClaim(Claim("a", "attribute", claimant="POW-1",
    ...     fields={"subject": "speaker", "predicate": "training", "value": 14}),
    ...     SourceInfo("source:1", kind="interview", author="POW-1")))
    ('attribute', 'person:POW-1', 'training')
    """
    claim, fields = item.claim, item.claim.fields or {}
    if claim.type == "territorial":
        place = place_key(claim)
        return ("territorial", place) if place else None
    if claim.type == "participation":
        unit = " ".join(str(fields.get("unit") or "").casefold().split())
        return ("participation", claim.actor, unit, place_key(claim))
    if claim.type == "quantity":
        if fields.get("kind") in _BARE_KINDS and not fields.get("side") and not place_key(claim):
            return None   # "17 people were arrested", "two women": a count of no one known
        return ("quantity", fields.get("kind", ""), fields.get("side", ""),
                fields.get("unit", ""), fields.get("currency", ""), fields.get("period", ""),
                bool(fields.get("per_person")), place_key(claim))
    if claim.type == "attribute":
        subject = str(fields.get("subject") or "")
        if subject in SPEAKER_SUBJECTS:
            speaker = witness_of(item) or (item.source.author if item.source.kind in
                                           TESTIMONY_KINDS else "")
            if not speaker:
                return None
            subject = f"person:{speaker}"
        elif subject in UNIDENTIFIED_SUBJECTS:
            return None
        return ("attribute", subject, fields.get("predicate", ""))
    return None


def control_outcome(claim: Claim) -> tuple[str, bool] | None:
    """(side in control, asserted?) that a territorial claim says, or None for a stage of a
    fight (advanced, fighting_in) or an unknown actor.

    >>> from frontcheck.claims.model import Claim
    >>> control_outcome(Claim("a", "territorial", actor="ukraine", action="withdrew"))
    ('russia', True)
    >>> control_outcome(Claim("b", "territorial", actor="dprk", action="recaptured", negated=True))
    ('russia', False)
    """
    side = CONTROLLER.get(claim.actor, claim.actor)
    if not side:
        return None
    if claim.action in CONTROL_ACTIONS:
        return side, not claim.negated
    if claim.action == "withdrew":
        return opposite(side), not claim.negated
    if claim.action == "repelled" and not claim.negated:
        return opposite(side), False       # the attacker did not take it
    return None


def _territorial(a: Claim, b: Claim) -> str | None:
    if a.action in STAGE_ACTIONS or b.action in STAGE_ACTIONS:
        if a.action != b.action or a.actor != b.actor:
            return None
        return "negation" if a.negated != b.negated else "agree"
    oa, ob = control_outcome(a), control_outcome(b)
    if oa is None or ob is None:
        return None
    if oa[0] != ob[0]:
        # two sides each said to hold it: different actors; one side denied: compatible
        return "actor" if oa[1] and ob[1] else None
    if oa[1] != ob[1]:
        return "negation"
    if oa[1] and a.action in CONTROL_ACTIONS and b.action in CONTROL_ACTIONS \
            and a.actor != b.actor:
        return "actor"
    return "agree"


def _range(fields: dict[str, Any]) -> tuple[float, float] | None:
    try:
        low, high = float(fields["low"]), float(fields["high"])
    except (KeyError, TypeError, ValueError):
        return None
    return (low, high) if low <= high else (high, low)


def _quantity(a: Claim, b: Claim) -> str:
    ra, rb = _range(a.fields or {}), _range(b.fields or {})
    if ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0]):
        return "numeric"
    return "negation" if a.negated != b.negated else "agree"


def is_number(value: object) -> bool:
    """A number, not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _attribute(a: Claim, b: Claim, tolerance: float) -> str | None:
    va, vb = (a.fields or {}).get("value"), (b.fields or {}).get("value")
    predicate = (a.fields or {}).get("predicate")
    if va is not None and vb is not None and va != vb:
        if a.negated or b.negated:
            return None                   # "not a contract" beside "a conscript": compatible
        if is_number(va) and is_number(vb):
            low_a, high_a = va * (1 - tolerance), va * (1 + tolerance)
            low_b, high_b = vb * (1 - tolerance), vb * (1 + tolerance)
            return "numeric" if high_a < low_b or high_b < low_a else "agree"
        return "value" if predicate in EXCLUSIVE_PREDICATES else None
    return "negation" if a.negated != b.negated else "agree"


def content_relation(a: Claim, b: Claim, rules: ComparisonRules = DEFAULT_RULES) -> str | None:
    """``agree``, a conflict (``numeric``, ``actor``, ``negation``, ``value``) or None when
    the two claims, taken to be about one subject, say nothing comparable. Dates are not
    looked at (``relation`` does that).

    >>> from frontcheck.claims.model import Claim
    >>> ship = lambda n: Claim(n, "quantity", fields={"low": n, "best": n, "high": n})
    >>> content_relation(ship(100), ship(200)), content_relation(ship(200), ship(200))
    ('numeric', 'agree')
    """
    if a.type != b.type:
        return None
    if a.type == "territorial":
        return _territorial(a, b)
    if a.type == "quantity":
        return _quantity(a, b)
    if a.type == "attribute":
        return _attribute(a, b, rules.duration_tolerance)
    if a.type == "participation":
        return "negation" if a.negated != b.negated else "agree"
    return None


def event_interval(claim: Claim) -> tuple[date, date] | None:
    """The days an event date stands for, by its precision; None when the claim names none.

    >>> from frontcheck.claims.model import Claim
    >>> event_interval(Claim("a", "quantity", event_date=date(2024, 12, 1), date_precision="month"))
    (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))
    """
    start = claim.event_date
    if start is None or claim.date_precision == "none":
        return None
    if claim.date_precision == "week":
        return start, start + timedelta(days=6)
    if claim.date_precision == "month":
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if claim.date_precision == "year":
        return start, start.replace(month=12, day=31)
    return start, start


def _when(claim: Claim) -> tuple[date, date] | None:
    interval = event_interval(claim)
    if interval is None and claim.claim_date is not None:
        interval = (claim.claim_date, claim.claim_date)
    return interval


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals, 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the comparisons read of a claim, worked out once: its subject, its dates (the
    event's by precision, else the day it was made; and the event's alone) and its witness."""

    item: SourcedClaim
    key: tuple[Any, ...] | None
    when: tuple[date, date] | None
    exact: tuple[date, date] | None
    witness: str

    @property
    def timeless(self) -> bool:
        """Compared with every claim of its subject, whatever the dates (see ``relation``)."""
        return (self.item.claim.type == "attribute" or self.when is None
                or (bool(self.witness) and self.exact is None))


def claim_facts(item: SourcedClaim) -> ClaimFacts:
    """The facts of one claim (``ClaimFacts``)."""
    return ClaimFacts(item, subject_key(item), _when(item.claim), event_interval(item.claim),
                      witness_of(item))


def relation(a: SourcedClaim, b: SourcedClaim,
             rules: ComparisonRules = DEFAULT_RULES) -> str | None:
    """How claim ``b`` bears on claim ``a``: ``agree``, a conflict kind (``CONFLICTS``), or
    None when they are not about the same subject at the same time (module docstring)."""
    return related(claim_facts(a), claim_facts(b), rules)


def related(a: ClaimFacts, b: ClaimFacts, rules: ComparisonRules = DEFAULT_RULES) -> str | None:
    """``relation`` on facts worked out beforehand (``claim_facts``)."""
    if a.key is None or a.key != b.key:
        return None
    content = content_relation(a.item.claim, b.item.claim, rules)
    if content is None or a.item.claim.type == "attribute":
        return content
    if a.witness and a.witness == b.witness and a.exact is None and b.exact is None:
        return content                    # one witness retelling his own past
    if a.when is None or b.when is None:
        return content if a.when is b.when else None
    if content == "agree" and a.item.claim.type == "territorial" and a.exact and b.exact:
        gap = _gap_days(a.exact, b.exact)
        if rules.date_slack_days < gap <= max(rules.same_event_days, rules.window_days):
            return "temporal"
    return content if _gap_days(a.when, b.when) <= rules.window_days else None


def candidate_pairs(facts: Sequence[ClaimFacts],
                    rules: ComparisonRules = DEFAULT_RULES) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of claims with the same subject that may be related.

    Claims are bucketed by subject; within a bucket dated claims are swept in date order and
    paired only while their dates are within reach (``window_days`` or ``same_event_days``),
    so a subject reported daily for years costs pairs per month, not the square of its
    claims. Timeless claims pair with every claim of their subject.
    """
    reach = max(rules.window_days, rules.same_event_days)
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for index, fact in enumerate(facts):
        if fact.key is not None:
            buckets.setdefault(fact.key, []).append(index)
    for members in buckets.values():
        loose = [i for i in members if facts[i].timeless]
        spans = {i: when for i in members
                 if not facts[i].timeless and (when := facts[i].when) is not None}
        dated = sorted(spans, key=spans.__getitem__)
        for position, i in enumerate(loose):
            for j in (*loose[position + 1:], *dated):
                yield (i, j) if i < j else (j, i)
        for position, i in enumerate(dated):
            end = spans[i][1]
            for j in dated[position + 1:]:
                if (spans[j][0] - end).days > reach:
                    break
                yield (i, j) if i < j else (j, i)
