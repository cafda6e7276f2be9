"""Regular-expression helpers shared by the actor and claimant lexicons."""

from __future__ import annotations

import re

__all__ = ["rx", "combined"]

_F = re.IGNORECASE


def rx(*parts: str) -> str:
    """One alternative of a combined pattern: any of ``parts`` as whole words."""
    return "(?:" + "|".join(parts) + ")"


def combined(named: list[tuple[str, str]], flags: int = _F
              ) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regular expression for many alternatives, so that a sentence is scanned once;
    group ``g<i>`` is alternative ``i``, mapped back to its name."""
    groups = {f"g{i}": name for i, (name, _) in enumerate(named)}
    body = "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(named))
    # a Cyrillic apostrophe inside a word continues it: "Гур’їв" is a town, not the GUR
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w]|['’ʼ][а-яіїєґ])", flags), groups
