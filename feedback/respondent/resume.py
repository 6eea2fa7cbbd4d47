"""Save and finish later: the page with the resume code and link, "Continue" on this browser, and
continuing with a code on any device."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from surveys.responses import find_resumable, format_resume_code, resume_code_was_sent
from surveys.services import definition_of

from ..transient import retry_transient
from .blueprint import bp
from .forms import ResumeForm
from .language import choose_language
from .limits import rate_limited
from .progress import carry_on_with, find_survey, saved_response, unavailable
from .strings import text


@bp.get("/s/<slug>/continue")
def carry_on(slug: str) -> ResponseReturnValue:
    """Back to where this browser's saved response left off (in the language chosen last, else the
    response's)."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    response = saved_response(survey)
    if response is None:
        return redirect(url_for("respondent.start", slug=slug))
    return redirect(carry_on_with(survey, response, definition_of(survey)))


@bp.get("/s/<slug>/saved")
def saved(slug: str) -> ResponseReturnValue:
    """The resume code and link, after "Save and finish later"."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
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
@retry_transient
def resume(slug: str) -> ResponseReturnValue:
    """Continue a saved response with its code (typed in, or from the saved link); a code whose answers
    were sent since says so."""
    survey = find_survey(slug)
    if (page := unavailable(survey)) is not None:
        return page
    form = ResumeForm(formdata=request.form if request.method == "POST" else None,
                      code=request.args.get("code", ""))
    if request.method == "POST" and form.validate():
        response = find_resumable(survey, form.code.data or "")
        if response is not None:
            # The pages carry on in the response's language unless the person chose one just now.
            return redirect(carry_on_with(survey, response, definition_of(survey)))
        choose_language(survey)
        if resume_code_was_sent(survey, form.code.data or ""):
            return render_template("respondent/resume.html", survey=survey, form=form, already_sent=True)
        form.code.errors = [text(g.lang, "resume_not_found")]
    else:
        # Saved links carry ?lang=. The code is not looked up here: an unthrottled GET that answered
        # differently for a real code would let anyone test codes at speed.
        choose_language(survey)
    return render_template("respondent/resume.html", survey=survey, form=form, already_sent=False)
