"""Staff fixtures: two partnerships with surveys and users of every role, and a sign-in helper.

The fixtures build data in their own app context and hand tests plain values (slugs, emails), so
test-client requests run in fresh contexts like real ones. The two partnerships are built once per
session as database snapshots (each user's memory-hard password hash costs a tenth of a second), and
a test that asks for ``world``, ``elsewhere`` or both starts from a copy holding just those.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from feedback.accounts import add_user
from feedback.models import Role
from surveys.db import db
from surveys.models import OrganizationKind, Partnership
from tests import factories

PASSWORD = "correct horse battery staple"
XSS = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'


@dataclass
class World:
    partnership_slug: str
    survey: str  # slug of a survey run by the partner organization
    other_survey: str  # slug of a survey in the same partnership run by another organization
    users: dict[str, str]  # role -> email


def make_world(app, prefix: str) -> World:
    with app.app_context():
        partnership = factories.partnership(slug=f"{prefix}-p", name=f"{prefix.title()} Partnership")
        org = factories.organization(partnership=partnership, slug=f"{prefix}-org",
                                     kind=OrganizationKind.COMMUNITY_ORGANIZATION)
        other_org = factories.organization(partnership=partnership, slug=f"{prefix}-other")
        survey = factories.survey(partnership=partnership, organization=org, slug=f"{prefix}-survey")
        other = factories.survey(partnership=partnership, organization=other_org, slug=f"{prefix}-other-survey")
        for s in (survey, other):
            factories.answer(factories.response(s), s.questions[0], value_text=XSS)
        users = {
            role.value: add_user(f"{role.value}@{prefix}.example", partnership, role, PASSWORD,
                                 org if role is Role.PARTNER else None).email
            for role in Role
        }
        db.session.commit()
        world = World(partnership.slug, survey.slug, other.slug, users)
        db.session.remove()
    return world


WORLDS = {"world": "home", "elsewhere": "away"}  # fixture -> prefix of the partnership it makes


@pytest.fixture
def database_snapshot(request, test_database):
    """The partnerships the test asks for (``world``, ``elsewhere``), else empty tables."""
    prefixes = [prefix for name, prefix in WORLDS.items() if name in request.fixturenames]
    if not prefixes:
        return test_database.empty
    return test_database.snapshot(
        "staff worlds " + " and ".join(prefixes), lambda app: {prefix: make_world(app, prefix) for prefix in prefixes}
    )


def world_in(app, database_snapshot, prefix: str) -> World:
    """The world the snapshot holds, or made now when a module starts its tests from another snapshot."""
    worlds = database_snapshot.value if isinstance(database_snapshot.value, dict) else {}
    return worlds.get(prefix) or make_world(app, prefix)


@pytest.fixture
def world(app, database_snapshot) -> World:
    return world_in(app, database_snapshot, "home")


@pytest.fixture
def elsewhere(app, database_snapshot) -> World:
    """Another partnership, whose staff must never reach ``world``'s objects."""
    return world_in(app, database_snapshot, "away")


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/staff/login", data={"email": email, "password": password})


def set_language(app, email: str, language: str | None) -> None:
    """The staff member's chosen interface language (``None``: the browser's)."""
    import sqlalchemy as sa

    from feedback.models import User

    with app.app_context():
        db.session.execute(sa.update(User).where(User.email == email).values(interface_language=language))
        db.session.commit()
        db.session.remove()


def reader(app, world, language: str):
    """A client signed in as the partnership's analyst, who reads the staff pages in ``language``."""
    set_language(app, world.users["analyst"], language)
    client = app.test_client()
    assert sign_in(client, world.users["analyst"]).status_code == 302
    return client


def page(client, path: str) -> str:
    """The HTML of a staff page that must answer 200."""
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


DEMO_ADMIN = "lead@demo.example"
THEMES_CONFIG = {"THEMES_REPRESENTATION": "tfidf"}
"""Word counts: fast, and the same themes on every machine (no embedding model in play)."""


def demo_with_admin(test_database):
    """The demo (seed 5, 0.3 size) with an admin, :data:`DEMO_ADMIN`, and no theme runs yet: built once
    per session for the modules that start theme runs (they override ``database_snapshot`` with it)."""
    demo = test_database.demo(seed=5, scale=0.3)

    def add_admin(app) -> None:
        with app.app_context():
            partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == demo.value))
            add_user(DEMO_ADMIN, partnership, Role.ADMIN, PASSWORD)
            db.session.commit()
            db.session.remove()

    return test_database.snapshot("demo seed 5 scale 0.3, admin", add_admin, base=demo, config=THEMES_CONFIG)
