"""Theme sizes say what they count: answers (each once, in its main theme) and, where it matters,
mentions (answers whose second theme it is, too), with every printed number protected.

One run, threshold 5: "Bus" holds 20 answers, 9 of them also about "Childcare"; "Childcare" holds 12,
3 of them also about "Evening classes"; "Evening classes" holds 10. So Childcare is spoken of by 21
answers, Evening classes by 13 (3 too few to print: 13 beside 10 would give the 3 away), Bus by 20 only.
"""

from __future__ import annotations

import re

import pytest

from feedback.accounts import add_user
from feedback.models import Role, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.reports import refresh_report_cache, theme_report
from feedback.services import tokens as token_service
from surveys.db import db
from tests import factories
from tests.staff.conftest import PASSWORD, sign_in

ANALYST = "analyst@mentions.example"
# theme label -> (answers in it, how many of those name each other theme as second)
PLAN = {"Bus": (20, {"Childcare": 9}), "Childcare": (12, {"Evening classes": 3}), "Evening classes": (10, {})}


def build(app) -> dict[str, object]:
    with app.app_context():
        partnership = factories.partnership(slug="mentions")
        survey = factories.survey(partnership=partnership, slug="mentions-survey")
        question = survey.questions[0]
        run = ThemeRun(survey=survey, question=question, status=RunStatus.FINISHED)
        themes = {label: Theme(run=run, position=i, engine_label=label, label=label, terms=[label.lower()],
                               size=size) for i, (label, (size, _)) in enumerate(PLAN.items())}
        db.session.add_all([run, *themes.values()])
        db.session.flush()
        for label, (size, seconds) in PLAN.items():
            second_of = [name for name, n in seconds.items() for _ in range(n)]
            for i in range(size):
                response = factories.response(survey, language=("en", "es")[i % 2])
                answer = factories.answer(response, question, value_text=f"{label} answer {i}")
                second = themes[second_of[i]].id if i < len(second_of) else None
                db.session.add(ThemeAssignment(run_id=run.id, answer_id=answer.id, theme_id=themes[label].id,
                                               engine_theme_id=themes[label].id, second_theme_id=second,
                                               score=0.5))
        db.session.flush()
        refresh_report_cache(run)
        analyst = add_user(ANALYST, partnership, Role.ANALYST, PASSWORD)
        _, token = token_service.create_token(analyst, partnership, Role.ANALYST, "mentions", days=30)
        db.session.commit()
        made = {"run": run.public_id, "themes": {label: t.id for label, t in themes.items()}, "token": token}
        db.session.remove()
    return made


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    return test_database.snapshot("mentions: three themes, second themes 9 and 3", build)


@pytest.fixture
def made(database_snapshot):
    return database_snapshot.value


@pytest.fixture
def client(app):
    client = app.test_client()
    assert sign_in(client, ANALYST).status_code == 302
    return client


REPORT = "/staff/surveys/mentions-survey/questions/barriers/report"


def card(page: str, label: str) -> str:
    """The text of one theme's card on the report."""
    match = re.search(rf'<h3 id="t\d+">{label}</h3>(.*?)</section>', page, re.DOTALL)
    assert match, label
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_a_theme_others_speak_of_shows_its_answers_and_its_mentions(client):
    page = client.get(REPORT).get_data(as_text=True)
    childcare = card(page, "Childcare")
    assert "12 answers" in childcare and "21 mentions" in childcare
    assert "9 more answers, mainly about another theme, speak of this one too" in childcare
    assert "How themes are counted: each answer counts once" in page


def test_a_theme_no_other_answer_speaks_of_prints_no_mentions(client):
    bus = card(client.get(REPORT).get_data(as_text=True), "Bus")
    assert "20 answers" in bus and "mentions" not in bus


def test_mentions_that_would_reveal_a_small_group_are_hidden(client):
    page = client.get(REPORT).get_data(as_text=True)
    evening = card(page, "Evening classes")
    assert "10 answers" in evening and "hidden* mentions" in evening
    assert "13 mentions" not in page and "3 more answers" not in page
    assert "* " in page  # the footnote that explains the hidden number


def test_hidden_mentions_read_as_spanish_to_a_spanish_reading_member_of_staff(app):
    from tests.staff.conftest import set_language

    set_language(app, ANALYST, "es")
    spanish = app.test_client()
    assert sign_in(spanish, ANALYST).status_code == 302
    page = spanish.get(REPORT).get_data(as_text=True)
    evening = page.split('<span lang="en">Evening classes</span></h3>', 1)[1].split("</section>", 1)[0]
    assert "menciones ocultas*" in evening and "oculto* menciones" not in evening


def test_shares_and_breakdowns_say_they_count_answers_in_their_main_theme(client):
    page = re.sub(r"<[^>]+>", "", client.get(REPORT).get_data(as_text=True))
    assert "48% of answers" in page  # Bus: 20 of 42 answers in themes, not of 54 mentions
    assert "counts that group's answers by their main theme (each answer once" in page
    assert "42 answers in themes" in page


def test_the_theme_page_says_what_its_count_counts(client, made):
    url = f"/staff/runs/{made['run']}/themes/{made['themes']['Childcare']}"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(url).get_data(as_text=True)))
    assert "12 answers whose main theme this is" in text
    assert "21 mentions: 9 more answers, mainly about another theme, speak of this one too" in text
    small = f"/staff/runs/{made['run']}/themes/{made['themes']['Evening classes']}"
    text = re.sub(r"<[^>]+>", "", client.get(small).get_data(as_text=True))
    assert "10 answers whose main theme this is" in text
    assert "13 mentions" not in text and "3 more answers" not in text


def test_a_higher_threshold_hides_mentions_it_no_longer_allows(app, made):
    """At 10, Childcare's 9 mentions from other themes are a small group: its size stays, its mentions go."""
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == made["run"]))
        run.survey.partnership.small_cell_threshold = 10
        lines = {line.label: line for line in theme_report(run).themes}
        db.session.rollback()
    childcare = lines["Childcare"]
    assert childcare.size == 12 and childcare.mentions.total is None and childcare.mentions.also is None


def test_the_download_carries_answers_and_mentions_protected_as_on_the_page(client):
    rows = {row["theme"]: row for row in client.get(REPORT + ".json").get_json() if row["table"] == "Themes"}
    assert (rows["Childcare"]["answers"], rows["Childcare"]["mentions"]) == (12, 21)
    assert (rows["Bus"]["answers"], rows["Bus"]["mentions"]) == (20, 20)
    evening = rows["Evening classes"]
    assert evening["answers"] == 10 and evening["mentions"] is None and evening["mentions hidden"] is True
    notes = " ".join(row["theme"] for row in client.get(REPORT + ".json").get_json() if row["table"] == "Note")
    assert "answers: each answer counted once, in its main theme" in notes
    assert "mentions hidden: true where the number is hidden to protect small groups" in notes
    csv = client.get(REPORT + ".csv").get_data(as_text=True)
    assert csv.lstrip("\ufeff").splitlines()[0].startswith("table,group,theme,answers,share,answers hidden,mentions,mentions hidden")


def test_the_api_gives_mentions_and_each_answers_second_theme(app, made):
    headers = {"Authorization": f"Bearer {made['token']}"}
    client = app.test_client()
    themes = {t["label"]: t for t in client.get(f"/api/v1/staff/runs/{made['run']}", headers=headers).get_json()["themes"]}
    assert (themes["Childcare"]["size"], themes["Childcare"]["mentions"]) == (12, 21)
    assert (themes["Bus"]["size"], themes["Bus"]["mentions"]) == (20, 20)
    assert (themes["Evening classes"]["size"], themes["Evening classes"]["mentions"]) == (10, None)
    rows = client.get(f"/api/v1/staff/runs/{made['run']}/assignments", headers=headers,
                      query_string={"limit": 1000}).get_json()["assignments"]
    childcare = made["themes"]["Childcare"]
    assert sum(1 for row in rows if row["second_theme"] == childcare) == 9
    assert all(row["second_theme"] != row["theme"] for row in rows)
