"""Command-line commands, attached to the app's ``chorus`` group."""

from flask import Flask


def register(app: Flask) -> None:
    from .database import demo_command, init_command

    app.cli.add_command(init_command)
    app.cli.add_command(demo_command)
