"""Options that run a command's work on a Dask cluster (issue 12): ``--scheduler`` for a
running one, ``--workers`` for one started on this machine. ``app.distributed`` does the work."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["SchedulerOption", "WorkersOption"]

SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", metavar="ADDRESS",
    help="Run on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://10.0.0.5:8786); "
         "the results are written here, once. Every worker needs frontcheck with its 'distributed' extra.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, metavar="N",
    help="Run on a local Dask cluster of N worker processes (one core each).")]
