"""The CLI's start-up: a command imports only its own sub-command's modules (``cli/lazy.py``).

Every test and every script runs ``frontcheck`` as a new process, so what a call imports before
it does anything is paid on each. Measured as the CPU seconds (user + system, of the child
process, so a busy machine inflates it less than wall time) of ``frontcheck sources list``
on an empty store, against the named baseline ``eager``: the same command in a process that
first loads every sub-command, as the CLI did before the groups were lazy.
``eager_vs_lazy_start`` = eager CPU / lazy CPU (higher is better). Same-answer check: both
print the same (empty) list.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.common import ROOT, goal, write_results

JOB = "cli"
RATIO_KEYS = ("eager_vs_lazy_start",)

#: The same entry point with every sub-command built first (the CLI's old start-up).
EAGER = ("import frontcheck.cli.lazy as lazy, frontcheck.cli.main as main\n"
         "for load in lazy.LOADERS.values(): load()\n"
         "main.run()")


@dataclass(frozen=True, slots=True)
class Config:
    repeats: int


CONFIGS = {"full": Config(repeats=7), "tiny": Config(repeats=1)}


def _child_cpu(command: list[str]) -> tuple[float, str]:
    """CPU seconds of one child process running ``command``, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout


def run(scale: str = "full") -> dict:
    """Measure at ``scale`` (repeats only: the command is the same), write the results file."""
    config = CONFIGS[scale]
    with tempfile.TemporaryDirectory(prefix="frontcheck-bench-cli-") as tmp:
        store = str(Path(tmp) / "store.sqlite")
        args = ["sources", "list", "--format", "json", "--db", store]
        lazy = [sys.executable, "-m", "frontcheck", *args]
        eager = [sys.executable, "-c", EAGER, *args]
        _child_cpu(lazy)                       # creates the store; warms the file cache
        lazy_runs, eager_runs, outputs = [], [], set()
        for _ in range(config.repeats):        # interleaved: both see the same machine
            seconds, out = _child_cpu(lazy)
            lazy_runs.append(seconds)
            outputs.add(out)
            seconds, out = _child_cpu(eager)
            eager_runs.append(seconds)
            outputs.add(out)
    lazy_s, eager_s = min(lazy_runs), min(eager_runs)
    ratio = eager_s / lazy_s
    return write_results({
        "job": JOB, "scale": scale, "config": asdict(config),
        "command": "frontcheck " + " ".join(args[:2]),
        "lazy_cpu_s": round(lazy_s, 3), "eager_cpu_s": round(eager_s, 3),
        "lazy_runs": [round(s, 3) for s in lazy_runs],
        "eager_runs": [round(s, 3) for s in eager_runs],
        "ratios": {"eager_vs_lazy_start": round(ratio, 3)},
        "checks": {"same_output": len(outputs) == 1},
        "goals": {"eager_vs_lazy_start": goal(ratio, ">=", 1.5, "x")},
    })
