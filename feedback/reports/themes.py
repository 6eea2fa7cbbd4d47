"""A theme report as pages read it: the run's themes, each with its protected numbers (kept on the run by
:mod:`.theme_numbers`), its names and quotes for the reader, its topic and merge suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..models import Theme, ThemeLineage, ThemeRun
from .breakdowns import BreakdownTable, hidden_note, page_hidden_label
from .theme_languages import (
    LanguageShares,
    label_for_reader,
    main_language,
    name_languages,
    quotes_for_reader,
    reader_language,
    sentiment_coverage,
    staff_name,
)
from .theme_numbers import FOLDED, current_cache, draw_chart, protected_sentiment, visible_themes


@dataclass(frozen=True)
class Mentions:
    """How many answers speak of a theme, counting the answers whose second theme it is.

    A theme's size counts answers, each once, in its main theme. An answer the engine found clearly
    about two themes is also a *mention* of its second one, so ``total`` is the size plus ``also``.
    Either is ``None`` when printing it would reveal a small group: ``also`` is shown only when it is
    zero or at least the threshold, since a reader subtracts the size from the mentions.
    """

    total: int | None
    also: int | None

    @property
    def matters(self) -> bool:
        """Whether the mentions differ from the size (some answers mainly about another theme speak of it)."""
        return self.also != 0



@dataclass
class ThemeLine:
    """A theme as the report shows it, with its protected size (``None``: hidden).

    A theme with fewer answers than the threshold is ``folded``: counted only inside the line of
    :data:`FOLDED_LABEL`, with its name listed so staff can merge or move it. ``sentiment`` is kept only
    when it rests on at least ``threshold`` scored answers.
    """

    theme: Theme
    size: int | None
    folded: bool = False
    sentiment: dict[str, Any] | None = None
    mentions: Mentions | None = None
    languages: LanguageShares | None = None

    @property
    def label(self) -> str:
        return self.theme.label

    @property
    def printed_mentions(self) -> int | None:
        """The mentions a download or the API prints: the size where no answer mainly about another theme
        speaks of this one; ``None`` where they are hidden (:attr:`mentions_hidden`) or were never counted
        (a report cached before mentions were)."""
        if self.size is None or self.mentions is None:
            return None
        return self.mentions.total if self.mentions.matters else self.size

    @property
    def mentions_hidden(self) -> bool:
        """Whether the mentions are left out to protect a small group."""
        return self.size is None or (self.mentions is not None and self.mentions.total is None)

    @property
    def reader_label(self) -> tuple[str, str | None]:
        """The theme's name in the reader's language where the engine has one (:func:`label_for_reader`)."""
        return label_for_reader(self.theme, reader_language(), main_language(self.theme.run))

    @property
    def translations(self) -> list[tuple[str, str]]:
        """(language code, name) of the names staff gave the theme for the survey's other languages, in
        the survey's order."""
        return [(code, name) for code in name_languages(self.theme.run.survey)
                if (name := staff_name(self.theme, code))]

    @property
    def reader_quotes(self) -> tuple[list[str], str | None]:
        """The theme's quotes in the reader's language where it has them (:func:`quotes_for_reader`)."""
        return quotes_for_reader(self.theme, reader_language(), main_language(self.theme.run))


@dataclass(frozen=True)
class MergeSuggestion:
    """Two shown themes that look alike: staff may merge ``theme`` into ``target``, or keep them apart.

    Found when the run finished and after each curation (:func:`feedback.theme_descriptions.describe_again`); the
    report only reads them. No number goes with it.
    """

    theme: Theme
    target: Theme


@dataclass(frozen=True)
class TopicGroup:
    """Related themes under one heading (the engine's topic), in the report's order.

    A topic prints no number, neither its size nor its share: its total beside the shown sizes of its
    themes would give away, by subtraction, the size of a theme the report hides. ``other``: the themes
    no topic holds (Other answers, and themes a split made after the topics were found).
    """

    label: str
    lines: list[ThemeLine]
    other: bool = False
    language: str | None = None  # the language the engine named the topic in (None: Chorus's own words)


def topic_groups(run: ThemeRun, lines: list[ThemeLine]) -> list[TopicGroup]:
    """The shown themes grouped under the run's topics (``parameters["topics"]``, theme ids); ``[]`` when
    the run has none or curation left no topic with a shown theme. A theme is listed once, under the
    first topic naming it; one no topic names goes under "Other themes"."""
    stored = (run.parameters or {}).get("topics")
    if not isinstance(stored, list):
        return []
    placed: set[int] = set()
    groups = []
    for topic in stored:
        ids = topic.get("themes") if isinstance(topic, dict) else None
        if not isinstance(ids, list):
            continue
        members = [line for line in lines if line.theme.id in ids and line.theme.id not in placed]
        placed.update(line.theme.id for line in members)
        if members:
            named = bool(topic.get("label"))
            groups.append(TopicGroup(str(topic.get("label") or _("Topic")), members,
                                     language=main_language(run) if named else None))
    if not groups:
        return []
    rest = [line for line in lines if line.theme.id not in placed]
    if rest:
        groups.append(TopicGroup(_("Other themes"), rest, other=True))
    return groups


@dataclass
class ThemeReport:
    """Everything a theme report prints, already protected."""

    run: ThemeRun
    themes: list[ThemeLine]  # shown, largest first; folded lines last
    hidden: list[ThemeLine]  # marked "not useful"
    answered: int | None  # answers in themes, None when hidden
    non_answers: int | None  # None when fewer than the threshold (or none)
    threshold: int
    folded_size: int | None = None
    tables: list[BreakdownTable] = field(default_factory=list)
    draw_chart: Callable[[], str] = field(default=lambda: "", repr=False)
    suggestions: list[MergeSuggestion] = field(default_factory=list)

    @cached_property
    def chart(self) -> str:
        """The themes' chart as SVG, drawn on first use: a page that shows none (the public page) never
        pays for drawing it in a language the cache does not keep."""
        return self.draw_chart()

    @property
    def folded_label(self) -> str:
        """:data:`FOLDED_LABEL` in the reader's language."""
        return _("Other answers and smaller themes")

    @property
    def hidden_label(self) -> str:
        return page_hidden_label()

    @property
    def hidden_note(self) -> str:
        return hidden_note(self.threshold)

    @property
    def any_hidden(self) -> bool:
        """Whether the theme list shows :data:`HIDDEN_LABEL` anywhere (so its footnote is needed)."""
        return (self.answered is None or any(line.size is None for line in self.themes + self.hidden)
                or any(line.mentions is not None and line.mentions.total is None for line in self.counted)
                or (bool(self.folded) and self.folded_size is None))

    @property
    def any_mentions(self) -> bool:
        """Whether some shown theme is also the second theme of answers mainly about another one, so the
        report must say that sizes count answers and show mentions beside them."""
        return any(line.mentions is not None and line.mentions.matters for line in self.counted)

    @property
    def folded_text(self) -> str:
        return page_hidden_label() if self.folded_size is None else str(self.folded_size)

    @property
    def counted(self) -> list[ThemeLine]:
        return [line for line in self.themes if not line.folded]

    @property
    def folded(self) -> list[ThemeLine]:
        return [line for line in self.themes + self.hidden if line.folded]

    @property
    def all_themes(self) -> list[Theme]:
        return [line.theme for line in self.themes + self.hidden]

    @property
    def topics(self) -> list[TopicGroup]:
        """The shown themes under their topics (no number per topic); ``[]``: list them plainly."""
        return topic_groups(self.run, self.themes)

    @property
    def reader(self) -> str:
        """The language the page is read in (labels and quotes in another one are marked with ``lang``)."""
        return reader_language()

    @property
    def name_languages(self) -> list[str]:
        """The languages staff may name a theme in beside its name (:func:`name_languages`)."""
        return name_languages(self.run.survey)

    @property
    def sentiment_coverage(self) -> str:
        """Which answers sentiment is read for, in the reader's language (:func:`sentiment_coverage`)."""
        return sentiment_coverage(self.run.parameters, self.threshold, self.answered)

    def suggestion_for(self, theme: Theme) -> MergeSuggestion | None:
        """The merge suggested for ``theme`` (it is the one to merge into another), if any."""
        return next((s for s in self.suggestions if s.theme.id == theme.id), None)

    def share(self, size: int | None) -> float | None:
        """A protected size's share of all answers in themes; ``None`` when either is hidden."""
        return size / self.answered if size is not None and self.answered else None


def theme_report(run: ThemeRun) -> ThemeReport:
    """Everything a theme report shows, from the stored run (the engine is not re-run). Never writes.

    The protected numbers and the chart come from :func:`.theme_numbers.current_cache`: kept on the run,
    since counting 100,000 answers takes seconds while the page must render in well under one.
    """
    threshold = run.survey.partnership.small_cell_threshold
    return _report_from(run, current_cache(run, threshold), threshold)


def _report_from(run: ThemeRun, cache: dict[str, Any], threshold: int) -> ThemeReport:
    _load_lineages(run)
    folded = set(cache["folded"])
    mentions = cache.get("mentions", {})
    languages = cache.get("languages", {})
    lines = []
    for theme in visible_themes(run):
        key = str(theme.id)
        counted = None if key in folded or key not in mentions else Mentions(**mentions[key])
        lines.append(ThemeLine(theme, size=None if key in folded else cache["sizes"].get(key), folded=key in folded,
                               sentiment=None if key in folded else protected_sentiment(theme, threshold),
                               mentions=counted, languages=_shares(languages.get(key))))
    return ThemeReport(
        run=run,
        themes=[line for line in lines if not line.theme.hidden and not line.folded]
        + [line for line in lines if not line.theme.hidden and line.folded],
        hidden=[line for line in lines if line.theme.hidden],
        answered=cache["answered"],
        non_answers=cache["non_answers"],
        threshold=threshold,
        folded_size=cache["sizes"].get(FOLDED) if folded else None,
        tables=[BreakdownTable(**table) for table in cache["tables"]],
        draw_chart=(lambda: cache["chart"]) if reader_language() == "en"
        else (lambda: draw_chart(run, cache, visible_themes(run))),
        suggestions=_merge_suggestions(run),
    )


def _load_lineages(run: ThemeRun) -> None:
    """Every theme's lineage (its names in other languages) in one query, not one per theme."""
    themes = [t for t in run.themes if t.lineage_id is not None and "lineage_row" not in sa.inspect(t).dict]
    rows = {row.id: row for row in db.session.scalars(
        sa.select(ThemeLineage).where(ThemeLineage.id.in_({t.lineage_id for t in themes})))} if themes else {}
    for theme in themes:
        set_committed_value(theme, "lineage_row", rows.get(theme.lineage_id))


def _shares(cached: dict[str, Any] | None) -> LanguageShares | None:
    if not cached:
        return None
    return LanguageShares([(str(code), share) for code, share in cached["named"]], bool(cached["other"]),
                          cached["other_share"])


def _merge_suggestions(run: ThemeRun) -> list[MergeSuggestion]:
    """The run's stored merge suggestions whose two themes are both still shown (not merged, split,
    hidden or Other)."""
    shown = {t.id: t for t in run.themes if not (t.retired or t.hidden or t.other)}
    return [MergeSuggestion(shown[pair["theme"]], shown[pair["target"]])
            for pair in run.merge_suggestions or []
            if pair.get("theme") in shown and pair.get("target") in shown]


