"""Two taps on "Send my answers" arriving together (same browser) store one complete response."""

from __future__ import annotations

import threading

from surveys.models import Answer, Response
from tests.surveys.helpers import make_survey

START = "/s/every-type"


def test_concurrent_final_submissions_store_once(app, db):
    make_survey()
    db.session.commit()
    client = app.test_client()
    client.post(f"{START}/start")
    client.post(f"{START}/page/1", data={"q_goal": "job", "q_barriers": ["bus"], "action": "next"})
    cookie = client.get_cookie("session").value

    barrier = threading.Barrier(2)
    codes: list[int] = []

    def tap() -> None:
        with app.app_context():
            other = app.test_client()
            other.set_cookie("session", cookie)
            barrier.wait()
            reply = other.post(f"{START}/page/4", data={"q_age": "under_25", "action": "submit"})
            codes.append(reply.status_code)
            assert reply.location.endswith("/thanks")

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert codes == [302, 302]
    db.session.expire_all()
    responses = db.session.scalars(db.select(Response)).all()
    assert len(responses) == 1 and responses[0].complete
    ages = db.session.scalars(db.select(Answer).where(Answer.option_key == "under_25")).all()
    assert len(ages) == 1
