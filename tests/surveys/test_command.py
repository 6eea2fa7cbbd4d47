"""``chorus surveys``: the staff's terminal view of surveys, links and QR codes."""

from __future__ import annotations

import pytest

from feedback.commands.surveys import surveys_command
from surveys.models import SurveyStatus
from tests import factories
from tests.surveys.helpers import make_survey


@pytest.fixture
def surveys(db):
    survey = make_survey("career_seeker_needs", slug="seekers")
    factories.organization(partnership=survey.partnership, slug="mesa-college")
    factories.response(survey)
    factories.response(survey, complete=False)
    make_survey("employer_skill_needs", slug="employers", status=SurveyStatus.CLOSED)
    db.session.commit()
    return survey


def test_lists_every_survey(runner, surveys):
    result = runner.invoke(surveys_command, ["--base-url", "https://chorus.example.org"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["SLUG", "AUDIENCE", "STATUS", "LANGUAGES", "RESPONSES", "LINK"]
    seekers = next(line for line in lines if line.startswith("seekers"))
    assert seekers.split() == ["seekers", "career_seeker", "open", "en,es", "1",
                               "https://chorus.example.org/s/seekers"]
    assert any(line.split()[:3] == ["employers", "employer", "closed"] for line in lines)


def test_links_per_partner(runner, surveys):
    result = runner.invoke(surveys_command, ["links", "seekers", "--base-url", "https://c.example"])
    assert result.exit_code == 0, result.output
    assert "https://c.example/s/seekers?src=mesa-college" in result.output
    assert "https://c.example/s/seekers/qr.svg" in result.output


@pytest.mark.parametrize("name, magic", [("code.svg", b"<?xml"), ("code.png", b"\x89PNG")])
def test_writes_qr_codes(runner, surveys, tmp_path, name, magic):
    output = tmp_path / name
    result = runner.invoke(surveys_command, ["qr", "seekers", "--src", "mesa-college", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(magic)


def test_unknown_survey(runner, db):
    result = runner.invoke(surveys_command, ["links", "nope"])
    assert result.exit_code != 0 and "No survey called 'nope'" in result.output
