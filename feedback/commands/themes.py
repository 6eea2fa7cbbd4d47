"""``chorus themes``: find the themes in a CSV of open-ended answers, from the terminal.

Staff and analysts often hold answers exported from another tool (Kobo, Qualtrics, Google Forms, a
spreadsheet) before they ever use the web app. This command reads such a file, runs the theme engine
offline, prints a table a person can read, and writes the full result as JSON. It needs no Flask app
context, so it also runs where no database is configured.

With ``--codebook codes.csv`` (columns name, description, optional examples) the answers are coded
against the themes the researcher expects instead (:mod:`analysis.coding`): each answer gets its
best-fitting code with a reason, and answers that fit none are proposed as new themes.
"""

from __future__ import annotations

import json
import shutil
import textwrap
import time
from pathlib import Path

import click

from analysis.language import SUPPORTED_LANGUAGES

__all__ = ["themes_command"]


def _progress(started: float):
    def say(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.1f}s] {message}…", err=True)

    return say


def _sentiment_text(sentiment: dict, size: int) -> str:
    """Mean VADER score and share negative; when most of the theme is in other languages (not scored),
    how few answers the mean rests on instead, so "+0.00" over six English answers does not pass for
    neutral."""
    if sentiment.get("mean") is None:
        return "n/a (not English)"
    scored = sentiment.get("n_scored", size)
    if 2 * scored < size:
        return f"{sentiment['mean']:+.2f} ({scored:,} scored)"
    return f"{sentiment['mean']:+.2f} ({100 * sentiment['share_negative']:.0f}% neg)"


def _table(themes) -> str:
    width = max(80, min(shutil.get_terminal_size((120, 20)).columns, 160))
    label_w = 34
    fixed = 4 + label_w + 7 + 7 + 16 + 5
    quote_w = max(20, width - fixed)
    lines = [f"{'#':>3}  {'Theme':<{label_w}} {'Size':>6} {'Share':>6}  {'Sentiment':<15} Quote", "-" * width]
    for theme in themes:
        quote = theme.quotes[0] if theme.quotes else ""
        quote = textwrap.shorten(f"“{quote}”", width=quote_w, placeholder="…”") if quote else ""
        label = textwrap.shorten(theme.label, width=label_w, placeholder="…")
        lines.append(
            f"{theme.id:>3}  {label:<{label_w}} {theme.size:>6,} {100 * theme.share:>5.1f}%  "
            f"{_sentiment_text(theme.sentiment, theme.size):<15} {quote}"
        )
    return "\n".join(lines)


def _asked(answers, text_column: str) -> str | None:
    """The question a file's answers reply to, where the file says it: a Qualtrics export repeats it in
    its first row; otherwise a column named by a sentence ("What makes it hard?") is the question."""
    if 0 in answers.excluded_rows and len(answers.frame):
        return str(answers.frame[text_column].iloc[0])
    return text_column if len(text_column.split()) >= 3 else None


@click.command("themes")
@click.argument("input_csv", metavar="INPUT.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text-column", required=True, help="Name of the column holding the open-ended answers.")
@click.option(
    "--k", "k", type=click.IntRange(min=1), default=None, help="Force this many themes (default: choose)."
)
@click.option(
    "--lang",
    type=click.Choice(["auto", *SUPPORTED_LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the answers; auto detects each answer's language among the surveys' six "
    f"({', '.join(SUPPORTED_LANGUAGES)}).",
)
@click.option(
    "--representation",
    type=click.Choice(["auto", "embeddings", "tfidf"]),
    default="auto",
    show_default=True,
    help="How answers are compared: sentence embeddings, TF-IDF/LSA word counts, or auto (embeddings when "
    "installed and fast enough).",
)
@click.option(
    "--codebook",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A CSV of the themes you expect (columns name, description, optional examples separated by '|'): "
    "answers are coded against it, and those that fit no code are proposed as new themes.",
)
@click.option(
    "--question",
    default=None,
    help="The question the answers reply to (default: the text column's name when it reads as a question, or "
    "the question row of a Qualtrics export): its words alone never name a theme, and a shrug that only "
    "repeats them is set apart.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed, so reruns give the same themes.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the full result (themes, one assignment per row, parameters) as JSON here.",
)
def themes_command(
    input_csv: Path,
    text_column: str,
    k: int | None,
    lang: str,
    representation: str,
    codebook: Path | None,
    question: str | None,
    seed: int,
    out: Path | None,
) -> None:
    """Find, label, quote and score the themes in INPUT.csv's open-ended answers, offline.

    Reads any UTF-8 CSV (comma, semicolon or tab separated; exports from Kobo, Qualtrics or Google Forms),
    prints one line per theme (label, size, share, sentiment, a quote with personal details redacted)
    and, with --out, writes JSON in which every data row of the file appears exactly once. With --codebook,
    codes each answer against the themes you expect and proposes new themes for answers that fit none.
    """
    from analysis import AnswersFileError, find_themes, read_answers_csv

    if codebook is not None and k is not None:
        raise click.UsageError("--k chooses how many themes to find; with --codebook the codes are the themes "
                               "(and new ones are proposed as needed). Give one or the other.")
    started = time.perf_counter()
    say = _progress(started)
    codes = _read_codebook(codebook) if codebook is not None else None
    try:
        answers = read_answers_csv(input_csv, text_column)
    except AnswersFileError as exc:
        raise click.ClickException(str(exc)) from None
    say(f"Read {len(answers.frame):,} rows from {input_csv.name}")
    if codes is not None:
        _code_against_codebook(answers, text_column, codes, codebook, lang, representation, seed, out, input_csv,
                               started, say)
        return
    result = find_themes(answers.frame, text_column, answers.excluded_rows, k=k, language=lang,
                         representation=representation, random_state=seed, progress=say,
                         question=question or _asked(answers, text_column))

    p = result.parameters
    non = sum(p["non_answers"].values())
    click.echo()
    click.echo(
        f"{p['n_themes']} themes in {p['n_answers']:,} answers ({p['n_rows']:,} rows; {non:,} non-answers set "
        f"apart) using {p['representation']} ({p['representation_reason']}) in {time.perf_counter() - started:.1f}s"
    )
    click.echo(f"Number of themes: {p['k_choice']}.")
    click.echo(_table(result.themes))
    _echo_sentiment_note(result)
    if out is not None:
        _write(out, result.to_dict(), input_csv)


def _echo_sentiment_note(result) -> None:
    """Say which answers sentiment was read for, from the engine's own note (a result without one, such
    as a codebook's, scores English answers only as well)."""
    coverage = result.parameters.get("sentiment")
    if isinstance(coverage, dict) and coverage.get("note"):
        click.echo(f"{coverage['note']}.")
    elif any(lang != "en" for t in result.themes for lang, n in (t.languages or {}).items() if n):
        click.echo("Sentiment is VADER, English answers only: answers in other languages are not scored.")


def _write(out: Path, payload: dict, input_csv: Path) -> None:
    payload["parameters"]["input"] = str(input_csv)
    try:
        out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"Cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {out}")


def _read_codebook(path: Path):
    """The codebook's codes, or a message naming the row and what to fix (before the answers are read)."""
    from analysis.coding import CodebookError, read_codebook

    try:
        return read_codebook(path)
    except CodebookError as exc:
        raise click.ClickException(str(exc)) from None


def _code_against_codebook(answers, text_column: str, codes, codebook: Path, lang: str, representation: str,
                           seed: int, out: Path | None, input_csv: Path, started: float, say) -> None:
    """Code the answers against the codebook and print the codes, then the proposed new themes."""
    from analysis.coding import code_answers

    try:
        coded = code_answers(answers.frame[text_column], codes, excluded_rows=answers.excluded_rows,
                             representation=representation, random_state=seed, progress=say, language=lang)
    except ValueError as exc:  # embeddings asked for where none is installed
        raise click.ClickException(str(exc)) from None
    result, p = coded.result, coded.result.parameters
    non = sum(p["non_answers"].values())
    click.echo()
    click.echo(
        f"{p['n_answers']:,} answers ({p['n_rows']:,} rows; {non:,} non-answers set apart) coded against "
        f"{p['n_codes']} code{'' if p['n_codes'] == 1 else 's'} from {codebook.name} using {p['representation']} in "
        f"{time.perf_counter() - started:.1f}s: {p['fit_a_code']:,} fit a code ({p['with_second_code']:,} also a "
        f"second), {p['fit_no_code']:,} fit none."
    )
    click.echo("Codebook themes:")
    click.echo(_table([t for t in result.themes if t.id in coded.codes]))
    proposed = [t for t in result.themes if t.id in coded.new]
    other = [t for t in result.themes if t.id not in coded.codes and t.id not in coded.new]
    if proposed or other:
        click.echo()
        click.echo("Proposed new themes (answers that fit no code):" if proposed else
                   "Answers that fit no code (too few to propose themes):")
        click.echo(_table(proposed + other))
    _echo_sentiment_note(result)
    if out is not None:
        _write(out, coded.to_dict(), input_csv)
