"""Display conditions: which earlier questions may decide whether a question is shown, setting one
from the "when is this question shown" form, saying it in words, and refusing a removal another
question's condition depends on."""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from typing import Any

from ..catalog import N_
from .core import (
    BuildError,
    Data,
    FormData,
    Message,
    find_question,
    first_text,
    iter_questions,
    languages_of,
    question_numbers,
    require_question,
)
from .settings import type_spec


def condition_targets(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """The questions whose answers may decide whether question ``key`` is shown: choice questions on an
    earlier page (so the page can be decided on the server, without JavaScript)."""
    found = find_question(data, key)
    if found is None:
        return []
    return [question for s_index, _, question in iter_questions(data)
            if s_index < found[0] and type_spec(question.get("type", "")).options]

def refuse_if_depended_on(data: Data, keys: set[str], *, exclude: set[str]) -> None:
    """Refuse to remove questions ``keys`` while another question (outside ``exclude``) is shown only
    after an answer to one of them, naming both."""
    languages = languages_of(data)
    for _, _, question in iter_questions(data):
        condition = question.get("condition") or {}
        if question.get("key") not in exclude and condition.get("question") in keys:
            target = find_question(data, condition["question"])
            raise BuildError(
                N_("“%(question)s” is shown only after an answer to “%(target)s”: change or remove its display "
                   "condition first."), question=first_text(question.get("text"), languages),
                target=first_text(target[2].get("text") if target else {}, languages))

# -- display conditions ----------------------------------------------------------------------------------

def set_condition(data: Data, key: str, target: str | None, answers: Collection[str], *,
                  negate: bool = False) -> Data:
    """Show question ``key`` only when the earlier question ``target`` was answered with one of
    ``answers`` (``negate``: with any answer but those); ``target`` ``None`` shows it always.

    The stored format knows "one of" only, so "is not one of" is stored as the other answers: a person
    who skips ``target`` does not see the question either way.
    """
    data = copy.deepcopy(data)
    _, _, question = require_question(data, key)
    if not target:
        question.pop("condition", None)
        return data
    choice = next((q for q in condition_targets(data, key) if q.get("key") == target), None)
    if choice is None:
        raise BuildError(N_("Choose a question with answer choices on an earlier page."), "condition_question")
    keys = [option.get("key") for option in choice.get("options", [])]
    chosen = [k for k in keys if k in answers]
    if not chosen:
        raise BuildError(N_("Tick at least one answer of the question you chose."), "condition_question")
    any_of = [k for k in keys if k not in chosen] if negate else chosen
    if not any_of:
        raise BuildError(N_("“Is not one of” every answer would never show the question: untick one."),
                         "condition_question")
    question["condition"] = {"question": target, "any_of": any_of}
    return data

def apply_condition_form(data: Data, key: str, form: FormData) -> Data:
    """The "when is this question shown" form: ``condition_mode`` (``always``, ``any``: one of the ticked
    answers, ``none``: none of them), ``condition_question`` and ``condition_answers`` (``<question>:<answer>``).

    Raises:
        BuildError: the choice cannot be stored, beside ``condition_question``.
    """
    mode = form.get("condition_mode")
    target = form.get("condition_question") if mode in ("any", "none") else None
    target = target if isinstance(target, str) else None
    answers = [value.partition(":")[2] for value in form.getlist("condition_answers")
               if isinstance(value, str) and value.partition(":")[0] == target]
    return set_condition(data, key, target, answers, negate=mode == "none")


def describe_condition(data: Mapping[str, Any], key: str) -> Message:
    """When question ``key`` is shown, in words: "Always", or "Only when question 2 (“What gets in the
    way?”) was answered with “Childcare” or “The bus”"."""
    found = find_question(data, key)
    condition = (found[2].get("condition") if found else None) or {}
    target = find_question(data, condition.get("question", "")) if condition else None
    if target is None:
        return Message(N_("Always"))
    languages = languages_of(data)
    number = question_numbers(data).get(condition["question"], 0)
    texts = {o.get("key"): first_text(o.get("text"), languages) for o in target[2].get("options", [])}
    chosen = [f"“{texts.get(k, k)}”" for k in condition.get("any_of", [])]
    answers: str = (Message(N_("%(earlier)s or %(last)s"), earlier=", ".join(chosen[:-1]), last=chosen[-1])
                    if len(chosen) > 1 else "".join(chosen))
    return Message(N_("Only when question %(number)s (“%(question)s”) was answered with %(answers)s"),
                   number=number, question=first_text(target[2].get("text"), languages), answers=answers)
