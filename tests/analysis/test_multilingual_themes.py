"""Themes across the surveys' six languages: detection, tokens, shared themes, the reader's language,
and what sentiment covers."""

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_mutual_info_score

from analysis import ThemeFinder, detect_language, find_themes, static_vectors
from analysis.engine import OTHER_THEME_ID
from analysis.language import SUPPORTED_LANGUAGES
from analysis.text import TextProcessor

# Short answers as respondents write them, in each language: ``(text, language)``.
DETECTED = [
    ("没有人照顾孩子", "zh-Hans"),
    ("公交车太少了，上班很难", "zh-Hans"),
    ("工資太低", "zh-Hans"),  # Traditional characters: read as Chinese too
    ("需要 SNAP 和 WIC 的帮助", "zh-Hans"),
    ("لا يوجد من يعتني بأطفالي", "ar"),
    ("الحافلة لا تأتي في الوقت", "ar"),
    ("الراتب قليل", "ar"),
    ("Không có ai trông con", "vi"),
    ("Xe buýt không đến đúng giờ", "vi"),
    ("Lương quá thấp", "vi"),
    ("khong co tien tra nha tre", "vi"),  # typed without marks
    ("Giá vé cao quá", "vi"),
    ("Mwen pa gen moun pou gade timoun yo", "ht"),
    ("Pa gen lajan", "ht"),
    ("Otobis la pa janm vini alè", "ht"),
    ("Salè a twò ba", "ht"),
    ("No one to watch my kids", "en"),
    ("the bus is late lol", "en"),
    ("yo no tengo carro", "es"),
    ("La guardería es muy cara", "es"),
]

# English and Spanish answers that share words or letters with the new languages.
NOT_NEW = [
    ("Yo la tengo", "es"),
    ("men and women get paid less", "en"),
    ("pay is low, ok", "en"),
    ("No car, no bus, no way to get to class", "en"),
    ("Con los niños no puedo ir", "es"),
    ("Se me hace difícil pagar la renta", "es"),
    ("I can't afford daycare for my son", "en"),
    ("Tengo que ir a la clínica", "es"),
    ("la casa de mi mamá está lejos", "es"),
    ("Pho restaurant hours are long", "en"),
]

# Three concerns, each said in five languages (three answers a language): what a partnership serving
# English, Spanish, Vietnamese, Arabic and Chinese speakers hears.
CONCERNS = {
    "childcare": [
        "Nobody to watch my kids while I work",
        "Childcare is too expensive for us",
        "I can't find daycare near my house",
        "No tengo quién cuide a mis hijos mientras trabajo",
        "La guardería cuesta demasiado",
        "No hay guarderías cerca de mi casa",
        "Không có ai trông con khi tôi đi làm",
        "Nhà trẻ quá đắt, không có tiền gửi con",
        "Không tìm được nhà trẻ gần nhà",
        "لا يوجد من يعتني بأطفالي أثناء العمل",
        "الحضانة غالية جدا",
        "لا توجد حضانة أطفال قريبة من بيتي",
        "上班的时候没有人照顾孩子",
        "托儿所太贵了",
        "家附近找不到托儿所",
    ],
    "transport": [
        "The bus never comes on time",
        "No car and the bus takes two hours",
        "Bus stops are too far from my job",
        "El autobús nunca llega a tiempo",
        "No tengo carro y el autobús tarda dos horas",
        "La parada del autobús está muy lejos del trabajo",
        "Xe buýt không bao giờ đến đúng giờ",
        "Tôi không có xe hơi, đi xe buýt mất hai tiếng",
        "Trạm xe buýt quá xa chỗ làm",
        "الحافلة لا تأتي في الوقت أبدا",
        "ليس لدي سيارة والحافلة تستغرق ساعتين",
        "محطة الحافلات بعيدة جدا عن عملي",
        "公交车从来不准时",
        "我没有车，坐公交车要两个小时",
        "公交车站离我上班的地方太远",
    ],
    "pay": [
        "The pay is too low to cover rent",
        "Wages have not gone up in years",
        "I need a job that pays more per hour",
        "El sueldo es muy bajo para pagar la renta",
        "Los salarios no han subido en años",
        "Necesito un trabajo que pague más por hora",
        "Lương quá thấp, không đủ trả tiền nhà",
        "Tiền lương không tăng nhiều năm rồi",
        "Tôi cần việc làm trả lương cao hơn mỗi giờ",
        "الراتب منخفض جدا ولا يكفي للإيجار",
        "الأجور لم ترتفع منذ سنوات",
        "أحتاج عملا يدفع راتبا أعلى في الساعة",
        "工资太低，不够付房租",
        "工资好几年都没涨了",
        "我需要每小时工资更高的工作",
    ],
}
LANGUAGES_OF_CONCERN = ["en"] * 3 + ["es"] * 3 + ["vi"] * 3 + ["ar"] * 3 + ["zh-Hans"] * 3

MIXED_AMI = 0.5
"""Least AMI of the themes against the concerns (default representation, automatic number of themes).
Measured with the word table holding all six languages, seeds 0–4: 0.64–0.81 on the 36 answers in
English, Spanish, Vietnamese and Arabic, 0.70–0.81 on all 45 (Chinese read as answers); 3–4 themes, all
or all but one holding three languages or more. wordllama beside the table gave 0.26–0.34 on the 45."""


def _table_reads(*languages: str) -> bool:
    return static_vectors.available() and set(languages) <= {
        "zh-Hans" if code == "zh" else code for code in static_vectors.load().meta.get("languages", [])
    }


@pytest.mark.parametrize(("text", "language"), DETECTED)
def test_each_language_is_detected_on_short_answers(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(("text", "language"), NOT_NEW)
def test_english_and_spanish_answers_are_not_read_as_the_new_languages(text, language):
    assert detect_language(text) == language


def test_the_concerns_answers_are_detected_in_their_language():
    for answers in CONCERNS.values():
        assert [detect_language(t) for t in answers] == LANGUAGES_OF_CONCERN


def test_every_language_has_tokens_that_carry_meaning():
    processor = TextProcessor()
    tokens = processor.fit_transform(
        ["上班的时候没有人照顾孩子", "الحافلة لا تأتي في الوقت أبدا", "Lương quá thấp, không đủ trả tiền nhà",
         "Mwen pa gen moun pou gade timoun yo"],
        ["zh-Hans", "ar", "vi", "ht"],
    )
    assert "孩子" in tokens[0] and "照顾" in tokens[0] and "的" not in tokens[0]
    assert "حافلة" in tokens[1] and "لا" not in tokens[1]
    assert {"lương", "thấp", "tiền"} <= set(tokens[2]) and "không" not in tokens[2]
    assert "timoun" in tokens[3] and "mwen" not in tokens[3] and "pou" not in tokens[3]


def _mixed_result(languages=("en", "es", "vi", "ar", "zh-Hans"), **params):
    chosen = [i for i, language in enumerate(LANGUAGES_OF_CONCERN) if language in languages]
    texts = [answers[i] for answers in CONCERNS.values() for i in chosen]
    concern = [name for name in CONCERNS for _ in chosen]
    return texts, concern, find_themes(texts, random_state=0, **params)


TABLE_READS_THEM = pytest.mark.xfail(
    not _table_reads("vi", "ar", "zh-Hans"),
    reason="the shipped word table reads English and Spanish only: Vietnamese, Arabic and Chinese answers "
    "cannot land beside their English and Spanish counterparts until the table holds those languages",
    strict=False,
)


def _assert_shared_by_concern(concern, result):
    theme = result.assignments["theme"].fillna(-1).astype(int).to_numpy()
    ami = adjusted_mutual_info_score(concern, theme)
    real = [t for t in result.themes if t.id != OTHER_THEME_ID]
    mixed = [t for t in real if len(t.languages) >= 3]
    assert ami >= MIXED_AMI, (ami, [(t.label, t.languages) for t in real])
    assert len(mixed) > len(real) / 2
    for name in set(concern):  # most of a concern's answers, whatever their language, share one theme
        ids = theme[[c == name for c in concern]]
        assert np.bincount(ids[ids >= 0]).max() >= 0.6 * len(ids), (name, ids)
    assert result.parameters["representation"].startswith("embeddings")


@TABLE_READS_THEM
def test_answers_in_four_languages_share_themes_by_concern():
    _, concern, result = _mixed_result(("en", "es", "vi", "ar"))
    _assert_shared_by_concern(concern, result)
    placed = result.assignments[result.assignments["language"].isin(["vi", "ar"])]
    assert len(placed) == 18 and placed["theme"].notna().all()  # no Vietnamese or Arabic answer left out


@TABLE_READS_THEM
def test_chinese_answers_share_those_themes_too():
    _, concern, result = _mixed_result()
    _assert_shared_by_concern(concern, result)
    chinese = result.assignments[result.assignments["language"] == "zh-Hans"]
    assert len(chinese) == 9 and chinese["theme"].notna().all()
    assert sum("zh-Hans" in t.languages for t in result.themes if t.id != OTHER_THEME_ID) >= 2


def test_with_tfidf_each_sizeable_unlinked_language_is_clustered_on_its_own():
    texts = [t for answers in CONCERNS.values() for t in answers] * 3
    result = find_themes(texts, representation="tfidf", random_state=0)
    # Spanish reaches English through the glossary; the other three share no word with English.
    assert set(result.parameters["clustered_by_language"]) == {"en", "vi", "ar", "zh-Hans"}
    for theme in result.themes:
        languages = set(theme.languages)
        assert languages <= {"en", "es"} or len(languages) == 1, (theme.label, theme.languages)
    assert result.parameters["language_links"]["es"] >= 0.6 > result.parameters["language_links"]["vi"]


def test_a_vietnamese_reader_gets_labels_and_quotes_from_vietnamese_answers():
    texts, _, result = _mixed_result(report_language="vi", k=3)
    vietnamese = {t for t in texts if detect_language(t) == "vi"}
    for theme in result.themes:
        assert abs(sum(theme.language_shares.values()) - 1) < 0.01
        if theme.languages.get("vi", 0) >= 2:
            assert theme.label_language == "vi" and theme.quotes_language == "vi"
            assert theme.quotes and all(q in vietnamese for q in theme.quotes)
            label = theme.label.lower()
            assert any(word in " ".join(vietnamese).lower() for word in label.split()), theme.label
        else:
            main = max(theme.languages, key=theme.languages.get)
            assert theme.quotes_language == main
    assert result.parameters["report_language"] == "vi"
    assert any(t.label_language == "vi" for t in result.themes)


def test_a_chinese_label_is_a_phrase_its_answers_wrote_without_spaces():
    answers = ["没有人照顾孩子", "孩子没有人照顾", "上班时没有人照顾孩子", "没人照顾孩子，很难找工作"]
    result = find_themes(answers * 2, report_language="zh", k=1, random_state=0)
    (theme,) = [t for t in result.themes if t.id != OTHER_THEME_ID]
    assert theme.label_language == "zh-Hans" and " " not in theme.label
    assert sum(theme.label in a for a in answers) >= 3, theme.label  # "照顾孩子": what most of them say


def test_report_language_accepts_every_survey_language_and_nothing_else():
    for code in SUPPORTED_LANGUAGES:
        ThemeFinder(report_language=code)._validate()
    ThemeFinder(report_language="zh_Hans", language="zh")._validate()
    with pytest.raises(ValueError, match="report_language"):
        ThemeFinder(report_language="fr")._validate()


def test_sentiment_says_which_languages_it_read_and_what_it_left_out():
    texts = [
        "The bus is always late and I hate it",
        "I love the new evening classes",
        "Xe buýt không bao giờ đến đúng giờ",
        "Lương quá thấp, không đủ trả tiền nhà",
        "الحافلة لا تأتي في الوقت أبدا",
        "El autobús nunca llega a tiempo",
    ]
    result = find_themes(texts, random_state=0)
    coverage = result.parameters["sentiment"]
    assert coverage["languages"] == ["en"]
    assert coverage["unscored_answers"] == 4
    assert coverage["unscored_languages"] == {"vi": 2, "ar": 1, "es": 1}
    assert coverage["note"] == (
        "Sentiment read for English answers; 4 answers in Vietnamese, Arabic and Spanish not scored"
    )
    scored = result.assignments.dropna(subset=["sentiment"])
    assert set(scored["language"]) == {"en"}
    assert re.search(r"English", coverage["note"])


def test_a_curated_theme_is_described_in_the_readers_language():
    from analysis import describe_themes

    answers = [(t, 1) for t in CONCERNS["pay"]] + [(t, 2) for t in CONCERNS["transport"]]
    frame = pd.DataFrame(answers, columns=["text", "theme"])
    described = describe_themes(frame, affected=[1, 2], report_language="vi").themes
    vietnamese = {t for t in frame["text"] if detect_language(t) == "vi"}
    for theme in (1, 2):
        assert described[theme].label_language == "vi" and described[theme].quotes_language == "vi"
        assert described[theme].quotes and set(described[theme].quotes) <= vietnamese


# Three concerns in English, each said many ways, as most answers to a question are.
_ENGLISH_CONCERNS = {
    "childcare": ["No one to watch my kids while I work", "Child care is too expensive",
                  "I can't afford daycare for my children", "Need childcare for my baby",
                  "Daycare closes before my shift ends"],
    "bus": ["The bus does not come on time", "No bus to the training center", "Buses stop running at night",
            "The bus takes two hours", "I have no car and the bus is late"],
    "pay": ["The pay is too low", "Wages are too low to live on", "I need a job that pays more",
            "Low salary for hard work", "The pay does not cover rent"],
}
_OPENINGS = ["", "Honestly, ", "For me, ", "Mostly ", "The main thing: ", "Really, "]



def test_a_few_answers_in_other_languages_join_the_themes_of_many_english_ones():
    """Under 5 % of the answers, a Vietnamese, Arabic or Chinese answer is not read by the English model
    as unknown syllables: it takes its place from its nearest English answers in the word table, so it
    lands in the theme of its concern, and the English answers are themed much as they would be without it
    (AMI 0.92 measured: three more points can move the automatic number of themes by one)."""
    english = [(opening + text[0].lower() + text[1:] if opening else text, concern)
               for concern, texts in _ENGLISH_CONCERNS.items() for text in texts for opening in _OPENINGS]
    few = [("Không có ai trông con khi tôi đi làm", "childcare"), ("الحافلة لا تأتي في الوقت المحدد", "bus"),
           ("工资太低了", "pay")]
    texts = [text for text, _ in english + few]
    assert len(few) / len(texts) < 0.05
    result = find_themes(texts, random_state=0)
    assert result.parameters["representation"].startswith("embeddings:wordllama")
    a = result.assignments.set_index("row")
    for i, (_, concern) in enumerate(few, start=len(english)):
        theme = a.loc[i, "theme"]
        members = [english[j][1] for j in a.index[a["theme"] == theme] if j < len(english)]
        assert members and max(set(members), key=members.count) == concern, (texts[i], members)
    alone = find_themes([text for text, _ in english], random_state=0).assignments["theme"].to_numpy()
    with_few = a["theme"].to_numpy()[: len(english)]
    assert adjusted_mutual_info_score(alone, with_few) > 0.85
