"""``chorus import-xlsform``: a form written in KoboToolbox, ODK or Excel becomes a draft Chorus survey.

Every row Chorus cannot map is printed with its sheet, row and column; the import stops unless
``--skip-unmappable`` is given (docs/xlsform.md lists what maps to what).
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from surveys.definition_types import Audience
from surveys.xlsform.importing import MAX_BYTES, read_xlsform

from ..extensions import db
from ..services import ActionRefused
from ..services import surveys as survey_service
from .lookups import partnership_and_organization


def free_slug(stem: str) -> str:
    """A survey address made from the file's name, with ``-2``, ``-3``… when it is taken."""
    base = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:70] or "xlsform"
    base = base if len(base) >= 3 else f"{base}-survey"
    slug, n = base, 2
    while survey_service.slug_problems(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


@click.command("import-xlsform")
@click.argument("form", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partnership", "partnership_slug", required=True, help="Slug of the partnership that owns it.")
@click.option("--organization", "organization_slug", help="Partner organization that runs the survey.")
@click.option("--slug", help="The survey's web address, /s/<slug> (default: made from the file's name).")
@click.option("--audience", type=click.Choice([a.value for a in Audience]),
              help="Who the survey is for (default: the form's chorus_audience setting, else community).")
@click.option("--skip-unmappable", is_flag=True,
              help="Leave out what Chorus cannot map (each problem says what that does) instead of stopping.")
def import_xlsform_command(form: Path, partnership_slug: str, organization_slug: str | None, slug: str | None,
                           audience: str | None, skip_unmappable: bool) -> None:
    """Import an XLSForm (.xlsx or .xls) as a draft survey.

    \b
    For example:
      chorus import-xlsform job_fair.xlsx --partnership tri-county-healthcare
    """
    partnership, organization = partnership_and_organization(partnership_slug, organization_slug)
    if form.stat().st_size > MAX_BYTES:
        raise click.ClickException(f"{form.name} is larger than {MAX_BYTES // (1024 * 1024)} MB; it is not a form.")
    definition, problems = read_xlsform(form.read_bytes(), form.name, skip_unmappable=skip_unmappable,
                                        audience=audience)
    for problem in problems:
        label = ("skipped" if skip_unmappable else "problem") if problem.blocking else "notice"
        click.echo(f"{label}: {problem}")
    if definition is None:
        blocking = sum(1 for p in problems if p.blocking)
        hint = "" if skip_unmappable else " Fix the form, or add --skip-unmappable to leave those parts out."
        raise click.ClickException(f"Nothing imported: {blocking} problem(s) above.{hint}")
    slug = slug or free_slug(form.stem)
    try:
        survey = survey_service.create_draft(partnership, definition, slug=slug, organization=organization,
                                             source="xlsform")
    except ActionRefused as refused:
        raise click.ClickException("; ".join(refused.problems)) from None
    db.session.commit()
    questions = sum(len(section.questions) for section in definition.sections)
    click.echo(f"Created the draft survey {survey.slug}: {len(definition.sections)} pages, {questions} questions, "
               f"in {', '.join(definition.languages)}.")
