"""Code free-text job titles to SOC 2018 occupations, offline, in English and Spanish.

A partnership compares employers' demand with job seekers' interests only if both name occupations the
same way. People write "CNA - nights", "Certifed Nursing Asst" or "auxiliar de enfermería"; the
Standard Occupational Classification calls all three 31-1131 Nursing Assistants, and every wage and
employment figure (BLS OEWS) is published by that code. :class:`OccupationCoder` finds the code.

How it decides, in order:

1. The title is normalised (:mod:`.normalize`): case, accents, plurals, shift and schedule words, pay,
   bonuses and grades are removed; abbreviations are spelled out (``data/abbreviations.csv``).
2. A title a partnership corrected before (``corrections=``) is coded as corrected.
3. A title equal to a reference title is coded to that title's occupation. Reference titles are O*NET's
   occupation, alternate and short titles, a curated English list for the sectors Chorus serves, and a
   Spanish list (``data/curated_titles.csv``, ``data/spanish_titles.csv``). When O*NET lists one title
   under several occupations, the curated list decides, then the occupation that lists the title most
   often, then the one employing the most people nationally (OEWS May 2025).
4. Otherwise the most similar reference title wins: cosine similarity of character n-gram TF-IDF
   vectors (robust to typos and word order) averaged with word TF-IDF (robust to extra words).

Every result carries the best occupation, its score (1.0 for an exact title, else the similarity), the
best other occupation (runner-up) and ``needs_review``: true when the score is low or the runner-up is
close, with thresholds measured on held-out data (see ``benchmarks/occupation_coding.py``).

O*NET-SOC codes (``29-1141.01``) map to SOC 2018 detailed codes by their first seven characters
(``29-1141``): O*NET-SOC 2019 is SOC 2018 with O*NET's finer occupations as a two-digit suffix.

Attribution required by the O*NET licence: This product includes information from the O*NET 27.0
Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). Used under
the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .normalize import TitleNormalizer

__all__ = [
    "ATTRIBUTION",
    "Candidate",
    "Match",
    "OccupationCoder",
    "load_coder",
    "soc_major_group",
]

ATTRIBUTION = (
    "This product includes information from the O*NET 27.0 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a "
    "trademark of USDOL/ETA."
)
"""Text the O*NET licence (CC BY 4.0) requires wherever results of this coder are shown."""

# needs_review thresholds, measured with `python benchmarks/occupation_coding.py --calibrate` on titles the
# coder had not seen (the benchmark's development half and O*NET titles held out, typed with typos).
MIN_SCORE = 0.7
MIN_GAP = 0.06

_SOURCE_RANK = {"correction": 4, "curated": 3, "spanish": 3, "occupation": 2, "alternate": 1, "short": 1}
_PARENTHESES = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Candidate:
    """One occupation a title may belong to, with how well it matched and through which reference title."""

    soc_code: str
    soc_title: str
    score: float
    matched_title: str


@dataclass(frozen=True)
class Match:
    """The coding of one job title.

    Attributes:
        text: the title as given.
        soc_code: SOC 2018 detailed code (``"31-1131"``), or ``None`` when nothing was recognised.
        soc_title: its SOC title (``"Nursing Assistants"``).
        score: 0–1; 1.0 when the normalised title equals a reference title, else the similarity.
        matched_title: the reference title that decided (``"Certified Nursing Assistant (CNA)"``).
        runner_up_code, runner_up_title, runner_up_score: the best other occupation.
        needs_review: a person should confirm: the score is low or the runner-up is close, or nothing
            matched. False for an empty title (nothing to confirm).
        method: how it was decided: ``"correction"`` (a partnership's own), ``"exact"`` (equal to a
            reference title once normalised), ``"similar"`` (the most similar reference title), ``"none"``
            (nothing similar) or ``"empty"`` (no words left once qualifiers are removed).
    """

    text: str
    soc_code: str | None
    soc_title: str | None
    score: float
    matched_title: str | None
    runner_up_code: str | None
    runner_up_title: str | None
    runner_up_score: float
    needs_review: bool
    method: str

    @property
    def major_group(self) -> str | None:
        """The SOC major group (``"31-0000"``), for counts at the two-digit level."""
        return soc_major_group(self.soc_code) if self.soc_code else None

    def to_dict(self) -> dict:
        """Plain values, for JSON and DataFrames."""
        return asdict(self)


def soc_major_group(soc_code: str) -> str:
    """The SOC major group of a detailed code (``"31-1131"`` → ``"31-0000"``)."""
    return f"{soc_code[:2]}-0000"


def _data_file(name: str):
    return resources.files("analysis.occupations").joinpath("data", name)


def _read_csv(name: str) -> list[dict[str, str]]:
    raw = _data_file(name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def reference_titles() -> pd.DataFrame:
    """Every reference title shipped with the package: ``soc_code``, ``title``, ``source``.

    ``source`` is ``occupation``, ``alternate`` or ``short`` (O*NET 27.0), ``curated`` or ``spanish``.
    """
    rows = [(r["soc_code"], r["title"], r["kind"]) for r in _read_csv("titles.csv.gz")]
    rows += [(r["soc_code"], r["title"], "curated") for r in _read_csv("curated_titles.csv")]
    rows += [(r["soc_code"], r["titulo"], "spanish") for r in _read_csv("spanish_titles.csv")]
    return pd.DataFrame(rows, columns=["soc_code", "title", "source"])


def occupations() -> pd.DataFrame:
    """The SOC 2018 detailed occupations: ``soc_code``, ``soc_title``, ``us_employment_may2025``."""
    frame = pd.DataFrame(_read_csv("occupations.csv"))
    frame["us_employment_may2025"] = frame["us_employment_may2025"].astype(int)
    return frame


def abbreviations() -> dict[str, str]:
    """Folded abbreviation → expansion, from ``data/abbreviations.csv``."""
    return {
        r["abbreviation"].strip().lower(): r["expansion"].strip().lower()
        for r in _read_csv("abbreviations.csv")
    }


def _title_forms(title: str) -> list[str]:
    """The names a reference title gives: "Certified Nursing Assistant (CNA)" is also "Certified Nursing
    Assistant" and "CNA"."""
    inside = [m.strip() for m in _PARENTHESES.findall(title) if m.strip()]
    outside = _PARENTHESES.sub(" ", title).strip()
    forms = ([outside] if outside else []) + inside
    return forms


def _occupation_parts(title: str) -> list[str]:
    """The job names listed in a SOC title: parts joined by "and" or commas that end in a plural noun.

    "Laborers and Freight, Stock, and Material Movers, Hand" gives "Laborers" and "Material Movers";
    "Helpers--Electricians" gives "Electricians Helpers"; "..., Except ..." parts are left out. Titles
    with "of" ("First-Line Supervisors of ...") are one name and are not split.
    """
    if title.startswith("Helpers--"):
        return [f"{title[len('Helpers--') :]} Helpers"]
    if " of " in title or "," not in title and " and " not in title:
        return []
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", title)
    return [p for p in parts if p and not p.lower().startswith("except") and p.split()[-1].endswith("s")]


class OccupationCoder:
    """Code job titles to SOC 2018 occupations (scikit-learn style: ``fit`` then ``code``).

    Args:
        min_score: below this score a match needs review.
        min_gap: when the runner-up's score is within this of the best, the match needs review.
        corrections: title → SOC code a partnership has confirmed; they win over everything else.
        char_weight: weight of the character n-gram similarity against the word similarity.
        ngram_range: character n-gram lengths.
        max_char_df: character n-grams found in more than this share of reference titles are ignored.

    Attributes (after ``fit``):
        occupations_: SOC code → title.
        normalizer_: the :class:`~.normalize.TitleNormalizer` used on both sides.
        index_: DataFrame, one row per distinct normalised reference title: ``key``, ``soc_code``,
            ``title`` (one original spelling), ``source``.
        exact_: normalised title → row of ``index_``.
        alternatives_: normalised title → the other occupations listing it, with their share of the
            evidence (runners-up of an exact match).
        corrected_: normalised titles a correction decided.
    """

    def __init__(
        self,
        min_score: float = MIN_SCORE,
        min_gap: float = MIN_GAP,
        corrections: Mapping[str, str] | None = None,
        char_weight: float = 0.5,
        ngram_range: tuple[int, int] = (3, 4),
        max_char_df: float = 0.01,
    ) -> None:
        self.min_score = min_score
        self.min_gap = min_gap
        self.corrections = corrections
        self.char_weight = char_weight
        self.ngram_range = ngram_range
        self.max_char_df = max_char_df

    def fit(
        self, titles: pd.DataFrame | None = None, occupation_table: pd.DataFrame | None = None
    ) -> OccupationCoder:
        """Build the index from reference titles (default: the data shipped in the package).

        Args:
            titles: ``soc_code``, ``title``, ``source`` rows; default :func:`reference_titles`.
            occupation_table: ``soc_code``, ``soc_title``, ``us_employment_may2025``; default
                :func:`occupations`.

        Returns:
            self.

        Raises:
            ValueError: a correction names a code that is not a SOC 2018 detailed occupation.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        titles = reference_titles() if titles is None else titles
        occupation_table = occupations() if occupation_table is None else occupation_table
        self.occupations_ = dict(
            zip(occupation_table["soc_code"], occupation_table["soc_title"], strict=True)
        )
        employment = dict(
            zip(occupation_table["soc_code"], occupation_table["us_employment_may2025"], strict=True)
        )

        rows = [
            (code, form, source, title)
            for code, title, source in titles[["soc_code", "title", "source"]].itertuples(index=False)
            for form in _title_forms(title)
        ]
        # The jobs a SOC title lists are names of that occupation, as good as its title; an "All Other"
        # residual names no job of its own.
        rows += [
            (code, part, "occupation", title)
            for code, title, source in titles[["soc_code", "title", "source"]].itertuples(index=False)
            if source == "occupation" and "All Other" not in title
            for part in _occupation_parts(title)
        ]
        for text, code in (self.corrections or {}).items():
            if code not in self.occupations_:
                raise ValueError(
                    f"Correction {text!r} names {code!r}, which is not a SOC 2018 detailed code."
                )

        normalizer = TitleNormalizer(abbreviations())
        # A one-word reference title is O*NET's own abbreviation ("RT" of Radiologic Technologist): it is
        # kept as written, since the abbreviation list gives the word the meaning it has in our sectors.
        bases = [normalizer.base(form, expand=len(form.split()) > 1, strip=False) for _, form, _, _ in rows]
        normalizer.learn(bases)

        votes: dict[str, Counter] = defaultdict(Counter)
        best_source: dict[tuple[str, str], int] = {}
        spelling: dict[tuple[str, str], str] = {}
        # A correction is keyed as an input title is, since it was one.
        keyed = [(row, normalizer.finish(base)) for row, base in zip(rows, bases, strict=True)]
        keyed += [
            ((code, text, "correction", text), normalizer.keys(text)[0])
            for text, code in (self.corrections or {}).items()
        ]
        for (code, _, source, title), key in keyed:
            if not key:
                continue
            votes[key][code] += 1
            rank = _SOURCE_RANK[source]
            if rank > best_source.get((key, code), -1):
                best_source[(key, code)] = rank
                spelling[(key, code)] = title

        soc_words = {
            code: set(normalizer.finish(normalizer.base(title, strip=False)).split())
            for code, title in self.occupations_.items()
        }

        def preference(key: str, code: str) -> tuple:
            # O*NET lists many titles under several occupations ("Shelf Stocker" under stockers and under
            # hand laborers). Prefer, in order: our curated lists, SOC titles over alternate titles, the
            # occupation that lists the title more often, then the likelier one: more people employed
            # (log scale), where each word shared with the SOC title ("stocker") counts as e times more.
            shared = len(soc_words[code].intersection(key.split()))
            return (best_source[(key, code)], votes[key][code], shared + math.log1p(employment.get(code, 0)))

        index_rows = []
        alternatives: dict[str, list[tuple[str, float]]] = {}
        for key, counter in votes.items():
            code = max(counter, key=lambda c: preference(key, c))
            rank = best_source[(key, code)]
            source = next(s for s, r in _SOURCE_RANK.items() if r == rank)
            index_rows.append((key, code, spelling[(key, code)], source))
            # The other occupations listing the same title stay as runners-up, scored by their share of
            # the evidence: as many listings as the winner, from as good a source, is a tie (1.0) and
            # makes the match need review; a title our lists decided keeps its runner-up at half that.
            alternatives[key] = sorted(
                (
                    (
                        other,
                        round(
                            min(1.0, n / counter[code]) * (1.0 if best_source[(key, other)] >= rank else 0.5),
                            4,
                        ),
                    )
                    for other, n in counter.items()
                    if other != code
                ),
                key=lambda pair: -pair[1],
            )
        index = pd.DataFrame(index_rows, columns=["key", "soc_code", "title", "source"])

        self.normalizer_ = normalizer
        self.index_ = index
        self.exact_ = {key: i for i, key in enumerate(index["key"])}
        self.alternatives_ = {key: alts for key, alts in alternatives.items() if alts}
        self.corrected_ = {normalizer.keys(text)[0] for text in (self.corrections or {})}
        self._codes = index["soc_code"].to_numpy()
        self._titles = index["title"].to_numpy()
        self.char_vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.ngram_range,
            sublinear_tf=True,
            dtype=np.float32,
            # Letter sequences in more than max_char_df of all titles ("ist", "ian") tell titles apart
            # little and make scoring slow; on a tiny reference list none are dropped.
            max_df=max(int(self.max_char_df * len(index)), 2) if self.max_char_df < 1 else 1.0,
        )
        self.word_vectorizer_ = TfidfVectorizer(
            analyzer="word", token_pattern=r"\S+", sublinear_tf=True, dtype=np.float32
        )
        self._char_matrix = self.char_vectorizer_.fit_transform(index["key"]).T.tocsr()
        self._word_matrix = self.word_vectorizer_.fit_transform(
            [_with_head(k) for k in index["key"]]
        ).T.tocsr()
        return self

    # ----------------------------------------------------------------------------------------------
    def _similarities(self, keys: list[str]):
        """Sparse (len(keys), n_titles) blend of character and word cosine similarities."""
        chars = self.char_vectorizer_.transform(keys) @ self._char_matrix
        words = self.word_vectorizer_.transform([_with_head(k) for k in keys]) @ self._word_matrix
        return (chars * self.char_weight + words * (1 - self.char_weight)).tocsr()

    def _keys(self, text: str) -> tuple[str, str]:
        """The whole title's key and its first part's key (the same when the title has one part)."""
        return self.normalizer_.keys(text)

    def _score(self, pairs: list[tuple[str, str]]):
        """Similarity of each (whole, first part) pair to every reference title, as a sparse matrix.

        A title in several parts scores the mean of the whole and the first part, so "Nurse - Pediatrics"
        stays a nurse (first part) while "Cook - Hospital Cafeteria" can still reach cafeteria cooks
        (whole).
        """
        wholes = self._similarities([w for w, _ in pairs])
        firsts = self._similarities([f for _, f in pairs])
        split = np.array([f != w for w, f in pairs], dtype=np.float32)
        from scipy import sparse

        mix = sparse.diags(split * 0.5)
        return (wholes - mix @ wholes + mix @ firsts).tocsr()

    def _ranked(self, key: str, row, n: int) -> list[Candidate]:
        """Best ``n`` occupations for one sparse similarity row: each occupation's best title.

        An exact title scores 1.0; the other occupations O*NET lists the same title under compete with
        their share of the evidence (see :meth:`fit`).
        """
        best: dict[str, tuple[float, int]] = {}  # code → (score, row of index_)
        columns, values = row.indices, row.data
        width = min(len(values), 32 * n)
        while True:
            top = (
                np.argpartition(-values, width - 1)[:width] if width < len(values) else np.arange(len(values))
            )
            for i in top[np.argsort(-values[top], kind="stable")]:
                code = self._codes[columns[i]]
                if code not in best:
                    best[code] = (float(values[i]), int(columns[i]))
                    if len(best) >= n:  # later entries score lower than all n found
                        break
            if len(best) >= n or width == len(values):
                break
            best, width = {}, len(values)
        ranked: list[Candidate] = []
        exact = self.exact_.get(key)
        if exact is not None:  # first, so it wins ties (a title with the same words in another order)
            ranked.append(self._candidate(exact, 1.0))
            ranked += [
                Candidate(code, self.occupations_[code], score, self._titles[exact])
                for code, score in self.alternatives_.get(key, ())
            ]
        ranked += [self._candidate(r, score) for score, r in best.values()]
        out: dict[str, Candidate] = {}
        for candidate in sorted(ranked, key=lambda c: -c.score):
            out.setdefault(candidate.soc_code, candidate)
        return list(out.values())[:n]

    def _candidate(self, row: int, score: float) -> Candidate:
        code = self._codes[row]
        return Candidate(
            code, self.occupations_[code], round(min(max(score, 0.0), 1.0), 4), self._titles[row]
        )

    def suggest(self, title: str, n: int = 5) -> list[Candidate]:
        """The ``n`` likeliest occupations for a title, best first, for a "Did you mean…?" choice.

        Args:
            title: a job title in the respondent's words.
            n: how many occupations to return.

        Returns:
            Up to ``n`` candidates, one per occupation; empty when the title holds no words to match.
        """
        pair = self._keys(title)
        if not pair[0]:
            return []
        return self._ranked(pair[0], self._score([pair])[0], n)

    def code(self, titles: Iterable[str], batch_size: int = 256) -> list[Match]:
        """Code each title.

        Args:
            titles: job titles in people's own words (English or Spanish); ``None`` and blanks allowed.
            batch_size: titles scored together (memory grows with it).

        Returns:
            One :class:`Match` per title, in order.
        """
        texts = [_as_text(t) for t in titles]
        keys = [self._keys(t) for t in texts]
        distinct = sorted({k for k in keys if k[0]})
        decided: dict[tuple[str, str], Match] = {}
        for start in range(0, len(distinct), batch_size):
            batch = distinct[start : start + batch_size]
            scores = self._score(batch)
            for i, pair in enumerate(batch):
                decided[pair] = self._decide(pair[0], self._ranked(pair[0], scores[i], 2))
        out = []
        for text, key in zip(texts, keys, strict=True):
            match = decided.get(key)
            if match is None:
                # Nothing to code and nothing a person could confirm: not for review.
                out.append(Match(text, None, None, 0.0, None, None, None, 0.0, False, "empty"))
            else:
                out.append(replace(match, text=text))
        return out

    def _decide(self, key: str, ranked: list[Candidate]) -> Match:
        if not ranked:  # no reference title shares a word or a letter sequence with it
            return Match("", None, None, 0.0, None, None, None, 0.0, True, "none")
        best = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        method = "correction" if key in self.corrected_ else ("exact" if key in self.exact_ else "similar")
        second_score = second.score if second else 0.0
        needs_review = method != "correction" and (
            best.score < self.min_score or best.score - second_score < self.min_gap
        )
        return Match(
            "",
            best.soc_code,
            best.soc_title,
            best.score,
            best.matched_title,
            second.soc_code if second else None,
            second.soc_title if second else None,
            second_score,
            bool(needs_review),
            method,
        )

    def code_frame(self, titles: Sequence[str] | pd.Series) -> pd.DataFrame:
        """:meth:`code` as a DataFrame: one row per title, columns as :class:`Match`'s fields."""
        frame = pd.DataFrame([m.to_dict() for m in self.code(titles)])
        if isinstance(titles, pd.Series):
            frame.index = titles.index
        return frame

    def title_of(self, soc_code: str) -> str:
        """The SOC title of a detailed code (``"31-1131"`` → ``"Nursing Assistants"``)."""
        return self.occupations_[soc_code]


_SPANISH_LINKS = frozenset({"de", "del", "en", "al", "para", "con"})


def _with_head(key: str) -> str:
    """The key plus a token naming its head word, so "physical therapy technician" is closer to other
    technicians than to "physical therapy teacher". English titles end with the head ("nursing
    assistant"); Spanish ones start with it ("auxiliar de enfermeria")."""
    words = key.split()
    head = words[0] if _SPANISH_LINKS.intersection(words) else words[-1]
    return f"{key} ^{head}"


def _as_text(value: object) -> str:
    """A cell as text: missing values (None, NaN, pandas' NA) are empty."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # not a scalar
        pass
    return str(value)


@lru_cache(maxsize=1)
def load_coder() -> OccupationCoder:
    """The coder fitted on the shipped data, built once per process and shared (it is read-only)."""
    return OccupationCoder().fit()
