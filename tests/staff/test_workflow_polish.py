"""What staff notice while working through the demo: exports they can find, curation that keeps their
place, the right report by default, names instead of codes, context for screen readers, staff error
pages, and a confirmation before a survey closes."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

from feedback.accounts import add_user
from feedback.demo.loader import load_demo
from feedback.jobs import start_theme_run
from feedback.models import Role, RunStatus, Theme, ThemeAssignment
from surveys.db import db as _db
from surveys.models import Partnership, Question, Response, Survey, SurveyStatus
from tests.staff.conftest import PASSWORD, sign_in
from tests.staff.html_tree import parse

SURVEY = "healthcare-career-seekers"
QUESTION = "barriers_detail"
WAVE_ONLY_QUESTION = "childcare_detail"
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"

AGREEMENT = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
             5: "Strongly agree"}


CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


@dataclass
class Demo:
    run: str  # public id of the all-waves run of QUESTION
    fall_wave: int


def analyst_and_runs(app, partnership_slug: str) -> Demo:
    with app.app_context():
        partnership = _db.session.scalar(_db.select(Partnership).where(Partnership.slug == partnership_slug))
        add_user("lead@demo.example", partnership, Role.ANALYST, PASSWORD)
        survey = _db.session.scalar(_db.select(Survey).where(Survey.slug == SURVEY))
        fall = survey.waves[-1]
        questions = {q.key: q for q in survey.questions}
        run = start_theme_run(survey, questions[QUESTION], None, None)
        wave_run = start_theme_run(survey, questions[WAVE_ONLY_QUESTION], fall, None)
        assert run.status is RunStatus.FINISHED and wave_run.status is RunStatus.FINISHED
        _db.session.commit()
        demo = Demo(run=run.public_id, fall_wave=fall.id)
        _db.session.remove()
    return demo


@pytest.fixture(scope="module")
def demo_snapshot(test_database):
    demo = test_database.demo(seed=3, scale=0.3)
    return test_database.snapshot("demo seed 3 scale 0.3, analyst, barriers_detail and fall childcare_detail themes",
                                  lambda app: analyst_and_runs(app, demo.value), base=demo, config=CONFIG)


@pytest.fixture
def database_snapshot(request, test_database, demo_snapshot):
    """Tests that use ``demo`` start from a copy of it, built once; the others from empty tables."""
    return demo_snapshot if "demo" in request.fixturenames else test_database.empty


@pytest.fixture
def demo(app, database_snapshot) -> Demo:
    """The demo partnership with themes found over all waves for QUESTION, and for the Fall wave only
    for WAVE_ONLY_QUESTION; an analyst signs in as lead@demo.example."""
    return database_snapshot.value


@pytest.fixture
def staff(app, demo):
    client = app.test_client()
    assert sign_in(client, "lead@demo.example").status_code == 302
    return client


def themes(app, public_id: str) -> list[Theme]:
    """The run's themes still shown, largest first (detached: read ids and labels only)."""
    from feedback.models import ThemeRun

    with app.app_context():
        run = _db.session.scalar(_db.select(ThemeRun).where(ThemeRun.public_id == public_id))
        shown = sorted((t for t in run.themes if not (t.retired or t.hidden or t.other)), key=lambda t: -t.size)
        _db.session.expunge_all()
    return shown


def section_of(page, anchor: str):
    """The report card (or list item) the anchor names: what the browser scrolls to."""
    target = page.find(id=anchor)
    assert target is not None, f"#{anchor} is not on the page"
    return next((node for node in [target, *target.ancestors()] if node.tag in ("section", "li")), target)


def top_messages(page) -> list[str]:
    """Messages shown above the page's heading."""
    main = page.find("main")
    messages = []
    for node in main.iter():
        if node.tag == "h1":
            break
        if "flash" in node.attrs.get("class", "").split():
            messages.append(node.text())
    return messages


# -- 1. downloads ---------------------------------------------------------------------------------------

def test_the_responses_page_links_every_export_with_its_format_and_size(app, staff):
    page = parse(staff.get(f"/staff/surveys/{SURVEY}/responses").get_data(as_text=True))
    with app.app_context():
        total = _db.session.scalar(_db.select(_db.func.count(Response.id)).join(Survey).where(Survey.slug == SURVEY))
    section = page.find("section", **{"aria-labelledby": "download"})
    assert section is not None and f"All {total} responses" in section.text()
    links = {urlsplit(a.attrs["href"]).path.rsplit(".", 1)[-1]: a for a in section.find_all("a")
             if "/responses." in a.attrs["href"]}
    assert set(links) == {"csv", "xlsx", "json"}
    assert "CSV" in links["csv"].text() and "Excel" in links["xlsx"].text() and "JSON" in links["json"].text()
    for fmt, link in links.items():
        assert f"{total} " in link.parent.text(), f"the {fmt} link says how many rows it holds"
        download = staff.get(link.attrs["href"])
        assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    survey_page = parse(staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True))
    assert any(a.text() == "Download responses" for a in survey_page.find_all("a"))


def community_partner(app):
    """A client signed in as a partner from Casa de Familia, which does not run the survey."""
    partner = app.test_client()
    with app.app_context():
        partnership = _db.session.scalar(_db.select(Partnership))
        casa = next(o for o in partnership.organizations if o.slug == "casa-familia")
        add_user("casa@demo.example", partnership, Role.PARTNER, PASSWORD, casa)
        _db.session.commit()
    sign_in(partner, "casa@demo.example")
    return partner


def test_a_partner_who_may_not_export_is_offered_no_download(app, demo):
    partner = community_partner(app)
    page = partner.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True)  # run by the workforce board
    assert "/responses" not in page and "Download responses" not in page


# -- 2. curation keeps your place -----------------------------------------------------------------------

def test_renaming_returns_to_the_theme_and_says_so_there(app, staff, demo):
    theme = themes(app, demo.run)[0]
    response = staff.post(f"/staff/runs/{demo.run}/themes/{theme.id}/rename", data={"label": "Bus routes"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"{REPORT}#t{theme.id}"
    page = parse(staff.get(response.headers["Location"]).get_data(as_text=True))
    card = section_of(page, f"t{theme.id}")
    assert "Bus routes" in card.text() and f"Renamed from “{theme.label}”." in card.text()
    assert top_messages(page) == []


def test_a_name_another_theme_has_is_refused_with_the_way_to_join_them(app, staff, demo):
    """The report comes back with the form open, the name as typed and why it was refused beside it."""
    first, second = themes(app, demo.run)[:2]
    response = staff.post(f"/staff/runs/{demo.run}/themes/{first.id}/rename",
                          data={"label": f"  {second.label.upper()} "})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    page = parse(html)
    assert f"Another theme is already called “{second.label}”: merge the two instead." in \
        section_of(page, f"t{first.id}").text()
    assert f'value="  {second.label.upper()} "' in html
    assert [t.label for t in themes(app, demo.run)[:2]] == [first.label, second.label]  # nothing renamed
    too_long = staff.post(f"/staff/runs/{demo.run}/themes/{first.id}/rename", data={"label": "x" * 121})
    assert too_long.status_code == 422
    assert "A theme name is at most 120 characters." in \
        section_of(parse(too_long.get_data(as_text=True)), f"t{first.id}").text()


def test_merging_returns_to_the_theme_merged_into(app, staff, demo):
    source, target = themes(app, demo.run)[1:3]
    response = staff.post(f"/staff/runs/{demo.run}/themes/{source.id}/merge", data={"target": target.id})
    assert response.headers["Location"] == f"{REPORT}#t{target.id}"
    page = parse(staff.get(response.headers["Location"]).get_data(as_text=True))
    assert f"“{source.label}” merged into this theme." in section_of(page, f"t{target.id}").text()


def test_hiding_returns_to_the_theme_where_it_is_now_listed_with_show_again(app, staff, demo):
    theme = themes(app, demo.run)[0]
    response = staff.post(f"/staff/runs/{demo.run}/themes/{theme.id}/hide")
    assert response.headers["Location"] == f"{REPORT}#h{theme.id}"
    item = section_of(parse(staff.get(response.headers["Location"]).get_data(as_text=True)), f"h{theme.id}")
    assert theme.label in item.text() and "Show again" in item.text() and "Marked not useful" in item.text()
    shown = staff.post(f"/staff/runs/{demo.run}/themes/{theme.id}/show")
    assert shown.headers["Location"] == f"{REPORT}#t{theme.id}"


def test_splitting_returns_to_the_largest_part(app, staff, demo):
    theme = themes(app, demo.run)[0]
    before = {t.id for t in themes(app, demo.run)}
    response = staff.post(f"/staff/runs/{demo.run}/themes/{theme.id}/split")
    anchor = urlsplit(response.headers["Location"]).fragment
    page = parse(staff.get(response.headers["Location"]).get_data(as_text=True))
    card = section_of(page, anchor)
    if "split into" in card.text():
        assert int(anchor[1:]) not in before, "the anchor names a new part"
    else:  # too uniform to split: the reason is given on the theme itself
        assert anchor == f"t{theme.id}" and card.find(class_="error") is not None


def test_the_move_list_makes_you_choose_and_offers_no_hidden_theme(app, staff, demo):
    shown = themes(app, demo.run)
    theme, hidden = shown[0], shown[1]
    staff.post(f"/staff/runs/{demo.run}/themes/{hidden.id}/hide")
    page = parse(staff.get(f"/staff/runs/{demo.run}/themes/{theme.id}").get_data(as_text=True))
    for select in page.find_all("select", name="target"):
        options = select.find_all("option")
        assert "required" in select.attrs
        assert options[0].attrs["value"] == "" and options[0].text() == "Choose a theme…"
        assert "selected" not in " ".join(" ".join(o.attrs) for o in options)
        offered = {int(o.attrs["value"]) for o in options[1:]}
        assert hidden.id not in offered and theme.id not in offered and offered


def test_moving_an_answer_returns_to_the_theme_page_at_the_next_answer(app, staff, demo):
    theme, target = themes(app, demo.run)[:2]
    url = f"/staff/runs/{demo.run}/themes/{theme.id}"
    page = parse(staff.get(url).get_data(as_text=True))
    first, second = [li.attrs["id"] for li in page.find("ol", class_="answers").find_all("li")[:2]]
    form = next(f for f in page.find(id=first).find_all("form") if f.attrs["action"].endswith("/move"))
    data = {field.attrs["name"]: field.attrs.get("value", "") for field in form.find_all("input")}
    assert data["next"] == second[1:] and data["page"] == "1"

    response = staff.post(form.attrs["action"], data={**data, "target": target.id})
    assert response.headers["Location"] == f"{url}#{second}"
    after = parse(staff.get(response.headers["Location"]).get_data(as_text=True))
    assert f"Answer moved to “{target.label}”." in after.find(id=second).text()
    assert after.find(id=first) is None
    assert top_messages(after) == []


def test_moving_without_choosing_a_theme_moves_nothing_and_says_why_at_the_answer(app, staff, demo):
    theme = themes(app, demo.run)[0]
    url = f"/staff/runs/{demo.run}/themes/{theme.id}"
    page = parse(staff.get(url).get_data(as_text=True))
    answer = page.find("ol", class_="answers").find("li").attrs["id"]
    response = staff.post(f"{url}/move", data={"answer": answer[1:], "target": "", "page": "1", "next": ""})
    assert response.headers["Location"] == f"{url}#{answer}"
    after = parse(staff.get(response.headers["Location"]).get_data(as_text=True))
    assert "Choose the theme to move this answer to." in after.find(id=answer).text()
    with app.app_context():
        assert _db.session.scalar(_db.select(ThemeAssignment.theme_id).where(
            ThemeAssignment.answer_id == int(answer[1:]))) == theme.id


# -- 3. the right report, and a way between waves --------------------------------------------------------

def report_links(page, key: str) -> list[str]:
    return [a.attrs["href"] for a in page.find_all("a") if a.text().startswith("Theme report")
            and f"/questions/{key}/report" in a.attrs["href"]]


def test_a_run_for_one_wave_does_not_take_over_the_all_waves_report(app, staff, demo):
    staff.post(f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes", data={"wave": str(demo.fall_wave)})
    survey_page = parse(staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True))
    assert report_links(survey_page, QUESTION) == [REPORT]

    page = parse(staff.get(REPORT).get_data(as_text=True))
    switch = page.find("nav", **{"aria-label": "Theme reports by wave"})
    assert switch.find(**{"aria-current": "page"}).text() == "All waves"
    fall_link = next(a for a in switch.find_all("a") if a.text() == "Fall 2026")
    assert parse_qs(urlsplit(fall_link.attrs["href"]).query) == {"wave": [str(demo.fall_wave)]}
    fall = parse(staff.get(fall_link.attrs["href"]).get_data(as_text=True))
    switch = fall.find("nav", **{"aria-label": "Theme reports by wave"})
    assert switch.find(**{"aria-current": "page"}).text() == "Fall 2026"
    assert [a.attrs["href"] for a in switch.find_all("a")] == [REPORT]


def test_with_only_a_wave_report_the_survey_links_it_and_all_waves_points_to_it(staff, demo):
    survey_page = parse(staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True))
    wave_report = f"/staff/surveys/{SURVEY}/questions/{WAVE_ONLY_QUESTION}/report?wave={demo.fall_wave}"
    assert report_links(survey_page, WAVE_ONLY_QUESTION) == [wave_report]
    empty = staff.get(f"/staff/surveys/{SURVEY}/questions/{WAVE_ONLY_QUESTION}/report")
    assert empty.status_code == 404
    switch = parse(empty.get_data(as_text=True)).find("nav", **{"aria-label": "Theme reports by wave"})
    assert [(a.text(), a.attrs["href"]) for a in switch.find_all("a")] == [("Fall 2026", wave_report)]


# -- 5. screen readers ----------------------------------------------------------------------------------

def test_repeated_question_links_and_buttons_name_their_question(app, staff):
    page = parse(staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True))
    with app.app_context():
        texts = {q.text_in("en") for q in _db.session.scalars(
            _db.select(Question).join(Survey).where(Survey.slug == SURVEY))}
    for visible in ("Counts and breakdowns", "Theme report", "Find themes"):
        controls = [node for node in page.find_all() if node.tag in ("a", "button")
                    and node.visible_text() == visible]
        assert len(controls) >= 2, visible
        names = [node.text() for node in controls]
        assert len(set(names)) == len(names), f"several “{visible}” read the same"
        assert all(name.removeprefix(visible + ": ") in texts for name in names), names


def test_theme_links_name_their_theme_and_breakdown_tables_have_headings(app, staff, demo):
    page = parse(staff.get(REPORT).get_data(as_text=True))
    labels = {t.label for t in themes(app, demo.run)}
    for visible in ("All answers in this theme", "Curate this theme"):
        names = [node.text() for node in page.find_all() if node.tag in ("a", "summary")
                 and node.visible_text() == visible]
        assert len(names) >= 3 and len(set(names)) == len(names)
        assert labels <= {name.removeprefix(visible + ": ") for name in names}
    tables = page.find_all("table")
    breakdowns = [t for t in tables if t.find("caption")]
    assert len(breakdowns) >= 3
    headings = [h.text() for h in page.find_all("h3")]
    for table in breakdowns:
        assert table.find("caption").text() in headings


# -- 6. staff errors ------------------------------------------------------------------------------------

def test_a_partner_refused_a_staff_page_gets_a_staff_error_page(app, demo):
    partner = community_partner(app)
    response = partner.get(f"/staff/surveys/{SURVEY}/responses")
    assert response.status_code == 403
    page = parse(response.get_data(as_text=True))
    assert page.find("h1").text() == "You do not have access to this"
    assert "ask an admin of your partnership" in page.find("main").text()
    assert any(a.attrs.get("href") == "/staff/" and a.text() == "Back to your surveys" for a in page.find_all("a"))
    assert "See open surveys" not in page.text()


def test_missing_staff_pages_and_failures_get_staff_pages_too(app, staff, monkeypatch):
    missing = staff.get("/staff/surveys/no-such-survey")
    assert missing.status_code == 404
    assert parse(missing.get_data(as_text=True)).find("h1").text() == "Page not found"
    assert "Back to your surveys" in missing.get_data(as_text=True)

    from feedback.queries import counts

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(counts, "survey_rows", broken)
    failed = staff.get("/staff/")
    assert failed.status_code == 500
    text = failed.get_data(as_text=True)
    assert "Something went wrong on our side" in text and "database went away" not in text


def test_respondents_still_get_the_public_error_page(client):
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "See open surveys" in page and "/staff/" not in page


# -- 7. names, not codes; closing asks first -------------------------------------------------------------

def answers_by_question(article) -> list[tuple[str, str]]:
    """(question, answer) pairs as the responses page shows them."""
    pairs = []
    for dt in article.find_all("dt"):
        siblings = [c for c in dt.parent.children if not isinstance(c, str)]
        pairs.append((dt.text(), siblings[siblings.index(dt) + 1].text()))
    return pairs


def test_responses_read_as_words_with_one_entry_per_question(staff):
    page = parse(staff.get(f"/staff/surveys/{SURVEY}/responses").get_data(as_text=True))
    articles = page.find_all("article")
    assert articles
    agreement = [answer for article in articles for question, answer in answers_by_question(article)
                 if question == "Staff treated me with respect."]
    assert agreement
    assert all(answer.split(" (")[0] in AGREEMENT.values() for answer in agreement), agreement
    for article in articles:
        questions = [question for question, _ in answers_by_question(article)]
        assert len(questions) == len(set(questions)), "a multiple choice is one entry, its choices listed"
    several = [dd for dd in page.find_all("dd") if dd.find("ul")]
    assert several, "the demo's multiple-choice answers are listed under their question"


def test_filters_offer_languages_and_sources_by_name(app, staff):
    page = parse(staff.get(f"/staff/surveys/{SURVEY}/responses").get_data(as_text=True))
    language = [o.text() for o in page.find("select", name="language").find_all("option")]
    assert language == ["All languages", "English", "Spanish"]
    assert page.find("input", name="source") is None
    sources = {o.text(): o.attrs["value"] for o in page.find("select", name="source").find_all("option")}
    assert {"All sources", "Direct link", "Mesa Community College", "Casa de Familia Community Center"} <= set(sources)

    direct = parse(staff.get(f"/staff/surveys/{SURVEY}/responses",
                             query_string={"source": sources["Direct link"]}).get_data(as_text=True))
    with app.app_context():
        expected = _db.session.scalar(_db.select(_db.func.count(Response.id)).join(Survey).where(
            Survey.slug == SURVEY, Response.source.is_(None)))
    assert direct.find(role="status").text().startswith(f"{expected} responses")
    assert all("Direct link" in p.text() for p in direct.find_all("p", class_="muted") if "started" in p.text())


def test_sources_and_languages_are_named_on_every_staff_page(app, staff, demo):
    survey_page = staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True)
    responses_page = staff.get(f"/staff/surveys/{SURVEY}/responses").get_data(as_text=True)
    theme_page = staff.get(f"/staff/runs/{demo.run}/themes/{themes(app, demo.run)[0].id}").get_data(as_text=True)
    for page in (survey_page, responses_page, theme_page):
        visible = re.sub(r"<[^>]+>", " ", page)  # text only: slugs may stay in links and form values
        assert "Mesa Community College" in visible or "Casa de Familia" in visible or "Direct link" in visible
        assert not re.search(r"\b(mesa-college|casa-familia|tri-county-wdb)\b", visible.split("Links for each partner")[0])
        assert not re.search(r"·\s*(en|es)\s*·", visible), "languages are named, not coded"


def test_closing_a_survey_asks_first(app, staff):
    page = parse(staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True))
    close = next(a for a in page.find_all("a") if a.text().startswith("Close the survey"))
    assert not any(i.attrs.get("value") == "closed" for i in page.find_all("input"))

    unconfirmed = staff.post(f"/staff/surveys/{SURVEY}/status", data={"status": "closed"})
    assert unconfirmed.headers["Location"] == close.attrs["href"]
    with app.app_context():
        assert _db.session.scalar(_db.select(Survey.status).where(Survey.slug == SURVEY)) is SurveyStatus.OPEN

    confirm = parse(staff.get(close.attrs["href"]).get_data(as_text=True))
    assert "cannot answer" in confirm.find("main").text()
    form = confirm.find("main").find("form")
    data = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}
    assert (data["status"], data["confirm"]) == ("closed", "yes")
    staff.post(form.attrs["action"], data=data)
    with app.app_context():
        assert _db.session.scalar(_db.select(Survey.status).where(Survey.slug == SURVEY)) is SurveyStatus.CLOSED


# -- the terminal ----------------------------------------------------------------------------------------

def test_the_create_user_example_names_the_demo_partnership_and_works(db, runner):
    slug = load_demo(seed=1, scale=0.05).partnership.slug
    db.session.commit()
    help_text = runner.invoke(args=["create-user", "--help"]).output
    example = next(line.strip() for line in help_text.splitlines() if line.strip().startswith("chorus create-user"))
    assert f"--partnership {slug}" in example
    result = runner.invoke(args=[*shlex.split(example)[1:], "--password", "a long enough password"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Created admin me@example\.org", result.output)
