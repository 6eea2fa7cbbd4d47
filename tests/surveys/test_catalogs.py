"""The interface catalogs: complete in every shipped language, placeholders kept, compiled files in step
with what translators edit, machine translations marked, English where a text is missing."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from feedback.public.strings import text as public_text
from feedback.respondent.strings import text as page_text
from surveys import catalog
from surveys.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES, direction, message

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in SUPPORTED_LANGUAGES if code != "en"]
REVIEWED = {"es"}  # languages a person has checked; the others were made by a machine


def _source_texts() -> dict[str, str]:
    """Every (context -> English) the code holds today, extracted as `make translations` does."""
    with (catalog.CATALOG_DIRECTORY / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {}
    for _file, _line, english, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords={"pgettext": ((1, "c"), 2)}):
        if context:
            found[context] = english
    return found


def test_the_template_holds_every_text_of_the_code():
    """A text added to the code without `make translations` would never reach a translator."""
    with (catalog.CATALOG_DIRECTORY / "messages.pot").open("rb") as handle:
        template = {m.context: m.id for m in read_po(handle) if m.id}
    assert template == _source_texts(), "run `make translations` to refresh surveys/translations"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_is_translated_and_keeps_its_placeholders(code):
    po = catalog.read_catalog(code)
    assert po is not None, f"no catalog for {code}"
    untranslated = [m.context for m in po if m.id and not m.string]
    assert untranslated == [], f"{LANGUAGE_NAMES[code]}: untranslated {untranslated}"
    for entry in po:
        if entry.id:
            wanted = sorted(catalog.PLACEHOLDER.findall(entry.id))
            assert sorted(catalog.PLACEHOLDER.findall(entry.string)) == wanted, (code, entry.context)
    assert {m.context for m in po if m.id} == set(_source_texts())


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_one_translators_edit(code):
    """Chorus reads the .mo: it must say what the .po says (`make translations` compiles it)."""
    folder = catalog.CATALOG_DIRECTORY / catalog.catalog_locale(code) / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as handle:
        edited = {(m.context, m.id): m.string for m in read_po(handle) if m.id and m.string}
    compiled = {(m.context, m.id): m.string for m in read_mo(io.BytesIO((folder / "messages.mo").read_bytes()))
                if m.id}
    assert compiled == edited


@pytest.mark.parametrize("code", TRANSLATED)
def test_machine_translations_are_marked_until_a_person_reviews_them(code):
    marked = catalog.unreviewed(code)
    if code in REVIEWED:
        assert marked == []
    else:
        assert len(marked) == len(_source_texts()), f"{code}: every machine-made entry carries the mark"


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
