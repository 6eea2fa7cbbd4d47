"""The find-themes form's options: how answers are compared, and a codebook staff paste or upload.

The choice reaches the theme engine for that run; a codebook with a problem comes back beside its box,
as typed, and starts nothing; a good one codes the answers against its codes, and the report says which
themes are the codebook's and which are proposed beside it.
"""

import html
import io

import pytest

import analysis
import analysis.coding
from feedback.accounts import add_user
from feedback.models import Role, RunStatus, ThemeRun
from surveys.db import db
from surveys.models import Partnership
from tests.staff.conftest import DEMO_ADMIN, PASSWORD, THEMES_CONFIG, demo_with_admin, sign_in

SURVEY = "healthcare-career-seekers"
QUESTION = "what_would_help"
START = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/themes"
REPORT = f"/staff/surveys/{SURVEY}/questions/{QUESTION}/report"


CODEBOOK = """name,description,examples
Childcare help,Help paying for or finding child care while in training,daycare voucher | childcare on site
Getting there,"Bus passes, gas cards, rides to class",free bus pass | gas card
Paid training,"A stipend or wage while training, earn while you learn",paid apprenticeship
"""


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
def engine_calls(monkeypatch):
    """What the theme engine and the codebook coder were asked for; both still run (on word counts,
    which is fast and needs no model)."""
    calls = []
    find_themes, code_answers = analysis.find_themes, analysis.coding.code_answers

    def spy_find(texts, **params):
        calls.append(("find_themes", params))
        return find_themes(texts, **{**params, "representation": "tfidf"})

    def spy_code(texts, codebook, **params):
        calls.append(("code_answers", {**params, "codebook": list(codebook)}))
        return code_answers(texts, codebook, **{**params, "representation": "tfidf"})

    monkeypatch.setattr(analysis, "find_themes", spy_find)
    monkeypatch.setattr(analysis.coding, "code_answers", spy_code)
    return calls


def runs(app) -> list[ThemeRun]:
    with app.app_context():
        found = list(db.session.scalars(db.select(ThemeRun).order_by(ThemeRun.id)))
        for run in found:
            db.session.expunge(run)
        return found


def labels_of(app, public_id: str) -> list[str]:
    with app.app_context():
        run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.public_id == public_id))
        return [t.label for t in run.themes if not (t.retired or t.other)]


def kept_in_the_box(page: str) -> str:
    """The codebook box's text as a browser shows it (it drops one newline after the opening tag)."""
    text = html.unescape(page.split('name="codes"')[1].split("</textarea>")[0].split(">", 1)[1])
    return text.removeprefix("\n")


def test_every_find_themes_form_offers_the_choice_and_a_codebook(staff):
    survey_page = staff.get(f"/staff/surveys/{SURVEY}").get_data(as_text=True)
    for choice in ('value="auto"', 'value="embeddings"', 'value="word-counts"', ">Automatic<",
                   ">Sentence embeddings<", ">Word counts (TF-IDF)<"):
        assert choice in survey_page
    assert 'name="codes"' in survey_page and 'name="codes_file" type="file"' in survey_page
    assert 'enctype="multipart/form-data"' in survey_page
    assert "at most 50,000 characters" in survey_page and 'maxlength="50000"' in survey_page
    empty = staff.get(REPORT)
    assert empty.status_code == 404 and 'name="codes"' in empty.get_data(as_text=True)


@pytest.mark.parametrize(("chosen", "configured", "engine_gets"), [
    ("word-counts", None, "tfidf"),
    ("embeddings", "tfidf", "embeddings"),  # the person's choice wins over the configured default
    ("auto", "tfidf", "tfidf"),  # Automatic keeps the configured default
    ("auto", None, None),  # and without one the engine chooses
])
def test_the_chosen_representation_reaches_the_engine(app, staff, engine_calls, chosen, configured, engine_gets):
    app.config["THEMES_REPRESENTATION"] = configured
    response = staff.post(START, data={"wave": "", "k": "4", "representation": chosen})
    assert response.status_code == 302
    [(engine, params)] = engine_calls
    assert engine == "find_themes" and params["k"] == 4
    assert params.get("representation") == engine_gets
    run = runs(app)[-1]
    assert run.status is RunStatus.FINISHED, run.message
    assert run.parameters["representation_asked"] == {"word-counts": "tfidf"}.get(chosen, chosen)


def test_an_unknown_choice_is_refused_beside_the_field_and_starts_nothing(app, staff, engine_calls):
    response = staff.post(START, data={"wave": "", "representation": "gpt"})
    assert response.status_code == 422
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert engine_calls == [] and runs(app) == []


def test_a_bad_codebook_shows_the_row_at_fault_keeps_the_text_and_starts_nothing(app, staff, engine_calls):
    pasted = 'name,description\nChildcare help,Paying for daycare\n,"<b>no name</b> here"\n'
    response = staff.post(START, data={"wave": "", "k": "7", "representation": "word-counts", "codes": pasted})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Row 3 of the codebook has no name" in page
    assert kept_in_the_box(page) == pasted  # every character kept, markup as text
    assert "<b>no name</b>" not in page
    assert 'value="7"' in page and '<option value="word-counts" selected>' in page
    assert 'aria-invalid="true"' in page and "codes-error-page" in page
    assert engine_calls == [] and runs(app) == []


def test_a_good_codebook_codes_the_answers_and_the_report_names_the_codes(app, staff, engine_calls):
    response = staff.post(START, data={"wave": "", "representation": "word-counts", "codes": CODEBOOK})
    assert response.status_code == 302
    [(engine, params)] = engine_calls
    assert engine == "code_answers" and params["representation"] == "tfidf"
    assert [code.name for code in params["codebook"]] == ["Childcare help", "Getting there", "Paid training"]
    run = runs(app)[-1]
    assert run.status is RunStatus.FINISHED, run.message
    assert [code["name"] for code in run.parameters["codes"]] == ["Childcare help", "Getting there", "Paid training"]
    labels = labels_of(app, run.public_id)
    assert {"Childcare help", "Getting there", "Paid training"} <= set(labels)

    page = staff.get(REPORT).get_data(as_text=True)
    for name in ("Childcare help", "Getting there", "Paid training"):
        heading = page.split(f">{name}", 1)[1].split("</h3>", 1)[0]
        assert "from your codebook" in heading
    proposed = run.parameters["proposed_themes"]
    assert proposed, "the demo's answers hold concerns the codebook lacks"
    assert page.count("proposed new theme") >= len(proposed)
    assert "compared each answer with the codes of your codebook" in page
    # Running it again from the report keeps the codebook.
    rerun = page.split("Options for running again")[1].split("</form>")[0]
    assert "(this run used yours)" in rerun and "Childcare help,Help paying for or finding child care" in rerun


def test_a_codebook_file_is_read_and_a_bad_one_comes_back_in_the_box(app, staff, engine_calls):
    bad = b"name;description\nChildcare help;Daycare\nChildcare help;Again\n"
    response = staff.post(START, content_type="multipart/form-data",
                          data={"wave": "", "codes_file": (io.BytesIO(bad), "codes.csv")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Rows 2 and 3 of codes.csv both name the code" in page
    assert "Childcare help;Again" in page.split('name="codes"')[1]  # the file's text, to correct in place
    assert engine_calls == [] and runs(app) == []

    response = staff.post(START, content_type="multipart/form-data",
                          data={"wave": "", "codes_file": (io.BytesIO(CODEBOOK.encode("utf-8-sig")), "codes.csv")})
    assert response.status_code == 302
    assert [engine for engine, _ in engine_calls] == ["code_answers"]


def test_a_codebook_file_too_long_or_not_utf8_is_refused(app, staff, engine_calls):
    long_file = ("name,description\n" + "Childcare help," + "x" * 50_001 + "\n").encode()
    response = staff.post(START, content_type="multipart/form-data",
                          data={"wave": "", "codes_file": (io.BytesIO(long_file), "codes.csv")})
    assert response.status_code == 422
    assert "codes.csv is longer than 50,000 characters" in response.get_data(as_text=True)
    latin1 = staff.post(START, content_type="multipart/form-data",
                        data={"wave": "", "codes_file": (io.BytesIO("name,description\nGuardería,Niños\n".encode("latin-1")),
                                                         "codes.csv")})
    assert latin1.status_code == 422 and "codes.csv is not UTF-8 text" in latin1.get_data(as_text=True)
    pasted = staff.post(START, data={"wave": "", "codes": "name,description\n" + "x" * 50_001})
    assert pasted.status_code == 413  # the guards' limit on any one field
    assert engine_calls == [] and runs(app) == []


def test_a_partner_cannot_start_a_run_with_a_codebook_on_another_organizations_survey(app, engine_calls):
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == "tri-county-healthcare"))
        organization = next(o for o in partnership.organizations
                            if all(s.organization_id != o.id for s in partnership.surveys if s.slug == SURVEY))
        add_user("partner@demo.example", partnership, Role.PARTNER, PASSWORD, organization)
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    sign_in(client, "partner@demo.example")
    response = client.post(START, data={"wave": "", "codes": CODEBOOK, "representation": "word-counts"})
    assert response.status_code == 403
    assert engine_calls == [] and runs(app) == []


def test_a_full_queue_refuses_the_run_but_keeps_the_codebook_on_the_page(app, staff, engine_calls):
    app.config["THEME_QUEUE_CAP"] = 0
    response = staff.post(START, data={"wave": "", "codes": CODEBOOK})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and "Chorus is already finding themes" in page
    assert kept_in_the_box(page) == CODEBOOK
    assert engine_calls == [] and runs(app) == []


@pytest.mark.parametrize("k", ["-5", "1", "61", "100000000000000000000", "4.5", "four", "٤"])
def test_a_number_of_themes_the_engine_cannot_give_is_refused_beside_its_field(app, staff, engine_calls, k):
    response = staff.post(START, data={"wave": "", "k": k, "representation": "auto"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The number of themes is a whole number from 2 to 60, or blank to let Chorus choose." in page
    assert 'href="#k-page"' in page and 'aria-describedby="k-error-page"' in page
    assert engine_calls == [] and runs(app) == []


def test_a_blank_number_of_themes_lets_the_engine_choose(app, staff, engine_calls):
    assert staff.post(START, data={"wave": "", "k": " ", "representation": "auto"}).status_code == 302
    [(engine, params)] = engine_calls
    assert engine == "find_themes" and params.get("k") is None
