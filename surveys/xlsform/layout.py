"""Where each Chorus question lives in an XLSForm and in the XForm instances made from it.

Export (:mod:`.export`), the instance reader (:mod:`.instance`) and import (:mod:`.importing`) must agree
on every field name, so the names are decided here once, from the definition alone:

- a section is a group named by its key (``<key>_page`` when a question has the same key: XLSForm wants
  names unique in the whole form); a question is a field named by its key inside that group;
- the words after "other" go in ``<key>_other``; contact details in ``<key>_email`` and ``<key>_phone``
  beside the consent field ``<key>``; an employer's organization in ``<key>_organization`` beside the
  repeat ``<key>`` that holds one job per repetition;
- a name already taken by another question or section gets ``_2``, ``_3``… so names never clash;
- the survey's intro is a note named ``intro`` (or ``intro_2``…) before the first group;
- choice lists are named by their question's key; lists shared by every question of a kind start with
  ``chorus_`` (agreement points, consent, the parts of an employer's job).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..definition_types import QuestionDefinition, SurveyDefinition

__all__ = ["DEMAND_PARTS", "Layout", "layout"]

DEMAND_PARTS: tuple[str, ...] = ("title", "openings", "vacancies", "pay", "pay_unit", "shift", "credentials",
                                 "hard_to_fill", "hard_to_fill_why")
"""The fields of one job in an ``occupation_demand`` repeat (the keys its raw value uses)."""

SHARED_LISTS = ("chorus_agreement", "chorus_consent", "chorus_pay_unit", "chorus_shift", "chorus_yes_no")


@dataclass(frozen=True)
class Layout:
    """The names a definition's fields and choice lists take in an XLSForm."""

    intro: str
    #: Section key -> its group's name.
    groups: dict[str, str] = field(default_factory=dict)
    #: Question key -> helper part ("other", "email", "phone", "organization") -> field name.
    helpers: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Question key -> its choice list's name (choice questions, ratings, demand credentials).
    lists: dict[str, str] = field(default_factory=dict)
    #: Shared list ("chorus_agreement", …) -> the name it takes in this form.
    shared: dict[str, str] = field(default_factory=dict)

    def helper(self, question: QuestionDefinition, part: str) -> str:
        return self.helpers[question.key][part]


def _helper_parts(question: QuestionDefinition) -> tuple[str, ...]:
    if question.type in ("single_choice", "multiple_choice") and question.settings.get("other"):
        return ("other",)
    if question.type == "contact":
        return tuple(question.settings.get("channels", ["email", "phone"]))
    if question.type == "occupation_demand":
        return ("organization",)
    return ()


def layout(definition: SurveyDefinition) -> Layout:
    """The field and list names of ``definition`` (the same every time for the same definition)."""
    taken = {q.key for q in definition.iter_questions()} | {"meta"}

    def unique(name: str) -> str:
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name}_{n}", n + 1
        taken.add(candidate)
        return candidate

    groups = {section.key: unique(section.key if section.key not in taken else f"{section.key}_page")
              for section in definition.sections}
    intro = unique("intro")
    helpers = {q.key: {part: unique(f"{q.key}_{part}") for part in _helper_parts(q)}
               for q in definition.iter_questions()}
    list_names = {q.key for q in definition.iter_questions()}
    shared = {}
    for name in SHARED_LISTS:
        candidate, n = name, 2
        while candidate in list_names:
            candidate, n = f"{name}_{n}", n + 1
        shared[name] = candidate
    lists = {q.key: q.key for q in definition.iter_questions()
             if q.type in ("single_choice", "multiple_choice", "rating", "occupation_demand")}
    return Layout(intro=intro, groups=groups, helpers=helpers, lists=lists, shared=shared)
