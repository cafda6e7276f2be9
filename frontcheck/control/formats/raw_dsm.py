"""Raw DeepStateMAP history snapshots, as collectors of the live map hold them.

Format facts: ``../shared/data/deepstate-raw-format.md``. Each feature's ``name`` is
"Ukrainian label /// English label /// geoJSON.key"; the key, never the label, says what a
polygon is, because satirical polygons carry the label "Occupied" too.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import shapely

from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.geojson_layers import dissolve_layers, feature_geometries
from frontcheck.control.formats.shipped import feature_list, load_json
from frontcheck.control.formats.validate import (
    check_lonlat,
    outside_lonlat,
    polygonal_parts_array,
    shown_text,
    snapshot_date,
)
from frontcheck.control.snapshot import (
    CONTESTED,
    HELD_ABROAD,
    KNOWN_LAYERS,
    LIBERATED,
    OCCUPIED,
    Marker,
    Snapshot,
)
from frontcheck.errors import InputError

#: Fill of the Ukrainian-held area in Russia's Kursk oblast (same key as liberated land).
BLUE_FILLS = ("#01579b", "#0288d1")
#: Fill of the satirical polygons (Karelia, East Prussia, the Kurils ...), which are ignored.
SATIRICAL_FILL = "#ff5252"
#: Classes of a feature before position decides where a dismissed polygon goes.
DISMISSED, SATIRICAL, UNKNOWN = "dismissed", "satirical", "unknown"

_KEY = re.compile(r"geoJSON\.[\w.]*")
_EPOCH_IN_NAME = re.compile(r"(?<!\d)(\d{10})(?!\d)")


def read_raw_dsm(data: bytes, name: str, options: ReadOptions) -> Snapshot:
    """Read one raw history snapshot: four polygon layers, point markers, notes on what it skips.

    Accepts a bare FeatureCollection or ``{"id": <epoch>, "map": FeatureCollection}``. The date
    is the epoch ``id`` (UTC, also ``observed_at``), else ``options.on``, else a 10-digit epoch
    or a YYYYMMDD date in the file name. Polygons go by key: ``status.occupied`` and
    ``territories.*`` are occupied, ``status.unknown`` contested, ``status.dismissed*`` liberated
    when inside ``options.home`` and Ukrainian-held abroad when blue or mostly outside it.
    Satirical polygons (fill #ff5252) and unknown keys are skipped with a note each; points
    become markers. All four known layers are emitted, empty when absent, because this tracker
    maps all four. A snapshot with no polygon of a known key (a daily file read as raw, say)
    is refused: four empty layers would read "nothing occupied".
    """
    doc = load_json(data, name)
    observed_at = None
    if isinstance(doc, dict) and "map" in doc and doc.get("type") != "FeatureCollection":
        if doc.get("id") is not None:
            observed_at = epoch_time(doc["id"], name, "id")
        doc = doc["map"]
    features = feature_list(doc, name)
    if observed_at is not None:
        on = observed_at.date()
    else:
        on, observed_at = _date_without_id(options.on, name)
    props = [_properties(f) for f in features]
    labels, named_keys = zip(*(split_name(p.get("name")) for p in props), strict=True)
    keys = np.array(named_keys, dtype=str)
    fills = np.array([_text(p.get("fill")).strip().lower() for p in props], dtype=str)
    geoms = feature_geometries(features, name, range(len(features)))

    is_point = shapely.get_type_id(geoms) == shapely.GeometryType.POINT
    classes = np.where(is_point, "point", classify_keys(keys, fills))
    area_idx = np.flatnonzero(np.isin(classes, (OCCUPIED, CONTESTED, DISMISSED)))
    point_idx = np.flatnonzero(is_point)
    markers = _markers(geoms[point_idx], point_idx, keys, labels, props, name)
    if not len(area_idx):
        unknown = sorted({k for k, c in zip(keys, classes) if c == UNKNOWN})
        shown = ", ".join(shown_text(k or "(none)", 40) for k in unknown[:3])
        raise InputError(name, f"no feature has a known geoJSON key of an area layer "
                               f"(occupied, unknown, dismissed, territories); keys found: "
                               f"{shown or 'only satirical polygons and points'}"
                               "; is this a raw DeepStateMAP snapshot?", field="features")
    repairs: list[str] = []
    parts, owners = polygonal_parts_array(geoms[area_idx], name,
                                          lambda j: f"features[{area_idx[j]}].geometry",
                                          options.make_valid, repairs)
    owners = area_idx[owners]
    part_layers = classes[owners].astype(object)
    dismissed = part_layers == DISMISSED
    part_layers[dismissed] = np.where(
        held_abroad(parts[dismissed], np.isin(fills[owners[dismissed]], BLUE_FILLS),
                    options.home, name), HELD_ABROAD, LIBERATED)

    return Snapshot(
        tracker=options.tracker, on=on, sha256=hashlib.sha256(data).hexdigest(),
        source_name=name, source_format="deepstate-raw",
        layers=dissolve_layers(parts, owners, part_layers, KNOWN_LAYERS),
        markers=markers,
        observed_at=observed_at,
        notes=(*repairs, *(_skip_note(int(i), classes[i], keys[i], labels[i], fills[i])
                           for i in np.flatnonzero(np.isin(classes, (SATIRICAL, UNKNOWN))))),
    )


def split_name(value: object) -> tuple[str, str]:
    """The English label and the key of a feature ``name``, spacing normalised.

    Examples
    --------
    >>> split_name("Звільнено 25.03\\u00a0/// Liberated 25.03\\u00a0/// "
    ...            "geoJSON.status.dismissed_at {{at:25.03}}\\n")
    ('Liberated 25.03', 'geoJSON.status.dismissed_at {{at:25.03}}')
    >>> split_name("no key here")
    ('', 'no key here')
    """
    segments = [" ".join(s.split()) for s in _text(value).split("///")]
    return (segments[-2] if len(segments) > 1 else ""), segments[-1]


def classify_keys(keys: np.ndarray, fills: np.ndarray) -> np.ndarray:
    """The class of each polygon feature from its key and fill, by numpy string operations.

    Satirical fill wins over any key; suffixes after the key (``_at {{at:25.03}}``) are allowed.

    Examples
    --------
    >>> classify_keys(np.array(["geoJSON.territories.crimea", "geoJSON.status.dismissed_at x",
    ...                         "geoJSON.status.occupied", "Occupied"]),
    ...               np.array(["#880e4f", "#0f9d58", "#ff5252", "#a52714"])).tolist()
    ['occupied', 'dismissed', 'satirical', 'unknown']
    """
    def starts(prefix: str) -> np.ndarray:
        return np.char.startswith(keys, prefix)

    return np.select(
        [fills == SATIRICAL_FILL,
         starts("geoJSON.status.occupied") | starts("geoJSON.territories."),
         starts("geoJSON.status.unknown"), starts("geoJSON.status.dismissed")],
        [SATIRICAL, OCCUPIED, CONTESTED, DISMISSED], default=UNKNOWN)


def held_abroad(parts: np.ndarray, blue: np.ndarray, home: shapely.Geometry | None,
                name: str) -> np.ndarray:
    """Whether each dismissed polygon is Ukrainian-held land abroad rather than liberated land.

    Blue fill says so outright; otherwise a polygon is abroad when less than half of its area
    lies inside ``home``. The fraction is taken in degrees², which is fine for a majority test
    on polygons a few dozen km across. Parts wholly inside or disjoint skip the intersection.
    """
    abroad = blue.astype(bool)
    undecided = np.flatnonzero(~abroad)
    if len(undecided) == 0:
        return abroad
    if home is None:
        raise InputError(name, "a geoJSON.status.dismissed polygon needs the home border to "
                               "tell liberated land from land held abroad, and none was given "
                               "(ReadOptions.home)")
    shapely.prepare(home)
    candidates = parts[undecided]
    inside = shapely.contains_properly(home, candidates)
    crossing = ~inside & shapely.intersects(home, candidates)
    fractions = inside.astype(float)
    if crossing.any():
        straddling = candidates[crossing]
        areas = shapely.area(straddling)
        shared = shapely.area(shapely.intersection(straddling, home))
        fractions[crossing] = np.divide(shared, areas, out=np.zeros_like(areas),
                                        where=areas > 0)
    abroad[undecided] = fractions < 0.5
    return abroad


def epoch_time(value: object, name: str, field: str) -> datetime:
    """A Unix epoch in seconds (number or digit string) as an aware UTC datetime."""
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise TypeError(type(value).__name__)
        return datetime.fromtimestamp(float(value), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError) as exc:
        raise InputError(name, f"unparseable date: '{shown_text(str(value), 40)}' is not a "
                               "Unix epoch in seconds",
                         field=field) from exc


def _date_without_id(explicit: date | None, name: str) -> tuple[date, datetime | None]:
    """``--date``, else a 10-digit epoch in the file name, else a date in it; else an error."""
    if explicit is not None:
        return explicit, None
    match = _EPOCH_IN_NAME.search(re.split(r"[\\/]", name)[-1])
    if match:
        observed_at = epoch_time(match.group(1), name, "date")
        return observed_at.date(), observed_at
    return snapshot_date(None, name), None


def _markers(points: np.ndarray, point_idx: np.ndarray, keys: np.ndarray,
             labels: tuple[str, ...], props: list[dict[str, Any]], name: str) -> tuple[Marker, ...]:
    """A marker per point feature, after checking each has a lon/lat coordinate."""
    empty = shapely.is_empty(points)
    if empty.any():
        raise InputError(name, "no geometry",
                         field=f"features[{point_idx[np.argmax(empty)]}].geometry")
    coords = shapely.get_coordinates(points)
    bad = outside_lonlat(coords)
    if bad.any():
        j = int(np.argmax(bad))
        check_lonlat(coords[j:j + 1], name, f"features[{point_idx[j]}].geometry")
    return tuple(
        Marker(kind=_marker_kind(keys[i]), label=labels[i],
               description=_text(props[i].get("description")), icon=_text(props[i].get("icon")),
               lon=float(lon), lat=float(lat))
        for i, (lon, lat) in zip(point_idx.tolist(), coords.tolist(), strict=True))


def _marker_kind(key: str) -> str:
    match = _KEY.match(key)
    return match.group(0) if match else key


def _skip_note(index: int, kind: str, key: str, label: str, fill: str) -> str:
    what = "satirical polygon" if kind == SATIRICAL else f"unknown key '{shown_text(key)}'"
    return (f"features[{index}]: {what} (fill {shown_text(fill) or 'none'}, "
            f"label '{shown_text(label)}') ignored")


def _properties(feature: object) -> dict[str, Any]:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    return properties if isinstance(properties, dict) else {}


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)
