"""Every staff page names each element once: a repeated ``id`` (every form's CSRF field said
``id="csrf_token"``) leaves labels, skip links and ``aria-describedby`` pointing at the wrong element."""

from __future__ import annotations

import re
from collections import Counter

from tests.staff.conftest import sign_in
from tests.staff.test_access import staff_pages, targets  # noqa: F401  (targets is a fixture)

ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]+)"')


def test_no_staff_page_repeats_an_id(app, targets, world):  # noqa: F811
    client = app.test_client()
    sign_in(client, world.users["admin"])
    app.config["WTF_CSRF_ENABLED"] = True  # as served: every form carries its CSRF field
    repeated, pages = {}, 0
    for url, page in staff_pages(app, client, targets):
        pages += 1
        twice = sorted(name for name, n in Counter(ID.findall(page.text)).items() if n > 1)
        if twice:
            repeated[url] = twice
    assert pages >= 15
    assert repeated == {}
