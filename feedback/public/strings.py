"""The words of the public "you said, we did" page, in English and Spanish.

Kept apart from the survey pages' catalogue (:mod:`feedback.respondent.strings`) but built the same
way: a dictionary, a missing Spanish string falls back to English.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "You said, we did",
        "intro": "What people told {partnership} in its surveys, and what the partners are doing about it.",
        "heard": "What we heard",
        "heard_none": "There are no results to share yet. They appear here once enough people have answered.",
        "heard_from_employer": "From employers",
        "heard_from_career_seeker": "From people looking for work or training",
        "heard_from_learner": "From students and trainees",
        "heard_from_incumbent_worker": "From people already working in the industry",
        "heard_from_community": "From community members",
        "theme_share": "{share}% of answers ({count} people)",
        "theme_count": "{count} people",
        "quote": "In their words",
        "privacy": "Numbers are shown only for groups of at least {threshold} people, so no one can be picked out. Smaller themes are not listed.",
        "doing": "What we are doing",
        "doing_none": "No actions are published yet.",
        "status": "Status",
        "status_not_started": "Not started",
        "status_in_progress": "In progress",
        "status_on_hold": "On hold",
        "status_done": "Done",
        "status_dropped": "Dropped",
        "progress": "{percent}% complete",
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
    },
    "es": {
        "title": "Ustedes dijeron, nosotros actuamos",
        "intro": "Lo que la gente le dijo a {partnership} en sus encuestas, y lo que los socios están haciendo al respecto.",
        "heard": "Lo que escuchamos",
        "heard_none": "Todavía no hay resultados para compartir. Aparecen aquí cuando suficientes personas hayan respondido.",
        "heard_from_employer": "De empleadores",
        "heard_from_career_seeker": "De personas que buscan empleo o capacitación",
        "heard_from_learner": "De estudiantes y aprendices",
        "heard_from_incumbent_worker": "De personas que ya trabajan en el sector",
        "heard_from_community": "De miembros de la comunidad",
        "theme_share": "{share}% de las respuestas ({count} personas)",
        "theme_count": "{count} personas",
        "quote": "En sus palabras",
        "privacy": "Solo mostramos números de grupos de al menos {threshold} personas, para que nadie pueda ser identificado. Los temas más pequeños no aparecen.",
        "doing": "Lo que estamos haciendo",
        "doing_none": "Todavía no hay acciones publicadas.",
        "status": "Estado",
        "status_not_started": "Sin empezar",
        "status_in_progress": "En curso",
        "status_on_hold": "En pausa",
        "status_done": "Terminada",
        "status_dropped": "Descartada",
        "progress": "{percent}% completado",
        "due": "Fecha límite: {date}",
        "by": "A cargo de {organization}",
        "because": "Porque nos hablaron de",
        "measures": "Cómo medimos el avance",
        "measures_none": "Todavía no hay medidas compartidas publicadas.",
        "target": "Meta",
        "latest": "Último resultado",
        "baseline": "Punto de partida",
        "direction_up": "Más es mejor",
        "direction_down": "Menos es mejor",
        "no_value": "Todavía sin resultado",
        "point_hidden": "no se muestra, para proteger a un grupo pequeño",
        "take_part": "Dé su opinión en una encuesta abierta",
    },
}


def text(language: str, key: str, **params: object) -> str:
    """The page text ``key`` in ``language`` (English when missing), with ``params`` filled in."""
    value = STRINGS.get(language, {}).get(key) or STRINGS["en"][key]
    return value.format(**params) if params else value
