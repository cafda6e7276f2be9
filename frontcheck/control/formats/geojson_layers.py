"""Any GeoJSON FeatureCollection whose features name their layer in one property.

Also home of the pieces the other layered readers share: parsing many feature geometries at
once, mapping a property's values to layer names, and dissolving polygon parts per layer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import orjson
import shapely

from frontcheck.control.formats import ReadOptions
from frontcheck.control.formats.shipped import feature_geometry, feature_list, load_json
from frontcheck.control.formats.validate import (
    multipolygon,
    polygonal_parts_array,
    shown_text,
    snapshot_date,
)
from frontcheck.control.snapshot import KNOWN_LAYERS, OCCUPIED, Layer, Snapshot
from frontcheck.errors import InputError

#: The layer-map target that drops a value's features instead of putting them in a layer.
IGNORE = "ignore"


def read_geojson_layers(data: bytes, name: str, options: ReadOptions) -> Snapshot:
    """Read a GeoJSON FeatureCollection into one dissolved MultiPolygon per layer.

    Each feature's ``options.layer_property`` value is mapped to a layer by
    ``options.layer_map`` (see ``map_layer_values``); without a layer property every feature is
    occupied. Features mapped to ``"ignore"`` are dropped before their geometry is checked, so a
    file may carry labels or lines in ignored layers. The date is ``options.on`` or the one in the
    file name. Every layer the map names is emitted, empty when no feature falls in it, so an
    empty layer reads "mapped, nothing there" rather than "not mapped".

    Examples
    --------
    >>> doc = (b'{"type":"FeatureCollection","features":[{"type":"Feature",'
    ...        b'"properties":{"status":"Liberated"},"geometry":{"type":"Polygon",'
    ...        b'"coordinates":[[[37,48],[37.1,48],[37,48.1],[37,48]]]}}]}')
    >>> opts = ReadOptions(layer_property="status", layer_map={"Liberated": "liberated"})
    >>> snap = read_geojson_layers(doc, "map_2025-01-02.geojson", opts)
    >>> snap.on.isoformat(), [(layer.name, layer.geometry.geom_type) for layer in snap.layers]
    ('2025-01-02', [('liberated', 'MultiPolygon')])
    """
    on = snapshot_date(options.on, name)
    features = feature_list(load_json(data, name), name)
    prop = options.layer_property
    if prop:
        values = [_property_value(feature, prop, name, i) for i, feature in enumerate(features)]
        layer_of = map_layer_values(values, prop, options.layer_map, name,
                                    lambda i: f"features[{i}]")
    else:
        layer_of = np.full(len(features), OCCUPIED, dtype=object)
    kept = np.flatnonzero(layer_of != IGNORE)
    geoms = feature_geometries([features[i] for i in kept], name, kept)
    notes: list[str] = []
    parts, owners = polygonal_parts_array(geoms, name, lambda j: f"features[{kept[j]}].geometry",
                                          options.make_valid, notes)
    names = layer_order(options.layer_map if prop else {}, layer_of[kept])
    return Snapshot(
        tracker=options.tracker, on=on, sha256=hashlib.sha256(data).hexdigest(),
        source_name=name, source_format="geojson",
        layers=dissolve_layers(parts, owners, layer_of[kept][owners], names),
        notes=tuple(notes),
    )


def _property_value(feature: object, prop: str, name: str, index: int) -> str:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    value = properties.get(prop) if isinstance(properties, dict) else None
    if value is None:
        raise InputError(name, f"no layer property '{shown_text(prop)}' "
                               "(named by --layer-property)",
                         field=f"features[{index}].properties")
    return value if isinstance(value, str) else str(value)


def feature_geometries(features: Sequence[object], name: str,
                       indices: Sequence[int] | np.ndarray) -> np.ndarray:
    """The geometries of many GeoJSON features as one shapely array (one GEOS parse call).

    ``indices[j]`` is feature ``j``'s position in the file, for errors. A feature without a
    geometry, or one GEOS cannot read, raises ``InputError`` naming that feature; the slow
    per-feature parse runs only to find the culprit once the array parse has failed.
    """
    raw = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    missing = next((j for j, geometry in enumerate(raw) if not geometry), None)
    if missing is not None:
        raise InputError(name, "no geometry", field=f"features[{indices[missing]}].geometry")
    if not raw:
        return np.empty(0, dtype=object)
    try:
        return shapely.from_geojson([orjson.dumps(geometry) for geometry in raw])
    except shapely.errors.GEOSException as exc:
        for j, feature in enumerate(features):
            feature_geometry(feature, name, int(indices[j]))
        raise InputError(name, f"unreadable geometry ({shown_text(str(exc), 200)})",
                         field="features") from exc


def map_layer_values(values: Sequence[str], prop: str, layer_map: dict[str, str], name: str,
                     place_of: Callable[[int], str]) -> np.ndarray:
    """The layer name (or ``"ignore"``) of each value, as an object array.

    ``layer_map`` maps values to layer names; with an empty map a value equal, ignoring case, to
    a known layer name (occupied, contested, liberated, ukrainian_held_abroad) maps to itself.
    Each distinct value is looked up once. An unmapped value raises ``InputError`` citing its
    first occurrence, ``place_of(i)``, and the cure.
    """
    if len(values) == 0:
        return np.empty(0, dtype=object)
    distinct, first, inverse = np.unique(np.asarray(values, dtype=object), return_index=True,
                                         return_inverse=True)
    targets = np.array([_target_of(value, layer_map) for value in distinct], dtype=object)
    unmapped = np.equal(targets, np.array(None, dtype=object))
    if unmapped.any():
        k = np.flatnonzero(unmapped)[np.argmin(first[unmapped])]  # the first one in the file
        raise InputError(name, f"unmapped layer name '{shown_text(distinct[k])}' in property "
                               f"'{shown_text(prop)}' "
                               f"({place_of(int(first[k]))}); add it to --layer-map")
    return targets[inverse.reshape(-1)]


def _target_of(value: str, layer_map: dict[str, str]) -> str | None:
    if layer_map:
        target = layer_map.get(value)
        return None if target is None else canonical_layer_name(target)
    lowered = value.strip().lower()
    return lowered if lowered in KNOWN_LAYERS else None


def canonical_layer_name(target: str) -> str:
    """A layer-map target as stored: known names and ``ignore`` in lower case, others as given."""
    stripped = target.strip()
    return stripped.lower() if stripped.lower() in (*KNOWN_LAYERS, IGNORE) else stripped


def layer_order(layer_map: dict[str, str], found: np.ndarray) -> tuple[str, ...]:
    """Every layer the map names or the file uses: known layers first, then in first-seen order."""
    named = [canonical_layer_name(t) for t in layer_map.values()]
    seen = [n for n in dict.fromkeys([*named, *found.tolist()]) if n != IGNORE]
    return (*[n for n in KNOWN_LAYERS if n in seen], *[n for n in seen if n not in KNOWN_LAYERS])


def dissolve_layers(parts: np.ndarray, owners: np.ndarray, part_layers: np.ndarray,
                    names: Sequence[str]) -> tuple[Layer, ...]:
    """One MultiPolygon per named layer from polygon parts labelled with their layer.

    Parts are unioned only when they come from more than one feature (``owners``): one valid
    (Multi)Polygon cannot overlap itself, and the union is the costly step.
    """
    layers = []
    for layer_name in names:
        in_layer = part_layers == layer_name
        dissolve = len(np.unique(owners[in_layer])) > 1
        layers.append(Layer(layer_name, multipolygon(parts[in_layer], dissolve=dissolve)))
    return tuple(layers)
