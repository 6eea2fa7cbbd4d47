"""Who answers the demo's surveys: one made-up person (or employer) per response, so that answers hang
together the way real ones do.

Real answers are not independent draws: a Spanish-speaking respondent usually names Spanish as the home
language and Latino as an ethnicity, a mother of young children names childcare far more often than a
man of sixty, and a hospital that finds RNs hard to hire rates hiring as hard and names pay and shifts.
:func:`demo_person` draws such a person for a survey's audience and gives their answers to the questions
it knows (by key), already clean; the demo asks the question types for the rest. Shares are rough
figures for a mid-sized U.S. region's workforce-system customers (not any real survey), chosen so that
every group of the equity lens is present and the smaller ones fall below the suppression threshold
in small waves, as they would.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from ..question_types import Choices
from .occupations import OCCUPATIONS, demo_employer, interest_code

__all__ = ["demo_person"]

AGES = {"under_18": 1, "18_24": 22, "25_34": 30, "35_44": 22, "45_54": 13, "55_64": 8, "65_plus": 2,
        "prefer_not_to_say": 2}
RACES_EN = {"white": 42, "black": 22, "hispanic_latino": 20, "asian": 7, "american_indian": 2,
            "middle_eastern": 2, "pacific_islander": 1}


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _one(key: str, question_keys: Mapping[str, Any]) -> Choices | None:
    """A single choice, when the question has the option."""
    return Choices((key,)) if key in question_keys else None


def _career_person(rng: random.Random, language: str) -> dict[str, Any]:
    spanish = language == "es"
    age = _pick(rng, AGES)
    gender = _pick(rng, {"woman": 72, "man": 24, "non_binary": 1.5, "prefer_not_to_say": 2.5})
    if spanish:
        home = "spanish" if rng.random() < 0.93 else "english"
        races = ["hispanic_latino"] if rng.random() < 0.93 else [_pick(rng, RACES_EN)]
    else:
        home = _pick(rng, {"english": 86, "spanish": 8, "other": 3, "prefer_not_to_say": 3})
        races = [_pick(rng, RACES_EN)]
        if home == "spanish" and races != ["hispanic_latino"] and rng.random() < 0.8:
            races = ["hispanic_latino"]
        if rng.random() < 0.05:  # two or more races
            races.append(_pick(rng, {k: v for k, v in RACES_EN.items() if k not in races}))
    race = ["prefer_not_to_say"] if rng.random() < 0.04 else races
    disability = _pick(rng, {"yes": 12 if age not in ("55_64", "65_plus") else 22, "no": 83, "prefer_not_to_say": 5})
    young = age in ("under_18", "18_24")
    parent_age = age in ("25_34", "35_44")
    barriers = {
        "childcare": 0.55 if gender == "woman" and parent_age else 0.25 if parent_age else 0.08,
        "transportation": 0.45 if young else 0.3,
        "schedule": 0.35, "cost": 0.4 if young else 0.3,
        "language": 0.6 if home == "spanish" else 0.12 if home == "other" else 0.02,
        "digital_access": 0.35 if age in ("55_64", "65_plus") else 0.15 if age == "45_54" else 0.06,
        "disability": 0.6 if disability == "yes" else 0.02,
        "justice_involvement": 0.12 if gender == "man" else 0.04,
        "housing": 0.15 if young else 0.1,
    }
    chosen = [key for key, share in barriers.items() if rng.random() < share]
    if rng.random() < 0.05:
        chosen.append("other")  # in their own words (the demo writes them)
    chosen = sorted(chosen, key=lambda key: -barriers.get(key, 0.0))[:4]  # a person names what weighs most first
    working = _pick(rng, {"full_time": 25, "part_time": 30, "not_working": 45} if not young
                    else {"full_time": 10, "part_time": 40, "not_working": 50})
    interest = interest_code(rng, age=age, spanish=home == "spanish", man=gender == "man")
    return {
        "interest": interest,
        "interest_theme": OCCUPATIONS[interest].interest_theme,
        "barrier_theme": {"digital_access": "digital", "disability": "disability_health",
                          "justice_involvement": "justice"}.get(chosen[0], chosen[0]) if chosen else None,
        # (``other`` names no theme: the loader keeps a theme only when its topic has it)
        "answers": {
            "age_group": Choices((age,)), "gender": Choices((gender,)), "race_ethnicity": Choices(tuple(race)),
            "home_language": Choices((home,)) if home != "other" else None, "disability": Choices((disability,)),
            "barriers": Choices(tuple(chosen)) if chosen else Choices(("none",)),
            "work_status": Choices((working,)),
        },
    }


def _employer_person(rng: random.Random, language: str) -> dict[str, Any]:
    from .occupations import demo_demand

    employer = demo_employer(rng)
    demand = demo_demand(rng, language, _ALL_CREDENTIALS, employer)
    jobs = demand["occupations"]
    hard = [job["hard_to_fill"] for job in jobs if job["hard_to_fill"] is not None]
    hard_share = sum(hard) / len(hard) if hard else 0.5
    # Mostly hard jobs: hiring is hard (1-2 on a 1 = very hard ... 5 = very easy scale).
    ease = max(1, min(5, round(rng.gauss(4.2 - 3.0 * hard_share, 0.7))))
    barriers = {"few_applicants": 0.6, "missing_credentials": 0.25 + 0.4 * hard_share, "missing_skills": 0.3,
                "pay": 0.2 + 0.4 * hard_share, "turnover": 0.35,
                "shifts": 0.55 if any(job["shift"] in ("night", "rotating") for job in jobs) else 0.15,
                "training_seats": 0.3 if employer.setting in ("hospital", "nursing_home") else 0.1,
                "transportation": 0.15, "childcare": 0.15, "screening": 0.12}
    chosen = sorted((key for key, share in barriers.items() if rng.random() < share), key=lambda k: -barriers[k])[:4]
    return {
        "employer": employer,
        "demand": demand,
        "answers": {
            "setting": Choices((employer.setting,)), "business_size": Choices((employer.size,)),
            "your_role": Choices((_pick(rng, {"hr": 65, "manager": 20, "owner": 10, "prefer_not_to_say": 5}),)),
            "hiring_ease": ease,
            # Last year's hires: about this year's openings (turnover keeps them alike), often rounded.
            "hires_last_12_months": _rounded(sum(job["openings"] or 0 for job in jobs)
                                             * rng.uniform(0.6, 1.2) + rng.randint(0, 5), rng),
            "hiring_barriers": Choices(tuple(chosen)) if chosen else None,
        },
    }


def _rounded(number: float, rng: random.Random) -> int:
    """A count as people guess it: small ones exact, larger ones often to the nearest 5 or 10."""
    number = max(0, round(number))
    if number > 20 and rng.random() < 0.6:
        step = 10 if number > 60 else 5
        return round(number / step) * step
    return number


_ALL_CREDENTIALS = ("cna", "rn", "lpn", "cma", "phlebotomy", "pharmacy_tech", "sterile_processing", "emt", "hha",
                    "bls", "acls", "drivers_license")


def demo_person(audience: str, rng: random.Random, language: str) -> dict[str, Any]:
    """A made-up respondent for a survey of ``audience``: ``answers`` (clean values by question key, for
    the questions the person has a view on; the caller keeps only those its survey asks and its options
    allow) and what question types may ask of them (``interest``: an occupation code; ``demand``: an
    employer's per-occupation answer)."""
    if audience == "employer":
        return _employer_person(rng, language)
    if audience in ("career_seeker", "learner", "incumbent_worker", "community"):
        return _career_person(rng, language)
    return {"answers": {}}
