"""The `demo` command's edge: write the built-in sample shop's workbook to disk."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from toolkit.excel.sample_writer import write_new_workbook
from toolkit.sample import build_sample

log = logging.getLogger(__name__)


def make_sample(path: Path, today: dt.date, *, fresh: bool = False) -> bool:
    """Write the sample workbook unless it already exists. True when it was (re)made.

    Keeping an existing sample lets the owner try the review loop: mark a draft sent in
    the sample, run the demo again, and watch the next morning's tabs respect it.
    """
    if path.exists() and not fresh:
        log.info("keeping the existing sample workbook %s", path)
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new_workbook(path, build_sample(today))
    log.info("wrote the sample workbook %s", path)
    return True
