"""Protected persons leave the API only by pseudonym: their names are replaced in every text.

The names come from the store (``store.persons.protected_names``); a later issue's roles may
let some users see them, this viewer never does.
"""

from __future__ import annotations

import re
from typing import Any


class Redactor:
    """Replaces each protected name (any case, longest first) by its pseudonym."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = {n.casefold(): p or "[protected]" for n, p in names.items() if n.strip()}
        ordered = sorted(self.names, key=len, reverse=True)
        self._pattern = (re.compile("|".join(re.escape(n) for n in ordered), re.IGNORECASE)
                         if ordered else None)

    def text(self, value: str) -> str:
        """``value`` with every protected name replaced.

        >>> Redactor({"Ivan Petrov": "POW-1"}).text("ivan petrov said")
        'POW-1 said'
        """
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(lambda m: self.names[m.group(0).casefold()], value)

    def deep(self, value: Any) -> Any:
        """Strings inside dicts and lists redacted, other values as they are."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.deep(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.deep(v) for v in value]
        return value
