"""A learned fallback for the action at a place the rules leave silent.

Where a sentence names a settlement the resolver finds but the rules give no territorial
claim (no action word they know governs it), a logistic regression over the words around
the mention predicts the action group (gain, partial, fighting, repelled, withdrew) or
none. It is trained by ``python -m tools.train_place_action`` (scikit-learn, seeded) on the
project's labelled sets and the tuned part of the real-text development corpus; its
coefficients ship as plain data in ``place_action_weights`` (no file is read, nothing is
fetched), and prediction here is a dot product, so scikit-learn is needed only to train.

Features (``place_features``): each word of the mention's window as its lemma (Russian
and Ukrainian by pymorphy3, English in lower case less a plain inflection), marked by side
(``b:`` the eight words before, ``a:`` the four after, ``n:`` the two just before), and the
kinds of the rules' action cues in the sentence (``cue:advanced``). A claim it makes says
so: ``fields["cue"]`` is "model: " and its strongest features, ``fields["model_p"]`` its
probability.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from frontcheck.claims.agents import owner_of
from frontcheck.claims.cues import ATTRIBUTION, FIRE_CONTROL, IRREALIS, Cue
from frontcheck.claims.implied_actor import with_implied_actors
from frontcheck.claims.lexicon_cues import lemmas_of
from frontcheck.claims.mention_roles import MATTER_OF_TIME
from frontcheck.claims.reading import SentenceReading
from frontcheck.claims.territorial import Draft, Located

__all__ = ["PlaceActionModel", "place_features", "GROUP_ACTION", "model_drafts", "shipped_model"]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_ENGLISH_ENDING = re.compile(r"(?:ing|ed|es|s)$")
_BEFORE, _AFTER, _NEAR = 8, 4, 2
#: The action a predicted group becomes (a gain's word is settled by the soil and actor).
GROUP_ACTION = {"gain": "captured", "partial": "advanced", "fighting": "fighting_in",
                "repelled": "repelled", "withdrew": "withdrew"}


def _forms(word: str) -> list[str]:
    low = word.lower()
    if _CYRILLIC.search(low):
        return sorted(lemmas_of(low))
    if len(low) > 4:
        return [_ENGLISH_ENDING.sub("", low)]
    return [low]


def place_features(text: str, start: int, end: int, cues: Sequence[Cue] = ()) -> list[str]:
    """The features of the place named at ``text[start:end]`` (module docstring).

    >>> place_features("Russian troops seized Pokrovsk yesterday", 22, 30)
    ['b:russian', 'b:troop', 'n:troop', 'b:seiz', 'n:seiz', 'a:yesterday']
    """
    before = [m.group() for m in _WORD.finditer(text, max(0, start - 120), start)][-_BEFORE:]
    after = [m.group() for m in _WORD.finditer(text, end, min(len(text), end + 60))][:_AFTER]
    out: list[str] = []
    for i, word in enumerate(before):
        for form in _forms(word):
            out.append("b:" + form)
            if i >= len(before) - _NEAR:
                out.append("n:" + form)
    out += ["a:" + form for word in after for form in _forms(word)]
    out += sorted({"cue:" + c.kind for c in cues})
    return out


@dataclass(frozen=True)
class PlaceActionModel:
    """A multinomial logistic regression: ``weights[feature]`` is one coefficient per
    class of ``classes`` ("none" among them); ``threshold`` is the least probability at
    which a group other than none is claimed (chosen by cross-validation)."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    def predict(self, features: Sequence[str]) -> tuple[str, float, list[str]]:
        """(group or "none", its probability, the features that pushed it most)."""
        known = [f for f in dict.fromkeys(features) if f in self.weights]
        scores = list(self.intercept)
        for feature in known:
            for k, w in enumerate(self.weights[feature]):
                scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        best = max(range(len(scores)), key=scores.__getitem__)
        group, p = self.classes[best], exps[best] / total
        reasons = sorted(known, key=lambda f: -self.weights[f][best])[:3]
        return group, p, [r for r in reasons if self.weights[r][best] > 0]

    def claimed(self, features: Sequence[str]) -> tuple[str, float, list[str]] | None:
        """The group the model claims for these features, or None below the threshold."""
        group, p, reasons = self.predict(features)
        if group == "none" or p < self.threshold:
            return None
        return group, p, reasons


def _speaker(text: str, located: Located) -> bool:
    """Whether a name stands next to a verb of saying ("— уточнив Волошин", "Voloshyn
    said"): a person, whatever the gazetteer spells alike."""
    before = ATTRIBUTION.search(text, max(0, located.start - 20), located.start)
    after = ATTRIBUTION.match(text, located.end + 1) if located.end < len(text) else None
    return (before is not None and not text[before.end():located.start].strip(" ,")) \
        or after is not None


@lru_cache(maxsize=1)
def shipped_model() -> PlaceActionModel:
    """The model trained by ``tools.train_place_action`` (its module imported once)."""
    from frontcheck.claims import place_action_weights as shipped

    return PlaceActionModel(shipped.CLASSES, shipped.INTERCEPT, shipped.WEIGHTS,
                            shipped.THRESHOLD)


#: A sentence that only names a place or says where it lies ("Дзержинськом окупанти
#: називають наш Торецьк", "Приволье находится в Днепропетровской области"): no claim.
_NAMING_OR_WHERE = re.compile(
    r"(?<![\w-])(?:назива\w*|называ\w*|перейменува\w*|переименова\w*|(?:is|are|was)\s+"
    r"(?:called|known\s+as|located|situated)|renamed|находи\w+|розташован\w*|расположен\w*|"
    r"знаходит\w*)(?![\w-])", re.IGNORECASE)


def model_drafts(reading: SentenceReading, places: Sequence[Located], text_sides: Sequence[str],
                 model: PlaceActionModel | None = None) -> list[Draft]:
    """Claims the model makes at the settlements of a sentence where the rules made none:
    one per place it gives a group at or above its threshold. Not in a denial, a hedge, a
    negation, a forecast or fire control (the rules' framing is not the model's to guess). The actor is
    the side the sentence names when it names one, else the implied one
    (``implied_actor``); a gain is ``captured``, or ``liberated`` / ``recaptured`` when the
    actor takes back its own soil."""
    if reading.denials or reading.hedges or reading.negations or IRREALIS.search(reading.text) \
            or FIRE_CONTROL.search(reading.text) or MATTER_OF_TIME.search(reading.text) \
            or _NAMING_OR_WHERE.search(reading.text):
        return []
    model = model or shipped_model()
    sides = {reading.side(a) for a in reading.actors if reading.side(a)}
    only_side = next(iter(sides)) if len(sides) == 1 else ""     # the same for every place
    out: list[Draft] = []
    for located in places:
        if located.region or not located.place.id or _speaker(reading.text, located):
            continue
        said = model.claimed(place_features(reading.text, located.start, located.end,
                                            reading.actions))
        if said is None:
            continue
        group, p, reasons = said
        action = GROUP_ACTION[group]
        fields = {"cue": "model: " + ", ".join(f"'{r.split(':', 1)[1]}'" for r in reasons),
                  "model_p": round(p, 2)}
        owner = owner_of(located.place)
        # a gain the rules found no word for is read by whose soil it is: in this war a
        # side named near a place it gained is as often the loser ("оборонці" of a town
        # "Путін заявляє" taken) as the taker
        named = "" if group == "gain" and owner else only_side
        draft = Draft("territorial", 700_000 + located.start, named, action, located.place,
                      False, fields)
        draft = with_implied_actors([draft], [], [] if group == "gain" else text_sides)[0]
        if group == "gain" and draft.actor and draft.actor == owner:
            draft = replace(draft, action="liberated" if owner == "ukraine" else "recaptured")
        out.append(draft)
    return out
