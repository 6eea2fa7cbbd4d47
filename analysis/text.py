"""Text processing: tokens, lemmas, stopwords and phrases, per language, offline.

Turning an answer into the words that carry its meaning is what makes "kids", "my kid" and "child care"
land in one theme. Everything here runs offline from packaged resources: NLTK's regular-expression
tokenizer, simplemma's lemma dictionaries, and the ``stop-words`` package's lists, plus the filler words
survey answers are full of ("would", "really", "get", "need").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from .glossary import ENGLISH_VARIANTS, spanish_to_english

__all__ = ["CONTENT_WORDS", "SURVEY_FILLER", "TextProcessor", "stopwords_for"]

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
}
"""Words the packaged stopword lists drop that carry meaning in answers about work, training and services.

The ``stop-words`` package's English list has over 1,300 entries, among them "work", "computer", "home",
"problem", "old", "full" and "high" ("I'm too old", "full time", "high school"); its Spanish list drops
"trabajo" and "tiempo". A theme engine that cannot see those words cannot find those themes.
"""

# Spellings of one idea that tokenizers would otherwise split or keep apart.
_COMPOUNDS = (
    (re.compile(r"\bchild\s*-?\s*c[ae]?re?\b"), "childcare"),
    (re.compile(r"\bday\s*-?\s*care\b"), "daycare"),
    (re.compile(r"\bhealth\s*-?\s*care\b"), "healthcare"),
    (re.compile(r"\bweek\s*-?\s*ends?\b"), "weekend"),
    (re.compile(r"\bon\s*-?\s*line\b"), "online"),
    (re.compile(r"\bwi\s*-?\s*fi\b"), "wifi"),
    (re.compile(r"\be-?mail\b"), "email"),
    # Spanish spellings of the same ideas, kept in Spanish words the glossary knows.
    (re.compile(r"\bfin(?:es)? de semana\b"), "finde"),
    (re.compile(r"\bcuidado (?:de|para) (?:los |las |mis |sus |)(?:niñ|nin|hij)[oa]s\b"), "guardería"),
)

_COMPOUND_HINT = re.compile(r"care|week|line|wi|mail|semana|cuidado")
# Redaction placeholders such as "[phone]" are not words the respondent wrote.
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address)\]")
_TOKEN_PATTERN = r"[^\W\d_]+(?:['’][^\W\d_]+)?"


@lru_cache(maxsize=4)
def stopwords_for(language: str) -> frozenset[str]:
    """Return the stopwords used for ``language``: the packaged list plus survey filler, accents folded."""
    from stop_words import get_stop_words

    words = {_fold(w.replace("'", "")) for w in get_stop_words(language)}
    words -= CONTENT_WORDS.get(language, frozenset())
    words |= {_fold(w) for w in SURVEY_FILLER.get(language, frozenset())}
    return frozenset(words)


def _fold(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TextProcessor:
    """Tokenize, lemmatize, drop stopwords and join learned phrases, for English and Spanish answers.

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
        from nltk.tokenize import RegexpTokenizer

        self._tokenize = RegexpTokenizer(_TOKEN_PATTERN).tokenize
        extra = frozenset(_fold(w.lower()) for w in self.extra_stopwords)
        self._stop = {lang: stopwords_for(lang) | extra for lang in ("en", "es")}
        self._to_english = {} if self.glossary == {} else spanish_to_english(self.glossary)
        self._cache: dict[str, dict[str, str | None]] = {}

    def words(self, text: str, language: str) -> list[tuple[str, str] | None]:
        """Return ``(lemma, surface)`` for each word of ``text``; ``None`` marks a dropped stopword.

        Keeping the gaps lets phrase detection join only words that were really adjacent.
        """
        self._prepare()
        s = _PLACEHOLDER.sub(" ", text.lower())
        if _COMPOUND_HINT.search(s):
            for pattern, replacement in _COMPOUNDS:
                s = pattern.sub(replacement, s)
        language = language if language in self._stop else "en"
        cache = self._cache.setdefault(language, {})
        out: list[tuple[str, str] | None] = []
        for surface in self._tokenize(s):
            surface = surface.replace("’", "").replace("'", "")
            lem = cache.get(surface, "")
            if lem == "":
                lem = cache[surface] = self._lemma(surface, language)
            out.append(None if lem is None else (lem, surface))
        return out

    def _lemma(self, surface: str, language: str) -> str | None:
        stop = self._stop[language]
        folded = _fold(surface)
        if folded in stop or len(folded) < 2:
            return None
        lem = _fold(_lemmatizer(language)(surface))
        if lem in stop:
            return None
        if not self._to_english:
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
        self._words = [self.words(t, lang) for t, lang in zip(texts, languages)]
        self._languages = list(languages)
        w = list(weights) if weights is not None else [1] * len(texts)
        unigram: Counter[str] = Counter()
        bigram: Counter[tuple[str, str]] = Counter()
        for seq, wt in zip(self._words, w):
            lemmas = {x[0] for x in seq if x}
            for lem in lemmas:
                unigram[lem] += wt
            pairs = {(a[0], b[0]) for a, b in pairwise(seq) if a and b and a[0] != b[0]}
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
        its readers' language writes it ("childcare", not "guardería"), or not at all.
        """
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
        return out


@lru_cache(maxsize=4)
def _lemmatizer(language: str):
    # Dictionary lookup only: simplemma's default also tries affix rules on unknown words, which costs
    # far more on typo-laden answers and rarely finds a better lemma for them.
    from simplemma import Lemmatizer
    from simplemma.strategies import DictionaryLookupStrategy

    lemmatizer = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())

    def lemma(word: str) -> str:
        return lemmatizer.lemmatize(word, lang=language)

    return lemma
