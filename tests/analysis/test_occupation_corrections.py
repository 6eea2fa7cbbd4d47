"""A partnership's corrections laid over the shared coder, without refitting it."""

from __future__ import annotations

import pytest

from analysis.occupations import CorrectedCoder, correction_key

CNA = "31-1131"


@pytest.fixture(scope="module")
def coder():
    return CorrectedCoder({correction_key("Float Tech"): CNA, correction_key("Auxiliar de Enfermería"): "29-2061"})


def test_corrected_words_win_in_any_case_accent_or_with_a_qualifier(coder):
    float_tech, nights, spanish = coder.code(["FLOAT TECH", "Float tech - nights", "auxiliar de enfermeria (PRN)"])
    assert (float_tech.soc_code, float_tech.method, float_tech.score, float_tech.needs_review) == (
        CNA, "correction", 1.0, False)
    assert nights.soc_code == CNA
    assert spanish.soc_code == "29-2061" and spanish.runner_up_code == CNA  # the coder's own answer stays runner-up


def test_a_correction_does_not_reach_other_words(coder):
    tech, phlebotomy = coder.code(["Tech", "Float phlebotomist"])
    assert tech.method != "correction" and phlebotomy.soc_code == "31-9097"


def test_suggestions_put_the_partnerships_code_first(coder):
    suggestions = coder.suggest("float tech", 3)
    assert suggestions[0].soc_code == CNA and suggestions[0].score == 1.0
    assert len({s.soc_code for s in suggestions}) == len(suggestions) <= 3


def test_a_correction_must_name_an_occupation():
    with pytest.raises(ValueError, match="SOC 2018"):
        CorrectedCoder({"float tech": "31-1130"})
