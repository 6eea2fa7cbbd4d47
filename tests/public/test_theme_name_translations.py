"""A theme staff rename is also named for readers of the survey's other languages: the public page in
Spanish shows the staff's Spanish name, a re-run keeps it, an empty field falls back, and only those who
may curate give one."""

from __future__ import annotations

import re

import pytest

from feedback.curation import carry_over
from feedback.models import AuditEvent, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.services.public import publish_run
from surveys.db import db
from tests.public.helpers import add_members, build_partnership, main_text, show_themes, staff

REPORT = "/staff/surveys/valley-seekers/questions/barriers/report"


@pytest.fixture
def built(app):
    """The valley partnership (survey in English and Spanish), its run on the public page, one member of
    each role."""
    with app.app_context():
        return add_members(show_themes(build_partnership({"Bus routes": 12, "Night shifts": 9})))


def rename(member, built, theme: str, label: str, **translations: str):
    data = {"label": label} | {f"label-{code}": name for code, name in translations.items()}
    return member.post(f"/staff/runs/{built.run}/themes/{built.themes[theme]}/rename", data=data)


def public_names(client, language: str) -> list[str]:
    """The listed themes' names as the public page in ``language`` prints them, with any lang mark."""
    html = client.get(f"/p/valley?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}">' in html
    return re.findall(r"<li><(strong[^>]*>[^<]*)</strong>", html)


def test_the_spanish_page_shows_the_name_staff_gave_in_spanish(app, client, built):
    analyst = staff(app, "analyst")
    reply = rename(analyst, built, "Bus routes", "Bus schedules", es="Horarios del autobús")
    assert reply.status_code == 302 and reply.location.endswith(f"#t{built.themes['Bus routes']}")

    # In the page's own language (no lang mark of another): a Spanish reader reads what staff chose.
    assert public_names(client, "es") == ["strong>Horarios del autobús", 'strong lang="en">Night shifts']
    assert public_names(client, "en") == ["strong>Bus schedules", "strong>Night shifts"]
    # The staff report prints the Spanish name beside the theme, marked Spanish.
    html = analyst.get(REPORT).get_data(as_text=True)
    assert 'Name in Spanish: <span lang="es" dir="auto">Horarios del autobús</span>' in html
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "theme.rename"))
        assert event.details["label"] == "Bus routes" and event.details["new_label"] == "Bus schedules"
        assert event.details["translations"] == {} and event.details["new_translations"] == {"es": "Horarios del autobús"}


def test_the_rename_form_asks_for_each_other_language_of_the_survey_by_name(app, built):
    html = staff(app, "analyst").get(REPORT).get_data(as_text=True)
    theme = built.themes["Bus routes"]
    assert f'<label for="rename-{theme}-es">Name in Spanish (optional)</label>' in html
    field = re.search(rf'<input id="rename-{theme}-es"[^>]*>', html).group(0)
    assert 'name="label-es"' in field and 'lang="es"' in field and "required" not in field
    assert f"rename-{theme}-en" not in html  # English is the name itself


def test_a_re_run_keeps_the_spanish_name(app, client, built):
    rename(staff(app, "analyst"), built, "Bus routes", "Bus schedules", es="Horarios del autobús")
    with app.app_context():
        newer = _run_again(built)
        publish_run(newer, user_id=None)
        db.session.commit()
        assert newer.public_id != built.run
    assert public_names(client, "es")[0] == "strong>Horarios del autobús"
    assert public_names(client, "en")[0] == "strong>Bus schedules"


def test_an_empty_spanish_name_falls_back_and_clearing_one_removes_it(app, client, built):
    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus schedules", es="")
    assert public_names(client, "es")[0] == 'strong lang="en">Bus schedules'  # as before: the staff name
    rename(analyst, built, "Bus routes", "Bus schedules", es="Horarios del autobús")
    reply = rename(analyst, built, "Bus routes", "Bus schedules", es="  ")
    assert reply.status_code == 302
    assert public_names(client, "es")[0] == 'strong lang="en">Bus schedules'
    assert "Name in Spanish:" not in analyst.get(REPORT).get_data(as_text=True)


def test_a_refused_spanish_name_comes_back_as_typed_and_nothing_changes(app, client, built):
    analyst = staff(app, "analyst")
    rename(analyst, built, "Night shifts", "Night shifts", es="Turnos de noche")
    reply = rename(analyst, built, "Bus routes", "Bus schedules", es="turnos de NOCHE")
    assert reply.status_code == 422
    html = reply.get_data(as_text=True)
    assert "Another theme is already called “Turnos de noche” in Spanish: merge the two instead." in main_text(html)
    theme = built.themes["Bus routes"]
    assert re.search(rf'<input id="rename-{theme}-es"[^>]*value="turnos de NOCHE"', html)
    assert re.search(rf'<input id="rename-{theme}"[^>]*value="Bus schedules"', html)
    too_long = rename(analyst, built, "Bus routes", "Bus schedules", es="x" * 121)
    assert too_long.status_code == 422
    assert "A theme name in Spanish is at most 120 characters." in main_text(too_long.get_data(as_text=True))
    assert public_names(client, "es")[0] == 'strong lang="en">Bus routes'  # nothing renamed


def test_a_member_who_may_not_curate_cannot_name_a_theme(app, client, built):
    partner = staff(app, "partner")  # works for an organization that does not run the survey
    assert rename(partner, built, "Bus routes", "Bus schedules", es="Horarios").status_code == 403
    assert 'name="label-es"' not in partner.get(REPORT).get_data(as_text=True)
    assert public_names(client, "es")[0] == 'strong lang="en">Bus routes'


def test_a_spanish_name_is_escaped_everywhere(app, client, built):
    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus schedules", es="<b>Autobús</b>")
    for html in (client.get("/p/valley?lang=es").get_data(as_text=True), analyst.get(REPORT).get_data(as_text=True)):
        assert "<b>Autobús" not in html and "&lt;b&gt;Autobús&lt;/b&gt;" in html


def _run_again(built) -> ThemeRun:
    """A new finished run of the question over the same answers, found as the first was (same themes,
    each answer where the engine put it), with the staff's curation carried over."""
    old = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == built.run))
    db.session.execute(db.update(ThemeAssignment).where(ThemeAssignment.run_id == old.id)
                       .values(engine_theme_id=ThemeAssignment.theme_id))
    run = ThemeRun(survey=old.survey, question=old.question, status=RunStatus.FINISHED)
    db.session.add(run)
    for position, (label, answers) in enumerate(built.answers.items()):
        theme = Theme(run=run, position=position, engine_label=label, label=label, size=len(answers))
        db.session.add(theme)
        db.session.flush()
        db.session.add_all(ThemeAssignment(run_id=run.id, answer_id=a, theme_id=theme.id, engine_theme_id=theme.id)
                           for a in answers)
    db.session.flush()
    assert carry_over(run) == []
    db.session.commit()
    return run


def test_a_spanish_reading_member_of_staff_reads_the_fields_and_names_in_spanish(app, built):
    from tests.staff.conftest import set_language

    set_language(app, "analyst@valley.example", "es")
    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus schedules", es="Horarios del autobús")
    html = analyst.get(REPORT).get_data(as_text=True)
    assert f'<label for="rename-{built.themes["Bus routes"]}-es">Nombre en español (opcional)</label>' in html
    assert 'Nombre en español: <span lang="es" dir="auto">Horarios del autobús</span>' in html
    refused = rename(analyst, built, "Night shifts", "Night shifts", es="horarios del autobús")
    assert "Otro tema ya se llama «Horarios del autobús» en español" in main_text(refused.get_data(as_text=True))


def test_a_draft_run_cannot_give_a_spanish_name_a_published_theme_has(app, client, built):
    """Names in other languages are the lineage's, shared with the run on the public page: a theme hidden
    in a newer run, but listed publicly, still holds its Spanish name there."""
    analyst = staff(app, "analyst")
    rename(analyst, built, "Night shifts", "Night shifts", es="Turnos de noche")
    with app.app_context():
        newer = _run_again(built)
        draft = newer.public_id
        ids = {theme.label: theme.id for theme in newer.themes}
    assert analyst.post(f"/staff/runs/{draft}/themes/{ids['Night shifts']}/hide").status_code == 302
    reply = analyst.post(f"/staff/runs/{draft}/themes/{ids['Bus routes']}/rename",
                         data={"label": "Bus routes", "label-es": "Turnos de noche"})
    assert reply.status_code == 422
    assert "Another theme is already called “Turnos de noche” in Spanish" in main_text(reply.get_data(as_text=True))
    assert public_names(client, "es") == ['strong lang="en">Bus routes', "strong>Turnos de noche"]


def test_the_rename_form_says_names_in_other_languages_reach_the_public_page(app, built):
    html = staff(app, "analyst").get(REPORT).get_data(as_text=True)
    theme = built.themes["Bus routes"]
    assert f'<label for="rename-{theme}">Name in English</label>' in html
    hint = re.search(rf'<p class="muted" id="translations-hint-{theme}">([^<]*)</p>', html).group(1)
    assert "every wave and report of this question, the one on the public page included" in hint
    field = re.search(rf'<input id="rename-{theme}-es"[^>]*>', html).group(0)
    assert f'aria-describedby="translations-hint-{theme}"' in field


def test_a_refused_name_marks_its_field_and_takes_the_focus(app, built):
    analyst = staff(app, "analyst")
    theme = built.themes["Bus routes"]
    html = rename(analyst, built, "Bus routes", "Bus schedules", es="x" * 121).get_data(as_text=True)
    spanish = re.search(rf'<input id="rename-{theme}-es"[^>]*>', html).group(0)
    english = re.search(rf'<input id="rename-{theme}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in spanish and "autofocus" in spanish
    assert f'aria-describedby="translations-hint-{theme} rename-problem-{theme}"' in spanish
    assert "aria-invalid" not in english and "autofocus" not in english
    html = rename(analyst, built, "Bus routes", "Night shifts", es="Horarios").get_data(as_text=True)
    english = re.search(rf'<input id="rename-{theme}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in english and f"rename-problem-{theme}" in english
    assert "aria-invalid" not in re.search(rf'<input id="rename-{theme}-es"[^>]*>', html).group(0)


def test_a_refused_rename_of_a_theme_marked_not_useful_since_says_why(app, built):
    """A tab opened before the theme was marked not useful: its form is gone, its refusal is not."""
    analyst = staff(app, "analyst")
    theme = built.themes["Bus routes"]
    assert analyst.post(f"/staff/runs/{built.run}/themes/{theme}/hide").status_code == 302
    reply = rename(analyst, built, "Bus routes", "Bus schedules", es="x" * 121)
    assert reply.status_code == 422
    html = reply.get_data(as_text=True)
    item = html.split(f'<li id="h{theme}">', 1)[1].split("</li>", 1)[0]
    assert "A theme name in Spanish is at most 120 characters." in item


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u2066\u200d\u2069", " \u200b\u200b "])
def test_a_spanish_name_of_nothing_visible_is_refused(app, client, built, invisible):
    reply = rename(staff(app, "analyst"), built, "Bus routes", "Bus routes", es=invisible)
    assert reply.status_code == 422
    assert "The name in Spanish has no character that shows" in main_text(reply.get_data(as_text=True))
    assert public_names(client, "es")[0] == 'strong lang="en">Bus routes'


def test_direction_controls_are_dropped_from_names(app, client, built):
    rename(staff(app, "analyst"), built, "Bus routes", "\u202eBus schedules", es="Horarios\u202e del autobús\u2069")
    assert public_names(client, "es")[0] == "strong>Horarios del autobús"
    assert public_names(client, "en")[0] == "strong>Bus schedules"


def test_saving_the_names_a_theme_has_records_nothing(app, built):
    from feedback.models import CurationStep

    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus schedules", es="Horarios")
    reply = rename(analyst, built, "Bus routes", "Bus schedules ", es=" Horarios")
    assert reply.status_code == 302
    assert "Nothing changed: the theme already has these names." in analyst.get(reply.location).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CurationStep)) == 1
        assert db.session.scalar(db.select(db.func.count()).where(AuditEvent.action == "theme.rename")) == 1


@pytest.mark.parametrize("typed", ["Hablar ingle\u0301s", "Hablar\u00a0inglés", "hablar \u2003 INGLÉS"])
def test_a_spanish_name_another_theme_has_is_refused_whatever_its_accents_and_spaces(app, client, built, typed):
    analyst = staff(app, "analyst")
    rename(analyst, built, "Night shifts", "Night shifts", es="Hablar inglés")
    reply = rename(analyst, built, "Bus routes", "Bus routes", es=typed)
    assert reply.status_code == 422
    assert "Another theme is already called “Hablar inglés” in Spanish" in main_text(reply.get_data(as_text=True))
    assert public_names(client, "es")[0] == 'strong lang="en">Bus routes'


def test_names_are_kept_composed_with_plain_single_spaces(app, client, built):
    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus\u00a0\u00a0ro\u0301utes", es="Hablar\u00a0 ingle\u0301s")
    assert public_names(client, "es")[0] == "strong>Hablar inglés"
    assert public_names(client, "en")[0] == "strong>Bus róutes"
    refused = rename(analyst, built, "Night shifts", "bus  RÓUTES")
    assert "Another theme is already called “Bus róutes”" in main_text(refused.get_data(as_text=True))


def test_a_rename_without_the_spanish_field_keeps_the_spanish_name(app, client, built):
    """A stale or hand-made form lacking the field deletes nothing; the field sent empty still clears it."""
    analyst = staff(app, "analyst")
    rename(analyst, built, "Bus routes", "Bus schedules", es="Horarios del autobús")
    assert rename(analyst, built, "Bus routes", "Bus timetables").status_code == 302
    assert public_names(client, "es")[0] == "strong>Horarios del autobús"
    assert public_names(client, "en")[0] == "strong>Bus timetables"
    assert rename(analyst, built, "Bus routes", "Bus timetables", es="").status_code == 302
    assert public_names(client, "es")[0] == 'strong lang="en">Bus timetables'
