"""The actor of a territorial claim whose sentence names none, as an analyst supplies it.

The rules of ``agents`` give a claim the side of its subject, of the agent of a passive, of
a side word just before the action, or of whoever speaks. A claim can still come out with
no actor: a wire report (whose speaker has no side) with a passive or an ellipsis ("Podoly
was captured", "The village of X has been taken", "its forces captured X" after "the
Defence Ministry said"). An analyst reading it does not leave the side empty; in order:

1. the side of the claim the sentence before made with the same action group at the same
   or an earlier place, when the sentence before had one side only ("Russian forces took
   X. Y was also captured.");
2. the side of the forces the text has named so far, when it named one side only;
3. what the action's own word says of the soil: a place captured, an advance into it and
   fighting for it are its owner's enemy's doing ("captured", "seized", "advanced" — the
   side taking ground not its own); a place retaken, a withdrawal from it and an attack on
   it beaten off are its owner's (``agents.owner_of``: Russia for Kursk, Belgorod, Bryansk,
   else Ukraine). "liberated" is said by both sides of the same places and is left alone.

Fighting with no side is left to ``fight_sides`` and otherwise stays without one: giving it
to the enemy of the place's owner when the text names the war's forces was tried (it helped
the real-text development part a little) and dropped, since the project's labelled sets
give such a fight no side ("intense fighting continues in X, where our soldiers hold the
defence") and lost 0.003–0.007 F1 with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from frontcheck.claims.actors import opposite
from frontcheck.claims.agents import owner_of
from frontcheck.claims.model import ACTION_GROUP

if TYPE_CHECKING:
    from frontcheck.claims.territorial import Draft

__all__ = ["with_implied_actors", "implied_actor", "ENEMY_OF_OWNER"]

#: Actions whose word says the actor takes ground that is not its own.
ENEMY_OF_OWNER = frozenset(("captured", "advanced"))
#: Actions whose word says the actor is on its own ground.
_OWNER = frozenset(("recaptured", "withdrew", "repelled"))


def _one_side(sides: Sequence[str]) -> str:
    found = {s for s in sides if s}
    return found.pop() if len(found) == 1 else ""


def implied_actor(draft: Draft, drafts_before: Sequence[Draft], text_sides: Sequence[str]) -> str:
    """The side of ``draft`` when its sentence names none (the module docstring), or ""."""
    group = ACTION_GROUP.get(draft.action, "")
    before = _one_side([d.actor for d in drafts_before if d.type == "territorial"
                        and ACTION_GROUP.get(d.action, "") == group and not d.negated])
    if before and not draft.negated:
        return before
    named = _one_side(text_sides)
    if named and draft.action != "fighting_in":
        return named
    owner = owner_of(draft.place) if draft.place is not None and draft.place.id else ""
    if not owner:
        return ""
    if draft.action in ENEMY_OF_OWNER:
        return opposite(owner)
    if draft.action in _OWNER:
        return owner
    return ""


def with_implied_actors(drafts: list[Draft], drafts_before: Sequence[Draft],
                        text_sides: Sequence[str]) -> list[Draft]:
    """``drafts`` with each territorial claim that has no actor given its implied one;
    fighting is left to ``fight_sides`` (the attacker from the words around it).

    ``drafts_before`` are the sentence before's claims, ``text_sides`` the sides of the
    forces the text has named up to this sentence (in order, repeats allowed)."""
    out = []
    for draft in drafts:
        if draft.type == "territorial" and not draft.actor and draft.action != "fighting_in":
            side = implied_actor(draft, drafts_before, text_sides)
            if side:
                fields = dict(draft.fields or {})
                fields["actor_from"] = "implied"
                draft = replace(draft, actor=side, fields=fields)
        out.append(draft)
    return out

