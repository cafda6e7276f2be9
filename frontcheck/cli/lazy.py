"""A command group that imports a sub-command's module only when that sub-command runs.

Every ``frontcheck`` call used to import every face module and, through them, the claim
reader's compiled patterns, Matplotlib, stix2 and the fetchers: seconds of start-up before
``control status`` printed a line. Click's documented answer is a group that resolves its
commands on demand (the "lazy loading" pattern of click's docs); Typer builds its groups from
a ``cls``, so this is that pattern as a ``TyperGroup``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import typer
from typer.core import TyperGroup

#: A click command as Typer builds it (Typer carries its own copy of click, not the package).
Command = Any

#: name -> a function that builds the sub-command (imports its module, attaches the
#: commands other modules add to it). Filled by ``frontcheck.cli.main``.
LOADERS: dict[str, Callable[[], Command]] = {}


def lazy(name: str) -> Callable[[Callable[[], typer.Typer | Callable]], Callable]:
    """Register ``build`` as the loader of sub-command ``name``: it returns a Typer app (a
    group) or a plain function (one command); it runs once per process."""
    def register(build: Callable[[], typer.Typer | Callable]) -> Callable:
        @cache
        def load() -> Command:
            made = build()
            command: Command
            if isinstance(made, typer.Typer):     # a group, even of one command
                command = typer.main.get_group(made)
            else:
                single = typer.Typer()
                single.command(name)(made)
                command = typer.main.get_command(single)
            command.name = name
            return command
        LOADERS[name] = load
        return build
    return register


class LazyGroup(TyperGroup):
    """A ``TyperGroup`` whose commands in ``LOADERS`` are built when first asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*super().list_commands(ctx), *LOADERS})

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        if cmd_name in LOADERS and cmd_name not in self.commands:
            self.add_command(LOADERS[cmd_name](), cmd_name)
        return super().get_command(ctx, cmd_name)
