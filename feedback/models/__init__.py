"""The staff workspace's tables, by concern: accounts, audit, themes. Survey and response storage
lives in ``surveys.models``."""

from .accounts import Membership, Role, User
from .audit import AuditEvent
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
    "AuditEvent",
    "CurationKind",
    "CurationStep",
    "Membership",
    "Role",
    "RunStatus",
    "SplitJob",
    "Theme",
    "ThemeAssignment",
    "ThemeLineage",
    "ThemeRun",
    "User",
]
