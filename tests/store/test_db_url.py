"""`--db` and `$FRONTCHECK_DB` take an SQLAlchemy URL as the README says (issue 12 saw a URL
folded into a path: `postgresql+psycopg://u@h/db` became a file named `postgresql+psycopg:/u@h`
beside the user). SQLite URLs are used here; a PostgreSQL suite is issue 12's."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _frontcheck(cwd, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontcheck", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_a_db_url_opens_that_store_and_writes_no_stray_file(tmp_path) -> None:
    store, work = tmp_path / "team.sqlite", tmp_path / "work"
    work.mkdir()
    url = f"sqlite:///{store}"
    result = _frontcheck(work, "sources", "reliability", "Reuters", "B", "--db", url)
    assert result.returncode == 0, result.stderr
    listed = _frontcheck(work, "sources", "list", "--format", "json", "--db", url)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    assert store.exists()
    assert list(work.iterdir()) == []       # no file named after the URL beside the user


def test_frontcheck_db_url_from_the_environment(tmp_path) -> None:
    store, work = tmp_path / "env.sqlite", tmp_path / "work"
    work.mkdir()
    result = _frontcheck(work, "sources", "list", "--format", "json",
                         env={"FRONTCHECK_DB": f"sqlite:///{store}"})
    assert result.returncode == 0, result.stderr
    assert store.exists() and list(work.iterdir()) == []
