"""``chorus db upgrade`` on an empty database builds exactly the schema the models describe."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from feedback import create_app
from surveys.db import db
from tests.conftest import make_config


def migrated_app(test_database, tmp_path):
    url, options = test_database.fresh()
    return create_app(make_config(url, options, tmp_path / "instance"))


def test_upgrade_from_empty_matches_the_models(test_database, tmp_path):
    app = migrated_app(test_database, tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
            tables = set(sa.inspect(connection).get_table_names())
        db.engine.dispose()
    assert differences == []
    assert {"partnership", "organization", "survey", "wave", "question", "response", "answer"} <= tables


def test_downgrade_to_base_removes_every_table(test_database, tmp_path):
    app = migrated_app(test_database, tmp_path)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        with db.engine.connect() as connection:
            tables = set(sa.inspect(connection).get_table_names()) - {"alembic_version"}
        db.engine.dispose()
    assert tables == set()
