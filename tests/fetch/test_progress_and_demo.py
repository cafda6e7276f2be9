"""The download progress bar (Rich, stderr, terminals only) and `make demo`'s data choice."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

from rich.console import Console

from frontcheck.cli.fetch_progress import download_progress

ROOT = Path(__file__).resolve().parents[2]


def test_progress_bar_draws_on_a_terminal_and_is_silent_otherwise():
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=100)
    with download_progress("Fetching data", 2, False, console=console) as bar:
        bar.file("a.geojson")
        bar.on_total(2_000_000)
        bar.on_bytes(1_000_000)
        bar.done()
        console.file.flush()
    assert "Fetching data" in stream.getvalue()
    quiet = io.StringIO()
    with download_progress("x", 1, False, console=Console(file=quiet, force_terminal=False)) as bar:
        bar.on_bytes(10)
    assert quiet.getvalue() == ""


def run_demo(tmp_path: Path, shared: Path) -> list[str]:
    """Runs scripts/demo.sh with a stand-in `frontcheck` that logs its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    stub = bin_dir / "frontcheck"
    stub.write_text(f'#!/bin/sh\necho "$*" >> {log}\n')
    stub.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "DEMO_DB": str(tmp_path / "d.sqlite"),
           "SHARED": str(shared), "NO_SERVE": "1", "FETCHED": str(tmp_path / "fetched")}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "demo.sh")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return log.read_text().splitlines()


def test_demo_with_shared_data_never_fetches(tmp_path):
    shared = tmp_path / "shared"
    (shared / "gazetteer").mkdir(parents=True)
    calls = run_demo(tmp_path, shared)
    assert not any(c.startswith(("data fetch", "control fetch", "sources collect")) for c in calls)
    assert calls[0].startswith(f"place load {shared}/gazetteer/gazetteer.csv")


def test_demo_without_shared_data_fetches_first(tmp_path):
    calls = run_demo(tmp_path, tmp_path / "no-such-folder")
    assert calls[0].startswith(f"data fetch --into {tmp_path / 'fetched'}")
    assert calls[1].startswith(f"place load {tmp_path / 'fetched'}/gazetteer/gazetteer.csv")
    assert not any(c.startswith("claims import") for c in calls)    # the dev claims are not public
