"""The survey the submission benchmarks answer: the built-in career-seeker template, opened, with one
complete set of answers for the API and the same answers as the web form's pages.

The answers reach every kind of question the template has, both conditional pages and every demographic
question, so a submission stores what a real, thorough respondent's would (21 answer rows).
"""

from __future__ import annotations

from surveys.db import db
from surveys.definition import load_template
from surveys.models import Partnership, SurveyStatus
from surveys.services import create_survey

API_ANSWERS = {
    "main_goal": "better_job", "job_interest": "Nursing assistant", "work_status": "part_time",
    "barriers": ["childcare", "transportation"], "barriers_detail": "The bus stops at 6pm and daycare closes at 5.",
    "childcare_detail": "No spaces for babies near home", "transportation_detail": "no_bus",
    "services_used": ["job_center", "college"], "services_respect": 4, "services_helped": 5, "services_easy": 3,
    "helpful_supports": ["childcare_help", "flexible_hours"], "what_would_help": "Evening classes, please",
    "age_group": "25_34", "gender": "woman", "race_ethnicity": ["hispanic_latino"], "home_language": "spanish",
    "disability": "no",
}
# The same answers as the seven pages' form fields (``q_<key>``), page by page.
FORM_PAGES = [
    {"q_main_goal": "better_job", "q_job_interest": "Nursing assistant", "q_work_status": "part_time"},
    {"q_barriers": ["childcare", "transportation"],
     "q_barriers_detail": "The bus stops at 6pm and daycare closes at 5."},
    {"q_childcare_detail": "No spaces for babies near home", "q_transportation_detail": "no_bus"},
    {"q_services_used": ["job_center", "college"]},
    {"q_services_respect": "4", "q_services_helped": "5", "q_services_easy": "3"},
    {"q_helpful_supports": ["childcare_help", "flexible_hours"], "q_what_would_help": "Evening classes, please"},
    {"q_age_group": "25_34", "q_gender": "woman", "q_race_ethnicity": ["hispanic_latino"],
     "q_home_language": "spanish", "q_disability": "no"},
]
ANSWER_ROWS = 21  # rows one complete submission stores (multiple choices store a row per option)


def build_survey(slug: str = "load") -> str:
    """Add a partnership and the open survey at ``/s/<slug>`` (flushed, not committed); returns the slug."""
    partnership = Partnership(slug=f"{slug}-partnership", name="Load test partnership")
    db.session.add(partnership)
    survey = create_survey(partnership, load_template("career_seeker_needs"), slug=slug)
    survey.move_to(SurveyStatus.OPEN)
    db.session.flush()
    return survey.slug
