"""Build the occupation data shipped inside the package from the O*NET and OEWS source files.

The coder must work offline and never read the shared data folder at run time, so this script copies
what it needs into ``analysis/occupations/data/``:

- ``occupations.csv``: one row per SOC 2018 detailed occupation: code, title, and national employment
  (BLS OEWS May 2025), which the coder uses only to break ties between occupations that share a title.
- ``titles.csv.gz``: every O*NET 27.0 occupation title, alternate title and short title, with the SOC
  2018 code it belongs to (the first seven characters of the O*NET-SOC code: ``31-1131.00`` → ``31-1131``).

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
import sys
from collections import defaultdict
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


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


def read_employment(source: Path, codes: set[str]) -> dict[str, int]:
    """National employment per SOC detailed code (OEWS May 2025, all industries).

    OEWS publishes some detailed occupations only inside a broader group (``31-1120`` covers home health
    and personal care aides); such a group's employment is shared equally among its detailed codes.
    Codes OEWS does not publish at all get 0.
    """
    national: dict[str, int] = {}
    with gzip.open(source / "oews_may2025_all_industries.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["area_type"] == "N" and row["employment"].strip():
                national[row["soc_code"]] = int(float(row["employment"]))
    employment = {code: national.get(code, 0) for code in codes}
    missing = [code for code in codes if code not in national]
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for code in missing:
        # Broad group: same first six characters ending in 0 (31-1121 → 31-1120); then minor (31-1100).
        for group in (code[:6] + "0", code[:5] + "00"):
            if group in national:
                by_prefix[group].append(code)
                break
    for group, members in by_prefix.items():
        published = sum(
            national.get(c, 0) for c in codes if c.startswith(group.rstrip("0")) and c in national
        )
        share = max(national[group] - published, 0) // len(members)
        for code in members:
            employment[code] = share
    return employment


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
    return {"occupations": len(occupations), "titles": len(titles)}


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
    print(f"Wrote {counts['occupations']} occupations and {counts['titles']} titles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
