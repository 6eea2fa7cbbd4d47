"""``chorus code-occupations``: a CSV of job titles comes back with SOC codes, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from feedback.commands.occupations import code_occupations_command


def _write(path, text: str, encoding: str = "utf-8") -> None:
    path.write_text(text, encoding=encoding)


def _rows(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


@pytest.fixture
def titles_csv(tmp_path):
    src = tmp_path / "openings.csv"
    _write(
        src,
        "employer;Job title;openings\n"
        "Mercy;CNA - Nights;12\n"
        "Mercy;auxiliar de enfermería;3\n"
        "Clinic;;1\n"
        "Clinic;asdfgh qwerty;1\n"
        'Clinic;"=HYPERLINK(""http://x"")";1\n',
    )
    return src


def test_registered_as_a_chorus_command_and_writes_the_rows_with_codes(runner, titles_csv, tmp_path):
    out = tmp_path / "coded.csv"
    result = runner.invoke(
        args=["code-occupations", str(titles_csv), "--text-column", "Job title", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Coded 4 of 5 rows" in result.output and "(1 had no job title)" in result.output
    assert "2 need review" in result.output
    assert f"Wrote {out}" in result.output and "O*NET 27.0" in result.output

    rows = _rows(out)
    assert list(rows[0]) == [
        "employer",
        "Job title",
        "openings",
        "soc_code",
        "soc_title",
        "score",
        "needs_review",
    ]
    assert [r["employer"] for r in rows] == ["Mercy", "Mercy", "Clinic", "Clinic", "Clinic"]
    assert [r["soc_code"] for r in rows[:3]] == ["31-1131", "31-1131", ""]
    assert rows[0]["soc_title"] == "Nursing Assistants" and float(rows[0]["score"]) == 1.0
    assert [r["needs_review"] for r in rows] == ["FALSE", "FALSE", "FALSE", "TRUE", "TRUE"]
    # A title that looks like a formula is kept as text, not run by the spreadsheet.
    assert rows[4]["Job title"] == '\'=HYPERLINK("http://x")'


def test_default_output_sits_next_to_the_input_and_old_codes_are_replaced(tmp_path):
    src = tmp_path / "titles.csv"
    _write(src, "title,soc_code\nRN - ICU,99-9999\nPhlebotomest,\n")
    result = CliRunner().invoke(code_occupations_command, [str(src), "--text-column", "TITLE"])
    assert result.exit_code == 0, result.output
    assert "Replaced the existing column(s) soc_code" in result.output
    rows = _rows(tmp_path / "titles-coded.csv")
    assert list(rows[0]) == ["title", "soc_code", "soc_title", "score", "needs_review"]
    assert [r["soc_code"] for r in rows] == ["29-1141", "31-9097"]


def test_missing_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        code_occupations_command, [str(tmp_path / "nope.csv"), "--text-column", "title"]
    )
    assert result.exit_code == 1
    assert "Cannot find the file" in result.output


def test_missing_column_names_the_columns_there_are(titles_csv, tmp_path):
    out = tmp_path / "coded.csv"
    result = CliRunner().invoke(
        code_occupations_command, [str(titles_csv), "--text-column", "job", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "There is no column 'job'" in result.output and "'Job title'" in result.output
    assert not out.exists()


def test_text_column_is_required():
    result = CliRunner().invoke(code_occupations_command, ["titles.csv"])
    assert result.exit_code == 2
    assert "--text-column" in result.output
