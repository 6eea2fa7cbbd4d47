"""A survey's texts for a translator: download them as XLIFF or PO, bring the translation back.

Three steps, for people who may change the survey (``can_manage``):

1. **Download** (a GET, nothing written): the texts from a source language into a target language, in
   XLIFF 1.2 or PO (:mod:`surveys.translation_files`). The target may be a language the survey does not
   have yet.
2. **Preview** (a POST that writes nothing): the uploaded file compared with the survey, text by text:
   before, after, and what is wrong. The accepted words travel in the preview's form (in chunks under the
   form-field limit), with a digest of the definition they were compared with, so nothing is kept on
   the server between steps.
3. **Apply**: the words are checked again against the survey as stored now, laid over it (adding the
   language when new) and saved by the builder's own path (:func:`.builder.save_change`: the builder's
   validator, :func:`feedback.services.surveys.save_definition`, one commit), then the builder opens on
   its translations. If the survey changed since the preview, nothing is saved and the file is asked for
   again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from surveys import translation_files as files
from surveys.builder import LANGUAGE_LABELS
from surveys.definition import LANGUAGE_PATTERN
from surveys.i18n import ENGLISH_NAMES, LANGUAGE_NAMES
from surveys.services import definition_of

from ..access import SurveyAccess
from .blueprint import bp
from .builder import Posted, manage, save_change
from .forms import ActionForm

FORM = "translations"
CHUNK = 40_000  # characters of carried words per form field (the guard allows 50,000)
CONTENT_TYPES = {"xliff": "application/x-xliff+xml; charset=utf-8", "po": "text/x-gettext-translation; charset=utf-8"}


def _digest(data: dict[str, Any]) -> str:
    """A fingerprint of a definition, to tell whether it changed between preview and apply."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _name(code: str) -> str:
    """A language for staff: its English name, and its own when that differs ("Vietnamese (Tiếng Việt)")."""
    english, own = ENGLISH_NAMES.get(code, code), LANGUAGE_NAMES.get(code, code)
    return english if own == english else f"{english} ({own})"


def _targets(languages: list[str]) -> list[tuple[str, str]]:
    """Languages to translate into: the survey's, then those the interface speaks."""
    return [(code, _name(code)) for code in dict.fromkeys([*languages, *LANGUAGE_LABELS])]


def _page(grant: SurveyAccess, *, problems: list[str] | None = None, status: int = 200,
          chosen: dict[str, str] | None = None) -> ResponseReturnValue:
    data = definition_of(grant.survey).to_dict()
    languages = list(data["languages"])
    chosen = chosen or {"source": languages[0], "target": next(
        (code for code in LANGUAGE_LABELS if code not in languages), languages[-1]), "format": "xliff"}
    return render_template(
        "staff/translations.html", survey=grant.survey, languages=[(code, _name(code)) for code in languages],
        targets=_targets(languages), formats=files.FORMATS, chosen=chosen, problems=problems or [],
        max_mb=files.MAX_BYTES / 1_000_000, form=ActionForm(),
    ), status


@bp.get("/surveys/<slug>/translations")
def translations(slug: str) -> ResponseReturnValue:
    """Download the texts for a translator; upload the translation."""
    return _page(manage(slug))


@bp.get("/surveys/<slug>/translations/download")
def translations_download(slug: str) -> ResponseReturnValue:
    """The survey's texts as an XLIFF or PO file from one language into another."""
    grant = manage(slug)
    data = definition_of(grant.survey).to_dict()
    source = request.args.get("source", "")
    other = (request.args.get("other") or "").strip()
    typed = other or request.args.get("target", "")
    # A code typed as gettext spells it (zh_Hans) or in other case (ES) is the survey's language, so the
    # file carries the translations it already has and imports back into the same language.
    target = files.survey_language(typed, list(data["languages"])) or typed
    file_format = request.args.get("format", "xliff")
    chosen = {"source": source, "target": target, "format": file_format, "other": other}
    problems = []
    if source not in data["languages"]:
        problems.append(_("Choose a language of the survey to translate from."))
    if not LANGUAGE_PATTERN.fullmatch(target):
        problems.append(_("Choose the language to translate into, or type a code such as ko, so or pt-BR."))
    elif target == source:
        problems.append(_("Choose a language to translate into other than the one translated from."))
    if file_format not in files.FORMATS:
        problems.append(_("Choose XLIFF or PO."))
    if problems:
        return _page(grant, problems=problems, status=400, chosen=chosen)
    body = files.export(data, file_format, source=source, target=target, original=grant.survey.slug)  # type: ignore[arg-type]
    extension = files.FORMATS[file_format][1]
    return body, 200, {"Content-Type": CONTENT_TYPES[file_format],
                       "Content-Disposition": f'attachment; filename="{grant.survey.slug}.{target}.{extension}"'}


@bp.post("/surveys/<slug>/translations/preview")
def translations_preview(slug: str) -> ResponseReturnValue:
    """What the uploaded translation would change, text by text, and what is wrong with it; saves nothing."""
    grant = manage(slug)
    upload = request.files.get("file")
    raw = upload.read(files.MAX_BYTES + 1) if upload is not None and upload.filename else b""
    if not raw:
        return _page(grant, problems=[_("Choose the translated file (.xlf, .xliff or .po).")], status=422)
    try:
        parsed = files.read_translation_file(raw)
    except files.FileProblem as problem:
        return _page(grant, problems=[problem.message], status=422)
    data = definition_of(grant.survey).to_dict()
    result = files.review(data, parsed)
    if result.problems:
        return _page(grant, problems=result.problems, status=422)
    return _preview(grant, data, result, filename=upload.filename or "")


def _preview(grant: SurveyAccess, data: dict[str, Any], result: files.Review, *, filename: str = "",
             posted: Posted | None = None, status: int = 200) -> ResponseReturnValue:
    carried = json.dumps(result.accepted, ensure_ascii=False)
    return render_template(
        "staff/translations_preview.html", survey=grant.survey, result=result, filename=filename,
        language_name=_name(result.language), source_name=_name(result.source_language),
        changes=[row for row in result.rows if row.changes],
        unchanged=sum(1 for row in result.rows if not row.changes and not row.issues),
        chunks=[carried[i:i + CHUNK] for i in range(0, len(carried), CHUNK)], digest=_digest(data),
        posted=posted or Posted(), form=ActionForm(),
    ), status


@bp.post("/surveys/<slug>/translations/apply")
def translations_apply(slug: str) -> ResponseReturnValue:
    """Write the previewed words into the survey (adding the language when new), as one builder change."""
    grant = manage(slug)
    stored = definition_of(grant.survey).to_dict()
    language = request.form.get("language", "")
    source = request.form.get("source", "")
    try:
        words = json.loads("".join(request.form.getlist("words")) or "{}")
    except ValueError:
        words = None
    if not isinstance(words, dict) or not all(isinstance(v, str) for v in words.values()) \
            or not LANGUAGE_PATTERN.fullmatch(language) or source not in stored["languages"]:
        return _page(grant, problems=[_("The preview could not be read back. Upload the file again.")], status=422)
    if request.form.get("digest") != _digest(stored):
        return _page(grant, problems=[_("The survey changed since this preview. Upload the file again to see "
                                        "what it changes now.")], status=409)
    carried = files.TranslationFile("po", source, language, tuple(
        files.Entry(id=str(unit_id), source="", target=text) for unit_id, text in words.items()))
    result = files.review(stored, carried, source=source)
    if result.problems or any(row.blocked for row in result.rows):
        return _preview(grant, stored, result, status=422)

    def change(data: dict[str, Any]) -> tuple[dict[str, Any], str]:
        return files.apply_translations(data, result.language, result.accepted), "translations"

    def refused(grant: SurveyAccess, data: dict[str, Any], posted: Posted, status: int) -> ResponseReturnValue:
        return _preview(grant, data, result, posted=posted, status=status)

    count = len(result.accepted)
    if result.new_language:
        done = ngettext("%(language)s: %(num)d text imported, and the language added to the survey.",
                        "%(language)s: %(num)d texts imported, and the language added to the survey.",
                        count, language=_name(result.language))
    else:
        done = ngettext("%(language)s: %(num)d text imported.", "%(language)s: %(num)d texts imported.",
                        count, language=_name(result.language))
    return save_change(grant, FORM, change, done=done, page=refused)
