"""Language: tell each answer's language among the surveys' six, answer by answer.

Partnerships serve speakers of English, Spanish, Chinese, Vietnamese, Arabic and Haitian Creole, and an
answer's language decides which stopwords, lemmas and sentiment model apply to it. Nothing here needs a
model download, and it is fast enough for 300,000 answers:

* Chinese and Arabic are told by their script.
* Vietnamese by the letters only it writes (ư, ơ, đ, ă, the stacked tone marks) and its common words,
  Haitian Creole by its own function words ("mwen", "pou", "paske"); both only on strong evidence, so an
  English or Spanish answer is never read as either.
* English and Spanish, as before, by a vote of stopwords, Spanish marks and dictionary lookups.

The codes are the surveys' own (:data:`surveys.i18n.SUPPORTED_LANGUAGES`): written Chinese is
``"zh-Hans"`` whichever script it uses (a Traditional-script answer reads the same here), so the engine's
counts, quotes and report language need no mapping to the survey's languages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

__all__ = ["LANGUAGE_NAMES", "SUPPORTED_LANGUAGES", "Language", "detect_language", "language_code"]

Language = Literal["en", "es", "zh-Hans", "vi", "ar", "ht"]
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es", "zh-Hans", "vi", "ar", "ht")

LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "zh-Hans": "Chinese",
    "vi": "Vietnamese",
    "ar": "Arabic",
    "ht": "Haitian Creole",
}
"""English names of the languages, as a report written in English shows them."""

_ALIASES = {"zh": "zh-Hans", "zh-hans": "zh-Hans", "zh-hant": "zh-Hans", "zh-cn": "zh-Hans", "zh-tw": "zh-Hans"}

_ES_MARKS_RE = re.compile("[ñ¿¡áéíóú]")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_RE = re.compile("[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
# Letters no other of the six languages (nor French or Portuguese) writes: ă đ ĩ ũ ơ ư and the vowels
# carrying two marks or a dot below (U+1EA0–U+1EF9).
_VI_LETTERS_RE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")

# Vietnamese words, with and without their marks, that are no English, Spanish or French word.
_VI_WORDS = frozenset(
    [
        "không", "khong", "tôi", "của", "cua", "được", "duoc", "người", "nguoi", "những", "nhung", "với",
        "voi", "các", "một", "này", "để", "khi", "làm", "việc", "viec", "nhiều", "nhieu", "quá", "rất",
        "cũng", "cung", "phải", "phai", "muốn", "muon", "biết", "biet", "giữ", "giu", "trẻ", "tiền",
        "tien", "giờ", "buýt", "buyt", "lương", "luong", "chúng", "chung", "mình", "minh", "thì", "nhưng",
        "vì", "và", "có", "là", "đi", "ở", "xe", "giá", "vé", "chăm", "sóc", "nhà", "cần", "đủ", "trường",
        "truong", "học", "đón", "đưa",
    ]
)
# Haitian Creole words no English, Spanish or French sentence uses ("pou", not "pour"; "nou", not "nous").
_HT_WORDS = frozenset(
    [
        "mwen", "nou", "pou", "yon", "kijan", "paske", "travay", "bezwen", "timoun", "lajan", "lekòl",
        "lekol", "anpil", "konnen", "kapab", "pral", "vle", "jwenn", "pwoblèm", "pwoblem", "tankou",
        "moun", "fanmi", "manje", "ede", "kounye", "poukisa", "kisa", "sèlman", "selman", "toujou", "twò",
        "chè", "lwe", "fè", "machin", "otobis", "lopital", "doktè", "anyen", "pèsonn", "paran", "pitit",
        "aprann", "swen", "gadri", "okipe", "aswè", "chak", "semèn", "mwa", "oswa", "sitou", "gendwa",
        "konn", "kòb", "kob", "bagay", "tanpri", "sèvis", "kèk", "ankò", "salè", "janm", "alè", "vini",
        "gade", "peye",
    ]
)
# Short words Creole shares with English or Spanish ("yo", "pa", "se"): they count only beside the above.
_HT_SHARED = frozenset([
    "li", "pa", "yo", "sa", "se", "m", "w", "ki", "la", "te", "ap", "pi", "nan", "di", "tout", "sou", "lè",
    "men", "gen", "ak", "bay", "kay", "tan",
])


_OWN_WORDS = _VI_WORDS | _HT_WORDS


@lru_cache(maxsize=1)
def _exclusive_stopwords() -> tuple[frozenset[str], frozenset[str]]:
    from stop_words import get_stop_words

    en = {w.replace("'", "") for w in get_stop_words("en")}
    es = set(get_stop_words("es"))
    return frozenset(en - es), frozenset(es - en)


@lru_cache(maxsize=100_000)
def _known_es_minus_en(word: str) -> int:
    """+1 when only Spanish knows ``word``, -1 when only English does, else 0 (cached: words repeat)."""
    import simplemma

    return int(simplemma.is_known(word, lang="es")) - int(simplemma.is_known(word, lang="en"))


def language_code(code: str) -> str:
    """The engine's code for a language code as surveys, browsers or gettext write it ("zh", "zh_Hans",
    "zh-CN" → ``"zh-Hans"``); other codes are returned as given."""
    return _ALIASES.get(code.replace("_", "-").lower(), code)


def detect_language(text: str, default: Language = "en") -> Language:
    """Guess which of the six survey languages ``text`` is written in.

    Chinese and Arabic are read from the script (at least two of its characters, and about as many as
    Latin letters: a Chinese answer naming "SNAP" is still Chinese). Vietnamese needs two of its own
    letters or words (or one of each), Haitian Creole two of its own words making up a good part of the
    answer: strong evidence only, so that no English or Spanish answer is read as either. Otherwise
    English and Spanish are told apart by a vote: function words found only in one language's stopword
    list, letters and marks only Spanish uses (ñ, ¿, accents), and, when those do not decide, how many of
    the first words simplemma's English and Spanish dictionaries know.
    Ties, and texts with no words, get ``default``.

    Args:
        text: one answer.
        default: the language to return when the signals do not decide.

    Returns:
        One of :data:`SUPPORTED_LANGUAGES`.
    """
    lowered = text.lower()
    lowered = lowered[:300]  # the first sentences decide; long answers need not be read to the end
    ascii_only = lowered.isascii()
    if not ascii_only:
        script = _by_script(lowered)
        if script is not None:
            return script
    words = [w.strip(".,;:!?¡¿()\"'") for w in lowered.split()]
    words = [w for w in words if w]
    if not words:
        return default
    other = _latin_other(lowered, words, ascii_only)
    if other is not None:
        return other
    en_sw, es_sw = _exclusive_stopwords()
    bare = words if "'" not in lowered and "’" not in lowered else [_no_apostrophe(w) for w in words]
    score = sum(map(es_sw.__contains__, words)) - sum(map(en_sw.__contains__, bare))
    if not ascii_only:  # Spanish marks are not ASCII
        score += 1.5 * len(_ES_MARKS_RE.findall(lowered))
    if abs(score) < 2:
        # Function words did not settle it (short answers often have none): ask simplemma's dictionaries
        # how many of the first words each language knows.
        sample = [w for w in words if w.isalpha() and len(w) > 2][:12]
        if sample:
            known = sum(_known_es_minus_en(w) for w in sample)
            score += 2.0 * known / len(sample) * min(len(sample), 4)
    if score > 0:
        return "es"
    if score < 0:
        return "en"
    return default


def _no_apostrophe(word: str) -> str:
    return word.replace("'", "").replace("’", "")


def _by_script(lowered: str) -> Language | None:
    """Chinese or Arabic when the text is mostly written in that script, else ``None``."""
    latin = len(_LATIN_RE.findall(lowered))
    han = len(_HAN_RE.findall(lowered))
    if han >= 2 and 3 * han >= latin:  # a Chinese character is a word or half of one
        return "zh-Hans"
    arabic = len(_ARABIC_RE.findall(lowered))
    if arabic >= 2 and arabic >= latin:
        return "ar"
    return None


def _latin_other(lowered: str, words: list[str], ascii_only: bool) -> Language | None:
    """Vietnamese or Haitian Creole on strong evidence, else ``None`` (English and Spanish vote)."""
    if ascii_only and _OWN_WORDS.isdisjoint(words):
        return None  # most answers: no Vietnamese or Creole word, nothing more to count
    vi_letters = 0 if ascii_only else len(_VI_LETTERS_RE.findall(lowered))
    vi_words = len({w for w in words if w in _VI_WORDS})
    if vi_letters >= 2 and (vi_words or vi_letters >= 3 or len(words) <= 3) or vi_letters and vi_words >= 1:
        return "vi"
    if vi_words >= 2 and vi_words >= 0.3 * len(words):
        return "vi"
    creole = sum(w in _HT_WORDS for w in words)
    if creole:
        shared = sum(w in _HT_SHARED for w in words)
        if (creole >= 2 and creole + shared >= 0.3 * len(words)) or (
            creole + shared >= 2 and creole + shared >= 0.5 * len(words)
        ):
            return "ht"
    return None
