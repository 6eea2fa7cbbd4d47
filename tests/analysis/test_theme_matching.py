import random
from collections import defaultdict

import numpy as np

from analysis.theme_matching import SAME_THEME_COSINE, theme_vectors
from surveys.demo import labelled_open_answers


def _by_concern(seed: int) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for text, _language, concern in labelled_open_answers("career_barriers", 300, random.Random(seed),
                                                          spanish_share=0.3):
        if concern:
            groups[concern].append(text)
    return groups


def test_a_concern_in_two_waves_is_matched_by_what_its_answers_say():
    """Two waves share no answers and their key terms differ ("childcare", "daycare", "guardería"): the
    themes are matched by their answers' meaning, each concern to itself, none to another."""
    spring, fall = _by_concern(1), _by_concern(2)
    concerns = sorted(set(spring) & set(fall))
    vectors = theme_vectors([spring[c] for c in concerns] + [fall[c] for c in concerns])
    old, new = vectors[: len(concerns)], vectors[len(concerns):]
    similarity = new @ old.T
    assert (similarity.argmax(axis=1) == np.arange(len(concerns))).mean() >= 0.8
    assert np.diag(similarity).mean() >= SAME_THEME_COSINE
    off_diagonal = similarity[~np.eye(len(concerns), dtype=bool)]
    assert (off_diagonal >= SAME_THEME_COSINE).mean() < 0.1


def test_an_empty_theme_has_no_direction():
    vectors = theme_vectors([["the bus is late", "no bus at night"], []])
    assert np.linalg.norm(vectors[1]) == 0.0 and abs(np.linalg.norm(vectors[0]) - 1.0) < 1e-5
