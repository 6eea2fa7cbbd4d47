"""Sentiment: how positive or negative each answer sounds, with NLTK's VADER, offline.

NLTK normally downloads VADER's lexicon; here no downloader is used. The lexicon ships inside the
``vaderSentiment`` package from PyPI; on first use it is copied into a project-owned NLTK data folder
(``$CHORUS_NLTK_DATA`` or the user's cache) in the layout NLTK expects, and NLTK's analyser loads it
from there.

VADER is an English lexicon. Scoring a Spanish, Chinese, Vietnamese, Arabic or Haitian Creole answer with
it would look like a number while meaning nothing, so those answers get no score (``None``), every summary
reports how many answers it rests on, and the theme engine says which languages were left unscored
(``parameters["sentiment"]``).
"""

from __future__ import annotations

import os
import string
import threading
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

__all__ = ["NEGATIVE_BELOW", "POSITIVE_ABOVE", "SURVEY_NEUTRAL", "SentimentScorer", "vader_data_dir"]

SURVEY_NEUTRAL = frozenset(
    [
        # Nouns and requests: "child care", "health care", "what would help", "free bus pass".
        "care",
        "cares",
        "help",
        "helps",
        "helping",
        "free",
        # Politeness and filler that open or close an answer without judging anything.
        "honestly",
        "well",
        "please",
        "thank",
        "thanks",
        "ok",
        "okay",
        "yes",
        "like",
        # Laughter typed on a phone is often nervous or wry, not praise.
        "lol",
        "lmao",
        "haha",
        "hahaha",
        "hehe",
    ]
)
"""Words VADER scores as positive that, in answers to a survey about services and barriers, are not.

Measured on generated answers to "what makes it hard?" (2,000, English): with VADER's full lexicon 30 %
score positive, mostly from "honestly", "child care", "lol", "well" and "thank you"; without these words
the share falls to the few answers that praise something. A barrier answer reading as positive would
mislead staff about the theme.
"""

NEGATIVE_BELOW = -0.05
"""VADER's own convention: a compound score at or below this is negative."""
POSITIVE_ABOVE = 0.05
"""... and at or above this, positive."""


def vader_data_dir() -> Path:
    """Return the project's NLTK data folder holding VADER's lexicon, building it on first use.

    The folder is ``$CHORUS_NLTK_DATA`` when set, else ``~/.cache/chorus/nltk_data``.
    """
    root = Path(os.environ.get("CHORUS_NLTK_DATA") or Path.home() / ".cache" / "chorus" / "nltk_data")
    target = root / "sentiment" / "vader_lexicon.zip"
    if not target.exists():
        import vaderSentiment

        source = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # per thread too
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(source, "vader_lexicon/vader_lexicon.txt")
        os.replace(partial, target)  # atomic, so two processes or threads building at once cannot corrupt it
    return root


_BUILDING = threading.Lock()


def _analyzer():
    """The one VADER analyzer of this process, built once even when threads ask for it together."""
    with _BUILDING:
        return _built_analyzer()


@lru_cache(maxsize=1)
def _built_analyzer():
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    root = str(vader_data_dir())
    # NLTK only opens resources found under its data path; adding our folder is how NLTK means data
    # folders to be registered, and it is done on first use, not at import.
    if root not in nltk.data.path:
        nltk.data.path.append(root)
    analyzer = _fast_analyzer_class(SentimentIntensityAnalyzer)(
        lexicon_file="sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
    )
    for word in SURVEY_NEUTRAL:
        analyzer.lexicon.pop(word, None)
    analyzer.constants.negated = _one_word_cache(analyzer.constants.negated)
    return analyzer


def _one_word_cache(negated):
    """VADER's ``negated`` remembered for one-word lists: the scoring loop asks it about each of the three
    words before every sentiment word, hundreds of thousands of times at 100,000 answers, while whether one
    word negates depends on that word alone."""
    known: dict[str, bool] = {}

    def cached(input_words, include_nt=True):
        if len(input_words) != 1 or not include_nt:
            return negated(input_words, include_nt)
        word = input_words[0]
        answer = known.get(word)
        if answer is None:
            answer = known[word] = negated(input_words)
        return answer

    return cached


_NO_PUNCTUATION = str.maketrans("", "", string.punctuation)


def _fast_analyzer_class(base):
    """NLTK's VADER with its one slow step replaced by an equivalent fast one; scores are unchanged.

    NLTK's ``SentiText`` builds, for every text, a dictionary of every word joined to every punctuation
    mark (hundreds of strings per answer) just to strip punctuation from token edges. Here the same
    lookup is answered on demand. Texts with no word from the lexicon score exactly 0 in VADER, so they
    skip the analysis altogether. The scoring loop is NLTK's own (Apache-2.0), with only the
    ``SentiText`` class swapped (and each token's edges stripped once); a test compares the scores with
    NLTK's on many answers.
    """
    from nltk.sentiment.vader import SentiText

    class _EdgePunctuation:
        def __init__(self, words: set[str], punctuation: list[str]) -> None:
            self.words, self.punctuation = words, punctuation

        def _strip(self, token: str) -> str | None:
            if token[:1].isalnum() and token[-1:].isalnum():
                return None  # no punctuation at either edge: nothing to strip
            for p in self.punctuation:  # NLTK's dictionary lets "word+punct" win over "punct+word"
                if token.endswith(p) and token[: -len(p)] in self.words:
                    return token[: -len(p)]
            for p in self.punctuation:
                if token.startswith(p) and token[len(p) :] in self.words:
                    return token[len(p) :]
            return None

        def __contains__(self, token: str) -> bool:
            return self._strip(token) is not None

        def __getitem__(self, token: str) -> str:
            return self._strip(token)  # type: ignore[return-value]

    class _FastSentiText(SentiText):
        def _words_plus_punc(self):
            # NLTK's regex deletes each ASCII punctuation mark; newer NLTK runs it under a ReDoS timeout
            # (the ``regex`` module), several times slower than deleting the same characters here.
            no_punc_text = self.text.translate(_NO_PUNCTUATION)
            return _EdgePunctuation({w for w in no_punc_text.split() if len(w) > 1}, self.PUNC_LIST)

        def _words_and_emoticons(self):
            # NLTK's, with each token stripped once (NLTK asks ``in`` and then ``[]``), and the words
            # to strip to read only when a token has punctuation at an edge.
            wes = [we for we in self.text.split() if len(we) > 1]
            edges = None
            for i, we in enumerate(wes):
                if we[0].isalnum() and we[-1].isalnum():
                    continue  # no punctuation at either edge: nothing to strip
                if edges is None:
                    edges = self._words_plus_punc()
                stripped = edges._strip(we)
                if stripped is not None:
                    wes[i] = stripped
            return wes

    class FastSentimentIntensityAnalyzer(base):
        def polarity_scores(self, text):
            words = text.lower().split()  # as each word lowered: lowering adds or drops no space
            lexicon = self.lexicon.keys()
            if lexicon.isdisjoint(words) and lexicon.isdisjoint([w.strip(_EDGE) for w in words]):
                return {"neg": 0.0, "neu": 0.0 if not words else 1.0, "pos": 0.0, "compound": 0.0}
            sentitext = _FastSentiText(
                text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
            )
            sentiments = []
            words_and_emoticons = sentitext.words_and_emoticons
            lowered = [token.lower() for token in words_and_emoticons]  # each token lowered once
            boosters, last = self.constants.BOOSTER_DICT, len(words_and_emoticons) - 1
            first_index = {}
            for idx, token in enumerate(words_and_emoticons):
                first_index.setdefault(token, idx)
            for item, low in zip(words_and_emoticons, lowered):
                valence = 0
                i = first_index[item]
                if (i < last and low == "kind" and lowered[i + 1] == "of") or low in boosters:
                    sentiments.append(valence)
                    continue
                if low not in self.lexicon:  # NLTK's step adds 0 for it: skip the call
                    sentiments.append(valence)
                    continue
                sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
            sentiments = self._but_check(words_and_emoticons, sentiments)
            return self.score_valence(sentiments, text)

    return FastSentimentIntensityAnalyzer


_EDGE = "".join(sorted(set("!?.,;:-'\"()[]{}")))


class SentimentScorer:
    """Score answers with VADER's compound score (-1 very negative … +1 very positive).

    Scoring runs in this process: :meth:`scoring` runs it on a thread beside the caller's next steps. A pool
    of processes costs as much as it saves at 100,000 answers on two cores (measured: 2.8 s in one process
    against 6.5 s with two on a busy machine), and a "spawn" pool re-imports the caller's script, which
    breaks any script without an ``if __name__ == "__main__"`` guard.

    Args:
        languages: the languages scored; others get ``None``. VADER's lexicon is English only.
    """

    def __init__(self, languages: Sequence[str] = ("en",)) -> None:
        self.languages = languages

    @contextmanager
    def scoring(self, texts: Sequence[str], languages: Sequence[str]) -> Iterator[Future[list[float | None]]]:
        """:meth:`score` on a thread while the caller's block runs; ``result()`` gives its scores or raises
        its error. VADER holds the interpreter, but embedding and k-means, which the engine runs meanwhile,
        spend their time in code that lets it go, so on two cores the scoring costs little wall time.
        Leaving the block stops the scoring within a thousand answers: a failed analysis leaves no
        thread working for nobody."""
        stop = threading.Event()
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chorus-sentiment")
        future = pool.submit(self.score, list(texts), list(languages), stop)
        pool.shutdown(wait=False)
        try:
            yield future
        finally:
            stop.set()

    def score(
        self, texts: Sequence[str], languages: Sequence[str], stop: threading.Event | None = None
    ) -> list[float | None]:
        """Return one compound score per answer, or ``None`` where its language cannot be scored.

        Raises:
            CancelledError: ``stop`` was set before every answer was scored.
        """
        out: list[float | None] = [None] * len(texts)
        wanted = [i for i, lang in enumerate(languages) if lang in self.languages]
        if wanted:
            analyzer = _analyzer()
            for n, i in enumerate(wanted):
                if stop is not None and n % 1000 == 0 and stop.is_set():
                    raise CancelledError("sentiment scoring stopped")
                out[i] = round(analyzer.polarity_scores(texts[i])["compound"], 4)
        return out
