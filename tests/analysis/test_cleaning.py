import pytest

from analysis import duplicate_key, non_answer_reason, normalize_text, redact_pii


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("n/a", "non_answer"),
        ("N/A.", "non_answer"),
        ("None", "non_answer"),
        ("nothing", "non_answer"),
        ("No comment", "non_answer"),
        ("idk", "non_answer"),
        ("nada", "non_answer"),
        ("No thanks!", "non_answer"),
        ("Unsure", "non_answer"),  # each line of the phrase list counts, not only the first
        ("Does not apply", "non_answer"),
        ("gracias", "non_answer"),
        ("Nada, gracias.", "non_answer"),
        ("-", "no_words"),
        ("👍👍", "no_words"),
        ("123", "no_words"),
        ("asdfgh", "keyboard_mash"),
        ("jjjjjj", "keyboard_mash"),
    ],
)
def test_non_answers_are_recognised_with_a_reason(text, reason):
    assert non_answer_reason(text) == reason


@pytest.mark.parametrize(
    "text", ["no car", "bus", "Nothing works for my schedule", "childcare", "sí", "thanks for the bus pass"]
)
def test_real_answers_are_not_non_answers(text):
    assert non_answer_reason(text) is None


def test_normalize_text_collapses_invisible_and_odd_whitespace():
    assert normalize_text("child\u00a0care\u200b  now\n") == "child care now"
    assert normalize_text("ﬁnd work") == "find work"  # NFKC ligature


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at 555-123-4567 please", "call me at [phone] please"),
        ("my cell (312) 555 0199", "my cell [phone]"),
        ("email maria.g@gmail.com thanks", "email [email] thanks"),
        ("see www.example.org/jobs", "see [url]"),
        ("ssn 123-45-6789", "ssn [number]"),
        ("case 12345678", "case [number]"),
        ("I live at 1234 N Oak Street apt 5", "I live at [address]"),
    ],
)
def test_pii_is_redacted(text, expected):
    assert redact_pii(text) == expected


def test_redaction_keeps_ordinary_numbers():
    assert (
        redact_pii("I have 2 kids and the bus takes 90 minutes")
        == "I have 2 kids and the bus takes 90 minutes"
    )


def test_near_duplicates_share_a_key():
    assert duplicate_key("No CAR!!") == duplicate_key("no car") == duplicate_key("  no   caaar ")
    assert duplicate_key("Guardería") == duplicate_key("guarderia")
    assert duplicate_key("no car") != duplicate_key("no bus")
