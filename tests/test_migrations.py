"""``chorus db upgrade`` on an empty database builds exactly the schema the models describe, and
upgrading a database that holds data keeps its rows."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, stamp, upgrade

from feedback import create_app
from feedback.models import (
    Action,
    Measure,
    MeasureKind,
    PublicQuote,
    RunStatus,
    Theme,
    ThemeAssignment,
    ThemeLineage,
    ThemeRun,
)
from surveys.db import db
from tests import factories
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


def _theme_a_question(app) -> None:
    """One themed answer whose lineage an action, a measure and a published quote point at."""
    with app.app_context():
        survey = factories.survey()
        question = survey.questions[0]
        answer = factories.answer(factories.response(survey), question, value_text="The bus never comes")
        run = ThemeRun(survey=survey, question=question, wave=survey.current_wave, status=RunStatus.FINISHED)
        lineage = ThemeLineage(question=question, key="transport", label="Transport")
        theme = Theme(run=run, position=0, engine_label="bus", label="Transport", lineage="transport",
                      lineage_row=lineage)
        db.session.add_all([run, lineage, theme])
        db.session.flush()
        db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=theme.id,
                                       engine_theme_id=theme.id))
        measure = Measure(partnership=survey.partnership, name={"en": "Bus riders"}, kind=MeasureKind.THEME_SHARE,
                          question=question, lineage=lineage)
        db.session.add(Action(partnership=survey.partnership, title="A later bus", themes=[lineage],
                              measures=[measure]))
        db.session.add(PublicQuote(lineage_id=lineage.id, answer_id=answer.id))
        db.session.commit()


ROWS = {
    "themes with a lineage": "SELECT COUNT(*) FROM theme WHERE lineage_id IS NOT NULL",
    "answers in a theme": "SELECT COUNT(*) FROM theme_assignment WHERE theme_id IS NOT NULL",
    "actions' themes": "SELECT COUNT(*) FROM action_theme",
    "actions' measures": "SELECT COUNT(*) FROM action_measure",
    "measures of a theme": "SELECT COUNT(*) FROM measure WHERE lineage_id IS NOT NULL",
    "published quotes": "SELECT COUNT(*) FROM public_quote",
}


def _rows() -> dict[str, int]:
    with db.engine.connect() as connection:
        return {name: connection.execute(sa.text(query)).scalar_one() for name, query in ROWS.items()}


def _drop_translations_and_stamp() -> None:
    """A database as the revision before theme name translations left it (what the reviewer upgraded)."""
    with db.engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE theme_lineage DROP COLUMN translations"))
    stamp(revision="e5a9c3f7b1d4")


def _downgrade_before_theme_languages() -> None:
    """Back past the revisions that rebuild ``theme`` and ``theme_run`` on SQLite (tables others point at)."""
    downgrade(revision="c41e7a2d9b53")


@pytest.mark.parametrize("go_back", [_drop_translations_and_stamp, _downgrade_before_theme_languages],
                         ids=["from e5a9c3f7b1d4", "from c41e7a2d9b53"])
def test_upgrading_keeps_the_rows_that_point_at_themes(test_database, tmp_path, go_back):
    app = migrated_app(test_database, tmp_path)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    _theme_a_question(app)
    with app.app_context():
        before = _rows()
        go_back()
        upgrade()
        after = _rows()
        translations = db.session.scalar(sa.select(ThemeLineage.translations))
        with db.engine.connect() as connection:
            foreign_keys_on = (db.engine.dialect.name != "sqlite"
                               or connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1)
        db.session.remove()
        db.engine.dispose()
    assert before == dict.fromkeys(ROWS, 1)
    assert after == before
    assert translations == {}
    assert foreign_keys_on  # the app's connections enforce them again after the upgrade
