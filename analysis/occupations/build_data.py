"""Build the occupation data shipped inside the package from the O*NET and OEWS source files.

The coder must work offline and never read the shared data folder at run time, so this script copies
what it needs into ``analysis/occupations/data/``:

- ``occupations.csv``: one row per SOC 2018 detailed occupation: code, title, and national employment
  (BLS OEWS May 2025), which the coder uses only to break ties between occupations that share a title.
- ``titles.csv.gz``: every O*NET 27.0 occupation title, alternate title and short title, with the SOC
  2018 code it belongs to (the first seven characters of the O*NET-SOC code: ``31-1131.00`` → ``31-1131``).
- ``oews_areas.csv``, ``oews_codes.csv``, ``oews_wages.csv.xz``: BLS OEWS May 2025 employment, median
  hourly and annual wage and the annual 10th and 90th percentiles for the nation, every state and every
  metropolitan and nonmetropolitan area, for the occupations the coder can return (or the OEWS group
  each is published under); figures BLS did not publish are empty, never 0. Read them with
  :func:`analysis.occupations.wages`.

Run it again only when the sources change (for example a new O*NET release)::

    python -m analysis.occupations.build_data /path/to/data/occupations

The folder must hold ``onet27_occupation_data.tsv``, ``onet27_alternate_titles.tsv`` and
``oews_may2025_all_industries.csv.gz`` as described in that folder's README. The hand-written lists
(``abbreviations.csv``, ``curated_titles.csv``, ``spanish_titles.csv``) are kept by people, not built.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import lzma
import sys
from collections import defaultdict
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
OEWS_FILE = "oews_may2025_all_industries.csv.gz"
WAGES_FILE = "oews_wages.csv.xz"
WAGE_COLUMNS = ("employment", "hourly_median", "annual_median", "annual_p10", "annual_p90")
UNPUBLISHED = frozenset({"", "-", "*", "**", "#", "~"})
"""How BLS marks a figure it does not publish (``#`` is a wage above its top published value)."""
AREA_ORDER = {"N": 0, "S": 1, "M": 2}


def soc_from_onet(onet_code: str) -> str:
    """The SOC 2018 detailed code of an O*NET-SOC code (``"29-1141.01"`` → ``"29-1141"``).

    O*NET-SOC 2019 codes are SOC 2018 detailed codes with a two-digit suffix; ``.00`` is the SOC
    occupation itself and other suffixes are O*NET's finer occupations inside it.
    """
    code = onet_code.strip()
    if len(code) < 7 or code[2] != "-" or not (code[:2] + code[3:7]).isdigit():
        raise ValueError(f"Not an O*NET-SOC code: {onet_code!r}")
    return code[:7]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def read_occupations(source: Path) -> dict[str, str]:
    """SOC 2018 code → title, from the ``.00`` rows of O*NET's occupation list (the SOC titles)."""
    titles: dict[str, str] = {}
    for row in _read_tsv(source / "onet27_occupation_data.tsv"):
        if row["O*NET-SOC Code"].endswith(".00"):
            titles[soc_from_onet(row["O*NET-SOC Code"])] = row["Title"].strip()
    return titles


def _published(value: str) -> str:
    """An OEWS cell as written, or "" when BLS did not publish it (``-``, ``*``, ``**``, ``#``, empty):
    a missing figure, never zero."""
    value = value.strip()
    return "" if value in UNPUBLISHED else value


def read_oews(source: Path) -> list[dict[str, str]]:
    """Every OEWS row (nation, states, metro and nonmetro areas), unpublished cells made empty."""
    with gzip.open(source / OEWS_FILE, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in WAGE_COLUMNS:
            row[column] = _published(row.get(column, ""))
    return rows


def oews_codes(rows: list[dict[str, str]], codes: set[str]) -> dict[str, str]:
    """SOC 2018 detailed code → the OEWS code its figures are published under.

    OEWS publishes most detailed occupations under their own code. A few it publishes only as a group
    whose code is not a SOC detailed code, in the same broad group (the first five digits): ``31-1120``
    Home Health and Personal Care Aides holds 31-1121 and 31-1122, ``21-1018`` Substance Abuse,
    Behavioral Disorder, and Mental Health Counselors holds 21-1011 and 21-1014, ``25-2052`` holds
    25-2055 and 25-2056. A code is matched to such a group only when the code has no row of its own; a
    code with neither (legislators, military occupations) is left out: its figures are not published.
    A group is never the minor group above (``11-1000`` Top Executives is not a legislator's wage).
    """
    national = [row for row in rows if row["area_type"] == "N"]
    published = {row["soc_code"] for row in national}
    groups = {row["soc_code"][:6]: row["soc_code"] for row in national
              if row["display_level"] == "3" and row["soc_code"] not in codes}
    mapping = {code: code for code in codes if code in published}
    for code in sorted(codes - published):
        if code[:6] in groups:
            mapping[code] = groups[code[:6]]
    return mapping


def read_employment(source: Path, codes: set[str]) -> dict[str, int]:
    """National employment per SOC detailed code (OEWS May 2025, all industries), for breaking ties.

    A code OEWS publishes only inside a group (see :func:`oews_codes`) gets an equal share of the
    group's employment; codes OEWS does not publish at all get 0.
    """
    rows = read_oews(source)
    mapping = oews_codes(rows, codes)
    national = {row["soc_code"]: int(float(row["employment"])) for row in rows
                if row["area_type"] == "N" and row["employment"]}
    members: dict[str, int] = defaultdict(int)
    for published_as in mapping.values():
        members[published_as] += 1
    return {code: national.get(mapping[code], 0) // members[mapping[code]] if code in mapping else 0
            for code in codes}


def write_wages(rows: list[dict[str, str]], occupations: dict[str, str], out: Path) -> dict[str, int]:
    """Write the OEWS files: areas, the code each occupation is published under, and the figures.

    Only the rows of codes the coder can return (or the groups holding them) are kept, sorted by code
    then area so they compress well; xz keeps the figures for 583 areas under 2.5 MB.
    """
    mapping = oews_codes(rows, set(occupations))
    wanted = set(mapping.values())
    titles = {row["soc_code"]: row["occupation"] for row in rows if row["area_type"] == "N"}
    areas = {row["area_code"]: (row["area_type"], row["state_code"], row["area_name"]) for row in rows}
    with (out / "oews_areas.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area_code", "area_type", "state_code", "area_name"])
        for code, (kind, state, name) in sorted(areas.items(), key=lambda a: (AREA_ORDER.get(a[1][0], 3), a[1][2])):
            writer.writerow([code, kind, state, name])
    with (out / "oews_codes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["soc_code", "oews_code", "oews_title"])
        for code in sorted(mapping):
            writer.writerow([code, mapping[code], titles[mapping[code]]])
    kept = sorted((row for row in rows if row["soc_code"] in wanted),
                  key=lambda row: (row["soc_code"], row["area_code"]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["area_code", "oews_code", *WAGE_COLUMNS])
    writer.writerows([row["area_code"], row["soc_code"], *(row[c] for c in WAGE_COLUMNS)] for row in kept)
    (out / WAGES_FILE).write_bytes(lzma.compress(buffer.getvalue().encode("utf-8"), preset=9))
    return {"oews_areas": len(areas), "oews_rows": len(kept)}


def read_titles(source: Path, occupations: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(SOC code, O*NET-SOC code, kind, title) for every occupation, alternate and short title."""
    rows: set[tuple[str, str, str, str]] = set()
    for row in _read_tsv(source / "onet27_occupation_data.tsv"):
        onet = row["O*NET-SOC Code"].strip()
        rows.add((soc_from_onet(onet), onet, "occupation", row["Title"].strip()))
    for row in _read_tsv(source / "onet27_alternate_titles.tsv"):
        onet = row["O*NET-SOC Code"].strip()
        soc = soc_from_onet(onet)
        rows.add((soc, onet, "alternate", row["Alternate Title"].strip()))
        short = row["Short Title"].strip()
        if short and short != "n/a":
            rows.add((soc, onet, "short", short))
    unknown = {soc for soc, *_ in rows} - set(occupations)
    if unknown:
        raise ValueError(f"Titles for codes without an occupation row: {sorted(unknown)[:5]}")
    return sorted(rows)


def build(source: Path, out: Path = DATA_DIR) -> dict[str, int]:
    """Write ``occupations.csv`` and ``titles.csv.gz`` into ``out``; return how many rows each has."""
    occupations = read_occupations(source)
    employment = read_employment(source, set(occupations))
    titles = read_titles(source, occupations)
    out.mkdir(parents=True, exist_ok=True)
    counts = write_wages(read_oews(source), occupations, out)
    with (out / "occupations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["soc_code", "soc_title", "us_employment_may2025"])
        for code in sorted(occupations):
            writer.writerow([code, occupations[code], employment[code]])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["soc_code", "onet_code", "kind", "title"])
    writer.writerows(titles)
    # mtime=0 keeps the file byte-identical between runs, so a rebuild shows no diff.
    with gzip.GzipFile(out / "titles.csv.gz", "wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    return {"occupations": len(occupations), "titles": len(titles), **counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder holding the O*NET 27.0 and OEWS May 2025 files")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where to write (default: the package)")
    args = parser.parse_args(argv)
    try:
        counts = build(args.source, args.out)
    except FileNotFoundError as exc:
        print(f"Missing source file: {exc.filename}", file=sys.stderr)
        return 1
    print(f"Wrote {counts['occupations']} occupations, {counts['titles']} titles and OEWS figures for "
          f"{counts['oews_areas']} areas ({counts['oews_rows']} rows) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
