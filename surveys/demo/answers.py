"""Realistic open-ended survey answers for demos, tests and benchmarks.

Real answers from career seekers and employers cannot be shared, yet the demo site and the theme engine
need answers that look and misbehave like real ones: one word or a long story, typed on phones with typos,
some in Spanish (with English words mixed in, as people write it), some touching two themes at once, some
non-answers ("n/a", "idk", an emoji) and a few carrying a phone number or an email that must be redacted
before anyone reads them. This module composes such answers from the per-theme vocabularies of
:mod:`surveys.demo.banks` (JSON files in ``surveys/demo/data``) with nothing but the standard library, so
it runs anywhere (no Flask, no database) and is deterministic for a given :class:`random.Random`.

An answer is the concern stated one of many ways, sometimes followed by a concrete detail, a consequence
and a feeling, or opened by who the respondent is; every part is drawn from the theme's own vocabulary, so
thousands of answers read as thousands of people while each stays about its theme. Each topic is a
question a sector partnership really asks; each theme inside it is a concern that staff would expect a
good theme engine to find. :func:`labelled_open_answers` also returns the theme each answer was drawn
from, which lets a benchmark check recovered themes against the intended ones.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

from .banks import Topic, Voice, load_banks

__all__ = ["labelled_open_answers", "open_answers", "themes", "topics"]


def topics() -> tuple[str, ...]:
    """The topics :func:`open_answers` knows, one per survey question."""
    return tuple(load_banks().topics)


def themes() -> dict[str, tuple[str, ...]]:
    """Each topic's themes, as :func:`labelled_open_answers` names them, most common first."""
    return {name: tuple(topic.themes) for name, topic in load_banks().topics.items()}


# How much people write: a word or two, the concern alone, the concern with a detail or a consequence,
# or a story that starts with who they are. Weights, in that order.
_SHAPES = ("short", "says", "detail", "so", "story")
_SHAPE_WEIGHTS = (0.12, 0.50, 0.23, 0.10, 0.05)

# How answers end: punctuation or none (after a short answer, sometimes one of the vocabulary's tags).
_ENDINGS = ("", "", "", "", ".", ".", ".", "!", "..")
# Between the parts of one answer: mostly full stops, often the run-on comma of a phone.
_SEPARATORS = (". ", ". ", ". ", ". ", ", ", ", ", "... ", " - ")
_FIRST_NAMES = ("maria", "jose", "ashley", "devon", "keisha", "luis", "tran", "sam", "guadalupe", "brenda")
_DOMAINS = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com")

_PART = re.compile(r"\{(\w+)\}|\[([^\[\]{}]*)\]")


def _fill(template: str, language: str, rng: random.Random) -> str:
    """One phrasing of ``template``: each ``[a|b]`` and ``{slot}`` replaced by one of its choices."""
    slots = load_banks().vocabulary.slots[language]

    def pick(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return rng.choice(slots[match.group(1)])
        return rng.choice(match.group(2).split("|"))

    text = template
    while _PART.search(text):  # slot values may hold choices of their own
        text = _PART.sub(pick, text)
    return " ".join(text.split()).replace(" ,", ",")


def _lower_first(text: str) -> str:
    """The text as it reads mid-sentence: "Night classes" becomes "night classes", but "CNA" and "I" stay."""
    first = text.split(" ", 1)[0]
    if text[1:2].isupper() or first in load_banks().vocabulary.keep_capital:
        return text
    return text[:1].lower() + text[1:]


def _join(parts: list[str], rng: random.Random) -> str:
    """Sentences run together as people type them: full stops, commas, dots or dashes between them."""
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("?"):
            text += " " + part
            continue
        sep = rng.choice(_SEPARATORS)
        text = text.rstrip(".!") + sep + (part if sep == ". " else _lower_first(part))
    return text


def _compose(topic: Topic, voice: Voice, language: str, shape: str, rng: random.Random) -> str:
    """One answer about one theme, in the given shape (see ``_SHAPES``)."""
    if shape == "short":
        return rng.choice(voice.short)
    parts = [_fill(rng.choice(voice.says), language, rng)]
    if shape in ("detail", "story") and voice.details:
        detail = _fill(rng.choice(voice.details), language, rng)
        if shape == "detail" and rng.random() < 0.1:
            parts.insert(0, detail)  # the detail first, then the point
        else:
            parts.append(detail)
    if shape in ("so", "story") and voice.so:
        parts.append(_fill(rng.choice(voice.so), language, rng))
    feelings = topic.feelings[language]
    if shape == "story" or (shape != "says" and rng.random() < 0.25):
        parts.append(_fill(rng.choice(feelings), language, rng))
    if shape == "story":
        preamble = rng.choice(load_banks().vocabulary.preambles[topic.audience][language])
        parts.insert(0, _fill(preamble, language, rng))
    return _join(parts, rng)


def _typo(word: str, rng: random.Random) -> str:
    """One phone-style slip: a dropped, doubled or swapped letter."""
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _without_accents(text: str) -> str:
    """Spanish as typed on an English keyboard: "guardería" becomes "guarderia", "¿" disappears."""
    text = text.replace("¿", "").replace("¡", "")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def _phone_style(text: str, spanish: bool, rng: random.Random) -> str:
    """Lower-case, drop apostrophes and accents, add a typo or two: how many answers arrive from phones."""
    if rng.random() < 0.5:
        text = text.lower()
    if rng.random() < 0.5:
        text = text.replace("'", "").replace(",", "")
    if spanish and rng.random() < 0.5:
        text = _without_accents(text)
    words = text.split(" ")
    for _ in range(min(rng.choice((0, 1, 1, 2)), 1 + len(words) // 4)):  # one slip in a word or two
        j = rng.randrange(len(words))
        words[j] = _typo(words[j], rng)
    return " ".join(words)


def _pii(spanish: bool, rng: random.Random) -> str:
    name = rng.choice(_FIRST_NAMES)
    if rng.random() < 0.5:
        number = f"{rng.randint(200, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
        if spanish:
            return rng.choice((f" mi número es {number}", f". Llámeme al ({number[:3]}) {number[4:]}"))
        return rng.choice((f" call me at {number}", f". My number is ({number[:3]}) {number[4:]}"))
    email = f"{name}{rng.randint(1, 99)}@{rng.choice(_DOMAINS)}"
    if spanish:
        return rng.choice((f" mi correo es {email}", f". Correo: {email}"))
    return rng.choice((f" you can email me at {email}", f". Contact: {email}"))


def _answer(topic: Topic, first: str, keys: list[str], spanish: bool, rng: random.Random) -> str:
    """One answer whose (first) theme is ``first``; about one answer in seven adds a second theme."""
    language = "es" if spanish else "en"
    vocabulary = load_banks().vocabulary
    themes = topic.themes
    shape = rng.choices(_SHAPES, _SHAPE_WEIGHTS)[0]
    text = _compose(topic, getattr(themes[first], language), language, shape, rng)
    if rng.random() < 0.15:
        other = getattr(themes[rng.choice([k for k in keys if k != first])], language)
        second = (
            rng.choice(other.short) if rng.random() < 0.3 else _fill(rng.choice(other.says), language, rng)
        )
        text = text.rstrip(".!") + rng.choice(vocabulary.joiners[language]) + _lower_first(second)
    if shape != "story" and rng.random() < 0.15:
        text = rng.choice(vocabulary.openers[language]) + _lower_first(text)
    if not text.endswith(("?", "!", ".")):
        short = len(text.split()) <= 12
        text += (
            rng.choice(vocabulary.tags[language]) if short and rng.random() < 0.25 else rng.choice(_ENDINGS)
        )
    if rng.random() < 0.45:
        text = _phone_style(text, spanish, rng)
    if rng.random() < 0.02:
        text = text.rstrip(".") + _pii(spanish, rng)
    return text


def labelled_open_answers(
    topic: str, n: int, rng: random.Random, spanish_share: float = 0.15,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[str, str, str | None]]:
    """Make answers like :func:`open_answers`, each with the theme it was drawn from.

    Args:
        topic: one of :func:`topics`.
        n: how many answers to make.
        rng: the source of randomness; the same seed gives the same answers.
        spanish_share: the expected share of answers written in Spanish.
        weights: how often to draw some themes instead of the usual (theme → weight; the usual weights
            run from 1 for the most common theme down): what changed in a later wave. May name the
            topic's emerging themes, which are otherwise never drawn.

    Returns:
        ``(text, language, theme)`` triples. ``theme`` is the key of the first theme the answer speaks
        of (a multi-theme answer names its first), or ``None`` for a non-answer.

    Raises:
        ValueError: for an unknown topic, a negative ``n`` or a share outside [0, 1].
    """
    banks = load_banks()
    if topic not in banks.topics:
        raise ValueError(f"Unknown topic {topic!r}; choose one of: {', '.join(banks.topics)}.")
    if n < 0:
        raise ValueError("n must be zero or more.")
    if not 0.0 <= spanish_share <= 1.0:
        raise ValueError("spanish_share must be between 0 and 1.")
    vocabulary = banks.vocabulary
    bank = banks.topics[topic]
    keys = list(bank.themes)
    # Real concerns are not equally common: a few dominate, a long tail matters to fewer people.
    drawn_keys, draw = keys, [1.0 / (rank + 1) ** 0.7 for rank in range(len(keys))]
    if weights is not None:
        unknown = set(weights) - set(bank.themes) - set(bank.emerging)
        if unknown:
            raise ValueError(f"{topic!r} has no theme {', '.join(sorted(unknown))}.")
        drawn_keys = [*keys, *bank.emerging]
        draw = [weights.get(key, usual) for key, usual in zip(drawn_keys, draw + [0.0] * len(bank.emerging))]
        bank = replace(bank, themes={**bank.themes, **bank.emerging})
    out: list[tuple[str, str, str | None]] = []
    for _ in range(n):
        spanish = rng.random() < spanish_share
        language = "es" if spanish else "en"
        if rng.random() < 0.05:
            out.append((rng.choice(vocabulary.non_answers[language] + vocabulary.symbols), language, None))
            continue
        first = rng.choices(drawn_keys, draw)[0]
        out.append((_answer(bank, first, keys, spanish, rng), language, first))
    return out


def open_answers(
    topic: str, n: int, rng: random.Random, spanish_share: float = 0.15
) -> list[tuple[str, str]]:
    """Make ``n`` realistic open-ended answers to one survey question.

    Args:
        topic: the question, one of :func:`topics` ("career_barriers", "career_help", "job_interest",
            "employer_hiring", "employer_skills", "training_change", "service_experience").
        n: how many answers to make.
        rng: the source of randomness, so a demo or test gets the same answers for the same seed.
        spanish_share: the expected share of answers written in Spanish.

    Returns:
        ``(text, language)`` pairs, with language ``"en"`` or ``"es"``.

    Raises:
        ValueError: for an unknown topic, a negative ``n`` or a share outside [0, 1].
    """
    return [(text, language) for text, language, _ in labelled_open_answers(topic, n, rng, spanish_share)]
