"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, ``initdb`` in a
temporary folder, a free loopback port, torn down at the end of the session.

One cluster per pytest process (each xdist worker has its own, so workers never share a
database). As root (CI), the cluster belongs to the ``postgres`` OS user, since the server
refuses to run as root. Missing binaries fail the tests with what to do (``make setup``
installs them); ``FRONTCHECK_TEST_POSTGRES=0`` opts out of the PostgreSQL runs explicitly.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

#: Set to 0 to run the store suites on SQLite only (a machine without PostgreSQL).
ENV_OPT_OUT = "FRONTCHECK_TEST_POSTGRES"
#: A folder with ``initdb`` and ``pg_ctl``, when they are not in Debian's place.
ENV_BIN = "FRONTCHECK_PG_BIN"
OS_USER = "postgres"
SUPERUSER = "postgres"
#: Databases are created from this one, which has PostGIS when it is installed.
TEMPLATE = "frontcheck_template"


def postgres_enabled() -> bool:
    return os.environ.get(ENV_OPT_OUT, "1") not in ("0", "no", "false", "")


class PostgresMissing(RuntimeError):
    """The server binaries are not installed: the message says how to get them."""


def server_bin_dir() -> Path:
    """The folder of the real ``initdb``/``pg_ctl`` (not Debian's ``pg_wrapper`` in
    /usr/bin, which needs a cluster managed by ``pg_ctlcluster``): the newest version under
    /usr/lib/postgresql, else what ``$FRONTCHECK_PG_BIN`` or the PATH gives."""
    candidates = []
    if os.environ.get(ENV_BIN):
        candidates.append(Path(os.environ[ENV_BIN]))
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"),
                    key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
                    reverse=True)
    candidates.extend(debian)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PostgresMissing(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin "
        f"or on PATH: run `make setup` (installs Debian's postgresql and postgis), set {ENV_BIN} "
        f"to their folder, or set {ENV_OPT_OUT}=0 to run the store tests on SQLite only")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """A running throwaway cluster; ``url(name)`` gives a database's SQLAlchemy URL."""

    def __init__(self) -> None:
        self.bin = server_bin_dir()
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="frontcheck-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.postgis = False
        self._names = itertools.count()
        if self.as_root:
            shutil.chown(self.root, OS_USER, OS_USER)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", OS_USER, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)

    def start(self) -> PostgresCluster:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        # Durability is not under test: no fsync makes database creation and writes fast.
        settings = (f"-k {self.root} -c listen_addresses=127.0.0.1 -F -c full_page_writes=off "
                    "-c synchronous_commit=off -c max_connections=60")
        for attempt in range(3):      # the port may be taken between probing and binding
            self.port = _free_port()
            try:
                self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l",
                          str(self.root / "server.log"), "-o", f"-p {self.port} {settings}")
                break
            except subprocess.CalledProcessError:
                if attempt == 2:
                    raise RuntimeError("PostgreSQL did not start:\n"
                                       + (self.root / "server.log").read_text()) from None
        self._make_template()
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> list[tuple]:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                             dbname=database, autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def _make_template(self) -> None:
        self.admin(f"CREATE DATABASE {TEMPLATE}")
        available = self.admin("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
        if available:
            self.admin("CREATE EXTENSION postgis", TEMPLATE)
            self.postgis = True
        # Migrated once here, so that each test's database starts from a copy of the schema
        # (a second or more per test otherwise); migrating an empty database is still tested
        # (tests/store/test_postgis.py asks for one without the template).
        from frontcheck.store.engine import open_engine

        with open_engine(self.url(TEMPLATE)):
            pass

    def new_database(self, template: str = TEMPLATE, postgis: bool = True) -> str:
        """A fresh database: a copy of the migrated template (PostGIS created in it when
        installed), or with ``postgis=False`` an empty one; returns its name."""
        name = f"t{os.getpid()}_{next(self._names)}_{uuid.uuid4().hex[:6]}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template if postgis else 'template0'}")
        return name

    def copy_database(self, source: str) -> str:
        """A copy of database ``source`` (its connections are ended first: a template must
        have none)."""
        self.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   f"WHERE datname = '{source}' AND pid <> pg_backend_pid()")
        return self.new_database(template=source)

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


#: The running cluster of this process, once a test asked for one.
CLUSTER: PostgresCluster | None = None


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]
