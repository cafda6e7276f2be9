"""One identity per speaker: claimants and publishers written several ways ("Russian Ministry
of Defence", "Russian MoD", "Минобороны России", "Міноборони Росії") read as one.

Names are merged only where it is safe: when they are equal once normalised (case, ё/є/і folded,
apostrophes, punctuation, a trailing "(reported by …)" chain), or when a curated alias list
(``frontcheck/data/speaker_aliases.csv``, each row with its source) or the user
(``frontcheck sources alias``) says so. "Russia" is not merged with its ministry: who speaks
differs, and only a person can tell.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from frontcheck.errors import InputError

_CHAIN = re.compile(r"\s*\((?:reported|via|to|citing|according)\b.*$", re.IGNORECASE)
_FOLD = str.maketrans({"ё": "е", "є": "е", "і": "и", "ї": "и", "й": "и", "ґ": "г", "'": "",
                       "’": "", "ʼ": "", "`": ""})
_NOT_WORD = re.compile(r"[^\w]+")


def speaker_key(name: str) -> str:
    """The form two spellings of one speaker share: casefolded, Cyrillic letters that differ
    between Russian and Ukrainian folded, punctuation and a reporting chain dropped.

    >>> speaker_key("Russian Ministry of Defence (reported by Kyiv Independent)")
    'russian ministry of defence'
    >>> speaker_key("Міноборони Росії") == speaker_key("МІНОБОРОНИ  росії.")
    True
    """
    text = unicodedata.normalize("NFKC", _CHAIN.sub("", name)).casefold().translate(_FOLD)
    text = _NOT_WORD.sub(" ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True, slots=True)
class SpeakerAlias:
    """One name of a speaker: ``alias`` is another name of ``identity`` (its display name)."""

    identity: str
    alias: str
    origin: str = "curated"       # curated (shipped list), manual (a user), removed (a user split it)
    source: str = ""


def parse_speaker_aliases(data: bytes, name: str) -> tuple[SpeakerAlias, ...]:
    """The curated alias list: a CSV with ``identity, alias, language, source``; every row
    must name its source."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(name, f"not UTF-8: {error}") from error
    reader = csv.DictReader(io.StringIO(text))
    missing = {"identity", "alias", "source"} - set(reader.fieldnames or ())
    if missing:
        raise InputError(name, f"missing columns: {', '.join(sorted(missing))}", line=1)
    out = []
    for line, row in enumerate(reader, start=2):
        for column in ("identity", "alias", "source"):
            if not (row.get(column) or "").strip():
                raise InputError(name, "empty", line=line, field=column)
        out.append(SpeakerAlias(row["identity"].strip(), row["alias"].strip(), "curated",
                                row["source"].strip()))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SpeakerIdentities:
    """Which identity each speaker key belongs to (``identity_of`` reads a name through it)."""

    by_key: dict[str, str]

    def identity_of(self, name: str) -> str:
        """The identity's display name for ``name``; a name no alias covers is its own
        identity (without its reporting chain)."""
        return self.by_key.get(speaker_key(name)) or _CHAIN.sub("", name).strip() or name.strip()


def speaker_identities(curated: tuple[SpeakerAlias, ...],
                       manual: tuple[SpeakerAlias, ...] = ()) -> SpeakerIdentities:
    """Identities from the curated list, then the user's aliases on top: a manual alias moves
    a name to another identity (an identity's own name moves all its names); a removal
    (``origin="removed"``) makes it its own again.

    >>> ids = speaker_identities((SpeakerAlias("Russian MoD", "Минобороны России"),))
    >>> ids.identity_of("МИНОБОРОНЫ РОССИИ"), ids.identity_of("Russian MoD (via TASS)")
    ('Russian MoD', 'Russian MoD')
    """
    by_key: dict[str, str] = {}
    for alias in curated:
        by_key[speaker_key(alias.identity)] = alias.identity
        by_key[speaker_key(alias.alias)] = alias.identity
    for alias in manual:
        key = speaker_key(alias.alias)
        if alias.origin == "removed":
            by_key.pop(key, None)
        else:
            target = by_key.get(speaker_key(alias.identity), alias.identity)
            by_key.setdefault(speaker_key(alias.identity), target)
            old = by_key.get(key)
            if old is not None and speaker_key(old) == key:
                # the name is an identity's own: all its names go with it
                by_key.update({k: target for k, v in by_key.items() if v == old})
            by_key[key] = target
    return SpeakerIdentities(by_key)
