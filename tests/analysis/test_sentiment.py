import os
import subprocess
import sys
from concurrent.futures import CancelledError
from pathlib import Path

from analysis import SentimentScorer
from analysis.sentiment import SURVEY_NEUTRAL, vader_data_dir


def test_vader_scores_english_from_the_project_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CHORUS_NLTK_DATA", str(tmp_path))
    assert (vader_data_dir() / "sentiment" / "vader_lexicon.zip").is_file()
    scores = SentimentScorer().score(
        ["The staff were wonderful and kind", "The bus is terrible"], ["en", "en"]
    )
    assert scores[0] > 0.3 and scores[1] < -0.3


def test_spanish_answers_are_marked_unscored_not_scored_wrongly():
    assert SentimentScorer().score(["Es terrible", "It is terrible"], ["es", "en"])[0] is None


def test_scoring_on_a_thread_gives_the_same_scores_and_raises_the_same_errors():
    import pytest

    texts, languages = ["The staff were wonderful", "Es terrible", "The bus is terrible!!!"], ["en", "es", "en"]
    with SentimentScorer().scoring(texts, languages) as scores:
        assert scores.result() == SentimentScorer().score(texts, languages)
    with pytest.raises(AttributeError), SentimentScorer().scoring([None], ["en"]) as scores:
        scores.result()  # the caller sees the thread's error


def test_scoring_stops_when_the_caller_gives_up():
    import threading

    import pytest

    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        SentimentScorer().score(["The bus is terrible"] * 5_000, ["en"] * 5_000, stop)
    texts = ["The bus is terrible"] * 200_000
    with pytest.raises(RuntimeError), SentimentScorer().scoring(texts, ["en"] * len(texts)) as scores:
        raise RuntimeError("the analysis failed")
    with pytest.raises(CancelledError):
        scores.result(timeout=10)  # stopped, not left scoring 200,000 answers for nobody


def test_threads_building_the_lexicon_together_all_get_it(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("CHORUS_NLTK_DATA", str(tmp_path))
    with ThreadPoolExecutor(4) as pool:
        roots = list(pool.map(lambda _: vader_data_dir(), range(8)))
    assert roots == [tmp_path] * 8 and (tmp_path / "sentiment" / "vader_lexicon.zip").is_file()
    assert not list((tmp_path / "sentiment").glob("*.tmp"))


def test_fast_vader_gives_nltk_vader_scores_exactly():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from analysis.sentiment import _analyzer

    fast = _analyzer()  # registers the project's data folder with NLTK
    reference = SentimentIntensityAnalyzer(
        lexicon_file="sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
    )
    for word in SURVEY_NEUTRAL:
        reference.lexicon.pop(word, None)
    texts = [
        "GREAT!!! :) not bad",
        "Kind of good, but the BUS is awful!!!",
        ":(",
        "no",
        '"good" (bad)',
        "wow... ok?!",
        "",
        "The staff were kind and really listened to me.",
        "I waited weeks, nobody called back!!",
        "not very helpful at all",
        "I can't afford it -- too expensive?",
        "loved it :D",
        "meh",
    ]
    for text in texts:
        assert fast.polarity_scores(text) == reference.polarity_scores(text), text


def test_a_script_without_a_main_guard_can_score_many_answers(tmp_path):
    # A process pool started with "spawn" re-imports the caller's script: one without an
    # ``if __name__ == "__main__"`` guard crashed once there were enough answers to start one.
    script = tmp_path / "score.py"
    script.write_text(
        "from analysis.sentiment import SentimentScorer\n"
        "texts = [f'the bus is terrible {i}' for i in range(20_001)]\n"
        "scores = SentimentScorer().score(texts, ['en'] * len(texts))\n"
        "print(len(scores), scores[0] < 0)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["20001", "True"]


def test_survey_filler_and_care_nouns_do_not_read_as_praise():
    scores = SentimentScorer().score(
        [
            "honestly child care lol",
            "well, no bus pass. thank you",
            "free daycare would help",
            "The staff were wonderful and helpful",
        ],
        ["en"] * 4,
    )
    assert scores[0] == 0.0 and scores[2] == 0.0
    assert scores[1] < 0  # "no bus pass" is what is left to score
    assert scores[3] > 0.3  # real praise still counts
