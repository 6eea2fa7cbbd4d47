"""The interface's words in every language, from gettext catalogs translators can work with.

Respondent pages, the public page and question types name each text by a key (``t('next')``) and keep
its English beside the key in a dictionary (:mod:`feedback.respondent.strings`,
:mod:`feedback.public.strings`, :mod:`surveys.i18n`). Those dictionaries are the source: ``make
translations`` extracts them (with :func:`extract_strings`, registered in ``babel.cfg``) into
``surveys/translations/messages.pot``, each text under a context ``<namespace>:<key>`` (so "Start
again" the heading and "Start again" the button can differ in Spanish), and updates one PO catalog per
language, which Weblate, Poedit or Crowdin open as they are. Chorus reads the compiled ``.mo`` files
(``make translations`` compiles them, and a test checks they match their ``.po``).

A text missing from a catalog (or a language with no catalog) falls back to English, so a page is
never blank. A translation a machine made carries the translator comment :data:`MACHINE_MADE` until a
person reviews it and deletes the comment (``pybabel update`` keeps such comments); :func:`unreviewed`
lists them.

The catalogs live in ``surveys`` because it is the lowest layer that speaks to people: question types,
the API, the command line and the web pages share one catalog, and none needs a request to use it.
"""

from __future__ import annotations

import ast
import re
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = [
    "CATALOG_DIRECTORY",
    "DOMAIN",
    "MACHINE_MADE",
    "N_",
    "PLACEHOLDER",
    "catalog_locale",
    "extract_strings",
    "gettext",
    "read_catalog",
    "translations",
    "unreviewed",
]

CATALOG_DIRECTORY = Path(__file__).parent / "translations"
DOMAIN = "messages"
MACHINE_MADE = "machine-made: not yet reviewed by a person"
_LOCK = threading.Lock()
PLACEHOLDER = re.compile(r"\{(\w+)\}")
"""A ``{name}`` a text fills in (``str.format``); a translation must keep every one of its English text."""


def catalog_locale(code: str) -> str:
    """The catalog folder of a language code: ``zh-Hans`` -> ``zh_Hans`` (gettext spells locales so)."""
    return code.replace("-", "_")


@cache
def translations(code: str) -> NullTranslations:
    """The compiled catalog of ``code``; English (no catalog) and unknown codes give the source texts."""
    with _LOCK:
        folder = CATALOG_DIRECTORY / catalog_locale(code) / "LC_MESSAGES"
        if code == "en" or not (folder / f"{DOMAIN}.mo").exists():
            return NullTranslations()
        return Translations.load(str(CATALOG_DIRECTORY), [catalog_locale(code)], DOMAIN)


def N_(english: str) -> str:  # gettext's own name for it, which `make translations` looks for
    """Mark a staff text kept here (a question type's name, a builder setting's label) for the catalogs:
    it stays English in ``surveys``, and the staff page translates it as it shows it."""
    return english


def gettext(code: str, namespace: str, key: str, english: str) -> str:
    """``english`` (the text ``namespace:key``) in language ``code``, English where not translated."""
    context = f"{namespace}:{key}"
    return translations(code).pgettext(context, english)


def read_catalog(code: str) -> Catalog | None:
    """The PO catalog of ``code`` as translators edit it (``None`` for English or no catalog)."""
    po = CATALOG_DIRECTORY / catalog_locale(code) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == "en" or not po.exists():
        return None
    with po.open("rb") as handle:
        return read_po(handle)


def unreviewed(code: str) -> list[str]:
    """The translations of ``code`` a machine made and no person has reviewed yet, by context (page texts)
    or English (staff texts); each carries the translator comment :data:`MACHINE_MADE`, a reviewer deletes it."""
    found = read_catalog(code)
    return [] if found is None else [m.context or m.id for m in found
                                     if m.id and MACHINE_MADE in m.user_comments]


# -- extraction (pybabel extract, through babel.cfg) ---------------------------------------------------

def extract_strings(fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, str],
                    ) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """A Babel extraction method for a module holding ``NAME = {key: "English text", ...}``.

    ``babel.cfg`` names the dictionary (``dictionary = STRINGS``) and the context's namespace
    (``namespace = respondent``); every text becomes ``pgettext("<namespace>:<key>", text)``, with a
    note for the translator when it has ``{placeholders}`` to keep.
    """
    tree = ast.parse(fileobj.read())
    wanted = options.get("dictionary", "STRINGS")
    namespace = options["namespace"]
    for node in ast.walk(tree):
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        if not (isinstance(target, ast.Name) and target.id == wanted and isinstance(node.value, ast.Dict)):
            continue
        for key, value in zip(node.value.keys, node.value.values, strict=True):
            english = ast.literal_eval(value)
            names = sorted(set(PLACEHOLDER.findall(english)))
            note = [f"Keep {', '.join('{' + n + '}' for n in names)} as written."] if names else []
            yield key.lineno, "pgettext", (f"{namespace}:{ast.literal_eval(key)}", english), note
