"""A workbook the owner has open: notice it, wait a few minutes, then give up politely.

Excel leaves `~$NAME.xlsx` next to a workbook it has open (Word-style naming replaces
the first two letters instead, so both spellings are checked) and LibreOffice leaves
`.~lock.NAME.xlsx#`. Windows may also refuse the write outright (PermissionError), and an
adapter may raise WorkbookBusyError itself. In every case nothing is written; the run
retries for `busy_retry_minutes`, then raises WorkbookBusyError ending with "close the
workbook and I will run again at HH:MM" (the next scheduled time when there is one).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from toolkit.errors import WorkbookBusyError
from toolkit.ops.scheduler import describe_run_time, next_run_after

T = TypeVar("T")
CHECK_EVERY_SECONDS = 30.0

_log = logging.getLogger(__name__)


def owner_lock_files(workbook: Path) -> list[Path]:
    """The Excel / LibreOffice "open by someone" files next to `workbook` that exist."""
    folder, name = workbook.parent, workbook.name
    candidates = [folder / f"~${name}", folder / f".~lock.{name}#"]
    if len(workbook.stem) > 2:
        candidates.append(folder / f"~${name[2:]}")
    return [path for path in dict.fromkeys(candidates) if path.is_file()]


def _describe_lock_files(files: list[Path]) -> str:
    programs = sorted({"LibreOffice" if f.name.startswith(".~lock.") else "Excel" for f in files})
    names = ", ".join(f.name for f in files)
    return f"it is open in {' or '.join(programs)} (I can see {names} next to it)"


def retry_while_busy(
    attempt: Callable[[], T],
    *,
    workbook: Path | None,
    retry_minutes: float,
    label: str | None = None,
    schedule_time: str | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    sleep: Callable[[float], None] = time.sleep,
    check_every_seconds: float = CHECK_EVERY_SECONDS,
    logger: logging.Logger | None = None,
) -> T:
    """Call `attempt` once the workbook is free; retry while it is busy; return its result.

    Busy means: an owner lock file next to `workbook`, or `attempt` raising
    WorkbookBusyError or (for a local workbook only) PermissionError. For a Google Sheet
    pass `workbook=None`: no lock files, and a PermissionError (gspread's "not shared"
    403) is not mistaken for busy. `attempt` must be safe to
    repeat after such a failure (the Excel adapter's atomic save is: it replaces the file
    only once the new one is complete). After `retry_minutes`, raises WorkbookBusyError
    with the reason and "close the workbook and I will run again at ..." (the next
    `schedule_time`, or "run the command again" without one).
    """
    log = logger or _log
    name = label or (workbook.name if workbook is not None else "the workbook")
    deadline = now() + dt.timedelta(minutes=retry_minutes)
    lock_files: list[Path] = []
    while True:
        lock_files = owner_lock_files(workbook) if workbook is not None else []
        if lock_files:
            reason = _describe_lock_files(lock_files)
        else:
            try:
                return attempt()
            except WorkbookBusyError as exc:
                reason = str(exc).rstrip(".")
            except PermissionError as exc:
                if workbook is None:  # Google: a 403 (not shared) arrives as PermissionError
                    raise
                reason = (
                    "the computer refused to write it "
                    f"({exc.strerror or 'permission denied'}), usually because it is open"
                )
        remaining = (deadline - now()).total_seconds()
        if remaining <= 0:
            raise WorkbookBusyError(
                _give_up_message(name, reason, retry_minutes, lock_files, schedule_time, now())
            )
        pause = min(check_every_seconds, remaining)
        log.warning("%s: %s; trying again in %.0f s.", name, reason, pause)
        sleep(pause)


def wait_until_free(
    workbook: Path,
    *,
    retry_minutes: float,
    schedule_time: str | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    sleep: Callable[[float], None] = time.sleep,
    check_every_seconds: float = CHECK_EVERY_SECONDS,
    logger: logging.Logger | None = None,
) -> None:
    """Return once no Excel/LibreOffice lock file sits next to `workbook`; WorkbookBusyError
    after `retry_minutes`."""
    retry_while_busy(
        lambda: None,
        workbook=workbook,
        retry_minutes=retry_minutes,
        schedule_time=schedule_time,
        now=now,
        sleep=sleep,
        check_every_seconds=check_every_seconds,
        logger=logger,
    )


def _give_up_message(
    name: str,
    reason: str,
    retry_minutes: float,
    lock_files: list[Path],
    schedule_time: str | None,
    moment: dt.datetime,
) -> str:
    waited = f" I kept trying for {retry_minutes:g} minutes." if retry_minutes > 0 else ""
    if schedule_time is not None:
        when = describe_run_time(moment, next_run_after(moment, schedule_time))
        step = f"Close the workbook and I will run again at {when}."
    else:
        step = "Close the workbook, then run the command again."
    leftover = ""
    if lock_files:
        leftover = (
            f" If it is not open anywhere, delete {', '.join(str(f) for f in lock_files)}: "
            "Excel and LibreOffice leave that file behind when they crash."
        )
    return f"{name}: {reason}. Nothing was written.{waited} {step}{leftover}"
