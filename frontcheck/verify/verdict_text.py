"""The explanation a territorial verdict gives, in words, from the numbers it rests on."""

from __future__ import annotations

from datetime import date
from typing import Any


def explain_share(kind: str, name: str, tracker: str, direction: str | None, threshold: float,
                  share: float, day_at: str, last_day: str, change: date | None, lag: int,
                  window: int, horizon: int, layers: tuple[str, ...]) -> str:
    """Why a capture or a withdrawal agrees with the map or not: the share against the threshold."""
    side = "Russian" if direction == "russian_gain" else "Ukrainian"
    want = (f"at least {threshold:.0%} occupied" if direction == "russian_gain"
            else f"at most {1 - threshold:.0%} occupied")
    share_then = f"{share:.0%} of {name}'s footprint was occupied on {day_at}"
    if kind == "corroborated":
        return (f"{tracker} shows {name} {want} from {change} ({lag:+d} days from the claim), "
                f"within the ±{window}-day window.")
    if kind == "stale":
        return (f"{tracker} already showed {name} {want} from {change}, {-lag} days before "
                "the claim: recycled or late news.")
    if kind == "premature":
        return f"When claimed, {share_then}; {tracker} showed it {want} only on {change}, {lag} days later."
    if kind == "contradicted":
        return f"{share_then}, and within {horizon} days {tracker} never showed it {want}."
    if kind == "pending":
        return (f"{share_then}; the {horizon}-day horizon runs past the last snapshot held "
                f"({last_day}).")
    lacks = [layer for layer in ("contested", "liberated") if layer not in layers]
    why = (f" {tracker} here maps no {' or '.join(lacks)} layer, which could explain a "
           f"{side} claim about ground it never marked occupied." if lacks else "")
    return f"{tracker} shows {name} {want} throughout the history held, with no change around the claim.{why}"


def explain_movement(kind: str, name: str, tracker: str, direction: str | None,
                     evidence: dict[str, Any], day_at: str, share: float, last_day: str,
                     change: date | None, lag: int, window: int, horizon: int) -> str:
    """Why an advance agrees with the map or not: the share moving its way around the claim."""
    way = "rise" if direction == "russian_gain" else "fall"
    (day0, share0), (day1, share1) = evidence["share_before"], evidence["share_after"]
    moved = f"{share0:.0%} on {day0} to {share1:.0%} on {day1}"
    if kind == "corroborated":
        return (f"{tracker} shows the occupied share of {name} {way} from {moved} ({lag:+d} "
                f"days from the claim), within the ±{window}-day window: the map moved as claimed.")
    if kind == "stale":
        return (f"The last {way} {tracker} shows in {name} was from {moved}, {-lag} days before "
                f"the claim, and none since: recycled or late news.")
    if kind == "premature":
        return (f"{tracker} shows no {way} in {name} around the claim; the next one, from "
                f"{moved}, comes {lag} days later.")
    if kind == "pending":
        return (f"{tracker} shows no {way} in {name} since the claim; the {horizon}-day horizon "
                f"runs past the last snapshot held ({last_day}).")
    if kind == "no_change":
        return (f"{tracker} shows {name} {share:.0%} occupied throughout the history held, "
                f"with no {way} at any time.")
    return (f"{share:.0%} of {name}'s footprint was occupied on {day_at}, and {tracker} shows no "
            f"{way} of it within {horizon} days around the claim.")
