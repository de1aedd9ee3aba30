"""`customer-toolkit cron`: the crontab line for the daily run.

Cron starts with an almost empty environment and no current folder, so every path in
the line is absolute: the interpreter (kept as the virtual environment's own link, not
resolved, so the environment's packages are used), the config file and the log. Output
is appended to the log file, so even a crash before logging starts leaves a trace.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from toolkit.config import parse_time_of_day
from toolkit.errors import ConfigError


def _absolute(path: str | Path, what: str) -> str:
    text = os.path.abspath(os.path.expanduser(str(path)))  # no symlink resolving (venvs)
    if "\n" in text or "\r" in text:
        raise ConfigError(f"{what} {text!r}: a path with a line break cannot go in a crontab.")
    return text


def _crontab_word(text: str) -> str:
    # Cron turns an unescaped % into a line break before the shell sees the command.
    return shlex.quote(text).replace("%", "\\%")


def cron_line(
    config_path: Path,
    time: str,
    *,
    python: str = sys.executable,
    log_file: Path,
    command: Sequence[str] = ("run", "--quiet"),
) -> str:
    """The crontab line that runs `python -m toolkit <command> --config CONFIG` every day
    at `time` ("HH:MM", this computer's local time), appending output to `log_file`."""
    hour, minute = (int(part) for part in parse_time_of_day(time).split(":"))
    words = [
        _crontab_word(_absolute(python, "interpreter")),
        "-m",
        "toolkit",
        *(_crontab_word(word) for word in command),
        "--config",
        _crontab_word(_absolute(config_path, "config file")),
    ]
    log = _crontab_word(_absolute(log_file, "log file"))
    return f"{minute} {hour} * * * {' '.join(words)} >> {log} 2>&1"
