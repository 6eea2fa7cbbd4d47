"""Shared fixtures: ``app``, ``client``, ``runner`` and ``db``.

The suite runs on SQLite by default and on PostgreSQL when ``TEST_DATABASE_URL`` is set. On
PostgreSQL every run works in a schema of its own (created here, dropped at the end), so runs never
collide and leave nothing behind. The schema is built once per run; each test starts from empty
tables, emptied after it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

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


class TestDatabase:
    """Where this run's tables live, and how to make a fresh, empty place for a migration test."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.schemas: list[str] = []
        self.url, self.engine_options = self.fresh()

    def fresh(self) -> tuple[str, dict]:
        """A new empty database (SQLite file) or schema (PostgreSQL)."""
        if not is_postgres():
            path = self.tmp_path / f"chorus-{secrets.token_hex(4)}.db"
            return f"sqlite:///{path}", {}
        url = normalize_database_url(TEST_DATABASE_URL)
        schema = f"chorus_test_{secrets.token_hex(6)}"
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        self.schemas.append(schema)
        return url, {"connect_args": {"options": f"-csearch_path={schema}"}}

    def drop_all(self) -> None:
        if not self.schemas:
            return
        engine = sa.create_engine(normalize_database_url(TEST_DATABASE_URL))
        with engine.begin() as connection:
            for schema in self.schemas:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


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


@pytest.fixture(scope="session")
def test_database(tmp_path_factory) -> Iterator[TestDatabase]:
    database = TestDatabase(tmp_path_factory.mktemp("db"))
    app = create_app(make_config(database.url, database.engine_options, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        _db.create_all()
        _db.engine.dispose()
    yield database
    database.drop_all()


@pytest.fixture
def app_config(test_database: TestDatabase, tmp_path: Path) -> dict:
    """The configuration the ``app`` fixture uses; a test module may override this fixture."""
    return make_config(test_database.url, test_database.engine_options, tmp_path / "instance")


@pytest.fixture
def app(app_config: dict) -> Iterator[Flask]:
    """A fresh app. No app context is held, so each test-client request gets its own, as in
    production (a shared one would carry ``g`` — and the signed-in user — from request to request)."""
    app = create_app(app_config)
    yield app
    with app.app_context():
        _db.session.remove()
        empty_tables()
        _db.engine.dispose()


def empty_tables() -> None:
    tables = list(reversed(_db.metadata.sorted_tables))
    with _db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def db(app: Flask):
    """The Flask-SQLAlchemy handle, bound to ``app`` inside an app context, with empty tables."""
    with app.app_context():
        yield _db
        _db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()
