"""The `customer-toolkit` command line. The only module that prints or exits.

Errors go to stderr as `Error: ...` with exit code 1; usage errors exit 2 (click).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from toolkit import __version__
from toolkit.config import DEFAULT_CONFIG_NAME, Config, load_config
from toolkit.errors import ToolkitError
from toolkit.pipeline import RunOptions, RunResult, run_daily
from toolkit.source import google_sheet_id, open_source

log = logging.getLogger("toolkit")

FIRST_TAB_HINT = "Open the 'Follow-ups' tab first: it is today's personal to-do list."


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like 2026-11-22.",
                                 param_hint="--today") from None


def _config(path: Path | None) -> Config:
    if path is None and Path(DEFAULT_CONFIG_NAME).is_file():
        path = Path(DEFAULT_CONFIG_NAME)
    return load_config(path)


def _outbox_for(source: str, config: Config) -> Path | None:
    if config.outbox_dir is not None:
        return Path(config.outbox_dir)
    if google_sheet_id(source) is not None:
        return None
    return Path(source).expanduser().resolve().parent / "outbox"


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

    Start with `customer-toolkit demo` to see it on a sample shop.
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    ctx.obj["quiet"] = quiet
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                           logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr)


def _summarise(result: RunResult, *, dry_run: bool) -> list[str]:
    rec = result.record
    names = [tab.name for tab in result.plan.tabs]
    verb = "Would write" if dry_run else "Wrote"
    lines = [
        f"Read {rec.rows_read} rows: {rec.customers} customers.",
        f"{verb} {len(names)} tabs into {result.report.target if result.report else rec.source}:"
        f" {', '.join(names)}.",
        f"Today: {rec.followups} people to follow up, {rec.drafts} new email drafts to review.",
    ]
    if rec.problems:
        lines.append(f"{rec.problems} data problems: see the 'Data problems' tab "
                     "(the run went on without them).")
    if result.report and result.report.backup:
        lines.append(f"Your previous version is kept as {result.report.backup}.")
    for note in result.report.notes if result.report else ():
        lines.append(note)
    if result.eml_files:
        lines.append(f"Drafts are also in {result.eml_files[0].parent} as .eml files "
                     "(open one, edit, send).")
    return lines


def _dry_run_listing(result: RunResult) -> list[str]:
    lines = []
    for tab in result.plan.tabs:
        lines.append(f"  {tab.name}: {len(tab.rows)} rows ({', '.join(tab.header[:6])}...)")
    return lines


def _run(source: str, options: RunOptions, credentials: str | None) -> RunResult:
    workbook = open_source(source, credentials)
    return run_daily(workbook, options)


@cli.command()
@click.option("--source", help="Your workbook (.xlsx) or Google Sheet link. "
              "Default: `source` in toolkit.toml.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Settings file (default: ./toolkit.toml when it exists).")
@click.option("--credentials", help="Google service-account key file (Google Sheets only).")
@click.option("--today", help="Pretend today is this date (YYYY-MM-DD), e.g. to re-run a day.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; change nothing.")
def run(source: str | None, config_path: Path | None, credentials: str | None,
        today: str | None, dry_run: bool) -> None:
    """Run the daily job now: read, score, plan follow-ups, write the tabs back."""
    day = _parse_today(today)
    try:
        config = _config(config_path)
        source = source or config.source
        if not source:
            raise click.UsageError("Tell me which spreadsheet: --source PATH-or-LINK "
                                   "(or `source = ...` in toolkit.toml).")
        options = _options(config, source, day, dry_run)
        result = _run(source, options, credentials or config.credentials)
    except ToolkitError as exc:
        _fail(str(exc))
    lines = _summarise(result, dry_run=dry_run)
    if dry_run:
        lines += _dry_run_listing(result)
        lines.append("Dry run: nothing was written.")
    else:
        lines.append(FIRST_TAB_HINT)
    for line in lines:
        click.echo(line)


def _options(config: Config, source: str, day: dt.date, dry_run: bool) -> RunOptions:
    return RunOptions(
        today=day, dry_run=dry_run, columns=dict(config.columns),
        date_order=config.date_order,
        templates_dir=Path(config.templates_dir) if config.templates_dir else None,
        outbox_dir=_outbox_for(source, config), business_name=config.business_name,
    )


@cli.command()
@click.option("--path", "path", type=click.Path(path_type=Path),
              default=Path("sample-shop.xlsx"), show_default=True,
              help="Where to write the sample workbook.")
@click.option("--today", help="Pretend today is this date (YYYY-MM-DD).")
@click.option("--fresh", is_flag=True, help="Make a new sample even if the file exists.")
def demo(path: Path, today: str | None, fresh: bool) -> None:
    """Make a sample shop's workbook and run the daily job on it, to try things safely."""
    from toolkit.demo import make_sample

    day = _parse_today(today)
    try:
        made = make_sample(path, day, fresh=fresh)
        options = RunOptions(today=day, outbox_dir=path.resolve().parent / "outbox",
                             business_name="Juniper & Crumb")
        result = run_daily(open_source(str(path)), options)
    except ToolkitError as exc:
        _fail(str(exc))
    click.echo(f"{'Made' if made else 'Using'} the sample workbook {path} "
               "(a made-up cafe-bakery with about 200 customers).")
    for line in _summarise(result, dry_run=False):
        click.echo(line)
    click.echo(FIRST_TAB_HINT)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="customer-toolkit")
