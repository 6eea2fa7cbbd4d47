"""Topics on the theme report: themes grouped under topic headings that print no number.

A topic's total beside its themes' shown sizes would give away a hidden small theme's size by
subtraction, so a topic heading says only its name; themes print exactly what they printed before.
Curation that leaves a theme outside every topic lists it under "Other themes", and never breaks the page.
"""

import re

import pytest

import analysis
from analysis import OTHER_THEME_ID, Topic
from feedback.models import RunStatus, Theme, ThemeRun
from surveys.db import db
from tests.staff.conftest import DEMO_ADMIN, THEMES_CONFIG, demo_with_admin, sign_in

SURVEY = "healthcare-career-seekers"
QUESTION = "what_would_help"
START = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes"
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"
TOPICS = ("Getting to class", "Money while training")


@pytest.fixture
def app_config(app_config):
    return {**app_config, **THEMES_CONFIG, "JOBS_INLINE": True}


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    return demo_with_admin(test_database)


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert sign_in(client, DEMO_ADMIN).status_code == 302
    return client


@pytest.fixture
def engine_topics(monkeypatch):
    """The run's engine result gets two known topics: engine themes 1 and 3 in the first, 2 in the
    second, the rest in none. Returns the engine's labels of each topic's themes (filled by the run)."""
    real = analysis.find_themes
    members: dict[str, set[str]] = {}

    def with_topics(texts, **params):
        result = real(texts, **params)
        if members:  # a later call (a split) is left as it is
            return result
        themes = {t.id: t for t in result.themes if t.id != OTHER_THEME_ID}
        assert len(themes) >= 5, "the test needs themes outside both topics"
        result.topics = [Topic(1, TOPICS[0], [1, 3], themes[1].size + themes[3].size),
                         Topic(2, TOPICS[1], [2], themes[2].size)]
        members.update({TOPICS[0]: {themes[1].label, themes[3].label}, TOPICS[1]: {themes[2].label}})
        return result

    monkeypatch.setattr(analysis, "find_themes", with_topics)
    return members


def find_themes(staff) -> str:
    assert staff.post(START, data={"wave": "", "k": "7"}).status_code == 302
    page = staff.get(REPORT)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def latest_run(app) -> ThemeRun:
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).order_by(ThemeRun.id.desc()))
        db.session.expunge(run)
        return run


def sections_by_heading(page: str) -> dict[str, list[str]]:
    """Each h2 of the theme list (up to "For whom") with the theme headings (h3) under it, in order."""
    themes_part = page.split("<h2>Themes</h2>", 1)[1].split("<h2>For whom", 1)[0]
    found: dict[str, list[str]] = {}
    current = None
    for tag, text in re.findall(r"<(h2|h3)[^>]*>(.*?)</\1>", themes_part, flags=re.DOTALL):
        text = re.sub(r"<[^>]+>", "", text).replace("&#39;", "'").replace("&amp;", "&").strip()
        if tag == "h2":
            current = found.setdefault(text, [])
        elif current is not None:
            current.append(text)
    return found


def theme_cards(page: str) -> dict[str, str]:
    """Each theme card's markup, by its anchor (each form's CSRF token is new on every page: left out)."""
    page = re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', 'name="csrf_token"', page)
    cards = re.findall(r'(<section class="card" aria-labelledby="(t\d+)">.*?</section>)', page, flags=re.DOTALL)
    return {anchor: card for card, anchor in cards}


def test_the_run_stores_its_topics_as_the_stored_themes(app, staff, engine_topics):
    find_themes(staff)
    run = latest_run(app)
    assert run.status is RunStatus.FINISHED, run.message
    with app.app_context():
        stored = {t.id: t.engine_label for t in db.session.scalars(db.select(Theme).where(Theme.run_id == run.id))}
    topics = run.parameters["topics"]
    assert [t["label"] for t in topics] == list(TOPICS)
    for topic in topics:
        assert {stored[i] for i in topic["themes"]} == engine_topics[topic["label"]]
        assert set(topic) == {"label", "themes"}  # no size is kept


def test_topics_are_headings_over_their_themes_and_print_no_number(app, staff, engine_topics):
    page = find_themes(staff)
    sections = sections_by_heading(page)
    assert list(sections)[:3] == [f"Topic: {TOPICS[0]}", f"Topic: {TOPICS[1]}", "Other themes"]
    assert set(sections[f"Topic: {TOPICS[0]}"]) == engine_topics[TOPICS[0]]
    assert set(sections[f"Topic: {TOPICS[1]}"]) == engine_topics[TOPICS[1]]
    assert len(sections["Other themes"]) >= 3
    for number, label in enumerate(TOPICS, start=1):
        heading = re.search(rf'<h2 id="topic-{number}">(.*?)</h2>', page, flags=re.DOTALL).group(1)
        assert label in heading and not re.search(r"\d", heading)
        # Nothing between a topic's heading and its first theme prints a number either.
        between = page.split(f'<h2 id="topic-{number}">', 1)[1].split('<section class="card"', 1)[0]
        assert not re.search(r"\d", re.sub(r"<[^>]+>", "", between))
        assert f'<section aria-labelledby="topic-{number}">' in page


def test_themes_print_exactly_what_they_printed_without_topics(app, staff, engine_topics):
    with_topics = theme_cards(find_themes(staff))
    run = latest_run(app)
    with app.app_context():
        stored = db.session.get(ThemeRun, run.id)
        stored.parameters = {key: value for key, value in stored.parameters.items() if key != "topics"}
        db.session.commit()
    plain = staff.get(REPORT).get_data(as_text=True)
    assert "Topic:" not in plain and "Other themes" not in plain
    assert theme_cards(plain) == with_topics and len(with_topics) >= 5


def test_curation_that_blurs_topics_lists_the_theme_under_other_themes(app, staff, engine_topics):
    find_themes(staff)
    run = latest_run(app)
    first, second = run.parameters["topics"]
    moved, kept = first["themes"][1], second["themes"][0]
    # Merge a theme of the first topic into the second's: the page stands, the merged theme is gone.
    assert staff.post(f"/staff/runs/{run.public_id}/themes/{moved}/merge", data={"target": kept}).status_code == 302
    sections = sections_by_heading(staff.get(REPORT).get_data(as_text=True))
    assert len(sections[f"Topic: {TOPICS[0]}"]) == 1 and len(sections[f"Topic: {TOPICS[1]}"]) == 1
    # Split the first topic's remaining theme: its parts belong to no stored topic.
    split = first["themes"][0]
    assert staff.post(f"/staff/runs/{run.public_id}/themes/{split}/split").status_code == 302
    page = staff.get(REPORT)
    assert page.status_code == 200
    sections = sections_by_heading(page.get_data(as_text=True))
    assert f"Topic: {TOPICS[0]}" not in sections  # no shown theme left in it: no empty heading
    assert f'id="t{split}"' not in page.get_data(as_text=True)  # retired: its parts stand in its place
    with app.app_context():
        parts = [t.label for t in db.session.scalars(db.select(Theme).where(
            Theme.run_id == run.id, Theme.retired.is_(False), Theme.hidden.is_(False), Theme.other.is_(False)))
            if t.id not in {i for topic in run.parameters["topics"] for i in topic["themes"]}]
    assert parts and set(parts) <= set(sections["Other themes"])


@pytest.mark.parametrize("stored", [[{"label": "Gone", "themes": [10**9]}], [{"label": "Odd", "themes": "1"}], "x",
                                    [None]])
def test_topics_that_name_no_shown_theme_leave_the_plain_list(app, staff, engine_topics, stored):
    find_themes(staff)
    run = latest_run(app)
    with app.app_context():
        db.session.get(ThemeRun, run.id).parameters = {**run.parameters, "topics": stored}
        db.session.commit()
    page = staff.get(REPORT)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Topic:" not in text and "Other themes" not in text
    assert len(theme_cards(text)) >= 5


def test_the_engines_own_topics_are_stored_and_shown(app, staff):
    page = find_themes(staff)
    run = latest_run(app)
    with app.app_context():
        shown = {t.id for t in db.session.scalars(db.select(Theme).where(Theme.run_id == run.id))
                 if not (t.other or t.retired)}
    topics = run.parameters["topics"]
    assert 1 <= len(topics) <= run.parameters["n_topics"]
    assert {i for topic in topics for i in topic["themes"]} <= shown
    headings = [h for h in sections_by_heading(page) if h.startswith("Topic: ")]
    assert headings == [f"Topic: {topic['label']}" for topic in topics]
