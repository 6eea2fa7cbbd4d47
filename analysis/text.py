"""Text processing: tokens, lemmas, stopwords and phrases, per language, offline.

Turning an answer into the words that carry its meaning is what makes "kids", "my kid" and "child care"
land in one theme. Everything here runs offline from packaged resources: NLTK's regular-expression
tokenizer (its pattern, run directly), simplemma's lemma dictionaries (English, Spanish, Arabic), and the
``stop-words`` package's lists (English, Spanish, Chinese, Vietnamese, Arabic), plus the filler words
survey answers are full of ("would", "really", "get", "need") and a short Haitian Creole list written here.

Chinese is written without spaces: a run of Chinese characters becomes the words the shipped word table
knows (longest match, :mod:`analysis.static_vectors`) when it knows Chinese, else its characters and
character pairs without a stopword character, the usual offline stand-in for a segmenter. Vietnamese
keeps its tone marks (they tell "tiền", money, from "tiện", convenient) and is split into syllables, which
the learned phrases join again ("xe buýt").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from .glossary import ENGLISH_VARIANTS, spanish_to_english
from .language import SUPPORTED_LANGUAGES

__all__ = ["CONTENT_WORDS", "HAITIAN_CREOLE_STOPWORDS", "SURVEY_FILLER", "TextProcessor", "stopwords_for"]

HAITIAN_CREOLE_STOPWORDS = frozenset(
    [
        "mwen", "m", "nou", "n", "ou", "w", "li", "l", "yo", "sa", "se", "te", "ap", "pral", "va", "ka",
        "kab", "gen", "genyen", "pa", "pat", "non", "wi", "a", "la", "lan", "nan", "yon", "on", "ak",
        "avè", "avek", "ek", "pou", "sou", "nan", "de", "ki", "kisa", "kijan", "kote", "kilè", "poukisa",
        "paske", "men", "si", "lè", "le", "oswa", "ou", "byen", "tou", "toujou", "deja", "ankò", "sèlman",
        "selman", "anpil", "twò", "tro", "pi", "plis", "mwens", "kèk", "tout", "chak", "sa", "a", "sila",
        "isit", "la", "a", "bò", "konsa", "tankou", "menm", "lòt", "lot", "yon", "lòt", "e", "epi", "apre",
        "avan", "anvan", "pandan", "depi", "jiska", "kòm", "kom", "fè", "fe", "di", "bay", "vle", "konnen",
        "konn", "kapab", "kap", "dwe", "sèten", "bagay", "bezwen", "tanpri", "mèsi", "mesi", "ok", "oke",
        "wi",
    ]
)
"""Function words of Haitian Creole, and the filler its answers share with the other lists ("bagay",
thing; "bezwen", need; "tanpri", please): no packaged list has the language."""

SURVEY_FILLER: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "would",
            "really",
            "get",
            "need",
            "needs",
            "needed",
            "want",
            "like",
            "just",
            "think",
            "honestly",
            "maybe",
            "probably",
            "also",
            "lot",
            "lots",
            "thing",
            "things",
            "stuff",
            "make",
            "made",
            "able",
            "help",
            "much",
            "many",
            "well",
            "yes",
            "one",
            "im",
            "ive",
            "dont",
            "cant",
            "wont",
            "thats",
            "tbh",
            "lol",
            "guess",
            "sure",
            "mostly",
            "main",
            "definitely",
            "pretty",
            "kind",
            "sort",
            "something",
            "anything",
            "everything",
            "especially",
            "actually",
            "etc",
            "please",
            "thank",
            "thanks",
            "go",
            "going",
            "know",
            "u",
            "ur",
        ]
    ),
    "es": frozenset(
        [
            "pues",
            "creo",
            "bueno",
            "gracias",
            "verdad",
            "cosa",
            "cosas",
            "mucho",
            "muy",
            "tener",
            "hacer",
            "poder",
            "querer",
            "ser",
            "estar",
            "ir",
            "necesitar",
            "así",
            "tal",
            "vez",
            "favor",
            "ok",
        ]
    ),
    # "very", "too", "thanks" in the other languages: intensifiers and politeness, never the theme.
    "zh-Hans": frozenset(["太", "要", "真", "非常", "谢谢"]),
    "vi": frozenset(["lắm", "rồi", "nhé", "thật", "cảm", "ơn"]),
    "ar": frozenset(["جدا", "كثيرا", "شكرا", "يعني", "ممكن"]),
    "ht": frozenset(["vrèman", "vreman", "twòp", "twop", "mèsi"]),
}
"""Words survey answers use constantly that say nothing about the theme."""

CONTENT_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "computer",
            "computers",
            "course",
            "courses",
            "information",
            "home",
            "system",
            "problem",
            "problems",
            "website",
            "year",
            "years",
            "work",
            "working",
            "works",
            "call",
            "calls",
            "open",
            "opened",
            "close",
            "closed",
            "far",
            "free",
            "early",
            "bill",
            "bills",
            "stop",
            "stops",
            "move",
            "moved",
            "id",
            "opening",
            "openings",
            "test",
            "tests",
            "available",
            "important",
            "different",
            "change",
            "changes",
            "place",
            "places",
            "number",
            "area",
            "areas",
            "state",
            "group",
            "groups",
            "part",
            "parts",
            "point",
            "order",
            "case",
            "room",
            "world",
            "line",
            "lines",
            "side",
            "face",
            "interest",
            "member",
            "members",
            "turn",
            "show",
            "old",
            "young",
            "new",
            "great",
            "small",
            "large",
            "big",
            "long",
            "high",
            "low",
            "full",
            "better",
            "enough",
            "nobody",
            "ask",
            "asked",
        ]
    ),
    "es": frozenset(["tiempo", "trabajo", "trabajar", "empleo", "lugar", "nuevo", "largo"]),
    # The packaged Vietnamese list holds nearly 2,000 entries, among them "con" (child), "làm việc"
    # (work), "nhà" (home), "giờ" (hour), "xa" (far) and "thấp" (low, as in low pay).
    "vi": frozenset(
        [
            "con", "giờ", "làm", "việc", "nhà", "ăn", "ngày", "cao", "thấp", "xa", "gần", "sáng", "trả",
            "thiếu", "tháng", "năm", "tuổi", "nước", "tăng", "giảm", "tìm", "chuyển", "nhỏ", "lớn", "khó",
            "tốt", "học", "xem", "tiền", "cần",
        ]
    ),
    "ar": frozenset(["الوقت", "اليوم", "ايام", "العمل"]),
}
"""Words the packaged stopword lists drop that carry meaning in answers about work, training and services.

The ``stop-words`` package's English list has over 1,300 entries, among them "work", "computer", "home",
"problem", "old", "full" and "high" ("I'm too old", "full time", "high school"); its Spanish list drops
"trabajo" and "tiempo". A theme engine that cannot see those words cannot find those themes.
"""

# Spellings of one idea that tokenizers would otherwise split or keep apart, each with a piece of text
# it cannot match without (a quick test that spares most answers most of the patterns).
_COMPOUNDS = (
    (re.compile(r"\bchild\s*-?\s*c[ae]?re?\b"), "childcare", "child"),
    (re.compile(r"\bday\s*-?\s*care\b"), "daycare", "day"),
    (re.compile(r"\bhealth\s*-?\s*care\b"), "healthcare", "health"),
    (re.compile(r"\bweek\s*-?\s*ends?\b"), "weekend", "week"),
    (re.compile(r"\bon\s*-?\s*line\b"), "online", "line"),
    (re.compile(r"\bwi\s*-?\s*fi\b"), "wifi", "fi"),
    (re.compile(r"\be-?mail\b"), "email", "mail"),
    # Spanish spellings of the same ideas, kept in Spanish words the glossary knows.
    (re.compile(r"\bfin(?:es)? de semana\b"), "finde", "semana"),
    (re.compile(r"\bcuidado (?:de|para) (?:los |las |mis |sus |)(?:niñ|nin|hij)[oa]s\b"), "guardería", "cuidado"),
)

_COMPOUND_HINT = re.compile(r"care|week|line|wi|mail|semana|cuidado")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_PREFIXES = ("و", "ف", "ب", "ل")
_ARABIC_SUFFIXES = ("ي", "ها", "هم", "نا", "ك", "ه")
_STOPWORD_SOURCE = {"zh-Hans": "zh"}  # the stop-words package's code, where it differs
_UNFOLDED = frozenset(["vi"])  # languages whose marks tell words apart
# Chinese particles and pronouns: a character pair holding one is never a word ("的孩" of "我的孩子").
_ZH_PARTICLES = frozenset("的了着过吧啦嘛么呢啊吗哟哇是在和与及或也都很就又再而之把被给让我你他她它们这那些个其所于")
# Redaction placeholders such as "[phone]" are not words the respondent wrote.
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address)\]")
_TOKEN_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)?"
_UNREAD = object()  # a token not read yet (``None`` is a token read as a stopword)


@lru_cache(maxsize=8)
def stopwords_for(language: str) -> frozenset[str]:
    """Return the stopwords used for ``language``: the packaged list (Haitian Creole's from this module)
    minus words that carry meaning in answers, plus survey filler, accents folded (except Vietnamese's)."""
    from stop_words import get_stop_words

    packaged = (
        HAITIAN_CREOLE_STOPWORDS
        if language == "ht"
        else get_stop_words(_STOPWORD_SOURCE.get(language, language))
    )
    words = {_fold(w.replace("'", ""), language) for w in packaged}
    words -= {_fold(w, language) for w in CONTENT_WORDS.get(language, frozenset())}
    words |= {_fold(w, language) for w in SURVEY_FILLER.get(language, frozenset())}
    return frozenset(words)


def _fold(word: str, language: str = "") -> str:
    if word.isascii() or language in _UNFOLDED:
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TextProcessor:
    """Tokenize, lemmatize, drop stopwords and join learned phrases, for answers in any survey language.

    Follows the scikit-learn convention: parameters are stored by ``__init__``; :meth:`fit` learns the
    corpus' phrases into ``phrases_``; :meth:`transform` returns one token list per answer. A phrase is
    two adjacent content words that occur together far more often than chance (normalised PMI), such as
    "bus pass" or "night class"; it is added as one extra token ``"bus_pass"`` beside its words, so the
    phrase can label a theme while "bus" still links the answer to "no bus".

    Args:
        min_phrase_count: least number of answers a phrase must appear in; ``None`` scales it with the
            corpus (0.1 % of answers, at least 3).
        phrase_threshold: least normalised PMI (0 to 1) for two words to form a phrase.
        extra_stopwords: more words to ignore, in any language.
        glossary: Spanish lemma → English lemma, so answers in both languages share the words that carry
            their meaning ("guardería" and "childcare" become one token, written as each answer wrote it).
            ``None`` uses :data:`analysis.glossary.SPANISH_TO_ENGLISH`; a mapping adds its entries to
            it; ``{}`` turns the glossary off and keeps the languages apart.
    """

    def __init__(
        self,
        min_phrase_count: int | None = None,
        phrase_threshold: float = 0.35,
        extra_stopwords: Sequence[str] = (),
        glossary: Mapping[str, str] | None = None,
    ) -> None:
        self.min_phrase_count = min_phrase_count
        self.phrase_threshold = phrase_threshold
        self.extra_stopwords = extra_stopwords
        self.glossary = glossary

    # -- word level -------------------------------------------------------------------------------
    def _prepare(self) -> None:
        """Build the tokenizer and stopword sets once, not per answer."""
        if getattr(self, "_stop", None) is not None:
            return
        self._tokenize = _token_finder()
        extra = frozenset(_fold(w.lower()) for w in self.extra_stopwords)
        self._stop = {lang: stopwords_for(lang) | extra for lang in SUPPORTED_LANGUAGES}
        self._to_english = {} if self.glossary == {} else spanish_to_english(self.glossary)
        self._cache: dict[str, dict[str, str | None]] = {}  # language → lemma of each surface
        self._known: dict[str, dict[str, tuple[str, str] | None]] = {}  # language → each token's word

    def words(self, text: str, language: str) -> list[tuple[str, str] | None]:
        """Return ``(lemma, surface)`` for each word of ``text``; ``None`` marks a dropped stopword.

        Keeping the gaps lets phrase detection join only words that were really adjacent.
        """
        self._prepare()
        s = text.lower()
        if "[" in s:
            s = _PLACEHOLDER.sub(" ", s)
        if _COMPOUND_HINT.search(s):
            for pattern, replacement, needed in _COMPOUNDS:
                if needed in s:
                    s = pattern.sub(replacement, s)
        language = language if language in self._stop else "en"
        if language == "ar":  # short vowels and the stretching stroke would split a word in two
            s = _ARABIC_MARKS.sub("", s)
        elif language == "ht":  # "m'ap", "l'ap": a pronoun and a word, not one word
            s = s.replace("'", " ").replace("’", " ")
        known = self._known.setdefault(language, {})  # tokens repeat across answers: each is read once
        out: list[tuple[str, str] | None] = []
        for token in self._tokenize(s):
            word = known.get(token, _UNREAD)
            if word is _UNREAD:
                if language == "zh-Hans" and _HAN.match(token):
                    out.extend(self._chinese(token))
                    continue
                word = known[token] = self._word(token, language)
            out.append(word)
        return out

    def _word(self, token: str, language: str) -> tuple[str, str] | None:
        """``(lemma, surface)`` of one token, or ``None`` for a stopword."""
        cache = self._cache.setdefault(language, {})
        surface = token.replace("’", "").replace("'", "")
        lem = cache.get(surface, "")
        if lem == "":
            lem = cache[surface] = self._lemma(surface, language)
        return None if lem is None else (lem, surface)

    def _chinese(self, run: str) -> list[tuple[str, str] | None]:
        """The words of a run of Chinese characters: the word table's words (longest match) when it knows
        Chinese; else each character that is no stopword and each pair holding no particle, each apart
        (a ``None`` between them, so no phrase is made of overlapping pairs)."""
        stop = self._stop["zh-Hans"]
        out: list[tuple[str, str] | None] = []
        han_words = _han_vocabulary()  # read on the first Chinese answer only: the table is 17 MB
        if han_words:
            start = 0
            while start < len(run):
                end = next(
                    (e for e in range(min(len(run), start + 4), start + 1, -1) if run[start:e] in han_words),
                    start + 1,
                )
                word = run[start:end]
                out.append(None if word in stop or word in _ZH_PARTICLES else (word, word))
                start = end
            return out
        for i, char in enumerate(run):
            if char not in stop:
                out.extend(((char, char), None))
            pair = run[i : i + 2]
            if len(pair) == 2 and not _ZH_PARTICLES.intersection(pair) and not (pair[0] in stop and pair[1] in stop):
                out.extend(((pair, pair), None))
        return out

    def _lemma(self, surface: str, language: str) -> str | None:
        stop = self._stop[language]
        folded = _fold(surface, language)
        if folded in stop or len(folded) < 2:
            return None
        lem = _fold(_lemmatizer(language)(surface), language)
        if lem in stop:
            return None
        if not self._to_english or language not in ("en", "es"):
            return lem
        return self._to_english.get(lem, lem) if language == "es" else ENGLISH_VARIANTS.get(lem, lem)

    # -- corpus level -----------------------------------------------------------------------------
    def fit(
        self, texts: Sequence[str], languages: Sequence[str], weights: Sequence[int] | None = None
    ) -> TextProcessor:
        """Learn the phrases of this corpus into ``phrases_`` and return ``self``.

        Also sets ``links_languages_``: whether Spanish and English answers share tokens (a glossary is on).
        """
        self._prepare()
        self.links_languages_ = bool(self._to_english)
        self._surfaces: dict[tuple[int, str | None], dict[str, Counter[str]]] = {}
        self._words = [self.words(t, lang) for t, lang in zip(texts, languages)]
        self._languages = list(languages)
        w = list(weights) if weights is not None else [1] * len(texts)
        unigram: Counter[str] = Counter()
        bigram: Counter[tuple[str, str]] = Counter()
        for seq, wt in zip(self._words, w):
            lemmas = {x[0] for x in seq if x}
            pairs = {(a[0], b[0]) for a, b in pairwise(seq) if a and b and a[0] != b[0]}
            if wt == 1:  # most answers: Counter's own loop (in C) adds the same ones
                unigram.update(lemmas)
                bigram.update(pairs)
                continue
            for lem in lemmas:
                unigram[lem] += wt
            for pair in pairs:
                bigram[pair] += wt
        n = max(sum(w), 1)
        min_count = self.min_phrase_count or max(3, int(0.001 * n))
        phrases = {}
        for (a, b), c in bigram.items():
            if c < min_count:
                continue
            p_ab = c / n
            if p_ab >= 1.0:
                continue
            npmi = math.log(p_ab / ((unigram[a] / n) * (unigram[b] / n))) / -math.log(p_ab)
            if npmi >= self.phrase_threshold:
                phrases[(a, b)] = npmi
        self.phrases_: dict[tuple[str, str], float] = phrases
        return self

    def transform(
        self, texts: Sequence[str] | None = None, languages: Sequence[str] | None = None
    ) -> list[list[str]]:
        """Return the tokens of each answer: lemmas, then any learned phrases as ``"a_b"``.

        Without arguments, transforms the texts given to :meth:`fit` (they are already split).
        """
        seqs = (
            self._words if texts is None else [self.words(t, lang) for t, lang in zip(texts, languages or [])]
        )
        return [self._tokens(seq) for seq in seqs]

    def _tokens(self, seq: list[tuple[str, str] | None]) -> list[str]:
        tokens = [x[0] for x in seq if x]
        for a, b in pairwise(seq):
            if a and b and (a[0], b[0]) in self.phrases_:
                tokens.append(f"{a[0]}_{b[0]}")
        return tokens

    def fit_transform(
        self, texts: Sequence[str], languages: Sequence[str], weights: Sequence[int] | None = None
    ) -> list[list[str]]:
        """Learn phrases from ``texts`` and return their tokens (see :meth:`transform`)."""
        return self.fit(texts, languages, weights).transform()

    def surfaces(self, limit: int = 30_000, language: str | None = None) -> dict[str, Counter[str]]:
        """Map each token (lemma or phrase) to the counts of how it was written, to print it readably.

        Reads the first ``limit`` answers only: how a word is usually written shows long before that.
        With ``language``, only answers in that language are read, so a report can print each token as
        its readers' language writes it ("childcare", not "guardería"), or not at all. Read once per fit:
        the theme and the topic labels ask for the same counts (callers must not change them).
        """
        known = getattr(self, "_surfaces", None)
        if known is not None and (limit, language) in known:
            return known[(limit, language)]
        out: dict[str, Counter[str]] = {}
        chosen = (
            self._words
            if language is None
            else [seq for seq, lang in zip(self._words, self._languages) if lang == language]
        )
        for seq in chosen[:limit]:
            for x in seq:
                if x:
                    seen = out.get(x[0])
                    if seen is None:
                        seen = out[x[0]] = Counter()
                    seen[x[1]] += 1
            for a, b in pairwise(seq):
                if a and b and (a[0], b[0]) in self.phrases_:
                    key = f"{a[0]}_{b[0]}"
                    if key not in out:
                        out[key] = Counter()
                    out[key][f"{a[1]} {b[1]}"] += 1
        if known is not None:
            known[(limit, language)] = out
        return out


@lru_cache(maxsize=1)
def _token_finder() -> Callable[[str], list[str]]:
    """The words of a text, as NLTK's ``RegexpTokenizer(_TOKEN_PATTERN)`` finds them: the same pattern,
    flags and engine (``regex``, which NLTK compiles it with), called directly. NLTK's tokenizer wraps each
    search in a timeout guard against patterns that backtrack, which this one cannot do; the guard cost
    more than the search (about 1 s of 100,000 answers)."""
    import regex

    return regex.compile(_TOKEN_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL).findall


@lru_cache(maxsize=8)
def _lemmatizer(language: str) -> Callable[[str], str]:
    """The lemma of a word in ``language``; the word itself where simplemma has no dictionary (Chinese,
    Vietnamese and Haitian Creole barely inflect)."""
    if language not in ("en", "es", "ar"):
        return lambda word: word
    # Dictionary lookup only: simplemma's default also tries affix rules on unknown words, which costs
    # far more on typo-laden answers and rarely finds a better lemma for them.
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy

    lemmatizer = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())
    if language == "ar":
        return _arabic_lemma(lemmatizer)

    def lemma(word: str) -> str:
        return lemmatizer.lemmatize(word, lang=language)

    return lemma


def _arabic_lemma(lemmatizer) -> Callable[[str], str]:
    """Arabic lemmas, looking past a joined conjunction or preposition ("والحافلة", and the bus), the
    article and a possessive ending ("أطفالي", my children) when the dictionary does not know the word."""
    from simplemma import is_known

    def lemma(word: str) -> str:
        candidates = [word]
        if len(word) > 3 and word.startswith(_ARABIC_PREFIXES):
            candidates.append(word[1:])
        candidates += [c[2:] for c in list(candidates) if c.startswith("ال") and len(c) > 4]
        candidates += [c[: -len(end)] for c in list(candidates) for end in _ARABIC_SUFFIXES
                       if c.endswith(end) and len(c) - len(end) >= 3]
        known = next((c for c in candidates if is_known(c, lang="ar")), word)
        return lemmatizer.lemmatize(known, lang="ar")

    return lemma


@lru_cache(maxsize=1)
def _han_vocabulary() -> frozenset[str]:
    """The Chinese words (two characters or more) of the shipped word table; empty when it has none."""
    from . import static_vectors

    if not static_vectors.available():
        return frozenset()
    words = frozenset(w for w in static_vectors.load().index if len(w) >= 2 and _HAN.fullmatch(w))
    return words if len(words) >= 1000 else frozenset()
