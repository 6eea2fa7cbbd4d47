"""The demo's gap report as staff read it: healthcare occupations with demand, supply, offered against
local pay, and no printed count of employers or people below the partnership's threshold."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pandas as pd
import pytest

from feedback.accounts import add_user
from feedback.models import Role
from feedback.queries.occupations import demand_frame
from surveys.db import db
from surveys.definition_types import Audience
from surveys.models import Partnership, Survey
from tests.staff.conftest import PASSWORD, sign_in

CELL = re.compile(r"<t([hd])[^>]*>(.*?)</t[hd]>", re.DOTALL)


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    demo = test_database.demo(seed=3, scale=0.5)

    def analyst(app):
        with app.app_context():
            partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == demo.value))
            add_user("analyst@gaps.example", partnership, Role.ANALYST, PASSWORD)
            db.session.commit()
            db.session.remove()
        return demo.value

    return test_database.snapshot("demo seed 3 scale 0.5, an analyst for the gap report", analyst, base=demo)


def tables(body: str) -> list[list[list[str]]]:
    """Every table of the page as rows of cell texts (markup removed)."""
    found = []
    for table in re.findall(r"<table>(.*?)</table>", body, re.DOTALL):
        rows = [[unescape(re.sub(r"<[^>]+>", " ", cell)).split("Act on this")[0].strip()
                 for _, cell in CELL.findall(row)] for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)]
        found.append(rows)
    return found


def test_the_demo_gap_report_prints_no_small_count(app, database_snapshot):
    slug = database_snapshot.value
    client = app.test_client()
    assert sign_in(client, "analyst@gaps.example").status_code == 302
    body = client.get(f"/staff/partnerships/{slug}/gaps").get_data(as_text=True)
    threshold = 5
    main, *lenses = tables(body)
    header, rows = main[0], main[1:]
    assert len(rows) >= 8, "the demo names healthcare occupations on both sides"
    counted = [i for i, name in enumerate(header) if name in ("Employers", "Career seekers", "Learners",
                                                                "Incumbent workers", "All interested")]
    assert len(counted) >= 3
    shown = 0
    for row in rows:
        for i in counted:
            if row[i] not in ("hidden*", "–"):
                assert int(row[i].replace(",", "")) == 0 or int(row[i].replace(",", "")) >= threshold, (row[0], header[i])
                shown += 1
    assert shown >= 10
    for lens in lenses:
        for row in lens[1:]:
            for cell in row[1:]:
                assert cell == "hidden*" or int(cell) == 0 or int(cell) >= threshold, (lens[0], row)
    # Offered pay sits beside the local median for the most demanded occupations.
    pay = header.index("Offered pay")
    assert any(row[pay].startswith("$") for row in rows)
    assert any("Nursing Assistants" in row[0] for row in rows)


def test_printed_employer_counts_are_the_distinct_employers_who_named_the_occupation(app, database_snapshot):
    slug = database_snapshot.value
    client = app.test_client()
    sign_in(client, "analyst@gaps.example")
    body = client.get(f"/staff/partnerships/{slug}/gaps.csv").data.decode("utf-8-sig")
    printed = {r["SOC code"]: r["Employers"] for r in csv.DictReader(io.StringIO(body))}
    with app.app_context():
        surveys = db.session.scalars(db.select(Survey).where(Survey.audience == Audience.EMPLOYER)).all()
        demand = pd.concat([demand_frame(s) for s in surveys], ignore_index=True)
        demand = demand[demand["soc_code"].notna()]
        employer = demand["organization_key"].where(demand["organization_key"].notna(),
                                                    "response " + demand["response_id"].astype(str))
        truth = demand.assign(employer=employer).groupby("soc_code")["employer"].nunique()
    checked = 0
    for code, text in printed.items():
        if text:
            assert int(text) == truth.get(code, 0), code
            checked += 1
    assert checked >= 3
