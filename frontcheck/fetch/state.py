"""What a fetcher remembers between runs, in one small JSON file beside what it fetched.

``files`` maps a path (relative to the folder) to the validators and digest of the copy
there: the URL, ETag, Last-Modified, sha256 and size. ``cursors`` holds whatever a fetcher
resumes from (the last Telegram message id of a channel, the entries of a feed already
collected, the ETag of the DeepState history list). The file is rewritten atomically after
each file is complete, so that a run stopped anywhere resumes where it stopped.

The name has no ``.json`` ending on purpose: ``control ingest FOLDER`` and ``sources ingest
FOLDER`` pick up ``*.json`` files, and this is not one of their inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from frontcheck.errors import InputError
from frontcheck.fetch.http import Download, atomic_write

STATE_NAME = ".frontcheck-fetch"


class FetchState:
    """The state file of one folder; ``save()`` after each change that must survive."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / STATE_NAME
        self.files: dict[str, dict] = {}
        self.cursors: dict[str, Any] = {}
        if self.path.is_file():
            try:
                doc = orjson.loads(self.path.read_bytes())
            except orjson.JSONDecodeError as exc:
                raise InputError(str(self.path), f"unreadable fetch state ({exc}); delete it "
                                                 "to fetch everything again") from None
            if isinstance(doc, dict):
                self.files = dict(doc.get("files") or {})
                self.cursors = dict(doc.get("cursors") or {})

    def key(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root.resolve()).as_posix()

    def known(self, path: Path) -> dict:
        """The validators of the copy at ``path`` from an earlier run (empty when none)."""
        return self.files.get(self.key(path), {})

    def record(self, result: Download) -> None:
        self.files[self.key(result.path)] = {
            "url": result.url, "etag": result.etag, "last_modified": result.last_modified,
            "sha256": result.sha256, "size": result.size}

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, orjson.dumps({"files": self.files, "cursors": self.cursors},
                                             option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
