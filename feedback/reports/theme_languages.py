"""A theme in the reader's language: which languages its answers are in (printed protected), its name
(the one staff gave for that language, else the engine's from the answers in it where they speak for
it), its quotes, and which answers sentiment covers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from analysis.engine import MIN_REPORT_LANGUAGE_ANSWERS
from analysis.language import LANGUAGE_NAMES as ENGINE_LANGUAGE_NAMES
from analysis.language import language_code
from surveys.models import Survey

from ..models import Theme, ThemeRun
from .breakdowns import LANGUAGE_NAMES, language_label


@dataclass(frozen=True)
class LanguageShares:
    """Which languages a theme's answers are written in, as a report may print it.

    ``named``: the languages printed by name, most answers first, each with its share of the theme's
    answers (``None``: its share is not printed). ``other``: some answers are in languages not named,
    counted together; ``other_share`` is their share, ``None`` when it is not printed. A theme of one
    language has that language alone in ``named``, with no share ("all in English").
    """

    named: list[tuple[str, float | None]]
    other: bool = False
    other_share: float | None = None

    def text(self) -> str:
        """The line in the reader's language: "English 62%, Spanish 30%, other languages 8%"."""
        if len(self.named) == 1 and not self.other:
            return _("all in %(language)s", language=_language_name(self.named[0][0], heading=False))
        if not self.named:
            return _("several languages, none with enough answers to show")
        parts = [_language_name(code) if share is None else
                 _("%(language)s %(percent)s", language=_language_name(code), percent=_percent(share))
                 for code, share in self.named]
        if self.other:
            parts.append(_("other languages") if self.other_share is None else
                         _("other languages %(percent)s", percent=_percent(self.other_share)))
        return ", ".join(parts)


def _language_name(code: str, *, heading: bool = True) -> str:
    return language_label(LANGUAGE_NAMES.get(code, code), heading=heading)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def protected_language_shares(languages: dict[str, int], threshold: int) -> LanguageShares | None:
    """A theme's languages (answers per language) as a report may print them beside its size.

    A share beside a printed size is a count, so a language is named with its share only when it has at
    least ``threshold`` answers; the others are counted together as "other languages". That group is the
    size less the named languages, so it is printed (or left to subtraction) only when it holds at least
    ``threshold`` answers too: while it holds fewer, the smallest named language joins it (a single small
    language is never the whole of it). When every language ends up there, the languages with enough
    answers are named without a share. ``None`` for a theme with no answers counted by language.
    """
    counts = {code: int(n) for code, n in languages.items() if n and int(n) > 0}
    total = sum(counts.values())
    if not total:
        return None
    if len(counts) == 1:
        return LanguageShares([(next(iter(counts)), None)])
    by_size = sorted(counts, key=lambda code: (-counts[code], code))
    named = [code for code in by_size if counts[code] >= threshold]
    folded = sum(counts[code] for code in by_size if code not in named)
    while named and 0 < folded < threshold:
        folded += counts[named.pop()]
    if not named:  # no share can be printed: say which languages hold many answers, with no number
        return LanguageShares([(code, None) for code in by_size if counts[code] >= threshold], other=True)
    return LanguageShares([(code, counts[code] / total) for code in named], other=folded > 0,
                          other_share=folded / total if folded else None)


def sentiment_coverage(parameters: dict[str, Any] | None, threshold: int, answered: int | None) -> str:
    """Which answers sentiment is read for, from a run's ``parameters["sentiment"]`` (a dict since the
    engine read six languages; a string or nothing on older runs, which scored English answers only).

    The number of answers not scored is printed only when it is at least ``threshold``, the scored
    answers it leaves of the printed ``answered`` are none or at least ``threshold``, and so are the
    answers of the languages it does not name; a language is named only when at least ``threshold`` of
    its answers were not scored.
    """
    coverage = (parameters or {}).get("sentiment")
    scored = coverage.get("languages") if isinstance(coverage, dict) else None
    scored = [code for code in scored if isinstance(code, str)] if isinstance(scored, list) else ["en"]
    read = _joined([_language_name(code, heading=False) for code in scored] or [_language_name("en", heading=False)])
    if not isinstance(coverage, dict):
        return _("Sentiment is read for %(languages)s answers only; answers in other languages are not scored.",
                 languages=read)
    unscored = {str(code): int(n) for code, n in (coverage.get("unscored_languages") or {}).items() if int(n) > 0}
    total = sum(unscored.values())
    if not total:
        return _("Sentiment is read for %(languages)s answers only; every answer here was scored.", languages=read)
    named = [_language_name(code, heading=False) for code in sorted(unscored, key=lambda c: (-unscored[c], c))
             if unscored[code] >= threshold]
    if len(named) < len(unscored):
        named.append(_("other languages"))
    where = _joined(named)
    left = None if answered is None else answered - total
    # The total less the named languages is what "other languages" holds: a theme's language line may
    # print a named language's count, so that remainder must not be small either.
    unnamed = sum(n for n in unscored.values() if n < threshold)
    if total >= threshold and (left is None or left <= 0 or left >= threshold) and (
            unnamed == 0 or unnamed >= threshold):
        return _("Sentiment is read for %(languages)s answers only; %(count)s answers in %(where)s are not scored.",
                 languages=read, count=total, where=where)
    return _("Sentiment is read for %(languages)s answers only; answers in %(where)s are not scored.",
             languages=read, where=where)


def _joined(names: list[str]) -> str:
    """Names as a sentence lists them: "Spanish, Vietnamese and other languages"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s", names=", ".join(names[:-1]), last=names[-1])


def reader_language() -> str:
    """The language the page is read in, as the engine names languages (``es``, ``zh-Hans``)."""
    locale = get_locale()
    return "en" if locale is None else language_code(str(locale))


def main_language(run: ThemeRun) -> str:
    """The language the engine named the run's themes in (``label`` until staff rename a theme)."""
    return (run.parameters or {}).get("report_language") or "en"


STAFF_NAME_LANGUAGE = "en"
"""The language of the name staff give a theme (``label``): what the public page marks it as
(:func:`feedback.queries.public.public_label`)."""


def name_languages(survey: Survey) -> list[str]:
    """The languages staff may name a theme in beside its name: the survey's, but the staff name's own."""
    return [code for code in survey.languages if language_code(code) != STAFF_NAME_LANGUAGE]


def staff_name(theme: Theme, reader: str) -> str | None:
    """The name staff gave ``theme`` for readers of ``reader``'s language (kept on its lineage, so
    every run and wave of the theme has it), or ``None``."""
    translations = theme.lineage_row.translations if theme.lineage_row is not None else {}
    wanted = language_code(reader)
    return next((name for code, name in (translations or {}).items() if language_code(code) == wanted and name),
                None)


def own_name(theme: Theme, reader: str) -> str | None:
    """The engine's name for ``theme`` from its answers in ``reader``'s language, when that name speaks
    for the theme: staff have not renamed it, and at least half its answers are in that language (a name
    from 10 Spanish answers of 44 named "Hospital paid" said "Hospital queda muy lejos"), and they are
    at least the partnership's small-group threshold."""
    own = (theme.labels or {}).get(reader)
    counts = theme.languages or {}
    if not own or theme.label != theme.engine_label or 2 * counts.get(reader, 0) < sum(counts.values()):
        return None
    if counts.get(reader, 0) < theme.run.survey.partnership.small_cell_threshold:
        return None  # words lifted from a few answers would be printed where nobody reviewed them
    return own


_NAMED_LANGUAGE = {name: code for code, name in ENGINE_LANGUAGE_NAMES.items()}
_LANGUAGE_NOTE = re.compile(r"(.+) \((?:gloss: [^()]*|in (" + "|".join(map(re.escape, _NAMED_LANGUAGE)) + r"))\)")


def without_language_note(label: str) -> tuple[str, str | None]:
    """An engine name written for English readers without its note, and the language it is in:
    "Citas médicas (gloss: appointment, doctor)" is ("Citas médicas", "es"), "Nhà trẻ (in Vietnamese)"
    ("Nhà trẻ", "vi"); a name without a note is itself, language unknown (``None``)."""
    noted = _LANGUAGE_NOTE.fullmatch(label)
    if noted is None:
        return label, None
    return noted.group(1), _NAMED_LANGUAGE.get(noted.group(2) or "", "es")  # a gloss is for Spanish


def label_for_reader(theme: Theme, reader: str, main: str) -> tuple[str, str | None]:
    """The name a reader of ``reader`` sees, with its language (``None``: staff wrote it, language
    unknown): the engine's name from the theme's answers in the reader's language where it speaks for
    the theme (:func:`own_name`), else the name staff read; a reader of another language than English
    reads an engine name without the note English readers get ("(gloss: …)", "(in Vietnamese)")."""
    own = own_name(theme, reader)
    if own:
        return own, reader
    if theme.other and theme.label == theme.engine_label:
        return _("Other answers"), reader
    if reader != "en" and theme.label == theme.engine_label:
        bare, language = without_language_note(theme.label)
        if language is not None:
            return bare, language
    return theme.label, main if theme.label == theme.engine_label else None


def quotes_for_reader(theme: Theme, reader: str, main: str) -> tuple[list[str], str | None]:
    """The quotes a reader of ``reader`` sees, with their language: those from the theme's answers in the
    reader's language when it holds enough of them, else the engine's (from the main language's answers
    when the theme has enough of them, else from its most common language's, as the engine chose)."""
    own = (theme.language_quotes or {}).get(reader)
    if own:
        return list(own), reader
    counts = theme.languages or {}
    if not counts:
        return list(theme.quotes or []), None
    most = max(counts, key=lambda code: counts[code])
    return list(theme.quotes or []), main if counts.get(main, 0) >= MIN_REPORT_LANGUAGE_ANSWERS else most
