"""Why a codebook cannot be read, in the reader's language.

:class:`analysis.coding.CodebookError` keeps its English template and values (the command line prints the
English; ``analysis`` knows no reader, and ``make translations`` extracts the templates from its raise
sites). The find-themes form says it through the catalogs, naming the codebook in the reader's words.
"""

from __future__ import annotations

from flask_babel import gettext

from analysis.coding import CodebookError

__all__ = ["codebook_message"]

THE_CODEBOOK = "the codebook"
"""How ``read_codebook`` names pasted text (a file is named by its name)."""


def codebook_message(error: CodebookError) -> str:
    """``error``'s message in the reader's language (English where the catalog lacks it)."""
    values = dict(error.values)
    if "where" in values:
        values["where"] = _where(str(values["where"]))
    if "of_where" in values:
        values["of_where"] = _of_where(str(values["of_where"]).removeprefix("of "))
    return gettext(error.template, **values) if values else gettext(error.template)


def _where(where: str) -> str:
    """The codebook opening a sentence: a file by its name, pasted text as "The codebook"."""
    return gettext("The codebook") if where.casefold() == THE_CODEBOOK else where


def _of_where(where: str) -> str:
    """The codebook after "of", as one phrase: Spanish writes "del libro de códigos", never "de el"."""
    return gettext("of the codebook") if where.casefold() == THE_CODEBOOK else gettext("of %(file)s", file=where)
