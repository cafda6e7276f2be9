"""Persons named in sources: who should be protected, and the pseudonyms protection gives.

Prisoners of war must be protected "against insults and public curiosity" (Geneva Convention
III, art. 13); detainees and minors likewise. The ledger records persons, and this module
suggests which of them need protection: a person whose own description, or a sentence that
names them, or (for a speaker) the source's title, says they are captured, detained or a minor,
in English, Russian or Ukrainian. Suggestions only point; the user or the ingest decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from frontcheck.sources.model import PersonMention

#: Reasons for protection, strongest first, and the prefix of their pseudonyms.
PSEUDONYM_PREFIX = {"minor": "MINOR", "pow": "POW", "detainee": "DETAINEE", "user": "PERSON"}
REASONS = tuple(PSEUDONYM_PREFIX)

_PATTERNS: dict[str, list[str]] = {
    "minor": [
        r"\bunder[- ]?age\b", r"\b(?:[1-9]|1[0-7])[- ]years?[- ]old\b", r"\baged (?:[1-9]|1[0-7])\b",
        r"\bteenager\b", r"\bschoolboy\b", r"\bschoolgirl\b",
        r"\bнесовершеннолетн\w*", r"\bподрост\w*", r"\bшкольни\w*",
        r"\bнеповнолітн\w*", r"\bпідліт\w*", r"\bшколяр\w*",
    ],
    "pow": [
        r"\bprisoners? of war\b", r"\bPOWs?\b", r"\bcaptured (?:\w+ ){0,3}(?:soldiers?|servicem[ae]n|fighters?|troops?)\b",
        r"\b(?:was|were|been|being|got|is|are) captured\b", r"\btaken prisoner\b", r"\bin captivity\b",
        r"\bвоеннопл[её]нн\w*", r"\bпл[её]нн\w*", r"\b(?:взят\w*|попа\w*|сда\w*|захвач\w*) в плен\w*",
        r"\bв плену\b",
        r"\bвійськовополонен\w*", r"\bполонен\w*", r"\b(?:потрапи\w*|взя\w*|здал?\w*|захопи\w*) [ув] полон\w*",
        r"\b[ув] полоні\b",
    ],
    "detainee": [
        r"\bdetain(?:ed|ee|ees)\b", r"\barrested\b", r"\bin custody\b",
        r"\bзадержанн?\w*", r"\bарестова\w*",
        r"\bзатриман\w*", r"\bзаарештова\w*",
    ],
}
_COMPILED = {reason: re.compile("|".join(f"(?:{p})" for p in patterns),
                                re.IGNORECASE if reason != "pow" else 0)
             for reason, patterns in _PATTERNS.items()}
# "POW" must stay upper case ("pow" is a word); the rest of the pow patterns ignore case.
_POW_ANY_CASE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS["pow"] if "POW" not in p),
                           re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


class ProtectionSuggestion(NamedTuple):
    """A person who probably needs protection: their name, the reason, and the words that say so."""

    name: str
    reason: str
    evidence: str


class HasPersons(Protocol):
    text: str
    meta: dict
    persons: tuple[PersonMention, ...]


def protection_reason(text: str) -> tuple[str, str] | None:
    """(reason, matched words) when a text says someone is a minor, a prisoner or a detainee.

    Examples
    --------
    >>> protection_reason("captured North Korean soldier, prisoner of war since January")
    ('pow', 'captured North Korean soldier')
    >>> protection_reason("Один із них, Чон Мін Хо, військовополонений")
    ('pow', 'військовополонений')
    >>> protection_reason("Russia captured Kurakhove") is None
    True
    """
    for reason in REASONS[:-1]:
        pattern = _COMPILED[reason]
        match = pattern.search(text) or (_POW_ANY_CASE.search(text) if reason == "pow" else None)
        if match:
            return reason, match.group(0)
    return None


def suggest_protected(items: Iterable[HasPersons]) -> list[ProtectionSuggestion]:
    """Persons named in ``items`` whom the items describe as captured, detained or minors.

    One suggestion per name, the strongest reason first (minor, pow, detainee), with the
    evidence: the person's description, the sentence naming them, or the title of the
    interview they give. Sorted by name.

    Examples
    --------
    >>> from frontcheck.sources.model import SourceItem
    >>> item = SourceItem(kind="statement", item_key="1",
    ...     text="Двоє військовослужбовців КНДР потрапили у полон. Один із них, Чон Мін Хо, дає свідчення.",
    ...     persons=(PersonMention("Чон Мін Хо"), PersonMention("Олег Кравчук", "speaker")))
    >>> suggest_protected([item])
    []
    >>> item = SourceItem(kind="statement", item_key="1",
    ...     text="Чон Мін Хо, військовополонений, дає свідчення.", persons=(PersonMention("Чон Мін Хо"),))
    >>> suggest_protected([item])
    [ProtectionSuggestion(name='Чон Мін Хо', reason='pow', evidence='Чон Мін Хо, військовополонений, дає свідчення.')]
    """
    found: dict[str, ProtectionSuggestion] = {}
    for item in items:
        sentences = None
        for person in item.persons:
            candidates = [person.description] if person.description else []
            if person.role == "speaker" and item.meta.get("title"):
                candidates.append(str(item.meta["title"]))
            if sentences is None:
                sentences = [s for s in _SENTENCE_END.split(item.text) if s.strip()]
            candidates.extend(_sentences_naming(person.name, sentences))
            for text in candidates:
                hit = protection_reason(text)
                if hit and _stronger(hit[0], found.get(person.name)):
                    found[person.name] = ProtectionSuggestion(person.name, hit[0], _clip(text))
                    break
    return sorted(found.values(), key=lambda s: s.name)


def _sentences_naming(name: str, sentences: Sequence[str]) -> list[str]:
    folded = name.casefold().strip()
    if len(folded) < 3:
        return []
    return [s.strip() for s in sentences if folded in s.casefold()]


def _stronger(reason: str, current: ProtectionSuggestion | None) -> bool:
    return current is None or REASONS.index(reason) < REASONS.index(current.reason)


def _clip(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def next_pseudonym(reason: str, taken: Iterable[str]) -> str:
    """The next free pseudonym for a reason: POW-1, POW-2, … (numbers never reused).

    >>> next_pseudonym("pow", ["POW-1", "POW-3", "MINOR-1"])
    'POW-4'
    >>> next_pseudonym("user", [])
    'PERSON-1'
    """
    prefix = PSEUDONYM_PREFIX[reason]
    numbers = [int(p.rpartition("-")[2]) for p in taken
               if p and p.startswith(prefix + "-") and p.rpartition("-")[2].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1}"
