"""The survey builder's edits: small changes to a survey definition, one form at a time.

Staff build a survey with forms (a page title, a question's words in English and Spanish, an answer
choice moved up) instead of editing its JSON. Each form makes one change here, on the definition as a
plain dict in the documented format (``docs/survey-format.md``); the result is checked by the same
validator as an imported file (:func:`check`) and stored by :func:`surveys.editing.apply_definition`,
which keeps answered questions and options as they are. Nothing here touches the database or a
request, so every edit is a plain function a test can call.

Translations may be missing while a survey is being built: a person writes the English first and the
Spanish later. :func:`check` therefore accepts a text that exists in only some of the survey's
languages (respondents reading another language see it in the first language that has it), and
:func:`missing_translations` lists each gap so the builder can show a warning beside it.

Keys (what answers and downloads are stored under) are made from the English words when a question,
page or answer choice is added, so nobody has to invent one; they never change afterwards.

=================  ==========================================================================
``core``           languages, audiences and limits offered; ``Message``, ``BuildError``; finding things
``texts``          keys made from words; per-language texts read from forms
``settings``       question types as the builder shows them, and each type's settings
``survey``         a blank survey; title, introduction, audience, languages; pages
``questions``      questions added, moved, removed, and edited from their form
``options``        answer choices added, moved, removed
``conditions``     when a question is shown, set from a form and said in words
``checks``         the validator with translation gaps allowed; the list of gaps
``problems``       the validator's messages placed beside the builder's fields
=================  ==========================================================================
"""

from .checks import Missing, check, missing_translations
from .conditions import apply_condition_form, condition_targets, describe_condition, set_condition
from .core import (
    AUDIENCE_LABELS,
    INTRO_LIMIT,
    LANGUAGE_LABELS,
    NUMBER_LIMIT,
    OPTION_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    BuildError,
    Data,
    FormData,
    Message,
    find_question,
)
from .options import add_option, move_option, remove_option
from .problems import Problem, explain
from .questions import (
    ACTIONS,
    NewQuestion,
    add_question,
    apply_question_form,
    edit_question,
    move_question,
    new_question_from_form,
    remove_question,
)
from .settings import (
    TYPES,
    ChannelsSetting,
    DateSetting,
    FlagSetting,
    ScaleSetting,
    Setting,
    TextsSetting,
    TypeSpec,
    WholeSetting,
    read_settings,
    type_spec,
)
from .survey import add_section, blank_definition, move_section, remove_section, rename_section, set_survey
from .texts import make_key, texts_from_form

__all__ = [
    "ACTIONS",
    "AUDIENCE_LABELS",
    "INTRO_LIMIT",
    "LANGUAGE_LABELS",
    "NUMBER_LIMIT",
    "OPTION_LIMIT",
    "TEXT_LIMIT",
    "TITLE_LIMIT",
    "TYPES",
    "BuildError",
    "ChannelsSetting",
    "Data",
    "DateSetting",
    "FlagSetting",
    "FormData",
    "Message",
    "Missing",
    "NewQuestion",
    "Problem",
    "ScaleSetting",
    "Setting",
    "TextsSetting",
    "TypeSpec",
    "WholeSetting",
    "add_option",
    "add_question",
    "add_section",
    "apply_condition_form",
    "apply_question_form",
    "blank_definition",
    "check",
    "condition_targets",
    "describe_condition",
    "edit_question",
    "explain",
    "find_question",
    "make_key",
    "missing_translations",
    "move_option",
    "move_question",
    "move_section",
    "new_question_from_form",
    "read_settings",
    "remove_option",
    "remove_question",
    "remove_section",
    "rename_section",
    "set_condition",
    "set_survey",
    "texts_from_form",
    "type_spec",
]
