"""Jobs of ``frontcheck export stix|timemap|case`` and ``frontcheck case verify``: the claims
of a filter with their verdicts, places and sources, for other tools (STIX 2.1, TimeMap) and
as a provenance bundle (raw source files, SHA-256 manifest, verdicts, audit extract).

Redaction is applied once, where the claims are read (``evidence_facts``). A raw source file
is bytes as collected: one that names a protected person goes into a case bundle only for an
analyst or admin who gave a reason (logged first); for anyone else it is withheld and listed
with its hash, so the bundle still proves what it cites without carrying the name.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from frontcheck.app.evidence import evidence_facts
from frontcheck.app.person_protection import person_redactor
from frontcheck.app.verify import verdict_records
from frontcheck.claims.selection import ClaimSelection, select_claims
from frontcheck.errors import FrontcheckError, InputError
from frontcheck.protect.redaction import Redactor
from frontcheck.protect.roles import Principal, checked_reason, may_unredact, require_unredact
from frontcheck.render.case import MANIFEST, check_case, manifest_text, raw_member
from frontcheck.render.exchange import ExchangeClaim, ExchangeSource
from frontcheck.render.stix import stix_bundle
from frontcheck.render.timemap import timemap_data
from frontcheck.store.audit import audit_rows, log_event
from frontcheck.store.blobs import blob_path, blob_root
from frontcheck.store.claims import list_claims
from frontcheck.store.sources import list_sources
from frontcheck.verify.territorial import VerdictRules

__all__ = ["ExchangeOptions", "CaseOptions", "exchange_items", "stix_export",
           "timemap_export", "case_export", "case_zip", "write_case", "verify_case"]

TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class ExchangeOptions:
    selection: ClaimSelection = field(default_factory=ClaimSelection)
    tracker: str = "deepstate"
    rules: VerdictRules = field(default_factory=VerdictRules)
    title: str = "frontcheck claims and verdicts"


@dataclass(frozen=True, slots=True)
class CaseOptions:
    exchange: ExchangeOptions = field(default_factory=ExchangeOptions)
    unredacted: bool = False     # raw files naming a protected person included (with reason)
    reason: str | None = None


def _clip(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def exchange_items(connection: Connection, options: ExchangeOptions, redactor: Redactor
                   ) -> tuple[list[ExchangeClaim], list[ExchangeSource], list[dict[str, Any]]]:
    """The selected claims (with verdicts for the territorial ones), their sources and the
    verdict records, every text redacted."""
    claims = select_claims(list_claims(connection), options.selection)
    facts = evidence_facts(connection, [c.id for c in claims], [], redactor)
    territorial = [c for c in claims if c.type == "territorial"]
    records = verdict_records(connection, territorial, options.rules,
                              options.tracker) if territorial else []
    by_claim = {r.claim_id: r for r in records}
    out = []
    for claim in claims:
        f, v, place = facts[f"claim:{claim.id}"], by_claim.get(claim.id), claim.place
        out.append(ExchangeClaim(
            claim.id, claim.type, f.statement, f.quote, f.claimant, claim.actor,
            claim.claim_date, claim.event_date,
            redactor.text((place.name or place.mention) if place else ""),
            place.id if place else None, place.lon if place else None,
            place.lat if place else None, claim.source_id, f.url,
            f.reliability + f.credibility, v.verdict if v else None,
            v.change_date if v else None, v.lag_days if v else None,
            v.confidence if v else None, redactor.text(v.explanation) if v else ""))
    ids = sorted({c.source_id for c in claims if c.source_id is not None})
    sources = [ExchangeSource(
        s.id, redactor.text(f"{s.kind}: {_clip(s.text)}"), s.kind, redactor.text(s.publisher),
        redactor.text(s.author), redactor.text(s.url), s.blob_sha256,
        redactor.text(s.original_name), s.grade,
        s.published_at.date() if s.published_at else None)
        for s in (list_sources(connection, ids=ids) if ids else [])]
    return out, sources, [redactor.deep(asdict(r)) for r in records]


def _gather(engine: Engine, options: ExchangeOptions
            ) -> tuple[Redactor, list[ExchangeClaim], list[ExchangeSource], list[dict[str, Any]]]:
    with engine.connect() as connection:
        redactor = person_redactor(connection)
        claims, sources, verdicts = exchange_items(connection, options, redactor)
    if not claims:
        raise InputError(None, "no claim matches the filter", field="--claims")
    return redactor, claims, sources, verdicts


def _logged(engine: Engine, caller: Principal, what: str, records: int, **detail: object
            ) -> None:
    log_event(engine, caller, "export", what,
              detail={"records": records, "redacted": True, **detail})


def _checked(redactor: Redactor, text: str) -> str:
    if redactor.finds(text):
        raise FrontcheckError("the export would name a protected person; nothing was written")
    return text


def stix_export(engine: Engine, caller: Principal, options: ExchangeOptions,
                now: datetime | None = None) -> str:
    """The STIX 2.1 bundle as JSON text."""
    redactor, claims, sources, _ = _gather(engine, options)
    bundle = stix_bundle(claims, sources, options.title, now or datetime.now(UTC))
    text = _checked(redactor, bundle.serialize(pretty=True))
    _logged(engine, caller, "claims:stix", len(claims), filter=options.selection.text())
    return text


def timemap_export(engine: Engine, caller: Principal, options: ExchangeOptions
                   ) -> dict[str, str]:
    """``events.json``, ``sources.json`` and ``associations.json`` as text."""
    redactor, claims, sources, _ = _gather(engine, options)
    data = timemap_data(claims, sources)
    files = {f"{name}.json": _checked(redactor, json.dumps(value, ensure_ascii=False, indent=1))
             for name, value in data.items()}
    _logged(engine, caller, "claims:timemap", len(data["events"]),
            filter=options.selection.text())
    return files


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def case_export(engine: Engine, caller: Principal, options: CaseOptions) -> dict[str, bytes]:
    """The bundle's files: raw source files, claims, verdicts, sources, the audit extract,
    withheld files and the manifest."""
    reason = None
    if options.unredacted:
        reason = checked_reason(options.reason)
        if not may_unredact(caller.role):
            log_event(engine, caller, "unredacted_denied", "claims:case", reason,
                      {"export": "case"})
            require_unredact(caller)
    redactor, claims, sources, verdicts = _gather(engine, options.exchange)
    root = blob_root(engine)
    files: dict[str, bytes] = {}
    withheld: list[dict[str, str]] = []
    for sha256 in sorted({s.sha256 for s in sources}):
        names = sorted({s.original_name for s in sources if s.sha256 == sha256})
        try:
            data = blob_path(root, sha256).read_bytes()
        except OSError:
            raise FrontcheckError(f"the raw file {sha256} ({names[0]}) is missing from "
                                  f"{root}; run `frontcheck sources verify-integrity`") from None
        if redactor.finds(data.decode("utf-8", "replace")) and not options.unredacted:
            withheld.append({"sha256": sha256, "original_name": names[0],
                             "why": "names a protected person (analysts: --unredacted "
                                    "--reason)"})
            continue
        files[raw_member(sha256, names[0])] = data
    ids = {f"source:{s.source_id}" for s in sources} | {f"claim:{c.claim_id}" for c in claims}
    detail = {"records": len(claims), "filter": options.exchange.selection.text(),
              "raw_files": len(files), "withheld": len(withheld),
              "redacted": not options.unredacted}
    # logged first: the extract then ends with this export's own entry
    log_event(engine, caller, "unredacted_view" if options.unredacted else "export",
              "claims:case", reason or "", {"export": "case", **detail})
    with engine.connect() as connection:
        extract = [r for r in audit_rows(connection)
                   if r["target"] in ids or r["target"] == "claims:case"]
    files.update({
        "claims.json": _json([asdict(c) for c in claims]),
        "verdicts.json": _json(verdicts),
        "sources.json": _json([{**asdict(s), "file": raw_member(s.sha256, s.original_name)
                                if not any(w["sha256"] == s.sha256 for w in withheld)
                                else None} for s in sources]),
        "withheld.json": _json(withheld),
        "audit.jsonl": b"".join(_json(redactor.deep(r)).replace(b"\n", b"") + b"\n"
                                for r in extract),
    })
    for name in ("claims.json", "verdicts.json", "sources.json", "audit.jsonl"):
        _checked(redactor, files[name].decode("utf-8"))
    files[MANIFEST] = manifest_text(files).encode("utf-8")
    return files


def case_zip(files: dict[str, bytes]) -> bytes:
    """The bundle as zip bytes (deflated, fixed times: one store, one zip), for the API."""
    buffer = io.BytesIO()
    _zip_into(buffer, files)
    return buffer.getvalue()


def _zip_into(target: Path | io.BytesIO, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def write_case(files: dict[str, bytes], output: Path) -> None:
    """Write the bundle as a zip (deflated), through a temporary file."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        _zip_into(partial, files)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InputError(str(output), f"cannot write the bundle ({exc.strerror or exc})") from exc


def verify_case(path: Path) -> list[str]:
    """Problems found in the bundle at ``path``, one line each naming the file."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(str(path), f"not a readable zip ({exc})") from None
    members: dict[str, bytes | None] = {}
    with archive:
        for info in archive.infolist():
            try:
                members[info.filename] = archive.read(info)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError):   # CRC or stream broken
                members[info.filename] = None
    return check_case(members)
