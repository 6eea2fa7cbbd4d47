"""The interop staff pages in real Chromium, as a program manager on a phone meets them: import past
answers from a Google Forms export (upload, map, check, import, undo), give a device its key and an API
token (each shown once, copyable, never shown again), and import an XLSForm whose rows Chorus cannot all
use. Every page is clean under axe's WCAG 2.2 AA rules, no page is wider than a 390 px phone, an error
takes the focus and names its field, and the pages reached from a survey's "Other tools" work at 1280 px
too."""

from __future__ import annotations

import csv
import io
import re
import shutil
import threading

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "interop browser password"
PARTNERSHIP = "interop"
SURVEY = "job-seekers"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# A Google Forms export: its Timestamp, whole questions as headers, a multiple choice joined with ";",
# and a third row whose "Maybe" matches no answer choice.
GOOGLE_FORMS_ROWS = [
    ["Timestamp", "What is your main goal right now?", "Are you working now?",
     "What makes it hard to reach your goal?", "Tell us more about what makes it hard."],
    ["3/5/2024 14:03:22", "Get my first job", "No", "Childcare; Getting there", "The buses stop at 7 pm"],
    ["3/6/2024 09:10:00", "Get a better job", "Yes, part time", "Cost of training", "Classes cost too much"],
    ["3/7/2024 11:00:00", "Get a better job", "Maybe", "Childcare", "No one to watch my kids"],
]


@pytest.fixture(scope="module")
def interop_server(tmp_path_factory):
    """One partnership with an open career-seeker survey and an admin, served on a random local port."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.models import Role
    from surveys.db import db
    from surveys.definition import load_template
    from surveys.models import Organization, OrganizationKind, Partnership, SurveyStatus
    from surveys.services import create_survey

    folder = tmp_path_factory.mktemp("interop-browser")
    app = create_app({
        "TESTING": True, "SECRET_KEY": "interop-browser", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/i.db",
        "INSTANCE_PATH": str(folder), "REDIS_URL": None, "RATELIMIT_STORAGE_URI": "memory://",
        "SESSION_COOKIE_SECURE": False, "JOBS_INLINE": True,
    })
    with app.app_context():
        db.create_all()
        partnership = Partnership(slug=PARTNERSHIP, name="Interop partnership")
        db.session.add(partnership)
        db.session.add(Organization(partnership=partnership, slug="board", name="Workforce board",
                                    kind=OrganizationKind.WORKFORCE_BOARD))
        survey = create_survey(partnership, load_template("career_seeker_needs"), slug=SURVEY)
        survey.move_to(SurveyStatus.OPEN)
        add_user("admin@interop.example", partnership, Role.ADMIN, PASSWORD)
        db.session.commit()
        db.engine.dispose()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


def signed_in(browser, base: str, viewport: dict):
    """A new tab at ``viewport`` with the admin signed in (and the clipboard readable); returns both."""
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.set_default_timeout(45_000)
    page.goto(base + "/staff/login")
    page.fill("#email", "admin@interop.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/staff/")
    return context, page


@pytest.fixture
def staff(browser, interop_server):
    """The admin signed in on a 390 px phone."""
    context, page = signed_in(browser, interop_server, PHONE)
    yield page, interop_server
    context.close()


@pytest.fixture
def staff_desktop(browser, interop_server):
    """The admin signed in on a 1280 px screen."""
    context, page = signed_in(browser, interop_server, DESKTOP)
    yield page, interop_server
    context.close()


def check_page(page, name: str, width: int = PHONE["width"]) -> list[str]:
    """What a user would trip over on this page: axe's WCAG 2.2 AA violations and a page wider than
    the screen."""
    from axe_playwright_python.sync_playwright import Axe

    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{name}: the page is {scroll_width} px wide on a {width} px screen")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}).response
    for violation in results["violations"]:
        targets = "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    return problems


def press(page, button: str | re.Pattern) -> None:
    """Press a form's button and wait for the page that answers it."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def follow(page, name: str | re.Pattern) -> None:
    """Follow a link and wait for the page it leads to (reading the page before it arrives fails)."""
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def copied_by_the_copy_button(page, box_id: str) -> str:
    from playwright.sync_api import expect

    page.click(f"button[data-copy={box_id}]")
    expect(page.locator(f"#{box_id}-copied")).to_have_text("Copied.")  # said to a screen reader too
    return page.evaluate("navigator.clipboard.readText()")


def test_past_answers_from_google_forms_are_uploaded_mapped_checked_imported_and_undone(staff, tmp_path):
    page, base = staff
    export = tmp_path / "Job seekers (Responses) - Form Responses 1.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(GOOGLE_FORMS_ROWS)
    export.write_text(buffer.getvalue())
    problems = []

    page.goto(f"{base}/staff/surveys/{SURVEY}")
    follow(page, "Import past answers")
    problems += check_page(page, "upload")
    page.get_by_label("The exported file").set_input_files(export)
    page.get_by_label("Where the answers come from").fill("Google Forms, spring 2024")
    press(page, "Upload and map the columns")

    # Each column of the file is a labelled card on the phone; Chorus suggested the question it answers.
    page.wait_for_selector("h1:has-text('Which question does each column answer?')")
    problems += check_page(page, "map")
    assert page.get_by_label("C: Are you working now?").input_value() == "work_status"
    assert page.get_by_label("A: Timestamp").input_value() == "@submitted_at"
    widths = page.eval_on_selector_all("table.map select", "s => s.map(e => e.getBoundingClientRect().right)")
    assert len(widths) == 5 and max(widths) <= PHONE["width"], "a column's choice runs off the screen"

    press(page, "Check every row")
    # The result is far below the columns: the top of the page says it and takes the focus.
    page.wait_for_selector("#check")
    assert focused(page) == "check-summary"
    assert "2 rows would import, 1 row has problems" in page.inner_text("#check-summary")
    problems += check_page(page, "check")
    row = page.locator("table.problems tbody tr").first
    assert [" ".join(cell.split()) for cell in row.locator("th, td").all_inner_texts()][:3] == [
        "Row 4", "Column: Are you working now?", "Value: “Maybe”"]
    assert "matches no answer choice" in row.inner_text()

    press(page, "Import 2 responses, leaving out the 1 row with problems")
    page.wait_for_url(re.compile(r"/import#imports$"))
    assert "Imported 2 responses" in page.inner_text("#imports ~ p.flash, section[aria-labelledby=imports]")
    imports = page.locator("section[aria-labelledby=imports] table tbody tr")
    assert imports.count() == 1 and "Responses: 2" in imports.inner_text()
    problems += check_page(page, "imported")

    press(page, re.compile("Undo this import"))
    assert "its 2 responses are deleted" in page.inner_text("main")
    assert problems == []


def test_a_device_key_is_shown_once_with_its_qr_code_and_copies_in_one_press(staff):
    page, base = staff
    problems = []
    page.goto(f"{base}/staff/surveys/{SURVEY}")
    follow(page, "Devices (ODK Collect, Enketo)")
    problems += check_page(page, "devices")

    press(page, "Make a key")  # no name: the error takes the focus
    assert page.title().startswith("Error:")
    assert focused(page) == "error-summary"
    assert page.get_by_label("Device name").get_attribute("aria-invalid") == "true"
    assert page.locator("#error-summary a").get_attribute("href") == "#name"
    problems += check_page(page, "device error")

    page.get_by_label("Device name").fill("Tablet 3, Riverside job fair")
    press(page, "Make a key")
    page.wait_for_selector("h1:has-text('Tablet 3')")
    problems += check_page(page, "device key")
    assert "Shown only once" in page.inner_text(".once")
    qr = page.locator("img.qr")
    assert qr.get_attribute("src").startswith("data:image/svg+xml") and "QR code" in qr.get_attribute("alt")
    address = page.inner_text("#device-address").strip()
    assert re.fullmatch(rf"{re.escape(base)}/openrosa/key/[\w-]{{20,}}", address)
    assert copied_by_the_copy_button(page, "device-address") == address
    key = address.rsplit("/", 1)[1]

    follow(page, "Done: back to the devices")
    listing = page.inner_text("main")
    assert "Tablet 3, Riverside job fair" in listing and key not in listing
    assert page.get_by_role("button", name="Revoke the key of Tablet 3, Riverside job fair").is_visible()
    assert problems == []


def test_an_api_token_is_shown_once_and_copies_in_one_press(staff):
    page, base = staff
    problems = []
    page.goto(f"{base}/staff/account")
    follow(page, re.compile("Your tokens for"))
    problems += check_page(page, "tokens")

    press(page, "Make token")
    assert focused(page) == "error-summary" and page.title().startswith("Error:")
    problems += check_page(page, "token error")

    page.get_by_label("Name").fill("weekly export script")
    page.get_by_label("Role").select_option("analyst")
    press(page, "Make token")
    page.wait_for_selector("h1:has-text('weekly export script')")
    problems += check_page(page, "token made")
    assert "Shown only once" in page.inner_text(".once")
    secret = page.inner_text("#api-token").strip()
    assert secret.startswith("chorus_") and copied_by_the_copy_button(page, "api-token") == secret

    follow(page, "Done: back to your tokens")
    listing = page.inner_text("main")
    assert "weekly export script" in listing and secret not in listing
    assert problems == []


def test_an_xlsform_with_rows_chorus_cannot_use_says_which_then_imports_without_them(staff):
    from tests.surveys.xlsform_forms import kobo_sheets, q, workbook

    page, base = staff
    sheets = kobo_sheets()
    sheets["survey"].insert(8, q("geopoint", "where", "Where are you?", "¿Dónde está?"))
    problems = []
    page.goto(f"{base}/staff/partnerships/{PARTNERSHIP}/surveys/start")
    problems += check_page(page, "new survey")
    follow(page, "Import an XLSForm")
    problems += check_page(page, "xlsform")

    press(page, "Import as a draft")  # nothing filled in
    assert focused(page) == "error-summary"
    assert "Web address: use 3–80 lowercase letters" in page.inner_text("#error-summary")

    form = {"name": "job_fair.xlsx", "mimeType": "application/octet-stream", "buffer": workbook(sheets)}
    page.get_by_label("XLSForm file").set_input_files(form)
    page.get_by_label("Web address").fill("job-fair")
    press(page, "Import as a draft")
    assert focused(page) == "error-summary"
    assert "1 part of the form cannot be used" in page.inner_text("#error-summary")
    first = page.locator("table.xlsform-problems tbody tr").first  # what blocks comes first
    assert "Cannot be used: 'geopoint'" in first.inner_text()
    problems += check_page(page, "xlsform problems")

    page.get_by_role("link", name="“Leave out what Chorus cannot use”").click()  # the summary leads to it
    assert page.get_by_label("Leave out what Chorus cannot use").is_visible()
    page.get_by_label("Leave out what Chorus cannot use").check()
    page.get_by_label("XLSForm file").set_input_files(form)
    press(page, "Import as a draft")
    assert page.url.split("#")[0] == f"{base}/staff/surveys/job-fair/builder"  # the draft, in the builder
    assert "Left out: sheet survey, row 10" in page.inner_text("main")
    assert problems == []


def test_the_other_tools_of_a_survey_lead_to_clean_pages_on_a_desktop(staff_desktop):
    page, base = staff_desktop
    problems = []
    page.goto(f"{base}/staff/surveys/{SURVEY}")
    problems += check_page(page, "survey", DESKTOP["width"])
    tools = page.locator("h2:has-text('Other tools') + ul a")
    assert tools.all_inner_texts() == ["Download as XLSForm", "Devices (ODK Collect, Enketo)", "Import past answers"]
    with page.expect_download() as download:
        tools.first.click()
    assert download.value.suggested_filename == f"{SURVEY}.xlsx"
    for name in ("Devices (ODK Collect, Enketo)", "Import past answers"):
        page.goto(f"{base}/staff/surveys/{SURVEY}")
        follow(page, name)
        problems += check_page(page, name, DESKTOP["width"])
    page.goto(f"{base}/staff/partnerships/{PARTNERSHIP}/tokens")
    problems += check_page(page, "tokens", DESKTOP["width"])
    assert problems == []
