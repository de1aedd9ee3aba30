"""One call that puts the operational guards around a run: the only run on its source
(RunLock), and retried while the owner has the workbook open (retry_while_busy).

Retrying the whole run, not only its write, is deliberate: a run is repeatable for the
same day, and re-reading picks up whatever the owner saved before closing the workbook.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from toolkit.config import Config
from toolkit.errors import ConfigError, WorkbookBusyError
from toolkit.ops.busy import owner_lock_files, retry_while_busy
from toolkit.ops.runlock import RunLock, source_label
from toolkit.source import google_sheet_id

T = TypeVar("T")


def guarded_run(
    config: Config,
    work: Callable[[], T],
    *,
    scheduled: bool,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    sleep: Callable[[float], None] = time.sleep,
    lock_dir: Path | None = None,
    logger: logging.Logger | None = None,
) -> T:
    """Run `work()` as the only run on `config.source`, retrying while it is busy.

    `scheduled` says a scheduler will run again at `config.schedule_time` (the message
    after giving up then names that time; otherwise it says to run the command again).
    Raises WorkbookBusyError (another run holds the source, or the workbook stayed open)
    and whatever `work` raises.
    """
    if not config.source:
        raise ConfigError(
            "No spreadsheet given: pass --source PATH or a Google Sheet link, or set "
            'source = "..." in toolkit.toml.'
        )
    source = config.source
    workbook = None if google_sheet_id(source) is not None else Path(source)
    with RunLock(source, wait_seconds=config.lock_wait_seconds, lock_dir=lock_dir, now=now,
                 sleep=sleep):
        return retry_while_busy(
            work,
            workbook=workbook,
            retry_minutes=config.busy_retry_minutes,
            label=source_label(source),
            schedule_time=config.schedule_time if scheduled else None,
            now=now,
            sleep=sleep,
            logger=logger,
        )


def write_blockers(source: str, *, lock_dir: Path | None = None) -> list[str]:
    """For `check`: what would stop a run from writing `source` right now, in owner
    words (empty: nothing). Covers another run in progress and, for a workbook file,
    Excel/LibreOffice having it open and file or folder permissions (the safe save writes
    a new file beside the workbook, so the folder must be writable too). Google Sheets
    sharing is the Sheets adapter's to check."""
    blockers: list[str] = []
    try:
        with RunLock(source, wait_seconds=0, lock_dir=lock_dir):
            pass
    except WorkbookBusyError as exc:
        blockers.append(str(exc))
    if google_sheet_id(source) is not None:
        return blockers
    workbook = Path(source)
    name = workbook.name
    if owner_lock_files(workbook):
        files = ", ".join(f.name for f in owner_lock_files(workbook))
        blockers.append(f"{name} is open in Excel or LibreOffice ({files} is next to it); "
                        "close it before the run.")
    if workbook.exists() and not os.access(workbook, os.W_OK):
        blockers.append(f"{name} is read-only: untick read-only in its properties, or copy "
                        "it to a folder of your own.")
    if not os.access(workbook.parent, os.W_OK):
        blockers.append(f"I cannot create files in {workbook.parent}, which the safe save "
                        "needs: move the workbook to a folder of your own.")
    return blockers
