"""The ``chorus`` console script: Flask's command group over ``create_app``.

Gives ``chorus run``, ``chorus routes``, ``chorus db upgrade`` and the project's own commands.
"""

from flask.cli import FlaskGroup


def _create_app():
    from . import create_app

    return create_app()


cli = FlaskGroup(create_app=_create_app, help="Chorus: hear your sector partnership's customers.")


def main() -> None:
    cli.main(prog_name="chorus")
