"""pyflakes' checks (via ruff) over the code, tests and benches: an unused import, an undefined
name or a dictionary key given twice is a bug or a leftover, and fails the build."""

import subprocess
import sys

from tests.conftest import ROOT


def test_pyflakes_checks_pass():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "F,E9",
                           "--output-format", "concise", "--no-cache",
                           "frontcheck", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
