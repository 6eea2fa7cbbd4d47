"""Every respondent page, and the public page, in every shipped language without a browser: no English
interface text is left on a page shown in another language, and right-to-left languages say so.

The survey is written in all six languages here (short texts of our own), with one question of each
common type, so any English left on a page can only come from the interface, not from the survey.
"""

from __future__ import annotations

import html
import re

import pytest
from werkzeug.http import HTTP_STATUS_CODES

from feedback.public.strings import STRINGS as PUBLIC_STRINGS
from feedback.respondent.strings import STRINGS as RESPONDENT_STRINGS
from surveys import catalog
from surveys.definition import load_definition
from surveys.i18n import MESSAGES, SUPPORTED_LANGUAGES
from tests.surveys.helpers import make_survey

LANGUAGES = SUPPORTED_LANGUAGES
SLUG = "six-languages"
_TEXTS: dict[str, tuple[str, str, str, str, str, str]] = {
    # key: (en, es, zh-Hans, vi, ar, ht)
    "title": ("Your work", "Su trabajo", "您的工作", "Công việc của bạn", "عملك", "Travay ou"),
    "intro": ("A short survey.", "Una encuesta corta.", "一份简短的调查。", "Một khảo sát ngắn.", "استبيان قصير.",
              "Yon ti sondaj."),
    "first": ("About work", "Sobre el trabajo", "关于工作", "Về công việc", "عن العمل", "Sou travay"),
    "second": ("Your story", "Su historia", "您的故事", "Câu chuyện của bạn", "قصتك", "Istwa ou"),
    "goal": ("What is your goal?", "¿Cuál es su meta?", "您的目标是什么？", "Mục tiêu của bạn là gì?", "ما هو هدفك؟",
             "Ki objektif ou?"),
    "job": ("A job", "Un empleo", "一份工作", "Việc làm", "وظيفة", "Yon travay"),
    "training": ("Training", "Capacitación", "培训", "Đào tạo", "تدريب", "Fòmasyon"),
    "other": ("Something else", "Otra cosa", "其他", "Điều khác", "شيء آخر", "Lòt bagay"),
    "barriers": ("What makes it hard?", "¿Qué lo hace difícil?", "什么让它变难？", "Điều gì gây khó khăn?",
                 "ما الذي يجعل الأمر صعبًا؟", "Kisa ki fè l difisil?"),
    "childcare": ("Childcare", "Cuidado de niños", "托儿", "Giữ trẻ", "رعاية الأطفال", "Gadri"),
    "bus": ("The bus", "El autobús", "公交车", "Xe buýt", "الحافلة", "Bis la"),
    "none": ("Nothing", "Nada", "没有", "Không có gì", "لا شيء", "Anyen"),
    "agree": ("My work is safe.", "Mi trabajo es seguro.", "我的工作很安全。", "Công việc của tôi an toàn.",
              "عملي آمن.", "Travay mwen an san danje."),
    "pay": ("How good is your pay?", "¿Qué tan bueno es su sueldo?", "您的工资怎么样？", "Lương của bạn tốt thế nào?",
            "ما مدى جودة أجرك؟", "Ki jan salè ou ye?"),
    "title_of_job": ("Your job title", "Su puesto", "您的职位", "Chức danh của bạn", "المسمى الوظيفي",
                     "Tit travay ou"),
    "story": ("Tell us more.", "Cuéntenos más.", "请多告诉我们一些。", "Hãy kể thêm cho chúng tôi.", "أخبرنا المزيد.",
              "Di nou plis."),
    "hours": ("How many hours a week?", "¿Cuántas horas por semana?", "每周多少小时？", "Bao nhiêu giờ mỗi tuần?",
              "كم ساعة في الأسبوع؟", "Konbyen èdtan pa semèn?"),
    "hours_help": ("Count every job.", "Cuente todos sus trabajos.", "包括所有工作。", "Tính tất cả công việc.",
                   "احسب كل الأعمال.", "Konte tout travay ou."),
    "started": ("When did you start?", "¿Cuándo empezó?", "您什么时候开始的？", "Bạn bắt đầu khi nào?", "متى بدأت؟",
                "Kilè ou te kòmanse?"),
    "contact": ("May we contact you?", "¿Podemos contactarle?", "我们可以联系您吗？",
                "Chúng tôi có thể liên hệ với bạn không?", "هل يمكننا التواصل معك؟", "Èske nou ka kontakte ou?"),
}


def words(key: str) -> dict[str, str]:
    """The text ``key`` in each of the six languages."""
    return dict(zip(LANGUAGES, _TEXTS[key], strict=True))


def _option(key: str) -> dict:
    return {"key": key, "text": words(key)}


def six_languages_data() -> dict:
    """A survey in all six shipped languages with one question of each common type (two pages)."""
    return {
        "title": words("title"), "intro": words("intro"), "audience": "career_seeker",
        "languages": list(LANGUAGES),
        "sections": [
            {"key": "first", "title": words("first"), "questions": [
                {"key": "goal", "type": "single_choice", "text": words("goal"), "required": True,
                 "options": [_option("job"), _option("training"), _option("other")], "settings": {"other": True}},
                {"key": "barriers", "type": "multiple_choice", "text": words("barriers"),
                 "options": [_option("childcare"), _option("bus"), _option("none")],
                 "settings": {"exclusive": ["none"]}},
                {"key": "agree", "type": "agreement", "text": words("agree")},
                {"key": "pay", "type": "rating", "text": words("pay"), "settings": {"min": 1, "max": 5}},
            ]},
            {"key": "second", "title": words("second"), "questions": [
                {"key": "title_of_job", "type": "short_text", "text": words("title_of_job")},
                {"key": "story", "type": "long_text", "text": words("story")},
                {"key": "hours", "type": "number", "text": words("hours"), "help": words("hours_help"),
                 "required": True, "settings": {"min": 0, "max": 100}},
                {"key": "started", "type": "date", "text": words("started"),
                 "settings": {"min": "2000-01-01", "max": "2030-12-31"}},
                {"key": "contact", "type": "contact", "text": words("contact")},
            ]},
        ],
    }


def make_six_language_survey(slug: str = SLUG):
    """The survey above in the database (flushed), open."""
    return make_survey(load_definition(six_languages_data()), slug=slug)


# -- finding English ---------------------------------------------------------------------------------

_NOT_ENGLISH_WORDS = {"site_name"}  # "Chorus" is a name


def _pattern(english: str) -> re.Pattern[str]:
    """A text with its ``{placeholders}`` matching anything (but at least some words around them)."""
    parts = re.split(r"\{\w+\}", english)
    return re.compile(".{0,200}?".join(re.escape(part.strip()) for part in parts if part.strip()))


ENGLISH: list[tuple[str, re.Pattern[str]]] = [
    (f"respondent:{key}", _pattern(value)) for key, value in RESPONDENT_STRINGS.items()
    if key not in _NOT_ENGLISH_WORDS
] + [(f"answer:{key}", _pattern(value)) for key, value in MESSAGES.items()] + [
    (f"http:{code}", re.compile(re.escape(HTTP_STATUS_CODES[code]))) for code in (400, 404, 429, 500)]
PUBLIC_ENGLISH: list[tuple[str, re.Pattern[str]]] = [
    (f"public:{key}", _pattern(value)) for key, value in PUBLIC_STRINGS.items()]


def _same_in(language: str) -> set[str]:
    """Contexts a translator wrote the same as the English on purpose (Spanish "Error:")."""
    found = catalog.read_catalog(language)
    return set() if found is None else {m.context for m in found if m.id and m.string == m.id}


def english_left(visible: str, language: str, *, public: bool = False) -> list[str]:
    """The English interface texts found in ``visible`` (a page's visible words and accessible names),
    for a page in ``language``; nothing for English pages."""
    if language == "en":
        return []
    same = _same_in(language)
    return [key for key, pattern in ENGLISH + (PUBLIC_ENGLISH if public else [])
            if key not in same and re.search(r"[A-Za-z]{3}", pattern.pattern) and pattern.search(visible)]


def visible_text(page: str) -> str:
    """The words a person sees or hears: text outside tags, plus titles, labels and placeholders."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.DOTALL)
    said = re.findall(r'(?:aria-label|title|alt|placeholder)="([^"]*)"', body)
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join((text + " " + " ".join(said)).split()))


# -- the pages ---------------------------------------------------------------------------------------

@pytest.fixture
def survey(db):
    survey = make_six_language_survey()
    db.session.commit()
    return survey


def every_page(client, language: str) -> dict[str, str]:
    """Every page a respondent can meet, in ``language``: label -> HTML."""
    base = f"/s/{SLUG}"
    pages: dict[str, str] = {}

    def keep(label: str, reply) -> None:
        assert reply.status_code < 500, label
        pages[label] = reply.get_data(as_text=True)

    keep("home", client.get(f"/?lang={language}", follow_redirects=True))
    keep("start", client.get(f"{base}?lang={language}", follow_redirects=True))
    client.post(f"{base}/start?lang={language}")
    keep("page 1", client.get(f"{base}/page/1"))
    keep("page 1 with errors", client.post(f"{base}/page/1", data={"action": "next"}))
    client.post(f"{base}/page/1", data={"q_goal": "job", "q_barriers": ["bus"], "q_agree": "4", "q_pay": "3",
                                        "action": "next"})
    keep("page 2", client.get(f"{base}/page/2"))
    keep("page 2 with errors", client.post(f"{base}/page/2", data={
        "q_hours": "شاعة 12", "q_started": "2031-02-30", "q_contact": "y", "q_contact__email": "no",
        "q_story": "Mi historia", "action": "next"}))
    saved = client.post(f"{base}/page/2", data={"q_hours": "40", "action": "save"})
    saved_page = client.get(saved.location)
    keep("saved", saved_page)
    link = html.unescape(re.search(r'<p class="brk"><a href="([^"]+)"', pages["saved"]).group(1))
    keep("resume", client.get(f"{base}/resume?lang={language}", follow_redirects=True))
    keep("resume with error", client.post(f"{base}/resume?lang={language}", data={"code": "ZZZZ-ZZZZ"}))
    keep("resume link", client.get(link, follow_redirects=True))
    client.post(f"{base}/page/2", data={"q_hours": "40", "action": "submit"})
    keep("thanks", client.get(f"{base}/thanks"))
    keep("closed or sent", client.post(f"{base}/resume", data={"code": re.search(r"code=([A-Z0-9-]+)", link)
                                                               .group(1)}, follow_redirects=True))
    keep("unknown survey", client.get(f"/s/no-such-survey?lang={language}", follow_redirects=True))
    keep("page not found", client.get(f"/no/such/page?lang={language}", follow_redirects=True))
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_on_any_respondent_page(app, survey, language):
    client = app.test_client()
    pages = every_page(client, language)
    found = {label: english_left(visible_text(page), language) for label, page in pages.items()}
    assert {label: keys for label, keys in found.items() if keys} == {}
    for label, page in pages.items():
        lang = re.search(r'<html lang="([\w-]+)"', page).group(1)
        assert lang == language, label
        assert ('dir="rtl"' in page.split(">", 2)[1]) == (language == "ar"), label


def test_the_english_finder_finds_english(app, survey):
    """The check above can fail: the English page holds the texts it looks for."""
    english = every_page(app.test_client(), "en")
    found = {key for page in english.values() for key, pattern in ENGLISH if pattern.search(visible_text(page))}
    assert {"respondent:next", "respondent:required", "respondent:step", "answer:required",
            "respondent:thanks_title"} <= found
