"""The ``Lexicon`` of Russian and Ukrainian names and places, from pymorphy3's dictionaries.

pymorphy3 knows most given names, patronymics and many surnames and towns, with their whole
paradigm, including the forms whose stem changes (Павел → Павла, Петро → Петра), which the
stem-and-ending rules of ``protect.slavic`` miss. Its dictionaries load on first use
(~0.3 s), as ``places.inflection`` loads them, and only then.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["PymorphyLexicon", "pymorphy_lexicon"]

_PERSON_TAGS = {"Name": "given", "Surn": "surname", "Patr": "patronymic"}


class PymorphyLexicon:
    """Case forms and kinds of Cyrillic words, from the Russian and Ukrainian dictionaries."""

    def __init__(self) -> None:
        import pymorphy3  # loads its dictionaries: only when a name must be expanded

        self._analyzers = (pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk"))

    @lru_cache(maxsize=8192)  # noqa: B019 (one lexicon a process: the cache's hold on it is meant)
    def forms(self, word: str, kind: str) -> frozenset[str]:
        """Every form of ``word`` in the paradigms that read it, in the nominative, as a
        person's name (``kind="person"``) or a place (``"place"``)."""
        found: set[str] = set()
        for analyzer in self._analyzers:
            for parse in analyzer.parse(word)[:4]:
                tags = set(str(parse.tag).replace(" ", ",").split(","))
                wanted = (tags & set(_PERSON_TAGS)) if kind == "person" else tags & {"Geox"}
                if wanted and "nomn" in tags and parse.score >= 0.05:
                    found.update(form.word for form in parse.lexeme)
        return frozenset(found)

    @lru_cache(maxsize=8192)  # noqa: B019 (one lexicon a process: the cache's hold on it is meant)
    def kind(self, word: str) -> str | None:
        """"given", "surname" or "patronymic" when a dictionary knows the word as one."""
        for analyzer in self._analyzers:
            for parse in analyzer.parse(word)[:3]:
                tags = set(str(parse.tag).replace(" ", ",").split(","))
                for tag, kind in _PERSON_TAGS.items():
                    if tag in tags and parse.is_known:
                        return kind
        return None


@lru_cache(maxsize=1)
def pymorphy_lexicon() -> PymorphyLexicon:
    """The one lexicon of the process (its dictionaries are loaded once)."""
    return PymorphyLexicon()
