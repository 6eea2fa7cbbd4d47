"""Precision and recall of redaction and non-answer detection on labelled answers, and their speed.

Labelled sets (see ``benchmarks/data/README.md``), each in a development part (tuned on) and a held-out
part (written before the detectors were tuned, only scored):

- ``redaction_{dev,heldout}.csv``: ``language,text``; every personal detail is marked inline as
  ``{{kind:detail}}`` with kind one of email, url, phone, number, address, name. A text without marks
  must come out unchanged (durations, money, product names...).
- ``non_answers_{dev,heldout}.csv``: ``language,text,label``; label ``answer`` or the reason expected
  (``non_answer``, ``no_words``, ``keyboard_mash``).

Redaction is scored per span: a labelled detail is found when spans of its kind cover all its letters
and digits; a redacted span is correct when it overlaps a labelled detail of its kind and covers
nothing else but spaces and punctuation. Non-answers are scored per answer, per label.

    PYTHONPATH=. python benchmarks/cleaning_quality.py [--part heldout|dev|both] [--errors] [--speed]

Goal: precision and recall >= 0.9 overall on each held-out set.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
_MARK = re.compile(r"\{\{(\w+):(.*?)\}\}")
REDACTION_KINDS = ("email", "url", "phone", "number", "address", "name")


@dataclass
class Scores:
    """True positives, false positives and false negatives per class, and the errors behind them."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.tp, kind), self._sum(self.fp, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.tp, kind), self._sum(self.fn, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _sum(counts: Counter, kind: str | None) -> int:
        return counts[kind] if kind else sum(counts.values())

    def table(self, kinds) -> str:
        lines = [f"  {'class':<14} {'n':>4} {'prec':>6} {'recall':>6}"]
        for kind in [*kinds, None]:
            n = self._sum(self.tp, kind) + self._sum(self.fn, kind)
            lines.append(
                f"  {kind or 'overall':<14} {n:>4} {self.precision(kind):>6.3f} {self.recall(kind):>6.3f}"
            )
        return "\n".join(lines)


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of a labelled redaction case and its labelled spans ``(start, end, kind)``."""
    text, spans, last = [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[last : m.start()]
        text.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(2)), m.group(1)))
        text.append(m.group(2))
        length += len(m.group(2))
        last = m.end()
    text.append(marked[last:])
    return "".join(text), spans


def score_redaction(rows: list[dict[str, str]]) -> Scores:
    """Span-level scores of :func:`analysis.redaction.pii_spans` on labelled cases."""
    from analysis.redaction import pii_spans

    scores = Scores()
    for row in rows:
        text, gold = unmark(row["text"])
        predicted = pii_spans(text)
        for start, end, kind in gold:
            covered = {i for s in predicted if s.kind == kind for i in range(s.start, s.end)}
            needed = {i for i in range(start, end) if text[i].isalnum()}
            if needed <= covered:
                scores.tp[kind] += 1
            else:
                scores.fn[kind] += 1
                scores.errors.append(f"missed {kind}: {text[start:end]!r} in {text!r}")
        for span in predicted:
            inside = {i for s, e, k in gold if k == span.kind for i in range(s, e)}
            extra = [text[i] for i in range(span.start, span.end) if i not in inside and text[i].isalnum()]
            if inside & set(range(span.start, span.end)) and not extra:
                continue  # counted once through the labelled span it covers
            scores.fp[span.kind] += 1
            scores.errors.append(f"wrong {span.kind}: {text[span.start : span.end]!r} in {text!r}")
    return scores


def score_non_answers(rows: list[dict[str, str]]) -> Scores:
    """Answer-level scores of :func:`analysis.non_answers.non_answer_reasons` on labelled answers."""
    from analysis.non_answers import non_answer_reasons

    scores = Scores()
    predicted = non_answer_reasons([row["text"] for row in rows])
    for row, reason in zip(rows, predicted):
        got, want = reason or "answer", row["label"]
        if got == want:
            scores.tp[want] += 1
        else:
            scores.fn[want] += 1
            scores.fp[got] += 1
            scores.errors.append(f"{want} read as {got}: {row['text']!r}")
    return scores


def non_answer_kinds(scores: Scores) -> list[str]:
    return sorted(set(scores.tp) | set(scores.fn) | set(scores.fp))


def speed(n: int = 10_000) -> str:
    """Seconds to find non-answers and redact the rest of ``n`` generated demo answers."""
    from analysis.cleaning import normalize_text
    from analysis.non_answers import non_answer_reasons
    from analysis.redaction import redact_pii
    from surveys.demo import open_answers, topics

    rng = random.Random(0)
    texts: list[str] = []
    for topic in topics():
        texts += [text for text, _ in open_answers(topic, n // len(topics()) + 1, rng)]
    texts = [normalize_text(t) for t in texts[:n]]
    non_answer_reasons(texts[:10])
    redact_pii("warm-up")  # name lists loaded outside the timing
    t0 = time.perf_counter()
    reasons = non_answer_reasons(texts)
    t1 = time.perf_counter()
    kept = [t for t, r in zip(texts, reasons) if r is None]
    redacted = [redact_pii(t) for t in kept]
    t2 = time.perf_counter()
    changed = sum(a != b for a, b in zip(kept, redacted))
    return (
        f"speed on {len(texts)} demo answers: non-answers {t1 - t0:.3f} s ({len(texts) - len(kept)} set apart), "
        f"redaction {t2 - t1:.3f} s ({changed} redacted)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part",
        choices=("heldout", "heldout_b", "heldout_c", "heldout_d", "dev", "all"),
        default=None,
        help="one part (default: every held-out part)",
    )
    parser.add_argument("--errors", action="store_true", help="print each error")
    parser.add_argument("--speed", action="store_true", help="also time 10,000 demo answers")
    args = parser.parse_args()
    from analysis.non_answers import similarity_backend

    held_out = ("heldout", "heldout_b", "heldout_c", "heldout_d")
    parts = {None: held_out, "all": ("dev", *held_out)}.get(args.part, (args.part,))
    for part in parts:
        if (DATA / f"redaction_{part}.csv").exists():  # the third held-out part is non-answers only
            rows = read_rows(f"redaction_{part}.csv")
            scores = score_redaction(rows)
            print(f"redaction, {part} ({len(rows)} texts)\n{scores.table(REDACTION_KINDS)}")
            if args.errors:
                print("\n".join("    " + e for e in scores.errors))
        rows = read_rows(f"non_answers_{part}.csv")
        scores = score_non_answers(rows)
        print(
            f"non-answers, {part} ({len(rows)} answers, similarity: {similarity_backend()})\n"
            f"{scores.table(non_answer_kinds(scores))}"
        )
        if args.errors:
            print("\n".join("    " + e for e in scores.errors))
    if args.speed:
        print(speed())


if __name__ == "__main__":
    main()
