"""The words of the public "you said, we did" page: each text's key and its English.

Kept apart from the survey pages' words (:mod:`feedback.respondent.strings`) but built the same way:
translations come from the gettext catalogs (:mod:`surveys.catalog`, context ``public:<key>``).
"""

from __future__ import annotations

from surveys import catalog

STRINGS: dict[str, str] = {
    "title": "You said, we did",
    "intro": "What people told {partnership} in its surveys, and what the partners are doing about it.",
    "heard": "What we heard",
    "heard_none": "There are no results to share yet. They appear here once enough people have answered.",
    "heard_unshared": "{partnership} has not yet shared what it heard. The main themes will appear here once the partners have read the answers and chosen what to share.",
    "heard_from_wave": "From the answers in {wave}",
    "heard_from_all": "From all the answers",
    "heard_found": "themes found on {date}",
    "heard_from_employer": "From employers",
    "heard_from_career_seeker": "From people looking for work or training",
    "heard_from_learner": "From students and trainees",
    "heard_from_incumbent_worker": "From people already working in the industry",
    "heard_from_community": "From community members",
    "theme_share": "{share} of answers ({count} people)",
    "theme_count": "{count} people",
    "quote": "In their words",
    "privacy": "Numbers are shown only for groups of at least {threshold} people, so no one can be picked out. Each question lists its {top} largest themes, leaving out any of fewer than {threshold} people.",
    "doing": "What we are doing",
    "doing_none": "No actions are published yet.",
    "status": "Status",
    "status_not_started": "Not started",
    "status_in_progress": "In progress",
    "status_on_hold": "On hold",
    "status_done": "Done",
    "status_dropped": "Dropped",
    "progress": "{percent} complete",
    "due": "Due {date}",
    "by": "Led by {organization}",
    "because": "Because people told us about",
    "measures": "How we measure progress",
    "measures_none": "No shared measures are published yet.",
    "target": "Target",
    "latest": "Latest",
    "baseline": "Starting point",
    "direction_up": "Higher is better",
    "direction_down": "Lower is better",
    "no_value": "No result yet",
    "point_hidden": "not shown, to protect a small group",
    "take_part": "Have your say in an open survey",
}


def text(language: str, key: str, **params: object) -> str:
    """The page text ``key`` in ``language`` (English when not translated), with ``params`` filled in."""
    value = catalog.gettext(language, "public", key, STRINGS[key])
    return value.format(**params) if params else value
