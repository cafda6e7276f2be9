"""Transcripts and statements: Markdown or plain text with YAML front matter, one source a file.

Front matter (between ``---`` lines at the top) holds ``speaker`` and ``date`` (required) and
optionally ``kind``, ``title``, ``interviewer``, ``publisher``, ``language``, ``url``, ``place``,
``credibility`` (1–6), ``retrieved`` and ``persons`` (a list of names, or of mappings with
``name``, ``role``, ``description``). The body is the source's text. Speaker turns are lines
starting with ``Q:``/``A:``, with the name of a person the front matter lists, or with an
all-capitals label (``КРАВЧУК:``); they are kept in ``meta["turns"]`` as
``{speaker, label, start, end}`` where ``text[start:end]`` is what that speaker said.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from frontcheck.errors import InputError
from frontcheck.sources.admiralty import parse_credibility
from frontcheck.sources.decode import decode_text, parse_datetime
from frontcheck.sources.language import detect_language, normalise_language
from frontcheck.sources.model import ROLES, PersonMention, ReadDefaults, ReadResult, SourceItem

REQUIRED = ("speaker", "date")
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)
_LABEL = re.compile(r"^[ \t]*(?:\*\*)?([^\W\d_][\w .'’\-]{0,40}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*",
                    re.MULTILINE)


def read_transcript(data: bytes, name: str,
                    defaults: ReadDefaults = ReadDefaults()) -> list[SourceItem]:
    """The one source of a transcript or statement file.

    Examples
    --------
    >>> doc = "---\\nspeaker: Ri\\ninterviewer: Olena\\ndate: 2025-02-03\\n---\\n"
    >>> doc += "Q: Were you trained?\\nA: Two weeks only.\\n"
    >>> [item] = read_transcript(doc.encode(), "pow.md")
    >>> item.kind, item.author, item.language, item.published_at.date().isoformat()
    ('interview', 'Ri', 'en', '2025-02-03')
    >>> [(t["speaker"], item.text[t["start"]:t["end"]]) for t in item.meta["turns"]]
    [('Olena', 'Were you trained?'), ('Ri', 'Two weeks only.')]
    """
    return read_transcript_items(data, name, defaults).strict()


def read_transcript_items(data: bytes, name: str,
                          defaults: ReadDefaults = ReadDefaults()) -> ReadResult:
    """Like ``read_transcript`` (a transcript is one item, so its error is the file's)."""
    text = decode_text(data, name)
    front, body, body_line = split_front_matter(text, name)
    for key in REQUIRED:
        if front.get(key) in (None, ""):
            raise InputError(name, f"missing required field {key!r}", field="front matter")
    speaker = _text_field(front, "speaker", name)
    interviewer = _text_field(front, "interviewer", name)
    persons = _persons(front, name, speaker, interviewer)
    body = body.strip("\n")
    turns = speaker_turns(body, speaker, interviewer, [p.name for p in persons])
    language = (normalise_language(front["language"]) if front.get("language")
                else detect_language(body))
    meta = {"body_line": body_line, "turns": turns}
    for key in ("title", "place", "interviewer", "_sample"):
        if front.get(key) not in (None, ""):
            meta[key.lstrip("_") if key == "_sample" else key] = str(front[key])
    kind = front.get("kind") or defaults.kind or (
        "interview" if interviewer or any(t["label"] in ("Q", "A") for t in turns) else "statement")
    retrieved = (parse_datetime(front["retrieved"], name, field="front matter: retrieved",
                                tz=defaults.timezone) if front.get("retrieved") else defaults.retrieved_at)
    item = SourceItem(
        kind=str(kind), item_key="document", text=body,
        publisher=_text_field(front, "publisher", name) or defaults.publisher or "",
        author=speaker,
        published_at=parse_datetime(front["date"], name, field="front matter: date",
                                    tz=defaults.timezone),
        language=language, url=_text_field(front, "url", name), retrieved_at=retrieved,
        credibility=(parse_credibility(front["credibility"], name, field="front matter: credibility")
                     if front.get("credibility") is not None else "6"),
        meta=meta, persons=tuple(persons))
    return ReadResult((item,))


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str, int]:
    """(front matter mapping, body, line number where the body starts)."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        raise InputError(name, "no YAML front matter (a '---' line, the fields, a '---' line) "
                               "at the top", line=1)
    first_end = text.find("\n")
    closing = _FENCE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        raise InputError(name, "the YAML front matter is not closed by a '---' line", line=1)
    try:
        front = yaml.safe_load(text[first_end + 1:closing.start()])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(name, f"invalid YAML front matter ({problem})",
                         line=mark.line + 2 if mark else None) from exc
    except (ValueError, TypeError, RecursionError) as exc:   # e.g. a date YAML cannot build
        raise InputError(name, f"invalid YAML front matter ({exc})") from exc
    if front is None:
        front = {}
    if not isinstance(front, dict):
        raise InputError(name, "the YAML front matter is not a mapping of field: value", line=2)
    body_line = text.count("\n", 0, closing.end()) + 2
    return {str(k): v for k, v in front.items()}, text[closing.end():], body_line


def _text_field(front: dict[str, Any], key: str, name: str) -> str:
    value = front.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(name, f"{key} must be text, not a {type(value).__name__}",
                         field=f"front matter: {key}")
    return str(value).strip()


def _persons(front: dict[str, Any], name: str, speaker: str,
             interviewer: str) -> list[PersonMention]:
    """Speaker, interviewer and the persons listed, each once per role; the listed entry's
    description wins."""
    listed = front.get("persons") or []
    if not isinstance(listed, list):
        raise InputError(name, "persons must be a list", field="front matter: persons")
    found: dict[tuple[str, str], PersonMention] = {}
    if speaker:
        found[(speaker, "speaker")] = PersonMention(
            speaker, "speaker", str(front.get("speaker_description") or ""))
    if interviewer:
        found[(interviewer, "interviewer")] = PersonMention(interviewer, "interviewer")
    for index, entry in enumerate(listed):
        where = f"front matter: persons[{index}]"
        if isinstance(entry, (str, int)) and str(entry).strip():
            entry = {"name": str(entry)}
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise InputError(name, "a person needs a name", field=where)
        role = str(entry.get("role") or "named").strip().lower()
        if role not in ROLES:
            raise InputError(name, f"role {role!r} is not one of {', '.join(ROLES)}", field=where)
        person = PersonMention(str(entry["name"]).strip(), role,
                               str(entry.get("description") or "").strip())
        found[(person.name, role)] = person
    return list(found.values())


def speaker_turns(body: str, speaker: str, interviewer: str,
                  names: list[str]) -> list[dict[str, Any]]:
    """Speaker turns of a transcript body: ``[{speaker, label, start, end}]``.

    A turn starts at a line labelled ``Q:``, ``A:``, with a known name (or its last word), or
    an all-capitals label; it runs to the next turn. Q is the interviewer, A the speaker.
    """
    full_names = [n for n in (*names, speaker, interviewer) if n]
    # A label may be the full name or its last word (КРАВЧУК for Олег Кравчук).
    known = {n.split()[-1].casefold(): n for n in full_names if n.split()}
    known |= {n.casefold(): n for n in full_names}
    turns: list[dict[str, Any]] = []
    for match in _LABEL.finditer(body):
        label = match.group(1).strip()
        if not (label in ("Q", "A") or label.casefold() in known
                or (label.isupper() and len(label) > 1)):
            continue
        if turns:
            turns[-1]["end"] = _trim_end(body, turns[-1]["start"], match.start())
        who = {"Q": interviewer or "Q", "A": speaker or "A"}.get(label) or known.get(
            label.casefold(), label)
        turns.append({"speaker": who, "label": label, "start": match.end(), "end": len(body)})
    if turns:
        turns[-1]["end"] = _trim_end(body, turns[-1]["start"], len(body))
    return turns


def _trim_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1].isspace():
        end -= 1
    return end
