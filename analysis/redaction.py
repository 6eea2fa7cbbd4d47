"""Redaction: find the personal details typed into a free-text answer and replace them with placeholders.

Quotes are shown to staff and partners, so an email, a phone number, a web address that points at one
page, a street address or a person's name must not reach them. Redaction must also be precise: "the bus
takes 2 hours each way", "$14.50 an hour", "TurnItIn.com" or "BIO 101" are the substance of an answer, and
blanking them out would hide what people said.

Rules, in order (an earlier kind wins where two overlap):

- ``[email]``: anything shaped like ``name@domain.tld``.
- ``[url]``: an address that points at a page: it has a scheme (``https://``), starts with ``www.`` or has
  a path (``bit.ly/3xYz``, ``site.org/apply``). A bare domain (``TurnItIn.com``, ``Indeed.com``) names a
  product or an organisation, as "Indeed" would, and identifies nobody, so it is kept.
- ``[phone]``: North American and Mexican numbers in their usual groupings, and ``+`` international
  numbers. Times, dates, money, years and course codes have other shapes and are kept.
- ``[number]``: social security numbers and runs of seven or more digits (case and account numbers).
- ``[address]``: a house number followed by a street name and a street type ("4410 W Roosevelt Rd", "88
  Pine Ln Apt 2B"), a Spanish street type followed by a name and a number ("Calle Hidalgo 245"), or a
  P.O. box. The words between number and street type may not be units or function words, so durations and
  distances ("2 hours each way", "15 miles down the road") are never addresses. A street named without a
  house number ("the clinic on 5th Avenue") locates a place, not a person, and is kept.
- ``[name]``: see :func:`_name_spans`: a name after a title ("Mr. Johnson", "la señora Gutiérrez"), after
  "my name is"/"me llamo", after a role ("my counselor Sarah", "mi esposo Miguel"), a given name followed
  by a surname ("Maria Lopez"), or a capitalised given name on its own. Names that are also words or places
  ("Will", "Faith", "Rosa", "Dallas") need one of the cues. Titles stay visible ("Mr. [name]").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from .normalization import fold as _fold

__all__ = ["PiiSpan", "pii_spans", "redact_pii", "redact_pii_many"]


class PiiSpan(NamedTuple):
    """A personal detail found in a text: ``text[start:end]`` is replaced by ``[kind]``."""

    start: int
    end: int
    kind: str


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLD = r"(?:com|org|net|edu|gov|io|us|co|info|biz|me|ly|gl|mx|es|app|ai|tv|gg)"
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"]+"  # a scheme or www.: always a link
    rf"|\b[\w-]+(?:\.[\w-]+)*\.{_TLD}/[^\s<>\"]*",  # a domain with a path: one page of a site
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\""

_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_PHONE = re.compile(
    r"(?<![\w$.,/:+-])(?:"
    r"\+\d{1,3}[\s.-]?(?:\(?\d{1,4}\)?[\s.-]?){2,4}\d{2,4}"  # +1 312 555 0175, +52 1 55 1234 5678
    r"|(?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}"  # (213) 555-0142, 602.555.0188, 4805550123
    r"|\d{2}[\s.-]\d{4}[\s.-]\d{4}"  # 55 1234 5678 (Mexico)
    r"|\d{3}-\d{4}"  # 555-1234
    r")(?![\w/:-]|[.,]\d)"
)
_LONG_NUMBER = re.compile(r"(?<![\w$.,/-])(?:[A-Z]{1,3})?\d{7,}(?![\w/-]|[.,]\d)")
# A run of digits after one of these words is an identifier, not a phone number.
_ID_CUE = re.compile(
    r"(?:ref|reference|case|id|account|acct|confirmation|order|member|policy|claim|ticket|"
    r"folio|expediente|caso|cuenta|referencia|matr[ií]cula)\W*(?:number|no|n[uú]mero|#)?\W*$",
    re.IGNORECASE,
)

_UNIT = r"(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|#|no)\.?\s*#?\s*[0-9][\w-]*)"
_US_STREET_TYPE = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|circle|cir|"
    r"highway|hwy|parkway|pkwy|terrace|ter|trail|trl|square|sq|loop|pike|broadway|expressway|fwy|freeway"
)
_US_STREET = re.compile(
    r"(?<![\w$.,/:-])\d{1,6}[A-Za-z]?\s+"
    r"(?P<dir>(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
    r"(?P<words>(?:[\w'.-]+\s+){0,3}?)"
    rf"(?P<type>{_US_STREET_TYPE})\b\.?{_UNIT}?"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,?\s*[A-Z]{2}\s*\d{5}(?:-\d{4})?)?",
    re.IGNORECASE,
)
# "2300 N Broadway": a direction between number and name is itself a street cue.
_US_STREET_DIRECTION = re.compile(
    r"(?<![\w$.,/:-])\d{1,6}\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+[A-Z][a-z]+\b" + _UNIT + "?"
)
_ES_STREET = re.compile(
    r"(?<![\w])(?:(?:calle|avenida|calzada|bulevar|boulevard|paseo|camino|carretera|privada|callej[oó]n|"
    r"cerrada|andador|prolongaci[oó]n)\b|c/|av\.|avda\.|blvd\.)\s*"
    r"(?P<words>(?:[\w'.-]+\s+){1,4}?)(?:#|no\.|n[uú]m\.|n[uú]mero)?\s*\d{1,5}(?-i:[-\s]?[A-Z]\b)?"
    r"(?:,?\s*(?:col\.|colonia)\s+(?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+\s?){1,3})?"
    r"(?:,?\s*(?:int\.?|interior|depto\.?|dpto\.?)\s*\w+)?",
    re.IGNORECASE,
)
# Words without one of which a text holds no address (checked before the address patterns run).
_STREET_HINT = _word_set(
    _US_STREET_TYPE.replace("|", " ")
    + " n s e w ne nw se sw north south east west calle c avenida av avda calzada bulevar blvd paseo camino"
    " carretera privada callejon callejón cerrada andador prolongacion prolongación box apartado"
)
_PO_BOX = re.compile(
    r"\b(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|Apartado(?:\s+Postal)?)\s*#?\s*\d+", re.IGNORECASE
)
_AMBIGUOUS_STREET_TYPES = _word_set(
    "way place pl court ct circle cir drive dr square sq loop trail terrace pike st av"
)
# Words that never sit between a house number and its street type: units and function words. They are
# what makes "2 hours each way" or "15 miles down the road" a duration or a distance.
_NOT_STREET_WORDS = _word_set(
    """a an the each every per one two my our your his her their this that these those of to from in on at
    for by with and or but down up out into over back round trip way ways more less than about around
    hour hours hr hrs minute minutes min mins second seconds day days week weeks month months year years
    mile miles mi km kilometers kilometres block blocks foot feet ft meter meters kid kids child children
    time times dollar dollars bucks buck people person job jobs bus buses class classes shift shifts stop
    stops train trains car cars ride rides hora horas minuto minutos cuadra cuadras kilómetros dias días
    is was are were be been it i we you they he she there here not no just only also very my other same
    different long short far near away each-way lanes roads streets"""
)
_PLAIN_STREET_TYPES = _word_set("street st avenue ave road rd boulevard blvd lane ln drive dr")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_CAPITAL_INSIDE = re.compile(r"(?<=\s)[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]")  # a capitalised word, not the first
_DIGIT = re.compile(r"\d")
_PLACEHOLDER = re.compile(r"\[(?:email|url|phone|number|address|name)\]")


class _NameLists(NamedTuple):
    given: frozenset[str]
    surname: frozenset[str]
    common_word: frozenset[str]
    not_person: tuple[str, ...]
    plain_given: frozenset[str]  # given names that are not also words: enough to look closer
    not_person_first_words: frozenset[str]


@cache
def _names() -> _NameLists:
    """The name lists shipped in ``analysis/data/names.txt``, read once."""
    sections: dict[str, set[str]] = {}
    current = None
    text = resources.files("analysis").joinpath("data/names.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line)
    from stop_words import get_stop_words

    # A name that is also a function word ("al" in Spanish, "will" in English) needs a cue like any word.
    function_words = {_fold(w) for language in ("en", "es") for w in get_stop_words(language)}
    given = frozenset(sections.get("given", ()))
    common = frozenset(sections.get("common_word", ())) | function_words
    not_person = tuple(sorted(sections.get("not_person", ()), key=len, reverse=True))
    return _NameLists(
        given=given,
        surname=frozenset(sections.get("surname", ())),
        common_word=common,
        not_person=not_person,
        plain_given=given - common,
        not_person_first_words=frozenset(
            _PLAIN_WORD.findall(p)[0] for p in not_person if _PLAIN_WORD.findall(p)
        ),
    )


_TITLE = re.compile(
    r"(?<![\w])(?:mr|mrs|ms|miss|mx|dr|prof|professor|officer|coach|sr|sra|srta|don|doña|dona|señor|señora|"
    r"señorita|senor|senora|senorita|lic|licenciado|licenciada|ing|ingeniero|ingeniera|profe|profesor|"
    r"profesora|maestro|maestra|doctor|doctora|dra)\.?\s+",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"(?<![\w])(?:my name is|my name's|my names|name is|name:|me llamo|mi nombre es|nombre:|ask for|"
    r"pregunten por|pregunte por|preguntar por)\s+",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"(?<![\w])(?:case manager|caseworker|case worker|counselor|counsellor|advisor|adviser|teacher|instructor|"
    r"supervisor|manager|boss|coach|mentor|recruiter|friend|husband|wife|partner|son|daughter|mom|mother|"
    r"dad|father|sister|brother|cousin|aunt|uncle|neighbor|neighbour|grandma|grandmother|grandpa|"
    r"coworker|co-worker|roommate|boyfriend|girlfriend|sitter|babysitter|nanny|navigator|"
    r"esposo|esposa|marido|hijo|hija|mamá|mama|papá|papa|madre|padre|hermano|hermana|amigo|amiga|vecina|"
    r"vecino|consejera|consejero|jefe|jefa|supervisora|trabajadora social|trabajador social|tía|tia|tío|"
    r"tio|abuela|abuelo|novio|novia|prima|primo|compañera|compañero|niñera|ninera|suegra|suegro)\s*,?\s+",
    re.IGNORECASE,
)
# Words of the cues above: without one of them (or a listed given name) a capital is no reason to look.
_CUE_WORDS = frozenset(
    w
    for pattern in (_TITLE, _INTRO, _ROLE)
    for w in _PLAIN_WORD.findall(_fold(pattern.pattern))
    if len(w) > 1 and w not in {"for", "names", "don", "con", "por", "my", "is", "mi", "es", "me"}
)
# Words after which a listed given name that is not also a word is a person even in lower case.
_CONNECTOR = re.compile(
    r"(?<![\w])(?:talk to|talked to|spoke to|spoke with|speak with|speak to|ask|asked|called|call|with|and|met|"
    r"hablé con|hable con|hablar con|con|y|pregunté a|pregunte a|conocí a|conoci a)\s+",
    re.IGNORECASE,
)
_WORDS_OF_CUE = {
    cue: frozenset(_PLAIN_WORD.findall(_fold(cue.pattern))) for cue in (_TITLE, _INTRO, _ROLE, _CONNECTOR)
}


def _is_title_case(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word[1:].isupper())


class _Token(NamedTuple):
    start: int
    end: int  # without a possessive 's
    word: str
    key: str  # folded, possessive dropped
    possessive: bool


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] in "sS"
        if possessive:
            word, end = word[:-2], end - 2
        out.append(_Token(m.start(), end, word, _fold(word), possessive))
    return out


def _blocked_tokens(folded: str, tokens: list[_Token], not_person: tuple[str, ...]) -> list[bool]:
    """Tokens inside a brand, place or institution named after a person ("Wendy's", "San José")."""
    blocked = [False] * len(tokens)
    for phrase in not_person:
        start = folded.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if (start == 0 or not folded[start - 1].isalnum()) and (
                end >= len(folded) or not folded[end].isalnum()
            ):
                for i, t in enumerate(tokens):
                    if t.start < end and t.end > start:
                        blocked[i] = True
            start = folded.find(phrase, end)
    return blocked


def _name_spans(text: str) -> list[PiiSpan]:
    """People's names, found from a shipped list of given names and surnames and the cues around them.

    Lower-case text (typed on a phone) gives no capitalisation cue, so there a name needs a cue or a
    given name and a surname together; text in capitals is treated the same way.
    """
    lists = _names()
    folded = _fold(text)
    words = set(_PLAIN_WORD.findall(folded))
    capitalised_inside = _CAPITAL_INSIDE.search(text) is not None
    if words.isdisjoint(lists.plain_given) and not (
        capitalised_inside and not (words.isdisjoint(lists.given) and words.isdisjoint(_CUE_WORDS))
    ):
        return []  # most answers: no given name that is not also a word, and no cue before a capital
    tokens = _tokens(text)
    if not tokens:
        return []
    shouting = text.isupper()
    blocked = (
        _blocked_tokens(folded, tokens, lists.not_person)
        if not words.isdisjoint(lists.not_person_first_words)
        else [False] * len(tokens)
    )
    index_at = {t.start: i for i, t in enumerate(tokens)}
    given, surname, common = lists.given, lists.surname, lists.common_word

    def capital(i: int) -> bool:
        return not shouting and _is_title_case(tokens[i].word) and tokens[i].key not in _NOT_NAME_WORDS

    def listed(i: int) -> bool:
        return tokens[i].key in given or tokens[i].key in surname

    def plain(i: int) -> bool:
        """A listed name that is not also a common word or a place."""
        return listed(i) and tokens[i].key not in common and tokens[i].key not in _NOT_NAME_WORDS

    def more(j: int) -> bool:
        """Can token ``j`` continue the name before it ("Maria Lopez", "José Luis Hernández")?"""
        return (
            capital(j)
            and tokens[j].key not in _ORG_WORDS
            or (
                not capital(j)
                and tokens[j].key in surname
                and plain(j)
                and tokens[j].key not in _NOT_NAME_WORDS
            )
        )

    def run(i: int, first) -> int:
        """Index just past the name starting at token ``i`` (0 to 3 adjacent words)."""
        if blocked[i] or not first(i):
            return i
        j = i + 1
        while (
            j < len(tokens)
            and j - i < 3
            and not blocked[j]
            and not tokens[j - 1].possessive
            and not text[tokens[j - 1].end : tokens[j].start].strip()
            and more(j)
        ):
            j += 1
        return j

    spans: list[tuple[int, int]] = []

    def add(i: int, j: int) -> None:
        if j > i:
            spans.append((tokens[i].start, tokens[j - 1].end))

    after_title = lambda k: capital(k) or plain(k)  # "Mr. Johnson", "sra gutierrez"
    after_role = lambda k: capital(k) or (tokens[k].key in given and plain(k))
    after_connector = lambda k: tokens[k].key in given and plain(k)  # "talked to maria"
    for cue, first in (
        (_TITLE, after_title),
        (_INTRO, after_title),
        (_ROLE, after_role),
        (_CONNECTOR, after_connector),
    ):
        if words.isdisjoint(_WORDS_OF_CUE[cue]):
            continue  # none of the cue's words: no need to run its pattern
        for m in cue.finditer(text):
            i = index_at.get(m.end())
            if i is not None:
                add(i, run(i, first))

    for i in range(len(tokens)):
        k = tokens[i].key
        if (
            blocked[i]
            or k not in given
            or (i > 0 and tokens[i - 1].key in _PLACE_PREFIXES and capital(i - 1))
        ):
            continue
        if capital(i):
            j = run(i, lambda _: True)
            if _names_an_institution(tokens, j, text):
                continue  # "Harold Washington College", "Grace Hospital": a place named after someone
            with_surname = any(tokens[x].key in surname for x in range(i + 1, j))
            if j > i + 1 and (with_surname or k not in common):
                add(i, j)  # "Maria Lopez", "Mark Davis"
            elif k not in common:
                add(i, i + 1)  # "Jennifer in admissions"
        elif k not in common and i + 1 < len(tokens) and not tokens[i].possessive:
            n = tokens[i + 1].key
            if (
                n in surname
                and n not in common
                and n not in _NOT_NAME_WORDS
                and not text[tokens[i].end : tokens[i + 1].start].strip()
            ):
                add(i, i + 2)  # "maria lopez" typed in lower case
    return [PiiSpan(s, e, "name") for s, e in _merged(spans)]


def _names_an_institution(tokens: list[_Token], j: int, text: str) -> bool:
    """Whether the capitalised words before token ``j`` open a place's name: one of the next capitalised
    words right after them names a kind of place ("Harold Washington College", "Frank Lloyd Wright High
    School", "Tom's Diner"). Words that also open a job title or a common noun ("Home", "Group", "Care",
    "Community", "Mom") do not: "Maria Lopez Community Health Worker" is a person."""
    for k in range(j, min(j + 3, len(tokens))):
        gap = text[tokens[k - 1].end : tokens[k].start].strip()
        if not _is_title_case(tokens[k].word) or gap not in ("", "'s", "’s", "'S"):
            return False
        if tokens[k].key in _PLACE_KINDS:
            return True
    return False


# Capitalised words after a person's name that make it a place's name.
_PLACE_KINDS = _word_set(
    """hospital clinic college university school academy institute library church center centre foundation
    bank diner cafe restaurant bakery shop store market hotel airport station mall memorial tech"""
)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


# Capitalised words that follow a given name in the name of a place or an institution, not a person's.
_ORG_WORDS = _word_set(
    """hospital clinic college university center centre tech academy institute school county city memorial
    health medical bank park street st avenue ave road rd mall church library foundation inc llc group
    services home care community meet teams club store market hotel airport station house court"""
)
_PLACE_PREFIXES = _word_set("san santa st saint fort lake mount port new camp trader papa el los las")
# Capitalised words that may follow a title or a cue but are never part of a name.
_NOT_NAME_WORDS = _word_set(
    """i the a an and or but my your his her our their this that it he she we they you me us him them
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december english spanish inglés ingles español espanol god dios
    jesus jesús lord if when so then also not no yes ok okay please thanks thank is was are mr mrs ms miss
    mx dr prof sr sra srta don doña dona señor señora senor senora lic ing"""
)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and span[1] > s for s, e in taken)


def pii_spans(text: str) -> list[PiiSpan]:
    """Return the personal details in ``text`` as non-overlapping spans, in order.

    The benchmark scores these spans against labelled ones; :func:`redact_pii` replaces them.
    """
    found: list[PiiSpan] = []
    taken = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)] if "[" in text else []
    if not taken and "@" not in text and "/" not in text and "www." not in text and not _DIGIT.search(text):
        return [PiiSpan(*span) for span in _name_spans(text)]  # most answers: only names to look for

    def keep(start: int, end: int, kind: str) -> None:
        if end > start and not _overlaps((start, end), taken):
            taken.append((start, end))
            found.append(PiiSpan(start, end, kind))

    if "@" in text:
        for m in _EMAIL.finditer(text):
            keep(m.start(), m.end(), "email")
    if "/" in text or "www." in text or "WWW." in text:
        for m in _URL.finditer(text):
            url = m.group().rstrip(_URL_TRAILING)
            keep(m.start(), m.start() + len(url), "url")
    if _DIGIT.search(text):
        for m in _SSN.finditer(text):
            keep(m.start(), m.end(), "number")
        for m in _PHONE.finditer(text):
            is_id = m.group().isdigit() and _ID_CUE.search(text, max(0, m.start() - 30), m.start())
            keep(m.start(), m.end(), "number" if is_id else "phone")
        for m in _LONG_NUMBER.finditer(text):
            keep(m.start(), m.end(), "number")
        for start, end in _addresses(text):
            keep(start, end, "address")
    masked = text
    for start, end in taken:  # an email's "keisha45" is not a name to look for
        masked = masked[:start] + " " * (end - start) + masked[end:]
    for span in _name_spans(masked):
        keep(*span)
    return sorted(found)


def _addresses(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    if _STREET_HINT.isdisjoint(_PLAIN_WORD.findall(text.lower())):
        return out  # no street type, direction, Spanish street word or box: no address
    for m in _US_STREET.finditer(text):
        words = m.group("words").split()
        street_type = m.group("type").lower()
        if not words and not m.group("dir"):
            continue  # "12 St" alone is not an address
        if any(_fold(w.strip(".'")) in _NOT_STREET_WORDS for w in words):
            continue
        if street_type in _AMBIGUOUS_STREET_TYPES and not all(
            w[0].isupper() or w[0].isdigit() for w in words
        ):
            continue  # "a way", "the place", "to court": a capitalised street name is needed
        all_lower = not m.group("type")[0].isupper() and not any(
            w[0].isupper() or w[0].isdigit() for w in words
        )
        if all_lower and street_type not in _PLAIN_STREET_TYPES:
            continue  # all in lower case: only an unambiguous street type after a name word or two
        out.append((m.start(), m.end()))
    for m in _US_STREET_DIRECTION.finditer(text):
        out.append((m.start(), m.end()))
    for m in _ES_STREET.finditer(text):
        words = m.group("words").split()
        if any(_fold(w.strip(".'")) in _ES_NOT_STREET_WORDS for w in words):
            continue
        out.append((m.start(), m.end()))
    for m in _PO_BOX.finditer(text):
        out.append((m.start(), m.end()))
    return out


_ES_NOT_STREET_WORDS = _word_set(
    """es son esta está estan están muy que y o a por para con en sin mi mis su sus hay no se me le lo
    tiene tengo queda era fue pero cuando porque como cada hora horas minutos cuadras kilometros"""
)


def redact_pii(text: str) -> str:
    """Replace emails, page addresses, phone numbers, long numbers, street addresses and people's names.

    A respondent may type contact details or a name into any box; quotes are shown to staff and partners,
    so the details are removed before the text is stored in a theme. Placeholders (``[email]``,
    ``[url]``, ``[phone]``, ``[number]``, ``[address]``, ``[name]``) keep the sentence readable and show
    that something was there. Durations, distances, money, times, dates, course codes and product names
    are kept (see the module's rules).
    """
    spans = pii_spans(text)
    if not spans:
        return text
    parts, last = [], 0
    for span in spans:
        parts.append(text[last : span.start])
        parts.append(f"[{span.kind}]")
        last = span.end
    parts.append(text[last:])
    return "".join(parts)


def redact_pii_many(texts: list[str]) -> list[str]:
    """:func:`redact_pii` for many answers (the name lists are read once)."""
    return [redact_pii(t) for t in texts]
