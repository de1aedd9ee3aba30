"""The `customer-toolkit` command line: the group, `run` and `demo`.

Only the CLI modules (this one and cli_setup.py) print or exit. Errors go to stderr as
`Error: ...` with exit code 1; usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from toolkit import __version__
from toolkit.config import Config, default_config_path, load_config, merge_cli
from toolkit.errors import ConfigError, ToolkitError
from toolkit.ops.guard import guarded_run
from toolkit.ops.logs import setup_logging
from toolkit.pipeline import RunOptions, RunResult, run_daily
from toolkit.source import google_sheet_id, open_source

log = logging.getLogger("toolkit.cli")
F = TypeVar("F", bound=Callable[..., Any])

FIRST_TAB_HINT = "Open the 'Follow-ups' tab first: it is today's personal to-do list."


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-22.",
                                 param_hint="--today") from None


def verbosity_options(func: F) -> F:
    """-v / --quiet on a command as well as on the group (cron puts them after `run`)."""
    func = click.option("-q", "--quiet", "cmd_quiet", is_flag=True,
                        help="Only say something when it goes wrong.")(func)
    func = click.option("-v", "--verbose", "cmd_verbose", count=True,
                        help="Say more about what is happening.")(func)
    return func


def load_settings(config_path: Path | None, **flags: Any) -> Config:
    """toolkit.toml (given, or ./toolkit.toml when it exists) with the flags on top."""
    path = config_path or default_config_path(Path.cwd())
    return merge_cli(load_config(path), **flags)


def start_logging(ctx: click.Context, config: Config, verbose: int, quiet: bool) -> None:
    setup_logging(config.log_file, verbosity=ctx.obj["verbose"] + verbose,
                  quiet=ctx.obj["quiet"] or quiet, is_tty=sys.stderr.isatty())


def run_options(config: Config, day: dt.date, *, dry_run: bool) -> RunOptions:
    source = config.source or ""
    outbox = Path(config.outbox_dir) if config.outbox_dir else None
    if outbox is None and google_sheet_id(source) is None:
        outbox = Path(source).expanduser().resolve().parent / "outbox"
    return RunOptions(
        today=day, dry_run=dry_run, columns=dict(config.columns),
        date_order=config.date_order,
        templates_dir=Path(config.templates_dir) if config.templates_dir else None,
        outbox_dir=outbox, business_name=config.business_name,
    )


def daily_job(config: Config, day: dt.date, *, dry_run: bool = False) -> RunResult:
    """One run on config.source (no lock or retry: callers wrap it in guarded_run)."""
    if not config.source:
        raise ConfigError("Tell me which spreadsheet: --source PATH-or-LINK "
                          '(or source = "..." in toolkit.toml).')
    workbook = open_source(config.source, config.credentials)
    return run_daily(workbook, run_options(config, day, dry_run=dry_run))


def summary_lines(result: RunResult, *, dry_run: bool) -> list[str]:
    rec = result.record
    names = [tab.name for tab in result.plan.tabs]
    target = result.report.target if result.report else rec.source
    lines = [
        f"Read {rec.rows_read} rows: {rec.customers} customers.",
        f"{'Would write' if dry_run else 'Wrote'} {len(names)} tabs into {target}: "
        f"{', '.join(names)}.",
        f"Today: {rec.followups} people to follow up, {rec.drafts} new email drafts to review.",
    ]
    if rec.problems:
        lines.append(f"{rec.problems} data problems: see the 'Data problems' tab "
                     "(the run went on without them).")
    if result.report is not None:
        if result.report.backup:
            lines.append(f"Your previous version is kept as {result.report.backup}.")
        lines.extend(result.report.notes)
    if result.eml_files:
        lines.append(f"The drafts are also in {result.eml_files[0].parent} as .eml files: "
                     "open one in your mail program, edit, send.")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="customer-toolkit")
@click.option("-v", "--verbose", count=True, help="Say more about what is happening.")
@click.option("-q", "--quiet", is_flag=True, help="Only say something when it goes wrong.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Know your best customers, from the spreadsheet you already keep.

    Every morning customer-toolkit reads your customer spreadsheet (Excel or Google
    Sheets), works out who your best customers are and who needs a personal touch
    today, and adds tabs you read over coffee: Best customers, Follow-ups, Drafts
    (emails you edit and send yourself), Segments and Data problems. It never sends
    anything and never changes your own tabs.

    New here? Run `customer-toolkit demo` to see it on a sample shop, then
    `customer-toolkit init` to set it up for your own spreadsheet.
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    ctx.obj["quiet"] = quiet


@cli.command()
@click.option("--source", help="Your workbook (.xlsx) or Google Sheet link. "
              "Default: `source` in toolkit.toml.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Settings file (default: ./toolkit.toml when it exists).")
@click.option("--credentials", help="Google service-account key file (Google Sheets only).")
@click.option("--today", help="Pretend today is this date (YYYY-MM-DD), e.g. to re-run a day.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; change nothing.")
@verbosity_options
@click.pass_context
def run(ctx: click.Context, source: str | None, config_path: Path | None,
        credentials: str | None, today: str | None, dry_run: bool, cmd_verbose: int,
        cmd_quiet: bool) -> None:
    """Run the daily job now: read, score, plan follow-ups, write the tabs back.

    Only the toolkit's own tabs are written; yours stay exactly as they were. A run
    with data problems still finishes and lists them in the 'Data problems' tab.
    """
    day = parse_today(today)
    try:
        config = load_settings(config_path, source=source, credentials=credentials)
        if not config.source:
            raise click.UsageError("Tell me which spreadsheet: --source PATH-or-LINK "
                                   '(or source = "..." in toolkit.toml).')
        start_logging(ctx, config, cmd_verbose, cmd_quiet)
        result = guarded_run(config, lambda: daily_job(config, day, dry_run=dry_run),
                             scheduled=not sys.stdin.isatty())
    except ToolkitError as exc:
        log.error("run failed: %s", exc)
        fail(str(exc))
    if ctx.obj["quiet"] or cmd_quiet:
        return
    lines = summary_lines(result, dry_run=dry_run)
    if dry_run:
        lines += [f"  {t.name}: {len(t.rows)} rows" for t in result.plan.tabs]
        lines.append("Dry run: nothing was written.")
    else:
        lines.append(FIRST_TAB_HINT)
    click.echo("\n".join(lines))


@cli.command()
@click.option("--path", "path", type=click.Path(path_type=Path),
              default=Path("sample-shop.xlsx"), show_default=True,
              help="Where to write the sample workbook.")
@click.option("--today", help="Pretend today is this date (YYYY-MM-DD).")
@click.option("--fresh", is_flag=True, help="Make a new sample even if the file exists.")
@click.pass_context
def demo(ctx: click.Context, path: Path, today: str | None, fresh: bool) -> None:
    """Make a sample shop's workbook and run the daily job on it, to try things safely.

    Run it again after marking a draft `sent` in the sample to see the next morning.
    """
    from toolkit.demo import make_sample

    day = parse_today(today)
    try:
        made = make_sample(path, day, fresh=fresh)
        config = merge_cli(load_config(None), source=str(path),
                           business_name="Juniper & Crumb")
        start_logging(ctx, config, 0, False)
        result = daily_job(config, day)
    except ToolkitError as exc:
        fail(str(exc))
    click.echo(f"{'Made' if made else 'Using'} the sample workbook {path} "
               "(a made-up cafe-bakery with about 200 customers).")
    click.echo("\n".join([*summary_lines(result, dry_run=False), FIRST_TAB_HINT]))


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="customer-toolkit")


# Registers init, check, schedule and cron on the group (kept in their own module).
from toolkit import cli_setup  # noqa: E402, F401
