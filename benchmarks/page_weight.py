"""Bytes transferred for every respondent page of every built-in template, in both languages.

Each page is counted as a first visit: its HTML plus every stylesheet it links (no scripts, fonts or
images are used). The issue's budget is 30 KB (30,000 bytes) per page; the script exits with status 1
when any page is over it. Gzip sizes are shown for information only.

    python benchmarks/page_weight.py            # table of every page
    python benchmarks/page_weight.py --summary  # the heaviest page per template
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET = 30_000


@dataclass
class Page:
    template: str
    language: str
    name: str
    html: int
    css: int
    gzip: int

    @property
    def total(self) -> int:
        return self.html + self.css


def answers_showing_everything(definition: Any, section: Any, values: dict) -> dict[str, Any]:
    """Form data answering a page so that as many later (conditional) pages as possible appear."""
    from surveys.question_types import field_name
    from surveys.responses import visible_questions

    data: dict[str, Any] = {}
    for question in visible_questions(definition, values, section):
        name = field_name(question)
        settings = question.settings
        if question.type == "multiple_choice":
            keys = [k for k in question.option_keys if k not in settings.get("exclusive", [])]
            data[name] = keys[: settings.get("max_choices", len(keys))]
            if "other" in data[name]:
                data[field_name(question, "other")] = "Something"
        elif question.type == "single_choice":
            data[name] = question.option_keys[0]
        elif question.type in ("agreement", "rating"):
            data[name] = "4"
        elif question.type == "number":
            data[name] = str(settings.get("min", 0) + 1)
        elif question.type == "date":
            data[name] = "2026-05-01"
        elif question.type in ("short_text", "long_text"):
            data[name] = "A few words."
        elif question.type == "occupation":  # a title, confirmed among the matches shown for it
            data.update({name: "CNA", f"{name}__for": "CNA", f"{name}__soc": "31-1131"})
        elif question.type == "occupation_demand":  # one job, every part answered
            job = f"{name}__1_"
            data.update({f"{job}title": "CNA", f"{job}for": "CNA", f"{job}soc": "31-1131", f"{job}openings": "12",
                         f"{job}vacancies": "4", f"{job}pay": "19.50", f"{job}unit": "hour", f"{job}shift": "night",
                         f"{job}cred": [item["key"] for item in settings.get("credentials", [])][:2],
                         f"{job}hard": "yes", f"{job}why": "Nights and weekends", f"{name}__org": "Riverside"})
    return data


def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def measure(client: Any, css_cache: dict[str, int], url: str, response: Any = None) -> tuple[int, int, int]:
    reply = response if response is not None else client.get(url, follow_redirects=True)
    assert reply.status_code in (200, 404), (url, reply.status_code)
    html = reply.get_data()
    css = 0
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        href = href.decode()
        if href not in css_cache:
            with client.get(href) as stylesheet:
                css_cache[href] = len(stylesheet.get_data())
        css += css_cache[href]
    return len(html), css, len(gzip.compress(html))


def run() -> list[Page]:
    from werkzeug.datastructures import MultiDict

    from feedback import create_app
    from surveys.db import db
    from surveys.definition import list_templates, load_template
    from surveys.forms import make_page_form, raw_answers
    from surveys.models import Partnership, Survey, SurveyStatus
    from surveys.responses import clean_answers, visible_questions
    from surveys.services import create_survey, definition_of

    folder = tempfile.mkdtemp(prefix="chorus-weight-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/weight.db", "TESTING": True,
                      "SECRET_KEY": "benchmark", "RATELIMIT_SUBMIT": "100000 per minute", "INSTANCE_PATH": folder})
    pages: list[Page] = []
    css_cache: dict[str, int] = {}
    with app.app_context():
        db.create_all()
        partnership = Partnership(slug="bench", name="Benchmark partnership")
        db.session.add(partnership)
        for name in list_templates():
            survey = create_survey(partnership, load_template(name), slug=name.replace("_", "-"))
            survey.move_to(SurveyStatus.OPEN)
        closed = create_survey(partnership, load_template("learner_feedback"), slug="closed-survey")
        closed.move_to(SurveyStatus.OPEN)
        closed.move_to(SurveyStatus.CLOSED)
        db.session.commit()
        definitions = {name: definition_of(db.session.scalar(
            db.select(Survey).where(Survey.slug == name.replace("_", "-")))) for name in list_templates()}

    # Requests run outside any app context, as in production (each gets its own ``g``).
    for name in list_templates():
        slug = name.replace("_", "-")
        definition = definitions[name]
        for language in definition.languages:
            client = app.test_client()

            def add(page_name: str, url: str, reply: Any = None, *, name: str = name, language: str = language,
                    client: Any = client) -> None:
                pages.append(Page(name, language, page_name, *measure(client, css_cache, url, reply)))

            add("start", f"/s/{slug}?lang={language}")
            token = csrf_token(client.get(f"/s/{slug}?lang={language}", follow_redirects=True).get_data(as_text=True))
            url = client.post(f"/s/{slug}/start", data={"csrf_token": token}).location
            values: dict[str, Any] = {}
            while "/page/" in url:
                number = int(url.rsplit("/", 1)[1])
                section = definition.sections[number - 1]
                add(f"page {number} {section.key}", url)
                errors = client.post(url, data={"action": "next", "csrf_token": token})
                if errors.status_code == 200:
                    add(f"page {number} {section.key} (errors)", url, errors)
                data = {**answers_showing_everything(definition, section, values), "csrf_token": token}
                questions = visible_questions(definition, values, section)
                form_data = MultiDict()
                for key, value in data.items():
                    for item in value if isinstance(value, list) else [value]:
                        form_data.add(key, item)
                with app.test_request_context(method="POST", data=form_data):
                    form = make_page_form(section, questions, language, formdata=form_data)
                    form.meta.csrf = False
                    values.update(clean_answers(definition, raw_answers(form), known=values,
                                                only=[q.key for q in questions]).values)
                is_last = b'value="submit"' in client.get(url).get_data()
                if number == 2 and not is_last:
                    saved = client.post(url, data={**data, "action": "save"}, follow_redirects=False)
                    add("saved (resume code)", saved.location)
                reply = client.post(url, data={**data, "action": "submit" if is_last else "next"})
                url = reply.location
            add("thanks", url)
            add("resume", f"/s/{slug}/resume?lang={language}")
            add("resume (error)", f"/s/{slug}/resume?lang={language}",
                client.post(f"/s/{slug}/resume?lang={language}", data={"code": "ZZZZ-ZZZZ", "csrf_token": token}))
    for language in ("en", "es"):
        client = app.test_client()
        for page_name, url in (("closed survey", "/s/closed-survey"), ("unknown survey", "/s/no-such-survey"),
                               ("home", "/")):
            pages.append(Page("(any)", language, page_name,
                              *measure(client, css_cache, f"{url}?lang={language}")))
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="only the heaviest page per template")
    args = parser.parse_args()
    pages = run()
    print(f"{'TEMPLATE':22} {'LANG':4} {'PAGE':44} {'HTML':>7} {'CSS':>6} {'TOTAL':>7} {'GZIP HTML':>9}")
    shown = pages
    if args.summary:
        heaviest: dict[tuple[str, str], Page] = {}
        for page in pages:
            key = (page.template, page.language)
            if key not in heaviest or page.total > heaviest[key].total:
                heaviest[key] = page
        shown = list(heaviest.values())
    for page in shown:
        flag = "  OVER BUDGET" if page.total > BUDGET else ""
        print(f"{page.template:22} {page.language:4} {page.name[:44]:44} {page.html:7,} {page.css:6,} "
              f"{page.total:7,} {page.gzip:9,}{flag}")
    worst = max(pages, key=lambda p: p.total)
    print(f"\n{len(pages)} pages; heaviest {worst.total:,} bytes ({worst.template} {worst.language} {worst.name}); "
          f"budget {BUDGET:,} bytes per page.")
    return 1 if worst.total > BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
