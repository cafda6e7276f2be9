"""The functional core stays pure: no store, CLI, web, database, terminal or HTTP imports, and
no I/O calls; and every command explains itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer.main

from frontcheck.cli.main import app

PACKAGE = Path(__file__).resolve().parents[1] / "frontcheck"
CORE = ("control", "places", "sources", "claims", "verify", "protect", "tables")
FORBIDDEN_MODULES = ("frontcheck.store", "frontcheck.cli", "frontcheck.web", "sqlalchemy",
                     "typer", "rich", "fastapi", "pydantic", "requests", "httpx", "urllib.request")
FORBIDDEN_CALLS = ("open", "print", "input")


def core_files() -> list[Path]:
    return [p for package in CORE if (PACKAGE / package).is_dir()
            for p in sorted((PACKAGE / package).rglob("*.py"))]


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_is_pure(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN_MODULES), \
                f"{path.name} imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {node.func.id}()"
        if isinstance(node, ast.Attribute) and node.attr in ("now", "today", "environ", "read_bytes",
                                                             "read_text", "write_text", "write_bytes"):
            assert not (isinstance(node.value, ast.Name) and node.value.id in
                        ("datetime", "date", "os", "Path")), f"{path.name}:{node.lineno} uses {node.attr}"


def all_commands():
    group = typer.main.get_command(app)

    def walk(command, prefix):
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                yield from walk(sub, [*prefix, name])
        else:
            yield " ".join(prefix), command
    return list(walk(group, []))


@pytest.mark.parametrize("name, command", all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name, command):
    text = command.help or ""
    assert text.strip(), f"{name} has no help"
    assert "Example:" in text or "example" in text.lower(), f"{name}: its help shows no example"
