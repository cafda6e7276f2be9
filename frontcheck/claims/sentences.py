"""Sentences of a post, transcript or bulletin, as character spans of the original text.

Russian and Ukrainian go through razdel, whose rules know "н.п.", "т.е.", initials and
quotes; English goes through the small rule set below, since razdel's abbreviations are
Russian ones and English bulletins need "Gen.", "Oct.", "U.S." and "No." kept whole. Both
then split at paragraph breaks and at line breaks that end a line of text, but keep a
bulleted list ("освобождены населённые пункты:\\n— Х;\\n— Y") with the line that opens it,
so the list's places stay with their verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize

from frontcheck.sources.language import (  # one rule for the ledger and claims
    LANGUAGES,
    detect_language,
)

__all__ = ["Sentence", "split_sentences", "detect_language", "LANGUAGES"]




@dataclass(frozen=True, slots=True)
class Sentence:
    """``text`` is ``source[start:end]``."""

    start: int
    end: int
    text: str


# English: a stop, then space, then something that can open a sentence.
_EN_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)]*(?=\s+[\"'“‘«(]?[A-Z0-9А-ЯІЇЄҐ])")
_EN_ABBREVIATIONS = frozenset("""
    mr mrs ms dr st gen lt col maj sgt capt cpt adm cmdr brig pvt cpl rep sen gov pres prof
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    no nos vs etc approx est dept univ inc ltd co corp fig vol art p pp ca
    """.split())
_LIST_ITEM = re.compile(r"\s*[—–\-•·*▪►✅❗️🔹]")


def _english_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _EN_BOUNDARY.finditer(text, start, end):
        word = re.search(r"([A-Za-z]+)\.?$", text[max(begin, match.start() - 12):match.start() + 1])
        if match.group().startswith(".") and word:
            token = word.group(1)
            if token.lower() in _EN_ABBREVIATIONS or len(token) == 1:
                continue          # "Gen. Syrskyi", "U.S. officials", "J. Smith"
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, end))
    return spans


def _russian_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + s.start, start + s.stop) for s in sentenize(text[start:end])]


def _blocks(text: str) -> list[tuple[int, int, int]]:
    """Runs of lines that belong together, as (start, end, head_end): broken at blank lines
    and at line ends after which a new line starts, except a list whose items follow a line
    ending in ':' (those stay with it; ``head_end`` is where the list begins, else ``end``)
    and a line that goes on in lower case or after a comma or dash."""
    blocks: list[tuple[int, int, int]] = []
    begin, position, head_end = 0, 0, -1
    lines = text.split("\n")
    for number, line in enumerate(lines):
        line_end = position + len(line)
        following = lines[number + 1] if number + 1 < len(lines) else None
        stripped = line.rstrip()
        opens_list = (following is not None and _LIST_ITEM.match(following) is not None
                      and (stripped.endswith(":") or (head_end >= 0
                           and stripped.endswith((";", ",")))))
        goes_on = (following is not None and following.strip() != "" and stripped != ""
                   and (stripped.endswith((",", "—", "–")) or following[:1].islower()))
        if opens_list and head_end < 0:
            head_end = line_end
        if not (opens_list or goes_on):
            blocks.append((begin, line_end, head_end if head_end >= 0 else line_end))
            begin, head_end = line_end + 1, -1
        position = line_end + 1
    return blocks


def split_sentences(text: str, lang: str = "ru") -> list[Sentence]:
    """The sentences of ``text`` with their character spans, blank ones left out.

    Examples
    --------
    >>> [s.text for s in split_sentences("Gen. Syrskyi said Ukraine held Kurakhove. "
    ...                                  "Russia's MoD disagreed.", "en")]
    ['Gen. Syrskyi said Ukraine held Kurakhove.', "Russia's MoD disagreed."]
    >>> [s.text for s in split_sentences("Освобождены н.п.:\\n— Ивановка;\\n— Петровка.\\n"
    ...                                  "Потери ВСУ составили до 140 человек.", "ru")]
    ['Освобождены н.п.:\\n— Ивановка;\\n— Петровка.', 'Потери ВСУ составили до 140 человек.']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    splitter = _english_spans if lang == "en" else _russian_spans
    sentences: list[Sentence] = []
    for block_start, block_end, head_end in _blocks(text):
        if not text[block_start:block_end].strip():
            continue
        spans = splitter(text, block_start, head_end)
        if head_end < block_end:  # the list goes with the head's last sentence
            spans[-1] = (spans[-1][0], block_end)
        for start, end in spans:
            # trim the span to its visible text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append(Sentence(start, end, text[start:end]))
    return sentences
