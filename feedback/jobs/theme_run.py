"""Theme runs as background jobs: find the themes in a question's answers and store them on the run.

A job only receives a run id; it reads answers from the database, runs the theme engine, and stores
the result (themes, one assignment per answer, parameters, snapshot counts) on the run, so reports
render from stored results and a worker on another host needs nothing but the database.

Starting a run never commits: :func:`start_theme_run` adds the run to the caller's transaction and the
run is handed to the queue (:mod:`feedback.jobs.queue`) only when that transaction commits. The job,
like any worker, then commits its progress and result as it goes. With ``JOBS_INLINE`` (tests, scripts)
the job is carried out inside the caller's transaction before ``start_theme_run`` returns, and stored by
the caller's commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import sqlalchemy as sa
from flask import current_app

from analysis.coding import Code
from surveys.models import Answer, Question, Response, Survey, Wave, utcnow

from ..curation import carry_over
from ..extensions import db
from ..models import RunStatus, Theme, ThemeAssignment, ThemeLineage, ThemeRun
from ..reports import refresh_report_cache
from ..theme_descriptions import describe_in_languages, store_languages
from . import queue
from .queue import fail, is_stale

log = logging.getLogger(__name__)

# Rough number of progress messages the engine sends; progress is their count over this.
_ENGINE_STEPS = 8

STALE_MESSAGE = "The analysis did not finish in time (its worker may have stopped). Start it again."


def start_theme_run(survey: Survey, question: Question, wave: Wave | None, user_id: int | None,
                    parameters: dict[str, Any] | None = None) -> ThemeRun:
    """Add a queued run to the session (flushed, not committed); it goes to a queue once the caller
    commits. With ``JOBS_INLINE`` the run is carried out before this returns, in the caller's transaction.
    """
    run = ThemeRun(survey=survey, question=question, wave=wave, created_by_id=user_id,
                   parameters=dict(parameters or {}), message="Waiting for a worker")
    queue.submit(THEME_RUN, run, _execute_inline)
    return run


def run_theme_run_now(survey: Survey, question: Question, wave: Wave | None, user_id: int | None = None,
                      parameters: dict[str, Any] | None = None) -> ThemeRun:
    """Carry out a theme run now, in the caller's transaction, whatever ``JOBS_INLINE`` says (the demo and
    scripts need the themes before they go on). Flushed, not committed."""
    run = ThemeRun(survey=survey, question=question, wave=wave, created_by_id=user_id,
                   parameters=dict(parameters or {}), message="Starting")
    db.session.add(run)
    db.session.flush()
    _execute_inline(run)
    return run


def run_theme_job(run_id: int) -> None:
    """RQ entry point: a worker process builds its own app from the environment."""
    queue.run_in_own_app(execute_theme_run, run_id)


def execute_theme_run(run_id: int) -> None:
    """A worker's job: run the theme engine for a stored run and store its result, committing progress
    as it goes so pages can show it; failures are recorded, not lost."""
    run = db.session.get(ThemeRun, run_id)
    if run is None or run.status is not RunStatus.QUEUED:
        return
    if is_stale(run):  # pages already call it failed; someone may have started it again since
        fail(run, STALE_MESSAGE)
        db.session.commit()
        return
    run.status = RunStatus.RUNNING
    run.message = "Reading answers"
    db.session.commit()
    try:
        _find_and_store(run, save=db.session.commit)
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        log.exception("theme run %s failed", run_id)
        fail(db.session.get(ThemeRun, run_id), f"The analysis failed: {error}")
        db.session.commit()


def _execute_inline(run: ThemeRun) -> None:
    """``JOBS_INLINE``: run the job now, inside the caller's transaction (nothing is committed: the
    caller's commit stores the run and its result together). A failure is recorded on the run, and what
    the engine had stored so far is rolled back to a savepoint."""
    run.status = RunStatus.RUNNING
    try:
        with db.session.begin_nested():
            _find_and_store(run, save=db.session.flush)
    except Exception as error:
        log.exception("theme run %s failed", run.id)
        fail(run, f"The analysis failed: {error}")
    db.session.flush()


def _find_and_store(run: ThemeRun, save: Callable[[], None]) -> None:
    """Read the answers, find themes, store them, replay curation and protect the report's numbers;
    ``save`` keeps progress (a worker commits it; an inline run only flushes).

    The themes are found one of three ways: against the codebook staff gave with the run (its codes
    first: what they asked for wins), else against the curated themes of earlier waves, else afresh."""
    frame = answers_frame(run.question_id, run.wave_id)
    codes = staff_codebook(run)
    earlier = None if codes else codebook_frame(run)
    if codes:
        coded = _code_answers(run, frame, codes, save)
        mark_codebook_themes(run, store_result(run, frame, coded.result), coded.codes, coded.new)
        skipped = carry_over(run)
    elif earlier is None:
        store_result(run, frame, _find_themes(run, frame, save))
        skipped = carry_over(run)
    else:
        read = _read_against_codebook(run, frame, earlier, save)
        continue_codebook(run, store_result(run, frame, read.result), read.codes, read.new)
        skipped = carry_over(run, lineages_given=True)
    refresh_report_cache(run)  # the protected numbers, kept so report pages never compute or write them
    run.status = RunStatus.FINISHED
    run.progress = 1.0
    run.message = f"Found {sum(not (t.other or t.retired) for t in run.themes)} themes in {len(frame):,} answers"
    if skipped:
        run.message += ". Some earlier curation no longer applies: " + "; ".join(skipped)
    run.finished_at = utcnow()


def answers_frame(question_id: int, wave_id: int | None) -> pd.DataFrame:
    """Every answer to a question (in one wave or all), with the response facts breakdowns need."""
    query = (
        sa.select(Answer.id.label("answer_id"), Answer.response_id, Answer.value_text.label("text"),
                  Response.language, Response.source, Answer.wave_id)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question_id, Answer.value_text.is_not(None))
        .order_by(Answer.id)
    )
    if wave_id is not None:
        query = query.where(Answer.wave_id == wave_id)
    rows = db.session.execute(query).all()
    return pd.DataFrame(rows, columns=["answer_id", "response_id", "text", "language", "source", "wave_id"])


def codebook_frame(run: ThemeRun) -> pd.DataFrame | None:
    """The partnership's codebook for a wave's run: the answers of the question's earlier waves, each with
    the lineage key of the theme curation left it in (from the newest finished run of each earlier wave).

    ``None`` when the run covers all waves, asked not to use one (``parameters["codebook"] is False``),
    or no earlier wave has a finished run: the engine then finds the themes afresh.
    """
    if run.wave_id is None or (run.parameters or {}).get("codebook") is False:
        return None
    position = db.session.scalar(sa.select(Wave.position).where(Wave.id == run.wave_id))
    earlier_runs = []
    for wave_id in db.session.scalars(sa.select(Wave.id).where(
            Wave.survey_id == run.survey_id, Wave.position < position).order_by(Wave.position)):
        newest = db.session.scalar(sa.select(ThemeRun.id).where(
            ThemeRun.question_id == run.question_id, ThemeRun.wave_id == wave_id,
            ThemeRun.status == RunStatus.FINISHED).order_by(ThemeRun.id.desc()).limit(1))
        if newest is not None:
            earlier_runs.append(newest)
    if not earlier_runs:
        return None
    rows = db.session.execute(
        sa.select(Answer.value_text, Theme.lineage)
        .join(ThemeAssignment, ThemeAssignment.answer_id == Answer.id)
        .join(Theme, Theme.id == ThemeAssignment.theme_id)
        .where(ThemeAssignment.run_id.in_(earlier_runs), Theme.other.is_(False), Theme.retired.is_(False))
        .order_by(Answer.id)
    ).all()
    return pd.DataFrame(rows, columns=["text", "code"]) if rows else None


def _progress(run: ThemeRun, save: Callable[[], None]) -> Callable[[str], None]:
    seen = 0

    def progress(message: str) -> None:
        nonlocal seen
        seen += 1
        run.progress = min(0.95, seen / _ENGINE_STEPS)
        run.message = message
        save()

    return progress


def _engine_params(run: ThemeRun, keys: tuple[str, ...] = ("k", "random_state")) -> dict[str, Any]:
    """The engine's parameters for a run: the representation staff chose for it, else the configured one
    (``THEMES_REPRESENTATION``), else the engine's own choice."""
    params = {key: run.parameters[key] for key in keys if run.parameters.get(key) is not None}
    params.setdefault("random_state", 0)
    asked = run.parameters.get("representation_asked")
    if asked in ("embeddings", "tfidf"):
        params["representation"] = asked
    elif current_app.config["THEMES_REPRESENTATION"]:
        params["representation"] = current_app.config["THEMES_REPRESENTATION"]
    return params


def _find_themes(run: ThemeRun, frame: pd.DataFrame, save: Callable[[], None]):
    from analysis import find_themes

    # Labels never just repeat the question: the labeler is told its words, in each of its languages.
    question = " ".join(run.question.text.values()) if run.question is not None else None
    # Themes smaller than the partnership's threshold print no size: automatic k leaves room for them.
    return find_themes(frame["text"].tolist(), question=question, progress=_progress(run, save),
                       min_theme_size=run.survey.partnership.small_cell_threshold, **_engine_params(run))


def staff_codebook(run: ThemeRun) -> list[Code]:
    """The codes staff gave with the run (``parameters["codes"]``), or none."""
    return [Code(name=str(code["name"]), description=str(code.get("description") or ""),
                 examples=tuple(str(e) for e in code.get("examples") or ()))
            for code in (run.parameters or {}).get("codes") or [] if code.get("name")]


def _code_answers(run: ThemeRun, frame: pd.DataFrame, codes: list[Code], save: Callable[[], None]):
    from analysis.coding import code_answers

    # No k: a number of themes asked for does not apply to the themes proposed beside a codebook.
    return code_answers(frame["text"].tolist(), codes, progress=_progress(run, save),
                        **_engine_params(run, ("random_state",)))


def mark_codebook_themes(run: ThemeRun, stored: dict[int, Theme], codes: dict[int, str], new: frozenset[int]) -> None:
    """Remember which themes are the codebook's codes and which the engine proposed beside them
    (``parameters["codebook_themes"]`` and ``["proposed_themes"]``, theme ids: a rename or merge keeps a
    theme's id, and a theme split off later is neither)."""
    run.parameters = {**run.parameters,
                      "codebook_themes": [stored[i].id for i in sorted(codes) if i in stored],
                      "proposed_themes": [stored[i].id for i in sorted(new) if i in stored]}
    db.session.flush()


def _read_against_codebook(run: ThemeRun, frame: pd.DataFrame, earlier: pd.DataFrame, save: Callable[[], None]):
    from analysis.codebook import assign_to_codebook

    labels = dict(db.session.execute(sa.select(ThemeLineage.key, ThemeLineage.label).where(
        ThemeLineage.question_id == run.question_id, ThemeLineage.key.in_(earlier["code"].unique().tolist()))).all())
    return assign_to_codebook(earlier, frame["text"].tolist(), labels=labels, progress=_progress(run, save),
                              **_engine_params(run, ("random_state",)))


def continue_codebook(run: ThemeRun, stored: dict[int, Theme], codes: dict[int, str], new: frozenset[int]) -> None:
    """Give the themes that continue the codebook their lineage and its curated name; remember which
    themes are new this wave (``run.parameters["new_this_wave"]``, lineage keys)."""
    labels = dict(db.session.execute(sa.select(ThemeLineage.key, ThemeLineage.label).where(
        ThemeLineage.question_id == run.question_id, ThemeLineage.key.in_(list(codes.values())))).all())
    for theme_id, code in codes.items():
        theme = stored[theme_id]
        theme.lineage = code
        theme.label = labels.get(code, theme.label)
    run.parameters = {**run.parameters, "new_this_wave": [stored[i].lineage for i in sorted(new) if i in stored]}
    db.session.flush()


def store_result(run: ThemeRun, frame: pd.DataFrame, result) -> dict[int, Theme]:
    """Persist themes and one assignment per answer (bulk insert: 100,000 rows in seconds); returns the
    stored theme of each of the result's theme ids.

    Each theme keeps its answers per language, and its name and quotes from its answers in each other
    language it holds enough of (:func:`~feedback.theme_descriptions.describe_in_languages`), for readers of it."""
    from analysis import OTHER_THEME_ID

    in_languages = describe_in_languages(
        _described_answers(frame, result), [found.id for found in result.themes],
        main=result.parameters.get("report_language") or "en", random_state=run.parameters.get("random_state") or 0)
    themes: dict[int, Theme] = {}
    for position, found in enumerate(result.themes):
        label = "Other answers" if found.id == OTHER_THEME_ID else found.label
        theme = Theme(run=run, position=position, engine_label=label, label=label, terms=found.terms,
                      alternatives=found.alternatives, size=found.size, sentiment=found.sentiment,
                      quotes=found.quotes, other=found.id == OTHER_THEME_ID,
                      languages={str(k): int(v) for k, v in (found.languages or {}).items()})
        store_languages(theme, in_languages.get(found.id, {}))
        db.session.add(theme)
        themes[found.id] = theme
    db.session.flush()

    assignments = result.assignments
    answer_ids = frame["answer_id"].to_numpy()
    rows = []
    for item in assignments.itertuples(index=False):
        theme = None if pd.isna(item.theme) else themes.get(int(item.theme))
        second = None if pd.isna(item.second_theme) else themes.get(int(item.second_theme))
        rows.append({
            "run_id": run.id,
            "answer_id": int(answer_ids[int(item.row)]),
            "theme_id": theme.id if theme else None,
            "engine_theme_id": theme.id if theme else None,
            "second_theme_id": second.id if second else None,
            "score": None if pd.isna(item.score) else float(item.score),
            "sentiment": None if pd.isna(item.sentiment) else float(item.sentiment),
            "reason": None if pd.isna(item.reason) else str(item.reason),
        })
    if rows:
        db.session.execute(sa.insert(ThemeAssignment), rows)
    parameters = dict(run.parameters)
    parameters.update({key: value for key, value in result.parameters.items() if key != "non_answer_reasons"})
    parameters["topics"] = stored_topics(result, themes)
    run.parameters = parameters
    run.snapshot = {
        "answers": len(frame),
        "answered": int(assignments["theme"].notna().sum()),
        "non_answers": int(assignments["theme"].isna().sum()),
        "languages": {str(k): int(v) for k, v in frame["language"].value_counts().items()},
    }
    return themes


def _described_answers(frame: pd.DataFrame, result) -> pd.DataFrame:
    """The run's answers in themes, each with its theme and the language the engine read it in."""
    placed = result.assignments[result.assignments["theme"].notna()]
    return pd.DataFrame({"text": frame["text"].to_numpy()[placed["row"].to_numpy(dtype=int)],
                         "theme": placed["theme"].astype(int).to_numpy(),
                         "language": placed["language"].to_numpy()})


def stored_topics(result, themes: dict[int, Theme]) -> list[dict[str, Any]]:
    """The result's topics as ``[{"label": ..., "themes": [stored theme ids]}]``, largest first.

    Theme ids, not lineage keys: a run's lineages change when later steps match them to earlier runs,
    while a theme keeps its id through a rename, merge, hide or move; a theme split off later has no
    topic and the report lists it under "Other themes". No size is kept: the report prints none.
    """
    topics = []
    for topic in getattr(result, "topics", None) or []:
        members = [themes[i].id for i in topic.theme_ids if i in themes and not themes[i].other]
        if members:
            topics.append({"label": topic.label, "themes": members})
    return topics


THEME_RUN = queue.JobKind(name="analysis", model=ThemeRun, work=execute_theme_run, entry=run_theme_job)
"""Theme runs, as the queue knows them."""
