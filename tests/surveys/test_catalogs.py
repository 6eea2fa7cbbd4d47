"""The interface catalogs: complete in every shipped language, placeholders kept, compiled files in step
with what translators edit, machine translations marked, English where a text is missing."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from feedback.interface_language import STAFF_LANGUAGES
from feedback.public.strings import text as public_text
from feedback.respondent.strings import text as page_text
from surveys import catalog
from surveys.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, direction, message

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in SUPPORTED_LANGUAGES if code != "en"]
REVIEWED = {"es"}  # languages whose page texts a person has checked; the others were made by a machine
PAGE_NAMESPACES = {"respondent", "public", "answer"}  # what respondents and the public read
# The keywords `make translations` extracts (Makefile): gettext's, and Flask-Babel's lazy ones.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2),
            "CodebookError": None}  # as `make translations` extracts (its -k options)
PERCENT_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
"""A ``%(name)s`` a staff text fills in (Flask-Babel's gettext)."""


def _source_texts() -> dict[tuple[str | None, str], str]:
    """Every text the code holds today, (context, English) -> English, extracted as `make translations` does."""
    with (catalog.CATALOG_DIRECTORY / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for _file, _line, english, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        english = english[0] if isinstance(english, tuple) else english  # ngettext: the singular names it
        found[(context, english)] = english
    return found


def _page_text(key: tuple[str | None, str]) -> bool:
    """Respondent, public and answer texts (keyed ``<namespace>:<key>``), as opposed to staff texts."""
    return key[0] is not None and key[0].split(":")[0] in PAGE_NAMESPACES


def _untranslated(code: str, which) -> list[tuple[str | None, str]]:
    po = catalog.read_catalog(code)
    assert po is not None, f"no catalog for {code}"
    return sorted((m.context or "", m.id if isinstance(m.id, str) else m.id[0])
                  for m in po if m.id and which((m.context, m.id if isinstance(m.id, str) else m.id[0]))
                  and not (m.string if isinstance(m.string, str) else all(m.string)))


def test_the_template_holds_every_text_of_the_code():
    """A text added to the code without `make translations` would never reach a translator."""
    with (catalog.CATALOG_DIRECTORY / "messages.pot").open("rb") as handle:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}
    assert template == set(_source_texts()), "run `make translations` to refresh surveys/translations"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_page_text_is_translated_and_keeps_its_placeholders(code):
    """Respondents and the public read every shipped language in full."""
    assert _untranslated(code, _page_text) == [], f"{LANGUAGE_NAMES[code]}: untranslated page texts"
    po = catalog.read_catalog(code)
    for entry in po:
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        for form, string in enumerate(strings):
            english = ids[min(form, len(ids) - 1)]  # plural forms after the first follow the English plural
            for pattern in (catalog.PLACEHOLDER, PERCENT_PLACEHOLDER):
                if string:  # an empty form falls back to English
                    found, wanted = set(pattern.findall(string)), set(pattern.findall(english))
                    # every value kept, none invented; a plural form may say "one" instead of the number
                    assert wanted - {"num"} <= found <= wanted | {"num"}, (code, entry.context, english, string)
    assert {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in po if m.id} == set(_source_texts())


@pytest.mark.parametrize("code", TRANSLATED)
def test_staff_texts_are_complete_where_staff_pages_offer_the_language(code):
    """Staff pages offer only languages their texts are translated into; elsewhere a staff text is English.

    On failure the message lists every untranslated staff text of the language: what a translator is asked.
    """
    missing = _untranslated(code, lambda key: not _page_text(key))
    if code in STAFF_LANGUAGES:
        assert missing == [], f"{LANGUAGE_NAMES[code]}: {len(missing)} untranslated staff texts: {missing}"
    else:
        assert code not in STAFF_LANGUAGES and missing, f"{code}: offer it on the account page"


def _entry(message) -> tuple:
    """(context, English, translation) with plural forms as tuples, as .po and .mo both give them."""
    as_tuple = (lambda v: v if isinstance(v, str) else tuple(v))
    return message.context, as_tuple(message.id), as_tuple(message.string)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_one_translators_edit(code):
    """Chorus reads the .mo: it must say what the .po says (`make translations` compiles it)."""
    folder = catalog.CATALOG_DIRECTORY / catalog.catalog_locale(code) / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as handle:
        edited = {_entry(m) for m in read_po(handle) if m.id and (
            m.string if isinstance(m.string, str) else all(m.string))}
    # An untranslated plural is compiled with its English forms (gettext's fallback, as for any missing text).
    compiled = {_entry(m) for m in read_mo(io.BytesIO((folder / "messages.mo").read_bytes())) if m.id
                and not (isinstance(m.id, tuple | list) and set(m.string) <= set(m.id))}
    assert compiled == edited


@pytest.mark.parametrize("code", TRANSLATED)
def test_machine_translations_are_marked_until_a_person_reviews_them(code):
    marked = set(catalog.unreviewed(code))
    page_texts = {context for context, _english in _source_texts() if context and _page_text((context, ""))}
    if code in REVIEWED:
        assert marked.isdisjoint(page_texts)
    else:
        assert page_texts <= marked, f"{code}: every machine-made entry carries the mark"


def test_a_page_speaks_the_chosen_language_and_english_where_a_text_is_missing():
    assert page_text("es", "next") == "Continuar"
    assert page_text("es", "step", n=2, total=5) == "Paso 2 de 5"
    assert message("es", "required") == "Responda esta pregunta"
    assert page_text("ko", "next") == "Continue"  # no Korean catalog: English, never blank
    for code in TRANSLATED:
        assert page_text(code, "next") and page_text(code, "next") != "Continue", code
        assert "{" not in public_text(code, "intro", partnership="Tri-County")


def test_languages_are_named_in_their_own_words_and_written_their_own_way():
    assert LANGUAGE_NAMES["es"] == "Español" and LANGUAGE_NAMES["vi"] == "Tiếng Việt"
    assert LANGUAGE_NAMES.get("not a code", "not a code") == "not a code"
    assert direction("ar") == "rtl" and direction("fa") == "rtl" and direction("vi") == "ltr"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_translations_adds_a_language_written_as_surveys_write_it(tmp_path):
    """`make translations LANGUAGE=pt-BR` (a survey's spelling) starts the catalog gettext reads (pt_BR);
    pybabel refuses the hyphen, so passing it through failed."""
    shutil.copy(catalog.CATALOG_DIRECTORY / "messages.pot", tmp_path / "messages.pot")
    planned = subprocess.run(["make", "-n", "translations", "LANGUAGE=pt-BR", f"CATALOGS={tmp_path}",
                              f"BIN={Path(sys.executable).parent}", "VENV=/nonexistent"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
    start = next(line for line in planned.splitlines() if "pybabel init" in line)
    subprocess.run(start, shell=True, cwd=ROOT, check=True, capture_output=True)
    assert (tmp_path / catalog.catalog_locale("pt-BR") / "LC_MESSAGES" / "messages.po").exists()
