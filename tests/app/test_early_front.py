"""The claims' homonym resolver before the first snapshot (issue 10, eighth pass): the first
snapshot's front line stands in for a year before it, then none."""

from __future__ import annotations

from datetime import date, timedelta

from frontcheck.app.places import EARLY_FRONT_DAYS, front_line_on
from frontcheck.app.snapshot_ingest import ingest_snapshots
from frontcheck.control.formats import ReadOptions
from frontcheck.store.engine import open_engine


def test_the_first_snapshot_settles_homonyms_for_a_year_before_it(tmp_path, daily_files):
    first_file = daily_files[0]
    with open_engine(tmp_path / "store.sqlite") as engine:
        ingest_snapshots(engine, [], ReadOptions(), files=[first_file])
        with engine.connect() as connection:
            stem = first_file.stem[-8:]
            first = date(int(stem[:4]), int(stem[4:6]), int(stem[6:]))
            on_the_day = front_line_on(connection, first)
            assert on_the_day is not None and on_the_day.key == first.isoformat()
            year_before = front_line_on(connection, first - timedelta(days=EARLY_FRONT_DAYS))
            assert year_before is not None and year_before.key == first.isoformat()
            assert front_line_on(connection,
                                 first - timedelta(days=EARLY_FRONT_DAYS + 1)) is None
