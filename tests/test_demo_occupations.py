"""The demo's employers and career seekers answer like real ones: healthcare jobs in the tens, starting
pay around the OEWS national figures, groups and barriers that go together, and every answer one the
form itself would accept."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
import sqlalchemy as sa

from feedback.queries.occupations import demand_frame, supply_frame
from surveys.demo.occupations import OCCUPATIONS
from surveys.models import Answer, Partnership, Question, Response, Survey
from surveys.question_types import StoredValue, get_type
from surveys.responses import clean_answers
from surveys.services import definition_of

EMPLOYERS = "healthcare-employer-needs"
SEEKERS = "healthcare-career-seekers"


@pytest.fixture
def database_snapshot(test_database):
    return test_database.demo(seed=4, scale=0.5)


def survey(db, slug: str) -> Survey:
    return db.session.scalar(sa.select(Survey).where(Survey.slug == slug))


def test_employers_need_healthcare_jobs_in_believable_numbers(db):
    frame = demand_frame(survey(db, EMPLOYERS))
    assert len(frame) > 60
    top = frame["soc_code"].value_counts().index[:3].tolist()
    assert {"29-1141", "31-1131"} <= set(top)  # RNs and CNAs, as the hospital HR manager says
    assert frame["soc_code"].dropna().str.match(r"^(29|31|37|43)-").all()
    per_employer = frame.groupby("response_id")["openings"].sum()
    assert 5 <= per_employer.median() <= 120  # not 54,474
    assert frame["openings"].max() <= 500
    assert (frame["vacancies"].dropna() <= frame.loc[frame["vacancies"].notna(), "openings"].fillna(10**6)).all()
    assert frame["organization_key"].nunique() < frame["response_id"].nunique()  # employers answer twice


def test_starting_pay_sits_within_the_published_range_and_around_the_median(db):
    frame = demand_frame(survey(db, EMPLOYERS))
    paid = frame.dropna(subset=["pay_hourly", "soc_code"])
    assert 15 <= paid["pay_hourly"].median() <= 45  # not $283.50 an hour
    for code, rows in paid.groupby("soc_code"):
        occupation = OCCUPATIONS[code]
        low, high = occupation.hourly_range
        assert rows["pay_hourly"].between(low - 0.5, high + 0.5).all(), code
        assert 0.8 * occupation.median_hourly <= rows["pay_hourly"].median() <= 1.05 * occupation.median_hourly
    assert (frame["pay_unit"] == "year").any()  # some RN offers are yearly, read back per hour


def test_seekers_groups_and_barriers_go_together(db):
    seekers = survey(db, SEEKERS)
    frame = supply_frame(seekers)
    assert frame["soc_code"].notna().mean() > 0.8
    spanish = frame[frame["home_language"] == "Spanish"]
    english = frame[frame["home_language"] == "English"]
    assert spanish["race_ethnicity"].map(lambda groups: groups and "Hispanic or Latino" in " ".join(groups)).mean() > 0.7
    assert len(frame["age_group"].value_counts()) >= 5
    women = Counter(frame["gender"])
    assert women["Woman"] > 2 * women["Man"]
    barriers = _barriers(db, seekers)
    with_groups = supply_frame(seekers).drop_duplicates("response_id").set_index("response_id")
    joined = with_groups.join(barriers, how="inner")
    by_language = joined.groupby("home_language")["language_barrier"].mean()
    assert by_language["Spanish"] > 3 * by_language["English"]
    parents = joined["age_group"].isin(["25 to 34", "35 to 44"]) & (joined["gender"] == "Woman")
    assert joined.loc[parents, "childcare"].mean() > 2 * joined.loc[~parents, "childcare"].mean()
    assert len(english) > len(spanish)


def _barriers(db, seekers: Survey) -> pd.DataFrame:
    question = db.session.scalar(sa.select(Question).where(Question.survey_id == seekers.id,
                                                           Question.key == "barriers"))
    rows = db.session.execute(sa.select(Answer.response_id, Answer.option_key)
                              .where(Answer.question_id == question.id)).all()
    frame = pd.DataFrame(rows, columns=["response_id", "option_key"])
    return pd.DataFrame({"language_barrier": frame.groupby("response_id")["option_key"].apply(
        lambda keys: "language" in set(keys)), "childcare": frame.groupby("response_id")["option_key"].apply(
        lambda keys: "childcare" in set(keys))})


def test_every_demo_answer_is_one_the_form_accepts(db):
    partnership = db.session.scalar(sa.select(Partnership))
    for each in partnership.surveys:
        definition = definition_of(each)
        questions = {question.id: question for question in each.questions}
        stored: dict[int, dict[str, list[StoredValue]]] = {}
        for answer in db.session.scalars(sa.select(Answer).join(Response).where(Response.survey_id == each.id)):
            key = questions[answer.question_id].key
            stored.setdefault(answer.response_id, {}).setdefault(key, []).append(
                StoredValue(answer.option_key, answer.value_text, answer.value_number))
        assert stored
        for response_id, by_key in stored.items():
            raw = {key: get_type(definition.question(key).type).to_json(
                definition.question(key), get_type(definition.question(key).type).from_rows(definition.question(key), rows))
                for key, rows in by_key.items()}
            result = clean_answers(definition, raw)
            assert result.ok, (each.slug, response_id, result.messages("en"))
