"""The payload corpora (:mod:`tests.security.payloads`) against every form, API field and upload.

Forms are not listed by hand: the suite signs in as an admin, opens every staff page it can address
(from the URL map, so pages added later are crawled too) and posts each ``method="post"`` form it
finds with every text field holding the payload. Then every page is read by every role, and every
export downloaded: no 5xx anywhere, no markup of ours alive, no formula in a spreadsheet, and nothing
of another partnership.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from feedback.exports import FORMULA_TRIGGERS
from surveys.db import db
from surveys.models import Survey
from tests.security import payloads
from tests.security.conftest import EVERY_TYPE, QUESTION, ROLES, SURVEY
from tests.staff.html_tree import parse

API = f"/api/v1/surveys/{EVERY_TYPE}/responses"
SKIP_ACTIONS = ("/staff/logout", "/deactivate", "/reset")
"""Forms that would end the crawl (signing out) or lock an account; their inputs are ids, not text."""
KINDS = {
    "xss": payloads.XSS,
    "formula": payloads.FORMULA,
    "oversized": payloads.OVERSIZED,
    "newlines": payloads.NEWLINES,
    "control": [c for c in payloads.CONTROL if c != "\ud800"],
    "huge numbers": payloads.HUGE_NUMBER_TEXTS,
}


@pytest.fixture
def app_config(app_config):
    # No rate limits in the way; theme runs refused at once (their inputs are still read and checked).
    # (Not RATELIMIT_ENABLED=False: the limiter is one object, and that setting would outlive this app.)
    return {**app_config, "RATELIMIT_SUBMIT": "10000 per minute", "RATELIMIT_LOGIN": "10000 per minute",
            "THEME_QUEUE_CAP": 0}


def addresses(app, target) -> list[str]:
    """Every staff GET address whose parameters this suite can fill (others are the access matrix's)."""
    values = {"slug": SURVEY, "key": QUESTION, "public_id": target.run, "theme_id": target.theme_ids[0],
              "partnership_slug": target.partnership, "number": 1, "fmt": "csv"}
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff/") or "GET" not in rule.methods or set(rule.arguments) - set(values):
            continue
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", str(values[name])).replace(f"<int:{name}>", str(values[name]))
        found.append(url)
    found.append(f"/staff/surveys/{EVERY_TYPE}/builder")
    return sorted(set(found))


def forms_on(html: str) -> list[tuple[str, dict[str, str]]]:
    """(action, fields with their values) of each post form on a page."""
    found = []
    for form in parse(html).find_all("form"):
        action = form.attrs.get("action", "")
        if form.attrs.get("method", "get").lower() != "post" or not action:
            continue
        fields: dict[str, str] = {}
        for node in form.iter():
            name = getattr(node, "attrs", {}).get("name")
            if name and node.tag in ("input", "textarea", "select", "button"):
                fields.setdefault(name, node.attrs.get("value", ""))
        if not any(skip in action for skip in SKIP_ACTIONS):
            found.append((action, fields))
    return found


def crawl_forms(app, client, pages: list[str]) -> list[tuple[str, dict[str, str]]]:
    """One form of each kind on the pages: per endpoint, and per question type in the builder (the same
    form for the eighth theme or page adds time, not coverage)."""
    adapter = app.url_map.bind("localhost")
    forms: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
    for page in pages:
        reply = client.get(page)
        assert reply.status_code < 500, page
        if reply.mimetype != "text/html":
            continue
        for action, fields in forms_on(reply.get_data(as_text=True)):
            endpoint, _ = adapter.match(action.split("?")[0], method="POST")
            forms.setdefault((endpoint, fields.get("type", "")), (action, fields))
    return [forms[key] for key in sorted(forms)]


def attacked(fields: dict[str, str], kind_index: int) -> dict[str, str]:
    """Every field but the CSRF token holds a payload; field i takes kind i + ``kind_index``, so over
    :data:`KINDS` posts each field has had every kind."""
    names = list(KINDS)
    data = dict(fields)
    for i, name in enumerate(sorted(fields)):
        if name != "csrf_token":
            corpus = KINDS[names[(i + kind_index) % len(names)]]
            data[name] = corpus[(i + kind_index) % len(corpus)]
    return data


def assert_inert(html: str, where: str) -> None:
    """None of our markup is alive on the page: every payload came back as text."""
    for live in ('<script>document.title="pwned"', "<img src=x onerror", "<svg/onload", "<style>*{display",
                 "49<style"):
        assert live not in html, f"{where}: {live!r} is live"
    for node in parse(html).iter():
        attributes = getattr(node, "attrs", {})
        assert not any(name.startswith("on") for name in attributes), f"{where}: {node.tag} has {attributes}"
        assert not attributes.get("href", "").startswith("javascript:"), f"{where}: javascript: link"


def test_every_staff_form_field_takes_every_payload(app, as_role, target):
    """Then every page is read by every role: no 5xx, and what was stored is text, not markup."""
    admin = as_role("admin")
    pages = addresses(app, target)
    forms = crawl_forms(app, admin, pages)
    assert len(forms) >= 15, forms
    for action, fields in forms:
        for kind_index in range(len(KINDS) if len(fields) > 1 or "csrf_token" not in fields else 1):
            reply = admin.post(action, data=attacked(fields, kind_index))
            assert reply.status_code < 500, (action, kind_index, reply.status_code)
    for role in ROLES:
        client = as_role(role)
        for page in pages:
            reply = client.get(page)
            assert reply.status_code < 500, (role, page)
            if reply.mimetype == "text/html":
                assert_inert(reply.get_data(as_text=True), f"{role} {page}")


def test_malformed_utf8_in_forms_and_uploads(as_role, target):
    admin = as_role("admin")
    for raw in payloads.BAD_UTF8:
        quoted = "".join(f"%{byte:02X}" for byte in raw)
        for action, field in ((f"/staff/runs/{target.run}/themes/{target.theme_ids[0]}/rename", "label"),
                              (f"/staff/surveys/{EVERY_TYPE}/builder/json", "definition"),
                              (f"/staff/partnerships/{target.partnership}/people", "email")):
            reply = admin.post(action, data=f"{field}={quoted}&name={quoted}",
                               content_type="application/x-www-form-urlencoded")
            assert reply.status_code < 500, (action, raw)
        reply = admin.post(f"/staff/surveys/{EVERY_TYPE}/builder/json",
                           data={"definition_file": (io.BytesIO(b'{"title": "' + raw + b'"}'), "d.json")},
                           content_type="multipart/form-data")
        assert reply.status_code == 422, raw


UPLOADS = {
    "deep": payloads.deep_json(20_000),
    "huge numbers": json.dumps({"title": {"en": "x"}, "format": 10**300, "sections": [{"key": "a", "title": 1e308}]}),
    "newline keys": payloads.json_with_newline_keys(),
    "not an object": "[1, 2, 3]",
    "NaN": '{"format": NaN}',
    "xss": json.dumps({"title": {"en": payloads.XSS[0]}, "audience": payloads.XSS[1], "sections": []}),
    "big number text": '{"format": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize("name", UPLOADS)
def test_definition_uploads_are_explained(as_role, name):
    reply = as_role("admin").post(f"/staff/surveys/{EVERY_TYPE}/builder/json",
                                  data={"definition_file": (io.BytesIO(UPLOADS[name].encode()), "survey.json")},
                                  content_type="multipart/form-data")
    assert reply.status_code == 422, reply.status_code
    assert_inert(reply.get_data(as_text=True), name)


def api_bodies():
    """(label, body bytes, headers) of each attack on the submission API."""
    keys = ["goal", "barriers", "agree", "stars", "nps", "name_of_job", "story", "hires", "start_date", "contact"]
    for value in payloads.SCALARS:
        answers = {key: value for key in keys}
        answers["contact"] = {"consent": True, "email": value, "phone": value}
        answers["barriers"] = {"keys": [value], "other": value}
        yield repr(value)[:40], {"answers": answers, "language": value, "source": value}, {}
        header = str(value)[:200]
        printable = header.isprintable() and header.isascii()  # HTTP cannot carry the others in a header
        yield "key " + repr(value)[:40], {"answers": {str(value): "x"}}, {"Idempotency-Key": header} if printable else {}
    yield "deep", payloads.deep_json(), {}
    yield "newline keys", payloads.json_with_newline_keys(), {}
    for raw in payloads.BAD_UTF8:
        yield repr(raw), b'{"answers": {"story": "' + raw + b'"}}', {}
    yield "not an object", "[]", {}
    yield "oversized", {"answers": {"story": payloads.OVERSIZED[0], "goal": "job"}}, {}


def test_every_api_field_takes_every_payload(app, client):
    for label, body, headers in api_bodies():
        if isinstance(body, dict):
            try:
                body = json.dumps(body)
            except (TypeError, ValueError):
                continue
        if isinstance(body, str):
            try:
                body = body.encode()
            except UnicodeEncodeError:  # a lone surrogate: json.dumps escapes it, raw text cannot hold it
                body = json.dumps(body).encode()
        reply = client.post(API, data=body, headers=headers, content_type="application/json")
        assert reply.status_code in (201, 400, 422), (label, reply.status_code, reply.data[:200])
        assert reply.is_json, label
    reply = client.get(f"/api/v1/surveys/{EVERY_TYPE}")
    assert reply.status_code == 200


def test_stored_payloads_come_back_escaped_and_formula_safe(app, client, as_role):
    goal_answers = {"goal": "job"}
    for text in [*payloads.XSS, *payloads.FORMULA]:
        reply = client.post(API, json={"answers": {**goal_answers, "story": text, "name_of_job": text[:20],
                                                   "barriers": {"keys": ["other"], "other": text}}})
        assert reply.status_code == 201, reply.data
    analyst = as_role("analyst")
    page = analyst.get(f"/staff/surveys/{EVERY_TYPE}/responses")
    assert page.status_code == 200
    assert_inert(page.get_data(as_text=True), "responses")
    export = analyst.get(f"/staff/surveys/{EVERY_TYPE}/responses.csv")
    assert export.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(export.get_data(as_text=True))) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in FORMULA_TRIGGERS and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_page_or_export_of_another_partnership_reaches_its_admin(app, target, as_role):
    """The away partnership's admin, given every address of this one, gets nothing of it."""
    away = as_role("admin", "admin@away.example")
    with app.app_context():
        title = db.session.scalar(db.select(Survey).where(Survey.slug == SURVEY)).title_in("en")
    for page in addresses(app, target):
        reply = away.get(page)
        assert reply.status_code in (200, 302, 403, 404), page
        if reply.status_code == 200 and page != "/staff/" and "/account" not in page:
            assert title not in reply.get_data(as_text=True), page
