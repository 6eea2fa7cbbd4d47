"""The builder's pages and questions: a page added, renamed, moved or removed; a question added, edited
(words, settings, answer choices), moved or removed, and when it is shown. Each view names the part it
changes and hands the change to :func:`.builder.save_change`, which saves it or shows the form again."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from surveys import builder
from surveys.services import definition_of

from ..access import SurveyAccess
from .blueprint import bp
from .builder import (
    Posted,
    direction_offset,
    manage,
    question_key,
    said,
    save_change,
    section_key,
    survey_languages,
)
from .forms import ActionForm

# -- pages ---------------------------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/pages")
def builder_add_page(slug: str) -> ResponseReturnValue:
    """A new page at the end, with its first question."""
    grant = manage(slug)
    languages = survey_languages(grant)

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new, key = builder.add_section(data, title=builder.texts_from_form(request.form, "title", languages) or {},
                                       question=builder.new_question_from_form(request.form, languages))
        return new, f"page-{key}"

    return save_change(grant, "add-page", change, _("Page added."))


@bp.post("/surveys/<slug>/builder/pages/<int:number>")
def builder_rename_page(slug: str, number: int) -> ResponseReturnValue:
    """A page's title."""
    grant = manage(slug)
    key = section_key(grant, number)
    title = builder.texts_from_form(request.form, "title", survey_languages(grant))
    return save_change(grant, f"page-{key}", lambda data: (builder.rename_section(data, key, title), f"page-{key}"))


@bp.post("/surveys/<slug>/builder/pages/<int:number>/move")
def builder_move_page(slug: str, number: int) -> ResponseReturnValue:
    """A page one place earlier or later."""
    grant = manage(slug)
    key = section_key(grant, number)
    offset = direction_offset()
    return save_change(grant, f"page-{key}",
                   lambda data: (builder.move_section(data, key, offset), f"page-{key}"), _("Page moved."))


@bp.route("/surveys/<slug>/builder/pages/<int:number>/remove", methods=["GET", "POST"])
def builder_remove_page(slug: str, number: int) -> ResponseReturnValue:
    """Remove a page and its questions, after asking."""
    grant = manage(slug)
    key = section_key(grant, number)
    if request.method == "GET":
        data = definition_of(grant.survey).to_dict()
        section = next(s for s in data["sections"] if s["key"] == key)
        return render_template("staff/builder_remove.html", survey=grant.survey, data=data, number=number,
                               section=section, question=None, form=ActionForm())
    return save_change(grant, f"page-{key}", lambda data: (builder.remove_section(data, key), "survey"),
                   _("Page %(number)s removed.", number=number))


@bp.post("/surveys/<slug>/builder/pages/<int:number>/questions")
def builder_add_question(slug: str, number: int) -> ResponseReturnValue:
    """A new question at the end of a page."""
    grant = manage(slug)
    key = section_key(grant, number)
    new_question = builder.new_question_from_form(request.form, survey_languages(grant))

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        new, added = builder.add_question(data, key, new_question)
        return new, f"q-{added}"

    return save_change(grant, f"add-{key}", change, _("Question added."))


# -- questions -----------------------------------------------------------------------------------------------

@bp.post("/surveys/<slug>/builder/questions/<key>")
def builder_question(slug: str, key: str) -> ResponseReturnValue:
    """A question's words, settings, answer choices and display condition, with the button pressed."""
    grant = manage(slug)
    key = question_key(grant, key)
    return save_change(grant, f"q-{key}", lambda data: builder.apply_question_form(data, key, request.form))


def _render_condition(grant: SurveyAccess, data: dict[str, Any], posted: Posted, status: int = 200,
                      key: str = "") -> ResponseReturnValue:
    key = key or posted.form.removeprefix("q-")
    numbers = {q["key"]: n for n, q in enumerate(
        (q for section in data["sections"] for q in section["questions"]), start=1)}
    return render_template(
        "staff/builder_condition.html", survey=grant.survey, data=data, posted=posted,
        question=builder.find_question(data, key)[2], number=numbers[key], numbers=numbers,
        targets=builder.condition_targets(data, key), current=said(builder.describe_condition(data, key)),
        language=(data.get("languages") or ["en"])[0], form=ActionForm(),
    ), status


@bp.route("/surveys/<slug>/builder/questions/<key>/condition", methods=["GET", "POST"])
def builder_condition(slug: str, key: str) -> ResponseReturnValue:
    """When a question is shown: always, or only after certain answers to an earlier question."""
    grant = manage(slug)
    key = question_key(grant, key)
    if request.method == "GET":
        return _render_condition(grant, definition_of(grant.survey).to_dict(), Posted(), key=key)
    return save_change(grant, f"q-{key}",
                   lambda data: (builder.apply_condition_form(data, key, request.form), f"q-{key}"),
                   _("Saved when the question is shown."), page=_render_condition)


@bp.post("/surveys/<slug>/builder/questions/<key>/move")
def builder_move_question(slug: str, key: str) -> ResponseReturnValue:
    """A question one place up or down (across pages at a page's edge)."""
    grant = manage(slug)
    key = question_key(grant, key)
    offset = direction_offset()
    return save_change(grant, f"q-{key}", lambda data: (builder.move_question(data, key, offset), f"q-{key}"),
                   _("Question moved."))


@bp.route("/surveys/<slug>/builder/questions/<key>/remove", methods=["GET", "POST"])
def builder_remove_question(slug: str, key: str) -> ResponseReturnValue:
    """Remove a question, after asking."""
    grant = manage(slug)
    key = question_key(grant, key)
    data = definition_of(grant.survey).to_dict()
    s_index, _position, question = builder.find_question(data, key)
    if request.method == "GET":
        return render_template("staff/builder_remove.html", survey=grant.survey, data=data, number=s_index + 1,
                               section=data["sections"][s_index], question=question, form=ActionForm())
    return save_change(grant, f"q-{key}",
                   lambda data: (builder.remove_question(data, key), f"page-{data['sections'][s_index]['key']}"),
                   _("Question removed."))
