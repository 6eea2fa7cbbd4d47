"""Respondent pages: start (with the privacy notice), one page per section, save and resume,
thank-you, and the QR codes staff print.

Views stay thin: load the survey or show a friendly page, build the page's form, validate through
``surveys.responses`` (the API's path too), call one service, commit once, redirect.

A person's progress is an incomplete :class:`~surveys.models.Response` in the database, found
through the session (``session["responses"][slug]``) or a resume code, so nothing is lost when a
phone drops its connection, and the final submission only flips the response to complete: sending it
twice stores it once.

Phones and library computers are shared, so the session holds on to a response only as long as its
person plausibly still is there: a response never saved is forgotten after ``RESPONDENT_IDLE_MINUTES``
without a request, only a response saved on purpose is offered again by "Continue", and contact details
are not shown back once a response has been opened again (with "Continue" or a resume code).

A language chosen with ``?lang=`` is kept in the session and the page is shown again at its address
without ``?lang=``, so addresses stay clean to copy and share.
"""

from __future__ import annotations

import io
import re
import time
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

import segno
from flask import (
    Response as FlaskResponse,
)
from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from werkzeug.routing import BuildError
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import HiddenField, StringField

from surveys.definition import QuestionDefinition, SectionDefinition, SurveyDefinition
from surveys.forms import PageForm, attach_errors, make_page_form, raw_answers
from surveys.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES
from surveys.models import Partnership, Response, Survey, SurveyStatus
from surveys.question_types import AnswerError, field_name, get_type
from surveys.responses import (
    clean_answers,
    complete_response,
    find_resumable,
    format_resume_code,
    issue_resume_code,
    load_answers,
    missing_required,
    page_count,
    resume_code_was_sent,
    save_answers,
    start_response,
    visible_questions,
    visible_sections,
)
from surveys.services import definition_of

from ..extensions import db, limiter
from .blueprint import bp
from .strings import text

SOURCE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ACTIONS = {"next", "back", "save", "submit"}

# Session keys. "lang" is the last language chosen on purpose; "lang_pick" the same choice until a
# response takes it on (it outranks the language a response was answered in, as ``?lang=`` did).
LANGUAGE = "lang"
PICKED_LANGUAGE = "lang_pick"
SEEN = "seen"  # {slug: unix time of the last request about the response in progress}
CONTINUED = "continued"  # public ids of responses opened again with "Continue" or a resume code
EXPIRED = "expired"  # the slug whose unsaved response was just forgotten, for the start page to say so


def submit_limit() -> str:
    """The configured submission rate limit (a kiosk shares one address, so staff can raise it)."""
    return current_app.config.get("RATELIMIT_SUBMIT", "30 per minute")


def _not_a_submission() -> bool:
    # Moving between pages is free; sending a survey (or starting/resuming one) counts.
    return request.endpoint == "respondent.page" and request.form.get("action") != "submit"


# One budget per address shared by starting, resuming and sending, so no single form can be hammered.
rate_limited = limiter.shared_limit(submit_limit, scope="respondent-submit", methods=["POST"],
                                    exempt_when=_not_a_submission)


class StartForm(FlaskForm):
    """The start button (with the partner tag the link carried)."""

    src = HiddenField()


class ResumeForm(FlaskForm):
    code = StringField()


@bp.app_context_processor
def template_helpers() -> dict[str, Any]:
    """Words and small helpers for every page (error pages included), in the page's language."""
    language = getattr(g, "lang", None) or _page_language()
    return {
        "t": lambda key, **params: text(language, key, **params),
        "lang": language,
        "field_name": field_name,
        "first_input_id": first_input_id,
        "rating_label": lambda question, end: get_type("rating").end_label(question, end, language),
        "language_choices": lambda codes=None: [(code, LANGUAGE_NAMES.get(code, code))
                                                for code in (codes or SUPPORTED_LANGUAGES)],
        "switch_language_url": switch_language_url,
        "error_title": lambda error: _error_text(language, error, "title"),
        "error_message": lambda error: _error_text(language, error, "body"),
    }


def _page_language() -> str:
    """For pages outside a survey (errors): ``?lang=``, the session's, the browser's, else English."""
    if not request:
        return "en"
    for candidate in (request.args.get("lang"), session.get(PICKED_LANGUAGE), session.get(LANGUAGE)):
        if candidate in SUPPORTED_LANGUAGES:
            return candidate
    return request.accept_languages.best_match(SUPPORTED_LANGUAGES) or "en"


def _error_text(language: str, error: Any, part: str) -> str:
    code = getattr(error, "code", 500)
    return text(language, f"error_{code if code in (400, 404, 429) else 'other'}_{part}")


def first_input_id(question: QuestionDefinition) -> str:
    """Where an error-summary link should land: the first input of the question."""
    if question.type in ("single_choice", "multiple_choice", "agreement", "rating"):
        return field_name(question) + "-1"
    return field_name(question)


def switch_language_url(code: str) -> str:
    """This page's address in another language (query arguments such as ``src`` kept)."""
    args = {**request.args.to_dict(), "lang": code}
    if request.endpoint and request.url_rule and "GET" in (request.url_rule.methods or ()):
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    return "?" + urlencode(args)


# --- helpers -----------------------------------------------------------------------------------

def clean_source(value: str | None) -> str | None:
    """A partner tag from ``?src=``, kept only when it looks like an organization slug."""
    value = (value or "").strip().lower()
    return value if SOURCE_PATTERN.match(value) else None


def choose_language(survey: Survey | None, response: Response | None = None) -> str:
    """The page's language, if the survey offers it: ``?lang=`` (a form post), else a language just
    chosen on purpose, the response's, the one chosen earlier, the browser's, the survey's first."""
    offered = list(survey.languages) if survey else list(SUPPORTED_LANGUAGES)
    for candidate in (request.args.get("lang"), session.get(PICKED_LANGUAGE),
                      response.language if response else None, session.get(LANGUAGE)):
        if candidate in offered:
            language = candidate
            break
    else:
        language = request.accept_languages.best_match(offered) or offered[0]
    if request.args.get("lang") in offered:
        session[LANGUAGE] = session[PICKED_LANGUAGE] = language
    g.lang = language
    return language


def language_taken_on() -> None:
    """A response now carries the chosen language, so the response's language leads from here on."""
    session.pop(PICKED_LANGUAGE, None)


def find_survey(slug: str) -> Survey | None:
    return db.session.scalar(db.select(Survey).where(Survey.slug == slug))


def unavailable(survey: Survey | None) -> tuple[str, int] | None:
    """The friendly page for an unknown or not-open survey, or ``None`` when it takes answers."""
    if survey is None:
        choose_language(None)
        return render_template("respondent/unknown.html"), 404
    if survey.status is not SurveyStatus.OPEN:
        choose_language(survey)
        return render_template("respondent/closed.html", survey=survey), 200
    return None


def idle_minutes() -> float:
    """How long an unsaved, unfinished response stays with this browser without a request."""
    return float(current_app.config.get("RESPONDENT_IDLE_MINUTES", 20))


def current_response(survey: Survey) -> Response | None:
    """The response this browser is working on for ``survey``.

    A response that was neither sent nor saved is forgotten once nobody has touched it for
    :func:`idle_minutes`: on a shared device the next person must not find it (the answers stay in the
    database as an unfinished response, as when anyone walks away).
    """
    public_id = session.get("responses", {}).get(survey.slug)
    if not public_id:
        return None
    response = db.session.scalar(db.select(Response).where(Response.public_id == public_id,
                                                           Response.survey_id == survey.id))
    if response is not None and not response.complete and not response.resume_code:
        seen = session.get(SEEN, {}).get(survey.slug)
        if seen is None or time.time() - seen > idle_minutes() * 60:
            remember(survey, None)
            session[EXPIRED] = survey.slug
            return None
    return response


def saved_response(survey: Survey) -> Response | None:
    """The unfinished response of this browser that its person saved on purpose: the only one a
    "Continue" offers (anyone may be the next to use this device)."""
    response = current_response(survey)
    return response if response is not None and not response.complete and response.resume_code else None


def remember(survey: Survey, response: Response | None) -> None:
    """Keep (or drop, with ``None``) the response this browser works on for ``survey``, and note that it
    was touched now."""
    responses = dict(session.get("responses", {}))
    seen = dict(session.get(SEEN, {}))
    if response is None:
        responses.pop(survey.slug, None)
        seen.pop(survey.slug, None)
    else:
        responses[survey.slug] = response.public_id
        seen[survey.slug] = int(time.time())
    session["responses"] = responses
    session[SEEN] = seen


def mark_continued(response: Response) -> None:
    """The response was opened again (maybe by someone else): from now on its contact details are kept
    but not shown."""
    continued = [public_id for public_id in session.get(CONTINUED, []) if public_id != response.public_id]
    session[CONTINUED] = [*continued[-9:], response.public_id]


def is_continued(response: Response) -> bool:
    """Whether this browser opened ``response`` again, so its contact details stay hidden here."""
    return response.public_id in session.get(CONTINUED, [])


def keep_withheld(questions: list[QuestionDefinition], raw: dict[str, Any], stored: dict[str, Any]) -> None:
    """Answers shown blank after "Continue" (contact details) stay as stored when the person leaves
    them blank and keeps the "keep" box ticked (the question's partial draws that box)."""
    for question in questions:
        if stored.get(question.key) is None or not request.form.get(field_name(question, "keep")):
            continue
        question_type = get_type(question.type)
        try:
            blank = question_type.clean(question, raw.get(question.key)) is None
        except AnswerError:
            blank = False  # something was typed: it is checked and shown like any answer
        if blank:
            raw[question.key] = question_type.to_json(question, stored[question.key])


def page_url(survey: Survey, definition: SurveyDefinition, section_key: str, **args: Any) -> str:
    number = [s.key for s in definition.sections].index(section_key) + 1
    return url_for("respondent.page", slug=survey.slug, number=number, **args)


def first_unfinished_page(survey: Survey, definition: SurveyDefinition, values: dict[str, Any],
                          **args: Any) -> str:
    """Where a returning person carries on: the first page with a missing required answer, else the
    first page they have not touched, else the last page (``args`` go in the address)."""
    sections = visible_sections(definition, values)
    missing = missing_required(definition, values)
    if missing:
        return page_url(survey, definition, missing[0].section, **args)
    for section in sections:
        questions = visible_questions(definition, values, section)
        if all(values.get(q.key) is None for q in questions):
            return page_url(survey, definition, section.key, **args)
    return page_url(survey, definition, sections[-1].key, **args)


# --- pages -------------------------------------------------------------------------------------

@bp.after_request
def keep_private(response: WerkzeugResponse) -> WerkzeugResponse:
    """Pages may show a person's answers or resume code: never keep them in a shared cache."""
    if request.endpoint != "respondent.qr_code":
        response.cache_control.private = True
        response.cache_control.no_store = True
    return response


@bp.before_request
def clean_language_address() -> ResponseReturnValue | None:
    """``?lang=`` on a page's address: keep the choice in the session and show the page at its address
    without it, so the address bar, a copied link or a bookmark does not pin the language."""
    if request.method != "GET" or "lang" not in request.args or request.endpoint == "respondent.qr_code":
        return None
    chosen = request.args.get("lang")
    if chosen in SUPPORTED_LANGUAGES:
        session[LANGUAGE] = session[PICKED_LANGUAGE] = chosen
    rest = urlencode([(key, value) for key, value in request.args.items(multi=True) if key != "lang"])
    return redirect(request.script_root + request.path + (f"?{rest}" if rest else ""))


@bp.get("/")
def home() -> ResponseReturnValue:
    """Open surveys by partnership, each saying who it is for, so a person who lands on the bare address
    knows who is asking and which survey is theirs."""
    choose_language(None)
    surveys = db.session.scalars(
        db.select(Survey).join(Survey.partnership).options(contains_eager(Survey.partnership))
        .where(Survey.status == SurveyStatus.OPEN).order_by(Partnership.name, Partnership.id, Survey.id)
    ).all()
    groups = [(partnership, list(items)) for partnership, items in groupby(surveys, lambda s: s.partnership)]
    return render_template("respondent/home.html", groups=groups)


@bp.get("/s/<slug>")
def start(slug: str) -> ResponseReturnValue:
    """The start page: who asks and what for, the privacy notice, and the start button (with
    "Continue" first when this browser holds a response saved for later)."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    in_progress = saved_response(survey)
    expired = session.get(EXPIRED) == slug
    if expired:
        session.pop(EXPIRED)
    language = choose_language(survey, in_progress)
    form = StartForm(formdata=None, src=clean_source(request.args.get("src")) or "")
    return render_template("respondent/start.html", survey=survey, form=form, language=language,
                           in_progress=in_progress, expired=expired, idle_minutes=_minutes(idle_minutes()))


def _minutes(value: float) -> int | float:
    return int(value) if value == int(value) else value


@bp.post("/s/<slug>/start")
@rate_limited
def begin(slug: str) -> ResponseReturnValue:
    """Start a new response and go to its first page (over a saved one only when asked to)."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    language = choose_language(survey)
    form = StartForm()
    if not form.validate():
        abort(400)
    if saved_response(survey) is not None and request.form.get("restart") != "1":
        # "Start now" from an old tab or the back button: carry on rather than silently start afresh.
        return redirect(url_for("respondent.carry_on", slug=slug))
    response = start_response(survey, language=language, source=clean_source(form.src.data))
    db.session.commit()
    remember(survey, response)
    language_taken_on()
    session.pop(EXPIRED, None)  # whatever was forgotten, this person has started afresh
    definition = definition_of(survey)
    return redirect(page_url(survey, definition, visible_sections(definition, {})[0].key))


@bp.route("/s/<slug>/page/<int:number>", methods=["GET", "POST"])
@rate_limited
def page(slug: str, number: int) -> ResponseReturnValue:
    """One section of the survey. POST actions: next, back, save, submit, or ``lang:<code>``."""
    survey = find_survey(slug)
    if (unavailable_page := unavailable(survey)) is not None:
        return unavailable_page
    response = current_response(survey)
    if response is None:
        choose_language(survey)
        return redirect(url_for("respondent.start", slug=slug))
    if response.complete:
        return redirect(url_for("respondent.thanks", slug=slug))
    definition = definition_of(survey)
    if not 1 <= number <= len(definition.sections):
        abort(404)
    remember(survey, response)  # still here: the idle clock starts again
    section = definition.sections[number - 1]
    language = choose_language(survey, response)
    values = load_answers(response, definition)
    questions = visible_questions(definition, values, section)

    if request.method == "GET":
        if not questions:  # hidden by earlier answers: go on to the next page that applies
            return redirect(_neighbour(survey, definition, values, section.key, +1)
                            or url_for("respondent.start", slug=slug))
        form = make_page_form(section, questions, language, values=values)
        return _render_page(survey, definition, section, form, language, values, response)

    action = request.form.get("action", "next")
    form = make_page_form(section, questions, language, formdata=request.form)
    raw = raw_answers(form)
    if is_continued(response):
        keep_withheld(questions, raw, values)
    result = clean_answers(definition, raw, known=values, only=[q.key for q in questions])

    if action.startswith("lang:") and action[5:] in survey.languages:
        # Keep every answer: store what is valid, and show the page again with exactly what was sent.
        language = action[5:]
        session[LANGUAGE] = g.lang = response.language = language
        language_taken_on()
        save_answers(response, definition, result.values)
        db.session.commit()
        form = make_page_form(section, questions, language, formdata=request.form)
        return _render_page(survey, definition, section, form, language, values, response)
    if action not in ACTIONS:
        action = "next"
    response.language = language

    if action in ("back", "save"):
        # Leaving the page keeps whatever is valid; errors are for when the person moves on.
        language_taken_on()
        save_answers(response, definition, result.values)
        if action == "save":
            issue_resume_code(response)
            db.session.commit()
            return redirect(url_for("respondent.saved", slug=slug))
        db.session.commit()
        return redirect(_neighbour(survey, definition, {**values, **result.values}, section.key, -1)
                        or url_for("respondent.start", slug=slug))

    if not result.ok:
        attach_errors(form, result.errors, language)
        return _render_page(survey, definition, section, form, language, values, response)
    language_taken_on()
    try:
        save_answers(response, definition, result.values)
        values = {**values, **result.values}
        following = _neighbour(survey, definition, values, section.key, +1)
        if following is not None and action != "submit":
            db.session.commit()
            return redirect(following)
        missing = missing_required(definition, values)
        if missing:
            db.session.commit()
            return redirect(page_url(survey, definition, missing[0].section))
        complete_response(response, definition)
        db.session.commit()
    except IntegrityError:
        # A second tap raced the first: the first one stored the answers.
        db.session.rollback()
    # The session keeps pointing at the finished response, so a repeated submit lands on "thank you".
    return redirect(url_for("respondent.thanks", slug=slug))


def _neighbour(survey: Survey, definition: SurveyDefinition, values: dict[str, Any], key: str,
               step: int) -> str | None:
    """The URL of the next (``+1``) or previous (``-1``) visible page, if there is one."""
    order = [s.key for s in definition.sections]
    visible = {s.key for s in visible_sections(definition, values)}
    index = order.index(key) + step
    while 0 <= index < len(order):
        if order[index] in visible:
            return page_url(survey, definition, order[index])
        index += step
    return None


def _render_page(survey: Survey, definition: SurveyDefinition, section: SectionDefinition, form: PageForm,
                 language: str, values: dict[str, Any], response: Response) -> str:
    # The step is this page's place among the pages shown so far (one more on each page forward);
    # the total stays fixed, so the count never jumps about as conditional pages come and go.
    keys = [s.key for s in visible_sections(definition, values)]
    step = keys.index(section.key) + 1 if section.key in keys else 1
    total, total_exact = page_count(definition)
    is_last = _neighbour(survey, definition, values, section.key, +1) is None
    errors = form.error_summary(language)
    return render_template("respondent/page.html", survey=survey, definition=definition, section=section,
                           form=form, step=step, total=total, total_exact=total_exact, is_last=is_last,
                           errors=errors, is_first=step == 1, language=language, stored=values,
                           withhold=is_continued(response))


@bp.get("/s/<slug>/continue")
def carry_on(slug: str) -> ResponseReturnValue:
    """Back to where this browser's saved response left off (in the language chosen last, else the
    response's)."""
    survey = find_survey(slug)
    if (page_ := unavailable(survey)) is not None:
        return page_
    response = saved_response(survey)
    if response is None:
        return redirect(url_for("respondent.start", slug=slug))
    remember(survey, response)
    mark_continued(response)
    definition = definition_of(survey)
    return redirect(first_unfinished_page(survey, definition, load_answers(response, definition)))


@bp.get("/s/<slug>/thanks")
def thanks(slug: str) -> ResponseReturnValue:
    """Thank-you, and what happens to the answers now: who reads them, that no name is attached, and
    where the partnership reports back (its public page, once Chorus has one)."""
    survey = find_survey(slug)
    if survey is None:
        return unavailable(None)
    # Thank people in the language they answered in (the finished response stays in the session).
    choose_language(survey, current_response(survey))
    return render_template("respondent/thanks.html", survey=survey, partnership=survey.partnership,
                           public_page=_public_page(survey.partnership))


def _public_page(partnership: Partnership) -> str | None:
    """The partnership's public "you said, we did" page, when this Chorus has one."""
    if "public.partnership" not in current_app.view_functions:
        return None
    try:
        return url_for("public.partnership", slug=partnership.slug)
    except BuildError:
        return None


@bp.get("/s/<slug>/saved")
def saved(slug: str) -> ResponseReturnValue:
    """The resume code and link, after "Save and finish later"."""
    survey = find_survey(slug)
    if (page_ := unavailable(survey)) is not None:
        return page_
    response = saved_response(survey)
    if response is None:
        return redirect(url_for("respondent.start", slug=slug))
    choose_language(survey, response)
    code = format_resume_code(response.resume_code)
    # The link carries the language answered in, so it opens in that language on any device.
    link = url_for("respondent.resume", slug=slug, code=code, lang=response.language, _external=True)
    return render_template("respondent/saved.html", survey=survey, code=code, link=link, response=response)


@bp.route("/s/<slug>/resume", methods=["GET", "POST"])
@rate_limited
def resume(slug: str) -> ResponseReturnValue:
    """Continue a saved response with its code (typed in, or from the saved link); a code whose answers
    were sent since says so."""
    survey = find_survey(slug)
    if (page_ := unavailable(survey)) is not None:
        return page_
    form = ResumeForm(formdata=request.form if request.method == "POST" else None,
                      code=request.args.get("code", ""))
    if request.method == "POST" and form.validate():
        response = find_resumable(survey, form.code.data or "")
        if response is not None:
            remember(survey, response)
            mark_continued(response)
            definition = definition_of(survey)
            # The pages carry on in the response's language unless the person chose one just now.
            return redirect(first_unfinished_page(survey, definition, load_answers(response, definition)))
        choose_language(survey)
        if resume_code_was_sent(survey, form.code.data or ""):
            return render_template("respondent/resume.html", survey=survey, form=form, already_sent=True)
        form.code.errors = [text(g.lang, "resume_not_found")]
    else:
        # Saved links carry ?lang=. The code is not looked up here: an unthrottled GET that answered
        # differently for a real code would let anyone test codes at speed.
        choose_language(survey)
    return render_template("respondent/resume.html", survey=survey, form=form, already_sent=False)


@bp.get("/s/<slug>/qr.<any(svg, png):kind>")
def qr_code(slug: str, kind: str) -> ResponseReturnValue:
    """A printable QR code of the share link (``?src=<partner>`` is carried into the link)."""
    survey = find_survey(slug)
    if survey is None:
        abort(404)
    source = clean_source(request.args.get("src"))
    link = url_for("respondent.start", slug=slug, src=source, _external=True)
    code = segno.make(link, error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=8, border=4, title=survey.title_in(survey.languages[0]))
        mimetype = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=10, border=4)
        mimetype = "image/png"
    response: WerkzeugResponse = FlaskResponse(buffer.getvalue(), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{slug}{"-" + source if source else ""}.{kind}"'
    response.cache_control.max_age = 3600
    return response
