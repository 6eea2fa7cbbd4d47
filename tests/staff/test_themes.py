"""The staff journey: find themes on the demo's career-seeker barriers, read the report with its
equity breakdowns, curate, re-run, and find the curation kept."""

import csv as csv_module
import io
import re

import pytest

from feedback.accounts import add_user
from feedback.models import AuditEvent, Role, Theme, ThemeRun
from surveys.db import db
from surveys.models import Partnership
from tests.staff.conftest import PASSWORD, sign_in

SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"


CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def add_analyst(app, partnership_slug: str) -> None:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        add_user("lead@demo.example", partnership, Role.ANALYST, PASSWORD)
        db.session.commit()
        db.session.remove()


def find_themes_as_analyst(app) -> None:
    client = app.test_client()
    assert sign_in(client, "lead@demo.example").status_code == 302
    find_themes(client)


@pytest.fixture(scope="module")
def snapshots(test_database) -> dict:
    """The demo (seed 3, half size) with an analyst, and the same after the analyst found themes for
    QUESTION from the page: each built once for the session."""
    demo = test_database.demo(seed=3, scale=0.5)
    analyst = test_database.snapshot("demo seed 3 scale 0.5, analyst", lambda app: add_analyst(app, demo.value),
                                     base=demo, config=CONFIG)
    found = test_database.snapshot("demo seed 3 scale 0.5, analyst, barriers_detail themes found on the page",
                                   find_themes_as_analyst, base=analyst, config=CONFIG)
    return {"demo": analyst, "themes found": found}


@pytest.fixture
def database_snapshot(request, snapshots):
    """A test that asks for ``themes_found`` starts where an analyst has just found themes for QUESTION;
    the others start before any run, and find themes themselves when that is what they test."""
    return snapshots["themes found" if "themes_found" in request.fixturenames else "demo"]


@pytest.fixture
def themes_found(app) -> None:
    """Themes found for QUESTION over all waves, as ``find_themes`` finds them (see ``database_snapshot``)."""


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert sign_in(client, "lead@demo.example").status_code == 302
    return client


def find_themes(staff):
    response = staff.post(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes", data={"wave": ""})
    assert response.status_code == 302
    run_page = staff.get(response.headers["Location"])
    assert run_page.status_code == 302, "a finished run redirects to its report"
    report = staff.get(run_page.headers["Location"])
    assert report.status_code == 200
    return report.get_data(as_text=True)


def theme_labels(app):
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).order_by(ThemeRun.id.desc()))
        return {t.label: t.size for t in run.themes if not (t.hidden or t.retired)}, run.public_id


def test_report_shows_themes_quotes_chart_and_breakdowns(app, staff):
    page = find_themes(staff)
    labels, _ = theme_labels(app)
    assert len(labels) >= 3
    for label in labels:
        assert label.replace("'", "&#39;") in page
    assert "<svg" in page and 'role="img"' in page  # server-rendered chart with a text alternative
    assert "<blockquote>" in page
    assert "number of themes chosen automatically" in page
    assert "chose how many groups fit the answers best" in page  # in plain words; jargon only in the JSON
    assert "silhouette" not in page and "tfidf" not in page
    method = [r["theme"] for r in staff.get(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report.json").get_json()
              if r["table"] == "Method"]
    assert any(m.startswith("k_choice: ") and "silhouette" in m for m in method), method
    for heading in ("Language", "Partner link"):
        assert f"<caption><strong>{heading}</strong></caption>" in page
    # The equity lens never prints a count between 1 and the threshold.
    for cell in re.findall(r'<td class="num">([^<]*)</td>', page):
        count = re.match(r"\s*(\d+)", cell)
        if count:
            assert int(count.group(1)) == 0 or int(count.group(1)) >= 5, cell
    assert "hidden*" in page and "* Hidden to protect small groups" in page


def test_merge_is_kept_when_themes_are_found_again(app, staff, themes_found):
    before, run_id = theme_labels(app)
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == run_id))
        first, second = sorted((t for t in run.themes if not t.other), key=lambda t: -t.size)[:2]
        first_id, second_id, second_label = first.id, second.id, second.label
        expected_size = first.size + second.size
    response = staff.post(f"/staff/runs/{run_id}/themes/{first_id}/merge", data={"target": second_id})
    assert response.status_code == 302
    merged, _ = theme_labels(app)
    assert len(merged) == len(before) - 1 and merged[second_label] == expected_size

    staff.post(f"/staff/runs/{run_id}/themes/{second_id}/rename", data={"label": "Getting there"})
    curated, _ = theme_labels(app)
    assert curated["Getting there"] == expected_size

    page = find_themes(staff)  # a new run over the same answers
    again, new_run_id = theme_labels(app)
    assert new_run_id != run_id
    assert again == curated
    assert "Getting there" in page
    with app.app_context():
        actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["theme.merge", "theme.rename"]


def test_hidden_theme_is_listed_apart(app, staff, themes_found):
    labels, run_id = theme_labels(app)
    with app.app_context():
        theme = db.session.scalar(db.select(Theme).where(Theme.label == next(iter(labels))))
        theme_id, label = theme.id, theme.label
    staff.post(f"/staff/runs/{run_id}/themes/{theme_id}/hide")
    page = staff.get(f"/staff/runs/{run_id}", follow_redirects=True).get_data(as_text=True)
    assert "Marked not useful" in page
    assert f'id="t{theme_id}"' not in page  # no longer among the themes
    assert label.replace("'", "&#39;") in page[page.index("Marked not useful"):]


def test_drill_down_lists_every_answer_of_a_theme(app, staff, themes_found):
    labels, run_id = theme_labels(app)
    with app.app_context():
        theme = db.session.scalar(db.select(Theme).where(Theme.label == next(iter(labels))))
        theme_id, size = theme.id, theme.size
    page = staff.get(f"/staff/runs/{run_id}/themes/{theme_id}").get_data(as_text=True)
    assert f"{size} answers" in page
    assert page.count("<blockquote>") == min(size, 50)


def test_report_export_keeps_suppression(app, staff, themes_found):
    csv = staff.get(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report.csv")
    assert csv.status_code == 200 and "attachment" in csv.headers["Content-Disposition"]
    assert csv.headers["Content-Type"] == "text/csv; charset=utf-8"  # said once
    text = csv.get_data(as_text=True)
    rows = list(csv_module.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    hidden = [row for row in rows if row["answers hidden"].lower() == "true"]
    assert hidden and all(row["answers"] == "" for row in hidden)  # flagged, and the number left out
    assert "hidden to protect small groups" in text
    xlsx = staff.get(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report.xlsx")
    assert xlsx.data[:2] == b"PK"


def test_closed_questions_get_protected_counts_and_breakdowns(app, staff):
    with app.app_context():
        from surveys.models import Question, Survey

        questions = db.session.execute(
            db.select(Question.key, Question.type).join(Survey).where(Survey.slug == SURVEY)).all()
    keys = {kind: key for key, kind in questions}
    for kind in ("single_choice", "multiple_choice", "rating", "agreement"):
        if kind not in keys:
            continue
        page = staff.get(f"/staff/surveys/{SURVEY}/questions/{keys[kind]}/summary")
        assert page.status_code == 200, kind
        text = page.get_data(as_text=True)
        assert "<caption><strong>Language</strong></caption>" in text
        for cell in re.findall(r'<td class="num">([^<]*)</td>', text):
            count = re.match(r"\s*(\d+)", cell)
            if count and "." not in cell.split()[0] and not cell.endswith("%"):
                assert int(count.group(1)) == 0 or int(count.group(1)) >= 5, (kind, cell)
    assert staff.get(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/summary").status_code == 404


def test_the_rename_box_takes_no_more_than_the_server_keeps(staff, themes_found):
    """A name longer than the server allows was refused after typing, and the typed name was lost: the box
    stops at the same length."""
    from feedback.curation import MAX_THEME_NAME

    page = staff.get(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report").get_data(as_text=True)
    lengths = set(re.findall(r'<input id="rename-\d+" name="label" value="[^"]*" maxlength="(\d+)"', page))
    assert lengths == {str(MAX_THEME_NAME)}
