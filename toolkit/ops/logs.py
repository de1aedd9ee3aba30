"""Logging for unattended runs: a small rotating file, a console that follows -v/--quiet,
and a safety net that keeps secrets and draft bodies out of both.

The pipeline never logs credentials or email bodies. The filter here is the second line
of defence: a record marked `extra={"sensitive": True}` is dropped whole, and anything
that looks like a private key (PEM block), a bearer/access/refresh token, a JWT, or a
value under a key such as "private_key", "client_secret", "token" or "password" is
replaced by [redacted] before any handler writes it, tracebacks included.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from toolkit.errors import ConfigError

REDACTED = "[redacted]"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_OURS = "_customer_toolkit_handler"

_SECRET_KEYS = (
    r"private_key(?:_id)?|client_secret|(?:access|refresh|id)_token|token|secret"
    r"|password|passwd|api_key|apikey|assertion|authorization|x-goog-api-key"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # A PEM block, whole, or from BEGIN to the end when it was cut off.
    (re.compile(r"-----BEGIN [A-Z0-9 ]*-----.*?(?:-----END [A-Z0-9 ]*-----|\Z)", re.S),
     REDACTED),
    # "private_key": "...", 'token': '...', password=..., in JSON, repr or URL form.
    (re.compile(
        rf"""(?P<key>(?<![\w-])["']?(?:{_SECRET_KEYS})["']?\s*[:=]\s*)"""
        r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}\])]+)""",
        re.I,
    ), rf"\g<key>'{REDACTED}'"),
    (re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+", re.I), rf"\1 {REDACTED}"),
    (re.compile(r"\bya29\.[\w.-]+"), REDACTED),  # Google OAuth access token
    (re.compile(r"\b1//[\w-]{20,}"), REDACTED),  # Google refresh token
    (re.compile(r"\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*"), REDACTED),  # JWT
    (re.compile(r"[A-Za-z0-9+/]{100,}={0,2}"), REDACTED),  # key material without headers
)


def redact(text: str) -> str:
    """`text` with everything that looks like a secret replaced by [redacted]."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactFilter(logging.Filter):
    """Drops records marked sensitive; redacts secrets in message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "sensitive", False):
            return False
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep the raw format string only
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _OriginFilter(logging.Filter):
    """Other libraries' chatter (gspread, urllib3, google-auth) only at -vv."""

    def __init__(self, show_libraries: bool) -> None:
        super().__init__()
        self._show = show_libraries

    def filter(self, record: logging.LogRecord) -> bool:
        if self._show or record.levelno >= logging.WARNING:
            return True
        return record.name == "toolkit" or record.name.startswith("toolkit.")


class OneLineFormatter(logging.Formatter):
    """One entry, one line: newlines (tracebacks included) become " | "; redacted."""

    def __init__(self, fmt: str = LOG_FORMAT, *, tracebacks: bool = True) -> None:
        super().__init__(fmt, DATE_FORMAT)
        self._tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if not self._tracebacks and (record.exc_info or record.exc_text):
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None,
                                            "exc_text": None, "stack_info": None})
        text = redact(super().format(record))
        return " | ".join(part for part in text.splitlines() if part.strip())


class _ConsoleFormatter(OneLineFormatter):
    """On a terminal: the plain message, with "warning:"/"error:" in front when needed."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if record.levelno >= logging.ERROR:
            return f"error: {text}"
        if record.levelno >= logging.WARNING:
            return f"warning: {text}"
        return text


def _mark(handler: logging.Handler, level: int, show_libraries: bool) -> logging.Handler:
    handler.setLevel(level)
    handler.addFilter(RedactFilter())
    handler.addFilter(_OriginFilter(show_libraries))
    setattr(handler, _OURS, True)
    return handler


def teardown_logging() -> None:
    """Remove and close the handlers setup_logging installed (safe to call twice)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OURS, False):
            root.removeHandler(handler)
            handler.close()


def _not_from_cli(record: logging.LogRecord) -> bool:
    """The CLI tells the person at the terminal itself; its records go to the file only."""
    return not record.name.startswith("toolkit.cli")


def setup_logging(
    log_file: Path | None, *, verbosity: int = 0, quiet: bool = False, is_tty: bool = False
) -> list[logging.Handler]:
    """Send log records to `log_file` (rotating) and to stderr; returns the handlers.

    File: INFO and up (DEBUG with -v), one timestamped line per entry, tracebacks
    folded onto the line. Console: errors only with --quiet, warnings by default (the
    CLI prints a plain summary itself), DEBUG with -v; the CLI's own records (it prints its
    own `Error:` line) stay off the console; tracebacks only with -v; timestamps when
    stderr is not a terminal (cron, systemd).
    -vv also shows other libraries' debug lines. Calling it again replaces the previous set-up.
    Raises ConfigError when the log file cannot be opened.
    """
    teardown_logging()
    show_libraries = verbosity >= 2
    detail = logging.DEBUG if verbosity >= 1 else logging.INFO
    handlers: list[logging.Handler] = []
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        except OSError as exc:
            raise ConfigError(
                f"log_file: cannot write the log file {log_file} ({exc.strerror}). Set "
                "log_file in toolkit.toml (or --log-file) to a file in a folder you can "
                "write to."
            ) from None
        file_handler.setFormatter(OneLineFormatter())
        handlers.append(_mark(file_handler, detail, show_libraries))
    console = logging.StreamHandler()  # stderr
    console_format = "%(message)s" if is_tty else LOG_FORMAT
    console_class = _ConsoleFormatter if is_tty else OneLineFormatter
    console.setFormatter(console_class(console_format, tracebacks=verbosity >= 1))
    console_level = logging.ERROR if quiet else detail if verbosity >= 1 else logging.WARNING
    console.addFilter(_not_from_cli)
    handlers.append(_mark(console, console_level, show_libraries))

    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbosity >= 1 else logging.INFO)
    for handler in handlers:
        root.addHandler(handler)
    return handlers
