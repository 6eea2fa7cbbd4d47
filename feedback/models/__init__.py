"""The staff workspace's tables, by concern: accounts, audit, themes, the loop (actions, measures,
public quotes) and occupation coding. Survey and response storage
lives in ``surveys.models``."""

from .accounts import Membership, Role, User
from .audit import AuditEvent
from .loop import (
    Action,
    ActionOccupation,
    ActionStatus,
    Measure,
    MeasureDirection,
    MeasureKind,
    MeasureValue,
    PublicQuote,
    action_measure,
    action_theme,
)
from .occupations import OccupationCorrection
from .themes import (
    CurationKind,
    CurationStep,
    RunStatus,
    SplitJob,
    Theme,
    ThemeAssignment,
    ThemeLineage,
    ThemeRun,
)

__all__ = [
    "Action",
    "ActionOccupation",
    "ActionStatus",
    "AuditEvent",
    "CurationKind",
    "CurationStep",
    "Measure",
    "MeasureDirection",
    "MeasureKind",
    "MeasureValue",
    "Membership",
    "OccupationCorrection",
    "PublicQuote",
    "Role",
    "RunStatus",
    "SplitJob",
    "Theme",
    "ThemeAssignment",
    "ThemeLineage",
    "ThemeRun",
    "User",
    "action_measure",
    "action_theme",
]
