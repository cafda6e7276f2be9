"""Fixtures for the ledger tests: the hand-written samples, and a store with them ingested."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "samples"
SAMPLE_FILES = {
    "telegram": SAMPLES / "telegram" / "result.json",
    "transcript": SAMPLES / "transcripts" / "interview_kpa_pow_en.md",
    "statement": SAMPLES / "statements" / "briefing_gur_uk.md",
    "html": SAMPLES / "articles" / "kpa_troops_kursk_en.html",
    "csv": SAMPLES / "statements" / "statements.csv",
    "acled": SAMPLES / "datasets" / "acled_events.csv",
    "tracker-log": SAMPLES / "tracker" / "deepstate_history_public.json",
}


@pytest.fixture(scope="session")
def samples() -> dict[str, Path]:
    for path in SAMPLE_FILES.values():
        if not path.exists():
            pytest.fail(f"sample missing: {path}")
    return SAMPLE_FILES


@pytest.fixture
def sample_copy(tmp_path: Path, samples: dict[str, Path]):
    """Copy a sample into tmp_path (so a test may change it) and return the copy's path."""
    def copy(key: str, name: str | None = None) -> Path:
        target = tmp_path / (name or samples[key].name)
        shutil.copyfile(samples[key], target)
        return target
    return copy
