"""Claims: atomic statements taken from sources or curated by hand, ready to be verified."""
