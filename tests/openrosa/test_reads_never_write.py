"""A device listing and downloading its form, and asking before it sends, writes nothing (only a
submission is a write); a token script's reads write nothing but, at most every few minutes, when the
token was last used."""

from __future__ import annotations

from tests.api.test_staff_api import database_snapshot, get, world  # noqa: F401  (fixtures)
from tests.openrosa.conftest import COLLECT_HEADERS, base
from tests.staff.test_get_never_writes import watch  # noqa: F401  (fixture)


def test_a_devices_reads_write_nothing(client, token, watch):  # noqa: F811
    address = base(token)
    for url in (f"{address}/formList", f"{address}/forms/every-type.xml", f"{address}/forms/every-type/manifest",
                "/openrosa/formList"):
        assert client.get(url, headers=COLLECT_HEADERS, auth=("collect", token)).status_code == 200, url
    assert client.head(f"{address}/submission", headers=COLLECT_HEADERS).status_code == 204
    assert watch.statements == [] and watch.commits == 0 and watch.unsaved == []


def test_a_tokens_reads_write_only_when_it_was_last_used_and_not_again_for_minutes(client, world, watch):  # noqa: F811
    token = world.tokens["analyst"]
    get(client, "/api/v1/staff/token", token)
    watch.clear()
    for url in ("/api/v1/staff/surveys", f"/api/v1/staff/surveys/{world.other_survey}",
                f"/api/v1/staff/surveys/{world.other_survey}/responses", f"/api/v1/staff/runs/{world.run}",
                f"/api/v1/staff/runs/{world.run}/assignments", "/api/v1/staff/actions"):
        assert get(client, url, token).status_code == 200, url
    assert watch.statements == [] and watch.commits == 0 and watch.unsaved == []
