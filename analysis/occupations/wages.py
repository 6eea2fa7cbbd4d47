"""Local employment and wages per occupation (BLS OEWS May 2025), offline.

A partnership weighs an employer's "we pay $17/h for CNAs" against what that job pays in its own region.
BLS Occupational Employment and Wage Statistics (OEWS) publish employment and wages per occupation for
the nation, each state and each metropolitan or nonmetropolitan area; the figures ship inside this
package (``data/oews_*``, made by :mod:`.build_data`).

    from analysis.occupations import wages, area_choices

    w = wages("0031080", "31-1131")   # Nursing Assistants in Los Angeles-Long Beach-Anaheim, CA
    w.employment, w.hourly_median, w.annual_median, w.annual_p10, w.annual_p90
    wages(None, "31-1121")            # national; published as 31-1120 Home Health and Personal Care Aides

Two things a reader of these figures must be told, and :class:`Wages` carries both:

- **Groups.** OEWS publishes a few occupations only as a group (``31-1120`` covers home health aides
  and personal care aides). The group's figures are returned for each member, with ``oews_code`` and
  ``oews_title`` naming the group, so a page can say the figure is for the group.
- **Unpublished figures.** BLS leaves out figures it cannot publish reliably or confidentially (and
  wages above its top value); those are ``None`` here, shown as :data:`NOT_PUBLISHED`, never 0.

OEWS data is in the public domain (U.S. Bureau of Labor Statistics).
"""

from __future__ import annotations

import io
import lzma
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = [
    "HOURS_PER_YEAR",
    "NATIONAL",
    "NOT_PUBLISHED",
    "OEWS_SOURCE",
    "Area",
    "Wages",
    "area_choices",
    "area_name",
    "areas",
    "wages",
    "wages_frame",
]

NATIONAL = "0000000"
"""OEWS area code of the nation (what a partnership without a chosen area sees)."""

NOT_PUBLISHED = "not published"
"""How a figure BLS did not publish is shown: never as 0."""

HOURS_PER_YEAR = 2080
"""Hours in the full-time year BLS uses to turn hourly wages into annual ones."""

OEWS_SOURCE = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2025"
"""Where the figures come from, to print beside them."""

_KINDS = {"N": "nation", "S": "state", "M": "metro"}
_FIGURES = ("employment", "hourly_median", "annual_median", "annual_p10", "annual_p90")


@dataclass(frozen=True)
class Area:
    """An OEWS area: the nation, a state, or a metropolitan or nonmetropolitan area."""

    code: str
    kind: str
    state_code: str
    name: str


@dataclass(frozen=True)
class Wages:
    """OEWS figures for one occupation in one area; ``None`` wherever BLS did not publish a figure.

    Attributes:
        area_code, area_name: the area.
        soc_code, soc_title: the SOC 2018 detailed occupation asked about.
        oews_code, oews_title: what OEWS publishes it under: the same code, or a group holding it
            (``31-1120`` for ``31-1121``); ``None`` when OEWS publishes nothing for the occupation.
        employment: jobs in the area (the group's, when published as a group).
        hourly_median, annual_median: median wage.
        annual_p10, annual_p90: 10th and 90th percentile of annual wages.
    """

    area_code: str
    area_name: str
    soc_code: str
    soc_title: str | None
    oews_code: str | None
    oews_title: str | None
    employment: int | None
    hourly_median: float | None
    annual_median: int | None
    annual_p10: int | None
    annual_p90: int | None

    @property
    def as_group(self) -> bool:
        """The figures are a broader OEWS group's, not this occupation's alone."""
        return self.oews_code is not None and self.oews_code != self.soc_code

    @property
    def published(self) -> bool:
        """At least one figure is published."""
        return any(getattr(self, name) is not None for name in _FIGURES)

    @property
    def hourly_p10(self) -> float | None:
        """The 10th percentile as an hourly wage (annual ÷ 2080, as BLS converts)."""
        return None if self.annual_p10 is None else round(self.annual_p10 / HOURS_PER_YEAR, 2)

    @property
    def hourly_p90(self) -> float | None:
        """The 90th percentile as an hourly wage (annual ÷ 2080, as BLS converts)."""
        return None if self.annual_p90 is None else round(self.annual_p90 / HOURS_PER_YEAR, 2)

    def to_dict(self) -> dict:
        """Plain values (hourly percentiles included), for tables and JSON."""
        return {**asdict(self), "hourly_p10": self.hourly_p10, "hourly_p90": self.hourly_p90,
                "as_group": self.as_group}


def _data(name: str) -> bytes:
    return resources.files("analysis.occupations").joinpath("data", name).read_bytes()


@lru_cache(maxsize=1)
def _areas() -> dict[str, Area]:
    frame = pd.read_csv(io.BytesIO(_data("oews_areas.csv")), dtype=str, keep_default_na=False)
    return {row.area_code: Area(row.area_code, _KINDS.get(row.area_type, row.area_type), row.state_code,
                                row.area_name) for row in frame.itertuples(index=False)}


@lru_cache(maxsize=1)
def _codes() -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(_data("oews_codes.csv")), dtype=str, keep_default_na=False)
    titles = pd.read_csv(io.BytesIO(_data("occupations.csv")), dtype=str, keep_default_na=False)
    frame = titles[["soc_code", "soc_title"]].merge(frame, on="soc_code", how="left").fillna("")
    return frame.set_index("soc_code")


@lru_cache(maxsize=1)
def _figures() -> pd.DataFrame:
    """Every shipped figure, indexed by (area code, OEWS code); NaN where not published."""
    raw = lzma.decompress(_data("oews_wages.csv.xz"))
    frame = pd.read_csv(io.BytesIO(raw), dtype={"area_code": str, "oews_code": str},
                        keep_default_na=False, na_values=[""])
    return frame.set_index(["area_code", "oews_code"]).sort_index()


def areas(kind: str | None = None) -> list[Area]:
    """Every OEWS area (nation, then states, then metro and nonmetro areas, by name), or one ``kind``
    (``"nation"``, ``"state"``, ``"metro"``)."""
    return [a for a in _areas().values() if kind is None or a.kind == kind]


def area_choices() -> list[tuple[str, str]]:
    """(code, label) for a settings form: the nation first, then states, then metro areas."""
    suffix = {"nation": "", "state": " (state)", "metro": ""}
    return [(a.code, a.name + suffix[a.kind]) for a in areas()]


def area_name(code: str | None) -> str:
    """The name of an area code (``None`` is the nation); ``ValueError`` for an unknown code."""
    code = code or NATIONAL
    if code not in _areas():
        raise ValueError(f"Not an OEWS area code: {code!r}")
    return _areas()[code].name


def _number(value: object, kind: type) -> int | float | None:
    return None if value is None or pd.isna(value) else kind(value)


def wages(area: str | None, soc_code: str) -> Wages:
    """OEWS figures for a SOC 2018 detailed occupation in an area (``None`` = the nation).

    Raises:
        ValueError: the area is not an OEWS area, or the code is not a SOC 2018 detailed occupation.
    """
    return _wages(area or NATIONAL, soc_code)


def _wages(area: str, soc_code: str) -> Wages:
    name = area_name(area)
    codes = _codes()
    if soc_code not in codes.index:
        raise ValueError(f"Not a SOC 2018 detailed occupation: {soc_code!r}")
    code = codes.at[soc_code, "oews_code"] or None
    found = None
    if code is not None:
        try:
            found = _figures().loc[(area, code)]
        except KeyError:
            found = None
    values = {name_: found[name_] if found is not None else None for name_ in _FIGURES}
    return Wages(
        area_code=area, area_name=name, soc_code=soc_code, soc_title=codes.at[soc_code, "soc_title"],
        oews_code=code, oews_title=codes.at[soc_code, "oews_title"] or None,
        employment=_number(values["employment"], int),
        hourly_median=_number(values["hourly_median"], float),
        annual_median=_number(values["annual_median"], int),
        annual_p10=_number(values["annual_p10"], int),
        annual_p90=_number(values["annual_p90"], int),
    )


def wages_frame(area: str | None, soc_codes: Iterable[str]) -> pd.DataFrame:
    """:func:`wages` for several occupations as a DataFrame (one row per distinct code, in order);
    codes that are not SOC 2018 detailed occupations are left out."""
    known = _codes().index
    rows = [wages(area, code).to_dict() for code in dict.fromkeys(soc_codes) if code in known]
    columns = [*Wages.__dataclass_fields__, "hourly_p10", "hourly_p90", "as_group"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("employment", "annual_median", "annual_p10", "annual_p90"):
        frame[column] = frame[column].astype("Int64")
    for column in ("hourly_median", "hourly_p10", "hourly_p90"):
        frame[column] = frame[column].astype("Float64")
    return frame
