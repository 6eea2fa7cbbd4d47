"""What staff templates share: names instead of codes, and messages placed beside what they are about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from flask import flash, g, get_flashed_messages
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from surveys.definition_types import Audience
from surveys.i18n import ENGLISH_NAMES
from surveys.message import said as said_with
from surveys.models import Question, Survey, SurveyStatus

from .. import reports
from ..interface_language import interface_locale
from ..models import Role, ThemeRun
from ..queries import responses as response_queries
from ..queries import themes as theme_queries
from ..reports.breakdowns import for_reader, hidden_note, language_label, page_cell
from ..reports.theme_languages import label_for_reader, main_language, reader_language
from ..services import surveys as survey_service
from .blueprint import bp

# A protected table cell as the page prints it (the hidden label in the reader's language).
bp.add_app_template_global(page_cell, "page_cell")
@bp.app_template_global()
def theme_label_for_reader(theme) -> tuple[str, str | None]:
    """A theme's name and its language as the report shows them to this page's reader."""
    return label_for_reader(theme, reader_language(), main_language(theme.run))


# Breakdown tables named by the survey's own words in the reader's language (demographic questions, options).
bp.add_app_template_global(for_reader, "reader_tables")


# The footnote under a table that may show a hidden number, in the reader's language.
bp.add_app_template_global(hidden_note, "page_hidden_note")


class ReaderText(NamedTuple):
    """A survey text as a staff page shows it, and the language it is written in (None: no text)."""

    text: str
    language: str | None


@bp.app_template_global()
def survey_text(source: Survey | Question | Mapping[str, str] | None) -> ReaderText:
    """A survey's title, a question's text, or any {language: text}, in the reader's language where the
    survey has it, else English, else its first language: Spanish readers read the survey's Spanish.
    Pipe it through ``with_lang`` in page text; use ``.text`` in attributes and ``<title>``."""
    if isinstance(source, Survey):
        texts, order = source.title or {}, [*source.languages, *(source.title or {})]
    elif isinstance(source, Question):
        texts, order = source.text or {}, list(source.text or {})
    else:
        texts, order = source or {}, list(source or {})
    for language in (interface_locale(), "en", *order):
        if texts.get(language):
            return ReaderText(texts[language], language)
    return ReaderText("", None)


@bp.app_template_filter()
def with_lang(picked: ReaderText) -> Markup:
    """The text, inside ``<span lang="…">`` when it is not in the page's language, so screen readers
    pronounce an English title on a Spanish page as English."""
    if picked.language is None or picked.language == interface_locale():
        return escape(picked.text)
    return Markup('<span lang="{}">{}</span>').format(picked.language, picked.text)


@bp.app_template_filter()
def said(text: str) -> str:
    """A text from ``surveys`` (an import's error, a validator's finding) in the reader's language: a
    :class:`~surveys.message.Message` through the catalogs, its values too; any other text as it is."""
    return said_with(text, gettext, interface_locale())


@bp.app_template_global()
def translated(text: str) -> str:
    """A staff text ``surveys`` marked for the catalogs (``N_``), in the reader's language; "" stays "".
    Not Jinja's ``_``, which would read a "%" in the text as a placeholder."""
    return gettext(text) if text else text


@bp.app_template_global()
def translated_choices(choices: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, label) pairs whose labels ``surveys`` marked for the catalogs, labels in the reader's language."""
    return [(value, translated(label)) for value, label in choices]


ROLE_LABELS = {Role.ADMIN: _l("Admin"), Role.ANALYST: _l("Analyst"), Role.PARTNER: _l("Partner")}

AUDIENCE_NAMES = {
    Audience.EMPLOYER: _l("employer"),
    Audience.CAREER_SEEKER: _l("career seeker"),
    Audience.LEARNER: _l("learner"),
    Audience.INCUMBENT_WORKER: _l("incumbent worker"),
    Audience.COMMUNITY: _l("community"),
}
"""Who a survey is for, as one word in a line of facts ("draft · career seeker · languages: …")."""


@bp.app_template_global()
def staff_role_label(role: Role) -> str:
    """A role as staff read it: "Admin", "Analyst", "Partner"."""
    return str(ROLE_LABELS[role])


@bp.app_template_global()
def survey_status_label(status: SurveyStatus) -> str:
    """A survey's status as staff read it, in their language ("draft", "borrador")."""
    return survey_service.status_label(status)


@bp.app_template_global()
def audience_name(audience: Audience) -> str:
    """Who a survey is for, as staff read it in their language ("career seeker")."""
    return str(AUDIENCE_NAMES[audience])


@bp.app_template_global()
def language_name(code: str | None, *, heading: bool = True) -> str:
    """A response's language as staff read it ("Spanish", or "Español" on Spanish pages; not "es"), as in
    reports; ``heading=False`` inside a sentence ("Nombre en español")."""
    return language_label(ENGLISH_NAMES.get(code or "", code or ""), heading=heading)


@bp.app_template_global()
def source_name(survey: Survey, source: str | None) -> str:
    """A response's source as staff read it: the partner's name, or "Direct link", as in reports."""
    cache = g.setdefault("organization_names", {})
    if survey.partnership_id not in cache:
        cache[survey.partnership_id] = response_queries.organization_names(survey)
    return response_queries.source_name(cache[survey.partnership_id], source)


@bp.app_template_global()
def summary_kind(question: Question) -> str | None:
    """How reports summarise a question: "text" (themes), "choice", "scale", "number", or None."""
    return reports.summary_kind(question)


@bp.app_template_global()
def run_state(run: ThemeRun) -> theme_queries.RunState:
    """How a theme run is doing, as pages show it (a run whose worker vanished reads as failed)."""
    return theme_queries.run_state(run)


def flash_at(message: str, anchor: str | None, category: str = "message") -> None:
    """A message shown beside the part of the page a redirect returns to (``#anchor``)."""
    flash(message, f"{category}@{anchor}" if anchor else category)


@bp.app_template_global()
def staff_flashes(anchor: str | None = None, placed: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(kind, message) of this request's messages: those for ``anchor``, or with no anchor, those that
    belong at the top of the page (every message not meant for one of the ``placed`` anchors)."""
    shown = []
    for category, message in get_flashed_messages(with_categories=True):
        kind, _, target = category.partition("@")
        if (target == anchor) if anchor else (not target or target not in set(placed)):
            shown.append((kind, message))
    return shown
