"""The layers (README, "Layers"): the functional core stays pure (no store, CLI, web,
database, terminal or HTTP imports, no I/O calls); the store imports from the core only the
types it stores; the two faces (cli, web) reach the store only through ``app``, and web never
imports cli; and every command explains itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer.main

from frontcheck.cli.main import app

PACKAGE = Path(__file__).resolve().parents[1] / "frontcheck"
CORE = ("control", "places", "sources", "claims", "verify", "protect", "render", "tables")
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
    context = typer.Context(group)

    def walk(command, prefix):       # through list/get_command: the groups load lazily
        if hasattr(command, "list_commands"):
            for name in command.list_commands(context):
                yield from walk(command.get_command(context, name), [*prefix, name])
        else:
            yield " ".join(prefix), command
    return list(walk(group, []))


@pytest.mark.parametrize("name, command", all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name, command):
    text = command.help or ""
    assert text.strip(), f"{name} has no help"
    assert "Example:" in text or "example" in text.lower(), f"{name}: its help shows no example"


# --- the layers above the core ---------------------------------------------------------------

def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names imported from it) of every import in the file (function-level too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def _files(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize("path", _files("cli") + _files("web"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_faces_reach_the_store_only_through_app(path: Path):
    name = str(path.relative_to(PACKAGE))
    store_imports = [m for m, _ in _imports(path) if _within(m, "frontcheck.store")]
    assert not store_imports, f"{name} imports {store_imports}: call a job of frontcheck.app"


@pytest.mark.parametrize("path", _files("web"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_web_never_imports_cli(path: Path):
    assert not [m for m, _ in _imports(path) if _within(m, "frontcheck.cli")]


@pytest.mark.parametrize("path", _files("store") + _files("app"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_store_and_app_never_import_a_face(path: Path):
    below = ("frontcheck.cli", "frontcheck.web") + (
        ("frontcheck.app",) if path.parent.name == "store" else ())
    assert not [m for m, _ in _imports(path) if any(_within(m, b) for b in below)]


#: Core functions store modules call. Frozen: a store module may import more core *types*
#: (classes, constants), never another core function. What is left is how rows are keyed and
#: chained as they are written, not a decision: ``canonical_json`` and ``entry_hash`` make an
#: audit entry's stored hash from the one before it inside the append's transaction (the
#: chain is the table's integrity, like a checksum column), and ``speaker_key`` is the key a
#: speaker alias is stored and looked up under. Every pipeline that calls the core (control
#: ingest and timelines, the gazetteer's load and index, source ingest, person protection,
#: redaction, checking the audit chain) is in ``app``.
STORE_CORE_CALLS = {"canonical_json", "entry_hash", "speaker_key"}
#: Core packages whose logic has moved to ``app`` entirely: the store imports their types only.
TYPES_ONLY = ("frontcheck.claims", "frontcheck.verify")


def _is_type(name: str) -> bool:
    return name[:1].isupper()


@pytest.mark.parametrize("path", _files("store"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_store_imports_core_types_only(path: Path):
    for module, names in _imports(path):
        if not any(_within(module, f"frontcheck.{c}") for c in CORE):
            continue
        functions = [n for n in names if not _is_type(n)]
        if any(_within(module, t) for t in TYPES_ONLY):
            assert not functions, f"{path.name} imports {functions} from {module}: that is a job"
        unknown = sorted(set(functions) - STORE_CORE_CALLS)
        assert not unknown, f"{path.name} imports core functions {unknown} from {module}"


def test_app_imports_no_face_library():
    for path in _files("app"):
        for module, _ in _imports(path):
            assert not any(_within(module, f) for f in ("typer", "rich", "fastapi", "pydantic")), \
                f"{path.name} imports {module}"
