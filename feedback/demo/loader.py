"""A realistic demo partnership: a regional healthcare sector partnership, its partners, an employer
skill-needs survey and a career-seeker survey, each with two waves of synthetic answers.

Deterministic for a seed and idempotent: objects are looked up by slug before being created, and a
wave that already has responses gets no more.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from surveys.definition import QuestionDefinition, load_template
from surveys.demo import labelled_open_answers, themes
from surveys.demo.people import demo_person
from surveys.models import (
    Answer,
    Organization,
    OrganizationKind,
    Partnership,
    Question,
    Response,
    Survey,
    SurveyStatus,
    Wave,
)
from surveys.question_types import AnswerError, Choices, get_type
from surveys.services import create_survey, definition_of

from ..accounts import add_user, generate_password
from ..extensions import db
from ..models import Role, User
from .loop import load_loop_demo
from .themes import find_demo_themes

PARTNERSHIP = {
    "slug": "tri-county-healthcare",
    "name": "Tri-County Healthcare Careers Partnership",
    "region": "Tri-County Region",
    "sector": "Healthcare",
}

ORGANIZATIONS = [
    ("riverside-medical", "Riverside Regional Medical Center", OrganizationKind.EMPLOYER),
    ("valley-health", "Valley Community Health Clinics", OrganizationKind.EMPLOYER),
    ("sunrise-senior", "Sunrise Senior Living", OrganizationKind.EMPLOYER),
    ("tri-county-wdb", "Tri-County Workforce Development Board", OrganizationKind.WORKFORCE_BOARD),
    ("mesa-college", "Mesa Community College", OrganizationKind.EDUCATION_PROVIDER),
    ("casa-familia", "Casa de Familia Community Center", OrganizationKind.COMMUNITY_ORGANIZATION),
    ("healthcare-assoc", "Regional Healthcare Association", OrganizationKind.INDUSTRY_ASSOCIATION),
]

# (template, slug, owner, responses in wave 1 and 2 at scale 1, share answering in Spanish, link sources)
SURVEYS = [
    ("employer_skill_needs", "healthcare-employer-needs", "healthcare-assoc", (45, 60), 0.05,
     ["healthcare-assoc", "tri-county-wdb", None]),
    ("career_seeker_needs", "healthcare-career-seekers", "tri-county-wdb", (220, 280), 0.25,
     ["tri-county-wdb", "mesa-college", "casa-familia", None]),
]

WAVES = [("Spring 2026", datetime(2026, 3, 2, tzinfo=UTC)),
         ("Fall 2026", datetime(2026, 9, 8, tzinfo=UTC))]
WAVE_DAYS = 42

# The answers each open-ended question gets: a topic of :mod:`surveys.demo` and, to narrow it to one of the
# topic's concerns, one of its themes. A question missing here is an error, never another question's
# answers ("What job would you like to have?" once got "what would help" answers).
TOPIC_BY_QUESTION: dict[str, tuple[str, str | None]] = {
    "job_interest": ("job_interest", None),
    "next_role": ("job_interest", None),
    "barriers_detail": ("career_barriers", None),
    "childcare_detail": ("career_barriers", "childcare"),
    "obstacles_detail": ("career_barriers", None),
    "what_would_help": ("career_help", None),
    "supports_missing": ("career_help", None),
    "hiring_difficulty_detail": ("employer_hiring", None),
    "skill_gaps_detail": ("employer_skills", None),
    "program_change": ("training_change", None),
    "access_detail": ("service_experience", None),
    "make_welcoming": ("service_experience", None),
}

# What people write after choosing "Something else" on a choice question; elsewhere they leave it empty.
OTHER_TOPIC_BY_QUESTION: dict[str, tuple[str, str | None]] = {
    "barriers": ("career_barriers", None),
    "helpful_supports": ("career_help", None),
    "hiring_barriers": ("employer_hiring", None),
    "skills_needed": ("employer_skills", None),
}

# How often the demo's respondents pick options whose order in the template would mislead: the employer
# template serves every sector and lists manufacturing jobs first, but these employers are in healthcare.
OPTION_WEIGHTS: dict[str, dict[str, float]] = {}

# Open answers that follow what the made-up person chose (see surveys.demo.people): their words about the
# job they want are about that job, their story of what makes it hard starts with their main barrier.
PERSON_THEMES: dict[str, str] = {"job_interest": "interest_theme", "barriers_detail": "barrier_theme",
                                 "obstacles_detail": "barrier_theme"}


# What changed by a later wave, for the demo's trend: (wave, question) → (theme, share of answers), tried in
# order. By fall, one career seeker in five names a waitlist for training seats when saying what makes it
# hard: a concern nobody raised in spring (an emerging theme of surveys/demo).
WAVE_CHANGES: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
    ("Fall 2026", "barriers_detail"): (("waitlist", 0.2),),
}

# Demo staff: (email, role, organization slug). Passwords are generated, never written in code.
DEMO_USERS = [
    ("admin@demo.chorus.example", Role.ADMIN, None),
    ("analyst@demo.chorus.example", Role.ANALYST, None),
    ("partner@demo.chorus.example", Role.PARTNER, "casa-familia"),
]


@dataclass
class DemoReport:
    partnership: Partnership
    created_surveys: int = 0
    created_responses: int = 0
    # (email, role, password) for accounts created by this call.
    created_users: list[tuple[str, str, str]] = field(default_factory=list)


def load_demo(seed: int = 2026, scale: float = 1.0, find_themes: bool = False) -> DemoReport:
    """Add whatever part of the demo is missing to the session (flushed, not committed).

    ``find_themes``: also find the career seekers' barrier themes per wave (spring curated, fall read
    against it: :mod:`feedback.demo.themes`), as ``chorus demo`` does; tests mostly leave it off (it runs
    the theme engine).
    """
    rng = random.Random(seed)
    partnership = _get_or_create_partnership()
    report = DemoReport(partnership)
    organizations = {org.slug: org for org in partnership.organizations}
    for slug, name, kind in ORGANIZATIONS:
        if slug not in organizations:
            organizations[slug] = Organization(partnership=partnership, slug=slug, name=name, kind=kind)
            db.session.add(organizations[slug])
    db.session.flush()
    for email, role, organization_slug in DEMO_USERS:
        if db.session.scalar(db.select(User.id).where(User.email == email)) is None:
            password = generate_password()
            add_user(email, partnership, role, password, organizations.get(organization_slug or ""),
                     name=f"Demo {role.value}")
            report.created_users.append((email, role.value, password))

    for template, slug, owner, counts, spanish_share, sources in SURVEYS:
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
        if survey is None:
            survey = create_survey(
                partnership, load_template(template), slug=slug, organization=organizations[owner],
                wave_label=WAVES[0][0],
            )
            survey.move_to(SurveyStatus.OPEN)
            report.created_surveys += 1
        for position, (label, opens) in enumerate(WAVES, start=1):
            wave = next((w for w in survey.waves if w.label == label), None)
            if wave is None:
                wave = Wave(survey=survey, label=label, position=position)
                db.session.add(wave)
            wave.opens_at = opens
            wave.closes_at = opens + timedelta(days=WAVE_DAYS)
            db.session.flush()
            if db.session.scalar(db.select(Response.id).where(Response.wave_id == wave.id).limit(1)):
                continue
            n = max(1, round(counts[position - 1] * scale))
            generator = _ResponseGenerator(rng, survey, wave, spanish_share, sources)
            for index in range(n):
                db.session.add(generator.response(index))
            report.created_responses += n
            db.session.flush()
    if find_themes:
        find_demo_themes(partnership)
    load_loop_demo(partnership)  # actions and shared measures (linked to themes once themes are found)
    return report


def _get_or_create_partnership() -> Partnership:
    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == PARTNERSHIP["slug"]))
    if partnership is None:
        partnership = Partnership(**PARTNERSHIP)
        db.session.add(partnership)
        db.session.flush()
    return partnership


class _ResponseGenerator:
    """Plausible answers for each question; open text drawn per topic ahead of time so the phrase bank's
    variety is spread over the wave.

    Each question's type says what a plausible answer of its kind is
    (:meth:`~surveys.question_types.QuestionType.demo_value`) and stores it; this generator is the
    :class:`~surveys.question_types.DemoDraw` it asks for what only the demo knows: which options these
    people pick, what they write about, and the wave's dates.
    """

    def __init__(self, rng: random.Random, survey: Survey, wave: Wave, spanish_share: float,
                 sources: list[str | None]) -> None:
        self.rng = rng
        self.survey = survey
        self.wave = wave
        self.spanish_share = spanish_share
        self.sources = sources
        self.language = "en"  # of the response being made
        definition = definition_of(survey)
        self.questions: list[tuple[Question, QuestionDefinition]] = [
            (question, definition.question(question.key)) for question in survey.questions]
        self.texts: dict[tuple[str, str | None, str], list[str]] = {}
        for question, _ in self.questions:  # fail before any answer is made, naming what to add
            if get_type(question.type).summary == "text":
                self._topic(question.key)

    def response(self, index: int) -> Response:
        rng = self.rng
        language = "es" if "es" in self.survey.languages and rng.random() < self.spanish_share else "en"
        self.language = language
        self.person = demo_person(self.survey.audience.value, rng, language)
        started = self.wave.opens_at + timedelta(minutes=rng.randrange(WAVE_DAYS * 24 * 60))
        # About one in twelve people leave before the end.
        complete = rng.random() > 0.08
        response = Response(
            survey=self.survey,
            wave=self.wave,
            language=language,
            source=rng.choice(self.sources),
            started_at=started,
            submitted_at=started + timedelta(seconds=rng.randrange(120, 1500)) if complete else None,
            complete=complete,
            idempotency_key=f"demo-{self.wave.label}-{index}",
        )
        values: dict[str, Any] = {}
        last = len(self.questions) if complete else rng.randrange(1, len(self.questions))
        for question, definition in self.questions[:last]:
            condition = definition.condition
            if condition is not None and not condition.is_met(values.get(condition.question)):
                continue
            question_type = get_type(question.type)
            if not question.required and rng.random() < question_type.demo_skip_share:
                continue
            value = self._person_answer(definition)
            if value is None:
                value = question_type.demo_value(definition, self)
            if value is None:
                continue
            values[question.key] = value
            for row in question_type.to_rows(definition, value):
                response.answers.append(Answer(question=question, wave_id=self.wave.id, option_key=row.option_key,
                                               value_text=row.value_text, value_number=row.value_number))
        return response

    def _person_answer(self, question: QuestionDefinition) -> Any:
        """The made-up person's own answer to the question, if they have one this question accepts."""
        value = self.person["answers"].get(question.key)
        if value is None:
            return None
        question_type = get_type(question.type)
        if isinstance(value, Choices) and "other" in value.keys and value.other is None:
            value = Choices(value.keys, self.words(question, other=True))
        try:
            return question_type.clean(question, question_type.to_json(question, value))
        except AnswerError:  # an option this survey does not offer: ask the type instead
            return None

    # --- what the question types ask of the demo (surveys.question_types.DemoDraw) -------------------
    def options(self, question: QuestionDefinition, *, multiple: bool) -> list[str]:
        """One option, earlier ones a little more often; or a few, with this partnership's weights."""
        rng = self.rng
        keys = question.option_keys
        if not keys:
            return []
        if not multiple:
            return [self._weighted_choice(self._offered(question))]
        weights = OPTION_WEIGHTS.get(question.key)
        if weights:
            return self._weighted_sample(keys, weights, rng.choice([1, 1, 2, 2, 3]))
        picked = rng.sample(self._offered(question), k=min(len(keys), rng.choice([1, 1, 2, 2, 3])))
        return self._allowed(question, picked)

    def _offered(self, question: QuestionDefinition) -> list[str]:
        """The options a demo person may pick: "other" only where the demo has words to say after it."""
        keys = question.option_keys
        if "other" in keys and question.settings.get("other") and question.key not in OTHER_TOPIC_BY_QUESTION:
            keys = [key for key in keys if key != "other"]
        return keys or question.option_keys

    @staticmethod
    def _allowed(question: QuestionDefinition, picked: list[str]) -> list[str]:
        """Picks as the form would accept them: an exclusive option ("None of these", "Prefer not to say")
        alone, and no more than ``max_choices``."""
        exclusive = [key for key in picked if key in question.settings.get("exclusive", ())]
        if exclusive and len(picked) > 1:
            others = [key for key in picked if key not in exclusive]
            picked = others or exclusive[:1]
        if "prefer_not_to_say" in picked and len(picked) > 1:
            picked.remove("prefer_not_to_say")
        return picked[: question.settings.get("max_choices", len(picked))]

    def words(self, question: QuestionDefinition, *, other: bool = False) -> str | None:
        """An answer from the question's topic (after "other": from its own topic, if it has one)."""
        if other:
            topic = OTHER_TOPIC_BY_QUESTION.get(question.key)
            return self._text(topic, self.language) if topic else None
        topic, theme = self._topic(question.key)
        theme = self.person.get(PERSON_THEMES.get(question.key, "")) or theme
        theme = self._changed_this_wave(question.key) or (theme if theme in themes().get(topic, ()) else None)
        return self._text((topic, theme), self.language)

    def _changed_this_wave(self, question_key: str) -> str | None:
        """A concern this wave's answers raise more often than the person alone would (see WAVE_CHANGES)."""
        for theme, share in WAVE_CHANGES.get((self.wave.label, question_key), ()):
            if self.rng.random() < share:
                return theme
        return None

    def day(self) -> date:
        """A day within about a year after the wave opens."""
        return self.wave.opens_at.date() + timedelta(days=self.rng.randrange(30, 400))

    def _weighted_choice(self, keys: list[str]) -> str:
        # Earlier options are a little more common, as in real answers; opting out is rarer.
        weights = [1.0 / (1 + i * 0.3) for i in range(len(keys))]
        weights = [w * (0.3 if key == "prefer_not_to_say" else 1) for w, key in zip(weights, keys)]
        return self.rng.choices(keys, weights)[0]

    def _weighted_sample(self, keys: list[str], weights: dict[str, float], k: int) -> list[str]:
        """``k`` different options, each drawn with its weight from those not drawn yet."""
        left = {key: weights.get(key, 1.0) for key in keys}
        picked = []
        while left and len(picked) < k:
            key = self.rng.choices(list(left), list(left.values()))[0]
            picked.append(key)
            del left[key]
        return picked

    @staticmethod
    def _topic(question_key: str) -> tuple[str, str | None]:
        """The topic (and theme) of an open-ended question's answers; an unknown question is an error."""
        topic, theme = TOPIC_BY_QUESTION.get(question_key, (None, None))
        known = themes()
        if topic not in known or (theme is not None and theme not in known[topic]):
            raise ValueError(
                f"The demo has no answers for the open-ended question {question_key!r}: map it in "
                f"TOPIC_BY_QUESTION ({__name__}) to one of the topics {', '.join(known)}, and optionally "
                "to one of that topic's themes."
            )
        return topic, theme

    def _text(self, topic: tuple[str, str | None], language: str) -> str:
        name, theme = topic
        pool = self.texts.setdefault((name, theme, language), [])
        # A concern new this wave (an emerging theme of the topic) is drawn only when asked for by name.
        only = None if theme is None or theme in themes()[name] else {theme: 1.0, **dict.fromkeys(themes()[name], 0.0)}
        while not pool:
            share = 1.0 if language == "es" else 0.0
            pool.extend(text for text, _, drawn in labelled_open_answers(name, 200, self.rng, spanish_share=share,
                                                                         weights=only)
                        if theme is None or drawn in (theme, None))
        return pool.pop()
