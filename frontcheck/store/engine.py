"""Opening the store: where it lives, the dialect settings, and schema migrations.

The only module that knows SQLite from PostgreSQL: everything else uses SQLAlchemy Core.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import platformdirs
from sqlalchemy import Engine, create_engine, event, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite

from frontcheck.errors import StoreBusyError, StoreVersionError
from frontcheck.store import postgis, postgres, schema

ENV_DB = "FRONTCHECK_DB"
#: The largest integer key SQLite (and PostgreSQL's bigint) stores: a larger id names nothing.
MAX_ID = 2**63 - 1


def storable_id(value: int) -> bool:
    """Whether an integer can be a stored id at all (a larger one would overflow the driver)."""
    return -MAX_ID - 1 <= value <= MAX_ID


def default_db_location(db: str | os.PathLike | None = None) -> str:
    """The store to use: ``db`` if given, else ``$FRONTCHECK_DB``, else the user's data dir.

    A value containing ``://`` is an SQLAlchemy URL (``postgresql+psycopg://...``); anything
    else is a path to an SQLite file.
    """
    if db:
        return str(db)
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    return str(Path(platformdirs.user_data_dir("frontcheck")) / "frontcheck.sqlite")


def store_url(location: str) -> str:
    """The SQLAlchemy URL of a store location (a path becomes an SQLite URL)."""
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def make_engine(location: str) -> Engine:
    """An engine with frontcheck's connection settings (SQLite: foreign keys on, WAL)."""
    url = store_url(location)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # 64 MB of page cache (default 2 MB): rewriting a tracker's 70,000 timeline rows
            # updates two indexes at random places, 20 % faster when their pages stay cached.
            cursor.execute("PRAGMA cache_size=-65536")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def insert_ignoring_duplicates(table, connection):
    """An INSERT that skips rows whose key is already stored (``ON CONFLICT DO NOTHING``),
    built for the connection's dialect (SQLite or PostgreSQL)."""
    module = postgresql if connection.dialect.name == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


def insert_rows_ignoring_duplicates(connection, table, rows: list[dict],
                                    batch_rows: int = 20_000) -> None:
    """Insert many rows (dicts with the same keys), skipping those whose key is stored:
    SQLite by batched executemany, PostgreSQL by COPY through a staging table."""
    if not rows:
        return
    columns = list(rows[0])
    if connection.dialect.name == "postgresql":
        postgres.copy_rows_ignoring_duplicates(
            connection, table.name, columns, ([row[c] for c in columns] for row in rows))
        return
    statement = insert_ignoring_duplicates(table, connection)
    for start in range(0, len(rows), batch_rows):
        connection.execute(statement, rows[start:start + batch_rows])


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations the store lacks, each in its own transaction; return their names.

    A store that records a migration this code does not know was written by a newer
    frontcheck, and is refused rather than misread. Processes opening a new store at once
    migrate one after the other (the second found "table already exists"): on PostgreSQL
    under an advisory lock, on SQLite under the writers' lock file, taken only when there is
    something to migrate, so that readers never wait for an ingest.
    """
    if engine.dialect.name == "postgresql":
        with postgres.migration_lock(engine):
            return _migrate(engine)
    if _up_to_date(engine):
        return []
    with write_lock(engine):
        return _migrate(engine)


def _up_to_date(engine: Engine) -> bool:
    with engine.connect() as connection:
        if not inspect(connection).has_table(schema.migrations.name):
            return False
        applied = set(connection.scalars(select(schema.migrations.c.name)))
    return applied == set(schema.MIGRATION_TABLES)


def _migrate(engine: Engine) -> list[str]:
    known = list(schema.MIGRATION_TABLES)
    # Applied only to a PostgreSQL database with PostGIS (else left pending: see postgis.py).
    optional = [postgis.MIGRATION]
    with engine.begin() as connection:
        if inspect(connection).has_table(schema.migrations.name):
            applied = set(connection.scalars(select(schema.migrations.c.name)))
        else:
            schema.migrations.create(connection)
            applied = set()
    unknown = applied - set(known) - set(optional)
    if unknown:
        raise StoreVersionError(
            f"the store was written by a newer frontcheck (migrations {sorted(unknown)}); "
            "install a newer frontcheck to open it")
    done = []
    for name in known:
        if name in applied:
            continue
        tables = [schema.metadata.tables[t] for t in schema.MIGRATION_TABLES[name]]
        with engine.begin() as connection:
            schema.metadata.create_all(connection, tables=tables)
            for table, index in schema.MIGRATION_INDEXES.get(name, ()):
                next(i for i in schema.metadata.tables[table].indexes
                     if i.name == index).create(connection, checkfirst=True)
            connection.execute(insert(schema.migrations),
                               {"name": name, "applied_at": datetime.now(UTC)})
        done.append(name)
    if engine.dialect.name == "postgresql" and postgis.MIGRATION not in applied:
        with engine.begin() as connection:
            if postgis.postgis_installed(connection):
                postgis.add_geometry_columns(connection)
                connection.execute(insert(schema.migrations),
                                   {"name": postgis.MIGRATION, "applied_at": datetime.now(UTC)})
                done.append(postgis.MIGRATION)
    return done


@contextmanager
def open_engine(db: str | os.PathLike | None = None) -> Iterator[Engine]:
    """A migrated engine for the store at ``db`` (see ``default_db_location``)."""
    engine = make_engine(default_db_location(db))
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()


def bulk_insert(connection, table, columns: dict[str, Sequence | np.ndarray]) -> None:
    """Insert many rows, given column-wise (NumPy arrays or lists), through the database
    driver's executemany.

    SQLAlchemy's own executemany builds and processes a dict per row, which dominates the cost
    of writing tens of thousands of timeline intervals; this sends plain tuples. datetime64
    columns become ISO strings for SQLite (which stores dates so, as SQLAlchemy's ``Date``
    does) or dates for other databases, in one vectorised step; NaT becomes NULL.
    """
    converted = []
    for values in columns.values():
        if isinstance(values, np.ndarray) and values.dtype.kind == "M":
            missing = np.isnat(values)
            if connection.dialect.name == "sqlite":
                values = np.datetime_as_string(values.astype("datetime64[D]")).astype(object)
                values[missing] = None
                values = values.tolist()
            else:
                values = values.astype("datetime64[D]").astype(object).tolist()  # NaT -> None
        elif isinstance(values, np.ndarray):
            values = values.tolist()
        converted.append(values)
    rows = list(zip(*converted))
    if rows:
        _execute_many(connection, table, list(columns), rows)


def _execute_many(connection, table, columns: list[str], rows: list[tuple]) -> None:
    if connection.dialect.name == "postgresql":
        postgres.copy_rows(connection, table.name, columns, rows)
        return
    style = connection.dialect.paramstyle
    marks = ", ".join("?" if style == "qmark" else "%s" for _ in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
    connection.exec_driver_sql(sql, rows)


#: How long a writer waits for another one to finish (seconds); ``$FRONTCHECK_LOCK_WAIT``.
LOCK_WAIT_SECONDS = 600.0


@contextmanager
def write_lock(engine: Engine, on_wait: Callable[[], None] | None = None,
               wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the store's writer lock: one ingest (or timeline refresh) at a time.

    An ingest is many transactions, and what it decides early (which files are stored, which
    dates) must still hold when it writes; two at once would collide on the unique indexes.
    For an SQLite store the lock is ``flock`` on ``<file>.lock`` beside it, released by the
    kernel when the process dies (kill -9 included). A second writer waits, calling
    ``on_wait`` once, up to ``wait_seconds`` (default ``$FRONTCHECK_LOCK_WAIT`` or 600), then
    raises ``StoreBusyError``. A PostgreSQL store uses the server's advisory lock instead
    (``postgres.advisory_writer_lock``), with the same waiting and message.
    """
    if wait_seconds is None:
        wait_seconds = float(os.environ.get("FRONTCHECK_LOCK_WAIT", LOCK_WAIT_SECONDS))
    if engine.dialect.name == "postgresql":
        with postgres.advisory_writer_lock(engine, wait_seconds, on_wait):
            yield
        return
    if engine.dialect.name != "sqlite" or not engine.url.database:
        yield
        return
    import fcntl

    path = Path(engine.url.database + ".lock")
    with open(path, "a+b") as handle:
        deadline = time.monotonic() + wait_seconds
        waited = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{engine.url.database}: another frontcheck process is writing to this "
                        f"store (waited {wait_seconds:g} s); try again when it has finished") from None
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
