"""The API against its own OpenAPI description: schemathesis generates requests for every operation from
``/api/v1/openapi.json`` and sends them to the test app (no server) with an admin's token, over a seeded
partnership; no answer may be a 5xx, and every answer must match the status, headers and body schema
the description gives. Examples are few per operation, so this stays a few seconds long.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import positive_data_acceptance
from schemathesis.generation import GenerationMode

from feedback import jobs
from tests.api.world import bearer, snapshot
from tests.conftest import make_config

EXAMPLES = 12
"""Generated examples per operation with valid input."""
PARTNER_EXAMPLES = 4
"""Generated examples per token operation with a partner's token."""
NEGATIVE_EXAMPLES = 6
"""Generated examples per operation with input its description rules out (answered 4xx, in the error shape)."""
# Not checked: that every schema-valid request succeeds. Some inputs are checked against the data, which a
# schema cannot say (a question key or wave id of this survey; a survey that is closed): those answer 422 or
# 409 in the error shape, which the other checks hold to the description.


@pytest.fixture
def database_snapshot(test_database):
    return snapshot(test_database)


@pytest.fixture
def app_config(database, tmp_path):
    # Rate limits would turn later examples into 429s; they have tests of their own. (Not RATELIMIT_ENABLED:
    # Flask-Limiter keeps that on its one shared instance, so later apps in the process would inherit it.)
    unlimited = "100000 per minute"
    return make_config(database.url, database.engine_options, tmp_path / "instance", RATELIMIT_API=unlimited,
                       RATELIMIT_SUBMIT=unlimited, RATELIMIT_THEMES=unlimited)


def real_parameters(case, world) -> None:
    """Point most generated cases at the seeded objects (a random slug only ever finds a 404); every third
    keeps its generated value, so unknown ids are exercised too."""
    values = {"slug": world.other_survey, "run_id": world.run, "key": "barriers"}
    for name, value in values.items():
        generated = (case.path_parameters or {}).get(name)
        if generated is not None and len(str(generated)) % 3:
            case.path_parameters[name] = value


def check_operation(operation, mode: GenerationMode, examples: int, world, checked: dict,
                    role: str = "admin") -> None:
    """Send ``examples`` generated requests of one kind to one operation, each checked against the
    description (status, content type, headers, body schema; no 5xx; 401 without the token; 405 for a
    method it does not take)."""

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def keeps_its_contract(case) -> None:
        real_parameters(case, world)
        case.call_and_validate(headers=bearer(world.tokens[role]), excluded_checks=[positive_data_acceptance])
        checked[(operation.label, mode.value, role)] = checked.get((operation.label, mode.value, role), 0) + 1

    try:
        keeps_its_contract()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # an operation with no input has nothing to get wrong


def test_every_operation_keeps_its_contract(app, database_snapshot, monkeypatch):
    monkeypatch.setattr(jobs.queue, "enqueue", lambda kind, job_id: None)  # runs are queued, never run
    description = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    checked: dict[tuple[str, str], int] = {}
    for result in description.get_all_operations():
        operation = result.ok()
        check_operation(operation, GenerationMode.POSITIVE, EXAMPLES, database_snapshot.value, checked)
        check_operation(operation, GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, database_snapshot.value, checked)
        if "/api/v1/staff/" in operation.label:  # a partner's token: 403s, the report's hidden numbers as null
            check_operation(operation, GenerationMode.POSITIVE, PARTNER_EXAMPLES, database_snapshot.value, checked,
                            role="partner")
    operations = {f"{method.upper()} {path}" for path, methods in app.test_client().get(
        "/api/v1/openapi.json").get_json()["paths"].items() for method in methods}
    assert {label for label, mode, _ in checked if mode == "positive"} == operations and len(operations) >= 12
