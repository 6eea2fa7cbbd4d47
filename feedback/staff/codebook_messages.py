"""Why a codebook cannot be read, in the reader's language.

:func:`analysis.coding.read_codebook` explains a codebook's problems in English (the command line prints
them so, and ``analysis`` knows no reader). The find-themes form says them again through the catalogs by
matching each against the messages ``read_codebook`` writes; one none matches is shown as written.
"""

from __future__ import annotations

import re

from flask_babel import gettext

from surveys.catalog import N_

__all__ = ["codebook_message"]

THE_CODEBOOK = "the codebook"
"""How ``read_codebook`` names pasted text (a file is named by its name)."""
WHERE = r"(?P<where>.+?)"
OF_WHERE = r"of (?P<of_where>.+?)"
NUMBER = r"(?P<{}>\d+)"
_MESSAGES: tuple[tuple[str, str], ...] = (
    (rf"{WHERE} is empty: give a header row 'name,description,examples' and one row per code\.",
     N_("%(where)s is empty: give a header row 'name,description,examples' and one row per code.")),
    (rf"{WHERE} is not a readable CSV file \(near line {NUMBER.format('line')}\): (?P<error>.*)\.",
     N_("%(where)s is not a readable CSV file (near line %(line)s): %(error)s.")),
    ((rf"Row {NUMBER.format('row')} {OF_WHERE} has {NUMBER.format('cells')} cells but the header has "
     rf"{NUMBER.format('header')}: put a cell that holds the separator \((?P<separator>.+)\) in double quotes, like "
     r"\"kids, babies and daycare\"\."),
     N_("Row %(row)s %(of_where)s has %(cells)s cells but the header has %(header)s: put a cell that holds the "
        "separator (%(separator)s) in double quotes, like \"kids, babies and daycare\".")),
    (rf"{WHERE} has no codes: add one row per code under the header 'name,description,examples'\.",
     N_("%(where)s has no codes: add one row per code under the header 'name,description,examples'.")),
    ((rf"{WHERE} has {NUMBER.format('count')} codes; the most a codebook may hold is {NUMBER.format('most')}\. "
     r"Merge related codes or split the codebook by question\."),
     N_("%(where)s has %(count)s codes; the most a codebook may hold is %(most)s. Merge related codes or split the "
        "codebook by question.")),
    ((rf"Row {NUMBER.format('row')} {OF_WHERE} has no name: give the code a name in the '(?P<column>.+)' column "
     r"\(or delete the row\)\."),
     N_("Row %(row)s %(of_where)s has no name: give the code a name in the '%(column)s' column (or delete the "
        "row).")),
    ((rf"Row {NUMBER.format('row')} {OF_WHERE}: the name is {NUMBER.format('length')} characters long; keep it to "
     rf"{NUMBER.format('most')} and put the rest in the description\."),
     N_("Row %(row)s %(of_where)s: the name is %(length)s characters long; keep it to %(most)s and put the rest in "
        "the description.")),
    ((rf"Rows {NUMBER.format('first')} and {NUMBER.format('row')} {OF_WHERE} both name the code (?P<name>.+): give "
     r"each code its own name, or merge the two rows\."),
     N_("Rows %(first)s and %(row)s %(of_where)s both name the code %(name)s: give each code its own name, or "
        "merge the two rows.")),
    ((rf"Row {NUMBER.format('row')} {OF_WHERE} \((?P<name>.+)\) has {NUMBER.format('count')} examples; give at most "
     rf"{NUMBER.format('most')}, separated by '\|' or line breaks\."),
     N_("Row %(row)s %(of_where)s (%(name)s) has %(count)s examples; give at most %(most)s, separated by '|' or "
        "line breaks.")),
    (rf"{WHERE} has no codes: every row is blank\.", N_("%(where)s has no codes: every row is blank.")),
    (r"The codebook has no codes\.", N_("The codebook has no codes.")),
    (r"Two codes share a name; give each code its own name\.", N_("Two codes share a name; give each code its own name.")),
)
MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), msgid) for pattern, msgid in _MESSAGES)


def codebook_message(english: str) -> str:
    """``english`` (a :class:`~analysis.coding.CodebookError`'s message) in the reader's language."""
    for pattern, msgid in MESSAGES:
        found = pattern.fullmatch(english)
        if found:
            values = found.groupdict()
            if "where" in values:
                values["where"] = _where(values["where"])
            if "of_where" in values:
                values["of_where"] = _of_where(values["of_where"])
            return gettext(msgid, **values)
    return english


def _where(where: str) -> str:
    """The codebook opening a sentence: a file by its name, pasted text as "The codebook"."""
    return gettext("The codebook") if where.casefold() == THE_CODEBOOK else where


def _of_where(where: str) -> str:
    """The codebook after "of", as one phrase: Spanish writes "del libro de códigos", never "de el"."""
    return gettext("of the codebook") if where.casefold() == THE_CODEBOOK else gettext("of %(file)s", file=where)
