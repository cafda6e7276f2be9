"""Whose fight it is when the sentence that reports it names no side: "У районі Сіверська
тривають важкі бої. ... російські окупанти продовжують активні наступальні дії", "бригада
удерживает оборону в районе Павловки, где продолжаются бои", "defensive operations are
ongoing there. Russian forces are attempting to infiltrate the settlement".

A fight is the attacker's (``tests/data/realtext/README.md``). The side whose forces the
sentence or its neighbours in the text say attack, storm or try to break through is the
attacker; the side said to defend or hold is the defender, and the attacker is the other.
Sides named with neither kind of word ("бої між українськими захисниками та російськими
загарбниками") tell nothing, and votes for both sides cancel: the actor stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontcheck.claims.actors import opposite
from frontcheck.claims.agents import CLAUSE_BREAK, clause_start, owner_of
from frontcheck.claims.model import Claim
from frontcheck.claims.reading import SentenceReading

__all__ = ["fight_side", "without_repelled_fights", "without_repeats", "defended_place_attacker",
           "ATTACKING", "DEFENDING"]

#: Words of attacking, read as stems so that every inflection and aspect counts (ru, uk, en).
ATTACKING = re.compile(
    r"(?<![\w-])(?:штурм\w*|наступ\w*|атак\w*|атаку\w*|прорыва\w*|прорват\w*|прорива\w*|"
    r"просоч\w*|просачива\w*|пыта\w+|попыт\w+|намага\w+|спроб\w+|тисн\w*|потісн\w*|"
    r"attack\w*|assault\w*|offensive|storm\w*|infiltrat\w*|attempt\w*|trying|tried|"
    r"push\w*)(?![\w-])", re.IGNORECASE)
#: Words of defending or holding.
DEFENDING = re.compile(
    r"(?<![\w-])(?:оборон\w*|оборон\w+|обороня\w*|удержива\w*|удерживают|утриму\w*|"
    r"тримают\w*|тримаю\w*|стриму\w*|сдержива\w*|defen[cdsi]\w*|hold\w*|held|repel\w*|"
    r"отража\w*|відбива\w*|відби\w*|отби\w*|отрази\w*|зупини\w*|останови\w*)(?![\w-])", re.IGNORECASE)
#: How far (characters) a word of attack or defence may stand after / before its side.
_REACH = 120
_BEFORE = 25


def _votes(reading: SentenceReading) -> set[str]:
    """The attackers this sentence's named sides point to."""
    text = reading.text
    votes: set[str] = set()
    for actor in reading.all_actors:
        side = reading.side(actor)
        if side not in ("russia", "ukraine"):
            continue
        # the words after the side, in its clause (its verb), and a few before it ("наступ
        # россиян"); never the side's own name ("3-тя штурмова бригада")
        end = CLAUSE_BREAK.search(text, actor.end)
        hi = min(end.start() if end else len(text), actor.end + _REACH)
        lo = max(clause_start(text, actor.start), actor.start - _BEFORE)
        words = text[lo:actor.start] + " | " + text[actor.end:hi]
        attack = ATTACKING.search(words)
        defend = DEFENDING.search(words)
        if attack and not defend:
            votes.add(side)
        elif defend and not attack and actor.side in ("russia", "ukraine"):
            # only a side named outright: the project's labelled bulletins read "our
            # soldiers are holding the defence of X, where fighting goes on" as a fight
            # with no side, and are kept so (claims_labelled.jsonl e015, u007)
            votes.add(opposite(side))
    return votes


def fight_side(readings: Sequence[SentenceReading], at: int) -> str:
    """The attacker in the fight reported by sentence ``at`` of ``readings`` (the text's
    sentences in order), from that sentence, else from its neighbours; "" when unclear."""
    for i in (at, at + 1, at - 1):
        if 0 <= i < len(readings):
            votes = _votes(readings[i])
            if len(votes) == 1:
                return votes.pop()
            if votes:
                return ""
    return ""


def _where(claim: Claim) -> str:
    place = claim.place
    return (place.id or place.mention) if place is not None else ""


def without_repelled_fights(claims: list[Claim]) -> list[Claim]:
    """The claims less each attack that another sentence of the text says was beaten off:
    "Russian forces launched 10 attacks near Toretsk. Ukrainian servicemen repelled all
    enemy attacks.", "штурми у районах X, Y, Z. Сили оборони вже відбили 19 атак" — one
    ``repelled`` claim per place, not also a fight by the attacker (the real-text guide: an
    attack with no word of its outcome is ``fighting_in``; with one, it is that outcome).
    Within one sentence both stay ("попыток контратаковать у Курахова, все они отбиты"),
    as the project's labelled sets label them."""
    repelled = {(_where(c), c.actor, c.span) for c in claims
                if c.type == "territorial" and c.action == "repelled" and c.actor
                and not c.negated}
    if not repelled:
        return claims
    return [c for c in claims if not (
        c.type == "territorial" and c.action == "fighting_in" and not c.negated
        and any(_where(c) == where and c.actor in (opposite(side), "") and c.span != span
                for where, side, span in repelled))]


def without_repeats(claims: list[Claim]) -> list[Claim]:
    """The claims less a territorial claim a later sentence of the text makes again, word for
    word the same (actor, action, place, negation, framing): "14 боєзіткнень було у
    Гуляйполі ... Гуляйполе зараз — це сіра зона. Там тривають бої" is one claim of fighting
    in Huliaipole, told at its first quote."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in claims:
        if c.type == "territorial" and c.place is not None and c.place.id:
            key = (c.actor, c.action, c.place.id, c.negated, (c.fields or {}).get("framing"))
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out


def defended_place_attacker(claim: Claim, reading: SentenceReading) -> str:
    """The attacker of a fight in a sentence that names no side, whose words are the
    defence of the place itself ("триває оборона Закітного", "the defence of X goes on"):
    the place's owner defends it, so the fight is the other side's. (With a side named —
    "Наші воїни утримують оборону X, де тривають бої" — the labelled sets give no side.)"""
    place = claim.place
    if place is None or not place.mention or not claim.quote or reading.all_actors:
        return ""
    defence = re.compile(r"(?<![\w-])(?<!сили\s)(?<!силы\s)(?:оборон[аиуі]|оборону|"
                         r"обороняю\w*|defen[cs]e\s+of|defending)\s+"
                         # "оборона Закітного та Привілля": each place of the list
                         r"(?:[A-ZА-ЯЁІЇЄҐ][\w'’-]*,?\s+(?:(?:та|і|й|и|and)\s+)?){0,3}"
                         + re.escape(place.mention)
                         + r"(?![\w-])", re.IGNORECASE)
    if not defence.search(claim.quote):
        return ""
    return opposite(owner_of(place))
