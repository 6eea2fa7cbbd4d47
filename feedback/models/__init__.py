"""The staff workspace's tables, by concern: accounts, audit, themes, the loop (actions, measures,
public quotes), occupation coding and machine credentials (API and device tokens). Survey and
response storage lives in ``surveys.models``."""

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
from .tokens import ApiToken, DeviceToken

__all__ = [
    "Action",
    "ActionOccupation",
    "ActionStatus",
    "ApiToken",
    "AuditEvent",
    "CurationKind",
    "CurationStep",
    "DeviceToken",
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
