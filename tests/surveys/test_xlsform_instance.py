"""Reading instances: an XForm made by pyxform, filled the way ODK Collect fills it, reads back as raw
answers that ``clean_answers`` accepts; unknown fields are listed, bad XML and other forms refused."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest

from surveys.definition import load_template
from surveys.question_types import Choices
from surveys.responses import clean_answers
from surveys.xlsform.export import to_xform
from surveys.xlsform.instance import InstanceError, read_instance
from tests.surveys.helpers import every_type

XF = "{http://www.w3.org/2002/xforms}"
UUID = "uuid:6f1c2a8e-5b9d-4c1e-9f3a-2d7e8b0c4a11"


def blank_instance(xform: str) -> ET.Element:
    """The form's primary instance as Collect sends it: no namespace, no repeat templates."""
    primary = copy.deepcopy(ET.fromstring(xform).find(f".//{XF}instance/*"))
    for element in primary.iter():
        element.tag = element.tag.removeprefix(XF)
    for parent in list(primary.iter()):
        for child in list(parent):
            if any(name.endswith("template") for name in child.attrib):
                parent.remove(child)
    return primary


def fill(root: ET.Element, values: dict[str, str], *, deprecated: str | None = None) -> bytes:
    for path, value in values.items():
        root.find(path).text = value
    root.find("meta/instanceID").text = UUID
    if deprecated:
        ET.SubElement(root.find("meta"), "deprecatedID").text = deprecated
    return b"<?xml version='1.0' ?>" + ET.tostring(root, encoding="utf-8")


@pytest.fixture
def form():
    definition = every_type()
    return definition, blank_instance(to_xform(definition, form_id="every-type", version="3"))


def test_a_filled_instance_reads_back_as_clean_answers(form):
    definition, root = form
    xml = fill(root, {"first/goal": "other", "first/goal_other": "Start a business",
                      "first/barriers": "childcare bus", "first/agree": "4", "first/stars": "5", "first/nps": "0",
                      "second/name_of_job": "Cook", "second/story": "Long days.", "second/hires": "12",
                      "second/wage": "18.5", "second/start_date": "2026-01-15", "second/contact": "yes",
                      "second/contact_email": "ana@example.org",
                      "childcare/childcare_detail": "Too expensive", "about/age": "25_plus"})
    instance = read_instance(definition, xml, form_id="every-type")
    assert (instance.form_id, instance.version, instance.instance_id) == ("every-type", "3", UUID)
    assert instance.deprecated_id is None and instance.unknown == []
    assert instance.raw["goal"] == {"key": "other", "other": "Start a business"}
    assert instance.raw["barriers"] == ["childcare", "bus"]
    result = clean_answers(definition, instance.raw, reject_unknown=True)
    assert result.errors == {}
    assert result.values["goal"] == Choices(keys=("other",), other="Start a business")
    assert result.values["barriers"] == Choices(keys=("childcare", "bus"))
    assert (result.values["agree"], result.values["stars"], result.values["nps"]) == (4, 5, 0)
    assert (result.values["hires"], result.values["wage"]) == (12, 18.5)
    assert result.values["start_date"] == "2026-01-15"
    assert result.values["contact"] == {"email": "ana@example.org"}
    assert result.values["childcare_detail"] == "Too expensive"
    assert "phone" not in instance.raw["contact"]


def test_empty_fields_are_no_answer_and_required_ones_are_caught(form):
    definition, root = form
    instance = read_instance(definition, fill(root, {"first/barriers": "bus"}), form_id="every-type")
    assert "goal" not in instance.raw and "story" not in instance.raw
    errors = clean_answers(definition, instance.raw).errors
    assert errors["goal"].code == "required"  # the one required question, left empty


def test_a_value_outside_the_bounds_is_refused_by_the_same_rules_as_the_web(form):
    definition, root = form
    instance = read_instance(definition, fill(root, {"first/goal": "job", "second/hires": "501"}),
                             form_id="every-type")
    assert clean_answers(definition, instance.raw).errors["hires"].code == "number_max"


def test_an_edit_names_the_instance_it_replaces(form):
    definition, root = form
    xml = fill(root, {"first/goal": "job"}, deprecated="uuid:0000-old")
    assert read_instance(definition, xml, form_id="every-type").deprecated_id == "uuid:0000-old"


def test_fields_no_question_owns_are_listed_not_dropped(form):
    definition, root = form
    ET.SubElement(root.find("first"), "shoe_size").text = "42"
    ET.SubElement(root, "start").text = "2026-12-07T10:00:00"
    ET.SubElement(root.find("first"), "empty_extra")
    instance = read_instance(definition, fill(root, {"first/goal": "job"}), form_id="every-type")
    assert instance.unknown == ["/every-type/first/shoe_size", "/every-type/start"]


def test_an_unknown_field_nested_deeper_than_pythons_stack_is_listed_not_a_crash(form):
    """A device (or anyone with its key) may send elements nested tens of thousands deep: still read."""
    definition, root = form
    deep = b"<junk>" * 50_000 + b"x" + b"</junk>" * 50_000
    xml = fill(root, {"first/goal": "job"}).replace(b"</first>", deep + b"</first>")
    instance = read_instance(definition, xml, form_id="every-type")
    assert instance.unknown == ["/every-type/first/junk"]
    assert instance.raw["goal"] == "job"


def test_namespaced_instances_read_the_same(form):
    definition, root = form
    plain = fill(root, {"first/goal": "training"})
    namespaced = plain.replace(b"<every-type ", b'<every-type xmlns="http://www.w3.org/2002/xforms" ')
    assert read_instance(definition, namespaced, form_id="every-type").raw == {"goal": "training"}


@pytest.mark.parametrize("xml, words", [
    (b"<every-type id='every-type'><first>", "not well-formed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><every-type id="every-type">&a;</every-type>',
     "refuses"),
    (b"<other id='other-form'><meta><instanceID>uuid:1</instanceID></meta></other>", "'other-form'"),
    (b"<every-type id='every-type'><first><goal>job</goal></first></every-type>", "instanceID"),
])
def test_bad_submissions_are_refused_with_a_reason(xml, words):
    with pytest.raises(InstanceError, match=words):
        read_instance(every_type(), xml, form_id="every-type")


def test_an_employers_jobs_come_back_as_repetitions():
    definition = load_template("employer_skill_needs")
    question = next(q for q in definition.iter_questions() if q.type == "occupation_demand")
    section = next(s for s in definition.sections if question in s.questions)
    root = blank_instance(to_xform(definition, form_id="esn", version="1"))
    group = root.find(section.key)
    job = group.find(question.key)
    if job is None:  # pyxform keeps one repetition besides the template
        job = ET.SubElement(group, question.key)
    for part, value in {"title": "Line cook", "openings": "4", "pay": "18", "pay_unit": "hour",
                        "shift": "night", "hard_to_fill": "yes", "hard_to_fill_why": "Late hours"}.items():
        element = job.find(part)
        if element is None:
            element = ET.SubElement(job, part)
        element.text = value
    second = copy.deepcopy(job)
    second.find("title").text = "Dishwasher"
    group.insert(list(group).index(job) + 1, second)
    group.find(f"{question.key}_organization").text = "Diner Co"
    instance = read_instance(definition, fill(root, {}), form_id="esn")
    raw = instance.raw[question.key]
    assert raw["organization"] == "Diner Co"
    assert [job["title"] for job in raw["occupations"]] == ["Line cook", "Dishwasher"]
    value = clean_answers(definition, {question.key: raw}, only=[question.key]).values[question.key]
    assert [job.title for job in value.occupations] == ["Line cook", "Dishwasher"]
    assert value.occupations[0].pay == 18 and value.occupations[0].hard_to_fill is True
