"""Static checks over the code, tests, benches and tools, with the configuration in pyproject.toml:
ruff's rules (pyflakes, pycodestyle, isort, bugbear, pyupgrade, simplify, ruff's own) and mypy
on the package (strict on app/ and the functional core). A finding fails the build."""

import subprocess
import sys

from tests.conftest import ROOT

# mypy's incremental cache: warm runs take a few seconds instead of a cold minute. It lives in
# the work tree's .mypy_cache (git-ignored), which is where mypy looks when run by hand too.
MYPY_CACHE = ROOT / ".mypy_cache"


def test_ruff_checks_pass():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                           "--no-cache", "frontcheck", "tests", "bench", "tools"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_passes():
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(MYPY_CACHE),
                           "--no-error-summary", "--hide-error-context"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
