"""Command-line commands, attached to the app's ``chorus`` group."""

from flask import Flask


def register(app: Flask) -> None:
    from .database import demo_command, init_command
    from .imports import import_responses_command
    from .occupations import code_occupations_command
    from .surveys import surveys_command
    from .themes import themes_command
    from .users import create_user_command, set_password_command
    from .worker import worker_command
    from .xlsform import import_xlsform_command

    for command in (init_command, demo_command, surveys_command, themes_command, create_user_command,
                    set_password_command, worker_command, code_occupations_command, import_xlsform_command,
                    import_responses_command):
        app.cli.add_command(command)
