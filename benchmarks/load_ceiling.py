"""The ceiling for ``benchmarks/load.py``: a minimal Flask app that only inserts a row per request.

It takes what Chorus's submission API takes (a JSON body, an ``Idempotency-Key`` header) and stores it in
one table through SQLAlchemy Core, on the same database with the same engine settings (SQLite in WAL
mode with a kept pool), answering ``201 {"id": ...}``. Whatever Chorus does beyond that — finding the
survey, validating every answer, storing answer rows, rate limits, security headers — is the distance
between its throughput and this one's.

    gunicorn "benchmarks.load_ceiling:create_app()"   # DATABASE_URL as for Chorus
"""

from __future__ import annotations

import os
import secrets

import sqlalchemy as sa
from flask import Flask, jsonify, request

from feedback.config import engine_options, normalize_database_url
from feedback.database import configure_sqlite

metadata = sa.MetaData()
ceiling = sa.Table(
    "load_ceiling", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("public_id", sa.String(32), nullable=False),
    sa.Column("idempotency_key", sa.String(128), unique=True),
    sa.Column("body", sa.Text, nullable=False),
)


def create_app() -> Flask:
    url = normalize_database_url(os.environ["DATABASE_URL"])
    engine = sa.create_engine(url, **engine_options(url))
    configure_sqlite(engine)
    metadata.create_all(engine)
    app = Flask(__name__)

    @app.post("/insert")
    def insert():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(error="Send a JSON object."), 400
        public_id = secrets.token_hex(16)
        with engine.begin() as connection:
            connection.execute(ceiling.insert().values(public_id=public_id, body=request.get_data(as_text=True),
                                                       idempotency_key=request.headers.get("Idempotency-Key")))
        return jsonify(id=public_id), 201

    return app
