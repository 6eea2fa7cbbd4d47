"""``chorus worker``: an RQ worker for background jobs — theme runs and theme splits (needs ``REDIS_URL`` and
the ``[redis]`` extra)."""

from __future__ import annotations

import click
from flask import current_app


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for scripts and tests).")
def worker_command(burst: bool) -> None:
    """Run analysis jobs from Redis. Start one or more on any host that reaches the database."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set REDIS_URL to use workers; without it, jobs run inside the web process.")
    try:
        from redis import Redis
        from rq import Queue, Worker
    except ImportError as error:
        raise click.ClickException("Install the redis extra: pip install 'chorus-voice[redis]'.") from error
    connection = Redis.from_url(url)
    name = current_app.config["RQ_QUEUE"]
    worker = Worker([Queue(name, connection=connection)], connection=connection)
    click.echo(f"Worker listening on {name} at {connection.connection_pool.connection_kwargs.get('host')}")
    worker.work(burst=burst)
