"""The ``chorus`` command line: database set-up and the demo partnership."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from surveys.models import Answer, Organization, Partnership, Response, Survey, SurveyStatus, Wave
from tests.conftest import is_postgres


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


CLI_DEMO = "demo seed 2026 scale 1.0 loaded by `chorus demo`"


@pytest.fixture
def database_snapshot(request, test_database):
    """Tests that take ``demo_output`` start from the database ``chorus demo`` left (run once per
    session: the full demo with its themes takes a while); the others from empty tables."""
    if "demo_output" not in request.fixturenames:
        return test_database.empty

    def build(app) -> str:
        with app.app_context():  # as the `db` fixture holds one for the tests' own invocations
            result = app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        return result.output

    return test_database.snapshot(CLI_DEMO, build)


@pytest.fixture
def demo_output(database_snapshot) -> str:
    """What ``chorus demo`` printed when it loaded the database this test starts from."""
    return database_snapshot.value


def test_demo_loads_a_partnership_with_surveys_waves_and_answers(demo_output, db):
    assert "Loaded the demo partnership" in demo_output

    partnership = db.session.scalar(sa.select(Partnership))
    assert partnership.sector == "Healthcare"
    kinds = {org.kind.value for org in partnership.organizations}
    assert {"employer", "workforce_board", "education_provider", "community_organization"} <= kinds
    surveys = {s.audience.value: s for s in partnership.surveys}
    assert {"employer", "career_seeker"} <= set(surveys)
    for survey in surveys.values():
        assert survey.status is SurveyStatus.OPEN
        assert [w.label for w in survey.waves] == ["Spring 2026", "Fall 2026"]
    assert count(db, Response) >= 300

    # Open-ended answers exist in English and Spanish, and Spanish answers come from Spanish responses.
    open_text = db.session.execute(
        sa.select(Response.language, Answer.value_text)
        .join(Answer.response)
        .join(Answer.question)
        .where(sa.literal_column("question.type") == "long_text", Answer.value_text.is_not(None))
    ).all()
    assert len(open_text) >= 200
    assert {language for language, _ in open_text} == {"en", "es"}
    # Sources record which partner's link brought people in.
    sources = set(db.session.scalars(sa.select(Response.source).distinct()))
    assert "casa-familia" in sources


def test_demo_twice_adds_nothing_the_second_time(demo_output, runner, db):
    before = {m.__name__: count(db, m) for m in (Partnership, Organization, Survey, Wave, Response, Answer)}
    result = runner.invoke(args=["demo"])
    after = {m.__name__: count(db, m) for m in (Partnership, Organization, Survey, Wave, Response, Answer)}
    assert result.exit_code == 0, result.output
    assert "already loaded" in result.output
    assert after == before


def test_demo_is_deterministic_for_a_seed(runner, db):
    runner.invoke(args=["demo", "--seed", "7", "--scale", "0.1"])
    first = db.session.execute(sa.select(Answer.value_text).order_by(Answer.id)).scalars().all()
    db.session.execute(sa.delete(Partnership))
    db.session.commit()
    runner.invoke(args=["demo", "--seed", "7", "--scale", "0.1"])
    second = db.session.execute(sa.select(Answer.value_text).order_by(Answer.id)).scalars().all()
    assert first == second and first


def test_demo_if_empty_leaves_an_existing_partnership_alone(runner, db):
    db.session.add(Partnership(slug="ours", name="Our partnership"))
    db.session.commit()
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert count(db, Survey) == 0


@pytest.mark.parametrize("args", [["demo", "--scale", "0"], ["demo", "--seed", "many"], ["demo", "--nope"]])
def test_bad_arguments_exit_with_usage_error(runner, args):
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert "Error" in result.output


@pytest.mark.skipif(is_postgres(), reason="runs the installed console script against a SQLite file")
def test_console_script_init_then_demo_on_a_fresh_sqlite_file(tmp_path):
    """What `make run` does, through the installed `chorus` script."""
    chorus = Path(sys.executable).with_name("chorus")
    env = {**os.environ, "CHORUS_INSTANCE_PATH": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/c.db"}
    env.pop("SECRET_KEY", None)

    demo_first = subprocess.run([chorus, "demo"], env=env, capture_output=True, text=True, check=False)
    assert demo_first.returncode == 1
    assert "run `chorus init` first" in demo_first.stderr

    init = subprocess.run([chorus, "init"], env=env, capture_output=True, text=True, check=False)
    assert init.returncode == 0, init.stderr
    again = subprocess.run([chorus, "init"], env=env, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr  # upgrading an up-to-date database is a no-op

    demo = subprocess.run([chorus, "demo", "--scale", "0.1"], env=env, capture_output=True, text=True, check=False)
    assert demo.returncode == 0, demo.stderr
    routes = subprocess.run([chorus, "routes"], env=env, capture_output=True, text=True, check=False)
    assert routes.returncode == 0 and "/api/v1/health" in routes.stdout
    assert (tmp_path / "secret_key").exists()


def test_themes_command_reads_every_survey_language_and_says_what_sentiment_covers(tmp_path):
    from click.testing import CliRunner

    from analysis.language import SUPPORTED_LANGUAGES
    from feedback.commands.themes import themes_command

    answers = ["The bus never comes on time", "No car and the bus takes two hours", "Childcare costs too much",
               "Nobody to watch my kids", "Xe buýt không bao giờ đến đúng giờ", "Nhà trẻ quá đắt",
               "Trạm xe buýt quá xa chỗ làm", "Không có ai trông con khi tôi đi làm"] * 2
    source = tmp_path / "answers.csv"
    source.write_text("answer\n" + "\n".join(f'"{a}"' for a in answers) + "\n", encoding="utf-8")
    runner = CliRunner()
    usage = runner.invoke(themes_command, ["--help"]).output
    assert all(code in usage for code in SUPPORTED_LANGUAGES) and "English or Spanish" not in usage
    result = runner.invoke(themes_command, [str(source), "--text-column", "answer", "--k", "2",
                                            "--representation", "tfidf"])
    assert result.exit_code == 0, result.output
    assert "Sentiment read for English answers; 8 answers in Vietnamese not scored." in result.output
    assert runner.invoke(themes_command, [str(source), "--text-column", "answer", "--lang", "vi", "--k", "2",
                                          "--representation", "tfidf"]).exit_code == 0
