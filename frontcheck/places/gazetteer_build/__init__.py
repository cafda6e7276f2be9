"""The gazetteer built from public inputs (GeoNames, KATOTTG): the functional core of
``frontcheck data fetch --only gazetteer``."""

from frontcheck.places.gazetteer_build.build import COLUMNS, Built, build_gazetteer

__all__ = ["COLUMNS", "Built", "build_gazetteer"]
