"""Load and zero-loss benchmark: Chorus under gunicorn against the bare-insert ceiling, on SQLite and
PostgreSQL, then a reconciliation of every submission.

For each database this starts Chorus (``gunicorn "feedback:create_app()"``, several sync workers) and,
on the same database, a minimal Flask app that only inserts a row (``benchmarks/load_ceiling.py``, the
ceiling), both on loopback, and drives them with one asyncio client (aiohttp):

1. **soak**: API submissions at a fixed 50 per second (ODK Central's soak); every one must succeed;
2. **ceiling**, **api**, **web**: closed loops of 50 concurrent clients, each phase as long — the
   ceiling's inserts, Chorus's API submissions (an ``Idempotency-Key`` each, 5 % deliberately sent
   again, which must answer the same id), and whole web-form submissions (start page, CSRF token, every
   page fetched and posted, "Send");
3. **mixed**: 200 concurrent clients, half API, half web form (``--kill-worker`` SIGKILLs a Chorus worker
   half-way; ``--restart-postgres`` restarts the PostgreSQL server half-way, with ``pg_ctlcluster … restart
   -m fast``, which drops every connection; clients retry a failed request as a phone would, with the
   same key or the same session).

Then every submission is reconciled against the database: each carries a unique marker (its idempotency
key, typed into a text answer too), so an acknowledged submission stored once, one stored twice, one
lost and a stored response nobody sent are all told apart. It prints throughput and p50/p95/p99 per
phase, the ratio of Chorus's API and web-form request rates to the ceiling's (50 concurrent) and of
their server CPU per request, open database connections (while serving and after the servers stop),
whether three downloads of the survey's responses (CSV, JSON) are byte-identical, and ends with one line
per database::

    db=sqlite submitted=N acknowledged=N stored=N lost=0 duplicated=0 ratio=0.81 p99_ms=120 soak_success=100.0

(``ratio`` and ``p99_ms``: the API phase at 50 concurrent.) SQLite lives in a temporary folder;
PostgreSQL gets a throwaway database ``chorus_load_<pid>`` on ``--postgres`` (default: the local
server), dropped at the end.

    python benchmarks/load.py [--quick] [--db sqlite,postgres] [--seconds 30] [--workers 2] [--kill-worker]
                              [--restart-postgres]

Needs the ``[serve]`` extra (gunicorn) and aiohttp (``[dev]``); PostgreSQL needs ``[postgres]``. The
client runs on the same machine as the servers, so on a small machine it takes CPU from them: compare
ratios measured in one run, not figures across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_survey import API_ANSWERS, FORM_PAGES

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
MARKED = "job_interest"  # the text answer that carries each submission's marker
RETRIES = 6  # a failed request is sent again this many times (a phone retrying)


# -- what the client saw ------------------------------------------------------------------------------

@dataclass
class Submission:
    """One logical submission: an API request (sent again on failure, same key) or a web-form run."""

    kind: str  # "api" | "web"
    marker: str
    acknowledged_id: str | None = None  # API: the id answered; web: "thanks" once "Send" was answered
    replay_mismatch: bool = False

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_id is not None


@dataclass
class Phase:
    name: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)  # seconds, one per answered request
    statuses: Counter = field(default_factory=Counter)
    failures: int = 0  # requests that got no answer (connection refused or reset, timeout)
    started: float = 0.0
    elapsed: float = 0.0
    server_cpu: float = 0.0  # CPU seconds the server's workers spent during the phase
    submissions: list[Submission] = field(default_factory=list)

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.server_cpu / len(self.latencies) if self.latencies else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    def line(self) -> str:
        acknowledged = sum(s.acknowledged for s in self.submissions)
        return (f"phase={self.name} concurrency={self.concurrency} requests={len(self.latencies)} "
                f"rps={self.rate:.0f} p50_ms={self.percentile(0.50):.0f} p95_ms={self.percentile(0.95):.0f} "
                f"p99_ms={self.percentile(0.99):.0f} server_cpu_ms_per_request={self.cpu_ms_per_request:.1f} "
                f"submissions={len(self.submissions)} "
                f"acknowledged={acknowledged} failed_requests={self.failures} "
                f"statuses={dict(sorted(self.statuses.items()))}")


@dataclass(frozen=True)
class Reconciliation:
    submitted: int
    acknowledged: int
    stored: int
    lost: int  # acknowledged, but not stored (or stored under another id)
    duplicated: int  # stored more than once, or stored without anyone sending it
    unacknowledged_stored: int  # sent, no answer reached the client, stored once: allowed (a retry finds it)


def reconcile(submissions: Iterable[Submission], stored: Iterable[tuple[str | None, str]]) -> Reconciliation:
    """Every acknowledged submission stored exactly once, nothing else stored.

    Args:
        submissions: what the client sent (its markers are unique).
        stored: ``(marker, public id)`` of every complete response in the survey.
    """
    submissions = list(submissions)
    stored = list(stored)
    ids_by_marker: dict[str | None, list[str]] = {}
    for marker, public_id in stored:
        ids_by_marker.setdefault(marker, []).append(public_id)
    sent = {s.marker for s in submissions}
    lost = duplicated = unacknowledged = 0
    for submission in submissions:
        ids = ids_by_marker.get(submission.marker, [])
        duplicated += max(0, len(ids) - 1)
        if submission.acknowledged:
            api_id_differs = submission.kind == "api" and ids and submission.acknowledged_id not in ids
            lost += not ids or api_id_differs or submission.replay_mismatch
        elif ids:
            unacknowledged += 1
    duplicated += sum(len(ids) for marker, ids in ids_by_marker.items() if marker not in sent)
    return Reconciliation(submitted=len(submissions), acknowledged=sum(s.acknowledged for s in submissions),
                          stored=len(stored), lost=lost, duplicated=duplicated, unacknowledged_stored=unacknowledged)


# -- the client ---------------------------------------------------------------------------------------

class Client:
    """Requests with timing and retries, recorded into the current phase."""

    def __init__(self, aiohttp, base: str, ceiling: str, slug: str) -> None:
        self.aiohttp = aiohttp
        self.base, self.ceiling, self.slug = base, ceiling, slug
        self.connector = aiohttp.TCPConnector(limit=0, force_close=False)
        self.timeout = aiohttp.ClientTimeout(total=60)
        self.shared = aiohttp.ClientSession(connector=self.connector, connector_owner=False, timeout=self.timeout,
                                            cookie_jar=aiohttp.DummyCookieJar())
        self.phase: Phase | None = None

    async def close(self) -> None:
        await self.shared.close()
        await self.connector.close()

    def browser(self):
        """A session of its own (cookies for 127.0.0.1 included), as one person's phone."""
        return self.aiohttp.ClientSession(connector=self.connector, connector_owner=False, timeout=self.timeout,
                                          cookie_jar=self.aiohttp.CookieJar(unsafe=True))

    async def request(self, session, method: str, url: str, **kwargs) -> tuple[int, dict, str] | None:
        """One request, sent again after a failure or a 5xx; ``None`` when every try failed."""
        for attempt in range(RETRIES):
            started = time.perf_counter()
            try:
                async with session.request(method, url, allow_redirects=False, **kwargs) as reply:
                    text = await reply.text()
                    self.phase.latencies.append(time.perf_counter() - started)
                    self.phase.statuses[reply.status] += 1
                    if reply.status < 500:
                        return reply.status, dict(reply.headers), text
            except (TimeoutError, self.aiohttp.ClientError):
                self.phase.failures += 1
            await asyncio.sleep(0.1 * 2 ** attempt)
        return None

    async def ceiling_insert(self) -> None:
        marker = f"ceiling-{secrets.token_hex(8)}"
        await self.request(self.shared, "POST", f"{self.ceiling}/insert", json={"answers": API_ANSWERS},
                           headers={"Idempotency-Key": marker})

    async def api_submission(self, retry_share: float = 0.05) -> None:
        submission = Submission("api", f"api-{secrets.token_hex(8)}")
        self.phase.submissions.append(submission)
        body = {"answers": {**API_ANSWERS, MARKED: submission.marker}, "language": "en"}
        headers = {"Idempotency-Key": submission.marker}
        url = f"{self.base}/api/v1/surveys/{self.slug}/responses"
        done = await self.request(self.shared, "POST", url, json=body, headers=headers)
        if done is None or done[0] != 201:
            return
        submission.acknowledged_id = _json_id(done[2])
        if random.random() < retry_share:  # the phone never saw the answer and sends it again
            again = await self.request(self.shared, "POST", url, json=body, headers=headers)
            if again is None or again[0] != 201 or _json_id(again[2]) != submission.acknowledged_id \
                    or again[1].get("Idempotent-Replayed") != "true":
                submission.replay_mismatch = True

    async def web_submission(self) -> None:
        """Start page, start, then every page: fetched (its CSRF token) and posted; the last with "Send"."""
        submission = Submission("web", f"web-{secrets.token_hex(8)}")
        async with self.browser() as browser:
            start = await self.request(browser, "GET", f"{self.base}/s/{self.slug}")
            if start is None or start[0] != 200:
                return
            token = _token(start) or ""  # none when the app runs without CSRF (tests)
            begun = await self.request(browser, "POST", f"{self.base}/s/{self.slug}/start",
                                       data={"csrf_token": token, "src": ""})
            if begun is None or begun[0] != 302:
                return
            self.phase.submissions.append(submission)  # from here on, the answers are on their way
            for number, page in enumerate(FORM_PAGES, start=1):
                url = f"{self.base}/s/{self.slug}/page/{number}"
                shown = await self.request(browser, "GET", url)
                token = _token(shown) or token
                data = {**page, "csrf_token": token, "action": "submit" if number == len(FORM_PAGES) else "next"}
                if number == 1:
                    data[f"q_{MARKED}"] = submission.marker
                posted = await self.request(browser, "POST", url, data=_form(data))
                if posted is None or posted[0] != 302:
                    return
            if posted[1].get("Location", "").endswith(f"/s/{self.slug}/thanks"):
                submission.acknowledged_id = "thanks"


def _json_id(text: str) -> str | None:
    match = re.search(r'"id":\s*"([0-9a-f]+)"', text)
    return match.group(1) if match else None


def _token(reply: tuple[int, dict, str] | None) -> str | None:
    match = CSRF.search(reply[2]) if reply else None
    return match.group(1) if match else None


def _form(data: dict) -> list[tuple[str, str]]:
    return [(key, item) for key, value in data.items()
            for item in (value if isinstance(value, list) else [value])]


async def closed_loop(client: Client, phase: Phase, seconds: float, pick: Callable[[], Awaitable[None]],
                      server: subprocess.Popen | None = None) -> None:
    """``phase.concurrency`` clients, each starting its next submission as soon as the last one ends."""
    client.phase = phase
    deadline = time.perf_counter() + seconds

    async def user() -> None:
        while time.perf_counter() < deadline:
            await pick()

    cpu = cpu_seconds(server)
    phase.started = time.perf_counter()
    await asyncio.gather(*(user() for _ in range(phase.concurrency)))
    phase.elapsed = time.perf_counter() - phase.started
    phase.server_cpu = cpu_seconds(server) - cpu
    print(phase.line(), file=sys.stderr, flush=True)


async def exercise(base: str, slug: str, *, api: int, web: int, replay_share: float = 0.2) -> Phase:
    """A few API and web-form submissions side by side (what the test suite runs against a served app)."""
    import aiohttp

    client = Client(aiohttp, base, base, slug)
    phase = client.phase = Phase("exercise", api + web)
    try:
        await asyncio.gather(*(client.api_submission(replay_share) for _ in range(api)),
                             *(client.web_submission() for _ in range(web)))
    finally:
        await client.close()
    return phase


async def fixed_rate(client: Client, phase: Phase, seconds: float, per_second: float,
                     server: subprocess.Popen | None = None) -> None:
    """Submissions started at a fixed rate whatever the answers' speed (an open loop)."""
    client.phase = phase
    cpu = cpu_seconds(server)
    phase.started = time.perf_counter()
    tasks = []
    for n in range(int(seconds * per_second)):
        await asyncio.sleep(max(0.0, phase.started + n / per_second - time.perf_counter()))
        tasks.append(asyncio.create_task(client.api_submission(retry_share=0.0)))
    await asyncio.gather(*tasks)
    phase.elapsed = time.perf_counter() - phase.started
    phase.server_cpu = cpu_seconds(server) - cpu
    print(phase.line(), file=sys.stderr, flush=True)


# -- servers and databases ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int, probe: str):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--backlog", "2048", "--timeout", "60", "--graceful-timeout", "10", "--log-level", "error", app]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, f"{base}{probe}")
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(server: subprocess.Popen, url: str, seconds: float = 90) -> None:
    import urllib.error
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers (405 for a GET of a POST-only address)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def workers_of(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def cpu_seconds(server: subprocess.Popen | None) -> float:
    """User and system CPU time of the server's live workers (a fair measure on a busy machine)."""
    total = 0
    for pid in workers_of(server) if server else []:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def database(kind: str, folder: Path, postgres: str):
    """A SQLAlchemy URL for an empty database of ``kind``, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
        return
    import sqlalchemy as sa

    from feedback.config import normalize_database_url

    name = f"chorus_load_{os.getpid()}"
    # No pool: a connection kept from the start would not outlive a --restart-postgres.
    admin = sa.create_engine(normalize_database_url(postgres), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield normalize_database_url(postgres.rstrip("/").rsplit("/", 1)[0] + f"/{name}")
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(url: str, folder: Path) -> str:
    """The schema and the open survey; returns its slug."""
    from benchmarks.load_survey import build_survey
    from feedback import create_app
    from surveys.db import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "load", "INSTANCE_PATH": str(folder)})
    with app.app_context():
        db.create_all()
        slug = build_survey(slug="load")
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return slug


def stored_responses(database, slug: str) -> list[tuple[str | None, str]]:
    """``(marker, public id)`` of every complete response of the survey (``database``: a URL or an engine)."""
    import sqlalchemy as sa

    from surveys.models import Answer, Question, Response, Survey

    engine = sa.create_engine(database) if isinstance(database, str) else database
    marker = (sa.select(Answer.value_text).join(Question, Question.id == Answer.question_id)
              .where(Answer.response_id == Response.id, Question.key == MARKED).limit(1).scalar_subquery())
    with engine.connect() as connection:
        rows = connection.execute(sa.select(marker, Response.public_id).join(Survey, Survey.id == Response.survey_id)
                                  .where(Survey.slug == slug, Response.complete.is_(True))).all()
    if isinstance(database, str):
        engine.dispose()
    return [(row[0], row[1]) for row in rows]


def exports_identical(url: str, folder: Path, slug: str, repeats: int = 3) -> bool:
    """Download the survey's responses (CSV and JSON) ``repeats`` times as an admin: byte-identical each time."""
    from feedback import create_app
    from feedback.accounts import add_user
    from feedback.models import Role
    from surveys.db import db
    from surveys.models import Survey

    password = secrets.token_urlsafe(16)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "load", "INSTANCE_PATH": str(folder),
                      "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False})
    with app.app_context():
        survey = db.session.scalar(db.select(Survey).where(Survey.slug == slug))
        add_user("load@example.org", survey.partnership, Role.ADMIN, password)
        db.session.commit()
    client = app.test_client()
    client.post("/staff/login", data={"email": "load@example.org", "password": password})
    identical = True
    for fmt in ("csv", "json"):
        bodies = set()
        for _ in range(repeats):
            reply = client.get(f"/staff/surveys/{slug}/responses.{fmt}")
            bodies.add(reply.data if reply.status_code == 200 else b"status %d" % reply.status_code)
        identical &= len(bodies) == 1 and not next(iter(bodies)).startswith(b"status ")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return identical


def open_connections(kind: str, url: str, folder: Path, servers: list[subprocess.Popen]) -> int:
    """PostgreSQL: sessions on the database; SQLite: file handles on the database in the servers' workers."""
    if kind == "postgresql":
        import sqlalchemy as sa

        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as connection:
            count = connection.scalar(sa.text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                              " AND pid <> pg_backend_pid()"))
        engine.dispose()
        return int(count)
    target = str(folder / "load.db")
    handles = 0
    for server in servers:
        for pid in workers_of(server):
            for fd in Path(f"/proc/{pid}/fd").glob("*"):
                try:
                    handles += os.readlink(fd) == target
                except OSError:
                    continue
    return handles


# -- one database ---------------------------------------------------------------------------------------

async def drive(args, base: str, ceiling: str, slug: str, chorus: subprocess.Popen,
                bare: subprocess.Popen) -> list[Phase]:
    import aiohttp

    client = Client(aiohttp, base, ceiling, slug)
    seconds = args.seconds
    phases = [Phase("soak", 0), Phase("ceiling", 50), Phase("api", 50), Phase("web", 50),
              Phase("mixed", args.mixed)]
    soak, ceiling_phase, api, web, mixed = phases
    try:
        await fixed_rate(client, soak, seconds, 50, chorus)
        await closed_loop(client, ceiling_phase, seconds, client.ceiling_insert, bare)
        await closed_loop(client, api, seconds, client.api_submission, chorus)
        await closed_loop(client, web, seconds, client.web_submission, chorus)
        killer = asyncio.create_task(_kill_a_worker(chorus, seconds / 2)) if args.kill_worker else None
        restart = args.restart_postgres and args.kind != "sqlite"
        restarter = asyncio.create_task(_restart_postgres(args.restart_command, seconds / 2)) if restart else None
        await closed_loop(client, mixed, seconds,
                          lambda: client.api_submission() if random.random() < 0.5 else client.web_submission(),
                          chorus)
        if killer is not None:
            mixed.name = f"mixed(worker {await killer} killed)"
        if restarter is not None:
            mixed.name = f"mixed(postgres restarted in {await restarter:.1f}s)"
    finally:
        await client.close()
    return phases


async def _kill_a_worker(server: subprocess.Popen, after: float) -> int:
    await asyncio.sleep(after)
    victim = workers_of(server)[0]
    os.kill(victim, signal.SIGKILL)
    return victim


async def _restart_postgres(command: str, after: float) -> float:
    """Restart the database server half-way through a phase; the seconds the restart took."""
    await asyncio.sleep(after)
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(*command.split(), stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.PIPE)
    _, error = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{command!r} failed: {error.decode(errors='replace').strip()}")
    return time.perf_counter() - started


def run_database(kind: str, args) -> str:
    args.kind = kind
    with tempfile.TemporaryDirectory(prefix="chorus-load-") as name, \
            database(kind, Path(name), args.postgres) as url:
        folder = Path(name)
        slug = prepare(url, folder)
        env = {"DATABASE_URL": url, "SECRET_KEY": "load-" + secrets.token_hex(8), "CHORUS_INSTANCE_PATH": str(folder),
               "CHORUS_RATELIMIT_SUBMIT": "1000000 per minute", "CHORUS_ENV": "development", "REDIS_URL": ""}
        with gunicorn("feedback:create_app()", env, args.workers, "/api/v1/health") as (base, chorus), \
                gunicorn("benchmarks.load_ceiling:create_app()", env, args.workers, "/insert") as (ceiling, bare):
            load = os.getloadavg()[0]
            phases = asyncio.run(drive(args, base, ceiling, slug, chorus, bare))
            connections = open_connections("postgresql" if kind != "sqlite" else kind, url, folder, [chorus, bare])
        after = open_connections("postgresql", url, folder, []) if kind != "sqlite" else 0
        result = reconcile([s for phase in phases for s in phase.submissions], stored_responses(url, slug))
        identical = exports_identical(url, folder, slug)
    soak, ceiling_phase, api, web, _mixed = phases
    soak_success = 100.0 * sum(s.acknowledged for s in soak.submissions) / max(1, len(soak.submissions))
    ratio = api.rate / ceiling_phase.rate if ceiling_phase.rate else 0.0
    web_ratio = web.rate / ceiling_phase.rate if ceiling_phase.rate else 0.0
    cpu_ratio = ceiling_phase.cpu_ms_per_request / api.cpu_ms_per_request
    web_cpu_ratio = ceiling_phase.cpu_ms_per_request / web.cpu_ms_per_request
    web_per_second = sum(s.acknowledged for s in web.submissions) / web.elapsed if web.elapsed else 0.0
    print(f"--- {kind}: {args.workers} workers each, load average {load:.1f} at the start, {os.cpu_count()} CPUs")
    for phase in phases:
        print(phase.line(), flush=True)
    print(f"web_form: requests_ratio={web_ratio:.2f} submissions_per_s={web_per_second:.1f} "
          f"p99_ms={web.percentile(0.99):.0f} cpu_ratio={web_cpu_ratio:.2f}")
    print(f"api: ratio={ratio:.2f} cpu_ratio={cpu_ratio:.2f} (ceiling's server CPU per request over Chorus's)")
    print(f"connections: open_while_serving={connections} open_after_stop={after} "
          f"unacknowledged_stored={result.unacknowledged_stored} exports_identical={identical}")
    return (f"db={kind} submitted={result.submitted} acknowledged={result.acknowledged} stored={result.stored} "
            f"lost={result.lost} duplicated={result.duplicated} ratio={ratio:.2f} p99_ms={api.percentile(0.99):.0f} "
            f"soak_success={soak_success:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three seconds a phase (a smoke run)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    parser.add_argument("--db", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--postgres", default=os.environ.get("LOAD_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--mixed", type=int, default=200, help="concurrent clients in the mixed phase")
    parser.add_argument("--kill-worker", action="store_true", help="SIGKILL a Chorus worker half-way through the mixed phase")
    parser.add_argument("--restart-postgres", action="store_true",
                        help="restart the PostgreSQL server half-way through the mixed phase (PostgreSQL runs only)")
    parser.add_argument("--restart-command", default=os.environ.get("LOAD_PG_RESTART", "pg_ctlcluster 15 main restart -m fast"),
                        help="how to restart PostgreSQL (needs the right to do so)")
    args = parser.parse_args(argv)
    if args.quick:  # a smoke run: short phases, and a mixed phase that drains quickly
        args.seconds, args.mixed = min(args.seconds, 3.0), min(args.mixed, 50)
    lines = [run_database({"postgres": "postgresql"}.get(kind, kind), args) for kind in args.db.split(",") if kind]
    print("\n".join(lines))
    return 0 if all(" lost=0 duplicated=0 " in line for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
