"""A survey's texts in the files translators work in: XLIFF 1.2 and gettext PO, out and back in.

Staff send a translator one file per target language; the translator fills it in Poedit, Weblate,
Crowdin, memoQ or a text editor; staff bring it back. Each text of the survey is one *unit*, named by a
stable path in the definition (``sections.barriers.questions.barriers.options.childcare``): the XLIFF
``trans-unit`` id, the PO ``msgctxt``. The unit carries the source-language words (XLIFF ``source``, PO
``msgid``) and the target-language words (``target``, ``msgstr``), with a note saying where the text is
and how long it may be.

**Why XLIFF 1.2, not 2.0.** 1.2 is the version every tool named above reads and writes natively
(translate-toolkit, behind Weblate and Pootle, and Okapi read 2.0 only in part; memoQ and Trados take
2.0 through a separate filter), and ``maxwidth``/``size-unit="char"`` carries each text's limit to the
tools that enforce one. A 2.0 file is refused with a message that says to export 1.2.

Reading a file back never changes a definition by itself: :func:`review` compares it with the survey and
says, per unit, what would change and what is wrong (an unknown unit, a placeholder or web address
dropped, an empty target, words too long for :data:`surveys.definition.TEXT_LIMITS`, a translation the
file marks as needing review). :func:`apply_translations` then lays the accepted words over a copy of the
definition, adding the language when it is new; the caller checks and saves it as any builder change.
A unit that is refused, or left empty, leaves the survey's words as they were: nothing is lost.

XML is parsed with :mod:`defusedxml` (no DTDs, entities or external references); files are bounded by
:data:`MAX_BYTES` and :data:`MAX_UNITS`. This module knows no request and no database.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from xml.etree.ElementTree import Element, ParseError

from babel.messages.pofile import PoFileError, read_po
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .catalog import N_
from .definition import LANGUAGE_PATTERN, LIMITS, TEXT_LIMITS
from .i18n import ENGLISH_NAMES
from .message import Message

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_UNITS",
    "Entry",
    "FileProblem",
    "Review",
    "Row",
    "TranslationFile",
    "Unit",
    "apply_translations",
    "export",
    "read_translation_file",
    "review",
    "survey_language",
    "to_po",
    "to_xliff",
    "units_of",
]

Format = Literal["xliff", "po"]
FORMATS: dict[str, tuple[str, str]] = {
    "xliff": ("XLIFF 1.2", "xlf"),
    "po": ("PO (gettext)", "po"),
}
"""Each format by its name for people and its file extension."""

MAX_BYTES = 1_500_000
"""The largest translation file read: several times a 300-question survey in two languages, and small
enough that a preview's form (which carries the accepted words) stays under the request limit."""
MAX_UNITS = 20_000
"""The most units a file may hold; a survey has far fewer texts (300 questions of 100 choices at most)."""

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
LIMIT_OF_LABEL = TEXT_LIMITS["option"]  # a rating's end words and an employer's credentials are as short

# Tokens a translation must keep: a {name} or %s placeholder (refused without it) and web and email
# addresses (flagged: a translator may point to a page in the target language on purpose).
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}|%(?:\([A-Za-z0-9_]+\))?[sdif]")
ADDRESS = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Characters XML 1.0 cannot hold at all; written as U+FFFD in XLIFF (PO carries them).
SOURCE_HEADER = re.compile(r'^"X-Chorus-Source-Language: ([A-Za-z0-9_-]{1,20})\\n"$', re.MULTILINE)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# -- the units of a definition -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One translatable text of a survey: its stable id, where it is (for people), its longest length,
    and its words per language (the very dict inside the definition it was read from)."""

    id: str
    where: Message
    limit: int
    texts: dict[str, Any]

    def words(self, language: str) -> str:
        value = self.texts.get(language)
        return value if isinstance(value, str) else ""


def units_of(data: Mapping[str, Any]) -> list[Unit]:
    """Every per-language text of a definition (a plain dict in the documented format), in the order
    people meet them. The units hold the definition's own dicts, so :func:`apply_translations` can change
    them in place on a copy."""
    return list(_units(data))


def _units(data: Mapping[str, Any]) -> Iterator[Unit]:
    def texts(holder: Any, name: str) -> dict[str, Any] | None:
        value = holder.get(name) if isinstance(holder, Mapping) else None
        return value if isinstance(value, dict) else None

    for name, where, limit in (("title", N_("Survey title"), "title"), ("intro", N_("Introduction"), "intro")):
        if (found := texts(data, name)) is not None:
            yield Unit(name, Message(where), TEXT_LIMITS[limit], found)
    number = 0
    for page, section in enumerate(data.get("sections") or [], start=1):
        if not isinstance(section, Mapping):
            continue
        s_path = f"sections.{section.get('key')}"
        if (found := texts(section, "title")) is not None:
            yield Unit(f"{s_path}.title", Message(N_("Page %(page)s title"), page=page), TEXT_LIMITS["title"],
                       found)
        for question in section.get("questions") or []:
            if not isinstance(question, Mapping):
                continue
            number += 1
            q_path = f"{s_path}.questions.{question.get('key')}"
            for name, where in (("text", N_("Question %(number)s")), ("help", N_("Question %(number)s, help text"))):
                if (found := texts(question, name)) is not None:
                    yield Unit(f"{q_path}.{name}", Message(where, number=number), TEXT_LIMITS[name], found)
            for o_number, option in enumerate(question.get("options") or [], start=1):
                if (found := texts(option, "text")) is not None:
                    yield Unit(f"{q_path}.options.{option.get('key')}",
                               Message(N_("Question %(number)s, answer %(answer)s"), number=number, answer=o_number),
                               TEXT_LIMITS["option"], found)
            settings = question.get("settings") if isinstance(question.get("settings"), Mapping) else {}
            for name, where in (("low_label", N_("Question %(number)s, words for the lowest point")),
                                ("high_label", N_("Question %(number)s, words for the highest point"))):
                if (found := texts(settings, name)) is not None:
                    yield Unit(f"{q_path}.settings.{name}", Message(where, number=number), LIMIT_OF_LABEL, found)
            for c_number, item in enumerate(settings.get("credentials") or [], start=1):
                if (found := texts(item, "text")) is not None:
                    yield Unit(f"{q_path}.settings.credentials.{item.get('key')}",
                               Message(N_("Question %(number)s, licence or certificate %(item)s"), number=number,
                                       item=c_number), LIMIT_OF_LABEL, found)


_QUESTION_PATH = re.compile(r"sections\.[^.]*\.(questions\.[^.]+\..+)")


def _by_id(units: list[Unit]) -> dict[str, Unit]:
    """Units by id, and by ``questions.<key>...`` too: question keys are unique in a survey, so a
    question moved to another page since the file was made is still found."""
    found: dict[str, Unit] = {}
    for unit in units:
        found[unit.id] = unit
        if match := _QUESTION_PATH.fullmatch(unit.id):
            found.setdefault(match.group(1), unit)
    return found


def _lookup(index: dict[str, Unit], unit_id: str) -> Unit | None:
    if unit_id in index:
        return index[unit_id]
    match = _QUESTION_PATH.fullmatch(unit_id)
    return index.get(match.group(1)) if match else None


# -- writing ---------------------------------------------------------------------------------------------------

def export(data: Mapping[str, Any], file_format: Format, *, source: str, target: str, original: str) -> bytes:
    """The survey's texts in ``file_format`` (``"xliff"`` or ``"po"``) for a translator from ``source``
    into ``target``; ``original`` names the survey in the file (its web address)."""
    writer = to_xliff if file_format == "xliff" else to_po
    return writer(data, source=source, target=target, original=original)


def _exported(data: Mapping[str, Any], source: str) -> list[Unit]:
    """The units a file carries: those with words in the source language (nothing else to translate)."""
    return [unit for unit in units_of(data) if unit.words(source).strip()]


def _note(unit: Unit) -> str:
    return f"{unit.where}. At most {unit.limit:,} characters."


def _xml_text(text: str) -> str:
    text = NOT_XML.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _xml_attr(text: str) -> str:
    return (_xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def to_xliff(data: Mapping[str, Any], *, source: str, target: str, original: str) -> bytes:
    """The texts as an XLIFF 1.2 document: one ``trans-unit`` per text, its target filled when the survey
    already has words in ``target`` (``state="translated"``), absent otherwise."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff version="1.2" xmlns="{XLIFF_NS}">',
        (f'<file original="{_xml_attr(original)}" datatype="plaintext" source-language="{_xml_attr(source)}" '
        f'target-language="{_xml_attr(target)}">'),
        ('<header><tool tool-id="chorus" tool-name="Chorus"/>'
        f"<note>Survey texts from {_xml_text(ENGLISH_NAMES.get(source, source))} into "
        f"{_xml_text(ENGLISH_NAMES.get(target, target))}. Keep each id; keep {{placeholders}} and web "
        "addresses.</note></header>"),
        "<body>",
    ]
    for unit in _exported(data, source):
        lines.append(f'<trans-unit id="{_xml_attr(unit.id)}" resname="{_xml_attr(unit.id)}" '
                     f'maxwidth="{unit.limit}" size-unit="char" xml:space="preserve">')
        lines.append(f"<source>{_xml_text(unit.words(source))}</source>")
        if unit.words(target).strip():
            lines.append(f'<target state="translated">{_xml_text(unit.words(target))}</target>')
        lines.append(f'<note from="chorus">{_xml_text(_note(unit))}</note>')
        lines.append("</trans-unit>")
    lines += ["</body>", "</file>", "</xliff>", ""]
    return "\n".join(lines).encode("utf-8")


def _po_string(text: str) -> str:
    """A PO string, one quoted line per line of the text (the first empty when there are several)."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r"))
    parts = escaped.split("\n")
    if len(parts) == 1:
        return f'"{parts[0]}"'
    pieces = [part + "\\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return '""\n' + "\n".join(f'"{piece}"' for piece in pieces)


def _po_language(code: str) -> str:
    """``zh-Hans`` as gettext writes it, ``zh_Hans``."""
    return code.replace("-", "_")


def to_po(data: Mapping[str, Any], *, source: str, target: str, original: str) -> bytes:
    """The texts as a gettext PO file: ``msgctxt`` the unit's id, ``msgid`` the source words, ``msgstr``
    the target words (empty when not yet translated)."""
    header = [
        f"Project-Id-Version: {original}",
        f"Language: {_po_language(target)}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "X-Generator: Chorus",
        f"X-Chorus-Source-Language: {source}",
    ]
    out = [f"# Survey texts from {ENGLISH_NAMES.get(source, source)} into {ENGLISH_NAMES.get(target, target)}.",
           "# Keep each msgctxt; keep {placeholders} and web addresses.",
           'msgid ""', 'msgstr ""', *[f'"{line}\\n"' for line in header], ""]
    for unit in _exported(data, source):
        out.append(f"#. {_note(unit)}")
        out.append(f"msgctxt {_po_string(unit.id)}")
        out.append(f"msgid {_po_string(unit.words(source))}")
        out.append(f"msgstr {_po_string(unit.words(target))}")
        out.append("")
    return "\n".join(out).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------------------------

class FileProblem(ValueError):
    """The file cannot be read as a translation of this survey; ``message`` says why, for people."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    """One unit as the file has it: its id, source and target words, and whether the file marks the
    translation as needing review (PO ``fuzzy``, XLIFF ``state="needs-review-…"``)."""

    id: str
    source: str
    target: str
    needs_review: bool = False


@dataclass(frozen=True)
class TranslationFile:
    """What a translation file says: its format, languages and units."""

    format: Format
    source_language: str | None
    target_language: str
    entries: tuple[Entry, ...]


def read_translation_file(data: bytes) -> TranslationFile:
    """Read an XLIFF 1.2 or PO file (told apart by their content, not their name).

    Raises:
        FileProblem: too large, not XLIFF or PO, no target language, or too many units.
    """
    if len(data) > MAX_BYTES:
        raise FileProblem(Message(N_("The file is larger than %(size)s MB; a survey's texts are far smaller. Is it "
                                     "the right file?"), size=f"{MAX_BYTES // 1_000_000:.1f}".removesuffix(".0")))
    if not data.strip():
        raise FileProblem(Message(N_("The file is empty.")))
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    parsed = _read_xliff(data) if head == b"<" else _read_po(data)
    if len(parsed.entries) > MAX_UNITS:
        raise FileProblem(Message(N_("The file has %(units)s units; a survey has at most %(most)s texts."),
                                  units=f"{len(parsed.entries):,}", most=f"{MAX_UNITS:,}"))
    return parsed


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _language(code: str | None) -> str | None:
    """A language code as surveys write it (``vi``, ``zh-Hans``, ``pt-BR``), or ``None`` when it is none."""
    if not code:
        return None
    parts = code.strip().replace("_", "-").split("-")
    if not parts[0]:
        return None
    shaped = [parts[0].lower()] + [part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
                                   for part in parts[1:]]
    result = "-".join(shaped)
    return result if LANGUAGE_PATTERN.fullmatch(result) else None


def _read_xliff(data: bytes) -> TranslationFile:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FileProblem(Message(N_("The file declares a DTD or entities, which a translation file has no need "
                                     "of; Chorus does not read them."))) from None
    except (ParseError, ValueError) as error:
        raise FileProblem(Message(N_("The file is not well-formed XML (%(error)s). Send it back as the translation "
                                     "tool saved it."), error=str(error))) from None
    if _local(root.tag) != "xliff":
        raise FileProblem(Message(N_("The file is XML but not XLIFF.")))
    version = root.get("version", "")
    if not version.startswith("1."):
        raise FileProblem(Message(N_("This is XLIFF %(version)s; Chorus reads XLIFF 1.2. Export the translation as "
                                     "XLIFF 1.2 (most tools offer it)."),
                                  version=version or Message(N_("of an unknown version"))))
    files = [child for child in root if _local(child.tag) == "file"]
    if not files:
        raise FileProblem(Message(N_("The XLIFF file holds no <file> element.")))
    targets = {_language(f.get("target-language")) for f in files}
    sources = {_language(f.get("source-language")) for f in files}
    if len(targets) != 1 or None in targets:
        raise FileProblem(Message(N_("The XLIFF file must name one target language (target-language), such as "
                                     "\"vi\".")))
    entries = []
    for unit in root.iter():
        if _local(unit.tag) != "trans-unit":
            continue
        if len(entries) >= MAX_UNITS:
            raise FileProblem(Message(N_("The file has more than %(most)s units; a survey has far fewer texts."),
                                      most=f"{MAX_UNITS:,}"))
        source = _child(unit, "source")
        target = _child(unit, "target")
        state = target.get("state", "") if target is not None else ""
        entries.append(Entry(id=unit.get("id") or unit.get("resname") or "",
                             source=_words(source), target=_words(target),
                             needs_review=state.startswith("needs-review")))
    return TranslationFile("xliff", sources.pop() if len(sources) == 1 else None, targets.pop(), tuple(entries))


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _words(element: Element | None) -> str:
    """The text of a source or target, inline elements' text included."""
    return "".join(element.itertext()) if element is not None else ""


def _read_po(data: bytes) -> TranslationFile:
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, LookupError) as error:  # UnicodeDecodeError is a ValueError
        raise FileProblem(Message(N_("The file is neither XLIFF nor a readable PO file (%(error)s)."),
                                  error=str(error))) from None
    headers = {name.lower(): value for name, value in catalog.mime_headers}
    target = _language(headers.get("language"))
    if target is None:
        raise FileProblem(Message(N_("The PO file must name its language in its header (Language: vi).")))
    entries = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if isinstance(message.id, (tuple, list)) or isinstance(message.string, (tuple, list)):
            entries.append(Entry(id=message.context or "", source="", target=""))
            continue
        entries.append(Entry(id=message.context or "", source=message.id, target=message.string or "",
                             needs_review=message.fuzzy))
    # Babel keeps only the headers it knows; the source language is Chorus's own.
    source = SOURCE_HEADER.search(data[:4096].decode("utf-8", "replace"))
    return TranslationFile("po", _language(source.group(1)) if source else None, target, tuple(entries))


# -- comparing with the survey ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Issue:
    """Something wrong with one unit; ``blocking`` when its words are therefore not used."""

    message: Message
    blocking: bool


@dataclass
class Row:
    """One unit of the file against the survey: its words before and after, and what is wrong."""

    id: str
    where: Message
    source: str
    before: str
    after: str
    issues: list[Issue] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return any(issue.blocking for issue in self.issues)

    @property
    def changes(self) -> bool:
        """Whether importing changes the survey's words for this text."""
        return not self.blocked and bool(self.after) and self.after != self.before


@dataclass
class Review:
    """A file compared with a survey: per unit, what changes and what is wrong; ``problems`` stop the
    whole file."""

    language: str
    source_language: str
    new_language: bool
    rows: list[Row] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    untranslated: list[Message] = field(default_factory=list)  # "where" of survey texts the file leaves untranslated

    @property
    def accepted(self) -> dict[str, str]:
        """The words to lay over the survey, by unit id."""
        return {} if self.problems else {row.id: row.after for row in self.rows if row.changes}

    @property
    def with_issues(self) -> list[Row]:
        return [row for row in self.rows if row.issues]


def _tokens(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted(set(pattern.findall(text)))


def _check(row: Row, unit: Unit, source_words: str, file_source: str, limit: int, needs_review: bool) -> None:
    words = row.after
    if needs_review:
        row.issues.append(Issue(Message(N_("The file marks this translation as needing review (fuzzy); it is not "
                                           "used.")), True))
    if not words.strip():
        row.issues.append(Issue(Message(N_("Not translated in the file; the survey keeps its words.")) if row.before
                                else Message(N_("Not translated in the file; the survey keeps it missing.")), True))
        return
    if "\x00" in words or ("\ufffd" in words and "\ufffd" not in source_words):
        row.issues.append(Issue(Message(N_("Holds a character that cannot be stored (NUL or a replacement mark "
                                           "�).")), True))
    if len(words.strip()) > limit:
        row.issues.append(Issue(Message(N_("Too long: at most %(most)s characters (it has %(length)s)."),
                                        most=f"{limit:,}", length=f"{len(words.strip()):,}"), True))
    missing = [token for token in _tokens(PLACEHOLDER, source_words) if token not in words]
    if missing:
        row.issues.append(Issue(Message(N_("Missing placeholder %(placeholders)s from the source."),
                                        placeholders=", ".join(missing)), True))
    dropped = [token for token in _tokens(ADDRESS, source_words) if token not in words]
    if dropped:
        row.issues.append(Issue(Message(N_("The source's address %(addresses)s is not in the translation; check it "
                                           "points somewhere right."), addresses=", ".join(dropped)), False))
    if file_source and file_source.strip() != source_words.strip():
        row.issues.append(Issue(Message(N_("The source words changed since the file was made; check the "
                                           "translation still fits them.")), False))


def review(data: Mapping[str, Any], parsed: TranslationFile, *, source: str | None = None) -> Review:
    """Compare a translation file with a definition, unit by unit, changing nothing.

    Args:
        data: the survey's definition as a plain dict.
        parsed: what :func:`read_translation_file` read.
        source: the language the translator read from; by default the file's source language when the
            survey has it, else the survey's first language.

    Returns:
        A :class:`Review`: its rows say what importing would change; its ``problems`` refuse the file.
    """
    languages = [lang for lang in data.get("languages") or ["en"] if isinstance(lang, str)]
    source = source or (parsed.source_language if parsed.source_language in languages else languages[0])
    target = _survey_language(parsed.target_language, languages)
    result = Review(language=target, source_language=source, new_language=target not in languages)
    if target == source:
        result.problems.append(Message(N_("The file is a translation into %(language)s, the language it is "
                                          "translated from."), language=ENGLISH_NAMES.get(target, target)))
    if result.new_language and len(languages) >= LIMITS["languages"]:
        result.problems.append(Message(N_("A survey has at most %(most)s languages; this one has %(count)s. Remove "
                                          "one in the builder before adding %(language)s."),
                                       most=LIMITS["languages"], count=len(languages),
                                       language=ENGLISH_NAMES.get(target, target)))
    units = units_of(data)
    index = _by_id(units)
    seen: set[str] = set()
    for entry in parsed.entries:
        unit = _lookup(index, entry.id)
        if unit is None:
            row = Row(entry.id, Message(N_("Not in the survey")), entry.source, "", entry.target)
            row.issues.append(Issue(Message(N_("No text of the survey has this id (removed since the file was made, "
                                               "or the id was changed); it is not used.")) if entry.id else
                                    Message(N_("A unit without an id (msgctxt); it is not used.")), True))
            result.rows.append(row)
            continue
        row = Row(unit.id, unit.where, unit.words(source), unit.words(target), entry.target.strip())
        if unit.id in seen:
            row.issues.append(Issue(Message(N_("This text appears twice in the file; only the first is used.")), True))
        else:
            _check(row, unit, unit.words(source), entry.source, unit.limit, entry.needs_review)
        seen.add(unit.id)
        result.rows.append(row)
    used = {row.id for row in result.rows if row.changes or (row.after and row.after == row.before)}
    result.untranslated = [unit.where for unit in units
                           if unit.words(source).strip() and unit.id not in used and not unit.words(target).strip()]
    return result


def survey_language(code: str | None, languages: list[str]) -> str | None:
    """A code as a person types it or a tool writes it (``zh_Hans``, ``ES``, ``vi-VN``) in the survey's own
    spelling when it has the language (``zh-Hans``, ``es``, ``vi``), else shaped as surveys write codes;
    ``None`` when it is no language code."""
    shaped = _language(code)
    return None if shaped is None else _survey_language(shaped, languages)


def _survey_language(code: str, languages: list[str]) -> str:
    """The survey's own code for the file's language (``vi-VN`` is the survey's ``vi``), or the file's."""
    for lang in languages:
        if lang.lower() == code.lower():
            return lang
    base = code.split("-")[0]
    if base != code and base in languages:
        return base
    return code


def apply_translations(data: Mapping[str, Any], language: str, words: Mapping[str, str]) -> dict[str, Any]:
    """A copy of the definition with ``words`` (by unit id) written in ``language``, which is added to the
    survey's languages when new. Ids the survey does not have are ignored (:func:`review` reports them)."""
    new = copy.deepcopy(dict(data))
    languages = new.setdefault("languages", ["en"])
    if language not in languages:
        languages.append(language)
    index = _by_id(units_of(new))
    for unit_id, text in words.items():
        unit = _lookup(index, unit_id)
        if unit is not None and isinstance(text, str) and text.strip():
            unit.texts[language] = text.strip()
    return new
