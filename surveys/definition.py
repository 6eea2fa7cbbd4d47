"""Survey definitions: the documented JSON format, its dataclasses and its validator.

A definition is the portable description of a questionnaire. Built-in templates are stored in it
(``surveys/templates/*.json``), ``create_survey`` turns one into database rows, and the API returns it.
Full reference with examples: ``docs/survey-format.md``. In short::

    {
      "format":   1,                                               # optional; the format's version
      "title":    {"en": "Your job search", "es": "Su búsqueda de empleo"},
      "intro":    {"en": "...", "es": "..."},                      # optional
      "audience": "career_seeker",        # employer | career_seeker | learner | incumbent_worker | community
      "languages": ["en", "es"],          # every text below must exist in each of these
      "sections": [                       # one section = one page
        {"key": "barriers",
         "title": {"en": "What gets in the way", "es": "Lo que le impide avanzar"},
         "questions": [
           {"key": "barriers", "type": "multiple_choice", "required": false,
            "text": {"en": "What makes it hard to find work?", "es": "..."},
            "help": {"en": "Choose all that apply.", "es": "..."},         # optional
            "options": [{"key": "childcare", "text": {"en": "Childcare", "es": "Cuidado infantil"}},
                        {"key": "other", "text": {"en": "Something else", "es": "Otra cosa"}}],
            "settings": {"other": true}},
           ...]},
        {"key": "childcare",
         "title": {...},
         "questions": [
           {"key": "childcare_detail", "type": "long_text", "text": {...},
            "condition": {"question": "barriers", "any_of": ["childcare"]}}]}
      ]
    }

Rules the validator enforces (each failure is reported with its path, all at once):

- keys (sections, questions, options) are lower-case ``snake_case`` of at most 64 characters (only
  option keys may start with a digit, like ``18_24``); question
  keys are unique in the survey, section keys in the survey, option keys in their question;
- every respondent-facing text has every language of ``languages``;
- ``type`` names a registered question type (:mod:`surveys.question_types`), which checks its own
  ``options`` and ``settings`` (e.g. rating scales are 1–5 or 0–10);
- a ``condition`` refers to a choice question on an *earlier page* (so the page can be decided on the
  server, with no JavaScript) and to option keys that question has;
- demographic questions are never required;
- sizes are bounded (:data:`LIMITS`): at most 50 pages, 300 questions, 100 options per question and
  10 languages; a title is at most 200 characters, a question or its help 1,000, an option 300, the
  intro 2,000 and any other text 2,000; no text holds a NUL character.

Errors read like ``sections[0].questions[3].options[1].key: duplicate key "bus"``.

The dataclasses themselves live in :mod:`surveys.definition_types` (re-exported here), so the question
types this validator calls can name them without importing it back. Validating needs no database: this
module imports no ORM.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from typing import Any

from . import occupation_demand, occupation_types  # noqa: F401  (types kept apart register on import)
from .catalog import N_
from .definition_types import (
    Audience,
    ConditionDefinition,
    DefinitionError,
    OptionDefinition,
    QuestionDefinition,
    SectionDefinition,
    SurveyDefinition,
)
from .message import Message
from .question_types import CHOICE_TYPES, QUESTION_TYPES

__all__ = [
    "TEMPLATE_NAMES",
    "Audience",
    "ConditionDefinition",
    "DefinitionError",
    "OptionDefinition",
    "QuestionDefinition",
    "SectionDefinition",
    "SurveyDefinition",
    "list_templates",
    "load_definition",
    "load_template",
]

#: The built-in templates (``surveys/templates/<name>.json``), employers first.
TEMPLATE_NAMES: tuple[str, ...] = (
    "employer_skill_needs",
    "career_seeker_needs",
    "learner_feedback",
    "incumbent_worker",
    "community_listening",
)

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Option keys may start with a digit ("18_24", "250_plus").
OPTION_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
LIMITS = {"sections": 50, "questions": 300, "options": 100, "languages": 10}
"""The most pages, questions (in the whole survey), options (per question) and languages accepted."""
TEXT_LIMITS = {"title": 200, "text": 1000, "help": 1000, "option": 300, "intro": 2000, "any": 2000}
"""The most characters in a title (survey or page), question, help, option, intro and any other text."""
SURVEY_FIELDS = {"format", "title", "intro", "audience", "languages", "sections"}
FORMAT_VERSION = 1
SECTION_FIELDS = {"key", "title", "questions"}
QUESTION_FIELDS = {"key", "type", "text", "help", "required", "demographic", "options", "settings", "condition"}


AT_PATH = N_("%(path)s: %(problem)s")
"""A validator's message about one field: ``sections[0].questions[3].key: duplicate key "bus"``."""
MUST_BE_OBJECT = Message(N_("must be an object"))


def at_path(path: str, message: Message) -> Message:
    """``message`` about the field at ``path`` (as is when the definition as a whole is meant)."""
    return Message(AT_PATH, path=path, problem=message) if path else message


def _duplicate(key: str | None) -> Message:
    return Message(N_('duplicate key "%(key)s"'), key=key)


class _Checker:
    """Collects every error in one pass so an author can fix a definition in one go."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, path: str, message: Message) -> None:
        self.errors.append(at_path(path, message))

    def key(self, value: Any, path: str, *, option: bool = False) -> str | None:
        if not isinstance(value, str) or not value:
            self.add(path, Message(N_("a key is required")))
            return None
        # fullmatch: "$" would also match before a trailing newline, which then breaks file names.
        if option and not OPTION_KEY_PATTERN.fullmatch(value):
            self.add(path, Message(N_('"%(key)s" must be lower-case letters, digits and _ (at most 64 characters)'),
                                   key=value))
            return None
        if not option and not KEY_PATTERN.fullmatch(value):
            self.add(path, Message(N_('"%(key)s" must be lower-case letters, digits and _ (starting with a letter, '
                                      "at most 64 characters)"), key=value))
            return None
        return value

    def texts(self, value: Any, path: str, languages: tuple[str, ...], *, required: bool = True,
              limit: int = TEXT_LIMITS["any"]) -> dict[str, str]:
        """A per-language text: ``{"en": "...", "es": "..."}`` holding every survey language, each at most
        ``limit`` characters."""
        if value is None or value == {}:
            if required:
                self.add(path, Message(N_("text is required in %(languages)s"),
                                       languages=", ".join(f'"{lang}"' for lang in languages)))
            return {}
        if isinstance(value, str):
            self.add(path, Message(N_('must give the text per language, like {"en": "...", "es": "..."}')))
            return {}
        if not isinstance(value, Mapping):
            self.add(path, Message(N_("must be an object of texts per language")))
            return {}
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if lang not in languages:
                self.add(f"{path}.{lang}", Message(N_('"%(language)s" is not one of the survey languages'), language=lang))
            elif not isinstance(text, str) or not text.strip():
                self.add(f"{path}.{lang}", Message(N_("must be non-empty text")))
            elif len(text.strip()) > limit:
                self.add(f"{path}.{lang}", Message(N_("must be at most %(most)s characters (it has %(length)s)"),
                                                   most=f"{limit:,}", length=f"{len(text.strip()):,}"))
            else:
                texts[lang] = text.strip()
        for lang in languages:
            if lang not in value:
                self.add(path, Message(N_('missing the "%(language)s" text'), language=lang))
        return texts

    def unknown_fields(self, data: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for name in data:
            if name not in allowed:
                self.add(f"{path}.{name}" if path else name, Message(N_("unknown field")))


def load_definition(data: Mapping[str, Any]) -> SurveyDefinition:
    """Validate a definition in the JSON format and return it as dataclasses.

    Args:
        data: the parsed JSON (see the module docstring and ``docs/survey-format.md``).

    Returns:
        The validated :class:`SurveyDefinition`.

    Raises:
        DefinitionError: listing every problem, each prefixed by the path of the bad field.
    """
    check = _Checker()
    if not isinstance(data, Mapping):
        raise DefinitionError([Message(N_("the definition must be a JSON object"))])
    _check_sizes(data)
    check.unknown_fields(data, SURVEY_FIELDS, "")
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        check.add("format", Message(N_("this Chorus reads format %(wanted)s, not %(given)s"), wanted=FORMAT_VERSION,
                                     given=repr(data.get("format"))))

    raw_languages = data.get("languages", ["en"])
    languages: tuple[str, ...] = ()
    if not isinstance(raw_languages, list) or not raw_languages:
        check.add("languages", Message(N_('must be a non-empty list such as ["en", "es"]')))
    else:
        for i, lang in enumerate(raw_languages):
            if not isinstance(lang, str) or not LANGUAGE_PATTERN.fullmatch(lang):
                check.add(f"languages[{i}]", Message(N_('%(language)s is not a language code such as "en"'),
                                                     language=repr(lang)))
            elif lang in languages:
                check.add(f"languages[{i}]", Message(N_('duplicate language "%(language)s"'), language=lang))
            else:
                languages += (lang,)
    if not languages:
        languages = ("en",)

    title = check.texts(data.get("title"), "title", languages, limit=TEXT_LIMITS["title"])
    intro = check.texts(data.get("intro"), "intro", languages, required=False, limit=TEXT_LIMITS["intro"])
    audience_value = data.get("audience")
    try:
        audience = Audience(audience_value)
    except ValueError:
        check.add("audience", Message(N_("%(audience)s must be one of %(audiences)s"), audience=repr(audience_value),
                                       audiences=", ".join(a.value for a in Audience)))
        audience = Audience.COMMUNITY

    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        check.add("sections", Message(N_("at least one section (page) is required")))
        raw_sections = []

    sections: list[SectionDefinition] = []
    section_keys: set[str] = set()
    # Question key -> (section index, definition), to check conditions point backwards.
    seen_questions: dict[str, tuple[int, QuestionDefinition]] = {}
    for s_index, raw_section in enumerate(raw_sections):
        s_path = f"sections[{s_index}]"
        if not isinstance(raw_section, Mapping):
            check.add(s_path, MUST_BE_OBJECT)
            continue
        check.unknown_fields(raw_section, SECTION_FIELDS, s_path)
        section_key = check.key(raw_section.get("key"), f"{s_path}.key")
        if section_key in section_keys:
            check.add(f"{s_path}.key", _duplicate(section_key))
        section_keys.add(section_key or "")
        section_title = check.texts(raw_section.get("title"), f"{s_path}.title", languages,
                                    limit=TEXT_LIMITS["title"])
        raw_questions = raw_section.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            check.add(f"{s_path}.questions", Message(N_("a section needs at least one question")))
            raw_questions = []
        questions: list[QuestionDefinition] = []
        for q_index, raw_question in enumerate(raw_questions):
            q_path = f"{s_path}.questions[{q_index}]"
            question = _load_question(check, raw_question, q_path, section_key or "", languages)
            if question is None:
                continue
            if question.key in seen_questions:
                check.add(f"{q_path}.key", _duplicate(question.key))
            if question.condition is not None:
                _check_condition(check, question.condition, f"{q_path}.condition", s_index,
                                 seen_questions, CHOICE_TYPES)
            seen_questions.setdefault(question.key, (s_index, question))
            question_type = QUESTION_TYPES.get(question.type)
            if question_type is not None:
                for suffix, message in question_type.check_definition(question):
                    check.add(f"{q_path}{suffix}", message)
            questions.append(question)
        sections.append(SectionDefinition(key=section_key or "", title=section_title,
                                          questions=tuple(questions)))

    if check.errors:
        raise DefinitionError(check.errors)
    return SurveyDefinition(title=title, intro=intro, audience=audience, languages=languages,
                            sections=tuple(sections))


def _load_question(check: _Checker, raw: Any, path: str, section: str,
                   languages: tuple[str, ...]) -> QuestionDefinition | None:
    if not isinstance(raw, Mapping):
        check.add(path, MUST_BE_OBJECT)
        return None
    check.unknown_fields(raw, QUESTION_FIELDS, path)
    key = check.key(raw.get("key"), f"{path}.key")
    type_name = raw.get("type")
    if not isinstance(type_name, str) or type_name not in QUESTION_TYPES:
        check.add(f"{path}.type", Message(N_("%(type)s is not a question type; use one of %(types)s"),
                                          type=repr(type_name), types=", ".join(sorted(QUESTION_TYPES))))
    text = check.texts(raw.get("text"), f"{path}.text", languages, limit=TEXT_LIMITS["text"])
    help_text = check.texts(raw.get("help"), f"{path}.help", languages, required=False, limit=TEXT_LIMITS["help"])
    required = raw.get("required", False)
    demographic = raw.get("demographic", False)
    for name, value in (("required", required), ("demographic", demographic)):
        if not isinstance(value, bool):
            check.add(f"{path}.{name}", Message(N_("must be true or false")))
    if demographic is True and required is True:
        check.add(f"{path}.required", Message(N_("demographic questions are always optional")))

    raw_options = raw.get("options", [])
    options: list[OptionDefinition] = []
    if not isinstance(raw_options, list):
        check.add(f"{path}.options", Message(N_("must be a list")))
        raw_options = []
    option_keys: set[str] = set()
    for o_index, raw_option in enumerate(raw_options):
        o_path = f"{path}.options[{o_index}]"
        if not isinstance(raw_option, Mapping):
            check.add(o_path, MUST_BE_OBJECT)
            continue
        check.unknown_fields(raw_option, {"key", "text"}, o_path)
        option_key = check.key(raw_option.get("key"), f"{o_path}.key", option=True)
        if option_key is not None and option_key in option_keys:
            check.add(f"{o_path}.key", _duplicate(option_key))
        option_keys.add(option_key or "")
        options.append(OptionDefinition(key=option_key or "",
                                        text=check.texts(raw_option.get("text"), f"{o_path}.text", languages,
                                                         limit=TEXT_LIMITS["option"])))

    settings = raw.get("settings", {})
    if not isinstance(settings, Mapping):
        check.add(f"{path}.settings", MUST_BE_OBJECT)
        settings = {}

    condition = None
    raw_condition = raw.get("condition")
    if raw_condition is not None:
        c_path = f"{path}.condition"
        if not isinstance(raw_condition, Mapping):
            check.add(c_path, Message(N_('must look like {"question": "barriers", "any_of": ["childcare"]}')))
        else:
            check.unknown_fields(raw_condition, {"question", "any_of"}, c_path)
            target = raw_condition.get("question")
            any_of = raw_condition.get("any_of")
            if not isinstance(target, str) or not target:
                check.add(f"{c_path}.question", Message(N_("must name an earlier question by its key")))
            elif not isinstance(any_of, list) or not any_of or not all(isinstance(k, str) for k in any_of):
                check.add(f"{c_path}.any_of", Message(N_("must list one or more option keys")))
            else:
                condition = ConditionDefinition(question=target, any_of=tuple(any_of))

    if key is None or not isinstance(type_name, str) or type_name not in QUESTION_TYPES:
        return None
    return QuestionDefinition(
        key=key, type=type_name, section=section, text=text, help=help_text,
        required=required is True, demographic=demographic is True, options=tuple(options),
        settings=dict(settings), condition=condition,
    )


def _check_sizes(data: Mapping[str, Any]) -> None:
    """Refuse, before reading it, a definition too big to be a questionnaire or holding text no database
    should store (a NUL character, or any text over the longest a field allows).

    Raises:
        DefinitionError: with one message per problem found (the counts first, so a 6,000-question file
            gets one clear line rather than thousands).
    """
    sections = data.get("sections")
    sections = sections if isinstance(sections, list) else []
    questions = [q for s in sections if isinstance(s, Mapping) and isinstance(s.get("questions"), list)
                 for q in s["questions"]]
    problems = []
    counts = {"sections": len(sections), "questions": len(questions),
              "languages": len(data["languages"]) if isinstance(data.get("languages"), list) else 0}
    for name, count in counts.items():
        if count > LIMITS[name]:
            problems.append(at_path(name, Message(N_("at most %(most)s are allowed (this has %(count)s)"),
                                                   most=LIMITS[name], count=f"{count:,}")))
    for index, question in enumerate(questions):
        options = question.get("options") if isinstance(question, Mapping) else None
        if isinstance(options, list) and len(options) > LIMITS["options"]:
            problems.append(Message(N_("question %(number)s: at most %(most)s options are allowed (it has %(count)s)"),
                                    number=index + 1, most=LIMITS["options"], count=f"{len(options):,}"))
    if problems:
        raise DefinitionError(problems)
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                problems.append(at_path(path or "definition",
                                        Message(N_("must not contain the NUL character (U+0000)"))))
            elif len(item) > TEXT_LIMITS["any"]:
                problems.append(at_path(path, Message(N_("must be at most %(most)s characters"),
                                                      most=f"{TEXT_LIMITS['any']:,}")))
        elif isinstance(item, Mapping):
            for name, value in item.items():
                stack.append((name, path))
                stack.append((value, f"{path}.{name}" if path else str(name)))
        elif isinstance(item, list):
            stack.extend((value, f"{path}[{i}]") for i, value in enumerate(item))
    if problems:
        raise DefinitionError(sorted(dict.fromkeys(problems), key=str))


def _check_condition(check: _Checker, condition: ConditionDefinition, path: str, section_index: int,
                     seen: dict[str, tuple[int, QuestionDefinition]], choice_types: frozenset[str]) -> None:
    found = seen.get(condition.question)
    if found is None:
        check.add(f"{path}.question", Message(N_('"%(question)s" is not an earlier question'),
                                                 question=condition.question))
        return
    target_section, target = found
    if target_section >= section_index:
        check.add(f"{path}.question",
                  Message(N_('"%(question)s" is on the same page; a condition must use an answer from an earlier '
                             "page so it works without JavaScript"), question=condition.question))
    if target.type not in choice_types:
        check.add(f"{path}.question", Message(N_('"%(question)s" is not a choice question'),
                                                 question=condition.question))
        return
    for i, key in enumerate(condition.any_of):
        if key not in target.option_keys:
            check.add(f"{path}.any_of[{i}]", Message(N_('"%(question)s" has no option "%(option)s"'),
                                                        question=condition.question, option=key))


def list_templates() -> list[str]:
    """The names of the built-in templates."""
    return list(TEMPLATE_NAMES)


def load_template(name: str) -> SurveyDefinition:
    """Load and validate a built-in template (``surveys/templates/<name>.json``).

    Raises:
        KeyError: there is no template called ``name``.
        DefinitionError: the template file is invalid (a bug the test suite catches).
    """
    if name not in TEMPLATE_NAMES:
        raise KeyError(f"No survey template called {name!r}; choose one of {', '.join(TEMPLATE_NAMES)}.")
    text = resources.files("surveys.templates").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return replace(load_definition(json.loads(text)), template=name)
