"""The scope of a negation and of an answer in a testimony sentence (``claims.testimony``).

Two ways wires and translated interviews phrase what a witness did *not* say or *did* answer,
that a negation near a topic's word would misread:

- a negation of telling or knowing, before a question word ("he did not say where he was
  captured", "could not remember how long the training lasted", "не уточнил, где",
  "не пам'ятає, скільки"): it denies the telling, not the event — the event is neither
  asserted nor denied (``unsaid``, ``negates_saying``);
- a reported question answered in words in the same sentence ("Asked whether he wanted to
  go back, he said no", "на вопрос … ответил отрицательно"): the answer's polarity
  (``spoken_answer_in``), as a nod or a shake of the head is.
"""

from __future__ import annotations

import re

__all__ = ["unsaid", "negates_saying", "spoken_answer_in"]

_F = re.IGNORECASE
_W = r"[^\W\d_]+"

#: A negation, a verb of telling, knowing or remembering, and a question word after it.
_UNSAID = re.compile(
    r"(?:(?:(?<![\w'’-])(?:not|never|cannot|unable\s+to|refused\s+to|declined\s+to)|"
    r"\w+n['’]t)\s+"
    rf"(?:{_W}\s+){{0,2}}?(?:say|said|tell|told|know|knew|remember\w*|recall\w*|specif\w*|"
    r"disclos\w*|reveal\w*|explain\w*|clarif\w*|sure|certain|clear|elaborat\w*|detail\w*)"
    rf"\W+(?:{_W}\s+){{0,2}}?(?:how|when|where|what|whether|if|which|who|why)(?![\w])"
    r"|(?:не|ні)\s+" rf"(?:{_W}\s+){{0,1}}?(?:зна\w*|помн\w*|пам['’ʼ]?ята\w*|уточни\w*|уточня\w*|"
    r"сказа\w*|сообщ\w*|повідом\w*|раскры\w*|розкри\w*|поясни\w*|поясн\w*|може\w*\s+сказати|"
    r"может\s+сказать|уверен\w*|впевнен\w*)"
    rf"\W+(?:{_W}\s+){{0,1}}?(?:как|когда|где|сколько|ли|какой|какие|куда|кто|почему|як|коли|де|"
    r"скільки|чи|який|які|куди|хто|чому)(?![\w]))", _F)


def unsaid(text: str) -> bool:
    """Whether the sentence denies telling or knowing something rather than the thing itself.

    >>> unsaid("He did not say where he was captured."), unsaid("He was not captured.")
    (True, False)
    >>> unsaid("Он не помнит, сколько длилась подготовка.")
    True
    """
    return bool(_UNSAID.search(text))


def negates_saying(text: str, negation_at: int, cue_start: int) -> bool:
    """Whether the negation at ``negation_at`` belongs to a verb of telling or knowing whose
    question word comes before the topic's word at ``cue_start`` ("could not remember how
    long the training lasted": no denial of the training)."""
    return any(m.start() <= negation_at < m.end() and m.end() <= cue_start + 1
               for m in _UNSAID.finditer(text))


#: The answer, in words, to a question the sentence reports ("Asked whether …, he said no").
_SAID_NO = re.compile(
    r"(?<![\w])(?:(?:said|answered|replied|responded)\s*:?\s*,?\s*[\"“«'‘]?no(?![\w])|"
    r"(?:said|answered|replied|responded)\s+in\s+the\s+negative|"
    r"(?:said|answered|replied|responded)\s+(?:that\s+)?(?:he|she|they|I)\s+(?:had|did|does|do|"
    r"was|were|would|could|has|is)(?:\s+not|n['’]t)(?=\W*$)|"
    r"ответил\w*\s+(?:отрицательно|[\"«]?нет(?![\w]))|відпові\w*\s+(?:заперечно|[\"«]?ні(?![\w])))",
    _F)
_SAID_YES = re.compile(
    r"(?<![\w])(?:(?:said|answered|replied|responded)\s*:?\s*,?\s*[\"“«'‘]?yes(?![\w])|"
    r"(?:said|answered|replied|responded)\s+in\s+the\s+affirmative|"
    r"(?:said|answered|replied|responded)\s+(?:that\s+)?(?:he|she|they|I)\s+(?:had|did|does|do|"
    r"was|were|would|could|has|is)(?=\W*$)|"
    r"ответил\w*\s+(?:утвердительно|[\"«]?да(?![\w]))|відпові\w*\s+(?:ствердно|[\"«]?так(?![\w])))",
    _F)


def spoken_answer_in(sentence: str, after: int) -> tuple[int, int, bool] | None:
    """(start, end, answered no?) of an answer in words after ``after`` (the end of a
    reported question), or None.

    >>> spoken_answer_in("Asked whether he wanted to go back, he said no.", 10)[2]
    True
    >>> spoken_answer_in("Asked if he had called home, he replied that he had.", 5)[2]
    False
    """
    no, yes = _SAID_NO.search(sentence, after), _SAID_YES.search(sentence, after)
    found = no or yes
    if found is None:
        return None
    return found.start(), found.end(), found is no
