"""Finding what a command names by slug, with a message that says what exists when it is not found."""

from __future__ import annotations

import click

from surveys.models import Organization, Partnership

from ..extensions import db


def partnership_and_organization(partnership_slug: str,
                                 organization_slug: str | None) -> tuple[Partnership, Organization | None]:
    """The partnership ``partnership_slug`` and, when given, its organization ``organization_slug``."""
    partnership = db.session.scalar(db.select(Partnership).where(Partnership.slug == partnership_slug))
    if partnership is None:
        known = ", ".join(db.session.scalars(db.select(Partnership.slug))) or "none yet"
        raise click.ClickException(f"No partnership '{partnership_slug}'. Known partnerships: {known}.")
    if not organization_slug:
        return partnership, None
    organization = next((o for o in partnership.organizations if o.slug == organization_slug), None)
    if organization is None:
        raise click.ClickException(f"No organization '{organization_slug}' in {partnership.slug}.")
    return partnership, organization
