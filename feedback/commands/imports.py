"""``chorus import-responses`` (being written)."""

import click


@click.command("import-responses")
def import_responses_command() -> None:
    """Import past answers from another tool (being written)."""
    raise click.ClickException("not written yet")
