"""Cleaning: normalise answers, set non-answers apart, redact personal details, key near-duplicates.

People answer open questions on phones, in a hurry, sometimes with "n/a" or an emoji. Those answers are
real data (how many people had nothing to say is itself a finding) but they are not a theme, so they are
set apart with a reason instead of being clustered. Personal details typed into a free-text box (a phone
number, an email) must never reach a staff screen, so they are redacted before anything else looks at
the text.
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["NON_ANSWER_REASONS", "duplicate_key", "non_answer_reason", "normalize_text", "redact_pii"]

NON_ANSWER_REASONS: dict[str, str] = {
    "empty": "the answer is empty",
    "non_answer": "the answer says there is nothing to say (n/a, none, idk...)",
    "no_words": "the answer has no words (only symbols, digits or emoji)",
    "keyboard_mash": "the answer looks like random typing",
    "export_header": "a header row added by the survey tool's export, not an answer",
    "other": "a real answer far from every theme; it is counted in the Other theme",
}
"""Reasons an answer is set apart, keyed by the code stored in assignments."""

# Phrases that, on their own, mean "no answer" in English or Spanish; compared after normalisation.
# A bare "thanks" or "gracias" is politeness, not a concern: as a theme it would crowd out real ones.
_NON_ANSWER_PHRASES = frozenset(
    phrase.strip()
    for phrase in re.split(
        r"[|\n]",
        """
    n a|na|n.a|none|nothing|nope|no|nah|nil|null|idk|i dont know|i do not know|dont know|dunno|not sure|
    unsure|no idea|no comment|no comments|nothing to add|nothing else|nothing really|none really|not applicable|
    does not apply|doesnt apply|same|same as above|see above|ok|okay|k|yes|x|xx|xxx|test|no answer|pass|
    nada|ninguno|ninguna|no se|no sé|no aplica|nada mas|nada más|ningun|sin comentarios|no tengo|no lo se|
    thanks|thank you|thank u|thx|ty|no thanks|no thank you|nothing thanks|none thanks|nope thanks|
    gracias|muchas gracias|no gracias|nada gracias|ninguno gracias|
    """,
    )
) - {""}

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_MASH_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouyáéíóúü")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|edu|gov|io|us)(?:/\S*)?\b", re.IGNORECASE
)
_PHONE = re.compile(r"(?<!\w)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)")
_DIGIT = re.compile(r"\d")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_LONG_DIGITS = re.compile(r"\b\d(?:[\s-]?\d){5,}\b")
_STREET = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'-]*\s+){1,3}"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|circle|"
    r"highway|hwy|calle|avenida)\b\.?(?:\s*(?:apt|unit|#)\s*\w+)?",
    re.IGNORECASE,
)


def normalize_text(text: object) -> str:
    """Return ``text`` as clean Unicode: NFKC form, invisible characters dropped, whitespace collapsed.

    Exports from survey tools carry non-breaking spaces, zero-width joiners and full-width characters;
    normalising them first means the same words always look the same to every later step.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = str(text)
    if not s.isascii():
        s = _INVISIBLE.sub("", unicodedata.normalize("NFKC", s))
    return " ".join(_CONTROL.sub(" ", s).split())


def redact_pii(text: str) -> str:
    """Replace emails, URLs, phone numbers, long digit runs and street addresses with placeholders.

    A respondent may type contact details into any box; quotes are shown to staff and partners, so the
    details are removed before the text is stored in a theme. Placeholders (``[email]``, ``[phone]``…)
    keep the sentence readable and show that something was there.
    """
    s = text
    if "@" in s:
        s = _EMAIL.sub("[email]", s)
    if "." in s:
        s = _URL.sub("[url]", s)
    if _DIGIT.search(s):  # every other pattern needs a digit; most answers have none
        s = _SSN.sub("[number]", s)
        s = _PHONE.sub("[phone]", s)
        s = _LONG_DIGITS.sub("[number]", s)
        s = _STREET.sub("[address]", s)
    return s


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def duplicate_key(text: str) -> str:
    """Return a key under which near-duplicate answers coincide.

    Case, accents, punctuation, spacing and letters held down ("sooo") do not change what an answer says;
    answers with the same key are counted once and clustered once, so a pasted answer cannot pull a theme
    towards itself.
    """
    s = _fold(text)
    s = re.sub(r"[^\w\s]|_", " ", s)
    s = re.sub(r"(\w)\1{2,}", r"\1", s)
    return " ".join(s.split())


def _is_mash(word: str) -> bool:
    if len(word) < 4 or not word.isalpha():
        return False
    if not any(c in _VOWELS for c in word):
        return True
    if len(set(word)) <= 2 and len(word) >= 5:
        return True
    for row in _MASH_ROWS:
        for i in range(len(row) - 3):
            if row[i : i + 4] in word or row[i : i + 4][::-1] in word:
                return True
    return False


def non_answer_reason(text: str) -> str | None:
    """Return why ``text`` is not a real answer (a key of :data:`NON_ANSWER_REASONS`), or ``None``.

    Non-answers are kept and counted, never clustered: a theme made of "n/a" would crowd out the
    concerns people actually wrote about.
    """
    s = normalize_text(text)
    if not s:
        return "empty"
    if len(s) > 40 and s.count(" ") >= 4:
        return None  # several words: too long for any non-answer phrase or random typing
    if not any(c.isalpha() for c in s):
        return "no_words"
    key = duplicate_key(s)
    if key in _NON_ANSWER_PHRASES or key.replace(" ", "") in {"na", "idk", "nada"}:
        return "non_answer"
    words = _fold(s).split()
    if (
        words
        and len(words) <= 3
        and all(_is_mash(w) or len(w) == 1 for w in words)
        and any(_is_mash(w) for w in words)
    ):
        return "keyboard_mash"
    return None
