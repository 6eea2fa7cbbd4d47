"""Themes across waves: the codebook keeps curated themes from wave to wave and finds what is new; the
trend and group pages print only protected numbers and test only what they print."""

from __future__ import annotations

import re

import pytest

from feedback import curation
from feedback.jobs import start_theme_run
from feedback.models import CurationKind, RunStatus, Theme, ThemeAssignment, ThemeLineage, ThemeRun
from surveys.db import db
from surveys.models import Survey, Wave
from tests import factories
from tests.analysis.conftest import CHILDCARE, TRANSPORT
from tests.analysis.test_codebook import HOUSING
from tests.staff.conftest import make_world, sign_in

CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def survey_with_two_waves(slug: str) -> tuple[Survey, Wave, Wave]:
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
    spring = survey.waves[0]
    spring.label = "Spring"
    fall = Wave(survey=survey, label="Fall", position=2)
    db.session.add(fall)
    db.session.flush()
    return survey, spring, fall


def answer(survey: Survey, wave: Wave, text: str, language: str = "en", source: str | None = None) -> None:
    factories.answer(factories.response(survey, wave=wave, language=language, source=source),
                     survey.questions[0], value_text=text, wave_id=wave.id)


def build_engine_waves(app, world) -> dict:
    """``world`` with a spring wave about childcare and transport (the childcare theme renamed "Caring for
    kids") and a fall wave in which fewer speak of childcare and housing appears."""
    with app.app_context():
        survey, spring, fall = survey_with_two_waves(world.survey)
        for text in CHILDCARE * 4 + TRANSPORT * 3:
            answer(survey, spring, text)
        for text in CHILDCARE + TRANSPORT * 3 + HOUSING * 2:
            answer(survey, fall, text)
        first = start_theme_run(survey, survey.questions[0], spring, None)
        assert first.status is RunStatus.FINISHED, first.message
        childcare = max((t for t in first.themes if not t.other), key=lambda t: sum(
            word in " ".join(t.terms) for word in ("child", "kids", "daycare", "babysitter")))
        curation.record(first, CurationKind.RENAME, childcare, user_id=None, label="Caring for kids")
        second = start_theme_run(survey, survey.questions[0], fall, None)
        assert second.status is RunStatus.FINISHED, second.message
        db.session.commit()
        values = {"home": world, "spring": first.id, "fall": second.id, "lineage": childcare.lineage}
        db.session.remove()
    return values


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The staff world, its survey answered in two waves and read against a codebook (built once)."""
    base = test_database.snapshot("staff worlds home", lambda app: {"home": make_world(app, "home")})
    world = base.value["home"]
    return test_database.snapshot("staff world home, two waves read against a codebook",
                                  lambda app: build_engine_waves(app, world), base=base, config=CONFIG)


@pytest.fixture
def waves(database_snapshot) -> dict:
    return {**database_snapshot.value, "world": database_snapshot.value["home"]}


def test_a_renamed_theme_keeps_its_name_next_wave_and_new_answers_become_new_themes(app, waves):
    with app.app_context():
        fall = db.session.get(ThemeRun, waves["fall"])
        continued = [t for t in fall.themes if t.lineage == waves["lineage"]]
        assert [t.label for t in continued] == ["Caring for kids"]
        new = [t for t in fall.themes if t.lineage in fall.parameters["new_this_wave"]]
        assert new and all(t.lineage not in {s.lineage for s in db.session.get(ThemeRun, waves["spring"]).themes}
                           for t in new)
        housing = {a.theme_id for a in db.session.scalars(db.select(ThemeAssignment).where(
            ThemeAssignment.run_id == fall.id)) if "rent" in (a_text := _text(a.answer_id)) or "housing" in a_text}
        assert housing <= {t.id for t in new}  # no housing answer was filed under a spring theme


def _text(answer_id: int) -> str:
    from surveys.models import Answer

    return (db.session.get(Answer, answer_id).value_text or "").lower()


def test_the_trend_shows_each_theme_by_its_curated_name_with_tested_changes(app, waves):
    client = app.test_client()
    sign_in(client, waves["world"].users["analyst"])
    page = client.get(f"/staff/surveys/{waves['world'].survey}/questions/barriers/trend")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("Caring for kids") >= 2  # the table and the chart's description
    row = cells(html, "Caring for kids")
    spring, fall = (int(share) for share in re.findall(r"\((\d+)%\)", row)[:2])
    assert fall < spring and re.search(r"q (=|&lt;) 0\.\d{3}", row)  # fewer spoke of childcare in fall, and the change was tested
    assert "new this wave: Fall" in html and "★ new" in html
    assert '<svg' in html and 'role="img"' in html
    # The totals row counts what the shares are of, as each wave's report does: its answers in themes.
    with app.app_context():
        fall = db.session.get(ThemeRun, waves["fall"])
        fall_wave = fall.wave_id
    report = client.get(f"/staff/surveys/{waves['world'].survey}/questions/barriers/report?wave={fall_wave}")
    in_themes = re.search(r"(\d+) answers in themes", report.get_data(as_text=True)).group(1)
    assert re.findall(r'<td class="num">(\d+)</td>', cells(html, "Answers in themes"))[-1] == in_themes
    assert "People who answered" not in html


def test_the_report_of_a_question_with_two_waves_links_its_trend(app, waves):
    client = app.test_client()
    sign_in(client, waves["world"].users["partner"])
    report = client.get(f"/staff/surveys/{waves['world'].survey}/questions/barriers/report?wave=")
    assert report.status_code in (200, 404)  # no all-waves run: the empty report
    with app.app_context():
        fall = db.session.get(ThemeRun, waves["fall"])
        wave_id = fall.wave_id
    html = client.get(f"/staff/surveys/{waves['world'].survey}/questions/barriers/report?wave={wave_id}").get_data(
        as_text=True)
    assert f"/staff/surveys/{waves['world'].survey}/questions/barriers/trend" in html
    assert "new this wave</span>" in html and "sorted into the themes curated in earlier" in html


# -- protected numbers, built by hand so each count is known ----------------------------------------------

def hand_made_run(survey: Survey, wave: Wave, sizes: dict[str, int], language: str = "en",
                  spanish: dict[str, int] | None = None) -> ThemeRun:
    """A finished run of ``wave`` whose themes (by lineage key; "other" is Other) hold ``sizes`` answers in
    ``language`` and ``spanish`` ones in Spanish."""
    run = ThemeRun(survey=survey, question=survey.questions[0], wave=wave, status=RunStatus.FINISHED)
    db.session.add(run)
    for position, key in enumerate(dict.fromkeys([*sizes, *(spanish or {})])):
        size = sizes.get(key, 0)
        lineage = db.session.scalar(db.select(ThemeLineage).where(ThemeLineage.key == key)) or ThemeLineage(
            question_id=survey.questions[0].id, key=key, label=f"Theme {key}")
        theme = Theme(run=run, position=position, engine_label=key, label=f"Theme {key}", size=size,
                      lineage=key, lineage_row=lineage, other=key == "other")
        db.session.add(theme)
        db.session.flush()
        for index in range(size + (spanish or {}).get(key, 0)):
            response = factories.response(survey, wave=wave, language=language if index < size else "es")
            given = factories.answer(response, survey.questions[0], value_text=f"about {key}", wave_id=wave.id)
            db.session.add(ThemeAssignment(run_id=run.id, answer_id=given.id, theme_id=theme.id))
    db.session.flush()
    return run


@pytest.fixture
def hand_made(app, world):
    """Spring: a 40, b 3, other 10; fall: a 10 (and 20 in Spanish), b 40 (and 2), c 2, new d 12 (and 6), other 10
    (threshold 5)."""
    with app.app_context():
        survey, spring, fall = survey_with_two_waves(world.other_survey)
        hand_made_run(survey, fall, {"a": 3, "d": 3}, language="es")  # an older run of fall: not shown
        hand_made_run(survey, spring, {"a": 40, "b": 3, "other": 10})
        hand_made_run(survey, fall, {"a": 10, "b": 40, "c": 2, "d": 12, "other": 10}, spanish={"a": 20, "b": 2, "d": 6})
        db.session.commit()
        db.session.remove()
    return world


def cells(html: str, label: str) -> str:
    """The table row of ``label``."""
    return html.split(f'<th scope="row">{label}', 1)[1].split("</tr>", 1)[0]


def test_hidden_counts_are_never_printed_nor_tested(app, hand_made):
    client = app.test_client()
    sign_in(client, hand_made.users["analyst"])
    html = client.get(f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend").get_data(as_text=True)
    b, c, a, d = (cells(html, f"Theme {key}") for key in "bcad")
    assert "hidden*" in b and "not enough answers to tell" in b and "q =" not in b  # spring's 3
    assert "hidden*" in c and "not enough answers to tell" in c
    assert "fading" in a and "★ new" in d and "q =" not in d  # new whatever its q-value: none printed
    numbers = {int(n) for n in re.findall(r">(\d+)(?: \(\d+%\))?<", html)}
    assert not numbers & {1, 2, 3, 4}  # no count under the threshold anywhere
    assert "hidden*" in html


def test_a_group_is_compared_with_everyone_else_and_small_groups_stay_hidden(app, hand_made):
    client = app.test_client()
    sign_in(client, hand_made.users["analyst"])
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == hand_made.other_survey))
        fall_id = next(w.id for w in survey.waves if w.label == "Fall")
    url = f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend?segment=language:es&wave={fall_id}"
    html = client.get(url).get_data(as_text=True)
    table = html.split("Answered in Spanish</strong> against everyone else", 1)[1]
    assert "raised more by this group" in cells(table, "Theme a")  # 20 of 28 against 10 of 74
    b = cells(table, "Theme b")
    assert "hidden*" in b and "not enough answers to tell" in b and "q =" not in b  # 2 Spanish answers
    numbers = {int(n) for n in re.findall(r">(\d+)(?: \(\d+%\))?<", html)}
    assert not numbers & {1, 2, 3, 4}
    assert "Respondents per theme and wave" not in html  # never beside the wave's own totals: no subtracting
    assert "nothing to compare" in client.get(url.replace("language:es", "language:xx")).get_data(as_text=True)
    assert client.get(url.replace(f"wave={fall_id}", "wave=999999")).status_code == 404


def test_a_question_with_one_wave_of_themes_says_what_a_trend_needs(app, world):
    client = app.test_client()
    sign_in(client, world.users["analyst"])
    html = client.get(f"/staff/surveys/{world.other_survey}/questions/barriers/trend").get_data(as_text=True)
    assert "at least two waves" in html


def test_a_group_page_prints_only_what_the_waves_report_prints(app, hand_made):
    """Protected on its own, a group page could hide other cells than the report and be subtracted from
    it (a partner link's hidden 3 came back that way); it reads the report's own protected row instead."""
    from feedback.reports import theme_report

    client = app.test_client()
    sign_in(client, hand_made.users["analyst"])
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == hand_made.other_survey))
        fall = next(w for w in survey.waves if w.label == "Fall")
        run = db.session.scalars(db.select(ThemeRun).where(ThemeRun.wave_id == fall.id)
                                 .order_by(ThemeRun.id.desc())).first()
        language = next(t for t in theme_report(run).tables if t.name == "Language")
        spanish = language.counts[language.groups.index("Spanish")]
        printed = {theme: spanish[o] for o, theme in enumerate(language.columns[:-1])}
    url = f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend?segment=language:es&wave={fall.id}"
    table = client.get(url).get_data(as_text=True).split("against everyone else", 1)[1]
    for theme, count in printed.items():
        row = cells(table, theme)
        group_cell = re.search(r'<td class="num">([^<]*)</td>', row).group(1)
        assert group_cell == ("hidden*" if count is None else f"{count} ({count / spanish[-1]:.0%})"), theme


def test_a_theme_small_in_every_wave_is_named_only_to_readers_of_answers(app, hand_made):
    """Theme c (2 answers, one wave) is never printed: its name comes from two answers. An analyst sees its
    line, hidden; a partner, who reads no answers, does not see it at all, on the page or through the API."""
    url = f"/staff/surveys/{hand_made.other_survey}/questions/barriers/trend"
    seen = {}
    for role in ("analyst", "partner"):
        client = app.test_client()
        sign_in(client, hand_made.users[role])
        response = client.get(url)
        assert response.status_code == 200
        seen[role] = response.get_data(as_text=True)
    assert "Theme c" in seen["analyst"]
    assert "Theme c" not in seen["partner"]
    assert "Theme b" in seen["partner"] and "Theme a" in seen["partner"]  # printed in a wave: listed for all


def test_a_rerun_of_a_wave_read_against_the_codebook_keeps_the_merge_of_its_new_themes(app, waves):
    """Themes new this wave are no codebook codes: a re-run must find them again by their answers, or the
    staff's merge and name of them (and the action about them) would point at lineages the run lacks."""
    from feedback.models import Action

    with app.app_context():
        fall = db.session.get(ThemeRun, waves["fall"])
        new = sorted((t for t in fall.themes if t.lineage in fall.parameters["new_this_wave"] and not t.other),
                     key=lambda t: -t.size)
        assert len(new) >= 2, [t.label for t in fall.themes]
        curation.record(fall, CurationKind.MERGE, new[1], user_id=None, target=new[0])
        curation.record(fall, CurationKind.RENAME, new[0], user_id=None, label="A place to live",
                        translations={"es": "Primero la vivienda"})
        action = Action(partnership_id=fall.survey.partnership_id, title="Ask the housing authority",
                        themes=[new[0].lineage_row])
        db.session.add(action)
        db.session.commit()
        survey = fall.survey
        again = start_theme_run(survey, survey.questions[0], fall.wave, None)
        assert again.status is RunStatus.FINISHED, again.message
        shown = [t for t in again.themes if not t.retired]
        housing = [t for t in shown if t.label == "A place to live"]
        assert len(housing) == 1
        assert housing[0].lineage in again.parameters["new_this_wave"]
        assert housing[0].lineage_row.translations == {"es": "Primero la vivienda"}
        assert new[1].lineage not in {t.lineage for t in shown}  # merged away again
        assert [t.lineage for t in shown if t.lineage in {new[0].lineage, new[1].lineage}] == [new[0].lineage]
        assert action.themes[0].key == housing[0].lineage


def test_a_later_waves_first_run_does_not_call_the_last_waves_new_themes_new_again(app, waves):
    """Winter is read against spring and fall: fall's new themes are codes by then, neither new in winter
    nor free to be matched to another theme."""
    with app.app_context():
        fall = db.session.get(ThemeRun, waves["fall"])
        survey = fall.survey
        winter = Wave(survey=survey, label="Winter", position=3)
        db.session.add(winter)
        db.session.flush()
        for text in CHILDCARE + TRANSPORT * 2 + HOUSING * 2:
            answer(survey, winter, text)
        db.session.commit()
        run = start_theme_run(survey, survey.questions[0], winter, None)
        assert run.status is RunStatus.FINISHED, run.message
        assert not set(run.parameters.get("new_this_wave", [])) & set(fall.parameters["new_this_wave"])
        shown = [t.lineage for t in run.themes if not t.retired]
        assert len(shown) == len(set(shown))  # no lineage held by two themes of one run
