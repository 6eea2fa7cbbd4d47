"""The audit trail: who changed what, and who downloaded which respondents' answers.

Two functions, so a test can tell them apart: :func:`record_audit` belongs to an action (stored by the
action's commit), and :func:`record_access` is the one write a GET request may make — the line saying
that someone downloaded or viewed individual answers, which must never be skipped.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from ..extensions import db
from ..models import AuditEvent


def _actor_id() -> int | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id
    return None


def record_audit(partnership_id: int, action: str, object_type: str, object_id: Any,
                 details: dict[str, Any] | None = None) -> AuditEvent:
    """Add an audit line for a change made by the signed-in person (flushed with the change)."""
    event = AuditEvent(partnership_id=partnership_id, user_id=_actor_id(), action=action,
                       object_type=object_type, object_id=str(object_id), details=details or {})
    db.session.add(event)
    return event


def record_access(partnership_id: int, action: str, object_type: str, object_id: Any,
                  details: dict[str, Any] | None = None) -> AuditEvent:
    """Add an audit line saying who downloaded or viewed individual answers; the GET that calls it
    commits it. The only write a GET request may make."""
    return record_audit(partnership_id, action, object_type, object_id, details)
