"""Do theme labels read as a program manager needs them to (issue 15, item 5)? Today's labeler against an
earlier one (``--before``: by default the labeler before issue 15), in the same run, on the same themes.

Two sources of themes:

- **Engine themes**: the engine's own themes (TF-IDF path, automatic k) on the demo's generated answers
  (``surveys.demo.labelled_open_answers``, 300 answers, 30 % Spanish) to each topic's question as the
  survey templates word it. The labeler's inputs are captured from the engine run and both labelers are
  fitted on them, so only the labels differ. ``career_barriers`` and ``employer_skills`` (seed 0) were
  looked at while writing the labeler (**dev**); the other five topics with seed 1 are the **test** set.
- **Cases**: ``benchmarks/data/labels_cases.json``, hand-written answer groups for the failures the issue
  names (one answer's wording, "beats me", negation in both languages, question echo, clause-crossing
  phrases, near-duplicates across themes and languages), split dev / test in the file.

Printed per source and labeler (shares of labels unless said):

- ``words>=2``: labels of two or more words (a gloss or "(in Spanish)" tail is not counted);
- ``echo``: labels whose words that carry meaning are all the question's, with no negation of them;
- ``support>=10%`` / ``>=20%``: labels whose meaning words all occur in that share of the theme's
  answers in the label's language (a "Don't know" label: answers matching the idiom list);
- ``flips``: labels whose polarity differs from most answers holding their words (a negation reaching
  the word the label's negation turns, or its first word, in most of them, or not), plus, for cases,
  from the group's expected polarity;
- ``missing``: empty or "Theme N"; ``clauses``: a connector ("so", "but", "porque") or a new subject inside;
- ``unfinished``: labels opening or ending on a function word ("About daycare", "Talk to"), ending on a
  verb's negation ("Candidates won't"), or cut before the word that completes them in most of the theme's
  answers ("Bus takes" 2 hours; ``analysis.label_spans.cut_short``); "Don't know", the idiom a theme of
  shrugs is named by, is not counted;
- ``fragments``: labels that do not read as a grammatical phrase: a verb disagreeing in number with the
  noun before it ("Night shifts is hard", ``analysis.label_spans.disagrees``), a preposition or
  conjunction opening a label whose last word the theme's answers do not use as a noun ("About watch";
  "About rent", "Without a paycheck" pass: ``reads_as_noun``), or a verb after "haven't", "can't", a modal
  that the answers nearly always go on from ("Applicants haven't worked" [in a clinic]). These are the
  labeler's own functions, so a label they misjudge passes here too;
- ``misread``: the same question asked without them (``misread``): "About <word>" with the word never
  after an article, a possessive or a preposition in the answers ("About carry"), "X and Y" with a word written after
  "to", "can't", "is" and never after an article ("Pay and no live"). Read the printed labels as well:
  neither check sees every misreading;
- ``term case``: themes with a key term printed in lower case where most of its answers that write the
  word write it otherwise ("cna" for "CNA"; a capital opening a sentence does not count);
- ``dup pairs``: pairs of labels in one question that read alike (``analysis.labels.near_duplicates``);
- ``concept`` (cases only): labels holding one of the words a coder expects;
- quotes (engine themes only): share of quotes holding the theme's most shared word, and one of its
  three most distinctive terms, for ``engine.pick_quotes`` (before), ``analysis.quotes.pick_quotes`` as a
  drop-in (now) and given the labeler's terms (now+terms).

    PYTHONPATH=. .venv/bin/python benchmarks/label_quality.py [--split test|dev|all] [--n 300] [--before REV]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import engine, labels
from analysis.label_spans import FUNCTION_WORDS, cut_short, disagrees, fragments, reads_as_noun
from analysis.quotes import pick_quotes as new_pick_quotes
from analysis.text import TextProcessor
from surveys.demo import labelled_open_answers

BEFORE = "eaebc96"  # the last commit before issue 15's labels
QUESTIONS = {  # as surveys/templates word the question each topic answers
    "career_barriers": "Tell us more about what makes it hard.",
    "career_help": "What one thing would help you most?",
    "job_interest": "What kind of work would you like, and why?",
    "employer_hiring": "What makes it hard to hire for these jobs?",
    "employer_skills": "What skills do new hires most often lack?",
    "training_change": "What one thing should we change?",
    "service_experience": "Tell us more about what makes it hard.",
}
DEV_TOPICS = ("career_barriers", "employer_skills")
_WORD = labels.WORD_PATTERN
_TAIL = labels._TAIL
dont_know = {phrase.lower() for phrase in labels._DONT_KNOW_PHRASE.values()}
_INSIDE = (labels._CONNECTORS - {"and", "or", "y", "o"}) | labels._SUBJECTS  # joining two nouns reads fine


def v1_pick_quotes(
    members: np.ndarray,
    score: np.ndarray,
    texts: list[str],
    similarity: Callable[[int, int], float],
    n: int,
) -> list[str]:
    """Quotes as the engine chose them before issue 15 (kept here to compare against). Pick up to ``n`` answers close to the theme centre, not near-copies of each other, not too short.

    ``score`` is each answer's closeness to its theme's centre; ``similarity(u, v)`` the cosine of two
    answers, to pass over near-copies of a quote already chosen.
    """
    order = members[np.argsort(-score[members], kind="stable")]
    long_enough = [u for u in order if len(texts[u].split()) >= 4]
    pool = long_enough if len(long_enough) >= min(3, len(order)) else list(order)
    chosen: list[int] = []
    for u in pool:
        if len(chosen) == n:
            break
        if any(similarity(int(u), v) > 0.92 for v in chosen):
            continue
        chosen.append(int(u))
    for u in pool:  # too few distinct ones: allow similar wording rather than show fewer than 3
        if len(chosen) >= min(3, len(pool)):
            break
        if u not in chosen:
            chosen.append(int(u))
    return [_shorten(texts[u]) for u in chosen]


def _shorten(text: str, limit: int = 280) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def labeler_before(revision: str = BEFORE) -> type:
    """The labeler as it was at ``revision`` (its ``labels`` and ``label_spans`` modules), loaded from git
    into a throwaway package; the other modules it imports are today's."""
    package = Path(tempfile.mkdtemp()) / "labels_before"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module in ("labels", "label_spans"):
        shown = subprocess.run(
            ["git", "show", f"{revision}:analysis/{module}.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if shown.returncode == 0:  # label_spans came later
            source = re.sub(r"from \.(?!label_spans)(\w+) import", r"from analysis.\1 import", shown.stdout)
            (package / f"{module}.py").write_text(source)
    sys.path.insert(0, str(package.parent))
    try:
        return importlib.import_module("labels_before.labels").ClassTfidfLabeler
    finally:
        sys.path.remove(str(package.parent))


def content(label: str, stop: frozenset[str]) -> list[str]:
    words = _WORD.findall(_TAIL.sub("", label).lower())
    meaningful = [w for w in words if (w not in stop or w in labels._OPENERS) and w not in labels.NEGATORS]
    return [w for w in meaningful if w not in labels._JOINERS]


def holds(answer_stems: set[str], stem: str) -> bool:
    return stem in answer_stems or any(
        len(s) >= 5 and len(stem) >= 5 and (s.startswith(stem) or stem.startswith(s)) for s in answer_stems
    )


def negated_before(text: str, stems: list[str]) -> bool | None:
    """Whether a negation reaches the first of ``stems`` in ``text`` (None when it holds none of them)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    for i, w in enumerate(words):
        if any(holds({labels._stem(w)}, s) for s in stems):
            window = words[max(0, i - labels._NEGATION_REACH) : i]
            cut = max((j for j, x in enumerate(window) if x in labels._CLAUSE_BREAKS), default=-1)
            return any(x in labels.NEGATORS and x not in labels._ABSENCES for x in window[cut + 1 :])
    return None


def judge(label: str, answers: list[str], question: str | None, stop: frozenset[str]) -> dict[str, float]:
    """The measures of one label against the answers of its theme (in the label's language)."""
    bare = _TAIL.sub("", label)
    stems = [labels._stem(w) for w in content(bare, stop)]
    echo_words = labels._question_words(question, stop)
    lowered = [a.lower().replace("’", "'") for a in answers]
    if not stems:  # "Don't know": read by the idiom lists
        said = [any(p.search(a) for p in labels._DONT_KNOW.values()) for a in lowered]
    else:
        said = [all(holds({labels._stem(w) for w in _WORD.findall(a)}, s) for s in stems) for a in lowered]
    support = sum(said) / max(len(answers), 1)
    label_words = _WORD.findall(bare.lower())
    turning = [i for i, w in enumerate(label_words) if w in labels.NEGATORS and w not in labels._ABSENCES]
    label_no = bool(turning) and bool(stems)
    # The word the label's negation turns around ("certified" in "Applicants are not certified"), else its first.
    after = (
        [labels._stem(w) for w in content(" ".join(label_words[turning[0] + 1 :]), stop)] if turning else []
    )
    pivot = after[:1] or stems[:1]
    polarity = [negated_before(a, pivot) for a, s in zip(lowered, said) if s and stems]
    says_no = sum(bool(p) for p in polarity) > 0.5 * len(polarity) if polarity else None
    words = bare.split()
    return {
        "words>=2": float(len(words) >= 2),
        "echo": float(
            bool(echo_words) and bool(stems) and not label_no and all(s in echo_words for s in stems)
        ),
        "support>=10%": float(support >= 0.10),
        "support>=20%": float(support >= 0.20),
        "flips": float(says_no is not None and says_no != label_no),
        "missing": float(not bare.strip() or bool(re.fullmatch(r"Theme \d+", bare))),
        "clauses": float(
            any(w.lower() in _INSIDE for w in words[1:-1])
            or any(w.lower() in labels._SUBJECTS for w in words[1:])
        ),
        "unfinished": float(
            bare.lower() not in dont_know and cut_short(bare, [fragments(a) for a in answers])
        ),
        "fragments": float(fragment(bare, answers)),
        "misread": float(misread(bare, answers)),
        "_no": float(label_no),
    }


def fragment(label: str, answers: list[str]) -> bool:
    """Whether a label reads as a piece of a sentence rather than a phrase (the issue's three rules). It
    asks the functions the labeler filters its labels with, so it cannot see their mistakes: see
    :func:`misread`, and read the printed labels."""
    words = label.lower().split()
    if not words or " ".join(words) in dont_know:
        return False
    written = [fragments(a) for a in answers]
    opens = words[0] in FUNCTION_WORDS and words[0] not in labels.NEGATORS
    return (
        disagrees(words)
        or (opens and not reads_as_noun(words[-1], written, [1.0] * len(written)))
        or (cut_short(" ".join(words), written) and not cut_short(" ".join(words), written, objects=False))
    )


# Read by :func:`misread` alone, apart from the labeler's own word lists.
_BEFORE_A_NOUN = frozenset(
    re.findall(
        r"\S+",
        """a an the my your his her our their this these those no more of for about with without
        el la los las un una unos unas mi mis tu tus su sus sin de del más""",
    )
)
_BEFORE_OTHER = frozenset(
    re.findall(
        r"\S+", "to can't cannot won't don't didn't isn't is are was were be too so very really muy es son"
    )
)


def misread(label: str, answers: list[str]) -> bool:
    """Whether a label misreads a word's part of speech, judged by plain counts over its theme's answers
    rather than the labeler's functions: "About <word>" where no answer writes the word after an article,
    a possessive or a preposition ("About carry", "About expired"), or "X and Y" / "X y Y" where an
    answer writes X or Y after "to", "can't", "is", "too", "es" and none after an article ("Pay and no
    live", "Clases y difícil"). It misses some ("Horarios y problema": "un problema" is a noun); read the labels too."""
    words = label.lower().replace("’", "'").split()
    said = [_WORD.findall(a.lower().replace("’", "'")) for a in answers]

    def before(word: str) -> set[str | None]:
        return {s[i - 1] if i else None for s in said for i, w in enumerate(s) if w == word}

    if len(words) == 2 and words[0] in ("about", "sobre"):
        return not before(words[1]) & _BEFORE_A_NOUN
    joined = [w for w in words if w not in ("and", "y", "no", "sin")]
    if ("and" in words or "y" in words) and len(joined) == 2:
        return any(before(w) & _BEFORE_OTHER and not before(w) & _BEFORE_A_NOUN for w in joined)
    return False


def miscased_terms(terms: list[str], answers: list[str]) -> bool:
    """Whether a key term prints in lower case a word most of the answers writing it write otherwise."""
    for word in {w for term in terms for w in term.split() if w.islower() and len(w) > 1}:
        seen = other = 0
        for sentence in (part for answer in answers for part in re.split(r"[.!?]+\s", answer)):
            for i, written in enumerate(_WORD.findall(sentence)):
                if written.lower() == word:
                    seen += 1
                    other += not written.islower() and (i > 0 or written.isupper())
        if seen and 2 * other > seen:
            return True
    return False


def fit(cls, captured: dict, question: str | None):
    kwargs = {"random_state": 0, "report_language": captured["report_language"]}
    if question is not None and "question" in inspect.signature(cls.__init__).parameters:
        kwargs["question"] = question  # the labeler before issue 15 took no question
    return cls(**kwargs).fit(*captured["args"], **captured["kwargs"])


def theme_answers(captured: dict, labeler, c: int) -> list[str]:
    _tokens, texts, themes, weights, *_ = captured["args"]
    languages = captured["args"][6] if len(captured["args"]) > 6 else None
    language = labeler.label_languages_.get(c)
    out = []
    for i in np.flatnonzero(themes == c):
        if languages is None or not language or languages[i] == language:
            out.extend([texts[i]] * int(weights[i]))
    return out


def engine_inputs(topic: str, seed: int, n: int) -> tuple[dict, list[dict]]:
    """Run the engine on one topic's answers; return the labeler's inputs and the quote picks it made."""
    captured: dict = {}
    picks: list[dict] = []
    original_labeler, original_quotes = engine.ClassTfidfLabeler, engine.pick_quotes

    class Recording(original_labeler):
        def fit(self, *args, **kwargs):
            captured.update(args=args, kwargs=kwargs, report_language=self.report_language)
            return super().fit(*args, **kwargs)

    def recording_quotes(members, score, texts, similarity, n_quotes, *rest, **kw):
        picks.append(
            {"members": members, "score": score, "texts": texts, "similarity": similarity, "n": n_quotes}
        )
        return original_quotes(members, score, texts, similarity, n_quotes)

    rows = labelled_open_answers(topic, n, random.Random(seed), spanish_share=0.3)
    engine.ClassTfidfLabeler, engine.pick_quotes = Recording, recording_quotes
    try:
        engine.find_themes([t for t, _, _ in rows], representation="tfidf")
    finally:
        engine.ClassTfidfLabeler, engine.pick_quotes = original_labeler, original_quotes
    return captured, picks


def case_inputs(case: dict) -> dict:
    """The labeler's inputs for one hand-written case, built the way the engine builds them."""
    texts, themes, languages = [], [], []
    for c, theme in enumerate(case["themes"]):
        for answer in theme["answers"]:
            texts.append(answer)
            themes.append(c)
            languages.append(theme["language"])
    processor = TextProcessor()
    tokens = processor.fit_transform(texts, languages, [1] * len(texts))
    report = case["report_language"]
    return {
        "args": (
            tokens,
            texts,
            np.array(themes),
            np.ones(len(texts)),
            processor.surfaces(),
            engine.label_stopwords(),
            languages,
        ),
        "kwargs": {"report_surfaces": processor.surfaces(language=report)},
        "report_language": report,
    }


def quote_shares(
    picks: list[dict], pick, terms: dict[int, list[str]], themes: np.ndarray, with_terms: bool
) -> tuple[float, float]:
    """Share of quotes holding their theme's most shared word (stop words aside), and share holding one
    of its three most distinctive terms (today's labeler's ``terms_``)."""
    stop = engine.label_stopwords()
    shared = distinctive = total = 0
    for p in picks:
        members = p["members"]
        counts: Counter[str] = Counter()
        for u in members:
            counts.update(
                {
                    labels._stem(w)
                    for w in _WORD.findall(p["texts"][u].lower())
                    if w not in stop and len(w) > 2
                }
            )
        if not counts or len(members) < 3 or int(themes[members[0]]) < 0:
            continue
        top = counts.most_common(1)[0][0]
        key = {labels._stem(w) for t in terms.get(int(themes[members[0]]), [])[:3] for w in t.lower().split()}
        extra = {"terms": terms.get(int(themes[members[0]]), [])} if with_terms else {}
        for q in pick(members, p["score"], p["texts"], p["similarity"], p["n"], **extra):
            said = {labels._stem(w) for w in _WORD.findall(q.lower())}
            total += 1
            shared += top in said
            distinctive += bool(key & said)
    return shared / max(total, 1), distinctive / max(total, 1)


def failed(row: dict) -> str:
    bad = [k for k in ("echo", "flips", "missing", "clauses", "fragments", "misread", "term case") if row[k]]
    bad += [k for k in ("words>=2", "support>=10%", "concept") if k in row and not row[k]]
    return f" [{', '.join(bad)}]" if bad else ""


def summary(rows: list[dict]) -> str:
    keys = [
        "words>=2",
        "echo",
        "support>=10%",
        "support>=20%",
        "flips",
        "missing",
        "clauses",
        "unfinished",
        "fragments",
        "misread",
        "term case",
    ]
    return "  ".join(f"{k} {np.mean([r[k] for r in rows]):.2f}" for k in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--why", action="store_true", help="print each label's failed measures")
    parser.add_argument(
        "--before", default=BEFORE, help=f"git revision of the labeler to compare (default {BEFORE})"
    )
    args = parser.parse_args()
    wanted = {"test": ("test",), "dev": ("dev",), "all": ("dev", "test")}[args.split]
    labelers = {"before": labeler_before(args.before), "now": labels.ClassTfidfLabeler}
    stop = engine.label_stopwords()

    print(f"== Engine themes (demo answers, n={args.n}, 30% Spanish, split {args.split}) ==")
    results: dict[str, list[dict]] = {name: [] for name in labelers}
    dup_pairs = Counter()
    quotes = {"before": [], "now": [], "now+terms": []}
    for topic, question in QUESTIONS.items():
        split = "dev" if topic in DEV_TOPICS else "test"
        if split not in wanted:
            continue
        captured, picks = engine_inputs(topic, 0 if split == "dev" else 1, args.n)
        for name, cls in labelers.items():
            labeler = fit(cls, captured, question)
            names = list(labeler.labels_.values())
            dup_pairs[name] += sum(
                labels.near_duplicates(a, b) for i, a in enumerate(names) for b in names[i + 1 :]
            )
            shown = []
            for c, label in labeler.labels_.items():
                answers = theme_answers(captured, labeler, c)
                row = judge(label, answers, question, stop)
                row["term case"] = float(miscased_terms(labeler.terms_.get(c, []), answers))
                results[name].append(row)
                shown.append(label + (failed(row) if args.why else ""))
            print(f"  {topic:19} {name:6} {' | '.join(shown)}")
        terms = fit(labels.ClassTfidfLabeler, captured, question).terms_
        themes = captured["args"][2]
        quotes["before"].append(quote_shares(picks, v1_pick_quotes, terms, themes, False))
        quotes["now"].append(quote_shares(picks, new_pick_quotes, terms, themes, False))
        quotes["now+terms"].append(quote_shares(picks, new_pick_quotes, terms, themes, True))
    for name, rows in results.items():
        if rows:
            print(f"  {name:6} labels {len(rows):3d}  {summary(rows)}  dup pairs {dup_pairs[name]}")
    for name, rows in quotes.items():
        if rows:
            shared, distinctive = np.mean(rows, axis=0)
            print(
                f"  quotes {name:9} holding the theme's most shared word {shared:.2f}, "
                f"one of its 3 most distinctive terms {distinctive:.2f}"
            )

    print(f"\n== Cases (benchmarks/data/labels_cases.json, split {args.split}) ==")
    cases = json.loads((ROOT / "benchmarks/data/labels_cases.json").read_text())["cases"]
    results = {name: [] for name in labelers}
    dup_pairs = Counter()
    for case in cases:
        if case["split"] not in wanted:
            continue
        captured = case_inputs(case)
        for name, cls in labelers.items():
            labeler = fit(cls, captured, case["question"])
            names = [labeler.labels_[c] for c in range(len(case["themes"]))]
            dup_pairs[name] += sum(
                labels.near_duplicates(a, b) for i, a in enumerate(names) for b in names[i + 1 :]
            )
            for c, (label, theme) in enumerate(zip(names, case["themes"])):
                row = judge(label, theme["answers"], case["question"], stop)
                row["term case"] = float(miscased_terms(labeler.terms_.get(c, []), theme["answers"]))
                expected = theme.get("negated")
                row["flips"] = max(row["flips"], float(expected is not None and bool(row["_no"]) != expected))
                bare = _WORD.findall(labels._fold(_TAIL.sub("", label).lower()))
                row["concept"] = float(
                    any(w.startswith(labels._fold(k)) for w in bare for k in theme["concept"])
                )
                results[name].append(row)
            print(
                f"  {case['id']:26} {name:6} {' | '.join(n + (failed(r) if args.why else '') for n, r in zip(names, results[name][-len(names) :]))}"
            )
    for name, rows in results.items():
        if rows:
            print(
                f"  {name:6} labels {len(rows):3d}  {summary(rows)}  concept {np.mean([r['concept'] for r in rows]):.2f}"
                f"  dup pairs {dup_pairs[name]}"
            )


if __name__ == "__main__":
    main()
