"""The theme report and its downloads as staff get them from the demo: hidden numbers are labelled
honestly, exports carry numbers as numbers, and no format reveals what the page hides."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from openpyxl import load_workbook

from feedback.accounts import add_user
from feedback.jobs import start_theme_run
from feedback.models import Role, RunStatus, ThemeRun
from feedback.reports import HIDDEN_LABEL
from surveys.db import db
from surveys.models import Partnership, Question, Survey
from tests.staff.conftest import PASSWORD, sign_in

SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"
THRESHOLD = 5


CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def analyst_and_themes(app, partnership_slug: str) -> None:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        add_user("lead@demo.example", partnership, Role.ANALYST, PASSWORD)
        db.session.commit()
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY))
        question = db.session.scalar(db.select(Question).where(Question.survey_id == survey.id,
                                                               Question.key == QUESTION))
        # A fixed number of themes, so the language table has small cells to hide whichever way k would
        # be chosen (with or without the [semantic] extra).
        assert start_theme_run(survey, question, None, None, {"k": 12}).status is RunStatus.FINISHED
        db.session.commit()  # start_theme_run only flushes (inline, the run is done before it returns)
        db.session.remove()


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The demo (seed 3, half size) with an analyst and themes found for the career seekers' barriers,
    built once; each test starts from its own copy."""
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("demo seed 3 scale 0.5, analyst, barriers_detail themes k=12",
                                  lambda app: analyst_and_themes(app, demo.value), base=demo, config=CONFIG)


@pytest.fixture
def staff(app):
    """An analyst signed in to the demo, with themes found for the career seekers' barriers."""
    client = app.test_client()
    assert sign_in(client, "lead@demo.example").status_code == 302
    return client


def download(staff, fmt: str) -> bytes:
    response = staff.get(f"{REPORT}.{fmt}")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    return response.data


def csv_rows(staff) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(download(staff, "csv").decode("utf-8-sig"), newline="")))


def xlsx_rows(staff) -> tuple[list[str], list[list]]:
    sheet = load_workbook(io.BytesIO(download(staff, "xlsx"))).active
    header, *rows = sheet.iter_rows()
    return [cell.value for cell in header], rows


def page_cells(page: str) -> dict[tuple[str, str, str], str]:
    """``(table, group, column) -> text`` for every cell of the page's breakdown tables."""
    cells = {}
    for table in re.findall(r"<table>.*?</table>", page, re.DOTALL):
        name = html.unescape(re.search(r"<caption><strong>(.*?)</strong>", table).group(1))
        columns = [html.unescape(c) for c in re.findall(r'<th scope="col" class="num">(.*?)</th>', table)]
        for outcome, row in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table):
            texts = [html.unescape(t) for t in re.findall(r'<td class="num">(.*?)</td>', row)]
            for group, text in zip(columns, texts, strict=True):  # a row per theme, a column per group
                cells[(name, group, html.unescape(outcome))] = text
    return cells


def test_hidden_cells_say_hidden_with_both_reasons_and_never_claim_to_be_small(staff):
    page = staff.get(REPORT).get_data(as_text=True)
    hidden = re.findall(rf'<td class="num">{re.escape(HIDDEN_LABEL)}</td>', page)
    assert hidden, "the demo's breakdowns hide some cells"
    assert "fewer than 5*" not in page
    assert "* Hidden to protect small groups: fewer than 5 answers, or a number that would reveal one." in page


def test_csv_has_numbers_in_columns_of_their_own(staff):
    rows = csv_rows(staff)
    themes = [row for row in rows if row["table"] == "Themes" and row["answers"]]
    assert themes
    for row in rows:
        if row["table"] in ("Note", "Method"):
            continue
        assert re.fullmatch(r"\d*", row["answers"]), row  # "41", not "41 (16%)"
        assert row["answers hidden"] == ("TRUE" if not row["answers"] else "FALSE"), row
        if row["share"]:
            assert 0 <= float(row["share"]) <= 1, row
        if row["sentiment"]:
            assert -1 <= float(row["sentiment"]) <= 1, row  # "-0.04", not "'-0.04"
    assert any(float(row["sentiment"] or 0) < 0 for row in themes), "negative sentiment stays a number"


def test_xlsx_stores_numbers_as_numbers_even_negative_ones(staff):
    header, rows = xlsx_rows(staff)
    column = {name: index for index, name in enumerate(header)}
    data = [row for row in rows if row[column["table"]].value not in ("Note", "Method")]
    for row in data:
        answers, share, flag = row[column["answers"]], row[column["share"]], row[column["answers hidden"]]
        assert answers.value is None or (answers.data_type == "n" and isinstance(answers.value, int))
        assert share.value is None or share.data_type == "n"
        assert flag.value is (answers.value is None)
    sentiments = [row[column["sentiment"]] for row in data if row[column["sentiment"]].value is not None]
    assert sentiments and all(cell.data_type == "n" for cell in sentiments)
    assert any(cell.value < 0 for cell in sentiments)
    assert all(cell.data_type != "f" for row in rows for cell in row)


def test_json_gives_programs_numbers_and_nulls(staff):
    records = json.loads(download(staff, "json"))
    data = [r for r in records if r["table"] not in ("Note", "Method")]
    assert all(r["answers"] is None or type(r["answers"]) is int for r in data)
    assert all(r["share"] is None or isinstance(r["share"], float) for r in data)
    assert all(r["answers hidden"] is (r["answers"] is None) for r in data)
    assert any(isinstance(r["sentiment"], float) and r["sentiment"] < 0 for r in data)


def test_a_formula_in_a_theme_name_stays_text_and_numbers_stay_numbers(app, staff):
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).order_by(ThemeRun.id.desc()))
        theme = max((t for t in run.themes if not t.other), key=lambda t: t.size)
        run_id, theme_id = run.public_id, theme.id
    label = '=HYPERLINK("http://evil.example","x")'
    assert staff.post(f"/staff/runs/{run_id}/themes/{theme_id}/rename", data={"label": label}).status_code == 302
    header, rows = xlsx_rows(staff)
    column = {name: index for index, name in enumerate(header)}
    row = next(row for row in rows if row[column["theme"]].value == "'" + label)
    assert row[column["theme"]].data_type == "s"
    assert row[column["answers"]].data_type == "n" and row[column["answers"]].value > 0
    assert next(r for r in csv_rows(staff) if r["theme"] == "'" + label)["answers"].isdigit()


def test_every_format_shows_exactly_the_pages_numbers(staff):
    page = page_cells(staff.get(REPORT).get_data(as_text=True))
    for rows in (csv_rows(staff), json.loads(download(staff, "json"))):
        exported = {(r["table"], r["group"], r["theme"]): r for r in rows
                    if r["table"] not in ("Themes", "Note", "Method")}
        assert set(exported) == set(page)
        for key, text in page.items():
            answers = exported[key]["answers"]
            if text == HIDDEN_LABEL:
                assert answers in ("", None), key
            else:
                assert int(answers) == int(text.split()[0]), key


def test_people_who_came_through_the_plain_link_are_a_group_of_their_own(staff):
    page = page_cells(staff.get(REPORT).get_data(as_text=True))
    groups = {group for table, group, _ in page if table == "Partner link"}
    assert "Direct link" in groups and "Not answered" not in groups
    assert {"Casa de Familia Community Center", "Mesa Community College"} <= groups
