"""Small literal answers for the theme engine's tests: no files, no network, no large models."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

CHILDCARE = [
    "No one to watch my kids while I'm in class",
    "Child care is too expensive",
    "childcare during evening classes",
    "I need child care for my two kids",
    "Daycare closes before my class ends",
    "my kids, no babysitter at night",
    "Childcare costs too much for me",
    "Can't find child care for evening classes",
]
TRANSPORT = [
    "I don't have a car and the bus is slow",
    "The bus doesn't run at night",
    "No bus pass, no car",
    "bus pass would help a lot",
    "Transportation, my car broke down",
    "The bus takes two hours each way",
    "no ride to the training center, no bus",
    "Gas money for my car",
]
SCHEDULE = [
    "Classes are during my work shift",
    "My work schedule changes every week",
    "I work full time so day classes don't fit my schedule",
    "Shift work, the schedule conflicts with class",
    "class schedule conflicts with my job",
    "I work nights and the schedule is hard",
]
SPANISH = [
    "No tengo quien cuide a mis hijos",
    "El autobús no llega al centro de capacitación",
    "Necesito clases en la noche porque trabajo de día",
    "La guardería es muy cara para mí",
]
NON_ANSWERS = ["n/a", "", "nothing", "idk", "-", "👍", "asdfgh"]
SPANISH_CHILDCARE = [
    "No tengo quien cuide a mis hijos",
    "La guardería es muy cara",
    "Necesito guardería para mis hijos",
    "No hay guardería en la noche",
    "Mis hijos son pequeños y no tengo niñera",
    "cuidado de niños",
]
SPANISH_TRANSPORT = [
    "El autobús no llega",
    "No tengo carro",
    "El autobús tarda dos horas",
    "No tengo transporte",
    "El camión no pasa en la noche",
    "transporte",
    "El carro se descompuso",
]


@pytest.fixture
def g() -> SimpleNamespace:
    """The literal answer groups by name (tests import nothing from conftest)."""
    return SimpleNamespace(
        CHILDCARE=CHILDCARE,
        TRANSPORT=TRANSPORT,
        SCHEDULE=SCHEDULE,
        SPANISH=SPANISH,
        NON_ANSWERS=NON_ANSWERS,
        SPANISH_CHILDCARE=SPANISH_CHILDCARE,
        SPANISH_TRANSPORT=SPANISH_TRANSPORT,
    )


@pytest.fixture
def answers() -> list[str]:
    """Three clear themes in English, a few Spanish answers and some non-answers, in a fixed order."""
    return CHILDCARE + TRANSPORT + SCHEDULE + SPANISH + NON_ANSWERS


@pytest.fixture
def themed_answers() -> list[str]:
    """The English answers of the three themes only."""
    return CHILDCARE + TRANSPORT + SCHEDULE
