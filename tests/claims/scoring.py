"""Field-level precision, recall and F1 of extracted claims against the labelled set.

Claims of one sentence are paired type by type, greedily by how many fields agree; an
unpaired claim counts all its fields as misses (gold) or false alarms (extracted). A field
counts when it has a value on either side (empty text, None, False and precision "none"
are no value), so that the many "not negated" do not inflate the score. A place is right
when the extracted id is one of the gazetteer ids with the gold English name (and oblast,
when the gold names one); a gold region ("region:Kursk Oblast") is right when the claim
names that oblast and no settlement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

FIELDS = {
    "territorial": ("actor", "action", "place", "event_date", "date_precision", "claimant",
                    "negated"),
    "participation": ("actor", "unit", "place", "event_date", "date_precision", "claimant",
                      "negated"),
    "quantity": ("kind", "side", "low", "best", "high", "unit", "currency", "period",
                 "per_person", "claimant", "negated"),
    "attribute": ("subject", "predicate", "value", "claimant", "negated"),
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def claim_values(claim) -> dict:
    """The compared fields of an extracted ``Claim``."""
    f = claim.fields or {}
    place = claim.place
    return {
        "actor": claim.actor, "action": claim.action, "claimant": claim.claimant,
        "negated": claim.negated,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "date_precision": claim.date_precision,
        "place": None if place is None else ("id", place.id) if place.id else
        ("region", place.oblast) if place.oblast else ("unresolved", place.mention),
        "unit": f.get("unit", ""),
        "kind": f.get("kind", ""), "side": f.get("side", ""), "low": f.get("low"),
        "best": f.get("best"), "high": f.get("high"), "currency": f.get("currency", ""),
        "period": f.get("period", ""), "per_person": f.get("per_person", False),
        "subject": f.get("subject", ""), "predicate": f.get("predicate", ""),
        "value": f.get("value"),
    }


def _empty(value) -> bool:
    return value is None or value is False or value == "" or value == "none"


def _agrees(name: str, gold, got, place_ids) -> bool:
    if name == "place":
        if gold is None or got is None:
            return gold is None and got is None
        if gold.startswith("region:"):
            return got == ("region", gold.removeprefix("region:"))
        return got[0] == "id" and got[1] in place_ids(gold)
    return gold == got


def _denied_twin(claim, claims) -> bool:
    """A reported claim whose denial stands beside it ("denied Russian claims that X was
    taken" gives both): these sets were labelled before the report was kept as a claim of
    its own, and label the denial alone."""
    return (claim.fields or {}).get("framing") == "reported" and any(
        other.negated and other.span == claim.span and other.place == claim.place
        and other.action == claim.action for other in claims)


def score(items: list[dict], extracted: dict[str, list], place_ids) -> dict:
    """Tallies keyed by (lang, type), plus ("all", type) and (lang, "all")."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for item in items:
        got_all = [c for c in extracted[item["id"]] if not _denied_twin(c, extracted[item["id"]])]
        for claim_type, names in FIELDS.items():
            gold = [g for g in item["claims"] if g["type"] == claim_type]
            got = [claim_values(c) for c in got_all if c.type == claim_type]
            pairs = []
            for gi, g in enumerate(gold):
                for xi, x in enumerate(got):
                    agree = sum(_agrees(n, g.get(n), x.get(n), place_ids)
                                and not _empty(g.get(n)) for n in names)
                    pairs.append((agree, gi, xi))
            pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
            used_g, used_x, matched = set(), set(), []
            for agree, gi, xi in pairs:
                if gi not in used_g and xi not in used_x and agree > 0:
                    used_g.add(gi), used_x.add(xi), matched.append((gi, xi))
            keys = [(item["lang"], claim_type), ("all", claim_type), (item["lang"], "all")]
            for gi, xi in matched:
                for n in names:
                    g, x = gold[gi].get(n), got[xi].get(n)
                    right = _agrees(n, g, x, place_ids)
                    for k in keys:
                        t = tallies[k]
                        if right and not _empty(g):
                            t.tp += 1
                        else:
                            if not _empty(x) and not right:
                                t.fp += 1
                            if not _empty(g) and not right:
                                t.fn += 1
                    if not right and (not _empty(g) or not _empty(x)):
                        tallies[keys[0]].errors.append((item["id"], n, g, x))
            for gi, g in enumerate(gold):
                if gi not in used_g:
                    for k in keys:
                        tallies[k].fn += sum(not _empty(g.get(n)) for n in names)
                    tallies[keys[0]].errors.append((item["id"], "MISSED", g, None))
            for xi, x in enumerate(got):
                if xi not in used_x:
                    for k in keys:
                        tallies[k].fp += sum(not _empty(x.get(n)) for n in names)
                    tallies[keys[0]].errors.append((item["id"], "EXTRA", None, x))
    return dict(tallies)
