"""Believable occupation answers for the demo's healthcare partnership: what employers need (openings,
vacancies, starting pay, shifts, credentials, hard to fill) and which jobs people want or train for.

Pay is drawn around the BLS OEWS May 2025 national figures (median hourly wage; 10th and 90th
percentiles of annual pay over 2,080 hours), copied here once from ``../shared/data/occupations`` (never
read at run time): starting pay sits a little below the median, never outside the published range.
Openings follow the kind of employer (a hospital hires more RNs than a clinic does), in the tens, not
the tens of thousands.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["EMPLOYERS", "OCCUPATIONS", "DemoEmployer", "DemoOccupation", "demo_demand", "demo_interest"]


@dataclass(frozen=True)
class DemoOccupation:
    """One occupation as the demo uses it."""

    soc_code: str
    employer_titles: tuple[str, ...]  # as HR writes them
    seeker_titles: tuple[str, ...]  # as job seekers type them, English
    spanish_titles: tuple[str, ...]
    median_hourly: float  # OEWS May 2025, national
    p10_annual: int
    p90_annual: int
    credentials: Mapping[str, float]  # credential key -> share of employers requiring it
    hard_share: float  # share of employers saying it is hard to fill
    interest_theme: str  # the job_interest theme of the demo's open answers about it

    @property
    def hourly_range(self) -> tuple[float, float]:
        return self.p10_annual / 2080, self.p90_annual / 2080


OCCUPATIONS: dict[str, DemoOccupation] = {o.soc_code: o for o in (
    DemoOccupation("31-1131", ("CNA", "CNA - Nights", "Certified Nursing Assistant", "Nurse Aide", "PCT",
                               "Patient Care Tech"), ("cna", "nursing assistant", "CNA at a hospital"),
                   ("auxiliar de enfermería", "CNA", "asistente de enfermería"), 20.32, 33940, 51980,
                   {"cna": 0.95, "bls": 0.7}, 0.72, "cna"),
    DemoOccupation("29-1141", ("RN", "RN - Med/Surg", "Registered Nurse", "ICU RN", "RN - ER nights",
                               "Charge Nurse"), ("registered nurse", "nurse", "RN"),
                   ("enfermera", "enfermera registrada"), 46.90, 68940, 137470,
                   {"rn": 1.0, "bls": 0.9, "acls": 0.35}, 0.78, "nursing"),
    DemoOccupation("29-2061", ("LPN", "LVN", "Licensed Practical Nurse", "LPN - LTC"), ("lpn", "practical nurse"),
                   ("enfermera práctica", "LPN"), 30.96, 49740, 83440, {"lpn": 1.0, "bls": 0.8}, 0.62, "nursing"),
    DemoOccupation("31-9092", ("Medical Assistant", "MA", "CMA", "Clinical Medical Assistant"),
                   ("medical assistant", "medical assisting", "MA"), ("asistente médico", "asistente medica"),
                   21.97, 36050, 59310, {"cma": 0.6, "bls": 0.6}, 0.42, "medical_assistant"),
    DemoOccupation("31-9097", ("Phlebotomist", "Phlebotomy Tech", "Phlebotomist PRN"), ("phlebotomy",
                   "phlebotomist"), ("flebotomista", "técnico de flebotomía"), 21.75, 35780, 58780,
                   {"phlebotomy": 0.75, "bls": 0.3}, 0.38, "phlebotomy"),
    DemoOccupation("29-2052", ("Pharmacy Tech", "Pharmacy Technician", "CPhT"), ("pharmacy tech",
                   "pharmacy technician"), ("técnico de farmacia",), 22.00, 36020, 61040,
                   {"pharmacy_tech": 0.9}, 0.36, "pharmacy_tech"),
    DemoOccupation("31-9093", ("Sterile Processing Tech", "SPD Tech", "Central Sterile Tech"),
                   ("sterile processing",), ("técnico de esterilización",), 22.93, 36410, 69950,
                   {"sterile_processing": 0.6}, 0.55, "technician"),
    DemoOccupation("37-2012", ("EVS Tech", "Environmental Services Aide", "Housekeeper"), ("housekeeping",
                   "EVS"), ("limpieza", "servicios ambientales"), 17.07, 27640, 48570, {}, 0.4, "undecided"),
    DemoOccupation("29-2042", ("EMT", "EMT-Basic", "Emergency Medical Technician"), ("emt", "EMT"),
                   ("técnico en emergencias médicas", "EMT"), 21.38, 34130, 62500,
                   {"emt": 1.0, "bls": 0.85, "drivers_license": 0.75}, 0.58, "technician"),
    DemoOccupation("31-1121", ("Home Health Aide", "HHA", "Caregiver - Home Health"), ("home health aide",
                   "caregiver"), ("cuidadora en casa", "auxiliar de salud en el hogar"), 17.21, 27040, 45040,
                   {"hha": 0.8, "drivers_license": 0.5}, 0.66, "home_health"),
    DemoOccupation("43-6013", ("Unit Secretary", "Medical Secretary", "Medical Receptionist"),
                   ("medical receptionist", "medical billing"), ("recepcionista en una clínica",),
                   22.08, 35930, 60530, {}, 0.25, "office_billing"),
)}


@dataclass(frozen=True)
class DemoEmployer:
    """A fictional employer of the region: its name as HR types it, the kind of care and its size."""

    names: tuple[str, ...]  # ways the same organization is written
    setting: str  # an option key of the employer template's "setting" question
    size: str  # an option key of "business_size"
    scale: float  # openings relative to a typical employer of its kind


EMPLOYERS: tuple[DemoEmployer, ...] = (
    DemoEmployer(("Riverside Regional Medical Center", "riverside regional medical center"), "hospital",
                 "250_plus", 1.6),
    DemoEmployer(("Mercy General Hospital", "Mercy General Hospital, Inc."), "hospital", "250_plus", 1.2),
    DemoEmployer(("Tri-County Community Hospital",), "hospital", "250_plus", 0.7),
    DemoEmployer(("Valley Community Health Clinics", "Valley Community Health"), "clinic", "50_249", 1.0),
    DemoEmployer(("Mesa Family Medicine",), "clinic", "10_49", 0.4),
    DemoEmployer(("Clínica del Valle", "Clinica del Valle"), "clinic", "10_49", 0.4),
    DemoEmployer(("Eastside Pediatrics",), "clinic", "10_49", 0.3),
    DemoEmployer(("Sunrise Senior Living", "Sunrise Senior Living LLC"), "nursing_home", "50_249", 1.0),
    DemoEmployer(("Lakeside Nursing and Rehab",), "nursing_home", "50_249", 0.9),
    DemoEmployer(("Golden Oaks Care Center",), "nursing_home", "50_249", 0.7),
    DemoEmployer(("Pine Ridge Assisted Living",), "nursing_home", "10_49", 0.4),
    DemoEmployer(("Tri-County Home Care",), "home_care", "50_249", 1.0),
    DemoEmployer(("Comfort Keepers of the Valley",), "home_care", "10_49", 0.5),
    DemoEmployer(("Cuidado en Casa Home Health",), "home_care", "10_49", 0.5),
    DemoEmployer(("County EMS", "Tri-County EMS"), "ems", "50_249", 1.0),
    DemoEmployer(("Valley Ambulance Service",), "ems", "10_49", 0.5),
    DemoEmployer(("Riverside Outpatient Pharmacy",), "pharmacy_lab", "10_49", 0.6),
    DemoEmployer(("Quest Lab Patient Service Center",), "pharmacy_lab", "10_49", 0.5),
)
# How many of each kind answer (hospitals and nursing homes are the partnership's core).
EMPLOYER_WEIGHTS = (3, 3, 2, 3, 2, 1.5, 1, 3, 2.5, 2, 1.5, 2, 1.5, 1, 1.5, 1, 1, 1)

# Per kind of care: (occupation, share of such employers naming it, median openings in 12 months).
NEEDS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "hospital": (("29-1141", 0.95, 45), ("31-1131", 0.85, 30), ("31-9093", 0.35, 6), ("37-2012", 0.45, 12),
                 ("31-9097", 0.35, 6), ("29-2052", 0.3, 5), ("29-2061", 0.2, 6), ("43-6013", 0.2, 4)),
    "nursing_home": (("31-1131", 0.95, 18), ("29-2061", 0.75, 6), ("29-1141", 0.6, 4), ("37-2012", 0.4, 5)),
    "clinic": (("31-9092", 0.95, 8), ("29-1141", 0.4, 2), ("31-9097", 0.35, 2), ("43-6013", 0.45, 3),
               ("29-2061", 0.2, 2)),
    "home_care": (("31-1121", 0.95, 30), ("29-1141", 0.35, 3), ("29-2061", 0.25, 2)),
    "ems": (("29-2042", 0.95, 10),),
    "pharmacy_lab": (("29-2052", 0.6, 5), ("31-9097", 0.6, 6)),
}
SHIFTS: dict[str, tuple[float, float, float, float]] = {  # day, evening, night, rotating
    "hospital": (0.35, 0.15, 0.3, 0.2), "nursing_home": (0.35, 0.25, 0.3, 0.1),
    "clinic": (0.92, 0.08, 0.0, 0.0), "home_care": (0.6, 0.15, 0.1, 0.15), "ems": (0.15, 0.05, 0.15, 0.65),
    "pharmacy_lab": (0.8, 0.15, 0.0, 0.05),
}
WHY_HARD = {
    "en": ("Not enough people with the license", "Agencies and big hospitals pay more", "Nobody wants nights and weekends",
           "People leave within the first year", "The schools have wait lists", "Applicants fail the background check",
           "Too few apply, and many do not show up to the interview"),
    "es": ("No hay suficientes personas con licencia", "Las agencias pagan más", "Nadie quiere trabajar de noche",
           "La gente se va antes de un año", "Las escuelas tienen listas de espera"),
}


def _pay(occupation: DemoOccupation, rng: random.Random) -> float:
    """A starting wage a little below the national median, inside the published 10th–90th range."""
    low, high = occupation.hourly_range
    wage = occupation.median_hourly * rng.uniform(0.84, 1.0) * rng.lognormvariate(0.0, 0.06)
    return round(min(max(wage, low), high) * 4) / 4  # quarters of a dollar, as offers are written


def _counted(median: float, scale: float, rng: random.Random) -> int:
    return max(1, round(median * scale * rng.lognormvariate(0.0, 0.45)))


def demo_employer(rng: random.Random) -> DemoEmployer:
    """One of the region's employers, the larger kinds more often."""
    return rng.choices(EMPLOYERS, EMPLOYER_WEIGHTS)[0]


def demo_demand(rng: random.Random, language: str, credential_keys: Sequence[str],
                employer: DemoEmployer | None = None) -> dict[str, Any]:
    """An employer's answer to the per-occupation block, as an API client would send it (the type
    cleans it, so the demo can only store what the form accepts)."""
    employer = employer or demo_employer(rng)
    needs = [need for need in NEEDS[employer.setting] if rng.random() < need[1]] or [NEEDS[employer.setting][0]]
    rows = []
    for code, _share, median in needs[:5]:
        occupation = OCCUPATIONS[code]
        titles = occupation.spanish_titles if language == "es" and rng.random() < 0.7 else occupation.employer_titles
        openings = _counted(median, employer.scale, rng)
        shift = rng.choices(("day", "evening", "night", "rotating"), SHIFTS[employer.setting])[0]
        hard = rng.random() < min(0.95, occupation.hard_share + (0.1 if shift == "night" else 0.0))
        pay = _pay(occupation, rng)
        yearly = code == "29-1141" and rng.random() < 0.3
        outcome = rng.random()  # confirmed as meant, "none of these", or left unconfirmed
        rows.append({
            "title": rng.choice(titles), "soc_code": code if outcome < 0.93 else None, "confirmed": outcome < 0.96,
            "openings": openings if rng.random() < 0.95 else None,
            "vacancies": max(0, round(openings * rng.uniform(0.1, 0.45))) if rng.random() < 0.85 else None,
            "pay": round(pay * 2080 / 500) * 500 if yearly else pay, "pay_unit": "year" if yearly else "hour",
            "shift": shift if rng.random() < 0.9 else None,
            "credentials": [key for key, share in occupation.credentials.items()
                         if key in credential_keys and rng.random() < share],
            "hard_to_fill": hard if rng.random() < 0.95 else None,
            "hard_to_fill_why": rng.choice(WHY_HARD.get(language, WHY_HARD["en"])) if hard and rng.random() < 0.5
            else None})
    name = rng.choice(employer.names) if rng.random() < 0.85 else ""
    return {"organization": name, "occupations": rows}


# Which jobs people want, by who they are: (occupation, weight) for the young, for those in mid-career
# and for older people, and how Spanish speakers lean (home care, nursing assistants, medical assistants).
INTEREST = {
    "young": {"31-9092": 5, "31-1131": 5, "29-1141": 4, "31-9097": 3, "29-2052": 3, "29-2042": 2,
              "43-6013": 1, "31-9093": 1, "29-2061": 1, "31-1121": 1},
    "middle": {"31-1131": 5, "29-1141": 4, "31-9092": 4, "29-2061": 2.5, "31-1121": 2.5, "43-6013": 2,
               "31-9097": 2, "29-2052": 2, "31-9093": 1, "37-2012": 1, "29-2042": 1},
    "older": {"31-1121": 5, "43-6013": 3, "31-1131": 3, "31-9092": 2, "29-2052": 1.5, "37-2012": 1.5,
              "29-2061": 1, "29-1141": 1},
}
SPANISH_LEAN = {"31-1121": 2.0, "31-1131": 1.5, "31-9092": 1.3, "37-2012": 1.5, "29-1141": 0.7, "29-2042": 0.5}
MEN_LEAN = {"29-2042": 3.0, "31-9093": 2.0, "37-2012": 1.5, "29-2052": 1.3, "31-1121": 0.5}


def interest_code(rng: random.Random, *, age: str | None, spanish: bool, man: bool) -> str:
    """The occupation a person wants, leaning by age, language and gender as in workforce-board data."""
    band = "young" if age in ("under_18", "18_24") else "older" if age in ("55_64", "65_plus") else "middle"
    weights = dict(INTEREST[band])
    for code in weights:
        weights[code] *= (SPANISH_LEAN.get(code, 1.0) if spanish else 1.0) * (MEN_LEAN.get(code, 1.0) if man else 1.0)
    return rng.choices(list(weights), list(weights.values()))[0]


def demo_interest(rng: random.Random, language: str, person: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A person's answer to "Which job do you want?" as an API client would send it; the person's
    ``interest`` code when the demo chose one for them."""
    code = (person or {}).get("interest") or interest_code(rng, age=None, spanish=language == "es", man=False)
    occupation = OCCUPATIONS[code]
    titles = occupation.spanish_titles if language == "es" and rng.random() < 0.8 else occupation.seeker_titles
    text = rng.choice(titles)
    if rng.random() < 0.4:
        text = text.lower()
    outcome = rng.random()
    return {"text": text, "soc_code": code if outcome < 0.88 else None, "confirmed": outcome < 0.94}
