"""The public page of the demo, filled as far as it goes (themes for every open question, two quotes
under each listed theme, actions in every status, measures): within 30 KB in both languages, and no
number on it below the threshold or different from the true size of what it counts."""

from __future__ import annotations

import re

import pytest

from feedback.models import Theme, ThemeAssignment, ThemeRun
from surveys.db import db
from surveys.models import Partnership
from tests.public.helpers import DEMO_CONFIG, demo_public_page, main_text

BUDGET = 30_000  # bytes of HTML and stylesheets, as benchmarks/page_weight.py counts respondent pages


@pytest.fixture
def app_config(app_config):
    return {**app_config, **DEMO_CONFIG}


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    return demo_public_page(test_database)


@pytest.fixture
def slug(database_snapshot):
    return database_snapshot.value


def weight(client, url: str) -> int:
    reply = client.get(url)
    assert reply.status_code == 200
    html = reply.get_data()
    css = 0
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        with client.get(href.decode()) as stylesheet:  # a file response: closed once read
            css += len(stylesheet.get_data())
    return len(html) + css


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_fullest_page_is_within_30_kb(client, slug, language):
    total = weight(client, f"/p/{slug}?lang={language}")
    print(f"public page ({language}): {total:,} bytes")
    assert total <= BUDGET, f"{total:,} bytes"


def test_every_size_printed_is_a_theme_s_true_size_and_never_a_small_one(app, client, slug):
    words = main_text(client.get(f"/p/{slug}").get_data(as_text=True))
    listed = re.findall(r"(\d+)% of answers \((\d+) people\)", words)
    assert len(listed) >= 5, words[:500]
    with app.app_context():
        threshold = db.session.scalar(db.select(Partnership.small_cell_threshold).where(Partnership.slug == slug))
        sizes: dict[str, set[int]] = {}
        for label, run_id, size in db.session.execute(
            db.select(Theme.label, Theme.run_id, db.func.count(ThemeAssignment.id))
            .join(ThemeAssignment, ThemeAssignment.theme_id == Theme.id).group_by(Theme.id)
        ):
            sizes.setdefault(label, set()).add(size)
        small = {label for label, found in sizes.items() if max(found) < threshold}
        assert db.session.scalar(db.select(db.func.count(ThemeRun.id))) > 0
    for _, count in listed:
        assert int(count) >= threshold
    for label, found in sizes.items():
        for match in re.finditer(re.escape(label) + r" (\d+)% of answers \((\d+) people\)", words):
            assert int(match.group(2)) in found, (label, match.group(2), found)
    assert not [label for label in small if f"{label} " in words and len(label) > 12]


def test_the_demo_page_in_spanish_says_what_was_heard_and_done(client, slug):
    words = main_text(client.get(f"/p/{slug}?lang=es").get_data(as_text=True))
    assert "Ustedes dijeron, nosotros actuamos" in words
    assert "De personas que buscan empleo o capacitación" in words and "De empleadores" in words
    assert "Clases nocturnas y cuidado infantil, paso 4" in words and "Evening classes" not in words
    assert "Estado: En curso" in words and "Meta 120 placements" in words
    assert "Internal title" not in words  # an action's title is for staff


def test_actions_are_listed_newest_first_with_their_status(client, slug):
    words = main_text(client.get(f"/p/{slug}").get_data(as_text=True))
    steps = [int(n) for n in re.findall(r"Evening classes and childcare, step (\d)", words)]
    assert steps == sorted(steps, reverse=True) and len(steps) == 5
    assert "Status: In progress · 20% complete" in words and "Status: Done" in words
    assert "Because people told us about" in words
    assert "People placed in healthcare jobs Target 120 placements" in words and "Latest 71 placements" in words


def test_staff_english_in_the_measures_is_marked_english_on_the_spanish_page(client, slug):
    spanish = client.get(f"/p/{slug}?lang=es").get_data(as_text=True)
    measures = spanish.split('<section aria-labelledby="measures">', 1)[1]
    assert '<bdi>120 <bdi lang="en">placements</bdi></bdi>' in measures
    periods = re.findall(r'<span class="aud"><bdi([^>]*)>([^<]+)</bdi></span>', measures)
    assert periods and all(marked == ' lang="en"' for marked, _period in periods)
    english = client.get(f"/p/{slug}?lang=en").get_data(as_text=True)
    assert 'lang="en"' not in english.split('<section aria-labelledby="measures">', 1)[1]


def test_the_note_says_only_the_largest_themes_of_each_question_are_listed(client, slug):
    english = main_text(client.get(f"/p/{slug}?lang=en").get_data(as_text=True))
    assert "Each question lists its 5 largest themes, leaving out any of fewer than" in english
    spanish = main_text(client.get(f"/p/{slug}?lang=es").get_data(as_text=True))
    assert "De cada pregunta aparecen sus 5 temas más grandes, salvo los de menos de" in spanish
