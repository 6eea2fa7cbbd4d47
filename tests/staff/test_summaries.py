"""Closed questions read correctly: numbers as protected statistics and ranges, choices as shares of
the people who answered (not of all choices)."""

from __future__ import annotations

import html
import re

import pytest

from feedback.accounts import add_user
from feedback.models import Role
from surveys.db import db
from surveys.models import Answer, Partnership, Question, Survey
from tests.staff.conftest import PASSWORD, sign_in

EMPLOYERS = "healthcare-employer-needs"


def add_analyst(app, partnership_slug: str) -> None:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        add_user("reader@summaries.example", partnership, Role.ANALYST, PASSWORD)
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("demo seed 3 scale 0.5, analyst reader@summaries",
                                  lambda app: add_analyst(app, demo.value), base=demo)


@pytest.fixture
def reader(app):
    client = app.test_client()
    assert sign_in(client, "reader@summaries.example").status_code == 302
    return client


def question_of(app, kind: str, *, multiple: bool = False) -> tuple[str, list[float], list[set[str]]]:
    """A question of the employer survey: its key, its numeric answers and each person's choices."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == EMPLOYERS))
        question = next(q for q in survey.questions if q.type == kind)
        rows = db.session.execute(db.select(Answer.response_id, Answer.option_key, Answer.value_number)
                                  .where(Answer.question_id == question.id)).all()
    numbers = [value for _, _, value in rows if value is not None]
    people: dict[int, set[str]] = {}
    for response_id, option, _ in rows:
        people.setdefault(response_id, set()).add(option)
    return question.key, numbers, list(people.values())


def test_a_number_question_gives_protected_statistics_and_ranges_not_every_value(app, reader):
    key, numbers, _ = question_of(app, "number")
    page = reader.get(f"/staff/surveys/{EMPLOYERS}/questions/{key}/summary").get_data(as_text=True)
    statistics = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    assert statistics["Answers"] == f"{len(numbers):,}"
    assert {"Median", "Lower quartile", "Upper quartile"} <= set(statistics)
    ordered = sorted(numbers)
    assert float(statistics["Median"].replace(",", "")) == ordered[-(-len(ordered) // 2) - 1]
    # The top of the range is never one person's unusual answer.
    top_name = next(name for name in statistics if name.endswith("percentile") or name == "Highest")
    top = float(statistics[top_name].replace(",", ""))
    assert sum(value >= top for value in numbers) >= 5
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>', page.split("How the answers spread")[1].split("</table>")[0])
    assert 2 <= len(rows) <= 8 and len(rows) < len(set(numbers))  # ranges, not a row per distinct value


def test_a_choose_all_question_shares_people_not_choices(app, reader):
    key, _, people = question_of(app, "multiple_choice")
    page = reader.get(f"/staff/surveys/{EMPLOYERS}/questions/{key}/summary").get_data(as_text=True)
    assert f"<p>{len(people)} people answered." in page and "add up to more than 100%" in page
    with app.app_context():
        question = db.session.scalar(db.select(Question).join(Survey).where(Survey.slug == EMPLOYERS,
                                                                            Question.key == key))
        labels = {o["key"]: o["text"]["en"] for o in question.options}
    table = page.split("share of the")[1].split("</table>")[0]
    checked = 0
    for label, count, share in re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num">(\d+)</td>\s*'
                                          r'<td class="num">(\d+)%</td>', table):
        option = next(k for k, text in labels.items() if text == html.unescape(label))
        chose = sum(option in chosen for chosen in people)
        assert int(count) == chose and abs(int(share) - 100 * chose / len(people)) <= 0.5 + 1e-9, label
        checked += 1
    assert checked >= 3


def test_a_job_title_question_counts_people_per_occupation_by_its_title(app, reader):
    """Typed titles are summarised by the occupation they were confirmed as (its SOC title), with the
    titles nobody matched counted apart; small groups hidden as everywhere."""
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == "healthcare-career-seekers"))
        question = next(q for q in survey.questions if q.key == "job_goal")
        codes = db.session.scalars(db.select(Answer.option_key).where(Answer.question_id == question.id)).all()
    page = reader.get("/staff/surveys/healthcare-career-seekers/questions/job_goal/summary").get_data(as_text=True)
    rows: dict[str, str] = {}
    for label, count in re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num">(\d+)</td>', page):
        rows.setdefault(label, count)  # the distribution comes first, then the breakdowns
    assert int(rows["Nursing Assistants"]) == codes.count("31-1131")
    assert int(rows["Not matched"]) == codes.count("")
    assert "31-1131" not in rows
