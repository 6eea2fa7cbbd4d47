import json

import pytest
from click.testing import CliRunner

from feedback.commands.themes import _sentiment_text, themes_command


def _csv(rows, sep=",", bom=False) -> str:
    lines = [f"id{sep}What makes it hard?"]
    for i, text in enumerate(rows):
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append(f"{i}{sep}{quoted}")
    return ("\ufeff" if bom else "") + "\n".join(lines) + "\n"


@pytest.fixture
def runner():
    return CliRunner()


def _run(runner, tmp_path, content, *args):
    src = tmp_path / "answers.csv"
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    result = runner.invoke(themes_command, [str(src), *args, "--out", str(out)])
    return result, out


@pytest.mark.parametrize(
    ("sep", "bom"),
    [(",", False), (",", True), (";", False), ("\t", False)],
    ids=["comma", "bom", "semicolon", "tab"],
)
def test_reads_exports_and_writes_every_row_once(g, runner, tmp_path, sep, bom):
    rows = g.CHILDCARE + g.TRANSPORT + g.SCHEDULE + ["n/a", ""]
    result, out = _run(
        runner, tmp_path, _csv(rows, sep, bom), "--text-column", "What makes it hard?", "--k", "3"
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert [a["row"] for a in payload["assignments"]] == list(range(len(rows)))
    assert payload["assignments"][-1]["theme"] is None and payload["assignments"][-1]["reason"] == "empty"
    assert payload["parameters"]["k"] == 3
    assert "Theme" in result.output and "Share" in result.output


def test_quoted_newlines_stay_inside_one_answer(g, runner, tmp_path):
    rows = g.CHILDCARE + ["no car\nand the bus\nis late"] + g.TRANSPORT
    result, out = _run(runner, tmp_path, _csv(rows), "--text-column", "What makes it hard?")
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["assignments"]) == len(rows)


def test_wrong_column_name_is_a_helpful_error(g, runner, tmp_path):
    result, out = _run(runner, tmp_path, _csv(g.CHILDCARE), "--text-column", "what makes it hard")
    assert result.exit_code != 0
    assert "no column 'what makes it hard'" in result.output
    assert "Did you mean 'What makes it hard?'" in result.output
    assert not out.exists()


def test_column_name_differing_only_in_case_is_accepted(g, runner, tmp_path):
    result, _ = _run(
        runner, tmp_path, _csv(g.CHILDCARE + g.TRANSPORT), "--text-column", "what makes it hard?"
    )
    assert result.exit_code == 0, result.output


def test_missing_and_non_utf8_files_are_clear_errors(runner, tmp_path):
    result = runner.invoke(themes_command, [str(tmp_path / "nope.csv"), "--text-column", "x"])
    assert result.exit_code != 0 and "Cannot find the file" in result.output
    bad = tmp_path / "latin.csv"
    bad.write_bytes("text\nguarder\xeda\n".encode("latin-1"))
    result = runner.invoke(themes_command, [str(bad), "--text-column", "text"])
    assert result.exit_code != 0 and "UTF-8" in result.output


def test_qualtrics_header_rows_are_kept_as_non_answers(g, runner, tmp_path):
    lines = ["ResponseId,Q1", "Response ID,What makes it hard?", 'ImportId,"{""ImportId"":""QID1_TEXT""}"']
    lines += [f'R_{i},"{t}"' for i, t in enumerate(g.CHILDCARE + g.TRANSPORT)]
    result, out = _run(runner, tmp_path, "\n".join(lines) + "\n", "--text-column", "Q1")
    assert result.exit_code == 0, result.output
    assignments = json.loads(out.read_text())["assignments"]
    assert [a["reason"] for a in assignments[:2]] == ["export_header", "export_header"]
    assert len(assignments) == len(g.CHILDCARE + g.TRANSPORT) + 2


def test_punctuation_inside_answers_does_not_fool_the_delimiter(runner, tmp_path):
    rows = (
        ["childcare; bus; rent; shifts"] * 3 + ["no car; no bus; no ride"] * 3 + ["kids; daycare; money"] * 3
    )
    content = "id,answer\n" + "\n".join(f'{i},"{t}"' for i, t in enumerate(rows)) + "\n"
    result, out = _run(runner, tmp_path, content, "--text-column", "answer")
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["assignments"]) == len(rows)


def test_a_theme_of_spanish_answers_does_not_print_a_neutral_sentiment(g, runner, tmp_path):
    rows = g.TRANSPORT * 2 + g.SPANISH_CHILDCARE * 2
    result, out = _run(runner, tmp_path, _csv(rows), "--text-column", "What makes it hard?", "--k", "2")
    assert result.exit_code == 0, result.output
    themes = json.loads(out.read_text(encoding="utf-8"))["themes"]
    spanish = next(t for t in themes if t["languages"].get("es", 0) > t["size"] / 2)
    row = next(line for line in result.output.splitlines() if f" {spanish['label']} " in line)
    # Under half of its answers are English, so the row says how few the score rests on (or n/a).
    assert spanish["sentiment"]["n_scored"] * 2 < spanish["size"]
    assert _sentiment_text(spanish["sentiment"], spanish["size"]) in row, row
    assert "% neg" not in row


def test_a_sentiment_resting_on_few_english_answers_says_how_few():
    mostly_spanish = {"mean": 0.0, "share_negative": 0.0, "n_scored": 6}
    assert _sentiment_text(mostly_spanish, size=196) == "+0.00 (6 scored)"
    english = {"mean": -0.2, "share_negative": 0.5, "n_scored": 150}
    assert _sentiment_text(english, size=196) == "-0.20 (50% neg)"


CODEBOOK_CSV = (
    "name,description,examples\n"
    'Childcare,"No one to watch the kids; child care or daycare costs too much","I need a babysitter | daycare is expensive"\n'
    'Getting there,"No car, the bus is slow or does not run","no bus pass, no car | the bus takes hours"\n'
)


def _codebook(tmp_path, content=CODEBOOK_CSV):
    path = tmp_path / "codes.csv"
    path.write_text(content, encoding="utf-8")
    return path


def test_codebook_mode_codes_answers_and_proposes_what_fits_no_code(g, runner, tmp_path):
    housing = ["We got evicted and have no place to live", "Rent went up, we might lose our apartment",
               "No stable housing, sleeping in my car", "The rent is too high and we may be evicted",
               "Housing, the landlord is selling our apartment", "I'm homeless, couch surfing with friends",
               "Can't pay rent and study at the same time", "Eviction notice last month, looking for housing",
               "We need an apartment we can afford, rent is too much", "homeless shelter curfew, no housing",
               "The rent is too much for my apartment", "housing is my problem, we were evicted"]
    rows = g.CHILDCARE + g.TRANSPORT + housing + ["n/a"]
    result, out = _run(runner, tmp_path, _csv(rows), "--text-column", "What makes it hard?",
                       "--codebook", str(_codebook(tmp_path)), "--representation", "tfidf")
    assert result.exit_code == 0, result.output
    assert "coded against 2 codes from codes.csv using tfidf-lsa" in result.output
    assert "Codebook themes:" in result.output and "Proposed new themes" in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert [a["row"] for a in payload["assignments"]] == list(range(len(rows)))
    by_label = {t["label"]: t for t in payload["themes"]}
    assert by_label["Childcare"]["source"] == "codebook" and by_label["Childcare"]["size"] >= 6
    assert any(t["source"] == "proposed" for t in payload["themes"])
    first = payload["assignments"][0]
    assert first["explanation"].startswith("Childcare: close to") and first["theme"] == by_label["Childcare"]["id"]
    assert payload["assignments"][-1]["theme"] is None and payload["assignments"][-1]["reason"] == "non_answer"


def test_a_bad_codebook_is_refused_before_the_answers_are_read(g, runner, tmp_path):
    bad = _codebook(tmp_path, "name,description\nChildcare,kids\n,no name\n")
    result, out = _run(runner, tmp_path, _csv(g.CHILDCARE), "--text-column", "What makes it hard?",
                       "--codebook", str(bad))
    assert result.exit_code != 0
    assert "Row 3 of codes.csv has no name" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_codebook_and_a_number_of_themes_together_is_a_usage_error(g, runner, tmp_path):
    result, _ = _run(runner, tmp_path, _csv(g.CHILDCARE), "--text-column", "What makes it hard?",
                     "--codebook", str(_codebook(tmp_path)), "--k", "3")
    assert result.exit_code == 2 and "one or the other" in result.output


def test_the_representation_asked_for_is_the_one_used(g, runner, tmp_path):
    result, out = _run(runner, tmp_path, _csv(g.CHILDCARE + g.TRANSPORT + g.SCHEDULE), "--text-column",
                       "What makes it hard?", "--representation", "tfidf")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["parameters"]["representation"] == "tfidf-lsa"
    refused = runner.invoke(themes_command, ["x.csv", "--text-column", "t", "--representation", "bert"])
    assert refused.exit_code == 2 and "'auto', 'embeddings', 'tfidf'" in refused.output


def test_the_question_comes_from_the_file_or_the_option(g, runner, tmp_path):
    """The question the answers reply to is read where the file gives it (a column named by a sentence,
    the question row of a Qualtrics export) or from --question; a shrug that only repeats its words is
    then set apart as a non-answer."""
    rows = g.CHILDCARE + g.TRANSPORT + ["I don't know anything about online proctoring"]
    result, out = _run(runner, tmp_path, _csv(rows), "--text-column", "What makes it hard?")
    payload = json.loads(out.read_text())
    assert result.exit_code == 0, result.output
    assert payload["parameters"]["question"] == "What makes it hard?"
    assert payload["assignments"][-1]["reason"] != "non_answer"  # proctoring is its own subject here

    asked = "What do you think of online proctoring?"
    result, out = _run(runner, tmp_path, _csv(rows), "--text-column", "What makes it hard?", "--question", asked)
    payload = json.loads(out.read_text())
    assert payload["parameters"]["question"] == asked
    assert payload["assignments"][-1]["reason"] == "non_answer"

    lines = ["ResponseId,Q1", f"Response ID,{asked}", 'ImportId,"{""ImportId"":""QID1_TEXT""}"']
    lines += [f'R_{i},"{t}"' for i, t in enumerate(rows)]
    result, out = _run(runner, tmp_path, "\n".join(lines) + "\n", "--text-column", "Q1")
    payload = json.loads(out.read_text())
    assert payload["parameters"]["question"] == asked
    assert payload["assignments"][-1]["reason"] == "non_answer"
