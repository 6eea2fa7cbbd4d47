"""A filled XForm instance (what ODK Collect, KoboCollect or Enketo submit) read as raw Chorus answers.

The naming contract, shared with :mod:`.export` through :mod:`.layout`::

    <form_id id="form_id" version="3">             root element named by the form id, id/version attributes
      <intro/>                                     the intro note (no value)
      <section_key>                                one element per section (``<key>_page`` on a clash)
        <question_key>value</question_key>         one per question
        <question_key_other>words</…>              "other, please say"
      </section_key>
      <meta>
        <instanceID>uuid:…</instanceID>            required: identifies the submission
        <deprecatedID>uuid:…</deprecatedID>        only on an edit: the instance it replaces
      </meta>
    </form_id>

Values: ``select_one`` the option key; ``select_multiple`` option keys separated by spaces; numbers and
dates as text (``2025-03-27``); an empty element is no answer. A contact question is ``yes``/``no`` with
``<key>_email`` and ``<key>_phone``; an employer's jobs are repetitions of ``<key>`` (children named as
in :data:`.layout.DEMAND_PARTS`) with ``<key>_organization`` beside them.

The result is in the raw shapes :func:`surveys.responses.clean_answers` accepts, so a submission is
checked exactly like a web or API answer. Elements that hold a value but match no question are listed in
``unknown`` (never dropped silently); namespaces are ignored, as devices differ in using them. Other
``meta`` children (``instanceName``, ``audit``…) are not answers and are not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from ..definition_types import QuestionDefinition, SurveyDefinition
from .layout import DEMAND_PARTS, Layout, layout

__all__ = ["Instance", "InstanceError", "read_instance"]


class InstanceError(ValueError):
    """The submitted XML cannot be read as an instance of this form (the message says why)."""


@dataclass(frozen=True)
class Instance:
    """One submitted instance: who it is, and its answers as raw values by question key."""

    form_id: str
    version: str | None
    instance_id: str
    deprecated_id: str | None
    raw: dict[str, Any] = field(default_factory=dict)
    #: Paths (``/form/section/field``) of elements holding a value that no question of the form owns.
    unknown: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _holds_value(element: Element) -> bool:
    # ``iter`` walks without recursion: a device's XML may nest deeper than Python's stack.
    return any(_text(node) for node in element.iter())


def read_instance(definition: SurveyDefinition, xml: bytes, *, form_id: str | None = None) -> Instance:
    """Read a submitted instance of ``definition`` exported as ``form_id``.

    Args:
        definition: the survey the form was made from.
        xml: the instance document (the ``xml_submission_file`` part of an OpenRosa submission).
        form_id: the id the form was exported with (the survey's slug); the instance must carry it. Pass
            it: only a caller that has already matched the id elsewhere may leave it out.

    Returns:
        The :class:`Instance`, answers in the raw shapes ``clean_answers`` accepts (not yet checked).

    Raises:
        InstanceError: the XML is malformed or unsafe, belongs to another form, or has no instanceID.
    """
    try:
        root = fromstring(xml)
    except ParseError as error:
        raise InstanceError(f"The submission is not well-formed XML: {error}.") from None
    except DefusedXmlException as error:
        raise InstanceError(f"The submission uses XML features Chorus refuses ({type(error).__name__}).") from None
    sent_id = root.get("id") or _local(root.tag)
    form_id = form_id or sent_id
    if sent_id != form_id:
        raise InstanceError(f"The submission is for the form {sent_id!r}, not {form_id!r}.")
    plan = layout(definition)
    children = {_local(child.tag): child for child in root}
    meta = children.get("meta")
    meta_fields = {_local(child.tag): _text(child) for child in meta} if meta is not None else {}
    instance_id = meta_fields.get("instanceID", "")
    if not instance_id:
        raise InstanceError("The submission has no meta/instanceID.")
    reader = _Reader(definition, plan, f"/{_local(root.tag)}")
    reader.read(root)
    return Instance(form_id=form_id, version=root.get("version"), instance_id=instance_id,
                    deprecated_id=meta_fields.get("deprecatedID") or None, raw=reader.raw,
                    unknown=reader.unknown)


class _Reader:
    """Walks the instance once, section by section, collecting raw answers and unknown paths."""

    def __init__(self, definition: SurveyDefinition, plan: Layout, root_path: str) -> None:
        self.definition = definition
        self.plan = plan
        self.root_path = root_path
        self.raw: dict[str, Any] = {}
        self.unknown: list[str] = []

    def read(self, root: Element) -> None:
        sections = {self.plan.groups[s.key]: s for s in self.definition.sections}
        for element in root:
            name = _local(element.tag)
            section = sections.get(name)
            if section is not None:
                self.read_section(element, list(section.questions), f"{self.root_path}/{name}")
            elif name not in ("meta", self.plan.intro) and _holds_value(element):
                self.unknown.append(f"{self.root_path}/{name}")

    def read_section(self, group: Element, questions: list[QuestionDefinition], path: str) -> None:
        owners: dict[str, tuple[QuestionDefinition, str]] = {}
        for question in questions:
            owners[question.key] = (question, "")
            for part, name in self.plan.helpers.get(question.key, {}).items():
                owners[name] = (question, part)
        found: dict[str, dict[str, Any]] = {}
        for element in group:
            name = _local(element.tag)
            owner = owners.get(name)
            if owner is None:
                if _holds_value(element):
                    self.unknown.append(f"{path}/{name}")
                continue
            question, part = owner
            parts = found.setdefault(question.key, {})
            if question.type == "occupation_demand" and not part:
                parts.setdefault("jobs", []).append(self.read_job(element, f"{path}/{name}"))
            else:
                parts[part] = _text(element)
        for question in questions:
            value = _raw_value(question, found.get(question.key, {}))
            if value is not None:
                self.raw[question.key] = value

    def read_job(self, element: Element, path: str) -> dict[str, Any]:
        job: dict[str, Any] = {}
        for child in element:
            name = _local(child.tag)
            if name in DEMAND_PARTS:
                value = _text(child)
                job[name] = value.split() if name == "credentials" else value
            elif _holds_value(child):
                self.unknown.append(f"{path}/{name}")
        return job


def _raw_value(question: QuestionDefinition, parts: dict[str, Any]) -> Any:
    """The raw answer from the texts of a question's fields (``""`` = its own field), ``None`` if none."""
    own = parts.get("", "")
    kind = question.type
    if kind in ("single_choice", "multiple_choice"):
        keys: Any = own.split() if kind == "multiple_choice" else own
        other = parts.get("other", "")
        if other:
            return {"keys" if kind == "multiple_choice" else "key": keys, "other": other}
        return keys or None
    if kind == "contact":
        details = {channel: parts[channel] for channel in ("email", "phone") if parts.get(channel)}
        if not own and not details:
            return None
        return {"consent": own == "yes", **details}
    if kind == "occupation_demand":
        organization = parts.get("organization", "")
        jobs = parts.get("jobs", [])
        if not organization and not jobs:
            return None
        return {"organization": organization, "occupations": jobs}
    return own or None
