"""Themes named in the reader's language, described again after curation, and look-alike themes offered
as a merge (never merged without a person), from the demo as staff get it."""

from __future__ import annotations

import html
import re

import pytest

from analysis import detect_language
from analysis.glossary import SPANISH_TO_ENGLISH
from feedback.accounts import add_user
from feedback.jobs import start_theme_run
from feedback.models import CurationKind, Role, RunStatus, Theme, ThemeAssignment, ThemeRun
from feedback.models.themes import KeptApart
from surveys.db import db
from surveys.models import Answer, Partnership, Question, Survey
from tests.staff.conftest import PASSWORD, sign_in

SURVEY = "healthcare-career-seekers"
QUESTION = "job_interest"  # Spanish and English answers about the same jobs: look-alike themes appear
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"
CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
GLOSS = re.compile(r" \((?:gloss: [^)]*|in \w+)\)$")


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


def the_question() -> Question:
    survey = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY))
    return db.session.scalar(db.select(Question).where(Question.survey_id == survey.id, Question.key == QUESTION))


def admin_and_themes(app, partnership_slug: str) -> int:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        add_user("lead@demo.example", partnership, Role.ADMIN, PASSWORD)
        # More themes than the engine would choose, so some concern is split in two whichever way k
        # would be chosen (with or without the [semantic] extra).
        run = start_theme_run(the_question().survey, the_question(), None, None, {"k": 16})
        assert run.status is RunStatus.FINISHED, run.message
        db.session.commit()  # start_theme_run only flushes (inline, the run is done before it returns)
        run_id = run.id
        db.session.remove()
    return run_id


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The demo (seed 3, half size) with an admin and themes found for the career seekers' job interest,
    built once; each test starts from its own copy."""
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("demo seed 3 scale 0.5, admin, job_interest themes k=16",
                                  lambda app: admin_and_themes(app, demo.value), base=demo, config=CONFIG)


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert sign_in(client, "lead@demo.example").status_code == 302
    return client


@pytest.fixture
def run(db, database_snapshot) -> ThemeRun:
    return db.session.get(ThemeRun, database_snapshot.value)


def shown(run: ThemeRun) -> list[Theme]:
    db.session.refresh(run)
    return sorted((t for t in run.themes if not (t.retired or t.other)), key=lambda t: -t.size)


def answers_of(theme: Theme) -> list[str]:
    return db.session.scalars(db.select(Answer.value_text).join(
        ThemeAssignment, ThemeAssignment.answer_id == Answer.id).where(ThemeAssignment.theme_id == theme.id)).all()


def headings(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<h3 id="t\d+">(.*?)</h3>', page)]


def test_every_theme_name_on_the_report_is_written_in_english_answers_or_glossed(run, staff):
    english_words = {w.lower() for text in db.session.scalars(db.select(Answer.value_text).where(
        Answer.question_id == run.question_id, Answer.value_text.is_not(None)))
        if detect_language(text) == "en" for w in WORD.findall(text)}
    # A Spanish answer's word is read through the glossary ("médicos" → "doctors"): still English.
    glossed = {w for word in SPANISH_TO_ENGLISH.values() for w in (word, word + "s", word + "es")}
    english_words |= glossed
    # Words the labeler writes itself when it builds a name from a theme's terms ("About pharmacy",
    # "Childcare and bus", "No car", "Mixed answers", "Don't know").
    english_words |= {"about", "and", "no", "not", "mixed", "answers", "don't", "know"}
    page = staff.get(REPORT).get_data(as_text=True)
    names = headings(page)
    assert names
    for theme in shown(run):
        assert theme.label in names
        terms = {w.lower() for term in theme.terms for w in WORD.findall(term)}
        if GLOSS.search(theme.label):
            # A Spanish name (with its gloss) only for a theme mostly in Spanish whose few English
            # answers share no words to name it by.
            languages = [detect_language(text) for text in answers_of(theme)]
            assert languages.count("es") > len(languages) / 2, theme.label
        else:
            words = {w.lower() for w in WORD.findall(theme.label)}
            assert words <= english_words, f"{theme.label!r}: {words - english_words} only in Spanish answers"
            assert terms <= english_words, f"{theme.label!r}: {terms - english_words} only in Spanish answers"


def test_a_merged_theme_is_described_from_the_answers_of_both(run, staff):
    target, source = shown(run)[:2]
    target_terms, source_terms, from_source = list(target.terms), list(source.terms), answers_of(source)
    staff.post(f"/staff/runs/{run.public_id}/themes/{target.id}/rename", data={"label": "Kept by staff"})
    response = staff.post(f"/staff/runs/{run.public_id}/themes/{source.id}/merge", data={"target": target.id})
    assert response.status_code == 302
    db.session.expire_all()
    merged = db.session.get(Theme, target.id)
    assert merged.label == "Kept by staff"  # a staff name is never overwritten
    assert merged.engine_label != "Kept by staff" and merged.engine_label
    assert source_terms[0] in merged.terms and target_terms[0] in merged.terms
    # Quotes come from the merged theme's answers, not from the two old lists glued together.
    texts = answers_of(merged)
    assert merged.quotes and all(any(q.rstrip("…") in t for t in texts) for q in merged.quotes)
    assert any(q.rstrip("…") in t for q in merged.quotes for t in from_source)
    assert merged.size == len(texts)
    page = staff.get(REPORT).get_data(as_text=True)
    card = page[page.index(f'id="t{merged.id}"'):]
    card = html.unescape(card[:card.index("</section>")])
    assert source_terms[0] in card.split("Key terms: ")[1].split("</p>")[0]
    assert f"Names Chorus suggests: {merged.engine_label}" in card  # offered, not imposed


def test_themes_that_look_alike_are_offered_as_a_merge_never_merged(run, staff):
    suggestions = run.merge_suggestions
    assert suggestions, "the demo's job interest question has look-alike themes"
    pair = suggestions[0]
    theme, target = db.session.get(Theme, pair["theme"]), db.session.get(Theme, pair["target"])
    assert not theme.retired and not target.retired and theme.size <= target.size
    page = staff.get(REPORT).get_data(as_text=True)
    assert "These two themes look alike: merge?" in page
    form = re.search(rf'<form method="post" action="/staff/runs/{run.public_id}/themes/{theme.id}/merge"'
                     rf'.*?</form>', page, re.DOTALL).group(0)
    assert f'name="target" value="{target.id}"' in form
    staff.post(f"/staff/runs/{run.public_id}/themes/{theme.id}/merge", data={"target": target.id})
    db.session.expire_all()
    assert db.session.get(Theme, theme.id).retired  # one click merged them


def test_a_pair_kept_apart_is_not_suggested_again_even_after_a_new_run(run, staff):
    pair = run.merge_suggestions[0]
    theme = db.session.get(Theme, pair["theme"])
    response = staff.post(f"/staff/runs/{run.public_id}/themes/{theme.id}/keep-apart", data={"target": pair["target"]})
    assert response.status_code == 302
    page = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "will not be suggested again" in page
    assert f'/themes/{theme.id}/keep-apart"' not in page
    lineages = {theme.lineage, db.session.get(Theme, pair["target"]).lineage}
    assert db.session.scalar(db.select(db.func.count()).select_from(KeptApart)) == 1

    again = start_theme_run(run.survey, run.question, None, None, {"k": 16})
    db.session.commit()
    by_id = {t.id: t.lineage for t in again.themes}
    assert all({by_id[s["theme"]], by_id[s["target"]]} != lineages for s in again.merge_suggestions)


def test_people_who_cannot_curate_see_no_merge_suggestion(app, run):
    partnership = run.survey.partnership
    add_user("partner@demo.example", partnership, Role.PARTNER, PASSWORD,
             next(o for o in partnership.organizations if o.id != run.survey.organization_id))
    db.session.commit()
    client = app.test_client()
    sign_in(client, "partner@demo.example")
    page = client.get(REPORT).get_data(as_text=True)
    assert headings(page) and "look alike" not in page and "keep-apart" not in page


def test_the_parts_of_a_split_are_described_against_every_theme_and_never_offered_to_merge_back(run, monkeypatch):
    import analysis
    from feedback import curation

    asked = {}

    def spy(answers, affected=(), **options):
        asked.update(options, affected=set(affected))
        return describe(answers, affected, **options)

    describe = analysis.describe_themes
    monkeypatch.setattr(analysis, "describe_themes", spy)
    before = {t.id for t in run.themes}
    for theme in shown(run):  # the largest theme that falls into groups (a theme of one idea does not)
        try:
            curation.record(run, CurationKind.SPLIT, theme, user_id=None)
            break
        except curation.CurationError:
            continue
    parts = [t for t in shown(run) if t.id not in before]
    others = {t.label.casefold() for t in shown(run) if t.id in before}
    assert len(parts) >= 2 and asked["affected"] == {part.id for part in parts}
    for part in parts:
        assert part.label.casefold() not in others and part.terms and part.quotes
        assert part.engine_label == part.label
    kept_apart = {frozenset(pair) for pair in asked["kept_apart"]}
    assert all(frozenset((a.id, b.id)) in kept_apart for a in parts for b in parts if a.id < b.id)
    split = {part.id for part in parts}
    assert not any({s["theme"], s["target"]} <= split for s in run.merge_suggestions)
