"""A staff text ``surveys`` says (an import's error, a validator's finding, a builder problem) that stays
English for the API and the command line and is said in the reader's language on a staff page.

``surveys`` knows no request, so it cannot pick a language: it keeps the English template (marked with
:func:`surveys.catalog.N_` so ``make translations`` extracts it) and the values, and the page that shows the
text passes its own ``gettext`` to :meth:`Message.said`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Self

__all__ = ["Joined", "Message", "said"]


class Message(str):
    """A staff text: the English sentence, as ``str`` (tests, the API and the command line read it so),
    keeping its English ``template`` (``N_``-marked, ``%(name)s`` placeholders) and ``values`` so a staff
    page can say it in the reader's language. A value that is itself a :class:`Message` (a setting's
    label, a reason inside "row 3: …") is translated too."""

    template: str
    values: dict[str, Any]
    lowercase = False
    sentence = False

    def __new__(cls, template: str, /, **values: Any) -> Self:
        self = super().__new__(cls, template % values if values else template)
        self.template, self.values = template, values
        return self

    def _variant(self, english: str, **flags: bool) -> Message:
        made = str.__new__(Message, english)
        made.template, made.values = self.template, self.values
        made.lowercase, made.sentence = self.lowercase, self.sentence
        for name, value in flags.items():
            setattr(made, name, value)
        return made

    def lower(self) -> Message:
        """In lower case in every language (a label inside a sentence: "Question 3, words for the lowest point")."""
        return self._variant(str.lower(self), lowercase=True)

    def as_sentence(self) -> Message:
        """With a capital first letter and a full stop in every language (a validator's "must be a list"
        shown alone beside a field)."""
        return self._variant(_sentence(str(self)), sentence=True)

    def said(self, gettext: Callable[[str], str], language: str = "en") -> str:
        """The sentence in the language of ``gettext`` (English where the catalog lacks it); ``language``
        (its code) serves texts kept by key rather than by English, such as an answer's error."""
        values = {name: said(value, gettext, language) for name, value in self.values.items()}
        text = gettext(self.template)
        text = text % values if values else text
        text = text.lower() if self.lowercase else text
        return _sentence(text) if self.sentence else text


def said(text: Any, gettext: Callable[[str], str], language: str = "en") -> Any:
    """``text`` in the language of ``gettext`` (whose code is ``language``) when it is a :class:`Message`;
    anything else as it is (a name, a number, a text already translated)."""
    return text.said(gettext, language) if isinstance(text, Message) else text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


class Joined(Message):
    """Several texts said one after another (``sheet survey, row 4``), each in the reader's language."""

    parts: tuple[Any, ...]
    separator: str

    def __new__(cls, parts: Iterable[Any], separator: str = ", ") -> Self:
        parts = tuple(parts)
        self = str.__new__(cls, separator.join(str(part) for part in parts))
        self.template, self.values = str(self), {}
        self.parts, self.separator = parts, separator
        return self

    def said(self, gettext: Callable[[str], str], language: str = "en") -> str:
        """Each part in the language of ``gettext``, joined as in English."""
        return self.separator.join(str(said(part, gettext, language)) for part in self.parts)
