"""Label spans: the longer phrases answers wrote, and the phrases that stop before their last word."""

from analysis.label_spans import (
    cut_short,
    disagrees,
    fragments,
    reads_as_noun,
    written_pair,
    written_spans,
    written_subjects,
)

NEGATORS = frozenset({"not", "don't", "never", "no"})


def spans(texts: list[str], core: list[str], fewest: float = 2) -> list[str]:
    return [
        s
        for s, _ in written_spans(
            [fragments(t) for t in texts], [1.0] * len(texts), core, fewest, frozenset({"but", "i"}), NEGATORS
        )
    ]


def test_a_span_opens_and_ends_on_words_that_carry_meaning():
    texts = ["the wait at the office was long", "the wait at the office was over two hours", "long wait"]
    assert spans(texts, ["wait", "office"])[0] == "wait at the office"


def test_a_span_needs_enough_answers_and_one_of_the_core_words():
    texts = ["the wait at the office was long", "my old car is broken", "the old car is broken again"]
    assert spans(texts, ["wait"]) == []
    assert "old car is broken" in spans(texts, ["car"])


def test_a_span_never_crosses_punctuation_a_new_clause_or_a_number_at_its_ends():
    texts = ["kids, no car", "kids, no car", "car but kids", "car but kids", "2 hours", "2 hours"]
    found = spans(texts, ["kids", "car", "hours"])
    assert "kids no car" not in found and "car but kids" not in found and "2 hours" not in found
    assert "no car" in found


def test_a_span_under_a_negation_is_not_counted_unless_it_opens_with_it():
    texts = ["i don't want to ask for accommodations", "don't want to ask for accommodations"]
    found = spans(texts, ["accommodations"])
    assert "ask for accommodations" not in found
    assert "don't want to ask for accommodations" in found


def test_weights_count_the_answers_a_row_stands_for():
    found = written_spans([fragments("wait at the office")], [3.0], ["office"], 2, frozenset(), NEGATORS)
    assert found == [("wait at the office", 3.0)]


def test_a_phrase_followed_by_its_object_or_number_is_cut_short():
    said = [fragments(t) for t in ["the bus takes 2 hours", "bus takes two hours", "bus takes an hour"]]
    assert cut_short("bus takes", said)
    assert not cut_short("bus takes 2 hours", said)
    mom = [fragments(t) for t in ["single mom of two", "single mom and no car", "single mom"]]
    assert not cut_short("single mom", mom)


def test_a_phrase_ending_on_a_function_word_or_a_negated_verb_is_cut_short():
    assert cut_short("candidates won't", [])
    assert cut_short("talk to", [])
    assert cut_short("con videos", [])
    assert not cut_short("no car", [])


def test_a_negation_anywhere_earlier_in_the_clause_turns_the_span_around():
    from analysis.labels import NEGATORS as ALL_NEGATORS

    texts = [
        "nobody at the front desk treated me like a person",
        "i don't think the staff treated me like a person",
        "i felt respected and they treated me like a person",
        "they treated me like a person",
    ]
    found = dict(
        written_spans(
            [fragments(t) for t in texts], [1.0] * 4, ["treated"], 2, frozenset({"they", "i"}), ALL_NEGATORS
        )
    )
    assert found.get("treated me like a person") == 2  # the last two; "and", a new subject, end a clause


def test_rows_standing_for_several_answers_weigh_in_cut_off_phrases():
    said = [fragments("i can't leave them alone"), fragments("i just can't leave")]
    assert cut_short("can't leave", said, [10.0, 1.0])
    assert not cut_short("can't leave", said, [1.0, 10.0])


def test_a_span_never_ends_on_most_and_never_stops_before_what_nearly_all_say_next():
    texts = ["hospitals and retail that pay more", "hospitals and retail that pay more", "most"]
    found = spans(texts, ["hospitals", "retail"])
    assert "hospitals and retail that pay" not in found and "hospitals and retail that pay more" in found
    assert all(
        not s.endswith(" most") for s in spans(["wheelchair and most", "wheelchair and most"], ["wheelchair"])
    )


def test_chinese_and_arabic_punctuation_end_a_fragment():
    assert fragments("我没有车，公交车太慢") == (("我没有车",), ("公交车太慢",))
    assert len(fragments("ليس لدي سيارة، الحافلة بطيئة")) == 2


def test_a_verb_that_disagrees_with_the_noun_before_it_shows_a_cut_subject():
    assert disagrees(["night", "shifts", "is", "hard"]) and disagrees(["typing", "are", "lacking"])
    assert disagrees(["clases", "es", "difícil"])
    assert not disagrees(["night", "shifts", "are", "hard"]) and not disagrees(["the", "bus", "is", "late"])
    assert not disagrees(["news", "is", "bad"])  # "news" is no plural


def test_a_verb_the_answers_always_go_on_from_is_cut_before_its_object():
    worked = [
        fragments(t)
        for t in ["applicants haven't worked in a clinic", "applicants haven't worked with patients"]
    ]
    assert cut_short("applicants haven't worked", worked)
    comes = [
        fragments(t) for t in ["the bus never comes", "bus never comes on time", "bus never comes. i walk"]
    ]
    assert not cut_short("bus never comes", comes)


def test_how_answers_use_a_word_tells_a_noun_from_a_verb():
    watch = [
        fragments(t) for t in ["nobody to watch my kids", "who can watch them", "my mom used to watch them"]
    ]
    rent = [fragments(t) for t in ["the rent went up", "my rent is due", "rent"]]
    assert not reads_as_noun("watch", watch, [1.0] * 3) and reads_as_noun("rent", rent, [1.0] * 3)
    assert not reads_as_noun("loved", [fragments("loved")], [1.0])  # alone, its form says it is a verb
    assert written_pair("watch", watch, [1.0] * 3, 2) == "watch them"


def test_a_spanish_verb_is_no_noun_and_a_noun_ending_like_one_still_is():
    """ "Solo abren cuando..." made "Sobre abren": a verb in the present has no ending to tell it by."""
    opens = [fragments("Solo abren cuando estoy trabajando"), fragments("abren tarde")]
    assert not reads_as_noun("abren", opens, [1.0, 1.0], "es")
    for noun, answer in [("examen", "el examen es difícil"), ("orden", "la orden"), ("joven", "un joven")]:
        assert reads_as_noun(noun, [fragments(answer)], [1.0], "es"), noun
    assert not reads_as_noun("great", [fragments("Great program honestly")], [1.0])  # nothing says it is one


def test_a_subject_the_answers_write_as_theirs_agrees_with_its_verb():
    services = ["Social Services is slow", "social services is so slow", "social services is slow and rude"]
    said = written_subjects([fragments(a) for a in services], [1.0] * 3)
    assert not disagrees(["social", "services", "is", "slow"], said)
    night = [
        "finding a sitter for night shifts is hard",
        "childcare for night shifts is hard",
        "night shifts are hard",
    ]
    said = written_subjects([fragments(a) for a in night], [1.0] * 3)
    assert disagrees(["night", "shifts", "is", "hard"], said)  # cut from "finding a sitter for..."
