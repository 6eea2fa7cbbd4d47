"""Shared fixtures: ``app``, ``client``, ``runner``, ``db``, and the database each test starts from.

Every test gets a database that starts from a *snapshot* and that no other test sees. By default the
snapshot is empty tables. Data that is slow to make — the demo partnership, finished theme runs,
staff users with memory-hard password hashes — is built once per session as a named snapshot
(``test_database.snapshot(name, build)``), and a module hands it to its tests by overriding the
``database_snapshot`` fixture. Each test then starts from a copy of it, so what one test writes never
reaches another, and the expensive part is paid once instead of once per test.

How a snapshot is kept and copied, and why:

* **SQLite** (the default): a snapshot is a database file, and each test gets its own byte copy of it
  (a file copy takes about a millisecond, even for the demo). The app under test opens an ordinary
  file database, as in production, and a separate file isolates everything: commits, the job
  thread's writes, a subprocess.
* **PostgreSQL** (``TEST_DATABASE_URL``): each run works in a schema of its own (created here,
  dropped at the end, so runs never collide and leave nothing behind). A snapshot is a second schema
  holding a plain copy of every table (``CREATE TABLE … AS TABLE …``) and the position of every
  sequence. Before each test the working schema is truncated and refilled from the snapshot
  (``INSERT … SELECT`` in foreign-key order; sequences set back), in one transaction, in a few
  milliseconds for empty tables and tens of milliseconds for the demo.

  Rolling back a per-test transaction or SAVEPOINT was rejected: the code under test commits on
  connections of its own — each request's session, the theme-run worker thread, an RQ worker that
  builds its own app from ``DATABASE_URL`` — and tests read results back through fresh app contexts,
  so one outer transaction would either hide a test's writes from the code it tests or be committed
  past. A database per test (``CREATE DATABASE … TEMPLATE``) isolates as well, but costs about
  0.15 s per test to create and drop here, more than refilling a schema.

``test_database.fresh()`` still gives a brand-new empty database or schema without tables, for the
migration tests.

Staff passwords are hashed with scrypt, slow by design (a tenth of a second), and the suite signs in
some two hundred times with the same password against the same few stored salts. ``hashlib.scrypt``
is therefore remembered for the session: identical inputs give the identical key, so every sign-in
is still checked against a real scrypt hash (a wrong password, or another salt, is computed afresh).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from feedback import create_app
from feedback.config import normalize_database_url
from surveys.db import db as _db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def is_postgres() -> bool:
    return bool(TEST_DATABASE_URL) and TEST_DATABASE_URL.split(":", 1)[0].startswith("postgres")


def make_config(url: str, engine_options: dict, instance_path: Path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": dict(engine_options),
        "INSTANCE_PATH": str(instance_path),
        "REDIS_URL": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "WTF_CSRF_ENABLED": False,
    }
    config.update(overrides)
    return config


@dataclass(frozen=True)
class Snapshot:
    """A database state built once per session. ``value`` is what its build function returned: plain
    values (slugs, ids, emails) for the tests, never ORM objects, which belong to a closed session."""

    name: str
    value: Any = None
    location: str = ""  # SQLite: the file; PostgreSQL: the schema holding the copy ("" = empty tables)
    sequences: dict[str, int] = field(default_factory=dict)  # PostgreSQL: sequence -> last value


@dataclass(frozen=True)
class Database:
    """Where one test's app finds its database."""

    url: str
    engine_options: dict


class TestDatabase:
    """This run's databases: the snapshots, and one test's copy of a snapshot."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.schemas: list[str] = []  # PostgreSQL schemas to drop at the end
        self.snapshots: dict[str, Snapshot] = {}
        self.configs: dict[str, tuple[Snapshot | None, dict]] = {}  # name -> what it was built from
        self.admin: sa.Engine | None = None  # PostgreSQL: the connection that copies snapshots
        if is_postgres():
            self.url = normalize_database_url(TEST_DATABASE_URL)
            self.admin = sa.create_engine(self.url, pool_size=1)
            self.working = self._new_schema("chorus_test")
            self.engine_options = self._search_path(self.working)
        else:
            self.url, self.engine_options = f"sqlite:///{tmp_path / 'schema.db'}", {}
        app = create_app(make_config(self.url, self.engine_options, tmp_path / "instance"))
        with app.app_context():
            _db.create_all()
            _db.engine.dispose()
        self.tables = [table.name for table in _db.metadata.sorted_tables]  # parents before children
        empty = "" if is_postgres() else self._compact(tmp_path / "schema.db", tmp_path / "empty.db")
        self.empty = Snapshot("empty tables", location=empty)

    # -- the public operations -------------------------------------------------------------------------

    def fresh(self) -> tuple[str, dict]:
        """A new empty database (SQLite file) or schema (PostgreSQL), without tables."""
        if not is_postgres():
            return f"sqlite:///{self.tmp_path / f'fresh-{secrets.token_hex(4)}.db'}", {}
        return self.url, self._search_path(self._new_schema("chorus_test"))

    def snapshot(self, name: str, build: Callable[[Flask], Any], *, base: Snapshot | None = None,
                 config: dict | None = None) -> Snapshot:
        """The snapshot called ``name``, built on first use and then reused for the whole session.

        ``build(app)`` runs against a copy of ``base`` (empty tables by default) with an app configured
        like a test's, plus ``config`` (give it the same overrides the module's tests use, e.g.
        ``THEMES_REPRESENTATION``); it commits what it makes and returns plain values for the tests.
        Snapshots are shared by name across modules, so a name must say everything that is in it.
        """
        if name in self.snapshots:
            if self.configs[name] != (base, config or {}):
                raise ValueError(f"two snapshots are called {name!r}; give each a name that says what is in it")
            return self.snapshots[name]
        self.configs[name] = (base, config or {})
        base = base or self.empty
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:40] + "_" + secrets.token_hex(3)
        folder = self.tmp_path / slug
        database = self.restore(base, folder)
        app = create_app(make_config(database.url, database.engine_options, folder / "instance", **(config or {})))
        value = build(app)
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()
        if is_postgres():
            snapshot = Snapshot(name, value, *self._copy_working_schema(slug))
        else:
            snapshot = Snapshot(name, value, self._compact(folder / "chorus.db", folder / "snapshot.db"))
        self.snapshots[name] = snapshot
        return snapshot

    def demo(self, seed: int, scale: float) -> Snapshot:
        """The demo partnership as ``chorus demo --seed --scale`` loads it (with its three demo users);
        ``value`` is the partnership's slug. Modules build their own snapshots on top of it."""
        from feedback.demo.loader import load_demo

        def build(app: Flask) -> str:
            with app.app_context():
                slug = load_demo(seed=seed, scale=scale).partnership.slug
                _db.session.commit()
            return slug

        return self.snapshot(f"demo seed {seed} scale {scale}", build)

    def restore(self, snapshot: Snapshot, folder: Path) -> Database:
        """A database holding exactly ``snapshot``'s rows, for one test (``folder``: the test's own)."""
        if not is_postgres():
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "chorus.db"
            shutil.copyfile(snapshot.location, path)
            return Database(f"sqlite:///{path}", {})
        self._refill_working_schema(snapshot)
        return Database(self.url, self.engine_options)

    def close(self) -> None:
        if self.admin is None:
            return
        with self.admin.begin() as connection:
            for schema in self.schemas:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        self.admin.dispose()

    # -- SQLite ----------------------------------------------------------------------------------------

    @staticmethod
    def _compact(source: Path, target: Path) -> str:
        """Write ``source`` as one self-contained file (the WAL folded in), the form a copy needs."""
        live, copy = sqlite3.connect(source), sqlite3.connect(target)
        try:
            live.backup(copy)
        finally:
            copy.close()
            live.close()
        for leftover in (source, Path(f"{source}-wal"), Path(f"{source}-shm")):
            leftover.unlink(missing_ok=True)
        return str(target)

    # -- PostgreSQL ------------------------------------------------------------------------------------

    @staticmethod
    def _search_path(schema: str) -> dict:
        return {"connect_args": {"options": f"-csearch_path={schema}"}}

    def _new_schema(self, prefix: str) -> str:
        schema = f"{prefix}_{secrets.token_hex(6)}"
        with self.admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        return schema

    def _copy_working_schema(self, slug: str) -> tuple[str, dict[str, int]]:
        schema = self._new_schema(f"chorus_snap_{slug}"[:40])
        with self.admin.begin() as connection:
            for table in self.tables:
                connection.execute(sa.text(f'CREATE TABLE "{schema}"."{table}" AS TABLE "{self.working}"."{table}"'))
            sequences = connection.execute(
                sa.text("SELECT sequencename, last_value FROM pg_sequences "
                        "WHERE schemaname = :schema AND last_value IS NOT NULL"),
                {"schema": self.working},
            ).all()
        return schema, dict(sequences)

    def _refill_working_schema(self, snapshot: Snapshot) -> None:
        tables = ", ".join(f'"{self.working}"."{table}"' for table in self.tables)
        with self.admin.begin() as connection:
            # A connection some earlier test left in a transaction would make TRUNCATE wait forever.
            connection.execute(sa.text("SET LOCAL lock_timeout = '20s'"))
            connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            if not snapshot.location:
                return
            for table in self.tables:
                connection.execute(sa.text(
                    f'INSERT INTO "{self.working}"."{table}" SELECT * FROM "{snapshot.location}"."{table}"'))
            for sequence, value in snapshot.sequences.items():
                connection.execute(sa.text("SELECT setval(:sequence, :value)"),
                                   {"sequence": f'"{self.working}"."{sequence}"', "value": value})


@pytest.fixture(scope="session", autouse=True)
def remembered_scrypt() -> Iterator[None]:
    """``hashlib.scrypt`` computed once per distinct input for the session (see the module docstring)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hashlib, "scrypt", functools.lru_cache(maxsize=None)(hashlib.scrypt))
        yield


@pytest.fixture(scope="session")
def test_database(tmp_path_factory) -> Iterator[TestDatabase]:
    database = TestDatabase(tmp_path_factory.mktemp("db"))
    yield database
    database.close()


@pytest.fixture
def database_snapshot(test_database: TestDatabase) -> Snapshot:
    """What each test's database starts from: empty tables. A module (or folder) whose tests need data
    overrides this fixture and returns ``test_database.snapshot(...)``."""
    return test_database.empty


@pytest.fixture
def database(test_database: TestDatabase, database_snapshot: Snapshot, tmp_path: Path) -> Iterator[Database]:
    """This test's own copy of ``database_snapshot``."""
    yield test_database.restore(database_snapshot, tmp_path / "db")
    if not is_postgres():
        shutil.rmtree(tmp_path / "db", ignore_errors=True)  # the demo's copies add up over a run


@pytest.fixture
def app_config(database: Database, tmp_path: Path) -> dict:
    """The configuration the ``app`` fixture uses; a test module may override this fixture."""
    return make_config(database.url, database.engine_options, tmp_path / "instance")


@pytest.fixture
def app(app_config: dict) -> Iterator[Flask]:
    """A fresh app. No app context is held, so each test-client request gets its own, as in
    production (a shared one would carry ``g`` — and the signed-in user — from request to request)."""
    app = create_app(app_config)
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app: Flask):
    """The Flask-SQLAlchemy handle, bound to ``app`` inside an app context."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
