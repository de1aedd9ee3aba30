"""One call that puts the operational guards around a run: the only run on its source
(RunLock), and retried while the owner has the workbook open (retry_while_busy).

Retrying the whole run, not only its write, is deliberate: a run is repeatable for the
same day, and re-reading picks up whatever the owner saved before closing the workbook.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from toolkit.config import Config
from toolkit.errors import ConfigError
from toolkit.ops.busy import retry_while_busy
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
