"""Regex building blocks for redaction: folded letters, separators, word edges, tries.

Texts are matched *folded*: every Cyrillic letter that looks like a Latin one is read as that
Latin letter (а = a, р = p, с = c, в = b ...), ё as е, every apostrophe as ``'`` and every
hyphen as ``-`` (``FOLD``). A name typed with a Latin ``o`` inside a Cyrillic word, or with
ё for е, is the same name to a reader, and folding costs one ``str.translate`` per text
instead of a character class per letter per pattern. Folding maps one character to one
character, so a match in the folded text has the same span in the original.

A name is matched as a whole word (or words), never inside a longer word: the edges are "not
preceded/followed by a letter or digit", so an underscore or a hyphen is an edge too
(``interview_ri_jin_hyok.md`` is matched).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["FOLD", "fold", "LEFT_EDGE", "RIGHT_EDGE", "WORD_GAP", "SYLLABLE_GAP", "letters",
           "alternation", "trie", "literal_phrase", "first_characters", "guarded"]

_LOOKALIKES = dict(zip("аaвbеeёeкkмmоoрpсcтtуyхxіi"[::2], "аaвbеeёeкkмmоoрpсcтtуyхxіi"[1::2]))
_APOSTROPHES = "\u2019\u02bc\u2018`\u00b4\u2032"
_HYPHENS = "\u2010\u2011\u2012"


def _folded_char(char: str) -> str:
    if char.isspace():
        return " "
    lower = char.lower()
    lower = lower if len(lower) == 1 else char   # İ → i̇ would change the length: keep İ
    lower = _LOOKALIKES.get(lower, lower)
    return "'" if lower in _APOSTROPHES else "-" if lower in _HYPHENS else lower


#: One character for another: lower case, Cyrillic look-alikes as Latin, ё as е, apostrophes
#: as ``'``, hyphens (not dashes) as ``-``, every white space as a space. Patterns are written
#: folded and compiled without IGNORECASE, which compiles and matches several times faster.
FOLD = {code: _folded_char(chr(code)) for code in range(0x2400)
        if _folded_char(chr(code)) != chr(code)}

#: Not preceded / followed by a letter or a digit (``\w`` less the underscore).
LEFT_EDGE = r"(?<![^\W_])"
RIGHT_EDGE = r"(?![^\W_])"
#: Between the words of a name: spaces (any), underscores, a comma ("Ri, Jin-hyok"), and the
#: two-character escapes a JSON body holds for a line break or a tab.
WORD_GAP = r"(?:[ _,]|\\[nrt])+"
#: Between the syllables of a Korean given name: nothing, a hyphen, or a gap.
SYLLABLE_GAP = r"(?:[ _\-\u2013]|\\[nrt])*"


def fold(text: str) -> str:
    """The text with look-alike letters, ё, apostrophes and hyphens folded (same length).

    >>> fold("Рі Цзін\\tХьок") == "pi цзiн xьok"
    True
    """
    return text.translate(FOLD)


def _piece(char: str) -> str:
    if char == "-":
        return r"[\-\u2013]"
    if char == " ":
        return WORD_GAP
    return re.escape(char)


def letters(text: str) -> str:
    """A regex for ``text`` as written, folded (to match a folded text).

    >>> bool(re.fullmatch(letters("Хёк"), fold("ХЕК")))
    True
    """
    return "".join(_piece(c) for c in fold(text))


def alternation(patterns: Iterable[str]) -> str:
    """One non-capturing group of the patterns, duplicates dropped, longest first.

    >>> alternation(["a", "ab", "a"])
    '(?:ab|a)'
    """
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(unique) + ")"


def trie(words: Iterable[str], piece: Callable[[str], str] | None = None) -> str:
    """One regex for many words, sharing their common beginnings (``кузьменко|кузьменка``
    becomes ``кузьменк(?:а|о)``), so that a failing word is left after a letter or two.

    ``piece`` turns a (folded) character into its regex; by default the character itself.

    >>> trie(["ab", "ac", "a"])
    'a(?:b|c)?'
    >>> bool(re.fullmatch(trie(["кузьменко", "кузьменка"]), fold("кузьменка")))
    True
    """
    piece = piece or _piece
    root: dict[str, Any] = {}
    for word in {fold(w) for w in words}:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return "(?!)"

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [piece(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) > 1:
            body = "(?:" + "|".join(branches) + ")"
            return body + "?" if ends else body
        body = branches[0]
        if not ends:
            return body
        return body + "?" if _is_atom(body) else "(?:" + body + ")?"

    return emit(root)


def _is_atom(pattern: str) -> bool:
    """True for one escaped character or one character class."""
    return (len(pattern) == 1 or (len(pattern) == 2 and pattern[0] == "\\")
            or (pattern.startswith("[") and pattern.endswith("]") and pattern.count("]") == 1))


def literal_phrase(text: str) -> str:
    """A regex for a phrase as written: any spacing between its words, any hyphen for a
    hyphen (empty for an empty phrase).

    >>> bool(re.fullmatch(literal_phrase("Storm Corps"), fold("Storm  CORPS")))
    True
    """
    return WORD_GAP.join(letters(word) for word in text.split())


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that is not a small
    known set (a negated class, ``.``, an empty match).

    Python's ``re`` tries every branch of an alternation at every position; a cheap
    look-ahead on the first character in front of each term lets it skip the terms that cannot
    start there, which makes a many-person redactor several times faster. The parse uses the
    standard library's own regex parser (``re._parser``, Python 3.11+); where it is missing the
    terms go unguarded, which is slower, never wrong.

    >>> sorted(first_characters("(?:ab|[cC]d)e"))
    ['C', 'a', 'c']
    >>> first_characters("x?") is None
    True
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]  # private: no stubs
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:   # pragma: no cover - another Python: no guards
        return None

    def of_sequence(items: Any) -> tuple[set[str] | None, bool]:
        found: set[str] = set()
        for op, av in items:
            chars, nullable = of_item(op, av)
            if chars is None:
                return None, False
            found |= chars
            if not nullable:
                return found, False
        return found, True

    def of_item(op: Any, av: Any) -> tuple[set[str] | None, bool]:
        if op is sre.LITERAL:
            return {chr(av)}, False
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] <= 400:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None, False
            return chars, False
        if op is sre.SUBPATTERN:
            return of_sequence(av[-1])
        if op is sre.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                found, empty = of_sequence(branch)
                if found is None:
                    return None, False
                chars |= found
                nullable = nullable or empty
            return chars, nullable
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found, empty = of_sequence(av[2])
            return (None, False) if found is None else (found, empty or av[0] == 0)
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return set(), True
        return None, False

    try:
        chars, nullable = of_sequence(sre_parse.parse(pattern))
    except (re.error, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if chars is None or nullable or not chars:
        return None
    return frozenset(chars)


def guarded(pattern: str, chars: frozenset[str] | None = None) -> str:
    """``pattern`` behind a look-ahead on its first characters (see ``first_characters``).

    >>> guarded("(?:ab|cd)")
    '(?=[ac])(?:ab|cd)'
    """
    chars = chars if chars is not None else first_characters(pattern)
    if chars is None:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" + pattern


def prefixes(pattern: str, length: int = 3, limit: int = 4096) -> frozenset[str] | None:
    r"""Strings of up to ``length`` characters one of which begins every match of ``pattern``,
    or None when there are more than ``limit`` of them or one is empty.

    A prefix stops short where the pattern has something that cannot be listed (a class like
    ``\\d``, a look-around); that is still a true beginning, only a looser one. The redactor
    scans texts for these prefixes first, with one regex Python runs fast (a branch of
    literals), and tries its big regex only where one is found.

    >>> sorted(prefixes("(?:ab|c[de])f"))
    ['abf', 'cdf', 'cef']
    >>> sorted(prefixes("ri\\d+jin"))
    ['ri']
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]  # private: no stubs
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:   # pragma: no cover - another Python
        return None

    def of_sequence(items: Any, wanted: int) -> tuple[set[str], set[str]] | None:
        """(open prefixes, closed prefixes): open ones may go on, closed ones may not."""
        open_, closed = {""}, set()
        for op, av in items:
            grown: set[str] = set()
            for prefix in open_:
                room = wanted - len(prefix)
                if room <= 0:
                    closed.add(prefix)
                    continue
                found = of_item(op, av, room)
                if found is None:          # cannot be listed: the prefix ends here
                    closed.add(prefix)
                    continue
                more_open, more_closed = found
                grown.update(prefix + s for s in more_open)
                closed.update(prefix + s for s in more_closed)
            open_ = grown
            if len(open_) + len(closed) > limit:
                return None
            if not open_:
                break
        return open_, closed

    def of_item(op: Any, av: Any, wanted: int) -> tuple[set[str], set[str]] | None:
        if op is sre.LITERAL:
            return {chr(av)}, set()
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] <= 64:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None
            return chars, set()
        if op is sre.SUBPATTERN:
            return of_sequence(av[-1], wanted)
        if op is sre.BRANCH:
            open_, closed = set(), set()
            for branch in av[1]:
                found = of_sequence(branch, wanted)
                if found is None:
                    return None
                open_ |= found[0]
                closed |= found[1]
            return open_, closed
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = av
            open_, closed = set(), set()
            for count in range(low, min(high, wanted) + 1):
                found = of_sequence(list(item) * count, wanted)
                if found is None:
                    return None
                open_ |= found[0]
                closed |= found[1]
            if high > wanted:   # more repeats than the room: whatever they hold, it ends there
                closed |= {p for p in open_ if len(p) >= wanted}
            return open_, closed
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return {""}, set()
        return None

    try:
        found = of_sequence(sre_parse.parse(pattern), length)
    except (re.error, TypeError, ValueError, AttributeError, RecursionError):
        return None
    if found is None:
        return None
    every = {p[:length] for p in found[0] | found[1]}
    if not every or "" in every or len(every) > limit:
        return None
    # a prefix that extends another is redundant: the shorter one finds it too
    return frozenset(p for p in every if not any(p[:i] in every for i in range(1, len(p))))
