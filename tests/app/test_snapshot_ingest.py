"""Ingest is idempotent, incremental, and equal to a full rebuild however days arrive."""

from __future__ import annotations

from sqlalchemy import func, select

from frontcheck.app.snapshot_ingest import ingest_snapshots
from frontcheck.app.timeline_build import refresh_timelines
from frontcheck.control.formats import ReadOptions
from frontcheck.store import schema
from frontcheck.store.engine import open_engine
from tests.conftest import copy_store, pick_daily_files


def table_counts(path) -> dict[str, int]:
    with open_engine(path) as engine, engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table)).scalar()
                for name, table in schema.metadata.tables.items()}


def intervals(path) -> list[tuple]:
    t = schema.timeline_interval
    with open_engine(path) as engine, engine.connect() as connection:
        return [tuple(r) for r in connection.execute(
            select(t.c.tracker, t.c.layer, t.c.place_id, t.c.valid_from, t.c.valid_to, t.c.fraction)
            .order_by(t.c.tracker, t.c.layer, t.c.place_id, t.c.valid_from))]


def rebuilt_from_scratch(store, tmp_path):
    """A copy of ``store`` whose timelines are rebuilt from its snapshots alone (the index
    dropped, so the refresh cannot extend)."""
    rebuilt = copy_store(store, tmp_path / "rebuilt.sqlite")
    with open_engine(rebuilt) as engine:
        with engine.begin() as connection:
            connection.execute(schema.timeline_index.delete())
        assert refresh_timelines(engine, "deepstate") == "rebuilt"
    return rebuilt


def test_reingest_stores_nothing(control_store, daily_files, tmp_path):
    path = copy_store(control_store, tmp_path / "copy.sqlite")
    before = table_counts(path)
    with open_engine(path) as engine:
        report = ingest_snapshots(engine, [], ReadOptions(), files=pick_daily_files(daily_files))
        assert refresh_timelines(engine, "deepstate") == "current"
    assert report.new == 0 and report.already_stored == len(pick_daily_files(daily_files))
    assert table_counts(path) == before


def test_one_new_day_extends_and_equals_a_full_rebuild(control_store, daily_files, tmp_path):
    files = pick_daily_files(daily_files)
    stored = copy_store(control_store, tmp_path / "incremental.sqlite")
    later = [f for f in daily_files if f.stem[-8:] > files[-1].stem[-8:]][:2]
    with open_engine(stored) as engine:
        for path in later:
            ingest_snapshots(engine, [], ReadOptions(), files=[path])
            assert refresh_timelines(engine, "deepstate") == "extended"
    assert intervals(stored) == intervals(rebuilt_from_scratch(stored, tmp_path))


def test_a_day_out_of_order_gives_the_same_timelines(control_store, daily_files, tmp_path,
                                                     gazetteer_csv, new_db):
    files = pick_daily_files(daily_files)[:12]
    in_order = copy_store(control_store, tmp_path / "a.sqlite")
    shuffled = new_db("b")
    from frontcheck.app.place_load import load_gazetteer
    with open_engine(in_order) as engine:
        with engine.begin() as connection:
            for table in ("timeline_interval", "timeline_index", "control_change",
                          "control_marker", "control_layer", "control_snapshot"):
                connection.execute(schema.metadata.tables[table].delete())
        ingest_snapshots(engine, [], ReadOptions(), files=files)
        refresh_timelines(engine, "deepstate")
    with open_engine(shuffled) as engine:
        load_gazetteer(engine, gazetteer_csv)
        ingest_snapshots(engine, [], ReadOptions(), files=files[:5] + files[6:])
        refresh_timelines(engine, "deepstate")
        ingest_snapshots(engine, [], ReadOptions(), files=[files[5]])
        assert refresh_timelines(engine, "deepstate") == "rebuilt"
    assert intervals(in_order) == intervals(shuffled)
    changes = schema.change
    def gains(path):
        with open_engine(path) as engine, engine.connect() as connection:
            return connection.execute(select(func.sum(changes.c.gained_km2))).scalar()
    assert abs(gains(in_order) - gains(shuffled)) < 1e-6


def test_the_same_bad_bytes_twice_in_a_batch_fail_twice(tmp_path, daily_files, db_path):
    bad = daily_files[1].read_bytes()[:900]
    first, second = tmp_path / "deepstatemap_data_20250101.geojson", tmp_path / "deepstatemap_data_20250102.geojson"
    first.write_bytes(bad)
    second.write_bytes(bad)
    with open_engine(db_path) as engine:
        report = ingest_snapshots(engine, [], ReadOptions(), keep_going=True,
                                  files=[first, daily_files[0], second])
    assert report.new == 1 and report.already_stored == 0
    assert [line.split(": ")[0] for line in report.failed] == [str(first), str(second)]


def stored_changes(path) -> dict:
    c, snap = schema.change.c, schema.snapshot.c
    prev = schema.snapshot.alias("prev")
    with open_engine(path) as engine, engine.connect() as connection:
        rows = connection.execute(
            select(snap.snapshot_date, c.layer, prev.c.snapshot_date, c.gained, c.lost,
                   c.gained_km2, c.lost_km2)
            .join(schema.snapshot, schema.snapshot.c.id == c.snapshot_id)
            .join(prev, prev.c.id == c.previous_snapshot_id)).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


def test_changes_measured_by_the_pool_equal_changes_measured_one_by_one(
        daily_files, tmp_path, monkeypatch, new_db):
    """The parse stage measures each change against the batch's previous file, in runs with a
    lead-in file; the main process must use that only when the file is the stored predecessor.
    Short runs, a day out of order, a bad file and a day already stored exercise every branch."""
    from frontcheck.app import snapshot_parse as parse_stage

    monkeypatch.setattr(parse_stage, "RUN_LENGTH", 4)
    files = daily_files[100:122]
    bad = tmp_path / "deepstatemap_data_20991231.geojson"
    bad.write_bytes(files[0].read_bytes()[:500])
    batch = [*files[1:9], files[10], files[9], bad, *files[11:]]   # 9 and 10 swapped
    assert len(batch) >= parse_stage.POOL_MIN_FILES
    pool, serial = new_db("pool"), new_db("serial")
    with open_engine(pool) as engine:
        ingest_snapshots(engine, [], ReadOptions(), files=[files[0], files[5]])   # stored first
        report = ingest_snapshots(engine, [], ReadOptions(), files=batch, keep_going=True)
    assert report.new == len(files) - 2 and report.already_stored == 1 and len(report.failed) == 1
    with open_engine(serial) as engine:
        for path in files:
            ingest_snapshots(engine, [], ReadOptions(), files=[path])
    pooled, serial = stored_changes(pool), stored_changes(serial)
    assert len(serial) == len(files) - 1
    assert pooled == serial


def test_shares_measured_during_a_long_ingest_equal_a_rebuild(control_store, tmp_path):
    """control_store was built by one long ingest, which measures each day's touched
    settlements as it writes (IngestReport.footprints); rebuilding from the store alone must
    give the same intervals."""
    from frontcheck.app import snapshot_parse as parse_stage
    from tests.conftest import DAILY, pick_daily_files

    assert len(pick_daily_files(sorted(DAILY.glob("*.geojson")))) >= parse_stage.POOL_MIN_FILES
    assert intervals(rebuilt_from_scratch(control_store, tmp_path)) == intervals(control_store)


def test_a_short_batch_is_parsed_one_file_at_a_time(daily_files):
    """Without a pool the parse stage streams: a file is parsed when the writer asks for it,
    so a machine with one core never holds every parsed day at once."""
    import hashlib
    from dataclasses import replace

    from frontcheck import assets
    from frontcheck.app.snapshot_parse import ParsedFile, parsed_files

    items = [ParsedFile(p, p.read_bytes(), hashlib.sha256(p.read_bytes()).hexdigest())
             for p in daily_files[200:203]]
    options = replace(ReadOptions(), home=assets.ukraine_border())
    with parsed_files(items, options, "auto", assets.neighbour_regions()) as parsed:
        first = next(parsed)
        assert first.snapshot is not None and items[1].snapshot is None
        second = next(parsed)
        assert second.change_from == first.sha256 and second.changes["occupied"].parts is not None
