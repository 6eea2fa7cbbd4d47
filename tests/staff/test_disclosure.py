"""No number printed anywhere on a report page or in its downloads reveals a small group.

For every role, every theme report, every question summary and every report download of the demo, the
test reads what is printed (table cells, theme cards, the total in the header, chart values, export
rows), works out the true counts from the database independently, and asks a linear-programming
solver what a reader who knows *all* the printed numbers together can deduce: each theme's size is one
unknown shared by its card and every table's total row, the total one unknown shared by the header and
every table. No count below the threshold (and no count of a group below the threshold) may be pinned.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from analysis.equity import FOLDED_LABEL, SMALL_GROUPS_LABEL, SUPPRESSED_TEXT
from feedback.accounts import add_user
from feedback.jobs import start_theme_run
from feedback.models import Role, RunStatus, ThemeAssignment, ThemeRun
from feedback.reports import refresh_report_cache, theme_report
from surveys.db import db
from surveys.models import Answer, Partnership, Question, Response, Survey
from tests.staff.conftest import PASSWORD, sign_in

THRESHOLD = 5
AGREEMENT = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
             5: "Strongly agree"}
TOTAL = "Total"
LANGUAGES = {"en": "English", "es": "Spanish"}


CONFIG = {"JOBS_INLINE": True, "THEMES_REPRESENTATION": "tfidf"}


@pytest.fixture
def app_config(app_config):
    return {**app_config, **CONFIG}


@dataclass
class Printed:
    """What a page or download printed: its tables, its headline counts by outcome and its total."""

    tables: dict[str, dict[tuple[str, str], int | None]] = field(default_factory=dict)
    headline: dict[str, int | None] = field(default_factory=dict)
    total: int | None = None


def number(text: str) -> int | None:
    text = html.unescape(text).strip()
    if text.startswith(SUPPRESSED_TEXT):
        return None
    match = re.match(r"[\d,]+", text)
    assert match, f"unreadable number {text!r}"
    return int(match.group().replace(",", ""))


def parse_tables(page: str) -> dict[str, dict[tuple[str, str], int | None]]:
    tables = {}
    for table in re.findall(r'<table>\s*<caption>.*?</table>', page, re.DOTALL):
        if 'class="num">Share of people' in table or "<strong>Average by group" in table:
            continue  # the summary's own list is read as the headline; averages are checked apart
        name = html.unescape(re.search(r"<caption><strong>(.*?)</strong>", table).group(1))
        columns = [html.unescape(c) for c in re.findall(r'<th scope="col" class="num">(.*?)</th>', table)]
        cells = {}
        for outcome, row in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table):
            texts = re.findall(r'<td class="num[^"]*">(.*?)</td>', row)
            for group, text in zip(columns, texts, strict=True):  # a row per outcome, a column per group
                cells[(group, html.unescape(outcome))] = number(text)
        tables[name] = cells
    return tables


def parse_report(page: str) -> Printed:
    printed = Printed(tables=parse_tables(page))
    header = re.search(r"(\S+) answers in themes", page)
    printed.total = number(header.group(1))
    for label, text in re.findall(r'<h3 id="t\d+">(.*?)</h3>.*?<p>(?:<strong>)?([^<]*?)(?:</strong>)? answers', page,
                                  re.DOTALL):
        if "counted in" not in text:
            printed.headline[html.unescape(label)] = number(text)
    folded = re.search(r"as “" + re.escape(FOLDED_LABEL) + r"”: (\S+) answers", html.unescape(page))
    if folded:
        printed.headline[FOLDED_LABEL] = number(folded.group(1))
    for label, text in re.findall(r'<li id="h\d+">(?:<p[^>]*>.*?</p>)?(.*?) \((\S+) answers\)', page):
        printed.headline[html.unescape(label).strip()] = number(text)
    return printed


def parse_summary(page: str) -> Printed:
    printed = Printed(tables=parse_tables(page))
    people = re.search(r"<p>(\S+) people answered", page)
    if people is None:
        return printed
    own = re.search(r'<table>\s*<caption>.*?class="num">Share of people.*?</table>', page, re.DOTALL).group()
    for label, count in re.findall(r'<tr><th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>', own):
        printed.headline[html.unescape(label)] = number(count)
    return printed


def parse_export(rows: list[dict]) -> Printed:
    printed = Printed()
    for row in rows:
        value = row["answers"]
        value = None if value in ("", None) else int(float(value))
        theme = str(row["theme"]).lstrip("'")
        if row["table"] == "Themes" and not row["group"]:
            printed.headline[theme] = value
        elif row["table"] not in ("Themes", "Note", "Method"):
            printed.tables.setdefault(row["table"], {})[(str(row["group"]).lstrip("'"), theme)] = value
    return printed


# ---------------------------------------------------------------------------------------- the solver


def audit(printed: Printed, truth: dict[str, pd.DataFrame], headline: dict[str, int],
          threshold: int) -> list[str]:
    """Every small true count the printed numbers pin down, as readable strings (empty: none)."""
    variables: dict[object, int] = {}
    parent: list[int] = []

    def var(key: object) -> int:
        if key not in variables:
            variables[key] = len(parent)
            parent.append(len(parent))
        return variables[key]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def same(a: object, b: object) -> None:
        parent[find(var(a))] = find(var(b))

    known: dict[object, float] = {}
    equations: list[tuple[list[object], object]] = []
    for name, cells in printed.tables.items():
        table = truth[name]
        groups = [g for g in table.index if g != TOTAL]
        outcomes = [o for o in table.columns if o != TOTAL]
        for g in [*groups, TOTAL]:
            equations.append(([(name, g, o) for o in outcomes], (name, g, TOTAL)))
        for o in [*outcomes, TOTAL]:
            equations.append(([(name, g, o) for g in groups], (name, TOTAL, o)))
        for (g, o), value in cells.items():
            if value is not None:
                known[(name, g, o)] = value
        shares_totals = all(table.at[TOTAL, o] == headline.get(o, 0) for o in outcomes)
        if shares_totals:  # the reader may know that this table's total row is the headline
            for o in outcomes:
                same((name, TOTAL, o), ("headline", o))
            same((name, TOTAL, TOTAL), ("headline", TOTAL))
    for outcome, value in printed.headline.items():
        if value is not None:
            known[("headline", outcome)] = value
    if printed.total is not None:
        known[("headline", TOTAL)] = printed.total
    for cells, total in equations:
        for key in [*cells, total]:
            var(key)
    for key in known:
        var(key)

    roots = sorted({find(i) for i in range(len(parent))})
    column = {root: j for j, root in enumerate(roots)}
    rows, targets = [], []
    for cells, total in equations:
        row = np.zeros(len(roots))
        for key in cells:
            row[column[find(var(key))]] += 1
        row[column[find(var(total))]] -= 1
        rows.append(row)
        targets.append(0.0)
    for key, value in known.items():
        row = np.zeros(len(roots))
        row[column[find(var(key))]] = 1
        rows.append(row)
        targets.append(float(value))
    a, b = np.array(rows), np.array(targets)

    problems = []
    for name, table in truth.items():
        if name not in printed.tables:
            continue
        groups = [g for g in table.index if g != TOTAL]
        for g in groups:
            small_group = 0 < table.at[g, TOTAL] < threshold
            for o in [c for c in table.columns if c != TOTAL]:
                value = int(table.at[g, o])
                if table.at[TOTAL, o] == 0 or not (0 < value < threshold or small_group):
                    continue
                if _moves_both_ways(table, printed.tables[name], groups, outcomes, g, o):
                    continue  # a feasible table exists on each side of the true value: not pinned
                objective = np.zeros(len(roots))
                objective[column[find(var((name, g, o)))]] = 1
                low = linprog(objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
                high = linprog(-objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
                assert low.status == 0, f"the printed numbers contradict each other ({name})"
                top = np.inf if high.status == 3 else -high.fun
                pinned = (low.fun > value - 1e-6 or top < value + 1e-6) if value > 0 else top < 1e-6
                if pinned:
                    problems.append(f"{name}: {g} × {o} = {value} is pinned to [{low.fun:g}, {top:g}]")
    return problems


def _moves_both_ways(table: pd.DataFrame, cells: dict, groups: list, outcomes: list, g, o) -> bool:
    """Whether hidden cell (g, o) can be one more and (unless 0) one less than its true value while
    every printed number stays the same: a rectangle of hidden cells (g, o), (g, o2), (g2, o), (g2, o2)
    whose corners move +1, -1, -1, +1 keeps every row and column total, and the solver is needed only
    for cells no such rectangle frees. It never skips a cell the solver would call pinned."""
    def hidden(row, col) -> bool:
        return cells.get((row, col)) is None

    def count(row, col) -> int:
        return int(table.at[row, col])

    value = count(g, o)
    up = down = False
    for g2 in groups:
        if g2 == g or not hidden(g2, o):
            continue
        for o2 in outcomes:
            if o2 == o or not (hidden(g, o2) and hidden(g2, o2)):
                continue
            up = up or (count(g, o2) >= 1 and count(g2, o) >= 1)
            down = down or (value >= 1 and count(g2, o2) >= 1)
            if up and (down or value == 0):
                return True
    return False


# ------------------------------------------------------------------------------------------- the truth


def demographic_groups(question: Question, response_ids: pd.Series) -> pd.DataFrame:
    labels = {o["key"]: (o.get("text") or {}).get("en", o["key"]) for o in question.options}
    rows = db.session.execute(sa_select_answers(question.id)).all()
    frame = pd.DataFrame(rows, columns=["response_id", "option_key"])
    frame["group"] = frame["option_key"].map(labels)
    return frame[frame["response_id"].isin(set(response_ids))][["response_id", "group"]]


def sa_select_answers(question_id: int):
    return db.select(Answer.response_id, Answer.option_key).where(Answer.question_id == question_id)


def true_tables(survey: Survey, units: pd.DataFrame,
                printed: Printed) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """True counts of every printed table and of the headline, from raw rows (``units``: response_id,
    language, source, outcome), with the printed table's row of small groups combined as printed."""
    names = {org.slug: org.name for org in survey.partnership.organizations}
    groupings = {
        "Language": units.assign(group=units["language"].map(LANGUAGES)),
        "Partner link": units.assign(group=units["source"].map(lambda s: names.get(s, s) if s else "Direct link")),
    }
    for question in survey.questions:
        if question.demographic and question.options:
            groups = demographic_groups(question, units["response_id"])
            merged = units.merge(groups, on="response_id", how="left")
            groupings[question.text_in("en")] = merged.assign(group=merged["group"].fillna("No answer"))
    truth = {}
    for name, frame in groupings.items():
        if name not in printed.tables:
            continue
        shown_groups = {g for g, _ in printed.tables[name]} - {TOTAL}
        combined = next((g for g in shown_groups if g == SMALL_GROUPS_LABEL.format(threshold=THRESHOLD)), None)
        group = frame["group"].where(frame["group"].isin(shown_groups), combined)
        table = _crosstab(group, frame["outcome"])
        columns = {o for _, o in printed.tables[name]}
        table = table.reindex(columns=[c for c in table.columns if c in columns] +
                              [c for c in columns if c not in table.columns], fill_value=0)
        truth[name] = table.reindex([g for g in table.index if g in shown_groups | {TOTAL}] +
                                    [g for g in shown_groups if g not in table.index], fill_value=0)
    return truth, units["outcome"].value_counts().to_dict() | {TOTAL: len(units)}


def _crosstab(group: pd.Series, outcome: pd.Series) -> pd.DataFrame:
    """``pd.crosstab(group, outcome, margins=True)`` (rows missing either dropped), 20× faster."""
    keep = group.notna() & outcome.notna()
    table = pd.DataFrame({"g": group[keep], "o": outcome[keep]}).groupby(["g", "o"]).size().unstack(fill_value=0)
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    return table


def theme_units(run: ThemeRun, folded_labels: set[str]) -> pd.DataFrame:
    rows = db.session.execute(
        db.select(Answer.response_id, Response.language, Response.source, ThemeAssignment.theme_id)
        .join(Answer, Answer.id == ThemeAssignment.answer_id).join(Response, Response.id == Answer.response_id)
        .where(ThemeAssignment.run_id == run.id, ThemeAssignment.theme_id.is_not(None))
    ).all()
    labels = {t.id: t.label for t in run.themes}
    frame = pd.DataFrame(rows, columns=["response_id", "language", "source", "theme_id"])
    frame["outcome"] = frame["theme_id"].map(lambda i: FOLDED_LABEL if labels[i] in folded_labels else labels[i])
    return frame


def closed_units(question: Question) -> pd.DataFrame:
    rows = db.session.execute(
        db.select(Answer.response_id, Response.language, Response.source, Answer.option_key, Answer.value_number)
        .join(Response, Response.id == Answer.response_id).where(Answer.question_id == question.id)
    ).all()
    return pd.DataFrame(rows, columns=["response_id", "language", "source", "option_key", "value_number"])


# -------------------------------------------------------------------------------------------- the test


def users_and_runs(app, partnership_slug: str) -> None:
    with app.app_context():
        partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
        for role in Role:
            add_user(f"{role.value}@audit.example", partnership, role, PASSWORD,
                     partnership.organizations[0] if role is Role.PARTNER else None)
        db.session.commit()
        for survey in db.session.scalars(db.select(Survey)):
            for question in survey.questions:
                if question.type in ("long_text", "short_text"):
                    parameters = {"k": 12} if question.key == "barriers_detail" else {}
                    run = start_theme_run(survey, question, None, None, parameters)
                    assert run.status is RunStatus.FINISHED, run.message
        db.session.commit()  # start_theme_run only flushes (inline, the run is done before it returns)
        db.session.remove()


@pytest.fixture(scope="module")
def database_snapshot(test_database):
    """The demo (seed 3, half size) with a user of every role and themes found for every open-ended
    question, built once; each role's test reads its own copy."""
    demo = test_database.demo(seed=3, scale=0.5)
    return test_database.snapshot("demo seed 3 scale 0.5, a user per role, every open question themed",
                                  lambda app: users_and_runs(app, demo.value), base=demo, config=CONFIG)


@pytest.fixture
def demo(app):
    """The demo with themes found for every open-ended question (one with many small themes)."""
    return app


def pages(app) -> list[tuple[str, str, int]]:
    """(url, kind, id) of every report, summary and report download of the demo."""
    found = []
    with app.app_context():
        for survey in db.session.scalars(db.select(Survey)):
            for question in survey.questions:
                base = f"/staff/surveys/{survey.slug}/questions/{question.key}"
                if question.type in ("long_text", "short_text"):
                    found += [(f"{base}/report", "report", question.id)]
                    found += [(f"{base}/report.{fmt}", fmt, question.id) for fmt in ("csv", "json")]
                elif question.type in ("single_choice", "multiple_choice", "agreement", "rating", "number"):
                    found.append((f"{base}/summary", "summary", question.id))
    return found


AUDITED: dict[tuple[str, str], list[str]] = {}
"""Audit results by page and printed numbers, shared by the roles' tests of one run."""


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_nothing_printed_on_any_report_or_download_reveals_a_small_group(demo, role):
    client = demo.test_client()
    assert sign_in(client, f"{role}@audit.example").status_code == 302
    checked, problems = 0, []
    for url, kind, question_id in pages(demo):
        response = client.get(url)
        if response.status_code == 404 and kind == "summary":
            continue
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        if kind == "report":
            printed = parse_report(body)
        elif kind == "summary":
            printed = parse_summary(body)
        else:
            rows = (list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"), newline=""))) if kind == "csv"
                    else json.loads(body))
            printed = parse_export(rows)
        with demo.app_context():
            question = db.session.get(Question, question_id)
            if kind == "summary":
                units = closed_units(question)
                units = units.assign(outcome=summary_outcomes(question, units, printed))
                units = units[units["outcome"].notna()]
            else:
                run = db.session.scalar(db.select(ThemeRun).where(ThemeRun.question_id == question_id)
                                        .order_by(ThemeRun.id.desc()))
                folded = folded_labels(body, kind, printed)
                units = theme_units(run, folded)
            truth, headline = true_tables(question.survey, units, printed)
        # every printed headline number is the truth, and never small
        for outcome, value in printed.headline.items():
            if value is not None and outcome in headline:
                assert value == headline[outcome] and value >= THRESHOLD, (url, outcome, value)
        # Roles usually print the same numbers (they differ in quotes and links): solve each distinct
        # set of printed numbers once; a role that prints anything else is audited on its own.
        key = (url, repr(printed))
        if key not in AUDITED:
            AUDITED[key] = audit(printed, truth, headline, THRESHOLD)
        problems += [f"{url}: {p}" for p in AUDITED[key]]
        checked += 1
    assert checked >= 10, "the demo has reports and summaries to check"
    assert not problems, "\n".join(problems)


def folded_labels(body: str, kind: str, printed: Printed) -> set[str]:
    """Names of the themes counted together under the folded line, as the page or export lists them."""
    if kind == "report":
        return {html.unescape(label) for label, text in re.findall(
            r'<h3 id="t\d+">(.*?)</h3>\s*<p>([^<]*counted in)', body)} | {
            html.unescape(label).strip() for label in re.findall(
                r'<li id="h\d+">(?:<p[^>]*>.*?</p>)?(.*?) \(' + re.escape(SUPPRESSED_TEXT), body)}
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"), newline=""))) if kind == "csv" else json.loads(body)
    return {str(r["theme"]).lstrip("'") for r in rows if r["table"] == "Themes" and r["group"] == FOLDED_LABEL}


def summary_outcomes(question: Question, units: pd.DataFrame, printed: Printed) -> pd.Series:
    """Each answer's row label on the summary page: its option, scale point or number range."""
    if question.options:
        labels = {o["key"]: (o.get("text") or {}).get("en", o["key"]) for o in question.options}
        return units["option_key"].map(labels)
    from analysis.equity import number_summary

    if question.type == "number":
        summary = number_summary(units["value_number"], THRESHOLD,
                                 integers=bool((question.settings or {}).get("integer", True)))
        return summary.bin_of(units["value_number"])
    names = AGREEMENT if question.type == "agreement" else {}
    return units["value_number"].map(lambda v: names.get(int(v), f"{v:g}") if pd.notna(v) else None)


# ----------------------------------------------------------------------------------- the auditor itself

def _table(rows: dict[str, dict[str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).T
    frame[TOTAL] = frame.sum(axis=1)
    frame.loc[TOTAL] = frame.sum(axis=0)
    return frame


def _printed(table: pd.DataFrame, hidden: set[tuple[str, str]]) -> Printed:
    cells = {(g, o): (None if (g, o) in hidden else int(table.at[g, o]))
             for g in table.index for o in table.columns}
    return Printed(tables={"t": cells}, headline={o: int(table.at[TOTAL, o]) for o in table.columns
                                                   if o != TOTAL}, total=int(table.at[TOTAL, TOTAL]))


def test_the_auditor_finds_a_small_cell_that_the_totals_give_away():
    table = _table({"A": {"x": 2, "y": 40}, "B": {"x": 30, "y": 35}})
    headline = {o: int(table.at[TOTAL, o]) for o in ("x", "y")}
    leaky = _printed(table, {("A", "x")})  # one hidden cell: its row total gives it away
    assert audit(leaky, {"t": table}, headline, THRESHOLD) == ["t: A × x = 2 is pinned to [2, 2]"]


def test_the_auditor_passes_a_small_cell_hidden_with_its_complements():
    table = _table({"A": {"x": 2, "y": 40}, "B": {"x": 30, "y": 35}})
    headline = {o: int(table.at[TOTAL, o]) for o in ("x", "y")}
    protected = _printed(table, {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")})
    assert audit(protected, {"t": table}, headline, THRESHOLD) == []


def test_the_auditor_asks_the_solver_when_no_rectangle_frees_a_cell():
    # Hidden cells on a diagonal form no rectangle; the row and column totals still pin them all.
    table = _table({"A": {"x": 3, "y": 20, "z": 20}, "B": {"x": 20, "y": 3, "z": 20},
                    "C": {"x": 20, "y": 20, "z": 30}})
    headline = {o: int(table.at[TOTAL, o]) for o in ("x", "y", "z")}
    diagonal = _printed(table, {("A", "x"), ("B", "y")})
    assert len(audit(diagonal, {"t": table}, headline, THRESHOLD)) == 2


def test_a_small_themes_name_and_words_reach_only_roles_that_read_answers(demo):
    """A folded theme's name and key terms come from a few answers: analysts see them (to merge or move
    them); a partner, who reads no answers, sees only the folded line's count, on the page and in downloads."""
    with demo.app_context():
        run = db.session.scalar(db.select(ThemeRun).join(Question).where(Question.key == "barriers_detail")
                                .order_by(ThemeRun.id.desc()))
        survey, run_id = run.survey.slug, run.public_id
        small = [line.theme for line in theme_report(run).themes if line.folded]
        assert len(small) >= 2, "the k=12 run has themes folded for being small"
        small[0].hidden = True  # one marked not useful: listed apart, and still small
        refresh_report_cache(run)
        db.session.commit()
        small = [(t.id, t.label) for t in small]
    base = f"/staff/surveys/{survey}/questions/barriers_detail/report"
    seen = {}
    for role in ("analyst", "partner"):
        client = demo.test_client()
        assert sign_in(client, f"{role}@audit.example").status_code == 302
        page = html.unescape(client.get(base).get_data(as_text=True))
        names = set(re.findall(r'<h3 id="t\d+">(.*?)</h3>', page))
        names |= {name.strip() for name in re.findall(r'<li id="h\d+">(.*?) \(', page)}
        rows = client.get(base + ".json").get_json()
        names |= {str(r["theme"]) for r in rows if r["table"] == "Themes"}
        token = api_token(demo, f"{role}@audit.example")
        api = client.get(f"/api/v1/staff/runs/{run_id}", headers={"Authorization": f"Bearer {token}"}).get_json()
        names |= {t["label"] for t in api["themes"]}
        seen[role] = [label for _, label in small if label in names]
        assert FOLDED_LABEL in names
    assert seen["analyst"] == [label for _, label in small]
    assert seen["partner"] == []


def api_token(app, email: str) -> str:
    """A personal API token for the user ``email`` in their partnership and role."""
    from feedback.models import Membership, User
    from feedback.services.tokens import create_token

    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == email))
        membership = db.session.scalar(db.select(Membership).where(Membership.user_id == user.id))
        _, token = create_token(user, membership.partnership, membership.role, "audit", days=30)
        db.session.commit()
    return token
