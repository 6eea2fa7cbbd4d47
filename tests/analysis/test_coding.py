"""Codebook mode: answers coded against the themes staff expect, with reasons, second codes and proposed
new themes; codebooks checked at the door with messages that say which row and what to fix."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.coding import MAX_CODES, Code, CodebookError, code_answers, read_codebook

HOUSING = [
    "We got evicted and have no place to live",
    "Rent went up, we might lose our apartment",
    "I'm staying in a shelter right now, housing first",
    "No stable housing, sleeping in my car",
    "The rent is too high and we may be evicted",
    "Finding a place to live comes before training",
    "Housing, the landlord is selling our apartment",
    "I'm homeless, couch surfing with friends",
    "Can't pay rent and study at the same time",
    "Eviction notice last month, looking for housing",
    "We need an apartment we can afford, rent is too much",
    "homeless shelter curfew, no housing",
]

CODEBOOK = [
    Code("Childcare", "No one to watch the kids; child care or daycare costs too much",
         ("I need a babysitter for my kids", "daycare is expensive")),
    Code("Getting there", "No car, the bus is slow or does not run",
         ("no bus pass, no car", "the bus takes hours")),
    Code("Work schedule", "Classes clash with work shifts",
         ("my work shift conflicts with class", "schedule changes every week")),
]


@pytest.fixture
def coded(g):
    texts = g.CHILDCARE + g.TRANSPORT + g.SCHEDULE + ["n/a"]
    return texts, code_answers(texts, CODEBOOK, representation="tfidf")


def names_of(result, rows) -> list:
    """The code name each row landed in (None for a proposed theme, Other or a non-answer)."""
    themes = result.result.assignments["theme"]
    return [result.codes.get(int(themes.iloc[r])) if pd.notna(themes.iloc[r]) else None for r in rows]


def test_answers_land_in_the_code_they_are_about_and_never_in_another(coded, g):
    _, result = coded
    groups = {"Childcare": g.CHILDCARE, "Getting there": g.TRANSPORT, "Work schedule": g.SCHEDULE}
    start = 0
    for code, answers in groups.items():
        rows = range(start, start + len(answers))
        start += len(answers)
        assert result.result.assignments["nearest_code"].iloc[list(rows)].eq(code).all()
        placed = [name for name in names_of(result, rows) if name is not None]
        assert set(placed) == {code} and len(placed) >= len(answers) // 2
    labels = {t.id: t.label for t in result.result.themes}
    assert [labels[i] for i in sorted(result.codes)] == [result.codes[i] for i in sorted(result.codes)]


def test_every_coded_answer_says_why_with_the_numbers_it_rests_on(coded):
    _, result = coded
    a = result.result.assignments
    placed = a[a["theme"].isin(list(result.codes))]
    for theme, why, score in zip(placed["theme"], placed["explanation"], placed["score"]):
        assert why.startswith(result.codes[int(theme)] + ": close to ")
        assert f"({score:.2f})" in why  # the fit that decided it is printed
    examples = placed["explanation"].str.contains(r"example \d \(0\.\d\d\)")
    assert examples.any()  # an answer close to an example names which one


def test_a_non_answer_keeps_its_reason_and_gets_no_code(coded):
    _, result = coded
    last = result.result.assignments.iloc[-1]
    assert pd.isna(last["theme"]) and last["reason"] == "non_answer" and pd.isna(last["explanation"])


def test_an_answer_about_two_codes_gets_both_primary_first():
    texts = ["I need a babysitter for my kids and I have no car, the bus is slow", "daycare is expensive",
             "no bus pass, no car", "my work shift conflicts with class"]
    result = code_answers(texts, CODEBOOK, representation="tfidf", propose=False)
    a = result.result.assignments
    first, second = result.codes[int(a["theme"][0])], result.codes.get(int(a["second_theme"][0]))
    assert {first, second} == {"Childcare", "Getting there"}
    assert "also fits" in a["explanation"][0]
    assert a["second_theme"][1:].isna().all()  # single-concern answers get one code


def test_answers_that_fit_no_code_are_proposed_as_new_themes_not_forced_into_one(g):
    texts = g.CHILDCARE + g.TRANSPORT + HOUSING
    result = code_answers(texts, CODEBOOK, representation="tfidf")
    housing_rows = range(len(g.CHILDCARE) + len(g.TRANSPORT), len(texts))
    housing = result.result.assignments["theme"].iloc[list(housing_rows)]
    assert sum(int(t) in result.new for t in housing) >= 9
    assert sum(int(t) in result.codes for t in housing) <= 2
    proposed = [t for t in result.result.themes if t.id in result.new]
    assert all(t.label not in {c.name for c in CODEBOOK} and t.quotes for t in proposed)
    why = result.result.assignments["explanation"].iloc[list(housing_rows)]
    assert why.str.startswith("fits no code (the nearest is").sum() >= 9


def test_a_few_answers_that_fit_no_code_go_to_other(g):
    result = code_answers(g.CHILDCARE + HOUSING[:3], CODEBOOK, representation="tfidf")
    assert not result.new
    assert set(result.result.assignments["theme"].iloc[len(g.CHILDCARE):]) == {0}


def test_a_code_no_answer_fits_is_still_listed_with_size_zero(g):
    result = code_answers(g.CHILDCARE, CODEBOOK, representation="tfidf")
    sizes = {result.codes[t.id]: t.size for t in result.result.themes if t.id in result.codes}
    assert sizes["Work schedule"] == 0 and sizes["Childcare"] >= 6


def test_the_json_says_where_each_theme_came_from_and_why_each_answer_is_there(g):
    payload = code_answers(g.CHILDCARE + g.TRANSPORT + HOUSING, CODEBOOK, representation="tfidf").to_dict()
    sources = {t["label"]: t["source"] for t in payload["themes"]}
    assert sources["Childcare"] == "codebook" and "proposed" in sources.values()
    assert all(row["explanation"] for row in payload["assignments"] if row["theme"] is not None)


@pytest.mark.skipif("not __import__('analysis.embeddings').embeddings.available()")
def test_spanish_answers_meet_an_english_codebook(g):
    codes = [Code("Childcare", "No one to watch the children; daycare costs"),
             Code("Transportation", "No car; the bus is slow or does not come")]
    result = code_answers(g.SPANISH_CHILDCARE + g.SPANISH_TRANSPORT, codes, representation="embeddings",
                          propose=False)
    names = names_of(result, range(len(g.SPANISH_CHILDCARE) + len(g.SPANISH_TRANSPORT)))
    assert names[: len(g.SPANISH_CHILDCARE)].count("Childcare") >= 4
    assert names[len(g.SPANISH_CHILDCARE):].count("Transportation") >= 5


# -- the codebook file ----------------------------------------------------------------------------------

def read(tmp_path, content: str, name: str = "codes.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return read_codebook(path)


def test_examples_split_on_bars_and_line_breaks_and_spanish_headers_are_read(tmp_path):
    codes = read(tmp_path, 'Nombre;Descripción;Ejemplos\nGuardería;Cuidado de niños;"no tengo niñera | la guardería es cara"\n'
                           'Transporte;Llegar a clase;"no tengo carro\nel autobús no pasa"\n;;\n')
    assert [c.name for c in codes] == ["Guardería", "Transporte"]
    assert codes[0].examples == ("no tengo niñera", "la guardería es cara")
    assert codes[1].examples == ("no tengo carro", "el autobús no pasa")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "codes.csv is empty"),
        ("name,description\n", "codes.csv has no codes"),
        ("name,description\nChildcare,kids\n,no name here\n", "Row 3 of codes.csv has no name"),
        ("name,description\nChildcare,kids\nBus,no car\nchildcare ,again\n",
         "Rows 2 and 4 of codes.csv both name the code 'childcare'"),
        ("name,details\nChildcare,kids\n", "wrong columns (missing 'description'; unexpected 'details')"),
        ("name,description,examples,notes\nChildcare,kids,,x\n", "unexpected 'notes'"),
    ],
    ids=["empty", "header only", "no name", "duplicate", "missing column", "extra column"],
)
def test_a_codebook_that_cannot_be_used_is_refused_naming_the_row_and_the_fix(tmp_path, content, message):
    with pytest.raises(CodebookError, match=None) as refused:
        read(tmp_path, content)
    assert message in str(refused.value)


def test_a_codebook_over_the_cap_is_refused_saying_the_cap(tmp_path):
    rows = "\n".join(f"Code {i},about {i}" for i in range(MAX_CODES + 1))
    with pytest.raises(CodebookError, match=f"{MAX_CODES + 1} codes; the most a codebook may hold is {MAX_CODES}"):
        read(tmp_path, "name,description\n" + rows + "\n")


def test_a_missing_or_non_utf8_codebook_file_is_a_clear_error(tmp_path):
    with pytest.raises(CodebookError, match="Cannot find the codebook file"):
        read_codebook(tmp_path / "nope.csv")
    bad = tmp_path / "latin.csv"
    bad.write_bytes("name,description\nGuarder\xeda,ni\xf1os\n".encode("latin-1"))
    with pytest.raises(CodebookError, match="UTF-8"):
        read_codebook(bad)


def test_pasted_text_is_read_like_a_file():
    codes = read_codebook("pasted codebook", text="name,description,examples\nChildcare,kids,a|b\n")
    assert codes == [Code("Childcare", "kids", ("a", "b"))]


def test_unknown_representation_is_refused(g):
    with pytest.raises(ValueError, match="representation"):
        code_answers(g.CHILDCARE, CODEBOOK, representation="bert")

def test_an_unquoted_comma_is_refused_with_its_row_never_shifted():
    with pytest.raises(CodebookError, match=r"Row 2 .* 3 cells but the header has 2.*double quotes"):
        read_codebook(text="name,description\nChildcare,kids, babies and daycare\nTransport,the bus\n")

def test_rows_are_numbered_as_the_spreadsheet_numbers_them_blank_lines_included():
    with pytest.raises(CodebookError, match="Rows 2 and 6"):
        read_codebook(text="name,description\nChildcare,kids\n\n\n\nchildcare,again\n")

def test_empty_columns_a_spreadsheet_adds_at_the_right_are_ignored():
    codes = read_codebook(text="name,description,,\nChildcare,kids and daycare,,\nTransport,the bus,,\n")
    assert [c.name for c in codes] == ["Childcare", "Transport"]
