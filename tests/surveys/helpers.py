"""Survey definitions and database set-up shared by the surveys, respondent, API and browser tests."""

from __future__ import annotations

from surveys.definition import SurveyDefinition, load_definition, load_template
from surveys.models import Survey, SurveyStatus
from surveys.services import create_survey
from tests import factories


def t(en: str, es: str | None = None) -> dict[str, str]:
    return {"en": en, "es": es or f"{en} (es)"}


def option(key: str) -> dict:
    return {"key": key, "text": t(key.replace("_", " ").capitalize())}


def every_type_data() -> dict:
    """A definition using every question type, a condition and "other, please say"."""
    return {
        "title": t("Every type", "Todos los tipos"),
        "intro": t("Testing.", "Probando."),
        "audience": "career_seeker",
        "languages": ["en", "es"],
        "sections": [
            {"key": "first", "title": t("First", "Primero"), "questions": [
                {"key": "goal", "type": "single_choice", "text": t("Goal?"), "required": True,
                 "options": [option("job"), option("training"), option("other")], "settings": {"other": True}},
                {"key": "barriers", "type": "multiple_choice", "text": t("Barriers?"),
                 "options": [option("childcare"), option("bus"), option("none"), option("other")],
                 "settings": {"other": True, "exclusive": ["none"], "max_choices": 3}},
                {"key": "agree", "type": "agreement", "text": t("I agree.")},
                {"key": "stars", "type": "rating", "text": t("Stars?"), "settings": {"min": 1, "max": 5}},
                {"key": "nps", "type": "rating", "text": t("Recommend?"), "settings": {"min": 0, "max": 10}},
            ]},
            {"key": "second", "title": t("Second", "Segundo"), "questions": [
                {"key": "name_of_job", "type": "short_text", "text": t("Job?"), "settings": {"max_length": 20}},
                {"key": "story", "type": "long_text", "text": t("Tell us.")},
                {"key": "hires", "type": "number", "text": t("How many?"), "settings": {"min": 0, "max": 500}},
                {"key": "wage", "type": "number", "text": t("Wage?"), "settings": {"min": 0, "integer": False}},
                {"key": "start_date", "type": "date", "text": t("When?"),
                 "settings": {"min": "2020-01-01", "max": "2030-12-31"}},
                {"key": "contact", "type": "contact", "text": t("Contact you?")},
            ]},
            {"key": "childcare", "title": t("Childcare", "Cuidado"), "questions": [
                {"key": "childcare_detail", "type": "long_text", "text": t("What makes childcare hard?"),
                 "required": True, "condition": {"question": "barriers", "any_of": ["childcare"]}},
            ]},
            {"key": "about", "title": t("About you", "Sobre usted"), "questions": [
                {"key": "age", "type": "single_choice", "text": t("Age?"), "demographic": True,
                 "options": [option("under_25"), option("25_plus"), option("prefer_not_to_say")]},
            ]},
        ],
    }


def every_type() -> SurveyDefinition:
    return load_definition(every_type_data())


def make_survey(definition: SurveyDefinition | str | None = None, *, slug: str = "every-type",
                status: SurveyStatus = SurveyStatus.OPEN, **kwargs) -> Survey:
    """A survey in the database (flushed), open unless told otherwise."""
    if definition is None:
        definition = every_type()
    elif isinstance(definition, str):
        definition = load_template(definition)
    survey = create_survey(factories.partnership(), definition, slug=slug, **kwargs)
    if status is not SurveyStatus.DRAFT:
        survey.move_to(SurveyStatus.OPEN)
    if status is SurveyStatus.CLOSED:
        survey.move_to(SurveyStatus.CLOSED)
    return survey
