"""A survey's texts out to XLIFF 1.2 and PO and back: lossless for awkward texts, every problem reported
per unit while the rest still imports, and hostile or broken files refused with a message, never a crash."""

from __future__ import annotations

import copy
import re

import pytest
from defusedxml.ElementTree import fromstring
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys import builder
from surveys import translation_files as files
from tests.surveys.helpers import every_type_data

NS = {"x": files.XLIFF_NS}
AWKWARD = {
    "title": 'The "best" job & <you>',
    "intro": "Line one\nLine two\r\nfrom Windows\n\nA tab\there, a backslash \\ and 'quotes'",
    "sections.first.title": "Emoji 👩🏽‍🔧 and {name} and 100%s",
    "sections.first.questions.goal.text": "مرحبا، ما هدفك؟ (RTL with English inside)",
    "sections.first.questions.goal.options.job": "A job — see https://example.org/jobs?a=1&b=2",
    "sections.first.questions.stars.settings.low_label": "]]> & &amp; <![CDATA[",
}


def awkward_data() -> dict:
    """The every-type survey in English and Arabic, some texts full of characters files mangle."""
    data = every_type_data()
    data["languages"] = ["en", "ar"]
    data["sections"][0]["questions"][3]["settings"]["low_label"] = {"en": "Bad", "es": "Malo"}
    data["sections"][0]["questions"][1]["help"] = {"en": "Write to jobs@example.org"}
    for unit in files.units_of(data):
        unit.texts.pop("es", None)
        unit.texts["ar"] = f"ع {unit.texts['en']}"
    for unit in files.units_of(data):
        if unit.id in AWKWARD:
            unit.texts["en"] = AWKWARD[unit.id]
            unit.texts["ar"] = f"ترجمة: {AWKWARD[unit.id]}"
    return data


def without(data: dict, language: str) -> dict:
    bare = copy.deepcopy(data)
    for unit in files.units_of(bare):
        unit.texts.pop(language, None)
    bare["languages"] = [lang for lang in bare["languages"] if lang != language]
    return bare


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_texts_with_quotes_newlines_emoji_and_rtl_come_back_unchanged(file_format):
    data = awkward_data()
    assert builder.check(data)  # a valid survey to start with
    exported = files.export(data, file_format, source="en", target="ar", original="awkward")

    parsed = files.read_translation_file(exported)
    assert parsed.target_language == "ar" and parsed.source_language == "en"
    bare = without(data, "ar")
    result = files.review(bare, parsed)
    assert not result.problems and result.new_language
    assert all(not row.issues for row in result.rows), [row for row in result.rows if row.issues]
    restored = files.apply_translations(bare, result.language, result.accepted)
    assert restored == data
    builder.check(restored)


def test_xliff_is_version_1_2_with_each_texts_place_limit_and_existing_translation():
    data = awkward_data()
    root = fromstring(files.to_xliff(data, source="en", target="ar", original="awkward"))
    assert root.get("version") == "1.2"
    file = root.find("x:file", NS)
    assert (file.get("source-language"), file.get("target-language")) == ("en", "ar")
    unit = root.find(".//x:trans-unit[@id='sections.first.questions.goal.options.job']", NS)
    assert unit.get("maxwidth") == "300" and unit.get("size-unit") == "char"
    assert unit.find("x:source", NS).text == AWKWARD["sections.first.questions.goal.options.job"]
    assert unit.find("x:target", NS).get("state") == "translated"
    assert "Question 1, answer 1" in unit.find("x:note", NS).text
    untranslated = files.to_xliff(data, source="en", target="vi", original="awkward")
    assert b"<target" not in untranslated


def test_po_uses_the_path_as_msgctxt_and_the_source_as_msgid():
    text = files.to_po(awkward_data(), source="en", target="zh-Hans", original="awkward").decode()
    assert '"Language: zh_Hans\\n"' in text
    assert ('msgctxt "sections.first.questions.barriers.options.childcare"\nmsgid "Childcare"\nmsgstr ""'
            in text)
    assert files.read_translation_file(text.encode()).target_language == "zh-Hans"


def fill(exported: bytes, words: dict[str, str]) -> bytes:
    """An exported PO file with ``msgstr`` filled for the given ids (as a translator's tool would)."""
    text = exported.decode()
    for unit_id, target in words.items():
        text = re.sub(rf'(msgctxt "{re.escape(unit_id)}"\nmsgid .*?\n)msgstr ""', lambda m, target=target: m.group(1)
                      + f'msgstr "{target}"', text, flags=re.DOTALL)
    return text.encode()


def test_each_problem_is_reported_on_its_unit_and_the_good_ones_still_import():
    data = every_type_data()
    data["sections"][0]["title"]["en"] = "Hello {name}"
    exported = files.to_po(data, source="en", target="vi", original="s")
    text = fill(exported, {
        "title": "Mọi loại",
        "sections.first.title": "Xin chào",  # placeholder dropped
        "sections.first.questions.goal.text": "x" * 1001,  # longer than a question may be
        "sections.first.questions.barriers.text": "Trở ngại?",
    }).decode()
    text = text.replace('msgctxt "sections.first.questions.barriers.text"',
                        '#, fuzzy\nmsgctxt "sections.first.questions.barriers.text"')
    text += '\nmsgctxt "sections.gone.questions.gone.text"\nmsgid "Gone"\nmsgstr "Mất"\n'
    result = files.review(data, files.read_translation_file(text.encode()))

    issues = {row.id: " ".join(issue.message for issue in row.issues) for row in result.rows if row.issues}
    assert "Missing placeholder {name}" in issues["sections.first.title"]
    assert "at most 1,000 characters (it has 1,001)" in issues["sections.first.questions.goal.text"]
    assert "needing review" in issues["sections.first.questions.barriers.text"]
    assert "No text of the survey has this id" in issues["sections.gone.questions.gone.text"]
    assert "Not translated" in issues["sections.first.questions.agree.text"]
    assert result.accepted == {"title": "Mọi loại"}
    applied = files.apply_translations(data, "vi", result.accepted)
    assert applied["languages"] == ["en", "es", "vi"] and applied["title"]["vi"] == "Mọi loại"
    assert "vi" not in applied["sections"][0]["title"]  # refused: nothing half-written
    assert applied["sections"][0]["title"]["es"] == data["sections"][0]["title"]["es"]  # nothing lost


def test_an_empty_target_keeps_the_translation_the_survey_has():
    data = every_type_data()
    exported = files.to_po(data, source="en", target="es", original="s").decode()
    emptied = exported.replace('msgstr "Todos los tipos"', 'msgstr ""').encode()
    result = files.review(data, files.read_translation_file(emptied))
    row = next(row for row in result.rows if row.id == "title")
    assert row.blocked and "keeps its words" in row.issues[0].message
    assert files.apply_translations(data, "es", result.accepted)["title"]["es"] == "Todos los tipos"


def test_a_question_moved_to_another_page_is_still_found_and_changed_sources_are_flagged():
    data = every_type_data()
    exported = files.to_xliff(data, source="en", target="es", original="s")
    moved = copy.deepcopy(data)
    story = moved["sections"][1]["questions"].pop(1)
    moved["sections"][3]["questions"].append(story)
    story["text"]["en"] = "Tell us more."
    result = files.review(moved, files.read_translation_file(exported))
    row = next(row for row in result.rows if row.id == "sections.about.questions.story.text")
    assert [issue.blocking for issue in row.issues] == [False]
    assert "source words changed" in row.issues[0].message


def test_a_regional_code_lands_on_the_surveys_language_and_an_eleventh_language_is_refused():
    data = every_type_data()
    exported = files.to_xliff(data, source="en", target="es-MX", original="s")
    assert files.review(data, files.read_translation_file(exported)).language == "es"
    data["languages"] = ["en", "es", "fr", "de", "it", "pt", "vi", "ar", "ht", "ko"]
    result = files.review(data, files.read_translation_file(
        files.to_po(data, source="en", target="so", original="s")))
    assert result.problems and "at most 10 languages" in result.problems[0]
    assert result.accepted == {}


BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<xliff version="1.2"><file target-language="vi"><body><trans-unit id="title"><target>&b;</target></trans-unit>
</body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file target-language="vi"><body><trans-unit id="title"><target>&e;</target></trans-unit>
</body></file></xliff>"""


@pytest.mark.parametrize(("content", "message"), [
    (BILLION_LAUGHS, "DTD or entities"),
    (EXTERNAL, "DTD or entities"),
    (b'<xliff version="2.0" srcLang="en" trgLang="vi"><file id="f"/></xliff>', "reads XLIFF 1.2"),
    (b"<html><body>hi</body></html>", "not XLIFF"),
    (b'<xliff version="1.2"><file source-language="en"><body/></file></xliff>', "target language"),
    (b"<xliff version='1.2'><file", "not well-formed"),
    (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "Language: vi"),
    (b"\xff\xfe\x00\x01 not text", "neither XLIFF nor a readable PO"),
    (b"   ", "empty"),
    (b"<" + b"a" * (files.MAX_BYTES + 1), "larger than"),
])
def test_broken_and_hostile_files_are_refused_with_a_reason(content, message):
    with pytest.raises(files.FileProblem, match=message):
        files.read_translation_file(content)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode)
       | st.text(max_size=200).map(lambda s: f'<xliff version="1.2"><file target-language="vi">{s}'.encode()))
def test_any_bytes_read_as_a_translation_or_a_reason(content):
    data = every_type_data()
    try:
        parsed = files.read_translation_file(content)
    except files.FileProblem as problem:
        assert str(problem).strip(), "a refusal says why"
        return
    checked = files.review(data, parsed)
    assert checked.language == parsed.target_language
    assert data == every_type_data(), "reviewing a file changes nothing"
    known = {row.id for row in checked.rows}
    assert set(checked.accepted) <= known, "only texts of the survey are accepted"
