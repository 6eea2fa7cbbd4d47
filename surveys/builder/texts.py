"""Keys and words: a key made from the words when something is added (so nobody invents one, and it
never changes afterwards), and per-language texts read from a form, trimmed, checked for length and laid
over the stored ones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ..catalog import N_
from .core import KEY_LENGTH, BuildError, Data, FormData, Message, iter_questions


def make_key(text: str, taken: Collection[str], *, fallback: str, option: bool = False) -> str:
    """A new key made from ``text`` ("What gets in the way?" -> ``what_gets_in_the_way``), unique among
    ``taken``: accents dropped, at most 40 characters cut at a word, ``fallback`` when no word is left.
    Question and page keys start with a letter; an answer choice's may start with a digit (``18_24``)."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    base = ""
    for word in re.findall(r"[a-z0-9]+", plain):
        candidate = f"{base}_{word}" if base else word
        if len(candidate) > KEY_LENGTH:
            break
        base = candidate
    if not base:
        base = fallback
    elif not option and not base[0].isalpha():
        base = f"{fallback}_{base}"[:KEY_LENGTH].rstrip("_")
    key, number = base, 2
    while key in taken:
        key = f"{base}_{number}"
        number += 1
    return key


def question_keys(data: Data) -> set[str]:
    """Every question key in use, so a new one is never a duplicate."""
    return {question.get("key") for _, _, question in iter_questions(data)}


# -- texts --------------------------------------------------------------------------------------------------

def clean_texts(texts: Mapping[str, Any], languages: Sequence[str] | None, *, limit: int, field: str,
                label: str) -> dict[str, str]:
    """Per-language words as typed: trimmed, empty ones dropped (a gap, not an error), too long refused."""
    cleaned: dict[str, str] = {}
    for lang, text in texts.items():
        if languages is not None and lang not in languages:
            continue
        if not isinstance(text, str):
            continue
        text = text.replace("\r\n", "\n").strip()
        if len(text) > limit:
            raise BuildError(N_("%(label)s: use %(limit)s characters or fewer."), f"{field}_{lang}",
                             label=Message(label), limit=limit)
        if text:
            cleaned[lang] = text
    return cleaned


def texts_from_form(form: FormData, name: str, languages: Sequence[str]) -> dict[str, str] | None:
    """The words typed per language in fields ``<name>_<lang>``; ``None`` when none was in the form
    (a field that was not sent leaves the stored words alone)."""
    present = {lang: form.get(f"{name}_{lang}") for lang in languages if f"{name}_{lang}" in form}
    if not present:
        return None
    return {lang: text if isinstance(text, str) else "" for lang, text in present.items()}


def merge_texts(current: Any, typed: Mapping[str, str] | None, languages: Sequence[str], *, limit: int,
                field: str, label: str, required: str = "") -> dict[str, str]:
    """The stored words with what was typed laid over them, per language; ``required`` (``N_``-marked)
    is the error when no language has words left, for texts that must have some."""
    merged = {lang: text for lang, text in (current or {}).items() if lang in languages}
    if typed is not None:
        for lang, text in typed.items():
            merged[lang] = text
    cleaned = clean_texts(merged, languages, limit=limit, field=field, label=label)
    if required and not cleaned:
        raise BuildError(required, f"{field}_{languages[0]}")
    return cleaned
