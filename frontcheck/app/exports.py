"""Jobs of ``frontcheck export``: the control history, settlement timelines, claims, verdicts
and ACLED rows as files that GIS tools and spreadsheets open.

Each job takes the store's engine, the caller and its options, reads the store once and
shapes the records with the pure functions of ``frontcheck.tables``; the claim exports also
redact protected persons once and log the export in the audit log (maps and timelines hold
no person data). ``write_export`` then writes the table with the library made for the
format: GDAL through pyogrio for GeoJSON (RFC 7946) and GeoPackage, pyarrow through geopandas
for GeoParquet (with its ``geo`` metadata), ``tables.csv_cells`` for CSV. Everything is in
EPSG:4326 (lon/lat).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import numpy as np
import shapely
from numpy.typing import NDArray
from sqlalchemy import Engine

from frontcheck.app.person_protection import person_redactor
from frontcheck.app.records import jsonable
from frontcheck.app.verify import verdict_records
from frontcheck.errors import InputError, NotFoundError
from frontcheck.protect.roles import Principal
from frontcheck.store.audit import log_event
from frontcheck.store.claims import list_claims
from frontcheck.store.control import tracker_sequence
from frontcheck.store.exports import (
    claim_source_rows,
    dated_layer_rows,
    place_admin,
    timeline_interval_rows,
    timeline_last_date,
)
from frontcheck.store.timelines import check_timelines_current
from frontcheck.tables.acled_columns import ACLED_COLUMNS, acled_record
from frontcheck.tables.claim_columns import (
    claim_point_record,
    uniform_columns,
    verdict_point_record,
)
from frontcheck.tables.control_features import control_feature_columns, rfc7946_wound
from frontcheck.tables.csv_cells import write_csv
from frontcheck.tables.timeline_rows import TIMELINE_COLUMNS, settlement_timeline_records
from frontcheck.verify.territorial import VerdictRules

if TYPE_CHECKING:   # geopandas is imported when a file is written (it is slow to import)
    from geopandas import GeoDataFrame

CRS = "EPSG:4326"


class ExportFormat(str, Enum):
    geojson = "geojson"
    gpkg = "gpkg"
    parquet = "parquet"
    csv = "csv"


#: Formats that can go to stdout (text); the others are binary files and need a path.
TEXT_FORMATS = (ExportFormat.geojson, ExportFormat.csv)


@dataclass(frozen=True, slots=True)
class ExportTable:
    """What an export writes: ``columns`` of plain values (one list per column, equal
    lengths), and lon/lat ``geometry`` (EPSG:4326) or None for a table without shapes."""

    name: str
    columns: dict[str, list[Any]]
    geometry: np.ndarray | None = None

    @property
    def records(self) -> int:
        return len(next(iter(self.columns.values()), []))

    def rows(self) -> list[dict[str, Any]]:
        names = list(self.columns)
        return [dict(zip(names, values)) for values in zip(*self.columns.values())]


@dataclass(frozen=True, slots=True)
class ControlExportOptions:
    tracker: str = "deepstate"
    on: date | None = None
    since: date | None = None
    until: date | None = None
    layer: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineExportOptions:
    tracker: str = "deepstate"


@dataclass(frozen=True, slots=True)
class ClaimExportOptions:
    type: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class VerdictExportOptions:
    tracker: str = "deepstate"
    rules: VerdictRules = field(default_factory=VerdictRules)


def control_export(engine: Engine, caller: Principal, options: ControlExportOptions,
                   fmt: ExportFormat) -> ExportTable:
    """Layers and daily changes of the snapshots dated ``on``, or in [since, until]: one
    feature per layer (and per gained/lost part) per date. An unknown date is refused."""
    with engine.connect() as connection:
        held = [e.on for e in tracker_sequence(connection, options.tracker)]
        dates = _control_dates(held, options)
        rows = dated_layer_rows(connection, options.tracker, dates, options.layer)
    if not rows:
        raise NotFoundError(f"the {options.tracker} snapshots of those dates have no layer "
                            f"{options.layer!r}")
    columns, geometry = control_feature_columns(rows, options.tracker)
    # maps hold no person data: like `control area`, not logged as an export
    return ExportTable("control", columns, geometry)


def _control_dates(held: list[date], options: ControlExportOptions) -> list[date]:
    tracker = options.tracker
    span = f" (held: {held[0]}..{held[-1]})" if held else " (none stored)"
    if options.on is not None:
        if options.on not in held:
            raise NotFoundError(f"no {tracker} snapshot dated {options.on}{span}")
        return [options.on]
    if options.since is None or options.until is None:
        raise InputError(None, "give --date D, or --from D --to D", field="--date")
    if options.since > options.until:
        raise InputError(None, f"{options.since} is after {options.until}", field="--from")
    dates = [d for d in held if options.since <= d <= options.until]
    if not dates:
        raise NotFoundError(f"no {tracker} snapshot dated {options.since}..{options.until}{span}")
    return dates


def timelines_export(engine: Engine, caller: Principal, options: TimelineExportOptions,
                     fmt: ExportFormat) -> ExportTable:
    """Every settlement's banded runs per layer (those ``control timeline`` prints), with
    the place's names, oblast and point."""
    with engine.connect() as connection:
        check_timelines_current(connection, options.tracker)
        last = timeline_last_date(connection, options.tracker)
        if last is None:
            raise NotFoundError(f"no {options.tracker} timelines; ingest snapshots with "
                                "`frontcheck control ingest`")
        intervals = timeline_interval_rows(connection, options.tracker)
    records = settlement_timeline_records(intervals, last, options.tracker)
    columns = {name: [r[name] for r in records] for name in TIMELINE_COLUMNS}
    return ExportTable("timelines", columns, _points(columns["lon"], columns["lat"]))


def claims_export(engine: Engine, caller: Principal, options: ClaimExportOptions,
                  fmt: ExportFormat) -> ExportTable:
    """Stored claims as points (at their resolved place; none where unresolved), protected
    persons by pseudonym."""
    with engine.connect() as connection:
        claims = list_claims(connection, type=options.type, since=options.since,
                             until=options.until)
        redactor = person_redactor(connection)
    records = [redactor.deep(claim_point_record(c)) for c in claims]
    return _point_table(engine, caller, "claims", fmt, records)


def verdicts_export(engine: Engine, caller: Principal, options: VerdictExportOptions,
                    fmt: ExportFormat) -> ExportTable:
    """Verdicts on the territorial claims (``verify --all``) as points at their places."""
    with engine.connect() as connection:
        claims = list_claims(connection, type="territorial")
        redactor = person_redactor(connection)
        rows = verdict_records(connection, claims, options.rules, options.tracker)
    records = [redactor.deep(verdict_point_record(jsonable(r))) for r in rows]
    return _point_table(engine, caller, "claims:verdicts", fmt, records)


def acled_export(engine: Engine, caller: Principal, options: ClaimExportOptions,
                 fmt: ExportFormat) -> ExportTable:
    """Claims as ACLED event rows (``tables.acled_columns``: columns and the event-type
    mapping); claims without a date are left out."""
    with engine.connect() as connection:
        claims = list_claims(connection, type=options.type, since=options.since,
                             until=options.until)
        sources = claim_source_rows(connection, {c.source_id for c in claims if c.source_id})
        admin = place_admin(connection, {c.place.id for c in claims if c.place and c.place.id})
        redactor = person_redactor(connection)
    records = [r for c in claims if (r := acled_record(
        c, sources.get(c.source_id) if c.source_id is not None else None,
        admin.get(c.place.id) if c.place and c.place.id else None))]
    records = [redactor.deep(r) for r in records]
    columns = {name: [r[name] for r in records] for name in ACLED_COLUMNS}
    table = ExportTable("acled", columns, _points(columns["longitude"], columns["latitude"]))
    _log(engine, caller, "claims:acled", fmt, table)
    return table


def _point_table(engine: Engine, caller: Principal, what: str, fmt: ExportFormat,
                 records: list[dict[str, Any]]) -> ExportTable:
    columns = uniform_columns(records) if records else {"id": []}
    table = ExportTable(what.split(":")[-1], columns,
                        _points(columns.get("lon", []), columns.get("lat", [])))
    _log(engine, caller, what, fmt, table)
    return table


def _points(lons: list[Any], lats: list[Any]) -> NDArray[np.object_]:
    """Points at (lon, lat), None where either is missing."""
    xy: NDArray[np.float64] = np.array([[np.nan if x is None else x, np.nan if y is None else y]
                   for x, y in zip(lons, lats)], dtype=float).reshape(-1, 2)
    # an (n, 2) array makes n points; the stubs, blind to the array's shape, also allow one
    points = cast(NDArray[np.object_], shapely.points(xy))
    points[np.isnan(xy).any(axis=1)] = None
    return points


def _log(engine: Engine, caller: Principal, what: str, fmt: ExportFormat,
         table: ExportTable) -> None:
    log_event(engine, caller, "export", what,
              detail={"format": fmt.value, "records": table.records, "redacted": True,
                      "via": "cli export"})


# --- writing ---------------------------------------------------------------------------

def check_target(fmt: ExportFormat, output: Path | None, overwrite: bool) -> None:
    """Refuse, before any work, a binary format without ``--output``, an existing file
    without ``overwrite`` and a folder that cannot be written."""
    if output is None:
        if fmt not in TEXT_FORMATS:
            raise InputError(None, f"{fmt.value} is a binary file: give --output PATH",
                             field="--output")
        return
    if output.exists() and not overwrite:
        raise InputError(str(output), "already exists; give --overwrite to replace it")
    if output.is_dir():
        raise InputError(str(output), "is a folder; give a file name")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(str(output), f"no folder {folder}")
    if not os.access(folder, os.W_OK):
        raise InputError(str(output), f"cannot write to the folder {folder}")


def write_export(table: ExportTable, fmt: ExportFormat, output: Path | None,
                 stdout: TextIO) -> None:
    """Write the table to ``output`` (through a partial file renamed at the end, so a failed
    write leaves no half file), or to ``stdout`` for the text formats."""
    writer = WRITERS[fmt]
    if output is None:
        buffer = io.BytesIO()
        writer(table, buffer)
        stdout.write(buffer.getvalue().decode("utf-8"))
        return
    partial = output.with_name(f".{output.stem}.partial{output.suffix}")
    try:
        writer(table, partial)
        os.replace(partial, output)
    except OSError as exc:
        raise InputError(str(output), f"cannot write: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)


def _frame(table: ExportTable) -> GeoDataFrame:
    import geopandas
    import pandas

    frame = pandas.DataFrame(table.columns)
    geometry = table.geometry if table.geometry is not None else [None] * table.records
    return geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(
        rfc7946_wound(np.asarray(geometry, dtype=object)), crs=CRS))


def _write_geojson(table: ExportTable, target: Path | io.BytesIO) -> None:
    # RFC7946=YES: lon/lat, right-hand winding, no crs member; 15 decimals keep the stored
    # coordinates as they are (the RFC default of 7 would move them by up to 1 cm).
    _frame(table).to_file(target, driver="GeoJSON", layer=table.name, engine="pyogrio",
                          use_arrow=True, RFC7946="YES", COORDINATE_PRECISION=15)


def _write_gpkg(table: ExportTable, target: Path | io.BytesIO) -> None:
    # arrow: dates are written as DATE fields, not text
    _frame(table).to_file(target, driver="GPKG", layer=table.name, engine="pyogrio",
                          use_arrow=True)


def _write_parquet(table: ExportTable, target: Path | io.BytesIO) -> None:
    _frame(table).to_parquet(target, index=False)     # GeoParquet: WKB with ``geo`` metadata


def _write_csv(table: ExportTable, target: Path | io.BytesIO) -> None:
    if isinstance(target, Path):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            write_csv(stream, table.rows(), list(table.columns))
        return
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
    write_csv(text, table.rows(), list(table.columns))
    text.detach()


WRITERS: dict[ExportFormat, Callable[[ExportTable, Path | io.BytesIO], None]] = {
    ExportFormat.geojson: _write_geojson, ExportFormat.gpkg: _write_gpkg,
    ExportFormat.parquet: _write_parquet, ExportFormat.csv: _write_csv,
}
