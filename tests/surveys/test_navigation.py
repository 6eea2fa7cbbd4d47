"""Which page a person sees next, where a returning person carries on, and how far along a page is: the
rules the respondent pages follow, checked without a browser."""

from __future__ import annotations

import pytest

from surveys.question_types import Choices
from surveys.responses import clean_source, keep_withheld, next_section, page_position, resume_section
from tests.surveys.helpers import every_type

DEFINITION = every_type()  # pages: first, second, childcare (only after choosing childcare), about
CHILDCARE = {"goal": Choices(("job",)), "barriers": Choices(("childcare",))}


def test_the_childcare_page_comes_only_after_choosing_childcare_both_ways():
    assert next_section(DEFINITION, {}, "second") == "about"
    assert next_section(DEFINITION, CHILDCARE, "second") == "childcare"
    assert next_section(DEFINITION, {}, "about", -1) == "second"
    assert next_section(DEFINITION, CHILDCARE, "about", -1) == "childcare"
    assert next_section(DEFINITION, {}, "first", -1) is None
    assert next_section(DEFINITION, {}, "about") is None


def test_a_returning_person_carries_on_at_a_missing_required_answer_else_the_first_untouched_page():
    assert resume_section(DEFINITION, {}) == "first"  # "goal" is required
    assert resume_section(DEFINITION, CHILDCARE) == "childcare"  # required there, still missing
    detailed = {**CHILDCARE, "childcare_detail": "Costly"}
    assert resume_section(DEFINITION, detailed) == "second"  # nothing answered there yet
    everything = {**detailed, "story": "Far", "age": Choices(("25_plus",))}
    assert resume_section(DEFINITION, everything) == "about"  # nothing untouched: the last page


def test_the_step_counts_pages_shown_so_far_against_a_total_that_never_moves():
    assert page_position(DEFINITION, {}, "first") == page_position(DEFINITION, CHILDCARE, "first")
    plain, childcare = page_position(DEFINITION, {}, "about"), page_position(DEFINITION, CHILDCARE, "about")
    assert (plain.step, childcare.step) == (3, 4)
    assert plain.total == childcare.total == 4 and not plain.total_exact
    assert plain.is_last and not plain.is_first and page_position(DEFINITION, {}, "first").is_first
    assert not page_position(DEFINITION, {}, "second").is_last


@pytest.mark.parametrize("sent, kept", [
    ("casa-familia", "casa-familia"), (" Mesa_College ", "mesa_college"), ("-dash", None),
    ("<script>", None), ("x" * 65, None), ("", None), (None, None),
])
def test_a_partner_tag_is_kept_only_when_it_looks_like_an_organization(sent, kept):
    assert clean_source(sent) == kept


def test_contact_details_not_shown_back_stay_when_left_blank_with_keep_ticked_and_yield_to_new_ones():
    contact = DEFINITION.question("contact")
    stored = {"contact": {"email": "ana@example.org"}}
    raw = {"contact": {}}
    keep_withheld([contact], raw, stored, kept={"contact"})
    assert raw["contact"] == {"consent": True, "email": "ana@example.org"}

    raw = {"contact": {}}
    keep_withheld([contact], raw, stored, kept=set())  # "keep" unticked: the details are cleared
    assert raw["contact"] == {}

    typed = {"contact": {"consent": True, "phone": "(555) 123-4567"}}
    keep_withheld([contact], typed, stored, kept={"contact"})
    assert typed["contact"] == {"consent": True, "phone": "(555) 123-4567"}
