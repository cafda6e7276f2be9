"""Verification: verdicts against the map, corroboration, contradictions, track records."""
