"""Themes in the survey's languages: what a run keeps per language, how the report prints each theme's
languages without revealing a small group, names and quotes in the reader's language (staff and the
public page), and which answers sentiment covers."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language import SUPPORTED_LANGUAGES
from feedback.curation import record
from feedback.jobs import start_theme_run
from feedback.models import CurationKind, RunStatus, Theme, ThemeRun
from feedback.reports.theme_languages import protected_language_shares, sentiment_coverage
from surveys.db import db
from surveys.models import Partnership, Survey
from tests import factories
from tests.staff.conftest import make_world, sign_in

CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}
THRESHOLD = 5  # the partnership's (the default)

# Three concerns, each said in English, Spanish and Vietnamese. The run below reads them with the word
# table (it places a Vietnamese answer beside its English translation), so Vietnamese answers join the
# themes of the other two languages: nine in all, fewer than the threshold in most themes.
CONCERNS = {
    "childcare": {
        "en": ["Nobody to watch my kids while I work", "Childcare is too expensive for us",
               "I can't find daycare near my house"],
        "es": ["No tengo quién cuide a mis hijos mientras trabajo", "La guardería cuesta demasiado",
               "No hay guarderías cerca de mi casa"],
        "vi": ["Không có ai trông con khi tôi đi làm", "Nhà trẻ quá đắt, không có tiền gửi con",
               "Không tìm được nhà trẻ gần nhà"],
    },
    "transport": {
        "en": ["The bus never comes on time", "No car and the bus takes two hours",
               "Bus stops are too far from my job"],
        "es": ["El autobús nunca llega a tiempo", "No tengo carro y el autobús tarda dos horas",
               "La parada del autobús está muy lejos del trabajo"],
        "vi": ["Xe buýt không bao giờ đến đúng giờ", "Tôi không có xe hơi, đi xe buýt mất hai tiếng",
               "Trạm xe buýt quá xa chỗ làm"],
    },
    "pay": {
        "en": ["The pay is too low to cover rent", "Wages have not gone up in years",
               "I need a job that pays more per hour"],
        "es": ["El sueldo es muy bajo para pagar la renta", "Los salarios no han subido en años",
               "Necesito un trabajo que pague más por hora"],
        "vi": ["Lương quá thấp, không đủ trả tiền nhà", "Tiền lương không tăng nhiều năm rồi",
               "Tôi cần việc làm trả lương cao hơn mỗi giờ"],
    },
}
COPIES = {"en": 4, "es": 2, "vi": 1}
"""How many people wrote each answer, per language: 36, 18 and 9 answers."""
VIETNAMESE_WORDS = {w for said in CONCERNS.values() for text in said["vi"] for w in re.findall(r"\w+", text.lower())}


def build(app) -> dict[str, object]:
    world = make_world(app, "langs")
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == world.survey))
        survey.languages = ["en", "es", "vi"]
        question = survey.questions[0]
        for said in CONCERNS.values():
            for language, texts in said.items():
                for text in texts:
                    for _ in range(COPIES[language]):
                        factories.answer(factories.response(survey, language=language), question, value_text=text)
        run = start_theme_run(survey, question, None, None, {"k": 3, "representation_asked": "embeddings"})
        assert run.status is RunStatus.FINISHED, run.message
        db.session.commit()
        built = {"run": run.id, "survey": survey.slug, "partnership": world.partnership_slug,
                 "admin": world.users["admin"]}
        db.session.remove()
    return built


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """A partnership whose survey's open question has answers in English, Spanish and Vietnamese and a
    finished run of three themes, built once; each test starts from its own copy."""
    return test_database.snapshot("langs world, en/es/vi answers, run k=3 on the word table", build, config=CONFIG)


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


@pytest.fixture
def built(database_snapshot) -> dict[str, object]:
    return database_snapshot.value


@pytest.fixture
def run(db, built) -> ThemeRun:
    return db.session.get(ThemeRun, built["run"])


def report_url(built) -> str:
    return f"/staff/surveys/{built['survey']}/questions/barriers/report"


def themes_of(run: ThemeRun) -> list[Theme]:
    db.session.refresh(run)
    return [t for t in run.themes if not t.retired]


def staff_client(app, built, language: str = "en"):
    client = app.test_client()
    assert sign_in(client, built["admin"]).status_code == 302
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def card(page: str, theme: Theme) -> str:
    start = page.index(f'id="t{theme.id}"')
    return html.unescape(page[start:page.index("</section>", start)])


# -- the protection, on its own ------------------------------------------------------------------------

def printed_groups(counts: dict[str, int], threshold: int) -> list[int]:
    """The counts a reader can work out from the line beside the theme's size: each language printed
    with a share, the "other languages" share, and what the printed shares leave of the size."""
    shares = protected_language_shares(counts, threshold)
    if shares is None:
        return []
    total = sum(counts.values())
    named = [counts[code] for code, share in shares.named if share is not None]
    groups = list(named)
    if named:
        groups.append(total - sum(named))  # the size less the named languages: printed or subtracted
    return [n for n in groups if n]


@given(st.dictionaries(st.sampled_from(SUPPORTED_LANGUAGES), st.integers(0, 60), min_size=1),
       st.integers(1, 20))
def test_no_printed_share_nor_difference_of_printed_numbers_counts_fewer_than_the_threshold(counts, threshold):
    shares = protected_language_shares(counts, threshold)
    for n in printed_groups(counts, threshold):
        assert n >= threshold
    if shares is None:
        return
    for code, _ in shares.named:
        assert counts[code] >= threshold or shares.named == [(code, None)] and not shares.other
    if shares.other_share is not None:
        assert round(shares.other_share * sum(counts.values())) >= threshold


@pytest.mark.parametrize(("counts", "named", "other"), [
    ({"en": 40}, [("en", None)], None),  # one language: said in words, no number
    ({"en": 20, "es": 10}, [("en", 20 / 30), ("es", 10 / 30)], None),
    ({"en": 30, "es": 12, "vi": 3}, [("en", 30 / 45)], 15 / 45),  # Vietnamese alone would be the rest
    ({"en": 30, "es": 12, "vi": 3, "ar": 4}, [("en", 30 / 49), ("es", 12 / 49)], 7 / 49),
    ({"en": 40, "vi": 1}, [("en", None)], None),  # no share can hide the one answer: none printed
    ({"vi": 2, "ar": 2, "ht": 1}, [], None),
])
def test_small_languages_are_folded_until_their_group_is_not_small(counts, named, other):
    shares = protected_language_shares(counts, THRESHOLD)
    def rounded(pairs):
        return [(code, None if share is None else round(share, 6)) for code, share in pairs]

    assert rounded(shares.named) == rounded(named) and shares.other_share == pytest.approx(other)
    assert shares.other == (len(counts) > 1 and sum(counts.values()) > sum(
        counts[code] for code, share in named if share is not None))


def test_the_line_reads_in_the_readers_language(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert protected_language_shares({"en": 30, "es": 12, "vi": 3}, THRESHOLD).text().startswith("Inglés 67%, ")
    with app.test_request_context():
        assert protected_language_shares({"en": 30, "es": 12, "vi": 3}, THRESHOLD).text() == \
            "English 67%, other languages 33%"
        assert protected_language_shares({"es": 9}, THRESHOLD).text() == "all in Spanish"
        assert protected_language_shares({"en": 40, "vi": 1}, THRESHOLD).text() == "English, other languages"


def test_sentiment_coverage_names_no_small_language_and_no_small_count(app):
    new = {"languages": ["en"], "unscored_answers": 36, "unscored_languages": {"es": 30, "vi": 3, "ar": 3}}
    with app.test_request_context():
        said = sentiment_coverage({"sentiment": new}, THRESHOLD, answered=100)
        assert said == ("Sentiment is read for English answers only; 36 answers in Spanish and other languages "
                        "are not scored.")
        # 32 less the 30 Spanish answers a theme's language line may print would count 2 Vietnamese ones.
        two = {"languages": ["en"], "unscored_answers": 32, "unscored_languages": {"es": 30, "vi": 2}}
        said = sentiment_coverage({"sentiment": two}, THRESHOLD, answered=100)
        assert said == ("Sentiment is read for English answers only; answers in Spanish and other languages "
                        "are not scored.")
        # 3 English answers would be the answers less the unscored ones: the count is left out.
        said = sentiment_coverage({"sentiment": new}, THRESHOLD, answered=39)
        assert "36" not in said and "Vietnamese" not in said
        small = {"languages": ["en"], "unscored_languages": {"vi": 3}}
        assert sentiment_coverage({"sentiment": small}, THRESHOLD, answered=50) == (
            "Sentiment is read for English answers only; answers in other languages are not scored.")
        for old in ({"sentiment": "VADER (English answers only)"}, {}, None):
            assert sentiment_coverage(old, THRESHOLD, answered=50) == (
                "Sentiment is read for English answers only; answers in other languages are not scored.")


# -- a run over three languages ---------------------------------------------------------------------

def test_a_run_keeps_answers_per_language_and_names_and_quotes_from_each_languages_answers(run):
    themes = [t for t in themes_of(run) if not t.other]
    assert len(themes) == 3
    for theme in themes_of(run):
        assert sum(theme.languages.values()) == theme.size
        assert "en" not in theme.labels  # English is the run's language: `label` is that name
        assert set(theme.labels) <= {code for code, n in theme.languages.items() if n >= 2}
    assert all("es" in t.labels and t.language_quotes.get("es") for t in themes)
    vietnamese = [t for t in themes if "vi" in t.labels]
    assert vietnamese
    for theme in vietnamese:
        assert set(re.findall(r"\w+", theme.labels["vi"].lower())) <= VIETNAMESE_WORDS
        assert all(set(re.findall(r"\w+", q.lower())) <= VIETNAMESE_WORDS for q in theme.language_quotes["vi"])


NAMES = {"English": "en", "Spanish": "es", "Vietnamese": "vi"}


def test_the_report_prints_each_themes_languages_and_never_a_small_vietnamese_group(app, run, built):
    page = staff_client(app, built).get(report_url(built)).get_data(as_text=True)
    themes = [t for t in themes_of(run) if not t.other]
    assert any(0 < t.languages.get("vi", 0) < THRESHOLD for t in themes)  # what this test is about
    for theme in themes:
        line = re.search(r"Languages: ([^<]*)</p>", card(page, theme)).group(1)
        if theme.languages.get("vi", 0) < THRESHOLD:
            assert "Vietnamese" not in line, line
        named = dict(re.findall(r"(English|Spanish|Vietnamese) (\d+)%", line))
        assert all(theme.languages[NAMES[name]] >= THRESHOLD for name in named), line
        rest = sum(theme.languages.values()) - sum(theme.languages[NAMES[name]] for name in named)
        assert rest == 0 or rest >= THRESHOLD, line  # "other languages", printed or worked out
        assert line == protected_language_shares(theme.languages, THRESHOLD).text()


def test_a_spanish_reader_sees_the_spanish_name_where_it_speaks_for_the_theme(app, run, built):
    """A name from the theme's Spanish answers replaces the name staff read only where they are at least
    half the theme's answers and staff have not renamed it; Spanish quotes come first either way."""
    themes = [t for t in themes_of(run) if not t.other]
    renamed, kept, minority = themes[0], themes[1], themes[2]
    record(run, CurationKind.RENAME, renamed, user_id=None, label="Named by staff")
    kept.languages = {"es": 20, "en": 12, "vi": 3}  # mostly Spanish answers
    db.session.commit()
    assert 2 * minority.languages["es"] < sum(minority.languages.values())  # a third, as built
    client = staff_client(app, built, "es")
    page = client.get(report_url(built)).get_data(as_text=True)
    assert html.escape(kept.labels["es"]) in card(page, kept) or kept.labels["es"] in card(page, kept)
    heading = re.search(rf'<h3 id="t{kept.id}">(.*?)</h3>', page).group(1)
    assert html.unescape(heading).startswith(kept.labels["es"]) and "lang=" not in heading  # the page's language
    assert any(html.escape(q) in page or q in html.unescape(page) for q in kept.language_quotes["es"])
    renamed_heading = html.unescape(re.search(rf'<h3 id="t{renamed.id}">(.*?)</h3>', page).group(1))
    assert renamed_heading.startswith("Named by staff")
    theme_page = client.get(f"/staff/runs/{run.public_id}/themes/{kept.id}").get_data(as_text=True)
    assert f"<h1>{html.escape(kept.labels['es'])}</h1>" in theme_page
    minority_heading = html.unescape(re.search(rf'<h3 id="t{minority.id}">(.*?)</h3>', page).group(1))
    assert minority.labels["es"] not in minority_heading and minority.label in minority_heading
    assert any(q in html.unescape(card(page, minority)) for q in minority.language_quotes["es"])


def test_an_english_reader_sees_the_name_staff_read(app, run, built):
    page = staff_client(app, built).get(report_url(built)).get_data(as_text=True)
    for theme in themes_of(run):
        heading = re.search(rf'<h3 id="t{theme.id}">(.*?)</h3>', page).group(1)
        assert html.unescape(heading).startswith(theme.label) and "lang=" not in heading


def test_an_english_name_on_a_spanish_page_is_marked_as_english(app, run, built):
    theme = next(t for t in themes_of(run) if not t.other)
    theme.labels = {}
    db.session.commit()
    page = staff_client(app, built, "es").get(report_url(built)).get_data(as_text=True)
    assert f'<h3 id="t{theme.id}"><span lang="en">' in page


def test_the_report_says_which_answers_sentiment_covers(app, run, built):
    coverage = run.parameters["sentiment"]
    assert coverage["unscored_languages"] == {"es": 18, "vi": 9}
    page = html.unescape(staff_client(app, built).get(report_url(built)).get_data(as_text=True))
    assert ("Sentiment is read for English answers only; 27 answers in Spanish and Vietnamese are not scored."
            in page)
    run.parameters = {**run.parameters, "sentiment": "VADER (English answers only)"}  # a run of before
    db.session.commit()
    page = html.unescape(staff_client(app, built).get(report_url(built)).get_data(as_text=True))
    assert "Sentiment is read for English answers only; answers in other languages are not scored." in page


def test_a_merge_describes_the_merged_theme_again_in_each_language(run):
    source, target = [t for t in themes_of(run) if not t.other][:2]
    before = dict(target.labels)
    record(run, CurationKind.MERGE, source, user_id=None, target=target)
    db.session.commit()
    merged = db.session.get(Theme, target.id)
    assert sum(merged.languages.values()) == merged.size
    assert set(merged.labels) == {code for code in ("es", "vi") if merged.languages.get(code, 0) >= 2}
    assert merged.language_quotes["es"] and (merged.labels != before or merged.engine_label)


def test_the_public_page_names_a_theme_in_the_readers_language(app, run, built):
    from feedback.services.public import publish_run

    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == built["partnership"]))
    partnership.public_page = True
    publish_run(run, user_id=None)  # the public page lists a run's themes once staff publish it
    db.session.commit()
    themes = [t for t in themes_of(run) if not t.other and "vi" in t.labels]
    mostly_vietnamese, others = themes[0], themes[1:]
    mostly_vietnamese.languages = {"vi": 30, "en": 10}
    db.session.commit()
    page = html.unescape(app.test_client().get(f"/p/{built['partnership']}?lang=vi").get_data(as_text=True))
    assert f"<strong>{mostly_vietnamese.labels['vi']}</strong>" in page
    # A name from a ninth of a theme's answers would not speak for it: the partnership's name stays.
    assert all(t.labels["vi"] not in page for t in others) and any(t.label in page for t in others)
    english = html.unescape(app.test_client().get(f"/p/{built['partnership']}?lang=en").get_data(as_text=True))
    assert all(t.labels["vi"] not in english for t in themes)
    assert any(f"<strong>{t.label}</strong>" in english for t in themes)


@pytest.mark.parametrize("label, expected", [
    ("Citas médicas (gloss: appointment, doctor)", ("Citas médicas", "es")),
    ("Nhà trẻ (in Vietnamese)", ("Nhà trẻ", "vi")),
    ("托儿所 (in Chinese)", ("托儿所", "zh-Hans")),
    ("Bus (in town)", ("Bus (in town)", None)),
    ("Night buses", ("Night buses", None)),
])
def test_a_reader_of_another_language_reads_an_engine_name_without_its_note_for_english_readers(label, expected):
    from feedback.reports.theme_languages import without_language_note

    assert without_language_note(label) == expected


def test_a_spanish_page_draws_its_chart_in_spanish_and_keeps_none(app, run, built):
    """The report's chart is kept once per run, in English whoever's request built it; a Spanish page
    draws its own. (One language per test: the test database's app context keeps the first locale.)"""
    spanish = staff_client(app, built, "es").get(report_url(built)).get_data(as_text=True)
    assert "Proporción de respuestas por tema" in html.unescape(spanish)
    assert "Share of answers per theme" in str(db.session.get(ThemeRun, run.id).report_cache)


def test_an_english_page_shows_the_kept_english_chart(app, run, built):
    english = staff_client(app, built).get(report_url(built)).get_data(as_text=True)
    assert "Share of answers per theme" in english and "Proporción" not in english
