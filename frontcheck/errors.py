"""One error hierarchy: the core raises these, the CLI and the API turn them into messages."""

from __future__ import annotations


class FrontcheckError(Exception):
    """Root of every error frontcheck raises on purpose."""


class InputError(FrontcheckError, ValueError):
    """Bad input that the user can fix; the message names the file, line and field.

    Rendered on one line as ``path: line N: field: message`` (parts that are unknown are left out).
    """

    def __init__(self, path: str | None, msg: str, *, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.msg = msg
        super().__init__(self.one_line())

    def __reduce__(self):
        """Picklable with its keyword fields: the ingest's worker processes send errors back."""
        return _input_error, (self.path, self.msg, self.line, self.field)

    def one_line(self) -> str:
        parts = [p for p in (self.path,
                             f"line {self.line}" if self.line is not None else None,
                             self.field) if p]
        return ": ".join([*parts, self.msg])


def _input_error(path: str | None, msg: str, line: int | None, field: str | None) -> InputError:
    return InputError(path, msg, line=line, field=field)


class NotFoundError(FrontcheckError, LookupError):
    """A place, snapshot or record that the store does not hold."""


class AmbiguousError(FrontcheckError):
    """A name that matches several records; carries the candidates so the caller can list them."""

    def __init__(self, msg: str, candidates: list[dict]) -> None:
        self.candidates = candidates
        super().__init__(msg)

    def __reduce__(self):
        return AmbiguousError, (self.args[0], self.candidates)


class StoreVersionError(FrontcheckError):
    """The store was written by a newer frontcheck than the one running."""


class StaleTimelinesError(FrontcheckError):
    """Settlement timelines behind their tracker's snapshots: refused rather than read."""


class StoreBusyError(FrontcheckError):
    """Another process holds the store's write lock longer than the caller waits."""
