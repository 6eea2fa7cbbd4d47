"""Job titles in people's own words → SOC 2018 occupations, offline, in English and Spanish.

    from analysis.occupations import load_coder

    coder = load_coder()                      # fitted once per process on the data shipped here
    match = coder.code(["CNA - nights"])[0]   # Match(soc_code="31-1131", soc_title="Nursing Assistants", ...)
    coder.suggest("enfermera", n=3)           # candidates for a "Did you mean…?" page
    coder.code_frame(frame["job_title"])      # one row per title: soc_code, soc_title, score, needs_review…
    wages("0031080", "31-1131")               # OEWS employment and wages in an area (None = the nation)

See :mod:`.coder` for how titles are matched and :mod:`.normalize` for what is ignored in them.

This product includes information from the O*NET 27.0 Database by the U.S. Department of Labor,
Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a
trademark of USDOL/ETA.
"""

from .build_data import soc_from_onet
from .coder import (
    ATTRIBUTION,
    Candidate,
    Match,
    OccupationCoder,
    load_coder,
    occupations,
    reference_titles,
    soc_major_group,
)
from .corrections import CorrectedCoder, correction_key
from .normalize import TitleNormalizer
from .wages import (
    NATIONAL,
    NOT_PUBLISHED,
    OEWS_SOURCE,
    Area,
    Wages,
    area_choices,
    area_name,
    areas,
    wages,
    wages_frame,
)

__all__ = [
    "ATTRIBUTION",
    "NATIONAL",
    "NOT_PUBLISHED",
    "OEWS_SOURCE",
    "Area",
    "Candidate",
    "CorrectedCoder",
    "Match",
    "OccupationCoder",
    "TitleNormalizer",
    "Wages",
    "area_choices",
    "area_name",
    "areas",
    "correction_key",
    "load_coder",
    "occupations",
    "reference_titles",
    "soc_from_onet",
    "soc_major_group",
    "wages",
    "wages_frame",
]
