from analysis import TextProcessor, detect_language
from analysis.glossary import SPANISH_TO_ENGLISH, spanish_to_english
from analysis.text import _lemmatizer, stopwords_for


def test_spanish_and_english_are_told_apart():
    assert detect_language("No tengo quien cuide a mis hijos") == "es"
    assert detect_language("El autobús no llega") == "es"
    assert detect_language("guardería") == "es"
    assert detect_language("I don't have a car") == "en"
    assert detect_language("childcare") == "en"
    assert detect_language("") == "en"


def test_each_language_gets_its_own_stopwords_and_lemmas():
    processor = TextProcessor(glossary={})
    tokens = processor.fit_transform(["Las clases para mis hijos", "The classes for my kids"], ["es", "en"])
    assert tokens[0] == ["clase", "hijo"]
    assert tokens[1] == ["class", "kid"]


def test_the_glossary_gives_spanish_content_words_their_english_lemma_and_keeps_the_spelling():
    processor = TextProcessor()
    tokens = processor.fit_transform(
        ["La guardería es cara y el autobús no llega", "Childcare is expensive and the bus is late"],
        ["es", "en"],
    )
    assert {"childcare", "bus"} <= set(tokens[0]) & set(tokens[1])
    assert processor.links_languages_
    assert "guardería" in processor.surfaces()["childcare"]  # labels and terms can still read in Spanish
    # Spanish ways of saying one thing meet the same token.
    assert TextProcessor().fit_transform(["cuidado de niños", "fines de semana"], ["es", "es"]) == [
        ["childcare"],
        ["weekend"],
    ]


def test_survey_filler_is_dropped():
    assert {"would", "really", "get", "need"} <= stopwords_for("en")
    tokens = TextProcessor().fit_transform(["I would really need to get a bus pass"], ["en"])[0]
    assert not {"would", "really", "need", "get"} & set(tokens)


def test_spellings_of_child_care_become_one_word():
    tokens = TextProcessor().fit_transform(["child care", "child-care", "Childcare", "day care"], ["en"] * 4)
    assert tokens == [["childcare"], ["childcare"], ["childcare"], ["daycare"]]


def test_frequent_word_pairs_are_kept_whole_as_phrases():
    texts = [
        "bus pass please",
        "a bus pass",
        "free bus pass",
        "bus pass for students",
        "the bus is late",
        "night classes",
        "night classes only",
        "more night classes",
        "my car",
        "no car",
    ]
    processor = TextProcessor(min_phrase_count=3)
    tokens = processor.fit_transform(texts, ["en"] * len(texts))
    assert ("bus", "pass") in processor.phrases_
    assert ("night", "class") in processor.phrases_
    assert "bus_pass" in tokens[0] and "bus" in tokens[0]  # the words stay, so "bus" still links answers
    assert "bus_pass" not in tokens[4]
    assert processor.surfaces()["night_class"].most_common(1)[0][0] == "night classes"


def test_content_words_survive_the_packaged_stopword_lists():
    tokens = TextProcessor().fit_transform(
        ["I need a computer for work, I'm too old", "No tengo trabajo ni tiempo"], ["en", "es"]
    )
    assert {"computer", "work", "old"} <= set(tokens[0])
    assert {"job", "time"} <= set(tokens[1])


def test_every_glossary_entry_can_link_the_two_languages():
    """A Spanish stopword key is dropped before the lookup, and an English stopword target is a token
    no English answer keeps: either entry would only set Spanish answers apart."""
    english_stop, spanish_stop = stopwords_for("en"), stopwords_for("es")
    for spanish, english in spanish_to_english().items():
        assert spanish not in spanish_stop, spanish
        assert english not in english_stop, (spanish, english)
    assert "camión" not in SPANISH_TO_ENGLISH  # a bus in Mexico, a truck elsewhere: left out


def test_extra_glossary_entries_are_lemmatized_like_the_built_in_ones():
    table = spanish_to_english({"Grúas": "Cranes"})
    assert table[_lemmatizer("es")("grúas").replace("ú", "u")] == "crane"
