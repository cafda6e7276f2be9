"""Raw bytes of every ingested file, kept content-addressed beside the store.

``<dir of the SQLite file>/blobs/<aa>/<sha256>``, or ``$FRONTCHECK_DATA/blobs/...`` for a
server store. Written atomically (a temporary file, then a hard link that fails rather than
replace), read-only, never overwritten: the preservation step of digital-investigation practice
(Berkeley Protocol: preserve, hash, keep the chain of custody).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from frontcheck.errors import FrontcheckError

ENV_DATA = "FRONTCHECK_DATA"


def blob_root(engine: Engine) -> Path:
    """The folder that holds the blobs of the store ``engine`` opens."""
    if engine.dialect.name == "sqlite":
        if not engine.url.database:
            raise FrontcheckError("an in-memory store cannot keep raw files; use a store file")
        return Path(engine.url.database).resolve().parent / "blobs"
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA]).expanduser().resolve() / "blobs"
    raise FrontcheckError(f"set {ENV_DATA} to the folder where a server store keeps raw files")


def blob_path(root: Path, sha256: str) -> Path:
    """Where the blob with this hash lives."""
    return root / sha256[:2] / sha256


def preserve_blob(root: Path, data: bytes, sha256: str) -> Path:
    """Write ``data`` as the blob ``sha256`` unless it is there already; never overwrite."""
    target = blob_path(root, sha256)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o444)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, target)   # fails if another process got there first: keep theirs
    finally:
        os.unlink(temporary)
    return target


def file_sha256(path: Path) -> str | None:
    """The sha256 of a file's bytes, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
