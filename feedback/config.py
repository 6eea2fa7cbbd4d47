"""Configuration from the environment, with explicit overrides for tests and embedding.

Precedence, highest first: the ``config`` mapping given to ``create_app``, environment variables,
defaults. Nothing secret has a default: a missing ``SECRET_KEY`` is generated once and kept in the
instance folder, so sessions survive restarts without anyone committing a key.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Environment variable -> Flask config key.
ENVIRONMENT_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "REDIS_URL": "REDIS_URL",
    "CHORUS_RATELIMIT_SUBMIT": "RATELIMIT_SUBMIT",
    "CHORUS_RESPONDENT_IDLE_MINUTES": "RESPONDENT_IDLE_MINUTES",
    "CHORUS_SERVER_NAME": "SERVER_NAME",
    "CHORUS_TRUSTED_HOSTS": "CHORUS_TRUSTED_HOSTS",
    "CHORUS_RATELIMIT_THEMES": "RATELIMIT_THEMES",
    "CHORUS_RATELIMIT_API": "RATELIMIT_API",
    "CHORUS_RATELIMIT_OPENROSA": "RATELIMIT_OPENROSA",
    "CHORUS_THEME_QUEUE_CAP": "THEME_QUEUE_CAP",
    "CHORUS_RQ_QUEUE": "RQ_QUEUE",
}


def default_config(instance_path: str) -> dict[str, Any]:
    """Settings that suit the embedded, single-machine default (SQLite, in-process jobs)."""
    return {
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(instance_path) / "chorus.db"),
        "REDIS_URL": None,
        "RATELIMIT_SUBMIT": "30 per minute",
        "WTF_CSRF_TIME_LIMIT": None,  # a long survey must not fail on the last page
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Staff are signed out after this many seconds without a request (warned 5 minutes before).
        "STAFF_IDLE_TIMEOUT": 30 * 60,
        # A respondent's unsent, unsaved answers are forgotten by the browser after this many minutes
        # without a request, so the next person on a shared device does not find them.
        "RESPONDENT_IDLE_MINUTES": 20,
        "RATELIMIT_LOGIN": "10 per minute",
        # Theme runs a person may start (each runs the theme engine), and how many may wait at once.
        "RATELIMIT_THEMES": "10 per minute",
        # Per staff API token, and per OpenRosa device (a job fair's tablets share one address).
        "RATELIMIT_API": "120 per minute",
        "RATELIMIT_OPENROSA": "120 per minute",
        "THEME_QUEUE_CAP": 20,
        # A staff session ends this many seconds after sign-in, however active (idle timeout aside).
        "STAFF_SESSION_LIFETIME": 12 * 60 * 60,
        # Analysis jobs: a run waiting or running longer than this (seconds) is reported as failed, and
        # RQ stops a job that outlives it.
        "JOB_TIMEOUT": 3600,
        # The RQ queue analysis jobs go to: give each Chorus its own when several share one Redis.
        "RQ_QUEUE": "chorus-analysis",
        # Run analysis jobs inside the request, before it returns (tests and scripts); off, they go to
        # this process's worker thread, or to RQ when REDIS_URL is set.
        "JOBS_INLINE": False,
        # Force the theme engine's text representation ("embeddings", "tfidf"); None lets it choose.
        "THEMES_REPRESENTATION": None,
        # Cookies travel only over HTTPS, except in local development (CHORUS_ENV=development).
        "SESSION_COOKIE_SECURE": os.environ.get("CHORUS_ENV") != "development",
    }


def environment_config(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """The settings present in the environment, renamed to Flask's keys."""
    found = {target: environ[name] for name, target in ENVIRONMENT_KEYS.items() if environ.get(name)}
    url = found.get("SQLALCHEMY_DATABASE_URI")
    if url:
        found["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(url)
    if "RESPONDENT_IDLE_MINUTES" in found:
        found["RESPONDENT_IDLE_MINUTES"] = _whole_minutes("CHORUS_RESPONDENT_IDLE_MINUTES",
                                                          found["RESPONDENT_IDLE_MINUTES"])
    if "THEME_QUEUE_CAP" in found:
        found["THEME_QUEUE_CAP"] = int(found["THEME_QUEUE_CAP"])
    return found


def _whole_minutes(name: str, text: str) -> int:
    """A setting in whole minutes, refused at start-up (not on a respondent's page) when it is not one."""
    try:
        minutes = int(text.strip())
    except ValueError:
        minutes = 0
    if not 1 <= minutes <= 24 * 60:
        raise ValueError(f"{name} must be a whole number of minutes between 1 and 1440, got {text!r}")
    return minutes


def normalize_database_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` spellings hosts hand out, using psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load_or_create_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it (readable by the owner only) on first start."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: when several workers start at once, one writes and the others read its key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def engine_options(database_uri: str) -> dict[str, Any]:
    """Connection settings per engine.

    SQLite keeps a pool of connections per worker: closing the last connection checkpoints the WAL
    and syncs, which costs ~16 ms per request, while a kept connection costs well under 1 ms.
    """
    if database_uri.startswith("sqlite"):
        if ":memory:" in database_uri or database_uri.rstrip("/") == "sqlite:":
            return {}
        return {"pool_size": 5, "max_overflow": 10, "pool_pre_ping": False,
                "connect_args": {"timeout": 15}}
    return {"pool_pre_ping": True, "pool_recycle": 1800}
