"""A value that ends in a newline is not the value a pattern allowed: ``$`` matches before a trailing
newline, so every identifier and contact check matches the whole string."""

from surveys.question_types import EMAIL_PATTERN, PHONE_PATTERN
from surveys.responses import SOURCE_PATTERN, clean_source


def test_identifier_and_contact_patterns_reject_a_trailing_newline():
    assert SOURCE_PATTERN.fullmatch("partner-a") and not SOURCE_PATTERN.fullmatch("partner-a\n")
    assert EMAIL_PATTERN.fullmatch("a@b.org") and not EMAIL_PATTERN.fullmatch("a@b.org\n")
    assert PHONE_PATTERN.fullmatch("555 123 4567") and not PHONE_PATTERN.fullmatch("555 123 4567\n")


def test_a_partner_tag_with_a_newline_inside_is_dropped():
    assert clean_source("partner-a") == "partner-a"
    assert clean_source("partner\na") is None
