"""Reading a staff page never changes the database.

Every GET route of the staff URL map (the access matrix of ``test_access``) is requested by every kind
of visitor, and the test watches the database: no INSERT, UPDATE or DELETE reaches it, no session
commits, no request ends with unsaved changes, and every table holds the same rows afterwards.

The one write a GET may make is the audit line saying who downloaded individual answers, and only
through :func:`feedback.services.audit.record_access`; the test counts its calls and allows exactly
that many audit rows (and commits) — never more, and never dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from flask import request_tearing_down
from flask_sqlalchemy.session import Session

from feedback.services import audit
from surveys.db import db
from tests.staff.conftest import sign_in
from tests.staff.test_access import staff_requests, targets  # noqa: F401  (targets is a fixture)

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP")
VISITORS = ["anonymous", "admin", "analyst", "partner", "admin of another partnership"]


@dataclass
class Watch:
    """What reached the database while requests ran."""

    statements: list[str] = field(default_factory=list)
    commits: int = 0
    unsaved: list[str] = field(default_factory=list)
    downloads: int = 0  # calls of the one audit function a GET may use

    def clear(self) -> None:
        self.statements.clear()
        self.unsaved.clear()
        self.commits = self.downloads = 0


@pytest.fixture
def watch(app, monkeypatch):
    seen = Watch()
    with app.app_context():
        engine = db.engine

    def on_statement(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().split(None, 1)[0].upper() in WRITES:
            seen.statements.append(statement.split("(")[0].strip())

    def on_commit(session):
        seen.commits += 1

    def on_teardown(sender, **extra):
        session = db.session
        changed = [*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))]
        seen.unsaved += [repr(o) for o in changed]

    real_record_access = audit.record_access

    def record_access(*args, **kwargs):
        seen.downloads += 1
        return real_record_access(*args, **kwargs)

    monkeypatch.setattr(audit, "record_access", record_access)
    sa.event.listen(engine, "before_cursor_execute", on_statement)
    sa.event.listen(Session, "before_commit", on_commit)
    request_tearing_down.connect(on_teardown, app)
    yield seen
    request_tearing_down.disconnect(on_teardown, app)
    sa.event.remove(Session, "before_commit", on_commit)
    sa.event.remove(engine, "before_cursor_execute", on_statement)


def table_digests(app) -> dict[str, tuple[int, str]]:
    """(row count, digest of every row) per table, audit lines apart."""
    digests = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            rows = db.session.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            digests[table.name] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        db.session.remove()
    return digests


def client_for(app, visitor: str, world, elsewhere):
    client = app.test_client()
    if visitor != "anonymous":
        email = elsewhere.users["admin"] if visitor.endswith("another partnership") else world.users[visitor]
        assert sign_in(client, email).status_code == 302
    return client


def test_the_watch_sees_a_write_a_commit_and_a_download(app, world, watch):
    """The listeners this module relies on do notice writes: a POST that changes something."""
    client = client_for(app, "admin", world, None)
    watch.clear()
    client.post(f"/staff/surveys/{world.survey}/waves", data={"label": "Autumn"})
    assert any(s.startswith("INSERT INTO wave") for s in watch.statements) and watch.commits == 1
    client.get(f"/staff/surveys/{world.survey}/responses.csv")
    assert watch.downloads == 1


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_get_request_writes(app, targets, world, elsewhere, watch, visitor):  # noqa: F811
    gets = [url for method, url in staff_requests(app, targets) if method == "GET"]
    assert any(url.endswith("/report") for url in gets) and any("responses." in url for url in gets)
    client = client_for(app, visitor, world, elsewhere)
    before = table_digests(app)
    downloads = 0
    for url in gets:
        watch.clear()
        response = client.get(url)
        assert response.status_code < 500, (visitor, url, response.status_code)
        allowed = ["INSERT INTO audit_event"] * watch.downloads
        assert watch.statements == allowed, (visitor, url, watch.statements)
        assert watch.commits <= watch.downloads, (visitor, url, "committed")
        assert not watch.unsaved, (visitor, url, watch.unsaved)
        downloads += watch.downloads
    after = table_digests(app)
    audit_rows = after.pop("audit_event")[0] - before.pop("audit_event")[0]
    assert after == before, f"{visitor}: rows changed"
    assert audit_rows == downloads, "every download of individual answers is recorded"
    if visitor in ("admin", "analyst", "partner"):
        assert downloads >= 1  # the responses export, which each of them may download
