"""Places: gazetteer rows, name keys, and resolving a mention to the settlement it means.

Pure functions on plain data (no files, no store); ``frontcheck.app.place_load`` and ``place_lookup`` are the shell.
"""

from frontcheck.places.aliases import AliasRecord, parse_aliases
from frontcheck.places.front import distance_to_area_km
from frontcheck.places.gazetteer import PlaceRecord, name_forms, parse_gazetteer
from frontcheck.places.index import PlaceIndex, build_index
from frontcheck.places.mention import MentionReading, read_mention
from frontcheck.places.names import normalise_name, skeleton
from frontcheck.places.regions import match_oblast
from frontcheck.places.resolve import Candidate, Resolution, ResolveContext, resolve

__all__ = ["AliasRecord", "parse_aliases", "distance_to_area_km", "PlaceRecord", "name_forms",
           "parse_gazetteer", "PlaceIndex", "build_index", "MentionReading", "read_mention",
           "normalise_name", "skeleton", "match_oblast", "Candidate", "Resolution",
           "ResolveContext", "resolve"]
