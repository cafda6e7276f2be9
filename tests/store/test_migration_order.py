"""Migrations are applied by name, whatever is missing: a store that got ``0008_analysis``
before a migration listed earlier (another branch's 0006/0007) takes that one afterwards."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, inspect

from frontcheck.store import schema
from frontcheck.store.engine import make_engine, migrate


def test_a_missing_earlier_migration_is_applied_after_a_later_one(tmp_path: Path):
    engine = make_engine(str(tmp_path / "store.sqlite"))
    try:
        assert "0008_analysis" in migrate(engine)
        # as if 0005 had come later than 0008 (a branch merged after this store was made)
        with engine.begin() as connection:
            schema.source_identity.drop(connection)
            connection.execute(delete(schema.migrations)
                               .where(schema.migrations.c.name == "0005_source_identity"))
        assert migrate(engine) == ["0005_source_identity"]
        tables = set(inspect(engine).get_table_names())
        assert {"source_identity", "ach_analysis", "ach_evidence", "figure",
                "figure_input", "report_definition"} <= tables
        assert migrate(engine) == []
    finally:
        engine.dispose()
