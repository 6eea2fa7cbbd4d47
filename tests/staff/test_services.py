"""The actions staff take, called as the views call them: each flushes, none commits, and a refused
action says why."""

from __future__ import annotations

import pytest

from feedback.models import AuditEvent, User
from feedback.services import ActionRefused
from feedback.services import surveys as survey_service
from surveys.db import db
from surveys.models import Survey, Wave
from tests import factories
from tests.staff.conftest import sign_in


def stored_waves(app, slug: str) -> list[str]:
    """The waves as another connection sees them (what is committed)."""
    with app.app_context():
        labels = db.session.scalars(db.select(Wave.label).join(Survey).where(Survey.slug == slug)
                                    .order_by(Wave.position)).all()
        db.session.remove()
    return list(labels)


def test_a_new_wave_is_numbered_after_the_last_closes_it_and_waits_for_the_commit(app, db):
    survey = factories.survey(slug="waves")
    db.session.commit()
    first = survey.current_wave
    wave = survey_service.start_wave(survey)
    assert (wave.label, wave.position) == ("Wave 2", 2) and first.closes_at is not None
    assert stored_waves(app, "waves") == ["Wave 1"]  # flushed, not committed
    db.session.commit()
    assert stored_waves(app, "waves") == ["Wave 1", "Wave 2"]
    with pytest.raises(ActionRefused, match="already exists"):
        survey_service.start_wave(survey, "Wave 2")


def test_an_action_is_audited_with_its_change(db):
    survey = factories.survey(slug="audited")
    survey_service.start_wave(survey, "Autumn")
    db.session.commit()
    event = db.session.scalar(db.select(AuditEvent))
    assert (event.action, event.object_id, event.details) == ("survey.new_wave", "audited", {"label": "Autumn"})


def test_deactivating_ends_every_session_and_nobody_deactivates_themselves(app, world):
    analyst = app.test_client()
    sign_in(analyst, world.users["analyst"])
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    with app.app_context():
        ids = {role: db.session.scalar(db.select(User.id).where(User.email == email))
               for role, email in world.users.items()}
    people = f"/staff/partnerships/{world.partnership_slug}/people"
    assert admin.post(f"{people}/{ids['analyst']}/deactivate").status_code == 302
    assert analyst.get("/staff/").status_code == 302  # signed out at once
    assert sign_in(app.test_client(), world.users["analyst"]).status_code == 422
    refused = admin.post(f"{people}/{ids['admin']}/deactivate", follow_redirects=True)
    assert "You cannot deactivate your own account." in refused.get_data(as_text=True)
    assert admin.get("/staff/").status_code == 200
