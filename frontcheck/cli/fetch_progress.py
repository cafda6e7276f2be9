"""The progress bar of every download command (Rich, on stderr, only on a terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from frontcheck.cli.output import err_console


class _Quiet:
    def file(self, name: str) -> None: ...
    def on_total(self, total: int | None) -> None: ...
    def on_bytes(self, n: int) -> None: ...
    def done(self) -> None: ...


class _Bars(_Quiet):
    """Two bars: files done of files planned, and the bytes of the file being fetched."""

    def __init__(self, progress: Progress, description: str, files: int) -> None:
        self.progress = progress
        self.count, self.planned, self.received = 0, files, 0
        self.total: int | None = None
        self.files = progress.add_task(description, total=files, what=f"0/{files} files")
        self.bytes = progress.add_task("", total=None, visible=False, what="")

    def file(self, name: str) -> None:
        self.received, self.total = 0, None
        self.progress.reset(self.bytes, total=None, description=f"  {name}", visible=True,
                            what="")

    def on_total(self, total: int | None) -> None:
        self.total = total
        self.progress.update(self.bytes, total=total, what=self._bytes())

    def on_bytes(self, n: int) -> None:
        self.received += n
        self.progress.update(self.bytes, advance=n, what=self._bytes())

    def done(self) -> None:
        self.count += 1
        self.progress.update(self.files, advance=1, what=f"{self.count}/{self.planned} files")

    def _bytes(self) -> str:
        return f"{self.received / 1e6:.1f}" + (f"/{self.total / 1e6:.1f} MB" if self.total else " MB")


@contextmanager
def download_progress(description: str, files: int, quiet: bool,
                      console: Console | None = None) -> Iterator[_Quiet]:
    """Yields an object whose ``file``/``on_total``/``on_bytes``/``done`` the fetchers call;
    silent when quiet or when stderr is not a terminal (scripts, CI, pipes)."""
    console = console or err_console
    if quiet or not console.is_terminal:
        yield _Quiet()
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[what]}"),
                  console=console, transient=True) as progress:
        yield _Bars(progress, description, files)
