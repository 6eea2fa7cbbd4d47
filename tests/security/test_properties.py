"""Property-based tests (hypothesis) at the three places untrusted input is judged: the definition
validator, answer validation, and the protection of numbers computed from answers.

Each property is what an attacker would try to break: any JSON is either a clean definition or a list
of errors (never another exception); any answer is either a clean value that survives storage or a
message; numbers anywhere in the accepted range summarise without a crash or a hang, and never print
an extreme fewer people gave than the threshold.
"""

from __future__ import annotations

import copy
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.equity import number_summary
from surveys.definition import TEXT_LIMITS, DefinitionError, load_definition
from surveys.json_input import MAX_JSON_DEPTH, JSONInputError, load_json
from surveys.question_types import MAX_NUMBER, AnswerError, StoredValue, get_type
from surveys.responses import clean_answers
from tests.security.payloads import SCALARS
from tests.surveys.helpers import every_type_data

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.sampled_from(SCALARS), st.none(), st.booleans(), st.text(max_size=20),
                    st.integers(), st.floats(allow_nan=True, allow_infinity=True))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)

VALID = every_type_data()


def leaves(data, path=()):
    """Every (path, value) in nested dicts and lists, containers included."""
    yield path, data
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from leaves(value, (*path, key))


PATHS = [path for path, _ in leaves(VALID) if path]


def replaced(path, value):
    data = copy.deepcopy(VALID)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return data


def check_accepted(definition) -> None:
    """What every accepted definition promises: it round-trips, and its keys and texts are clean."""
    assert load_definition(definition.to_dict()) == definition
    for question in definition.questions:
        assert "\n" not in question.key and len(question.key) <= 64
        for text in (*question.text.values(), *question.help.values()):
            assert "\x00" not in text and len(text) <= TEXT_LIMITS["text"]
    assert all(len(title) <= TEXT_LIMITS["title"] for title in definition.title.values())


@FAST
@given(data=json_values)
def test_any_json_is_a_definition_or_a_list_of_errors(data):
    try:
        definition = load_definition(data)
    except DefinitionError as error:
        assert error.errors and all(isinstance(message, str) for message in error.errors)
    else:
        check_accepted(definition)


@FAST
@given(path=st.sampled_from(PATHS), value=json_values)
def test_any_field_of_a_valid_definition_replaced_by_anything(path, value):
    try:
        definition = load_definition(replaced(path, value))
    except DefinitionError as error:
        assert error.errors
    else:
        check_accepted(definition)


@FAST
@given(depth=st.integers(1, 200))
def test_json_deeper_than_the_cap_is_refused_and_shallower_is_read(depth):
    text = "[" * depth + "]" * depth
    if depth <= MAX_JSON_DEPTH:
        assert load_json(text) is not None
    else:
        with pytest.raises(JSONInputError):
            load_json(text)


DEFINITION = load_definition(VALID)


@FAST
@given(key=st.sampled_from([q.key for q in DEFINITION.questions]), raw=json_values)
def test_any_answer_is_clean_and_survives_storage_or_is_a_message(key, raw):
    question = DEFINITION.question(key)
    kind = get_type(question.type)
    try:
        value = kind.clean(question, raw)
    except AnswerError as error:
        assert error.message("en") and error.message("es")
        return
    if value is None:
        return
    rows = kind.to_rows(question, value)
    assert all(isinstance(row, StoredValue) for row in rows)
    for row in rows:
        assert row.value_text is None or ("\x00" not in row.value_text and len(row.value_text) <= 20_000)
        assert row.value_number is None or abs(row.value_number) <= MAX_NUMBER
    assert kind.from_rows(question, rows) == value
    assert kind.clean(question, kind.to_json(question, value)) == value


@FAST
@given(raw=st.dictionaries(st.sampled_from([q.key for q in DEFINITION.questions] + ["x\n", "\x00"]),
                           json_values, max_size=8))
def test_a_whole_submission_never_raises(raw):
    result = clean_answers(DEFINITION, raw, reject_unknown=True)
    assert result.ok or result.messages("es")


finite = st.floats(min_value=-MAX_NUMBER, max_value=MAX_NUMBER, allow_nan=False)
answers = st.one_of(
    st.lists(finite, max_size=40),
    # many answers close together at a large magnitude: bins must still be made (no endless loop)
    st.tuples(st.floats(-MAX_NUMBER, MAX_NUMBER), st.lists(st.floats(0, 1), min_size=5, max_size=40))
    .map(lambda pair: [pair[0] + step for step in pair[1]]),
)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(values=answers, threshold=st.integers(2, 11))
def test_number_summaries_of_accepted_numbers_never_expose_an_extreme(values, threshold):
    summary = number_summary(values, threshold)
    if summary.n is None:
        assert len(values) < threshold
        return
    assert math.isfinite(summary.mean)
    assert sum(v <= summary.low for v in values) >= threshold
    assert sum(v >= summary.high for v in values) >= threshold
    for edge in (summary.edges[1:-1] if len(summary.edges) > 2 else ()):
        assert summary.low <= edge <= summary.high + abs(summary.high - summary.low) + 1
    assert len(summary.bins) <= 12
