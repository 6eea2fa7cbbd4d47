"""The demo's answer banks, read from the JSON files in ``surveys/demo/data``.

The banks are data: what respondents say about each concern, in English and Spanish. They live in JSON so a
writer can add a phrasing, a theme or a language without reading Python, and so that whoever needs demo
answers (the demo loader, analysis tests, benchmarks) loads no more than the standard library.
``data/README.md`` describes the files and the two small notations a phrasing may use.

Files are read on first use and kept; importing this module reads nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Banks", "ThemeBank", "Topic", "Vocabulary", "Voice", "load_banks"]

_PARTS = ("says", "details", "so", "short")


@dataclass(frozen=True)
class Voice:
    """One theme in one language: the parts an answer is composed of.

    ``says`` states the concern on its own; ``details`` and ``so`` can follow any ``says`` (a concrete
    detail, a consequence); ``short`` is what people type when they type one to three words.
    """

    says: tuple[str, ...]
    details: tuple[str, ...]
    so: tuple[str, ...]
    short: tuple[str, ...]


@dataclass(frozen=True)
class ThemeBank:
    """One concern, as English and Spanish speakers put it."""

    en: Voice
    es: Voice


@dataclass(frozen=True)
class Topic:
    """One survey question: who answers it (which decides how long answers begin), how answers may end,
    and its themes, most common first (the order sets how often each is drawn).

    ``emerging`` themes are concerns that appear only when a caller asks for them (a later wave's new
    concern, for the demo's trend); they are never drawn otherwise.
    """

    audience: str
    feelings: dict[str, tuple[str, ...]]
    themes: dict[str, ThemeBank]
    emerging: dict[str, ThemeBank] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """Wording shared by every topic, per language: ``{slot}`` values, openings of long answers per
    audience, non-answers, and the small words people open, join and end answers with."""

    slots: dict[str, dict[str, tuple[str, ...]]]
    preambles: dict[str, dict[str, tuple[str, ...]]]
    non_answers: dict[str, tuple[str, ...]]
    symbols: tuple[str, ...]
    openers: dict[str, tuple[str, ...]]
    tags: dict[str, tuple[str, ...]]
    joiners: dict[str, tuple[str, ...]]
    keep_capital: frozenset[str]


@dataclass(frozen=True)
class Banks:
    """Everything the demo answer generator draws from."""

    vocabulary: Vocabulary
    topics: dict[str, Topic]


def _read(name: str) -> Any:
    path = resources.files(__package__) / "data"
    for part in name.split("/"):
        path = path / part
    return json.loads(path.read_text(encoding="utf-8"))


def _per_language(data: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {language: tuple(lines) for language, lines in data.items()}


def _voice(data: dict[str, list[str]]) -> Voice:
    return Voice(*(tuple(data.get(part, ())) for part in _PARTS))


def _topic(data: dict[str, Any]) -> Topic:
    def banks(themes: dict[str, Any]) -> dict[str, ThemeBank]:
        return {key: ThemeBank(en=_voice(bank["en"]), es=_voice(bank["es"])) for key, bank in themes.items()}

    return Topic(audience=data["audience"], feelings=_per_language(data["feelings"]), themes=banks(data["themes"]),
                 emerging=banks(data.get("emerging", {})))


@cache
def load_banks() -> Banks:
    """The banks, read once from ``surveys/demo/data`` (``topics.json`` orders the topics).

    Raises:
        FileNotFoundError: a topic listed in ``topics.json`` has no file in ``data/topics``.
    """
    raw = _read("vocabulary.json")
    vocabulary = Vocabulary(
        slots={language: _per_language(slots) for language, slots in raw["slots"].items()},
        preambles={audience: _per_language(lines) for audience, lines in raw["preambles"].items()},
        non_answers=_per_language(raw["non_answers"]),
        symbols=tuple(raw["symbols"]),
        openers=_per_language(raw["openers"]),
        tags=_per_language(raw["tags"]),
        joiners=_per_language(raw["joiners"]),
        keep_capital=frozenset(raw["keep_capital"]),
    )
    topics = {name: _topic(_read(f"topics/{name}.json")) for name in _read("topics.json")}
    return Banks(vocabulary=vocabulary, topics=topics)
