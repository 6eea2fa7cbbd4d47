"""A realistic demo partnership: a regional healthcare sector partnership, its partners, an employer
skill-needs survey and a career-seeker survey, each with two waves of synthetic answers.

Deterministic for a seed and idempotent: objects are looked up by slug before being created, and a
wave that already has responses gets no more.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from surveys.definition import load_template
from surveys.demo import labelled_open_answers, themes
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
from surveys.services import create_survey

from ..accounts import add_user, generate_password
from ..extensions import db
from ..models import Role, User

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
OPTION_WEIGHTS: dict[str, dict[str, float]] = {
    "critical_jobs": {"patient_care": 6, "nursing": 6, "technicians": 3, "office": 2, "supervisors": 1.5,
                      "it": 1, "other": 1, "drivers": 0.3, "skilled_trades": 0.2, "production": 0.1},
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


def load_demo(seed: int = 2026, scale: float = 1.0) -> DemoReport:
    """Add whatever part of the demo is missing to the session (flushed, not committed)."""
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
    return report


def _get_or_create_partnership() -> Partnership:
    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == PARTNERSHIP["slug"]))
    if partnership is None:
        partnership = Partnership(**PARTNERSHIP)
        db.session.add(partnership)
        db.session.flush()
    return partnership


class _ResponseGenerator:
    """Plausible answers for each question type; open text drawn per topic ahead of time so
    the phrase bank's variety is spread over the wave."""

    def __init__(self, rng: random.Random, survey: Survey, wave: Wave, spanish_share: float,
                 sources: list[str | None]) -> None:
        self.rng = rng
        self.survey = survey
        self.wave = wave
        self.spanish_share = spanish_share
        self.sources = sources
        self.questions: list[Question] = list(survey.questions)
        self.texts: dict[tuple[str, str | None, str], list[str]] = {}
        for question in self.questions:  # fail before any answer is made, naming what to add
            if question.type in ("long_text", "short_text"):
                self._topic(question.key)

    def response(self, index: int) -> Response:
        rng = self.rng
        language = "es" if "es" in self.survey.languages and rng.random() < self.spanish_share else "en"
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
        chosen: dict[str, set[str]] = {}
        last = len(self.questions) if complete else rng.randrange(1, len(self.questions))
        for question in self.questions[:last]:
            if not self._shown(question, chosen):
                continue
            if not question.required and rng.random() < (0.12 if question.type != "long_text" else 0.25):
                continue
            for answer in self._answers(question, language, chosen):
                answer.wave_id = self.wave.id
                response.answers.append(answer)
        return response

    @staticmethod
    def _shown(question: Question, chosen: dict[str, set[str]]) -> bool:
        condition = question.condition
        if not condition:
            return True
        wanted = set(condition.get("any_of") or condition.get("in") or [condition.get("equals")])
        return bool(chosen.get(condition.get("question"), set()) & wanted)

    def _answers(self, question: Question, language: str, chosen: dict[str, set[str]]) -> list[Answer]:
        rng = self.rng
        settings = question.settings or {}
        keys = [option["key"] for option in question.options]
        kind = question.type
        if kind in ("single_choice", "multiple_choice") and keys:
            weights = OPTION_WEIGHTS.get(question.key)
            if kind == "single_choice":
                picked = [self._weighted_choice(keys)]
            elif weights:
                picked = self._weighted_sample(keys, weights, rng.choice([1, 1, 2, 2, 3]))
            else:
                picked = rng.sample(keys, k=min(len(keys), rng.choice([1, 1, 2, 2, 3])))
                if "prefer_not_to_say" in picked and len(picked) > 1:
                    picked.remove("prefer_not_to_say")
            chosen[question.key] = set(picked)
            other = OTHER_TOPIC_BY_QUESTION.get(question.key)
            return [Answer(question=question, option_key=key,
                           value_text=self._text(other, language) if key == "other" and other else None)
                    for key in picked]
        if kind == "agreement":
            return [Answer(question=question, value_number=float(rng.choices(range(1, 6), [1, 2, 3, 5, 4])[0]))]
        if kind in ("rating", "number"):
            low = float(settings.get("min", 0 if kind == "number" else 1))
            high = float(settings.get("max", 100 if kind == "number" else 5))
            value = rng.triangular(low, high, low + (high - low) * 0.65)
            return [Answer(question=question, value_number=float(round(value)))]
        if kind == "date":
            day = self.wave.opens_at.date() + timedelta(days=rng.randrange(30, 400))
            return [Answer(question=question, value_text=day.isoformat())]
        if kind in ("long_text", "short_text"):
            return [Answer(question=question, value_text=self._text(self._topic(question.key), language))]
        return []  # contact details are never invented

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
        while not pool:
            share = 1.0 if language == "es" else 0.0
            pool.extend(text for text, _, drawn in labelled_open_answers(name, 200, self.rng, spanish_share=share)
                        if theme is None or drawn in (theme, None))
        return pool.pop()
