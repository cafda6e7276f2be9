"""A case bundle's manifest, and the check another machine runs on it.

The manifest is ``sha256sum``'s own format (``<hex>  <path>`` per line), so a recipient
without frontcheck can check the bundle with ``sha256sum -c MANIFEST.sha256`` after
unzipping; ``check_case`` does the same on the members' bytes and also names files that are
missing from the manifest or from the bundle. Raw source files are stored under
``sources/<sha256>/<name>``: their own path names the hash they had when ingested, so a file
and its manifest line changed together are caught as well.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

__all__ = ["MANIFEST", "manifest_text", "check_case", "raw_member"]

MANIFEST = "MANIFEST.sha256"
_LINE = re.compile(r"^([0-9a-f]{64})  (.+)$")


def raw_member(sha256: str, name: str) -> str:
    """Where a raw source file goes in the bundle."""
    safe = re.sub(r"[^\w.\-]+", "_", name.rsplit("/", 1)[-1]) or "source"
    return f"sources/{sha256}/{safe}"


def manifest_text(files: Mapping[str, bytes]) -> str:
    """``<sha256>  <path>`` for every file, sorted by path."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n"
                   for path, data in sorted(files.items()))


def check_case(members: Mapping[str, bytes | None]) -> list[str]:
    """One line per problem (``path: what is wrong``); empty when the bundle is intact.
    A member whose bytes could not be read (a broken zip entry) is given as None."""
    manifest = members.get(MANIFEST)
    if manifest is None:
        return [f"{MANIFEST}: missing; this is not a frontcheck case bundle"]
    problems: list[str] = []
    listed: dict[str, str] = {}            # path -> sha256 the manifest gives
    for number, line in enumerate(manifest.decode("utf-8", "replace").splitlines(), 1):
        match = _LINE.match(line)
        if not match:
            problems.append(f"{MANIFEST}: line {number}: not '<sha256>  <path>'")
            continue
        listed[match.group(2)] = match.group(1)
    for path, expected in sorted(listed.items()):
        data = members.get(path, b"") if path in members else None
        if path not in members:
            problems.append(f"{path}: listed in the manifest but missing from the bundle")
        elif data is None:
            problems.append(f"{path}: unreadable (its bytes were changed)")
        elif hashlib.sha256(data).hexdigest() != expected:
            problems.append(f"{path}: sha256 {hashlib.sha256(data).hexdigest()} does not match "
                            f"the manifest's {expected}")
        elif path.startswith("sources/") and path.split("/")[1] != expected:
            problems.append(f"{path}: its bytes are not the source file ingested as "
                            f"{path.split('/')[1]}")
    for path in sorted(set(members) - set(listed) - {MANIFEST}):
        problems.append(f"{path}: in the bundle but not in the manifest")
    return problems
