"""Translating a survey with a file, as staff do it: download XLIFF or PO, a translator fills it, the
import previews every change and problem, then adds the language through the builder's own save; a
respondent then reads the survey in it. Access, a survey changed under a preview, and broken files."""

from __future__ import annotations

import io
import re

from defusedxml.ElementTree import fromstring

from surveys import translation_files as files
from surveys.db import db
from surveys.models import Response, Survey
from tests.staff.conftest import sign_in

NS = {"x": files.XLIFF_NS}
VIETNAMESE = {"title": "Khảo sát", "sections.main.title": "Câu hỏi",
              "sections.main.questions.barriers.text": "Điều gì làm cho việc tìm việc khó khăn?"}


def signed_in(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def languages(app, slug: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalar(db.select(Survey.languages).where(Survey.slug == slug)))


def filled_xliff(body: bytes, words: dict[str, str]) -> bytes:
    """An exported XLIFF with a target written into each unit, as a translator's tool saves it."""
    text = body.decode()
    root = fromstring(body)
    for unit in root.iter(f"{{{files.XLIFF_NS}}}trans-unit"):
        assert unit.find("x:target", NS) is None  # nothing in Vietnamese yet
        source = f'<source>{unit.find("x:source", NS).text}</source>'
        text = text.replace(source, f'{source}\n<target state="translated">{words[unit.get("id")]}</target>', 1)
    return text.encode()


def upload(client, slug: str, content: bytes, name: str = "survey.vi.xlf"):
    return client.post(f"/staff/surveys/{slug}/translations/preview",
                       data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def apply_form(html: str) -> dict:
    """The hidden fields of the preview's "Import" form, as the browser would send them."""
    form = html.split('/translations/apply"', 1)[1].split("</form>", 1)[0]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form):
        fields.setdefault(name, []).append(value.replace("&#34;", '"').replace("&quot;", '"')
                                           .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                                           .replace("&amp;", "&"))
    return fields


def test_staff_add_vietnamese_through_a_translator_and_a_respondent_reads_it(app, world):
    client = signed_in(app, world.users["partner"])  # the partner whose organization runs the survey
    page = client.get(f"/staff/surveys/{world.survey}/builder").get_data(as_text=True)
    assert f"/staff/surveys/{world.survey}/translations" in page

    exported = client.get(f"/staff/surveys/{world.survey}/translations/download",
                          query_string={"source": "en", "target": "vi", "format": "xliff"})
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"] == f'attachment; filename="{world.survey}.vi.xlf"'
    translated = filled_xliff(exported.data, VIETNAMESE)

    preview = upload(client, world.survey, translated)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Vietnamese (Tiếng Việt) is not a language of the survey yet" in html
    assert "Điều gì làm cho việc tìm việc khó khăn?" in html and "What makes it hard?" in html
    assert languages(app, world.survey) == ["en", "es"]  # a preview saves nothing

    applied = client.post(f"/staff/surveys/{world.survey}/translations/apply", data=apply_form(html),
                          content_type="multipart/form-data")
    assert applied.status_code == 302 and applied.location.endswith("/builder#translations")
    assert languages(app, world.survey) == ["en", "es", "vi"]
    builder = client.get(applied.location).get_data(as_text=True)
    assert "3 texts imported, and the language added to the survey" in builder

    phone = app.test_client()
    start = phone.get(f"/s/{world.survey}?lang=vi", follow_redirects=True).get_data(as_text=True)
    assert "Khảo sát" in start and '<html lang="vi"' in start
    assert "Tiếng Việt" in start and "Español" in start  # the switch names each language in its own words
    page = phone.post(f"/s/{world.survey}/start?lang=vi", follow_redirects=True).get_data(as_text=True)
    assert "Điều gì làm cho việc tìm việc khó khăn?" in page and "Câu hỏi" in page
    done = phone.post(f"/s/{world.survey}/page/1", data={"q_barriers": "Không có xe buýt", "action": "submit"})
    assert done.status_code == 302
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        answered = db.session.scalars(db.select(Response).where(Response.survey_id == survey.id)
                                      .order_by(Response.id.desc())).first()
        assert answered.language == "vi" and answered.complete


def test_a_po_file_with_problems_previews_each_and_imports_only_the_good_texts(app, world):
    client = signed_in(app, world.users["analyst"])
    exported = client.get(f"/staff/surveys/{world.survey}/translations/download",
                          query_string={"source": "en", "target": "es", "format": "po"}).get_data(as_text=True)
    assert 'msgctxt "sections.main.questions.barriers.text"\nmsgid "What makes it hard?"\nmsgstr "¿Qué lo hace difícil?"' in exported
    changed = (exported.replace('msgstr "Preguntas"', 'msgstr "Sus preguntas"')
               .replace('msgstr "¿Qué lo hace difícil?"', 'msgstr "' + "x" * 1001 + '"')
               + '\nmsgctxt "sections.main.questions.gone.text"\nmsgid "Gone"\nmsgstr "Ido"\n')
    preview = upload(client, world.survey, changed.encode(), "survey.es.po")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Texts to check (2)" in html and "at most 1,000 characters" in html and "No text of the survey has this id" in html
    assert "What changes (1)" in html and "Sus preguntas" in html

    applied = client.post(f"/staff/surveys/{world.survey}/translations/apply", data=apply_form(html),
                          content_type="multipart/form-data")
    assert applied.status_code == 302
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        assert survey.sections[0]["title"]["es"] == "Sus preguntas"
        assert survey.questions[0].text["es"] == "¿Qué lo hace difícil?"  # the refused text kept its words


def test_a_survey_changed_after_the_preview_is_not_overwritten(app, world):
    client = signed_in(app, world.users["admin"])
    exported = client.get(f"/staff/surveys/{world.survey}/translations/download",
                          query_string={"source": "en", "target": "es", "format": "po"}).get_data(as_text=True)
    html = upload(client, world.survey, exported.replace('msgstr "Preguntas"', 'msgstr "Otra"').encode(),
                  "s.po").get_data(as_text=True)
    assert client.post(f"/staff/surveys/{world.survey}/builder/pages/1",
                       data={"title_es": "Editado"}).status_code == 302
    applied = client.post(f"/staff/surveys/{world.survey}/translations/apply", data=apply_form(html),
                          content_type="multipart/form-data")
    assert applied.status_code == 409 and "The survey changed since this preview" in applied.get_data(as_text=True)
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        assert survey.sections[0]["title"]["es"] == "Editado"


def test_broken_files_and_bad_choices_get_a_reason_not_a_server_error(app, world):
    client = signed_in(app, world.users["admin"])
    for content in (b"", b"\x00\xff garbage", b"<xliff version='2.0'/>", b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
                    (b'<xliff version="1.2"><file target-language="es"><body><trans-unit id="title">'
                    b"<target>&#0;</target></trans-unit></body></file></xliff>")):
        response = upload(client, world.survey, content)
        assert response.status_code == 422, content
        assert "There is a problem" in response.get_data(as_text=True)
    for form in ({"language": "vi", "source": "en", "digest": "x", "words": "{not json"},
                 {"language": "<b>", "source": "en", "words": "{}"}, {}):
        assert client.post(f"/staff/surveys/{world.survey}/translations/apply", data=form).status_code in (409, 422)
    download = f"/staff/surveys/{world.survey}/translations/download"
    for query in ({"source": "fr", "target": "vi"}, {"source": "en", "target": "en"},
                  {"source": "en", "target": "not a code"}, {"source": "en", "target": "vi", "format": "docx"}):
        assert client.get(download, query_string=query).status_code == 400
    assert client.get(download, query_string={"source": "en", "other": "ko", "format": "po"}).status_code == 200
    assert languages(app, world.survey) == ["en", "es"]


def test_only_people_who_may_change_the_survey_translate_it(app, world):
    client = signed_in(app, world.users["partner"])
    base = f"/staff/surveys/{world.other_survey}/translations"
    assert client.get(base).status_code == 403
    assert client.get(f"{base}/download", query_string={"source": "en", "target": "vi"}).status_code == 403
    assert upload(client, world.other_survey, b"x").status_code == 403
    assert client.post(f"{base}/apply", data={}).status_code == 403


def test_a_language_the_interface_does_not_speak_is_added_and_kept_by_the_builder(app, world):
    client = signed_in(app, world.users["admin"])
    exported = client.get(f"/staff/surveys/{world.survey}/translations/download",
                          query_string={"source": "es", "other": "ko", "format": "po"}).get_data(as_text=True)
    assert '"Language: ko\\n"' in exported and 'msgid "Preguntas"' in exported
    translated = exported.replace('msgstr ""\n\n#. Page', 'msgstr "설문"\n\n#. Page', 1)
    html = upload(client, world.survey, translated.encode(), "s.ko.po").get_data(as_text=True)
    assert "Korean (한국어) is not a language of the survey yet" in html and "Still untranslated" in html
    client.post(f"/staff/surveys/{world.survey}/translations/apply", data=apply_form(html),
                content_type="multipart/form-data")
    assert languages(app, world.survey) == ["en", "es", "ko"]
    page = client.get(f"/staff/surveys/{world.survey}/builder").get_data(as_text=True)
    assert 'value="설문"' in page and page.count("translation</p>") == 2  # the other texts flagged missing
    assert re.search(r"<li>(ko|Korean): 2 missing</li>", page)  # with 3+ languages, gaps counted per language
    saved = client.post(f"/staff/surveys/{world.survey}/builder/survey",
                        data={"languages_shown": "1", "languages": ["en", "es", "ko"], "title_en": "Renamed"})
    assert saved.status_code == 302 and languages(app, world.survey) == ["en", "es", "ko"]


def test_a_language_typed_as_gettext_spells_it_is_the_surveys_own(app, world):
    """Typing ``ES`` or ``zh_Hans`` for a language the survey has gives its existing texts to the
    translator under the survey's code (a file for "ES" came back empty and as a new language)."""
    client = signed_in(app, world.users["admin"])
    download = f"/staff/surveys/{world.survey}/translations/download"
    body = client.get(download, query_string={"source": "en", "other": "ES", "format": "xliff"}).data
    root = fromstring(body)
    assert root.find("x:file", NS).get("target-language") == "es"
    assert any(unit.find("x:target", NS) is not None for unit in root.iter(f"{{{files.XLIFF_NS}}}trans-unit"))
    chinese = client.get(download, query_string={"source": "en", "other": "zh_Hans", "format": "po"})
    assert chinese.status_code == 200 and '"Language: zh_Hans\\n"' in chinese.get_data(as_text=True)
