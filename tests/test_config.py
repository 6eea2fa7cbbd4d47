"""Where settings come from: explicit config beats the environment, which beats the defaults."""

import os
import stat

import pytest

from feedback import create_app
from feedback.config import normalize_database_url


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "CHORUS_RATELIMIT_SUBMIT", "CHORUS_RESPONDENT_IDLE_MINUTES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHORUS_INSTANCE_PATH", str(tmp_path / "instance"))
    return monkeypatch


def test_defaults_use_a_sqlite_file_in_the_instance_folder(clean_env, tmp_path):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'instance' / 'chorus.db'}"
    assert app.config["REDIS_URL"] is None
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


def test_environment_overrides_defaults(clean_env, tmp_path):
    clean_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    clean_env.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.db"
    assert app.config["SECRET_KEY"] == "from-env"


def test_redis_url_shares_rate_limit_counters_between_workers(clean_env):
    pytest.importorskip("redis", reason="needs the [redis] extra")
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    app = create_app()
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"


def test_redis_url_without_the_redis_extra_says_what_to_install(clean_env, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_redis(name, *args, **kwargs):
        if name == "redis" or name.startswith("redis."):
            raise ImportError("No module named 'redis'")
        return real_import(name, *args, **kwargs)

    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    monkeypatch.setattr(builtins, "__import__", no_redis)
    with pytest.raises(RuntimeError, match=r"chorus-voice\[redis\]"):
        create_app()


def test_respondent_idle_minutes_come_from_the_environment_and_nonsense_stops_the_start(clean_env):
    clean_env.setenv("CHORUS_RESPONDENT_IDLE_MINUTES", "45")
    assert create_app().config["RESPONDENT_IDLE_MINUTES"] == 45
    clean_env.setenv("CHORUS_RESPONDENT_IDLE_MINUTES", "twenty")
    with pytest.raises(ValueError, match="CHORUS_RESPONDENT_IDLE_MINUTES must be a whole number of minutes"):
        create_app()


def test_explicit_config_overrides_environment(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "from-env")
    clean_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app({"SECRET_KEY": "explicit", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SECRET_KEY"] == "explicit"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("/x.db")


def test_missing_secret_key_is_generated_once_and_kept_private(clean_env, tmp_path):
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    key_file = tmp_path / "instance" / "secret_key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_each_instance_gets_its_own_generated_key(clean_env, tmp_path):
    first = create_app().config["SECRET_KEY"]
    other = create_app({"INSTANCE_PATH": str(tmp_path / "other")}).config["SECRET_KEY"]
    assert first != other


@pytest.mark.parametrize(
    "given, expected",
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_spellings(given, expected):
    assert normalize_database_url(given) == expected


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(clean_env):
    app = create_app()
    from surveys.db import db

    with app.app_context():
        with db.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 1  # NORMAL
            assert pragma("busy_timeout") >= 5000
        # Connections are pooled per worker, not opened per request.
        assert db.engine.pool.__class__.__name__ == "QueuePool"
        db.engine.dispose()


def test_templates_are_found(clean_env):
    app = create_app()
    assert app.jinja_loader.get_source(app.jinja_env, "base.html")
