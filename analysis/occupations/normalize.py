"""Turn a job title as people write it into the words that name the occupation.

Employers write "RN - Med/Surg - Nights - $15K Sign-On Bonus"; job seekers write "cna prn" or
"quiero ser enfermera". What decides the occupation is "registered nurse"; the shift, the schedule, the
pay, the bonus and the grade (I, II, Sr.) never change it (SOC codes a trainee, a lead worker and a
part-timer with the occupation they work in). This module removes those qualifiers from input titles,
and spells out abbreviations and folds case, accents and plurals on both sides (input and reference
titles), so both meet in the same words. Reference titles keep their words: O*NET's "Travel Nurse" and
"Apprentice Electrician" already name a job.

Two kinds of qualifier are removed:

- words that never name an occupation (PRN, per diem, nights, full time, sign-on bonus, 12 hr, 3x12,
  "turno de noche", "medio tiempo"), wherever they appear;
- words that name one only in some phrases ("travel" in "travel agent", "float", "contract", "lead",
  "senior"), only where they cannot be part of one.

The abbreviation list (``data/abbreviations.csv``) is read by the caller and passed in, so this module
holds rules, not data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np

__all__ = ["TitleNormalizer", "clean_text", "fold", "singular_forms", "strip_qualifiers"]

_SPACES = re.compile(r"\s+")

# Case-sensitive abbreviations that are also ordinary words when written in lower case ("or", "don").
_UPPER_ONLY = {
    "OR": "operating room",
    "DON": "director of nursing",
    "ED": "emergency department",
    "PA": "physician assistant",
    "MA": "medical assistant",
    "IT": "information technology",
    "ER": "emergency room",
}

# Rewrites of punctuated forms before punctuation is dropped. Keys are regexes on folded text.
_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"\bf/?t\s*/\s*p/?t\b|\bp/?t\s*/\s*f/?t\b", " "),  # FT/PT, PT/FT
        (r"\bpt\s*/\s*ot\b", "pt"),  # PT/OT aide: the first named
        (r"\bmed\s*[/-]?\s*surg(ical)?\b", "medical surgical"),
        (r"\bl\s*&\s*d\b", "labor and delivery"),
        (r"\bx\s*-?\s*ray", "xray"),
        (r"\be\.?k\.?g\b", "ekg"),
        (r"\bcdl\s*-?\s*a\b|\bclass\s+a\s+cdl\b", "cdl class a"),
        (r"\bemt\s*-?\s*b(asic)?\b", "emt"),
        (r"\bemt\s*-?\s*p(aramedic)?\b", "paramedic"),
        (r"\bpa\s*-?\s*c\b", "pa"),
        (r"\bphysician assistant\s*-?\s*c\b", "physician assistant"),
        (r"\botr\s*/\s*l\b", "otr"),
        (r"\bcota\s*/\s*l\b", "cota"),
        (r"\bccc\s*-\s*slp\b", "slp"),
        (r"\brn\s*-\s*bsn\b|\brn\s*,\s*bsn\b", "rn"),
        (r"\bpt\s+(care|access|transport\w*|registration|advocate|experience|sitter)\b", r"patient \1"),
        (r"&", " and "),
        (r"\bw/", "with "),
    ]
]

# Never part of an occupation's name: removed wherever they appear (after folding).
_ALWAYS = re.compile(
    r"""
    \$\s?\d[\d,.]*\s?k?(\s?(/|per)\s?(hr|hour|h|yr|year|wk|week))?
  | \b\d[\d,.]*\s?k\b
  | \b(up\s+to|starting\s+at)\b
  | \b(sign(ing)?\s*-?\s*on|hiring|retention|relocation|referral)?\s*bonus(es)?\b
  | \b(per\s*diem|perdiem|prn|pro\s+re\s+nata)\b
  | \b(full|part)\s*-?\s*time(r)?\b | \bft\b | \bfte\b
  | \b(1st|2nd|3rd|first|second|third|day|days|night|nights|evening|evenings|weekend|weekends
       |overnight|overnights|swing|graveyard|rotating|all|noc|varied|various|flexible)\s+shifts?\b
  | \bshifts?\s+(available|differential)\b
  | \b(nights|evenings|weekends|overnights|noc|nocs)\b
  | \bevery\s+other\s+weekend\b | \bweekend\s+option\b
  | \b\d+\s?-?\s?(hr|hrs|hour|hours|h)\b(\s+shifts?)? | \b\d+\s?x\s?\d+s?\b
  | \b\d{1,2}\s?(a|p)m?\s?-\s?\d{1,2}\s?(a|p)m?\b
  | \bnew\s+grad(uate)?s?\b | \b(nurse\s+)?residency(\s+program)?\b
  | \bbilingual(\s+(preferred|required|a\s+plus))?\b | \b(remote|hybrid|on\s*-?\s*site)\b
  | \b(now\s+)?hiring\b | \b(urgent(ly)?|immediate(ly)?)(\s+(need|needed|hire|opening))?\b
  | \b(needed|wanted|openings?|positions?|jobs?|vacancy|vacancies)\b
  | \b(call\s+required|on\s*-?\s*call|will\s+train|no\s+experience(\s+needed)?|entry\s*-?\s*level)\b
  | \b(i\s+)?(want|would\s+like|wish|hope|plan)\s+to\s+(be|become|work\s+as)(\s+an?)?\b
  | \b(looking\s+for|interested\s+in|training\s+to\s+be(come)?)(\s+(an?|work\s+as))?\b
  | \b(quiero|quisiera|me\s+gustaria)\s+(ser|trabajar\s+(de|como))(\s+(un|una))?\b
  | \b(busco|buscando)\s+(trabajo|empleo)(\s+(de|como))?\b
  | \bse\s+(busca|buscan|solicita|solicitan|necesita|necesitan)\b
  | \b(vacante|empleo|puesto|urgente)\b
  | \bturnos?(\s+(de\s+)?(la\s+)?(noche|nocturno|dia|diurno|tarde|manana|fin\s+de\s+semana|rotativo))?\b
  | \b(noches|fines\s+de\s+semana|fin\s+de\s+semana)\b
  | \b(medio\s+tiempo|tiempo\s+(completo|parcial)|por\s+dia|temporal|bilingue)\b
  | \b(con|sin)\s+experiencia\b
    """,
    re.VERBOSE,
)

# Occupation words only in some phrases: removed unless a word that makes them part of a title follows.
_SOMETIMES = re.compile(
    r"""
    \btravel(l?ing|l?er)?\b(?!\s+(agent|agency|clerk|counselor|consultant|guide|coordinator|planner|writer
                                 |advisor|specialist|ticket|nurse\s+recruiter|center|representative))
  | \bfloat(\s+pool)?\b(?!\s+(operator|glass|maker|builder))
  | \b(temp|temporary|seasonal|casual|relief|contract|contractor|per\s+visit|fee\s+for\s+service)\b
       (?=\s*$)
  | ^\s*(temp|temporary|seasonal|casual|relief|contract)\b(?!\s+(worker|specialist|manager|administrator
                                                                 |analyst|officer|negotiator|clerk))
  | \b(sr|senior|jr|junior|lead|trainee|apprentice|level\s+\w+|tier\s+\w+|grade\s+\w+)\b
       (?!\s+(pastor|judge|accountant|abatement))
  | \b(i{1,3}|iv|vi{0,3}|[1-9])\b(?!\s*(st|nd|rd|th)\b)
    """,
    re.VERBOSE,
)

_PUNCTUATION = re.compile(r"[^\w\s]|_")
_NUMBER = re.compile(r"\b\d+\b")
_NON_ANSWER = re.compile(
    r"[\W_]*(n\s*/?\s*a|none|nothing|no|unknown|idk|not\s+sure|i\s+(do\s*n.?t|dont)\s+know|tbd|test|"
    r"no\s+se|nada|ninguno|ninguna|no\s+aplica|no\s+lo\s+se)?[\W_]*"
)
_UPPER_ANY = re.compile(r"(?<![\w/-])(?:" + "|".join(_UPPER_ONLY) + r")(?!\w)")
_PHRASE_ANY = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _PHRASES))


def fold(text: str) -> str:
    """Lower case without accents ("Técnica" → "tecnica"), so Spanish typed with or without them meets."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().replace("ß", "ss")


def clean_text(text: str) -> str:
    """Fold case and accents, expand upper-case-only abbreviations, rewrite punctuated forms.

    Punctuation becomes spaces only after the rewrites, because "med/surg", "L&D" and "FT/PT" are
    recognised by their punctuation.
    """
    text = unicodedata.normalize("NFKC", str(text))
    if _UPPER_ANY.search(text):
        text = _UPPER_ANY.sub(lambda m: f" {_UPPER_ONLY[m.group(0)]} ", text)
    text = fold(text)
    if _PHRASE_ANY.search(text):
        for pattern, replacement in _PHRASES:
            text = pattern.sub(replacement, text)
    return text


def strip_qualifiers(text: str) -> str:
    """Remove shift, schedule, pay, bonus, grade and job-seeker wording, numbers and non-answers ("n/a",
    "none", "no sé") from folded text."""
    if _NON_ANSWER.fullmatch(text.strip()):
        return ""
    text = _ALWAYS.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _NUMBER.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    # Run twice: removing "- Travel -" can leave another qualifier at the end of the text.
    for _ in range(2):
        text = _SPACES.sub(" ", _SOMETIMES.sub(" ", text)).strip()
    return text


def singular_forms(word: str) -> list[str]:
    """Candidate singulars of a word, most likely first (English and Spanish plurals)."""
    forms = []
    if len(word) > 4 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes", "res", "les", "nes", "des")):
        forms.append(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.append(word[:-1])
    return forms


class TitleNormalizer:
    """Normalise job titles with a fixed abbreviation list and a vocabulary learned from reference titles.

    The vocabulary serves two purposes. Plurals are folded only to a singular it knows ("nurses" →
    "nurse", "auxiliares" → "auxiliar"), so a word like "gas" is never cut into a non-word. And a word it
    does not know is taken for a typo of the closest word it knows when they are nearly the same
    ("Phlebotomest" → "phlebotomist", "Certifed" → "certified").

    Args:
        abbreviations: folded abbreviation → folded expansion ("cna" → "certified nursing assistant").
        min_typo_similarity: how alike (0–1, difflib ratio) an unknown word and a known word must be for
            the unknown word to be read as a typo of the known one.
    """

    def __init__(self, abbreviations: Mapping[str, str], min_typo_similarity: float = 0.8) -> None:
        self.abbreviations = dict(abbreviations)
        self.min_typo_similarity = min_typo_similarity
        self.vocabulary: set[str] = set()
        self._typos: dict[str, str] = {}
        self._speller = None

    # -- learning ----------------------------------------------------------------------------------
    def base(self, title: str, expand: bool = True, strip: bool = True) -> str:
        """Folded text without punctuation, qualifiers (unless ``strip`` is false) and abbreviations
        spelled out (unless ``expand`` is false).

        Reference titles are not stripped: O*NET's "Travel Nurse" or "Apprentice Electrician" name a job
        already, and input titles are stripped down to the job they name ("nurse", "electrician").
        """
        text = clean_text(title)
        text = strip_qualifiers(text) if strip else _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()
        return self._expand(text) if expand else text

    def learn(self, bases: Iterable[str]) -> TitleNormalizer:
        """Learn the vocabulary from reference titles already passed through :meth:`base`; returns self."""
        vocabulary: set[str] = set()
        for text in bases:
            vocabulary.update(text.split())
        self.vocabulary = vocabulary
        self._typos = {}
        self._speller = None
        self._closest("")  # build the speller now, so the first typo costs no more than the next
        return self

    def finish(self, text: str, correct_typos: bool = False) -> str:
        """Fold plurals (and, for input titles, typos) and drop repeated words of a :meth:`base` text."""
        seen: set[str] = set()
        words = []
        for word in text.split():
            word = self._singular(word)
            if correct_typos and word not in self.vocabulary:
                word = self._singular(self._typo(word))
            if word not in seen:  # "Certified Nursing Assistant (CNA)" names the job twice
                seen.add(word)
                words.append(word)
        return " ".join(words)

    def __call__(self, title: str) -> str:
        """The normalised form of an input title: folded, qualifiers removed, abbreviations spelled out,
        plurals and typos folded."""
        return self.finish(self.base(title), correct_typos=True)

    def segments(self, title: str) -> list[str]:
        """The normalised form of each part of a title split at dashes, commas, parentheses and bars.

        Employers put the occupation first and the unit, setting or perk after a dash: in "Nurse -
        Pediatrics" the first part names the job. Empty parts (a part made only of qualifiers) are left out.
        """
        return [key for part in _SEGMENT.split(str(title)) if (key := self(part))]

    def keys(self, title: str) -> tuple[str, str]:
        """The normalised whole title and its first part ("" and "" when nothing is left).

        A part that mostly repeats the words before it is left out of the whole: in "Nursing Assistants
        (CNA)" the parenthesis restates the job ("certified nursing assistant") and would only add
        "certified" at the end.
        """
        parts = self.segments(title)
        if not parts:
            return "", ""
        seen: set[str] = set()
        words: list[str] = []
        for part in parts:
            new = part.split()
            if words and 2 * len(seen.intersection(new)) >= len(new):
                continue
            words += [w for w in new if w not in seen]
            seen.update(new)
        return " ".join(words), parts[0]

    # -- helpers -----------------------------------------------------------------------------------
    def _expand(self, text: str) -> str:
        out: list[str] = []
        words = text.split()
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            if word in ("pt", "ot") and following in _THERAPY_HELPERS:
                out.append("physical therapy" if word == "pt" else "occupational therapy")
            elif word in ("pt", "ot") and self._has_other_occupation(words, i):
                continue  # "CNA PT", "Dish Washer PT": part time, or overtime
            else:
                expansion = self.abbreviations.get(word)
                if expansion is None and word.endswith("s"):
                    expansion = self.abbreviations.get(word[:-1])  # "LPNs", "CNAs"
                out.append(expansion or word)
        return " ".join(out)

    @staticmethod
    def _has_other_occupation(words: list[str], index: int) -> bool:
        return any(w not in _SETTINGS for j, w in enumerate(words) if j != index)

    def _singular(self, word: str) -> str:
        for form in singular_forms(word):
            if form in self.vocabulary:
                return form
        return word

    def _typo(self, word: str) -> str:
        """The known word an unknown word is a typo of, or the word itself."""
        if len(word) < 5 or not word.isalpha():
            return word
        if word not in self._typos:
            self._typos[word] = self._closest(word)
        return self._typos[word]

    def _closest(self, word: str) -> str:
        from difflib import SequenceMatcher

        if self._speller is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            words = sorted(w for w in self.vocabulary if len(w) >= 4 and w.isalpha())
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), dtype=np.float32)
            self._speller = (words, vectorizer, vectorizer.fit_transform(words).T.tocsr())
        words, vectorizer, matrix = self._speller
        if not word:
            return word
        sims = (vectorizer.transform([word]) @ matrix).toarray()[0]
        best, best_ratio = word, self.min_typo_similarity
        for i in np.argsort(-sims)[:10]:
            ratio = SequenceMatcher(None, word, words[i]).ratio()
            if ratio > best_ratio:
                best, best_ratio = words[i], ratio
        return best


_SEGMENT = re.compile(r"\s+[-\u2013\u2014]+\s*|\s*[\u2013\u2014]\s*|,(?!\d)|[()|:;\[\]]|\s-(?=\w)")

_THERAPY_HELPERS = {"aide", "aid", "assistant", "asst", "tech", "technician", "assist", "helper"}

# Places and units of care: a title made only of these and "PT" means the physical therapist.
_SETTINGS = {
    "outpatient",
    "inpatient",
    "ortho",
    "orthopedic",
    "orthopedics",
    "snf",
    "ltc",
    "home",
    "health",
    "hospital",
    "clinic",
    "acute",
    "rehab",
    "rehabilitation",
    "pediatric",
    "pediatrics",
    "peds",
    "school",
    "schools",
    "sports",
    "neuro",
    "geriatric",
    "care",
    "skilled",
    "nursing",
    "facility",
    "long",
    "term",
    "medical",
    "surgical",
    "in",
    "at",
    "the",
    "and",
    "with",
    "of",
    "for",
    "a",
    "an",
}
