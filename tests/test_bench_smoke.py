"""Every benchmark runs once at tiny size, so that the benches cannot rot.

No timing is asserted (STYLE.md section 6): only that each bench's ``run("tiny")`` finishes,
reports its ratios, and that its same-answer checks against the baseline pass. Results go to a
temporary folder, not to ``bench/results/``.
"""

from __future__ import annotations

import json
import math
import sys
from importlib import import_module
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import ENV_RESULTS, bench_modules  # noqa: E402
from tests.postgres import postgres_enabled  # noqa: E402

MODULES = bench_modules()


def test_benches_are_found() -> None:
    assert "bench.bench_control" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_bench_runs_at_tiny_size(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 daily_dir: Path, gazetteer_csv: Path) -> None:
    monkeypatch.setenv(ENV_RESULTS, str(tmp_path))
    if name == "bench.bench_postgres" and not postgres_enabled():
        pytest.skip("PostgreSQL runs opted out (FRONTCHECK_TEST_POSTGRES=0)")
    module = import_module(name)

    result = module.run("tiny")

    ratios = result["ratios"]
    assert ratios, f"{name} reports no ratios"
    assert set(getattr(module, "RATIO_KEYS", ())) <= set(ratios)
    assert all(isinstance(v, float) and math.isfinite(v) and v > 0 for v in ratios.values()), ratios
    checks = result["checks"]
    assert checks, f"{name} makes no same-answer checks"
    assert [k for k, ok in checks.items() if not ok] == [], result.get("check_details")
    assert result["scale"] == "tiny"
    if "results_file" in result:
        written = Path(result["results_file"])
        assert written.parent == tmp_path
        assert json.loads(written.read_text())["ratios"] == pytest.approx(ratios)
