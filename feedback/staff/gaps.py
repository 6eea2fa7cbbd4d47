"""The gap report: employer demand against supply per occupation, with local wages, and its downloads."""

from __future__ import annotations

from flask import abort, render_template
from flask.typing import ResponseReturnValue

from .. import access
from ..extensions import db
from ..models import Role
from ..reports import gaps as gap_reports
from ..services import audit
from .blueprint import bp
from .exports import EXPORT_TYPES, _download


@bp.get("/partnerships/<partnership_slug>/gaps")
def gap_report(partnership_slug: str) -> ResponseReturnValue:
    """Occupations ranked by openings, against people interested or training; every member may see it
    (aggregated and protected)."""
    partnership, membership = access.partnership_access(partnership_slug)
    return render_template("staff/gaps.html", partnership=partnership, page=gap_reports.gap_page(partnership),
                           can_review=membership.role is not Role.PARTNER,
                           can_configure=membership.role is Role.ADMIN,
                           can_act=membership.role is not Role.PARTNER or membership.organization_id is not None)


@bp.get("/partnerships/<partnership_slug>/gaps.<fmt>")
def gap_export(partnership_slug: str, fmt: str) -> ResponseReturnValue:
    """The gap report's table as CSV, Excel or JSON (formula-safe); who downloaded it is recorded."""
    partnership, _ = access.partnership_access(partnership_slug)
    if fmt not in EXPORT_TYPES:
        abort(404)
    frame = gap_reports.gap_download(partnership)
    audit.record_access(partnership.id, "gaps.export", "partnership", partnership.slug, {"format": fmt})
    db.session.commit()
    return _download(frame, fmt, f"{partnership.slug}-occupation-gaps", "Occupation gaps")
