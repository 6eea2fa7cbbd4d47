
import pytest

from analysis import duplicate_key, non_answer_reason, normalize_text, redact_pii
from analysis.cleaning import non_answer_reasons
from benchmarks.cleaning_quality import read_rows, score_non_answers, score_redaction


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("n/a", "non_answer"),
        ("N/A.", "non_answer"),
        ("None", "non_answer"),
        ("nothing", "non_answer"),
        ("No comment", "non_answer"),
        ("idk", "non_answer"),
        ("nada", "non_answer"),
        ("No thanks!", "non_answer"),
        ("Unsure", "non_answer"),  # each line of the phrase list counts, not only the first
        ("Does not apply", "non_answer"),
        ("gracias", "non_answer"),
        ("Nada, gracias.", "non_answer"),
        ("-", "no_words"),
        ("👍👍", "no_words"),
        ("123", "no_words"),
        ("asdfgh", "keyboard_mash"),
        ("jjjjjj", "keyboard_mash"),
    ],
)
def test_non_answers_are_recognised_with_a_reason(text, reason):
    assert non_answer_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "I don't know",
        "not familiar with them",
        "beats me",
        "nothing comes to mind",
        "no tengo idea",
        "no sé nada de eso",
        "I don't know anything about that",
        "Honestly, I can't think of anything right now",
        "never heard of this program",
        "no estoy segura la verdad",
    ],
)
def test_non_answers_are_recognised_whatever_their_wording(text):
    assert non_answer_reason(text) == "non_answer"


@pytest.mark.parametrize(
    "text",
    [
        "no car",
        "bus",
        "Nothing works for my schedule",
        "childcare",
        "sí",
        "thanks for the bus pass",
        "I don't know how to get to the training center without a car",
        "not familiar with computers",
        "no sé inglés",
        "I don't know, maybe more night classes",
        "no experience",
        # Words in other scripts have no Latin vowel and are still words, never keyboard mashing.
        "托儿所太贵了",
        "没有人照顾孩子",
        "الراتب قليل",
        "الحافلة لا تأتي",
        "Lương quá thấp",
        "Нет автобуса",
    ],
)
def test_answers_with_content_are_not_non_answers(text):
    assert non_answer_reason(text) is None


def test_the_batch_form_gives_the_same_reasons():
    texts = ["beats me", "no car", "", "no tengo idea", "I don't know how to apply"]
    assert non_answer_reasons(texts) == [non_answer_reason(t) for t in texts]


def test_normalize_text_collapses_invisible_and_odd_whitespace():
    assert normalize_text("child\u00a0care\u200b  now\n") == "child care now"
    assert normalize_text("ﬁnd work") == "find work"  # NFKC ligature


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at 555-123-4567 please", "call me at [phone] please"),
        ("my cell (312) 555 0199", "my cell [phone]"),
        ("email maria.g@gmail.com thanks", "email [email] thanks"),
        ("see www.example.org/jobs", "see [url]"),
        ("ssn 123-45-6789", "ssn [number]"),
        ("case 12345678", "case [number]"),
        ("I live at 1234 N Oak Street apt 5", "I live at [address]"),
        ("Maria Lopez at the front desk helped me", "[name] at the front desk helped me"),
        ("my case manager Mr. Johnson never calls back", "my case manager Mr. [name] never calls back"),
        ("la señora Gutiérrez me ayudó", "la señora [name] me ayudó"),
        ("me llamo Guadalupe Ramírez", "me llamo [name]"),
        ("vivo en Calle Hidalgo 245 y no hay camión", "vivo en [address] y no hay camión"),
        ("sign up at https://forms.gle/abc123", "sign up at [url]"),
    ],
)
def test_pii_is_redacted(text, expected):
    assert redact_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the bus takes 2 hours each way to the hospital",
        "I have 2 kids and the bus takes 90 minutes",
        "I drive 15 miles down the road to work",
        "TurnItIn.com flagged my essay",  # a product's bare domain names the product, not a page
        "tuition is $1,250 per semester",
        "class starts at 7:30 am on 3/14",
        "I finished BIO 101 and MATH-120",
        "Will the classes be online?",
        "Faith and hope keep me going",
        "el uniforme es rosa",
        "I work at Wendy's",
        "the clinic on 5th Avenue is closer",
    ],
)
def test_redaction_keeps_what_is_not_personal(text):
    assert redact_pii(text) == text


def test_near_duplicates_share_a_key():
    assert duplicate_key("No CAR!!") == duplicate_key("no car") == duplicate_key("  no   caaar ")
    assert duplicate_key("Guardería") == duplicate_key("guarderia")
    assert duplicate_key("no car") != duplicate_key("no bus")


@pytest.mark.parametrize("part", ["heldout", "heldout_b"])
def test_redaction_scores_at_least_090_on_held_out_sets(part):
    scores = score_redaction(read_rows(f"redaction_{part}.csv"))
    assert scores.precision() >= 0.9 and scores.recall() >= 0.9, scores.errors


@pytest.mark.parametrize("part", ["heldout", "heldout_b", "heldout_c", "heldout_d"])
def test_non_answer_detection_scores_at_least_090_on_held_out_sets(part):
    scores = score_non_answers(read_rows(f"non_answers_{part}.csv"))
    assert scores.precision("non_answer") >= 0.9 and scores.recall("non_answer") >= 0.9, scores.errors
    assert scores.recall("answer") >= 0.9, scores.errors  # real answers are not set apart


def test_the_shipped_example_non_answers_share_no_text_with_the_held_out_sets():
    """The detector compares answers with the examples it ships: a held-out answer among them would be
    scored against itself."""
    from importlib import resources

    def folded(text: str) -> str:
        return " ".join(text.casefold().split())

    shipped = resources.files("analysis").joinpath("data/non_answer_examples.csv").read_text(encoding="utf-8")
    examples = {folded(line.split(",", 2)[2].strip('"')) for line in shipped.splitlines()[1:]}
    held_out = {folded(row["text"]) for part in ("heldout", "heldout_b", "heldout_c", "heldout_d")
                for row in read_rows(f"non_answers_{part}.csv")}
    assert not examples & held_out


@pytest.mark.parametrize("text", ["no time", "no time i think", "no help", "no car", "sin carro"])
def test_a_barrier_named_after_no_is_an_answer(text):
    """"No time" is one of the commonest barriers a career seeker names, not a refusal to answer."""
    assert non_answer_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I didn't know where to go",
        "no sabía a dónde ir",
        "I didn't know how to apply",
        "I don't know anyone",
        "no conozco a nadie",
        "nadie me dijo nada",
        "they don't answer",
        "time",
    ],
)
def test_not_knowing_a_step_or_a_person_is_a_barrier(text):
    """Words a shrug also uses can name a barrier: not knowing where to go, having nobody to ask, nobody
    answering. A one-word answer of content ("time") is never matched to an example shrug."""
    assert non_answer_reason(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "haven't thought about it",
        "don't know, don't care",
        "I don't know how to answer that",
        "no sé cómo contestar",
        "ask someone else",
        "I'm not the right person to ask",
        "no experience with them",
        "no tengo experiencia con eso",
        "no suggestions",
        "ninguna sugerencia",
        "doesn't matter to me",
        "no additional comments",
    ],
)
def test_shrugs_in_other_words_are_non_answers(text):
    assert non_answer_reason(text) == "non_answer"


@pytest.mark.parametrize("text", ["no experience", "no experience with computers", "child care"])
def test_a_missing_skill_or_service_stays_an_answer(text):
    assert non_answer_reason(text) is None


@pytest.mark.parametrize(
    "text",
    ["the CNA program at Harold Washington College", "Frank Lloyd Wright High School was my school",
     "Tom's Diner is where I work nights"],
)
def test_a_place_named_after_a_person_is_not_redacted(text):
    assert redact_pii(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Maria's English class helped", "[name]'s English class helped"),
     ("My case worker Jennifer Alvarez was great", "My case worker [name] was great")],
)
def test_a_person_beside_a_capitalised_word_is_still_redacted(text, expected):
    assert redact_pii(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I don't know anything about online proctoring so I can't comment on it",
        "not sure about proctored exams",
        "I don't really know much about the program, I've never used any of their services so I can't really say",
        "Not familiar with any of it really, sorry I don't have an opinion on it either way",
    ],
)
def test_a_long_shrug_or_one_that_repeats_the_question_is_a_non_answer(text):
    assert non_answer_reason(text, "What do you think about online proctoring of exams?") == "non_answer"


@pytest.mark.parametrize("text", ["proctoring is invasive", "I don't know, proctoring feels invasive",
                                  "I don't know anything about online proctoring"])
def test_the_question_words_count_only_beside_a_shrug(text):
    """Without the question, "online proctoring" is the answer's own subject; with it, only a shrug beside
    the question's words is set apart."""
    question = "What do you think about online proctoring of exams?"
    expected = "non_answer" if text.endswith("proctoring") else None
    assert non_answer_reason(text, question) == expected
    assert non_answer_reason(text) is None


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("online I guess", "Do you prefer online or in-person classes?"),
        ("childcare I think", "Which would help: tutoring, childcare or transportation?"),
        ("I don't like the new schedule", "What do you think of the new bus schedule?"),
        ("don't have a car", "Do you have a car?"),
        ("not familiar with computers", "What kept you from the online computer classes?"),
        ("No conozco las computadoras", "¿Qué le impidió tomar las clases de computación?"),
        ("I think it was helpful", None),
        ("in person would be best I think", None),
        ("no response from them", None),
        ("sin respuesta", None),
        ("doesn't care about us", None),
        ("didn't care about me", None),
        ("I didn't know who to ask", None),
        ("I didn't know anyone to ask", None),
        ("no sé a quién preguntar", None),
    ],
)
def test_an_answer_that_repeats_the_question_or_a_shrugs_word_still_says_something(text, question):
    """The question's words count as nothing only beside "I don't know about it"; "I guess", "I think"
    and a barrier the question names keep them. A review found each of these set apart."""
    assert non_answer_reason(text, question) is None


@pytest.mark.parametrize(
    "text",
    ["John's Mom helped me a lot", "Maria's Class Was Great", "Maria Lopez Home visits were great",
     "Mark Davis Group sessions were good", "Ana Torres Care Coordinator was great",
     "Thanks Maria Lopez Community Health Worker"],
)
def test_a_name_before_a_capitalised_word_that_is_no_place_is_redacted(text):
    """Only a kind of place (College, High School, Diner) after a name makes it a place's name; a job
    title or a common noun does not."""
    assert "[name]" in redact_pii(text)
