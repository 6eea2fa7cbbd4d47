"""Label spans: the words a theme's answers wrote around its terms, read as a reader would.

Label phrases (:mod:`analysis.labels`) are counted with a long stopword list, so that a phrase never
opens or ends on filler. That list holds many words a label needs ("felt", "next", "kind", "help"), and
a theme whose answers agree on a sentence like "they treated me like a person" had no phrase to offer:
it was named by two of its words ("Treated and person"). Here a label may be any span of two to six
words that enough of the theme's answers wrote, holding its most distinctive terms, as long as it
starts and ends on a word that carries meaning (only the closed classes below — articles, pronouns,
prepositions, conjunctions, auxiliaries — may not) and does not stop before the word that completes it
("Bus takes" 2 hours, "Can't leave" them, "Aren't set" up).

No part-of-speech data is needed: a phrase reads as grammatical by what its own words show (a plural
noun before "is" was cut from its subject: "[Working] night shifts is hard") and by how the answers use
it (a verb after "haven't" that they always go on from was cut before its object: "Applicants haven't
worked" [in a clinic]; a word they write after "to" or "my" is a verb or a noun: "About watch" is not a
topic, "About rent" is).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise

__all__ = [
    "FUNCTION_WORDS",
    "NUMBER_WORDS",
    "cut_short",
    "disagrees",
    "fragments",
    "one_clause",
    "reads_as_noun",
    "stands_alone",
    "written_pair",
    "written_spans",
    "written_subjects",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_EN_FUNCTION = _words("""
a an the this that these those some any each every either neither such
i me my mine myself you your yours yourself he him his himself she her hers herself it its itself
we us our ours ourselves they them their theirs themselves one ones
who whom whose which what whatever whoever where when why how there here
of in on at by for with about to from into onto over under up down out off through during before after
above below between among against within along across around as like per via upon toward towards near
than until till since unless whether if while although though because so and or but nor yet then once
is am are was were be been being have has had having do does did doing
can could will would shall should may might must ought
i'm i've i'll i'd you're you've you'll you'd he's she's it's we're we've we'll they're they've they'll
that's there's here's what's who's let's
also just very really too even still quite lot lots
well though anyway maybe perhaps probably actually basically honestly
""")
_ES_FUNCTION = _words("""
el la los las lo un una unos unas al del
de a en con por para sobre entre hasta desde hacia según durante mediante contra tras
y e o u pero sino que porque como cuando donde si aunque mientras pues
yo me mí mi mis tú tu tus te él ella ello ellos ellas usted ustedes nosotros nosotras vosotros
su sus se nos os le les nuestro nuestra nuestros nuestras vuestro vuestra
este esta esto estos estas ese esa eso esos esas aquel aquella aquellos aquellas
es son fue fueron era eran soy somos estoy está están estaba estaban ser estar sido estado
he has ha hemos han había habían hay haber
muy también ya tan tanto tanta
quien quién quienes cual cuál cuales qué cómo dónde cuándo
""")
# Filler of spoken answers: it ends a sentence, never a label ("Communication tbh").
_FILLER = _words("""
tbh lol guess please thanks thank etc stuff thing things something anything everything sure mostly
pretty ok okay yes yeah idk im ive
gracias pues bueno verdad cosa cosas vez favor
""")
FUNCTION_WORDS = _EN_FUNCTION | _ES_FUNCTION | _FILLER
"""Closed-class words of English and Spanish, and filler: a label never starts or ends with one."""

NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve uno dos tres cuatro cinco seis siete ocho "
    "nueve diez doce"
)
"""Numbers written out: they may sit in a label ("Left three voicemails") but never name its theme."""
# What completes the word before it: an object or its determiner, a number, a verb's particle. A phrase
# nearly always followed by one of these was cut off ("takes" 2 hours, "leave" them, "set" up).
_COMPLETERS = NUMBER_WORDS | _words(
    """
    a an the my your his her our their this that these those some any me you him us them it
    up out off over down back away
    el la los las un una unos unas mi mis tu tus su sus me te lo le les nos
    """
)
_NUMBER = re.compile(r"\d")
# Quantities open a label ("Many applicants") but never end one ("Wheelchair and most"); "pay more" may.
_NO_END = FUNCTION_WORDS | _words("most many much few mucho mucha muchos muchas poco pocos")
_AND = _words("and y e")
# A label never ends on a verb's negation: "Candidates won't", "No puedo".
_DANGLING = _words(
    """
    won't can't don't doesn't didn't isn't aren't wasn't weren't couldn't wouldn't shouldn't haven't hasn't
    hadn't cannot wont cant dont doesnt didnt isnt arent wasnt werent couldnt wouldnt shouldnt not
    no puedo puede pueden quiero tengo
    """
)
# Verbs that tell their subject's number. A plural noun before a singular one was cut from a longer
# subject ("[working] night shifts is hard"), and so was an "-ing" word before a plural one ("[email and]
# typing are lacking"): the answers' sentence was grammatical, the piece of it is not.
_SINGULAR_VERBS = {
    "en": _words("is was has does isn't wasn't hasn't doesn't"),
    "es": _words("es está fue era estaba"),
}
_PLURAL_VERBS = {
    "en": _words("are were have do aren't weren't haven't don't"),
    "es": _words("son están fueron eran estaban"),
}
# After these the next word is a verb, which goes on to its object or complement in the answers: "haven't
# worked" [in a clinic], "can't afford" [the fees], "no puedo pagar" [la renta]. Plain "have", "do", "to"
# and "no" also come before nouns ("have kids", "commute to work", "no car"), and "never" before verbs
# that need nothing more ("bus never comes"), so they are not here.
_VERB_AFTER = _words(
    """
    don't doesn't didn't haven't hasn't hadn't can't cannot couldn't won't wouldn't shouldn't
    dont doesnt didnt cant wont couldnt wouldnt shouldnt
    can could will would should must might
    puedo puede pueden podemos quiero quiere quieren debo debe deben
    """
)
_BE = _words("is are was were am be been being")
# What ends a thought: after a verb, one of these does not make it go on ("can't afford it and ...").
_THOUGHT_ENDS = _words("and or nor but so because y o ni pero porque")
# How answers use a word: after these it is a noun ("my watch", "the rent", "sin guardería")...
_NOUN_AFTER = _words(
    """
    a an the my your his her our their this these those some any more less much many enough every each
    of for about with without on in at from per
    el la los las un una unos unas mi mis tu tus su sus nuestro nuestra de del sin para con por en más menos
    mucho mucha muchos muchas poco poca
    """
)
# ... after these a verb or an adjective ("to watch", "can't watch", "too slow", "se tardaron"). After "is"
# may come either ("was slow", "is rent"), and after "so" and "me" ("so rent", "for me retention").
_VERB_OR_ADJECTIVE_AFTER = _VERB_AFTER | _words(
    """
    to i we they you he she who very too really pretty
    yo te se les nos muy que
    """
)
# ... and before these a verb with its object ("watch my kids", "loved it").
_OBJECT_NEXT = _words("me my them us him her it the a an your our their his this")
# A word as answers write it, numbers included (a span may hold "2 hours"); an inner apostrophe kept.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_BREAK = re.compile(r"[.,;:!?()\[\]\n¿¡…\"，。、；：！？،؛؟]+|\s[-–—]\s")
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address|name)\]")
CUT_SHARE = 0.8
"""Share of a phrase's uses that must go on to a completing word for it to count as cut off."""


@lru_cache(maxsize=16384)  # a theme's answers are read for spans and cut-off phrases; a web worker keeps it
def fragments(text: str) -> tuple[tuple[str, ...], ...]:
    """The answer's runs of words between punctuation, lower-cased (placeholders break a run)."""
    lowered = _PLACEHOLDER.sub(" , ", text.lower()).replace("’", "'")
    return tuple(tuple(words) for part in _BREAK.split(lowered) if (words := _TOKEN.findall(part)))


def written_spans(
    answers: Sequence[Sequence[Sequence[str]]],
    weights: Sequence[float],
    core: Sequence[str],
    fewest: float,
    forbidden_inside: frozenset[str],
    negators: frozenset[str],
    max_words: int = 6,
) -> list[tuple[str, float]]:
    """Spans of two to ``max_words`` words that answers weighing at least ``fewest`` wrote, best first,
    each with the weight of the answers that wrote it.

    ``answers`` are each answer's :func:`fragments`, ``weights`` how many answers each stands for. A span
    holds one of the ``core`` words (the theme's most distinctive, best first), opens and ends on a word
    that carries meaning (:data:`FUNCTION_WORDS` never; "more", "most" may only open; never a number),
    holds none of ``forbidden_inside`` (a new clause: "but", a subject), and is not cut off
    (:func:`cut_short`), nor a piece of a longer span nearly every answer saying it goes on with ("that
    pay" more). A span is not counted where one of ``negators`` comes earlier in its clause ("nobody at
    the desk *treated me like a person*"); it may open with one. Best first: the
    weight of the answers saying it, with half as much again for each more core word it holds (so a detail
    two answers add does not outrank what eighteen say), then the shorter.
    """
    wanted = [w for w in core if w]
    if not wanted:
        return []
    clause_starts = forbidden_inside | _AND
    said: Counter[tuple[str, ...]] = Counter()
    for parts, weight in zip(answers, weights):
        seen: set[tuple[str, ...]] = set()
        for words in parts:
            against = False  # a negation earlier in this clause
            for i, first in enumerate(words):
                if i and words[i - 1] in clause_starts:
                    against = False
                opens = not (first in FUNCTION_WORDS or _NUMBER.search(first))
                if opens and (not against or first in negators):
                    for j in range(i + 1, min(len(words), i + max_words)):
                        last = words[j]
                        if last in forbidden_inside:
                            break
                        if last in _NO_END or _NUMBER.search(last):
                            continue
                        span = tuple(words[i : j + 1])
                        if any(w in span for w in wanted):
                            seen.add(span)
                against = against or first in negators
        for span in seen:
            said[span] += weight
    # A piece of a longer span nearly every answer saying it goes on with is cut off ("that pay" more).
    longest: Counter[tuple[str, ...]] = Counter()
    for span, n in said.items():
        for part in (span[1:], span[:-1]):
            longest[part] = max(longest[part], n)
    ranked = []
    for span, n in said.items():
        if n < fewest or longest[span] >= CUT_SHARE * n:
            continue
        held = sum(w in span for w in wanted)
        first_core = min(k for k, w in enumerate(wanted) if w in span)
        ranked.append((-n * (1 + 0.5 * (held - 1)), len(span), first_core, span))
    ranked.sort()
    out = []
    for *_, span in ranked:
        phrase = " ".join(span)
        if not cut_short(phrase, answers, weights):
            out.append((phrase, said[span]))
        if len(out) == 6:
            break
    return out


def cut_short(
    phrase: str,
    answers: Sequence[Sequence[Sequence[str]]],
    weights: Sequence[float] | None = None,
    objects: bool = True,
) -> bool:
    """Whether nearly every use of ``phrase`` in ``answers`` (their :func:`fragments`, each standing for
    ``weights`` answers) goes on to the word that completes it.

    "Bus takes" is followed by "2 hours" in the answers that say it, "can't leave" by "them" or "my kids":
    a label ending there reads cut off. "Single mom" followed by "of two" or "and" stands on its own. A
    phrase ending on a verb after "haven't", "can't" or a modal ("Applicants haven't worked" [in
    a clinic], "Landlord is selling" [the building]) is cut off when nearly every use goes on with any
    word: the verb still lacks its object. A phrase opening on a function word, or ending on one, on
    "most", or on a verb's negation ("Con videos", "Candidates won't"), or whose verb disagrees with the
    noun before it where the answers do not write it so ("Night shifts is hard", :func:`disagrees`), always
    reads cut off. With ``objects``
    false, a verb going on to its object is not looked for.
    """
    target = tuple(phrase.lower().split())
    n = len(target)
    if not n:
        return False
    if target[-1] in _DANGLING or target[-1] in _NO_END or target[0] in FUNCTION_WORDS:
        return True  # "Candidates won't", "No saben hablar con", "Con videos"
    if disagrees(target) and disagrees(target, written_subjects(answers, weights or [1.0] * len(answers))):
        return True
    verb_ends = (
        objects
        and n >= 2
        and (
            target[-2] in _VERB_AFTER
            or (target[-2] in _BE and target[-1].endswith("ing") and len(target[-1]) > 5)
        )
    )
    return _goes_on(target, answers, weights, verb_ends)


def _goes_on(
    target: tuple[str, ...],
    answers: Sequence[Sequence[Sequence[str]]],
    weights: Sequence[float] | None,
    any_word: bool = False,
) -> bool:
    """Whether nearly every use of ``target`` goes on to a word that completes it (with ``any_word``, to
    any word that does not end the thought)."""
    n = len(target)
    uses = going_on = 0.0
    for parts, weight in zip(answers, weights if weights is not None else [1.0] * len(answers)):
        for words in parts:
            for i in range(len(words) - n + 1):
                if words[i : i + n] == target:
                    uses += weight
                    after = words[i + n] if i + n < len(words) else None
                    if after is not None and (
                        after in _COMPLETERS
                        or _NUMBER.match(after)
                        or (any_word and after not in _THOUGHT_ENDS)
                    ):
                        going_on += weight
    return uses > 0 and going_on >= CUT_SHARE * uses


def stands_alone(phrase: str, answers: Sequence[Sequence[Sequence[str]]], weights: Sequence[float]) -> bool:
    """Whether at least half the uses of ``phrase`` in ``answers`` end a thought there (the end of a run
    of words, or "and", "but", "porque" next): "New grads can't start for months" does, "Wages can't
    match what the big" [systems pay] does not."""
    target = tuple(phrase.lower().split())
    n = len(target)
    uses = ends = 0.0
    for parts, weight in zip(answers, weights):
        for words in parts:
            for i in range(len(words) - n + 1):
                if words[i : i + n] == target:
                    uses += weight
                    ends += weight * (i + n == len(words) or words[i + n] in _THOUGHT_ENDS)
    return uses > 0 and ends >= 0.5 * uses


def disagrees(words: Sequence[str], agreeing: Collection[tuple[str, str]] = ()) -> bool:
    """Whether a noun and the verb after it disagree in number: "night shifts is", "typing are", "las
    clases es". Answers write their sentences grammatically; such a pair shows a phrase cut from its
    subject ("*working* night shifts is hard"), which no reader should be shown. Pairs in ``agreeing``
    (the answers' own subjects, :func:`written_subjects`: "Human resources is slow") never disagree."""
    for noun, verb in pairwise(words):
        if noun in FUNCTION_WORDS or noun in NUMBER_WORDS or _NUMBER.search(noun):
            continue
        if (noun, verb) in agreeing:
            continue
        for language in ("en", "es"):
            if verb in _SINGULAR_VERBS[language] and _plural(noun, language):
                return True
            if verb in _PLURAL_VERBS[language] and language == "en" and _gerund(noun):
                return True
    return False


# Words that may stand before a sentence's subject ("the", "mis"): the subject still opens the sentence.
_DETERMINERS = _words(
    """
    a an the my your his her our their this these those el la los las un una unos unas mi mis tu tus su sus
    nuestro nuestra nuestros nuestras
    """
)


def written_subjects(
    answers: Sequence[Sequence[Sequence[str]]], weights: Sequence[float]
) -> frozenset[tuple[str, str]]:
    """The (noun, verb) pairs the answers (their :func:`fragments`) mostly write with the noun opening its
    sentence, after at most one other word (and in English a determiner): "Human resources is slow",
    "Estados Unidos es", "my glasses is broken" are the answers' own subjects, whatever the noun's form; "[finding a
    sitter for] night shifts is", "[working] double shifts is" are cut from theirs."""
    uses: Counter[tuple[str, str]] = Counter()
    opening: Counter[tuple[str, str]] = Counter()
    for parts, weight in zip(answers, weights):
        for words in parts:
            for i in range(len(words) - 1):
                pair = (words[i], words[i + 1])
                uses[pair] += weight
                start = 0
                while start < i and words[start] in _DETERMINERS and words[i + 1] not in _SPANISH_ONLY_VERBS:
                    start += 1  # Spanish writes its plurals with the article: "los horarios es" disagrees
                if i - start <= 1 and not any(w in FUNCTION_WORDS for w in words[start:i]):
                    opening[pair] += weight
    return frozenset(pair for pair, n in opening.items() if 2 * n > uses[pair])


def one_clause(a: str, b: str, answers: Sequence[Sequence[Sequence[str]]], weights: Sequence[float]) -> float:
    """How many answers write ``a`` and ``b`` in one clause, nothing like "and" between them: "los
    horarios es un problema" says one of the other, "no car and the bus is slow" lists two things."""
    said = 0.0
    for parts, weight in zip(answers, weights):
        for words in parts:
            if a in words and b in words:
                i, j = sorted((words.index(a), words.index(b)))
                if not any(w in _THOUGHT_ENDS for w in words[i:j]):
                    said += weight
                    break
    return said


# The verbs after a sentence's subject: the word before them is a noun ("aid is slow").
_SUBJECT_OF = _BE | _SINGULAR_VERBS["en"] | _PLURAL_VERBS["en"] | _SINGULAR_VERBS["es"] | _PLURAL_VERBS["es"]
_SPANISH_ONLY_VERBS = _SINGULAR_VERBS["es"] - _SINGULAR_VERBS["en"]


@lru_cache(maxsize=16384)
def _plural(word: str, language: str) -> bool:
    """A plural noun by its own form: it ends in "s" and its dictionary form drops it ("shifts" → "shift",
    "clases" → "clase"; "bus", "news", "basics" stay as they are)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return False
    lemma = _lemma(word, language)
    return lemma != word and word.startswith(lemma[: max(3, len(lemma) - 1)])


def _gerund(word: str) -> bool:
    """An "-ing" word that is a verb's ("typing" → "type"): as a subject it is singular."""
    return len(word) > 5 and word.endswith("ing") and _lemma(word, "en") != word


@lru_cache(maxsize=16384)
def _lemma(word: str, language: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang=language)


def reads_as_noun(
    word: str,
    answers: Sequence[Sequence[Sequence[str]]],
    weights: Sequence[float],
    language: str = "en",
    unknown: bool | None = False,
) -> bool | None:
    """Whether the answers (their :func:`fragments`) use ``word`` as a noun, so that "About <word>" names
    a topic: "the rent", "my schedule", "sin guardería" say so; "to watch", "can't watch", "watch my kids",
    "too slow", "se tardaron" say it is a verb or an adjective, "aid is slow", "no aid" a noun ("About watch" reads as nothing). Without
    such words around it (answers of one word: "Expired bread", "Great program") nothing says it is a
    noun, and it is not taken for one ("About great"): ``unknown`` is returned. A Spanish verb form ("abren", "pagan") is a noun
    only after an article or a possessive ("Solo abren cuando...", not "Sobre abren"; "el examen" still is).
    """
    finite = language == "es" and _spanish_verb(word)
    noun = other = 0.0
    for parts, weight in zip(answers, weights):
        for words in parts:
            for i, w in enumerate(words):
                if w != word:
                    continue
                before = words[i - 1] if i else None
                after = words[i + 1] if i + 1 < len(words) else None
                if (
                    before in (_DETERMINERS if finite else _NOUN_AFTER)
                    or (not finite and after in _SUBJECT_OF)  # "aid is slow", "las citas tardan"
                    or (language == "en" and before == "no")  # "no aid"
                ):
                    noun += weight
                elif before in _VERB_OR_ADJECTIVE_AFTER or after in _OBJECT_NEXT or finite:
                    other += weight
    if noun or other:
        return noun >= other
    return unknown


@lru_cache(maxsize=16384)
def _spanish_verb(word: str) -> bool:
    """A Spanish verb's inflected form by its dictionary form ("abren" → "abrir"); "examen", "orden",
    "joven" are their own."""
    lemma = _lemma(word, "es")
    return lemma != word and lemma.endswith(("ar", "er", "ir"))


# A pair of words around a verb or an adjective may open on these ("Too slow", "Never called") and end on
# these ("Loved it", "Watch them"), though they are function words.
_PAIR_OPENERS = _words("too so very really not never no muy nunca")
_PAIR_ENDS = _words("it them me us him her")


def written_pair(
    word: str, answers: Sequence[Sequence[Sequence[str]]], weights: Sequence[float], fewest: float
) -> str | None:
    """The two words holding ``word`` that answers weighing at least ``fewest`` wrote most ("loved it",
    "too slow", "watch them"), for a word that is not a noun and so cannot follow "about"; ``None`` when
    no pair is written that often. The other word opens or ends the pair as a label may ("the slow",
    "slow and" never)."""
    said: Counter[tuple[str, str]] = Counter()
    for parts, weight in zip(answers, weights):
        seen: set[tuple[str, str]] = set()
        for words in parts:
            for i, w in enumerate(words):
                if w != word:
                    continue
                if i and _may_open_pair(words[i - 1]):
                    seen.add((words[i - 1], w))
                if i + 1 < len(words) and _may_end_pair(words[i + 1]):
                    seen.add((w, words[i + 1]))
        for pair in seen:
            said[pair] += weight
    whole = [(-n, pair) for pair, n in said.items() if n >= fewest and not _goes_on(pair, answers, weights)]
    return " ".join(min(whole)[1]) if whole else None


def _may_open_pair(word: str) -> bool:
    return (
        len(word) > 1 and not _NUMBER.search(word) and (word not in FUNCTION_WORDS or word in _PAIR_OPENERS)
    )


def _may_end_pair(word: str) -> bool:
    if word in _PAIR_ENDS:
        return True
    return len(word) > 1 and not _NUMBER.search(word) and word not in _NO_END and word not in _DANGLING
