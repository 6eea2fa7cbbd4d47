"""Chorus web application: the factory that assembles config, extensions, blueprints and commands.

Run it with ``chorus run`` during development or ``gunicorn "feedback:create_app()"`` in production.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from .config import (
    default_config,
    engine_options,
    environment_config,
    load_or_create_secret_key,
    normalize_database_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"


def templates_folder() -> Path:
    """The top-level ``templates/`` folder: inside the package when installed from a wheel,
    beside it in a source checkout or editable install."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("Chorus cannot find its templates folder; reinstall the package.")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build a Chorus app. ``config`` overrides the environment, which overrides the defaults."""
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get("CHORUS_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
        template_folder=str(templates_folder()),
        static_folder="static",
    )
    configure(app, config)
    register_extensions(app)
    register_security_headers(app)
    register_input_guards(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def configure(app: Flask, config: Mapping[str, Any] | None) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_mapping(environment_config())
    if config:
        app.config.from_mapping(config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(app.instance_path)
    options = engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    options.update(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    if app.config.get("REDIS_URL"):
        try:
            import redis  # noqa: F401
        except ImportError as error:
            raise RuntimeError(
                "REDIS_URL is set, but the Redis client is not installed: pip install 'chorus-voice[redis]'."
            ) from error
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")


def register_extensions(app: Flask) -> None:
    from surveys.catalog import CATALOG_DIRECTORY, DOMAIN

    from .database import configure_sqlite
    from .extensions import babel, csrf, db, limiter, migrate
    from .interface_language import forget_previous_request, interface_locale, select_locale

    db.init_app(app)
    # Staff texts in the person's language, from the catalogs the respondent pages use too.
    babel.init_app(app, locale_selector=select_locale, default_domain=DOMAIN,
                   default_translation_directories=str(CATALOG_DIRECTORY))
    app.jinja_env.globals["interface_locale"] = interface_locale
    app.before_request(forget_previous_request)
    # Batch mode lets migrations alter tables on SQLite, which cannot ALTER most things in place.
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    from . import auth

    auth.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)


def register_security_headers(app: Flask) -> None:
    from . import security

    security.init_app(app)


def register_input_guards(app: Flask) -> None:
    from . import guards

    guards.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .api import bp as api_bp
    from .openrosa import bp as openrosa_bp
    from .public import bp as public_bp
    from .respondent import bp as respondent_bp
    from .staff import bp as staff_bp

    app.register_blueprint(respondent_bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(openrosa_bp, url_prefix="/openrosa")
    app.register_blueprint(staff_bp, url_prefix="/staff")
    app.register_blueprint(public_bp)


def register_errorhandlers(app: Flask) -> None:
    from .errors import register

    register(app)


def register_commands(app: Flask) -> None:
    from .commands import register

    register(app)
