"""What ``surveys`` and ``analysis`` tell staff (an import's errors, an XLSForm's or a translation file's
problems, the validator's findings, a run's progress, the labels analysis writes) reaches a staff member
who chose Spanish in Spanish, and one who did not, and the API, in the same English as before."""

from __future__ import annotations

import html
import io

import pytest
import sqlalchemy as sa
from flask import render_template_string

from feedback.models import Role, RunStatus, ThemeRun, User
from feedback.services import tokens as token_service
from surveys.db import db
from surveys.models import Partnership, Question, Survey
from tests import factories
from tests.staff.conftest import set_language, sign_in
from tests.staff.test_builder import answered  # noqa: F401  (a fixture)
from tests.staff.test_imports import mapped_form
from tests.surveys.xlsform_forms import kobo_sheets, q, workbook


@pytest.fixture
def readers(app, world) -> dict[str, object]:
    """Two analysts of the same partnership signed in: one chose Spanish, the other reads English."""
    set_language(app, world.users["analyst"], "es")
    spanish, english = app.test_client(), app.test_client()
    assert sign_in(spanish, world.users["analyst"]).status_code == 302
    assert sign_in(english, world.users["admin"]).status_code == 302
    return {"es": spanish, "en": english}


def text_of(reply) -> str:
    """The page as a person reads it: entities turned back into characters, spaces collapsed."""
    return " ".join(html.unescape(reply.get_data(as_text=True)).split())


def upload_answers(client, slug: str, data: bytes, filename: str):
    return client.post(f"/staff/surveys/{slug}/import", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename), "source": "Old tool"})


def test_a_file_of_answers_that_cannot_be_read_is_explained_in_the_readers_language(readers, world):
    old_excel = b"\xd0\xcf\x11\xe0" + b"\0" * 64
    spanish = text_of(upload_answers(readers["es"], world.survey, old_excel, "old.xls"))
    english = text_of(upload_answers(readers["en"], world.survey, old_excel, "old.xls"))
    assert "Es un Excel antiguo (.xls) u otro formato de hoja de cálculo: guárdelo como .xlsx o CSV." in spanish
    assert "This is an old Excel" not in spanish
    assert "This is an old Excel (.xls) or other spreadsheet format: save it as .xlsx or CSV." in english


def test_the_dry_run_says_each_rows_problem_and_the_date_reading_in_the_readers_language(readers, world):
    csv = (b"Timestamp,What makes it hard?\n"
           b"3/5/2024 14:03:22,The buses stop at 7 pm\n"
           b"yesterday,No childcare on weekends\n")
    pages = {}
    for language, client in readers.items():
        mapping = upload_answers(client, world.survey, csv, "answers.csv").get_data(as_text=True)
        pages[language] = text_of(client.post(f"/staff/surveys/{world.survey}/import/check",
                                               data=mapped_form(mapping, source="Old tool")))
    assert "no es una fecha y hora que Chorus pueda leer (p. ej., 2024-03-27 14:05)" in pages["es"]
    assert "Fechas de “Timestamp” leídas como m/d/Y: no se vio ningún día mayor que 12" in pages["es"]
    assert "not a date and time" not in pages["es"] and "Dates in" not in pages["es"]
    assert "not a date and time Chorus can read (e.g. 2024-03-27 14:05)" in pages["en"]
    assert "Dates in “Timestamp” read as m/d/Y: no day above 12 was seen" in pages["en"]


def test_a_mapping_that_fills_one_question_twice_is_refused_in_the_readers_language(readers, world):
    csv = b"Why,What makes it hard?\nBuses,No childcare\n"
    pages = {}
    for language, client in readers.items():
        mapping = upload_answers(client, world.survey, csv, "answers.csv").get_data(as_text=True)
        reply = client.post(f"/staff/surveys/{world.survey}/import/check",
                            data=mapped_form(mapping, source="Old tool", col_0="barriers", col_1="barriers"))
        assert reply.status_code == 422
        pages[language] = text_of(reply)
    assert "“Why” y “What makes it hard?” llenan las dos la pregunta barriers; asigne una de ellas a otra cosa." in pages["es"]
    assert "“Why” and “What makes it hard?” both fill question barriers; map one of them away." in pages["en"]


def test_an_xlsform_with_rows_chorus_cannot_use_is_explained_in_the_readers_language(readers, world):
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    data = workbook(sheets)
    pages = {}
    for language, client in readers.items():
        reply = client.post(f"/staff/partnerships/{world.partnership_slug}/surveys/import-xlsform",
                            data={"slug": "job-fair", "xlsform_file": (io.BytesIO(data), "job_fair.xlsx")},
                            content_type="multipart/form-data")
        assert reply.status_code == 422
        pages[language] = text_of(reply)
    assert "'geopoint' no tiene equivalente en Chorus; al omitirlo, la fila queda fuera" in pages["es"]
    assert "no Chorus equivalent" not in pages["es"]
    assert "'geopoint' has no Chorus equivalent; skipping leaves the row out" in pages["en"]
    left_out = readers["es"].post(f"/staff/partnerships/{world.partnership_slug}/surveys/import-xlsform",
                                  data={"slug": "job-fair", "skip_unmappable": "y",
                                        "xlsform_file": (io.BytesIO(data), "job_fair.xlsx")},
                                  content_type="multipart/form-data", follow_redirects=True)
    assert ("Se omitió: hoja survey, fila 10, columna type: 'geopoint' no tiene equivalente en Chorus"
            in text_of(left_out))


def test_a_translation_files_problems_and_places_are_said_in_the_readers_language(readers, world):
    exported = readers["en"].get(f"/staff/surveys/{world.survey}/translations/download",
                                 query_string={"source": "en", "target": "es", "format": "po"}).get_data(as_text=True)
    changed = (exported.replace('msgstr "¿Qué lo hace difícil?"', 'msgstr "' + "x" * 1001 + '"')
               + '\nmsgctxt "sections.main.questions.gone.text"\nmsgid "Gone"\nmsgstr "Ido"\n').encode()
    pages = {language: text_of(client.post(f"/staff/surveys/{world.survey}/translations/preview",
                                           data={"file": (io.BytesIO(changed), "survey.es.po")},
                                           content_type="multipart/form-data"))
             for language, client in readers.items()}
    assert "Demasiado largo: 1,000 caracteres como máximo (tiene 1,001)." in pages["es"]
    assert "Ningún texto de la encuesta tiene este id" in pages["es"] and "No está en la encuesta" in pages["es"]
    assert "Too long" not in pages["es"] and "Not in the survey" not in pages["es"]
    assert "Too long: at most 1,000 characters (it has 1,001)." in pages["en"]
    assert "No text of the survey has this id" in pages["en"]
    empty = {language: text_of(client.post(f"/staff/surveys/{world.survey}/translations/preview",
                                           data={"file": (io.BytesIO(b"<xml>"), "survey.vi.xlf")},
                                           content_type="multipart/form-data"))
             for language, client in readers.items()}
    assert "El archivo no es XML bien formado" in empty["es"]
    assert "The file is not well-formed XML" in empty["en"]


def test_the_validators_findings_on_an_imported_definition_are_said_in_the_readers_language(readers, world):
    definition = ('{"title": {"en": "Jobs"}, "audience": "community", "languages": ["en", "en"], '
                  '"sections": [{"key": "main", "title": {"en": "Main"}, '
                  '"questions": [{"key": "why", "type": "long_text", "text": {"en": ""}}]}]}')
    pages = {}
    for language, client in readers.items():
        reply = client.post(f"/staff/surveys/{world.survey}/builder/json", data={"definition": definition})
        assert reply.status_code == 422
        pages[language] = text_of(reply)
    assert 'languages[1]: idioma "en" repetido' in pages["es"]
    assert "sections[0].questions[0].text.en: debe ser un texto no vacío" in pages["es"]
    assert 'languages[1]: duplicate language "en"' in pages["en"]
    assert "sections[0].questions[0].text.en: must be non-empty text" in pages["en"]


def test_a_change_that_would_lose_answers_is_refused_in_the_readers_language(app, world, answered):  # noqa: F811
    set_language(app, world.users["admin"], "es")
    client = app.test_client()
    assert sign_in(client, world.users["admin"]).status_code == 302
    refused = client.post(f"/staff/surveys/{answered}/builder/questions/transport", data={
        "text_en": "How do you travel?", "options_shown": "1", "action": "option_remove:bus"})
    assert refused.status_code == 422
    page = text_of(refused)
    assert "Puede que haya personas que eligieron esta respuesta, así que no se puede quitar" in page
    assert "People may have chosen" not in page


def test_an_answer_on_a_scale_is_read_in_the_readers_language(app, readers, world):
    with app.app_context():
        survey = db.session.scalar(sa.select(Survey).where(Survey.slug == world.survey))
        question = Question(survey=survey, key="ease", type="rating", position=2, section="main",
                            text={"en": "How easy was it?", "es": "¿Qué tan fácil fue?"},
                            settings={"low_label": {"en": "Very hard", "es": "Muy difícil"}})
        db.session.add(question)
        factories.answer(factories.response(survey), question, value_number=1)
        db.session.commit()
    spanish = text_of(readers["es"].get(f"/staff/surveys/{world.survey}/responses"))
    english = text_of(readers["en"].get(f"/staff/surveys/{world.survey}/responses"))
    assert "1 en una escala de 1 a 5 (Very hard)" in spanish and "on a scale" not in spanish
    assert "1 on a scale of 1 to 5 (Very hard)" in english


def test_a_codebook_that_cannot_be_read_is_explained_in_the_readers_language(readers, world):
    pasted = "name,description\nChildcare help,Paying for daycare\n,no name here\n"
    pages = {}
    for language, client in readers.items():
        reply = client.post(f"/staff/surveys/{world.survey}/questions/barriers/themes",
                            data={"wave": "", "representation": "word-counts", "codes": pasted})
        assert reply.status_code == 422
        pages[language] = text_of(reply)
    assert ("La fila 3 del libro de códigos no tiene nombre: dé un nombre al código en la columna 'name'"
            in pages["es"])
    assert "Row 3 of the codebook has no name: give the code a name in the 'name' column" in pages["en"]


def test_a_runs_progress_is_said_in_the_readers_language_and_the_api_keeps_it_english(app, readers, world):
    with app.app_context():
        survey = db.session.scalar(sa.select(Survey).where(Survey.slug == world.survey))
        run = ThemeRun(survey=survey, question=survey.questions[0], status=RunStatus.RUNNING, progress=0.3,
                       message="Representing 1,200 distinct answers with tfidf")
        db.session.add(run)
        analyst = db.session.scalar(sa.select(User).where(User.email == world.users["analyst"]))
        partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == world.partnership_slug))
        _, token = token_service.create_token(analyst, partnership, Role.ANALYST, "runs", days=30)
        db.session.commit()
        public_id = run.public_id
    spanish = text_of(readers["es"].get(f"/staff/runs/{public_id}"))
    english = text_of(readers["en"].get(f"/staff/runs/{public_id}"))
    assert "Representando 1,200 respuestas distintas con tfidf" in spanish and "Representing" not in spanish
    assert "Representing 1,200 distinct answers with tfidf" in english
    api = app.test_client().get(f"/api/v1/staff/runs/{public_id}",
                                headers={"Authorization": f"Bearer {token}", "Accept-Language": "es"})
    assert api.get_json()["message"] == "Representing 1,200 distinct answers with tfidf"


@pytest.mark.parametrize(("written", "spanish"), [
    ("Other groups (fewer than 5 each)", "Otros grupos (menos de 5 cada uno)"),
    ("Other answers and smaller themes", "Otras respuestas y temas más pequeños"),
    ("Not answered", "Sin respuesta"),
    ("Citas médicas (gloss: appointment, doctor)", "Citas médicas (glosa: appointment, doctor)"),
    ("Nhà trẻ (in Vietnamese)", "Nhà trẻ (en vietnamita)"),
    ("Night buses", "Night buses"),  # a theme's own name is data: shown as written
])
def test_labels_analysis_writes_are_said_in_the_readers_language(app, written, spanish):
    template = "{{ label|analysis_label }}"
    with app.test_request_context("/staff/", headers={"Accept-Language": "es"}):
        assert html.unescape(render_template_string(template, label=written)) == spanish
    with app.test_request_context("/staff/", headers={"Accept-Language": "en"}):
        assert html.unescape(render_template_string(template, label=written)) == written


def test_a_summarys_average_of_small_languages_is_named_in_the_readers_language(app):
    """The averages table named the group of small languages in English on a Spanish page
    ("Idioma: Other groups (fewer than 5 each)")."""
    import pandas as pd

    from analysis.equity import Breakdown
    from feedback.reports.summaries import _averages

    frame = pd.DataFrame({"language": ["en"] * 6 + ["vi", "ar"], "value_number": [3, 4, 5, 4, 3, 5, 2, 1]})
    totals = pd.Series({"English": 6, "Other groups (fewer than 5 each)": pd.NA}, dtype="Int64")
    table = Breakdown("language", "value", 5, pd.DataFrame(), totals, pd.Series(dtype="Int64"), None)
    with app.test_request_context("/staff/", headers={"Accept-Language": "es"}):
        names = [row[0] for row in _averages(frame, table)]
    assert names == ["Idioma: Inglés", "Idioma: Otros grupos (menos de 5 cada uno)"]
