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
from typing import Any, NamedTuple, Protocol

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
        r"\bprisoners? of war\b", r"\bPOWs?\b", r"\bcaptured (?:\w+ ){0,3}(?:soldiers?|servicem[ae]n|fighters?|troops?|citizens?|nationals?|"
        r"mercenar(?:y|ies)|pilots?|Britons?)\b", r"\bcaptured (?:on|in|near|at|during|by) ",
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

#: Words that make a name an institution or an outlet (issue 11): a security service,
#: ministry, agency, government, army command, court, news outlet. Such speakers are never
#: protected as prisoners, whatever they say about prisoners.
_INSTITUTION = re.compile(
    r"(?<![\w])(?:"
    r"service|ministry|mod|department|agency|government|office|council|command|staff|"
    r"intelligence|directorate|committee|commission|embassy|administration|headquarters|"
    r"kremlin|pentagon|white\s+house|parliament|assembly|army|forces|navy|police|court|"
    r"prosecutor\w*|ombudsman|coordination|brigade|battalion|regiment|division|corps|"
    r"news|press|agency|times|post|journal|herald|tribune|daily|weekly|television|tv|radio|"
    r"broadcast\w*|channel|media|gazette|magazine|pravda|independent|telegraph|guardian|"
    r"reuters|bbc|cnn|abc|nbc|cbs|afp|ap|dpa|kcna|tass|ria|interfax|yonhap|nhk|meduza|"
    r"sbu|gur|hur|nis|fsb|gru|svr|osce|ohchr|icrc|nato|isw|"
    r"spokes(?:man|woman|person)|minister|secretary|president|ambassador|officials?|"
    r"representative|governor|mayor|chancellor|envoy|"
    r"пресс-секретар\w*|министр\w*|міністр\w*|президент\w*|прем['’]?єр\w*|премьер\w*|посол|"
    r"посл[аиу]|речни\w*|представител\w*|представни\w*|губернатор\w*|"
    r"служб\w*|министерств\w*|минобороны|мид|мвд|ведомств\w*|агентств\w*|правительств\w*|"
    r"управлени\w*|штаб\w*|командовани\w*|разведк\w*|кремл\w*|администраци\w*|"
    r"комитет\w*|посольств\w*|генштаб\w*|сбу|гур|фсб|гру|свр|тасс|риа|новост\w*|газет\w*|"
    r"міністерств\w*|міноборони|мзс|мвс|відомств\w*|агенці\w*|уряд\w*|управлінн\w*|"
    r"командуванн\w*|розвідк\w*|адміністраці\w*|комітет\w*|посольств\w*|генштаб\w*|"
    r"координаційн\w*|штаб\w*|новин\w*|правда|омбудсман\w*|уповноважен\w*|бригад\w*|"
    r"батальйон\w*|батальон\w*|полк|полку|дивізі\w*|дивизи\w*"
    r")(?![\w])", re.IGNORECASE)
#: Words that make a name a person's however institutional the rest ("Korean People's Army
#: soldier", "солдат армии КНДР").
_PERSON_WORD = re.compile(
    r"(?<![\w])(?:soldier|prisoner|pow|serviceman|fighter|private|sergeant|rifleman|sniper|"
    r"defector|deserter|man|woman|boy|girl|son|father|mother|"
    r"солдат\w*|военнопл\w*|пленн\w*|бо[её]ц|бойц\w*|военнослужащ\w*|рядов\w*|"
    r"військовополон\w*|полонен\w*|боєць|бійц\w*|військовослужбов\w*|перебіжчик\w*|"
    r"перебежчик\w*|дезертир\w*)(?![\w])", re.IGNORECASE)
#: Words of saying or reporting: a prisoner named after them is someone the speaker speaks of.
_REPORTING = re.compile(
    r"(?<![\w])(?:said|says|say|told|reported|reports|stated|announced|claimed|added|"
    r"according|confirmed|showed|published|released|interviewed|"
    r"заявил\w*|сообщ\w*|рассказал\w*|сказал\w*|подтверд\w*|показал\w*|опубликова\w*|"
    r"по\s+данным|заяв\w*|повідоми\w*|розповів\w*|сказав\w*|підтверди\w*|показа\w*|"
    r"оприлюдни\w*|опублікува\w*|за\s+даними|что|що|that)(?![\w])", re.IGNORECASE)
#: The speaker's own words about himself: "I was captured", "я попал в плен", "мене взяли в
#: полон" (a first-person pronoun a few words before the words of protection).
_FIRST_PERSON = re.compile(r"(?<![\w])(?:I|me|my|я|меня|мене|мною|мной)(?![\w])",
                           re.IGNORECASE)


class ProtectionSuggestion(NamedTuple):
    """A person who probably needs protection: their name, the reason, and the words that say so."""

    name: str
    reason: str
    evidence: str


class HasPersons(Protocol):
    """A source item read or stored: its text, who wrote it and the persons it names."""

    @property
    def text(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def meta(self) -> dict[str, Any]: ...
    @property
    def persons(self) -> tuple[PersonMention, ...]: ...


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
    items = list(items)
    # a person is often described in another item of the same file than the one he speaks in
    # ("Aslin and Pinner, who were captured in Mariupol" in an official's statement)
    everywhere = [s for item in items for s in _SENTENCE_END.split(item.text) if s.strip()]
    for item in items:
        sentences = None
        for person in item.persons:
            if is_institution(person.name):
                continue
            candidates = [c for c in (person.description, person.name) if c]
            if person.role == "speaker" and item.meta.get("title"):
                candidates.append(str(item.meta["title"]))
            if sentences is None:
                sentences = [s for s in _SENTENCE_END.split(item.text) if s.strip()]
            candidates.extend(_sentences_naming(person.name, everywhere))
            if person.role == "speaker" and not is_institution(item.author or person.name):
                candidates.extend(s.strip() for s in sentences if _said_of_self(s))
            for text in candidates:
                hit = protection_reason(text)
                if hit and _spoken_of(person.name, text, hit[1]):
                    hit = None
                if hit and _stronger(hit[0], found.get(person.name)):
                    found[person.name] = ProtectionSuggestion(person.name, hit[0], _clip(text))
                    break
    return sorted(found.values(), key=lambda s: s.name)


def is_institution(name: str) -> bool:
    """True when a speaker's or person's name names an institution, an office or an outlet
    (a security service, ministry, agency, government, news outlet), never a prisoner.

    >>> is_institution("Служба безпеки України"), is_institution("Ri Jin-hyok")
    (True, False)
    """
    head = name.split("(")[0] or name
    return bool(_INSTITUTION.search(name)) and not _PERSON_WORD.search(head)


def _said_of_self(sentence: str) -> bool:
    """A sentence in which the speaker says he himself was captured, detained or is a minor."""
    hit = protection_reason(sentence)
    if hit is None:
        return False
    at = sentence.find(hit[1])
    before = sentence[max(0, at - 40):at + len(hit[1])]
    return bool(_FIRST_PERSON.search(before))


def _spoken_of(name: str, sentence: str, evidence: str) -> bool:
    """True when the words of protection in a sentence naming ``name`` describe someone the
    person speaks of ("Zelensky said Ukraine had captured two soldiers"): a word of saying
    lies between the name and those words."""
    folded = sentence.casefold()
    parts = [name.split("(")[0].casefold().strip(), *name.split("(")[0].casefold().split()]
    found = sorted((folded.find(p), -len(p)) for p in parts if p and folded.find(p) >= 0)
    at_name, name_end = (found[0][0], found[0][0] - found[0][1]) if found else (-1, -1)
    at_hit = sentence.find(evidence)
    if at_name >= 0 and sentence[name_end:name_end + 2].lstrip().startswith(":"):
        return True      # "КРАВЧУК: Двоє … потрапили у полон": his turn, speaking of others
    if 0 <= at_hit <= at_name <= at_hit + len(evidence) + 12 and not re.search(
            r"[,;:.—–]", sentence[at_hit + len(evidence):at_name]):
        return False     # "The POW Ri Jin-hyok said …": the words stand right before the name
    if at_name >= 0 and re.match(
            r"\W*(?:\w+\W+){0,2}?(?:said|says|told|wrote|added|stated|announced|claimed|"
            r"заявил\w*|сообщил\w*|сказал\w*|заявив|повідомив|сказав)\b", sentence[name_end:],
            re.IGNORECASE):
        return True      # "…, with two of them taken prisoner, Zelensky said"
    if at_name < 0 or at_hit < 0 or at_hit < at_name:
        return False
    return bool(_REPORTING.search(sentence, name_end, at_hit))


def _sentences_naming(name: str, sentences: Sequence[str]) -> list[str]:
    """Sentences that name the person: the whole name, or a part of it of five letters or
    more ("Aslin" of "Aiden Aslin"; shorter parts name too many people)."""
    folded = name.split("(")[0].casefold().strip()
    if len(folded) < 3:
        return []
    words = name.split("(")[0].split()
    personal = 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
    parts = [folded] + ([p for p in re.split(r"[\s-]+", folded) if len(p) >= 5 and p.isalpha()]
                        if personal and not is_institution(name) else [])
    return [s.strip() for s in sentences
            if any(re.search(rf"(?<![\w]){re.escape(p)}", s.casefold()) for p in parts)]


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
