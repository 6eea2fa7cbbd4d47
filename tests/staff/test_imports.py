"""The staff import of past answers: upload, map, check (a dry run), import all or nothing, undo; and who
may do it."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from surveys.db import db
from surveys.models import Channel, Response, ResponseImport, Survey
from tests.staff.conftest import sign_in

CSV = ("Timestamp,What makes it hard?\n"
       "3/5/2024 14:03:22,The buses stop at 7 pm\n"
       "3/6/2024 09:10:00,No childcare on weekends\n")


@pytest.fixture
def analyst(app, world):
    client = app.test_client()
    assert sign_in(client, world.users["analyst"]).status_code == 302
    return client


def upload(client, slug, data: bytes | None = None, filename="Form Responses 1.csv", **fields):
    return client.post(f"/staff/surveys/{slug}/import", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(CSV.encode() if data is None else data), filename), "source": "Google Forms 2024", **fields})


def mapped_form(page: str, **changes) -> dict:
    """The mapping page's form as the browser would send it: hidden fields and every select as shown."""
    def value(name):
        return page.split(f'name="{name}" value="')[1].split('"')[0]

    form = {"file": value("file"), "filename": value("filename"), "sheet": "", "source": "Google Forms 2024",
            "wave": "__new__", "new_wave": "", "language": "en", "date_order": "auto", "timezone": "UTC"}
    for index in range(page.count('name="col_')):
        select = page.split(f'name="col_{index}"')[1].split("</select>")[0]
        chosen = select.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0] if " selected>" in select else ""
        form[f"col_{index}"] = chosen
    form.update(changes)
    return form


def table_rows(page: str) -> list[list[str]]:
    """Each table row's cells as the reader sees them (the labels a phone shows beside a cell left out)."""
    rows = []
    for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", page, re.DOTALL):
        cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        rows.append([" ".join(html.unescape(re.sub(r'<span class="cell-label"[^>]*>.*?</span>|<[^>]+>', "",
                                                   cell)).split()) for cell in cells])
    return rows


def imported(app, slug) -> list[Response]:
    with app.app_context():
        survey_id = db.session.scalar(sa.select(Survey.id).where(Survey.slug == slug))
        rows = db.session.scalars(sa.select(Response).where(Response.survey_id == survey_id,
                                                            Response.channel == Channel.IMPORT)).all()
        db.session.expunge_all()
        return list(rows)


def test_an_analyst_uploads_maps_checks_then_imports_and_can_undo(app, world, analyst):
    slug = world.survey
    assert analyst.get(f"/staff/surveys/{slug}/import").status_code == 200
    page = upload(analyst, slug)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<option value="barriers" selected>' in html and '<option value="@submitted_at" selected>' in html
    form = mapped_form(html)
    kept = Path(app.instance_path) / "imports"
    assert [p.name for p in kept.glob("*/*")] == [form["file"]]

    check = analyst.post(f"/staff/surveys/{slug}/import/check", data=form)
    report = check.get_data(as_text=True)
    assert check.status_code == 200 and "2 rows would import" in report and "What makes it hard?: 2" in report
    assert imported(app, slug) == []  # a dry run stores nothing

    done = analyst.post(f"/staff/surveys/{slug}/import/run", data=form)
    assert done.status_code == 302
    responses = imported(app, slug)
    assert len(responses) == 2 and all(r.import_id for r in responses)
    assert list(kept.glob("*/*")) == []  # the uploaded file is gone once imported
    listing = analyst.get(done.headers["Location"]).get_data(as_text=True)
    assert "Imported 2 responses into wave “Past answers (Google Forms 2024)”" in listing
    public_id = listing.split("/staff/imports/")[1].split("/undo")[0]

    again = upload(analyst, slug).get_data(as_text=True)
    assert "This file was imported already: “Google Forms 2024”" in again
    assert analyst.post(f"/staff/surveys/{slug}/import/run", data=mapped_form(again)).status_code == 422
    assert len(imported(app, slug)) == 2

    assert analyst.post(f"/staff/imports/{public_id}/undo").status_code == 302
    assert imported(app, slug) == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ResponseImport)) == 0


def test_a_bad_row_is_reported_by_row_column_value_and_why_and_nothing_is_imported(app, world, analyst):
    slug = world.survey
    html = upload(analyst, slug, (CSV + "13/13/2024 25:00,Nights\n").encode()).get_data(as_text=True)
    form = mapped_form(html)
    report = analyst.post(f"/staff/surveys/{slug}/import/check", data=form).get_data(as_text=True)
    assert "2 rows would import" in report and "1 row has problems" in report
    assert ["4", "Timestamp", "“13/13/2024 25:00”", "not a date and time"] in [
        cells[:3] + [cells[3][:19]] for cells in table_rows(report) if len(cells) == 4]
    assert 'name="skip" value="y"' in report and "leaving out the 1 row with problems" in report
    refused = analyst.post(f"/staff/surveys/{slug}/import/run", data=form)
    assert refused.status_code == 422 and "Nothing was imported: 1 row has" in refused.get_data(as_text=True)
    assert imported(app, slug) == []
    left_out = analyst.post(f"/staff/surveys/{slug}/import/run", data={**form, "skip": "y"})
    assert left_out.status_code == 302 and len(imported(app, slug)) == 2


@pytest.mark.parametrize("data, filename", [
    (b"", "empty.csv"), (b"PK\x03\x04not really a workbook", "x.xlsx"), (b"\xd0\xcf\x11\xe0" + b"\0" * 64, "old.xls"),
    (b"\xff\xfe" + "a,b\n".encode("utf-16-le"), "utf16.csv"), (b"a\x00b,c\n1,2\n", "nul.csv"),
])
def test_any_file_is_answered_with_a_page_never_an_error(app, world, analyst, data, filename):
    response = upload(analyst, world.survey, data, filename)
    assert response.status_code in (200, 422)


def test_a_tampered_or_expired_step_asks_for_the_file_again(app, world, analyst):
    slug = world.survey
    form = mapped_form(upload(analyst, slug).get_data(as_text=True), col_0="no_such_question")
    for bad in ("../../secret_key", "0" * 64, ""):
        page = analyst.post(f"/staff/surveys/{slug}/import/check", data={**form, "file": bad})
        assert page.status_code == 422 and "Upload it again" in page.get_data(as_text=True)
    page = analyst.post(f"/staff/surveys/{slug}/import/check", data={**form, "timezone": "Nowhere/Else"})
    assert page.status_code == 422 and "Unknown time zone" in page.get_data(as_text=True)


def test_partners_are_refused_and_other_partnerships_see_nothing(app, world, elsewhere, analyst):
    html = upload(analyst, world.survey).get_data(as_text=True)
    assert analyst.post(f"/staff/surveys/{world.survey}/import/run", data=mapped_form(html)).status_code == 302
    with app.app_context():
        public_id = db.session.scalar(sa.select(ResponseImport.public_id))
    partner = app.test_client()
    sign_in(partner, world.users["partner"])  # a partner of the organization that runs this survey
    assert partner.get(f"/staff/surveys/{world.survey}/import").status_code == 403
    assert upload(partner, world.survey).status_code == 403
    assert partner.post(f"/staff/imports/{public_id}/undo").status_code == 403
    outsider = app.test_client()
    sign_in(outsider, elsewhere.users["admin"])
    assert outsider.get(f"/staff/surveys/{world.survey}/import").status_code == 404
    assert upload(outsider, world.survey).status_code == 404
    assert outsider.post(f"/staff/imports/{public_id}/undo").status_code == 404
    assert len(imported(app, world.survey)) == 2


def test_import_forms_need_the_csrf_token(app, world, analyst):
    app.config["WTF_CSRF_ENABLED"] = True
    assert upload(analyst, world.survey).status_code == 400
    page = analyst.get(f"/staff/surveys/{world.survey}/import").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    assert upload(analyst, world.survey, csrf_token=token).status_code == 200
