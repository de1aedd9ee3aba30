"""Set-up and operations commands: init, check, schedule, cron (part of the CLI)."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

import click

from toolkit.cli import (
    cli,
    daily_job,
    fail,
    load_settings,
    start_logging,
    summary_lines,
    verbosity_options,
)
from toolkit.collector import collector_paused
from toolkit.config import DEFAULT_CONFIG_NAME
from toolkit.errors import ToolkitError
from toolkit.normalise import normalise
from toolkit.ops.cron import cron_line
from toolkit.ops.guard import guarded_run, write_blockers
from toolkit.ops.init_config import InitQuestion, gather_init_answers, write_init_config
from toolkit.ops.scheduler import install_stop_signals, run_schedule, stoppable_sleep
from toolkit.source import open_source

CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(path_type=Path),
                             help="Settings file (default: ./toolkit.toml when it exists).")


@cli.command()
@click.option("--source", help="Your workbook path or Google Sheet link.")
@click.option("--credentials", help="Google service-account key file (Google Sheets only).")
@click.option("--business-name", help="Your business's name, used in drafts.")
@click.option("--time", "time_of_day", help="When to run each day, e.g. 07:00.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              default=Path(DEFAULT_CONFIG_NAME), show_default=True,
              help="Where to write the settings file.")
def init(source: str | None, credentials: str | None, business_name: str | None,
         time_of_day: str | None, config_path: Path) -> None:
    """Set up: a few questions, then a commented toolkit.toml (never overwritten)."""
    given = {"source": source, "credentials": credentials, "business_name": business_name,
             "time": time_of_day}

    def ask(question: InitQuestion) -> str:
        return str(click.prompt(question.question, default=question.default or None,
                                show_default=bool(question.default)))

    try:
        answers = gather_init_answers(given, ask if sys.stdin.isatty() else None, click.echo)
        written = write_init_config(
            config_path, source=answers["source"] or "", credentials=answers.get("credentials"),
            business_name=answers.get("business_name"),
            time=answers.get("time") or "07:00")
    except ToolkitError as exc:
        fail(str(exc))
    click.echo(f"Wrote {written}. Next: `customer-toolkit check` to see what I understand "
               "of your spreadsheet, then `customer-toolkit run`.")


@cli.command()
@click.option("--source", help="Your workbook path or Google Sheet link.")
@CONFIG_OPTION
@click.option("--credentials", help="Google service-account key file (Google Sheets only).")
def check(source: str | None, config_path: Path | None, credentials: str | None) -> None:
    """Read your spreadsheet and say what I understood, without writing anything."""
    try:
        config = load_settings(config_path, source=source, credentials=credentials)
        if not config.source:
            raise click.UsageError("Tell me which spreadsheet: --source PATH-or-LINK.")
        data = open_source(config.source, config.credentials).read()
        with collector_paused():
            dataset = normalise(data, columns=dict(config.columns) or None,
                                date_order=config.date_order)
    except ToolkitError as exc:
        fail(str(exc))
    lines = [f"{data.label}: {len(data.tables)} tabs."]
    for table in data.tables:
        if table.owned:  # some are not read (see READ_BACK_TABS): no row count
            lines.append(f"  {table.tab}: the toolkit's own tab")
            continue
        role = "used" if table.tab in dataset.tabs_used else "not used"
        lines.append(f"  {table.tab}: {len(table.rows)} rows ({role})")
    lines.append("Columns I recognised:")
    lines += [f"  {m.tab} column {m.column} '{m.header}' -> {m.field}" for m in dataset.columns]
    lines.append(f"{dataset.rows_read} data rows, {len(dataset.customers)} customers, "
                 f"{len(dataset.orders)} orders.")
    if dataset.problems:
        lines.append(f"{len(dataset.problems)} data problems the run would list:")
        for p in dataset.problems[:20]:
            where = f"{p.tab} row {p.row}" if p.row else p.tab
            lines.append(f"  {where}, {p.column}: {p.problem} ({p.action})")
        if len(dataset.problems) > 20:
            lines.append(f"  ... and {len(dataset.problems) - 20} more")
    blockers = write_blockers(config.source)
    lines += ([f"Cannot write now: {b}" for b in blockers] if blockers
              else ["I can write the toolkit's tabs back (nothing was written now)."])
    click.echo("\n".join(lines))


@cli.command()
@CONFIG_OPTION
@verbosity_options
@click.pass_context
def schedule(ctx: click.Context, config_path: Path | None, cmd_verbose: int,
             cmd_quiet: bool) -> None:
    """Stay running and do the daily job every day at the time in toolkit.toml.

    Stop with Ctrl-C. A run missed while the computer slept happens once on waking.
    """
    try:
        config = load_settings(config_path)
        if not config.source:
            raise click.UsageError("Run `customer-toolkit init` first (no source is set).")
        start_logging(ctx, config, cmd_verbose, cmd_quiet)
    except ToolkitError as exc:
        fail(str(exc))
    stop = threading.Event()
    restore = install_stop_signals(stop)

    def job() -> None:
        result = guarded_run(config, lambda: daily_job(config, dt.date.today()),
                             scheduled=True, sleep=stoppable_sleep(stop))
        for line in summary_lines(result, dry_run=False):
            click.echo(line)

    click.echo(f"Running every day at {config.schedule_time}. Press Ctrl-C to stop.")
    try:
        runs = run_schedule(job, config.schedule_time, stop=stop)
    finally:
        restore()
    click.echo(f"Stopped after {runs} runs.")


@cli.command()
@CONFIG_OPTION
def cron(config_path: Path | None) -> None:
    """Print the crontab line that runs the daily job (paste it into `crontab -e`)."""
    try:
        config = load_settings(config_path)
    except ToolkitError as exc:
        fail(str(exc))
    if config.path is None or config.log_file is None:
        fail("No toolkit.toml here: run `customer-toolkit init` first, or pass --config.")
    click.echo(cron_line(config.path, config.schedule_time, log_file=config.log_file))
