"""``chorus import-xlsform`` (being written)."""

import click


@click.command("import-xlsform")
def import_xlsform_command() -> None:
    """Import an XLSForm as a survey (being written)."""
    raise click.ClickException("not written yet")
