"""`customer-toolkit init`: the few questions, and a commented toolkit.toml.

The CLI asks the questions (it alone talks to the terminal); this module knows what to
ask, how to check an answer, and how to write the file. An existing file is never
overwritten.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import DEFAULT_LOG_NAME, DEFAULT_TIME, parse_time_of_day
from toolkit.errors import ConfigError
from toolkit.source import EXCEL_SUFFIXES, google_sheet_id

Answers = Mapping[str, str | None]


def check_source(text: str) -> str:
    """An Excel/ODS path or a Google Sheet link/id, else ConfigError."""
    value = text.strip()
    if google_sheet_id(value) is not None:
        return value
    if value and Path(value).suffix.lower() in EXCEL_SUFFIXES:
        return value
    raise ConfigError(
        f"source = {text!r}: give the path of your Excel workbook (ending in "
        f"{', '.join(EXCEL_SUFFIXES)}) or the link of your Google Sheet "
        "(https://docs.google.com/spreadsheets/d/...)."
    )


def _optional(text: str) -> str | None:
    return text.strip() or None


def _time(text: str) -> str:
    return parse_time_of_day(text or DEFAULT_TIME, where="time")


def _is_google_sheet(answers: Answers) -> bool:
    source = answers.get("source")
    return bool(source) and google_sheet_id(source or "") is not None


def _always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class InitQuestion:
    """One question of `init`. `key` is the keyword of write_init_config."""

    key: str
    question: str
    default: str | None  # None: an answer is required; "" may be left empty
    validate: Callable[[str], str | None]  # cleaned value (None: leave out) or ConfigError
    ask_if: Callable[[Answers], bool] = _always  # given the answers so far
    flag: str = ""  # the command-line flag that answers it without asking


INIT_QUESTIONS: tuple[InitQuestion, ...] = (
    InitQuestion(
        "source",
        "Where is your customer spreadsheet? (path of the Excel file, or the Google Sheet link)",
        None,
        check_source,
        flag="--source",
    ),
    InitQuestion(
        "credentials",
        "Path of the Google service-account key file (.json); leave empty to add it later",
        "",
        _optional,
        ask_if=_is_google_sheet,
        flag="--credentials",
    ),
    InitQuestion(
        "business_name",
        "Your business name, as it should appear in emails (leave empty to skip)",
        "",
        _optional,
        flag="--business-name",
    ),
    InitQuestion(
        "time",
        "At what time of day should the daily run happen? (24-hour HH:MM)",
        DEFAULT_TIME,
        _time,
        flag="--time",
    ),
)


def gather_init_answers(
    given: Answers,
    ask: Callable[[InitQuestion], str] | None,
    tell: Callable[[str], None],
) -> dict[str, str | None]:
    """Answers for write_init_config: flags first, then `ask` for the rest.

    `given` maps question keys to flag values (None: not given); a bad flag raises
    ConfigError. `ask` shows a question and returns the typed text; after a bad answer
    `tell` shows why and the question is asked again. With `ask=None` (no terminal)
    unanswered questions take their default, and a required one raises ConfigError.
    """
    answers: dict[str, str | None] = {}
    for question in INIT_QUESTIONS:
        flag_value = given.get(question.key)
        if flag_value is not None:
            answers[question.key] = question.validate(flag_value)
        elif not question.ask_if(answers):
            answers[question.key] = None
        elif ask is None:
            if question.default is None:
                raise ConfigError(f"{question.flag} is needed: {question.question}")
            answers[question.key] = question.validate(question.default)
        else:
            answers[question.key] = _ask_until_valid(question, ask, tell)
    return answers


def _ask_until_valid(
    question: InitQuestion, ask: Callable[[InitQuestion], str], tell: Callable[[str], None]
) -> str | None:
    while True:
        text = ask(question)
        if not text.strip() and question.default is not None:
            text = question.default
        try:
            return question.validate(text)
        except ConfigError as exc:
            tell(str(exc))


# ----------------------------------------------------------------------------- writing


def _toml_string(value: str) -> str:
    out = ['"']
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _as_written(value: str, folder: Path, cwd: Path) -> str:
    """A path as it goes into the file: relative to the file's folder when inside it."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = cwd / path
    path = path.resolve()
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)


_HEADER = (
    "# customer-toolkit settings for this computer.",
    "# Lines starting with # are notes. To use a setting shown as a note, remove the #.",
    "# Text goes in double quotes. Paths may be relative to this file's folder.",
    "# Your own preferences (sign-off, daily number of drafts, ...) live in the",
    "# Settings tab of your spreadsheet, not here.",
)

# key, example written as a note when there is no value, the explanation in owner words.
_SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("source", '"shop.xlsx"',
     "Your customer spreadsheet: the path of an Excel file, or a Google Sheet link."),
    ("credentials", '"service-account.json"',
     "Google Sheets only: the service-account key file that may open your sheet.\n"
     "The README section 'Google Sheets' shows how to make one. Keep it private."),
    ("business_name", '"My Shop"',
     "Your business name. It is copied into the Settings tab of your spreadsheet on\n"
     "the first run; after that, change it there."),
    ("schedule_time", f'"{DEFAULT_TIME}"',
     "When the daily run happens: 24-hour clock, this computer's local time."),
    ("log_file", f'"{DEFAULT_LOG_NAME}"',
     "Where each run writes what it did (old lines are cleared out automatically)."),
    ("date_order", '"dmy"',
     "Dates typed as text, like 03/04/2024, when your data cannot tell which is the\n"
     'day: "dmy" = day first (UK, Europe, Australia), "mdy" = month first (US).'),
    ("templates_dir", '"templates"',
     "Your own wording for draft emails: a folder of templates that replace the\n"
     "built-in ones file by file."),
    ("outbox_dir", '"outbox"',
     "Where the draft emails (.eml files) go. Normally an 'outbox' folder next to\n"
     "your workbook."),
    ("lock_wait_seconds", "30",
     "If a run starts while another is still working, how many seconds it waits."),
    ("busy_retry_minutes", "5",
     "If your workbook is open in Excel or LibreOffice, how many minutes to keep\n"
     "trying before giving up until the next run."),
)

_COLUMNS = (
    '# Columns the toolkit does not recognise by itself: toolkit name = "your header".',
    "# The README lists the toolkit names (name, email, phone, date, amount, ...).",
    "[columns]",
    '# email = "E-mail of client"',
)


def render_init_config(
    folder: Path,
    *,
    source: str,
    credentials: str | None,
    business_name: str | None,
    time: str,
    cwd: Path,
) -> str:
    """The text of a new toolkit.toml for a file in `folder` (paths made relative)."""
    if google_sheet_id(source) is None:
        source = _as_written(source, folder, cwd)
    if credentials is not None:
        credentials = _as_written(credentials, folder, cwd)
    values = {"source": source, "credentials": credentials,
              "business_name": business_name, "schedule_time": time}
    lines = list(_HEADER)
    for key, example, notes in _SETTINGS:
        lines.append("")
        lines.extend(f"# {note}" for note in notes.split("\n"))
        value = values.get(key)
        lines.append(f"# {key} = {example}" if value is None else f"{key} = {_toml_string(value)}")
    lines.append("")
    lines.extend(_COLUMNS)
    return "\n".join(lines) + "\n"


def write_init_config(
    path: Path,
    *,
    source: str,
    credentials: str | None = None,
    business_name: str | None = None,
    time: str = DEFAULT_TIME,
    cwd: Path | None = None,
) -> Path:
    """Write a new commented toolkit.toml at `path` and return its absolute path.

    Relative `source`/`credentials` are taken from `cwd` (default: the current folder)
    and written relative to the new file's folder. Never overwrites: an existing file
    raises ConfigError with the next step.
    """
    path = path.expanduser().resolve()
    source = check_source(source)
    time = parse_time_of_day(time, where="time")
    text = render_init_config(
        path.parent,
        source=source,
        credentials=credentials,
        business_name=business_name,
        time=time,
        cwd=(cwd or Path.cwd()).resolve(),
    )
    tomllib.loads(text)  # a bug here must never leave a broken file behind
    refusal = ConfigError(
        f"{path} already exists, and I never overwrite a settings file. Open it in a text "
        "editor to change it, or delete it first if you really want to start again."
    )
    if path.exists():
        raise refusal
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline=os.linesep) as handle:
            handle.write(text)
    except FileExistsError:  # created between the check and the write
        raise refusal from None
    return path
