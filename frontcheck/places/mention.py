"""Reading a mention: which words may name a settlement, an axis, an oblast or a raion.

"под Красноармейском", "на Покровском направлении", "Novoselivka, Donetsk Oblast",
"у Великій Новосілці Волноваського району": prepositions and "village"/"смт" are dropped,
words before "область"/"район" become the oblast or raion, words near "направление"/"axis"
mark an axis, and the remaining runs of words are the spans the resolver tries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from frontcheck.places.names import normalise_name
from frontcheck.places.regions import REGION_WORDS, match_oblast

__all__ = ["Span", "MentionReading", "read_mention", "read_context", "MAX_MENTION_CHARS",
           "MAX_CONTEXT_CHARS"]

#: Longer input is not a mention (a pasted article, a wrong field): refused with a reason.
MAX_MENTION_CHARS = 400
#: Of the text around a mention (the report), only this much is read for evidence.
MAX_CONTEXT_CHARS = 4000
_MAX_SPAN_WORDS = 3

_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`\-‐‑][^\W_]+)*|[.,;:!?()\[\]«»\"“”/|]")
_POSSESSIVE = re.compile(r"['’]s$")

_STOP_WORDS = frozenset(normalise_name(w) for w in """
    в у во под під біля біл около возле близ поблизу неподалік неподалеку із з зі с со до от
    від за на над по при через між между к ко о об про та і й и а also and or the a an of in
    at on near around outside by from to towards toward into within across north south east
    west northeast northwest southeast southwest northern southern eastern western outskirts
    village villages town towns city settlement settlements hamlet село села селі селом
    селище селища селищі смт пгт поселок поселка поселке посёлок місто міста місті містом
    город города городе городом хутор хутора м г с сел пос нп н п деревня деревни станция
    станции окраин окраине окраинах околиці околицях околицях районі district's
    ukraine ukrainian ukrainians russia russian russians україна україни україні росія росії
    россия россии украина украины всу зсу вс рф рф мо минобороны генштаб isw deepstate
    forces troops army armed military units unit войска армия сили сил
    liberated captured took taken seized control controlled fighting battles battle clashes
    attack attacks attacked advance advanced advancing repelled strike struck shelled
    освобожден освободили освобождение занят заняли взяли контроль бои боев боях штурм
    звільнено звільнили захопили зайняли бої боїв обстріл обстріляли удар атаки атаку
    """.split())
_AXIS_WORDS = frozenset(normalise_name(w) for w in """
    axis axes direction directions sector sectors front salient
    направление направлении направлению направления направлениях напрямок напрямку
    напрямки напрямках участок участке участку ділянка ділянці ділянку
    """.split())
_RAION_WORDS = frozenset(normalise_name(w) for w in """
    район района районе районі району районом raion rayon district
    """.split())
_COLLOQUIAL_REGION = re.compile(r"(щин|чин)[аиіуойе]?[юї]?$")
# Abbreviations that name an oblast on their own (Russia's names for occupied oblasts).
_OBLAST_ABBREVIATIONS = frozenset(("днр", "лнр", "dpr", "lpr", "dnr", "lnr"))


class Span(NamedTuple):
    """Consecutive words that may name one settlement; ``axis`` when an axis word is next to
    them ("Pokrovsk direction", "на Покровском направлении"); ``key`` is the words joined.
    (A named tuple: several are made per mention, and they must be cheap.)"""

    words: tuple[str, ...]
    start: int
    axis: bool
    key: str


@dataclass(frozen=True, slots=True)
class MentionReading:
    """What the words of a mention are: spans to resolve, oblasts and raions it names."""

    spans: tuple[Span, ...]
    oblasts: tuple[str, ...]
    raions: tuple[str, ...]
    problem: str


# One role per known word: "stop", "axis", "region" (oblast follows before it), "raion".
_ROLES = {**dict.fromkeys(_STOP_WORDS, "stop"), **dict.fromkeys(_RAION_WORDS, "raion"),
          **dict.fromkeys(REGION_WORDS, "region"), **dict.fromkeys(_AXIS_WORDS, "axis")}


@lru_cache(maxsize=131072)
def _token_words(raw: str) -> tuple[str, ...]:
    return tuple(normalise_name(_POSSESSIVE.sub("", raw)).split())


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(normalised word, capitalised) pairs; punctuation becomes "" (a span boundary)."""
    out: list[tuple[str, bool]] = []
    for raw in _TOKEN.findall(text):
        if not raw[0].isalnum():
            out.append(("", False))
            continue
        capital = raw[0].isupper()
        out.extend((word, capital) for word in _token_words(raw))
    return out


def _refusal(problem: str) -> MentionReading:
    return MentionReading(spans=(), oblasts=(), raions=(), problem=problem)


def _regions(tokens: list[tuple[str, bool]], role: list[str]
             ) -> tuple[list[str], list[str]]:
    """Oblasts and raions the tokens name; marks the words that name them in ``role``."""
    oblasts: list[str] = []
    raions: list[str] = []
    for i in range(len(tokens)):
        kind = role[i]
        if kind in ("region", "raion") and i > 0 and tokens[i - 1][0] and role[i - 1] == "":
            named = tokens[i - 1][0]
            if kind == "raion":
                raions.append(named)
                role[i - 1] = "raion-name"
            elif (oblast := match_oblast(named)) is not None:
                oblasts.append(oblast)
                role[i - 1] = "oblast-name"
    for i, (word, _) in enumerate(tokens):
        if role[i]:
            continue
        # Ukrainian names a region with на + locative ("на Запоріжжі", "на Волині") and a
        # town with у/в ("у Запоріжжі"); -щина forms and ДНР/ЛНР are regions anywhere.
        regional_locative = i > 0 and tokens[i - 1][0] == "на" and word.endswith("і")
        if ((regional_locative or word in _OBLAST_ABBREVIATIONS
                or _COLLOQUIAL_REGION.search(word))
                and (oblast := match_oblast(word)) is not None):
            oblasts.append(oblast)
            role[i] = "oblast-name"
    return oblasts, raions


def read_context(text: str) -> MentionReading:
    """The oblasts, raions and place-like spans of the text around a mention (its first
    ``MAX_CONTEXT_CHARS`` characters), as evidence for resolving the mention. Not memoised:
    report texts are long and rarely repeat."""
    return _read(text[:MAX_CONTEXT_CHARS] if isinstance(text, str) else "", MAX_CONTEXT_CHARS,
                 200)


@lru_cache(maxsize=65536)
def read_mention(text: str) -> MentionReading:
    """The spans, oblasts and raions in a mention; ``problem`` says why there is nothing.

    Examples
    --------
    >>> r = read_mention("под Красноармейском Донецкой области")
    >>> [s.key for s in r.spans], r.oblasts
    (['красноармейском'], ('Donetsk Oblast',))
    >>> [(s.key, s.axis) for s in read_mention("Kupiansk axis").spans]
    [('kupiansk', True)]
    >>> read_mention("   ").problem
    'empty mention'
    """
    return _read(text, MAX_MENTION_CHARS, 24)


def _read(text: str, max_chars: int, max_spans: int) -> MentionReading:
    if not isinstance(text, str) or not text.strip():
        return _refusal("empty mention")
    if len(text) > max_chars:
        return _refusal(f"mention too long ({len(text):,} characters; a mention is at most "
                        f"{max_chars})")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    if not any(word for word, _ in tokens):
        return _refusal("no letters in the mention")
    has_capitals = any(capital for _, capital in tokens)
    role = [_ROLES.get(word, "") if word else "stop" for word, _ in tokens]
    oblasts, raions = _regions(tokens, role)
    spans: list[Span] = []
    run: list[int] = []
    count = len(tokens)
    for i in range(count + 1):
        if i < count and role[i] == "":
            run.append(i)
            continue
        for length in range(min(len(run), _MAX_SPAN_WORDS), 0, -1):
            for offset in range(len(run) - length + 1):
                first = run[offset]
                if has_capitals and not tokens[first][1]:
                    continue
                words = tuple(tokens[j][0] for j in run[offset:offset + length])
                axis = "axis" in role[max(0, first - 2):first + length + 2]
                spans.append(Span(words, first, axis, " ".join(words)))
        run = []
    if not spans and has_capitals:
        return _refusal("no capitalised word that could name a place")
    if not spans and not oblasts and not raions:
        return _refusal("only prepositions and common words")
    return MentionReading(spans=tuple(spans[:max_spans]), oblasts=tuple(dict.fromkeys(oblasts)),
                          raions=tuple(dict.fromkeys(raions)), problem="")
