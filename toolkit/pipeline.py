"""The daily job: read the source, run the pure core, write the toolkit's tabs back.

This is an edge module: it logs, measures time with an injected clock, loads the
owner's templates and writes the .eml drafts. All decisions are made by the pure core.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from toolkit.collector import collector_paused
from toolkit.errors import ToolkitError, WriteRefusedError
from toolkit.ledger import DRAFTS_TAB
from toolkit.model import Dataset, SourceData, Tab, WritePlan, WriteReport
from toolkit.normalise import normalise
from toolkit.outreach import Outreach, plan_outreach
from toolkit.plan import (
    RUN_LOG_TAB,
    RunRecord,
    assemble,
    carried_over,
    owned_table,
    problems_tab,
    run_log_tab,
    scored_on,
)
from toolkit.scored import Scoring
from toolkit.scoring import score_customers
from toolkit.settings import SETTINGS_TAB, read_settings, settings_tab
from toolkit.source import Workbook
from toolkit.tabs_scoring import (
    BEST_TAB,
    CHANGES_TAB,
    SEGMENT_NAMES,
    SUMMARY_TAB,
    empty_segment_tab,
    scoring_tabs,
)
from toolkit.template_files import load_templates
from toolkit.writing_outbox import write_outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    today: dt.date
    dry_run: bool = False
    columns: Mapping[str, str] = field(default_factory=dict)
    date_order: Literal["dmy", "mdy"] | None = None
    templates_dir: Path | None = None
    outbox_dir: Path | None = None  # None: no .eml files (e.g. Google Sheets without a folder)
    business_name: str | None = None  # seeds the Settings tab on the first run


@dataclass(frozen=True)
class RunResult:
    source: SourceData
    dataset: Dataset
    scoring: Scoring
    outreach: Outreach
    plan: WritePlan
    record: RunRecord
    report: WriteReport | None  # None on a dry run
    eml_files: tuple[Path, ...] = ()


def run_daily(
    workbook: Workbook,
    options: RunOptions,
    *,
    clock: Callable[[], dt.datetime] = dt.datetime.now,
    timer: Callable[[], float] = time.perf_counter,
) -> RunResult:
    """Run the whole morning job once. Raises ToolkitError with an owner-level message."""
    started = timer()
    when = clock()
    log.info("run started: source=%s today=%s dry_run=%s", workbook.label, options.today,
             options.dry_run)
    source = workbook.read()
    try:
        with collector_paused():
            return _run_core(workbook, source, options, when, started, timer)
    except WriteRefusedError:
        raise
    except ToolkitError as exc:
        if not options.dry_run:
            _log_failure(workbook, source, when, timer() - started, exc)
        raise


def _run_core(
    workbook: Workbook,
    source: SourceData,
    options: RunOptions,
    when: dt.datetime,
    started: float,
    timer: Callable[[], float],
) -> RunResult:
    settings_table = owned_table(source, SETTINGS_TAB)
    settings, settings_problems, typed = read_settings(settings_table)
    if settings_table is None and options.business_name:  # first run: seed from init
        typed = {"business_name": options.business_name}
        settings = replace(settings, business_name=options.business_name)

    dataset = normalise(source, columns=options.columns or None,
                        date_order=options.date_order)
    scoring = score_customers(dataset, options.today, settings)
    templates = load_templates(options.templates_dir)
    outreach = plan_outreach(scoring, dataset, owned_table(source, DRAFTS_TAB), settings,
                             options.today, templates)
    problems = (*dataset.problems, *settings_problems, *scoring.problems, *outreach.problems)
    tabs = _same_day_changes(source, options.today, scoring_tabs(
        scoring, dataset, settings, options.today, owned_table(source, BEST_TAB),
        outreach.last_contacted))
    record = RunRecord(
        when=when, source=source.label, rows_read=dataset.rows_read,
        customers=len(scoring.customers), problems=len(problems),
        followups=len(outreach.followups), drafts=outreach.new_drafts,
        seconds=timer() - started,
        result="done" if not problems else f"done with {len(problems)} data problems",
        notes="; ".join(source.notes),
    )
    ordered = [
        *tabs[:2], *outreach.tabs, *tabs[2:],
        problems_tab(problems),
        settings_tab(settings, typed, settings_problems),
        run_log_tab(owned_table(source, RUN_LOG_TAB), record),
    ]
    stale = [empty_segment_tab(name) for name in SEGMENT_NAMES]
    plan = assemble(source, ordered, stale)
    if options.dry_run:
        log.info("dry run: would write %d tabs", len(plan.tabs))
        return RunResult(source, dataset, scoring, outreach, plan, record, None)

    report = workbook.write(plan)
    emls: tuple[Path, ...] = ()
    if options.outbox_dir is not None:
        emls = write_outbox(options.outbox_dir, outreach.outbox)
    log.info(
        "run done: %d customers, %d follow-ups, %d new drafts, %d problems, %.1fs",
        record.customers, record.followups, record.drafts, record.problems,
        timer() - started,
    )
    return RunResult(source, dataset, scoring, outreach, plan, record, report, emls)


def _same_day_changes(source: SourceData, today: dt.date, tabs: tuple[Tab, ...]
                      ) -> tuple[Tab, ...]:
    """A re-run of the same day keeps that day's Changes (movement since the day before),
    so running twice with the same --today gives the same tabs."""
    previous = owned_table(source, CHANGES_TAB)
    if previous is None or scored_on(owned_table(source, SUMMARY_TAB)) != today:
        return tabs
    return tuple(carried_over(previous, t) if t.name == CHANGES_TAB else t for t in tabs)


def _log_failure(
    workbook: Workbook, source: SourceData, when: dt.datetime, seconds: float,
    exc: ToolkitError,
) -> None:
    """Best effort: add the failed run to the Run log so the owner sees it in the sheet."""
    record = RunRecord(when=when, source=source.label, rows_read=0, customers=0, problems=0,
                       followups=0, drafts=0, seconds=seconds,
                       result=f"failed: {str(exc)[:300]}")
    try:
        plan = assemble(source, [run_log_tab(owned_table(source, RUN_LOG_TAB), record)])
        workbook.write(plan)
    except (ToolkitError, OSError) as second:
        log.warning("could not record the failed run in the Run log: %s", second)
