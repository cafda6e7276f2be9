"""Claims curated by hand, as CSV (``frontcheck claims import``).

Columns: ``claim_id,claim_date,claimant,claimed_actor,action,settlement,settlement_local,oblast,
source_url,source_quote,notes``. ``claim_date`` is when the claim was made; ``claimed_actor`` is
the side said to have gained control (for ``withdrew``, the side that left).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from frontcheck.claims.model import ACTIONS
from frontcheck.errors import InputError

COLUMNS = ("claim_id", "claim_date", "claimant", "claimed_actor", "action", "settlement",
           "settlement_local", "oblast", "source_url", "source_quote", "notes")
REQUIRED = ("claim_id", "claim_date", "claimed_actor", "action", "settlement")
#: Spellings of actors seen in curated sheets, mapped to frontcheck's names.
ACTOR_ALIASES = {"russia": "russia", "russian": "russia", "ru": "russia",
                 "ukraine": "ukraine", "ukrainian": "ukraine", "ua": "ukraine",
                 "dprk": "dprk", "north korea": "dprk", "kpa": "dprk"}


@dataclass(frozen=True, slots=True)
class CuratedClaim:
    """One row of a curated claims sheet, checked; ``line`` is its line in the file."""

    line: int
    claim_id: str
    claim_date: date
    claimant: str
    actor: str
    action: str
    settlement: str
    settlement_local: tuple[str, ...]
    oblast: str
    source_url: str
    source_quote: str
    notes: str


def read_curated_claims(data: bytes, name: str, latest: date | None = None) -> list[CuratedClaim]:
    """Parse and check a curated claims CSV; the first bad row raises ``InputError``.

    A row with more or fewer cells than the header, a quote left open (a file cut short), a
    field over the csv module's limit, and a ``claim_date`` after ``latest`` (the caller's
    today + 1 day) are bad rows too.

    Examples
    --------
    >>> head = ",".join(COLUMNS) + "\\n"
    >>> row = "X-1,2025-01-06,MoD,russia,captured,Kurakhove,Курахове / Курахово,Donetsk,,,\\n"
    >>> [(c.claim_id, c.actor, c.settlement_local) for c in read_curated_claims((head + row).encode(), "c.csv")]
    [('X-1', 'russia', ('Курахове', 'Курахово'))]
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text (byte {exc.start})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        return _checked_rows(reader, name, latest)
    except csv.Error as exc:
        # line_num counts the lines of the rows read whole: the bad one starts on the next
        raise InputError(name, f"malformed CSV ({exc})", line=reader.line_num + 1) from None


def _checked_rows(reader: csv.DictReader[str], name: str,
                  latest: date | None) -> list[CuratedClaim]:
    fieldnames = reader.fieldnames or ()
    missing = [c for c in COLUMNS if c not in fieldnames]
    if missing:
        raise InputError(name, f"missing column(s) {', '.join(missing)}; expected "
                               f"{','.join(COLUMNS)}", line=1)
    width = len(fieldnames)
    out, seen = [], set()
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            cells = width + len(row.get(None) or []) - sum(v is None for v in row.values())
            raise InputError(name, f"{cells} cells but the header has {width}", line=line)
        for column in REQUIRED:
            if not (row.get(column) or "").strip():
                raise InputError(name, "empty", line=line, field=column)
        claim_id = row["claim_id"].strip()
        if claim_id in seen:
            raise InputError(name, f"claim_id {claim_id!r} appears twice", line=line, field="claim_id")
        seen.add(claim_id)
        try:
            claim_date = date.fromisoformat(row["claim_date"].strip())
        except ValueError:
            raise InputError(name, f"{row['claim_date']!r} is not a date (YYYY-MM-DD)",
                             line=line, field="claim_date") from None
        if latest is not None and claim_date > latest:
            raise InputError(name, f"{claim_date.isoformat()} is in the future", line=line,
                             field="claim_date")
        actor = ACTOR_ALIASES.get(row["claimed_actor"].strip().lower())
        if actor is None:
            raise InputError(name, f"unknown actor {row['claimed_actor']!r} (expected one of "
                                   f"{', '.join(sorted(set(ACTOR_ALIASES.values())))})",
                             line=line, field="claimed_actor")
        action = row["action"].strip().lower()
        if action not in ACTIONS:
            raise InputError(name, f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})",
                             line=line, field="action")
        local = tuple(p.strip() for p in (row.get("settlement_local") or "").split("/") if p.strip())
        out.append(CuratedClaim(
            line=line, claim_id=claim_id, claim_date=claim_date,
            claimant=(row.get("claimant") or "").strip(), actor=actor, action=action,
            settlement=row["settlement"].strip(), settlement_local=local,
            oblast=(row.get("oblast") or "").strip(), source_url=(row.get("source_url") or "").strip(),
            source_quote=(row.get("source_quote") or "").strip(), notes=(row.get("notes") or "").strip()))
    if not out:
        raise InputError(name, "no claims (only a header)", line=1)
    return out
