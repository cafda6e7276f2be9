"""Redaction: protected persons leave frontcheck only by pseudonym, their details not at all.

``Redactor`` replaces, in any text, every form of a protected person's name — Latin and
Cyrillic spellings, Russian and Ukrainian case forms, Korean name order both ways, with any
spacing or hyphenation — by the pseudonym ("POW-1"), and the identifying details recorded
for the person (home town, unit, relatives' names, other identifiers) by a label that says
what was removed ("[home town of POW-1]"). All persons' forms are compiled into one regex,
so a text is scanned once whatever the number of persons; build a ``Redactor`` once per set of
protected persons (the store caches it) and reuse it.

What is matched, per person (``person_terms``):

- the name and each alias, whole, in every word order (Slavic) or surname-first and
  surname-last (Korean), in both scripts and every case form;
- parts of the name that identify on their own: a Slavic surname of four letters or more,
  given name with patronymic, a Korean given name of two syllables or more. A given name
  alone ("Дмитрий") and a Korean surname alone ("Ri") are not: they name too many people;
- relatives' names as names (whole and partial), the home town in both scripts and every
  case form, the unit as written (any spacing) and any number of four digits or more in it
  on its own ("в/ч 55555" hides 55555 anywhere), other identifiers as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontcheck.protect import korean
from frontcheck.protect.patterns import (
    FOLD,
    LEFT_EDGE,
    RIGHT_EDGE,
    WORD_GAP,
    alternation,
    first_characters,
    guarded,
    literal_phrase,
    prefixes,
    trie,
)
from frontcheck.protect.slavic import Lexicon, NoLexicon, place_pattern, slavic_name

__all__ = ["ProtectedPerson", "Redactor", "person_terms", "DETAIL_KEYS"]

#: Keys of ``person.details`` that redaction reads, and the label each leaves in the text.
DETAIL_KEYS = {"home_town": "home town", "unit": "unit", "relatives": "relative",
               "identifiers": "identifier"}


def _strings(value: Any) -> tuple[str, ...]:
    """A detail as a tuple of non-empty strings (a string, a list of them, or a list of
    ``{"name": ...}`` objects)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, Mapping):
        return _strings(value.get("name"))
    if isinstance(value, (list, tuple)):
        return tuple(s for v in value for s in _strings(v))
    return (str(value),)


@dataclass(frozen=True, slots=True)
class ProtectedPerson:
    """A protected person as redaction needs them: name, pseudonym and identifying details."""

    name: str
    pseudonym: str
    aliases: tuple[str, ...] = ()
    home_towns: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()

    @classmethod
    def from_details(cls, name: str, pseudonym: str | None,
                     details: Mapping[str, Any] | None) -> ProtectedPerson:
        """The person from the store's ``details`` JSON (keys ``aliases``, ``home_town``,
        ``unit``, ``relatives``, ``identifiers``; others are ignored).

        >>> ProtectedPerson.from_details("Ri Jin-hyok", "POW-1", {"unit": "Storm Corps"}).units
        ('Storm Corps',)
        """
        details = details or {}
        return cls(name=name, pseudonym=pseudonym or "[protected]",
                   aliases=_strings(details.get("aliases")),
                   home_towns=_strings(details.get("home_town")),
                   units=_strings(details.get("unit")),
                   relatives=_strings(details.get("relatives")),
                   identifiers=_strings(details.get("identifiers")))


def _name_forms(name: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """(whole, partial) regexes of a person's name: Korean forms for a Korean name, Slavic
    forms (both scripts, every case) for any other; the name as written in any case."""
    found = korean.korean_name(name)
    whole, partial = found.forms() if found is not None else slavic_name(name, lexicon)
    if name.strip():
        whole = [*whole, literal_phrase(name)]
    return whole, partial


def _place_forms(place: str, lexicon: Lexicon, korean_person: bool) -> str:
    """A home town in both scripts and every case; for a Korean person's town also the
    Korean transliterations (Hamhung = Хамхын)."""
    words = place.split()
    patterns = [place_pattern(place, lexicon), literal_phrase(place)]
    parses = [korean.parse_korean_word(w) for w in words] if korean_person else []
    if parses and all(parses):
        patterns.append(WORD_GAP.join(korean.word_pattern(p) for p in parses)
                        + korean.CYRILLIC_TAIL)
    return alternation(patterns)


def _unit_forms(unit: str) -> list[str]:
    """The unit as written, and each number of four digits or more in it on its own (not
    inside a decimal: 55555 but not 37.55555)."""
    numbers = [n for n in re.findall(r"\d+", unit) if len(n) >= 4]
    return [literal_phrase(unit)] + [rf"(?<![.,]){n}(?![.,]\d)" for n in numbers]


@lru_cache(maxsize=1024)
def _terms_cached(person: ProtectedPerson, lexicon: Lexicon) -> tuple[tuple[int, str, str], ...]:
    terms: list[tuple[int, str, str]] = []   # (priority, regex, replacement)
    label = person.pseudonym
    # a name of more words first: an alias with the patronymic before the two-word name
    for name in (person.name, *person.aliases):
        if name is person.name and sum(ch.isalpha() for ch in name) < 3:
            continue    # "a" as a name would rewrite every article; aliases are the user's call
        whole, partial = _name_forms(name, lexicon)
        first = 10 - min(len(name.split()), 9)
        terms += [(first, p, label) for p in whole] + [(30, p, label) for p in partial]
    relative = f"[{DETAIL_KEYS['relatives']} of {label}]"
    for name in person.relatives:
        whole, partial = _name_forms(name, lexicon)
        terms += [(10 + 10 - min(len(name.split()), 9), p, relative) for p in whole]
        terms += [(40, p, relative) for p in partial]
    is_korean = korean.korean_name(person.name) is not None
    for town in person.home_towns:
        terms.append((20, _place_forms(town, lexicon, is_korean),
                      f"[{DETAIL_KEYS['home_town']} of {label}]"))
    for unit in person.units:
        terms += [(20, p, f"[{DETAIL_KEYS['unit']} of {label}]") for p in _unit_forms(unit)]
    for identifier in person.identifiers:
        terms.append((20, literal_phrase(identifier), f"[{DETAIL_KEYS['identifiers']} of {label}]"))
    return tuple(t for t in terms if t[1])


def person_terms(person: ProtectedPerson, lexicon: Lexicon | None = None
                 ) -> tuple[tuple[int, str, str], ...]:
    """(priority, regex, replacement) for everything that identifies the person; lower
    priority numbers are tried first at a position (whole names before parts of names).
    The regexes match folded text (``patterns.fold``: lower case, look-alikes as one)."""
    return _terms_cached(person, lexicon or _NO_LEXICON)


@lru_cache(maxsize=8192)
def _guard(pattern: str) -> tuple[str, frozenset[str] | None]:
    chars = first_characters(pattern)
    return guarded(pattern, chars)[: -len(pattern)] if chars else "", chars


@lru_cache(maxsize=8192)
def _prefixes(pattern: str) -> frozenset[str] | None:
    return prefixes(pattern, 3)


_NO_LEXICON = NoLexicon()
# Characters that split a word without showing as a letter: a soft hyphen (common in web
# articles), zero-width spaces and joiners, and the stress marks of Russian and Ukrainian
# teaching texts (Дми́трий). They are dropped before matching (after NFC has put й and ё
# together, so no letter loses its mark).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u0300\u0301]")


class Redactor:
    """Replaces every form of the protected persons' names and details in texts.

    ``persons`` are ``ProtectedPerson`` records, or a mapping name → pseudonym.
    ``lexicon`` gives dictionary case forms (``protect.morphology.pymorphy_lexicon()``);
    without one only the rules apply.

    Examples
    --------
    >>> Redactor({"Ivan Petrov": "POW-1"}).text("ivan petrov said")
    'POW-1 said'
    >>> r = Redactor([ProtectedPerson("Ri Jin-hyok", "POW-1", home_towns=("Hamhung",))])
    >>> r.text("Ри Чжин Хёк, родом из Хамхына, и Jin-hyok Ri")
    'POW-1, родом из [home town of POW-1], и POW-1'
    """

    def __init__(self, persons: Iterable[ProtectedPerson] | Mapping[str, str] = (),
                 lexicon: Lexicon | None = None) -> None:
        if isinstance(persons, Mapping):
            persons = [ProtectedPerson(n, p or "[protected]") for n, p in persons.items()
                       if n.strip()]
        self.persons = tuple(persons)
        terms = sorted((t for person in self.persons for t in person_terms(person, lexicon)),
                       key=lambda t: t[0])
        self._replacements = [replacement for _, _, replacement in terms]
        self._pattern: re.Pattern[str] | None = None
        self._prefilter: re.Pattern[str] | None = None
        if terms:
            # each term behind a look-ahead on its first letters, and all of them behind one
            # on the union, so that most positions are passed over after one test
            guards = [_guard(rx) for _, rx, _ in terms]
            firsts = [chars for _, chars in guards]
            known = [f for f in firsts if f is not None]
            head = ("" if len(known) < len(firsts) else
                    "(?=[" + "".join(re.escape(c) for c in sorted(set().union(*known))) + "])")
            body = "|".join(f"{guard}({rx})" for (_, rx, _), (guard, _) in zip(terms, guards))
            self._pattern = re.compile(LEFT_EDGE + head + "(?:" + body + ")" + RIGHT_EDGE)
            # Where every term has a few known beginnings, texts are scanned for those first
            # (a branch of literals, which Python's regex engine skips through fast) and the
            # big regex is tried only there.
            starts = [_prefixes(rx) for _, rx, _ in terms]
            known_starts = [s for s in starts if s]
            if len(known_starts) == len(starts):
                every = set().union(*known_starts)
                self._prefilter = re.compile(LEFT_EDGE + trie(every, re.escape))

    @property
    def active(self) -> bool:
        """False for a redactor that changes nothing (no protected persons, or ``identity``)."""
        return self._pattern is not None

    @classmethod
    def identity(cls) -> Redactor:
        """A redactor that changes nothing: the unredacted view."""
        return cls(())

    def _prepared(self, value: str) -> str:
        if not unicodedata.is_normalized("NFC", value):   # й written as и + breve
            value = unicodedata.normalize("NFC", value)
        return _INVISIBLE.sub("", value) if _INVISIBLE.search(value) else value

    def text(self, value: str) -> str:
        """``value`` with every protected name and detail replaced."""
        if self._pattern is None or not value:
            return value
        value = self._prepared(value)
        folded = value.translate(FOLD)    # the same length: a span in one is a span in the other
        out: list[str] = []
        last = 0
        for match in self._matches(folded):
            assert match.lastindex is not None    # every branch of the big regex is one group
            out += [value[last:match.start()], self._replacements[match.lastindex - 1]]
            last = match.end()
        if not out:
            return value
        out.append(value[last:])
        return "".join(out)

    def _matches(self, folded: str) -> Iterator[re.Match[str]]:
        """The matches of the big regex in a folded text, left to right, not overlapping."""
        if self._pattern is None:
            return
        if self._prefilter is None:
            yield from self._pattern.finditer(folded)
            return
        last = 0
        for candidate in self._prefilter.finditer(folded):
            start = candidate.start()
            if start < last:
                continue
            match = self._pattern.match(folded, start)
            if match is not None:
                last = match.end()
                yield match

    def finds(self, value: str) -> bool:
        """True when ``value`` holds a protected name or detail."""
        return (self._pattern is not None and bool(value)
                and next(self._matches(self._prepared(value).translate(FOLD)), None) is not None)

    def deep(self, value: Any) -> Any:
        """Strings inside dicts (keys too), lists and tuples redacted, other values as they are."""
        if self._pattern is None:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {(self.text(k) if isinstance(k, str) else k): self.deep(v)
                    for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.deep(v) for v in value]
        return value
