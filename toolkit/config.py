"""toolkit.toml: the machine settings of one installation, validated on every load.

Only what the computer needs lives here: where the spreadsheet is, the Google key, when
to run, where to log, how to read ambiguous dates, extra column names. What the owner
tunes (business name, sign-off, weights, caps) lives in the spreadsheet's Settings tab;
`business_name` is accepted here only to seed that tab on the first run.

Relative paths in the file are relative to the file's own folder, so a scheduled run
started from any directory finds the same workbook, key, templates and log.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

from toolkit.errors import ConfigError
from toolkit.source import google_sheet_id

DEFAULT_CONFIG_NAME = "toolkit.toml"
DEFAULT_LOG_NAME = "customer-toolkit.log"
DEFAULT_TIME = "07:00"
DATE_ORDERS = ("dmy", "mdy")

DateOrder = Literal["dmy", "mdy"]

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# Settings an owner might try to put here, but which belong to the spreadsheet.
_SETTINGS_TAB_KEYS = frozenset(
    {"owner_name", "sign_off", "signoff", "weights", "daily_cap", "cap", "cool_down",
     "cool_down_days", "cooldown", "margin", "default_margin", "hourly_rate"}
)


def _empty_columns() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Config:
    """Validated machine settings. Paths are absolute once loaded from a file."""

    path: Path | None = None  # the toolkit.toml these came from (None: built-in defaults)
    source: str | None = None  # workbook path (absolute) or Google Sheet link / id
    credentials: str | None = None  # service-account key path (absolute)
    business_name: str | None = None  # only to seed the Settings tab on the first run
    schedule_time: str = DEFAULT_TIME  # "HH:MM", local time
    log_file: Path | None = None  # None: no log file (no toolkit.toml either)
    date_order: DateOrder | None = None  # for text dates the data cannot decide
    templates_dir: Path | None = None  # the owner's draft templates (override defaults)
    outbox_dir: Path | None = None  # None: an "outbox" folder next to the workbook
    columns: Mapping[str, str] = field(default_factory=_empty_columns)  # field -> header
    lock_wait_seconds: float = 30.0  # how long a second run waits for the first
    busy_retry_minutes: float = 5.0  # how long to retry while the owner has it open


# ----------------------------------------------------------------- value checks (shared)


def parse_time_of_day(text: str, *, where: str = "schedule_time") -> str:
    """"7:05" or "07:05" -> "07:05"; anything else is a ConfigError naming `where`."""
    match = _TIME.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ConfigError(
            f"{where} = {text!r} is not a time of day. Use 24-hour HH:MM, for example "
            '"07:00" for seven in the morning or "18:30" for half past six in the evening.'
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_date_order(text: str, *, where: str = "date_order") -> DateOrder:
    """"dmy" or "mdy" (any case); anything else is a ConfigError naming `where`."""
    value = text.strip().lower() if isinstance(text, str) else ""
    if value not in DATE_ORDERS:
        raise ConfigError(
            f"{where} = {text!r} is not allowed. Use \"dmy\" (31/12/2024, day first) or "
            '"mdy" (12/31/2024, month first), or leave it out to let the data decide.'
        )
    return cast(DateOrder, value)


def resolve_path(text: str, base: Path) -> Path:
    """`~` expanded; a relative path is taken from `base` (the config file's folder)."""
    path = Path(text).expanduser()
    return (path if path.is_absolute() else base / path).resolve()


def resolve_source(text: str, base: Path) -> str:
    """A Google Sheet link/id stays as typed; a workbook path is made absolute."""
    if google_sheet_id(text) is not None:
        return text.strip()
    return str(resolve_path(text.strip(), base))


# ----------------------------------------------------------------------------- loading


def default_config_path(folder: Path) -> Path | None:
    """`folder/toolkit.toml` when it exists (the CLI's default for --config), else None."""
    candidate = folder / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read and validate `path`; None gives the built-in defaults.

    Raises ConfigError naming the file, the key and the allowed values.
    """
    if path is None:
        return Config()
    path = path.expanduser().resolve()
    data = _read_toml(path)
    return _build(data, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such settings file. Check the --config path, or create one with "
            "`customer-toolkit init`."
        ) from None
    except IsADirectoryError:
        raise ConfigError(
            f"{path} is a folder, not a settings file. Point --config at the "
            f"{DEFAULT_CONFIG_NAME} file inside it."
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")  # Notepad may add a byte-order mark
        return tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(
            f"{path}: the file is not plain UTF-8 text. Save it again as UTF-8 "
            "(in Notepad: File, Save as, Encoding: UTF-8)."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: this is not a valid settings file ({exc}). Text values need quotes, "
            'for example source = "shop.xlsx"; lines starting with # are comments.'
        ) from None


_Check = Callable[[str, Any, Path], Any]


def _text(key: str, value: Any, base: Path) -> str | None:
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be text in quotes, for example {key} = \"...\".")
    return value.strip() or None


def _path(key: str, value: Any, base: Path) -> Path | None:
    text = _text(key, value, base)
    return None if text is None else resolve_path(text, base)


def _source(key: str, value: Any, base: Path) -> str | None:
    text = _text(key, value, base)
    return None if text is None else resolve_source(text, base)


def _credentials(key: str, value: Any, base: Path) -> str | None:
    path = _path(key, value, base)
    return None if path is None else str(path)


def _time(key: str, value: Any, base: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(f'{key} must be a time in quotes, for example {key} = "07:00".')
    return parse_time_of_day(value, where=key)


def _date_order(key: str, value: Any, base: Path) -> DateOrder | None:
    if not isinstance(value, str):
        raise ConfigError(f'{key} must be "dmy" or "mdy" in quotes.')
    return None if not value.strip() else parse_date_order(value, where=key)


def _number(low: float, high: float, unit: str) -> _Check:
    def check(key: str, value: Any, base: Path) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not low <= float(value) <= high:
            raise ConfigError(
                f"{key} = {value!r} is not allowed: use a number of {unit} from {low:g} "
                f"to {high:g}, without quotes, for example {key} = {high / 10:g}."
            )
        return float(value)

    return check


def _columns(key: str, value: Any, base: Path) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(
            f"{key} must be a section: a line [columns] followed by lines like "
            'email = "E-mail of client".'
        )
    mapping: dict[str, str] = {}
    for name, header in value.items():
        if not isinstance(header, str) or not header.strip():
            raise ConfigError(
                f"[columns] {name} = {header!r}: the value must be the header text of "
                f'your column in quotes, for example {name} = "My column".'
            )
        mapping[name] = header.strip()
    return MappingProxyType(mapping)


_KEYS: dict[str, _Check] = {
    "source": _source,
    "credentials": _credentials,
    "business_name": _text,
    "schedule_time": _time,
    "log_file": _path,
    "date_order": _date_order,
    "templates_dir": _path,
    "outbox_dir": _path,
    "columns": _columns,
    "lock_wait_seconds": _number(0, 3600, "seconds"),
    "busy_retry_minutes": _number(0, 240, "minutes"),
}


def known_keys() -> tuple[str, ...]:
    """Every key toolkit.toml may hold, in the order `init` writes them."""
    return tuple(_KEYS)


def _unknown_key_message(key: str) -> str:
    if key.lower() in _SETTINGS_TAB_KEYS:
        return (
            f"{key} is not a machine setting: it lives in the Settings tab of your "
            "spreadsheet (the toolkit creates that tab on its first run). Remove it here."
        )
    guess = difflib.get_close_matches(key, _KEYS, n=1)
    hint = f' Did you mean "{guess[0]}"?' if guess else ""
    return f"unknown setting {key!r}.{hint} Allowed settings: {', '.join(_KEYS)}."


def _build(data: Mapping[str, Any], path: Path) -> Config:
    base = path.parent
    values: dict[str, Any] = {}
    for key, value in data.items():
        check = _KEYS.get(key)
        try:
            if check is None:
                raise ConfigError(_unknown_key_message(key))
            values[key] = check(key, value, base)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None
    values = {key: value for key, value in values.items() if value is not None}
    values.setdefault("log_file", base / DEFAULT_LOG_NAME)
    return Config(path=path, **values)


# ------------------------------------------------------------------ command-line values


def merge_cli(
    config: Config,
    *,
    cwd: Path | None = None,
    source: str | None = None,
    credentials: str | None = None,
    business_name: str | None = None,
    schedule_time: str | None = None,
    log_file: str | Path | None = None,
    date_order: str | None = None,
    templates_dir: str | Path | None = None,
    outbox_dir: str | Path | None = None,
) -> Config:
    """`config` with every non-None command-line value in its place (flags win).

    Command-line paths are relative to `cwd` (default: the current folder), not to the
    config file. Bad values raise ConfigError naming the setting.
    """
    base = (cwd or Path.cwd()).resolve()
    changes: dict[str, Any] = {}
    if source is not None:
        changes["source"] = resolve_source(source, base)
    if credentials is not None:
        changes["credentials"] = str(resolve_path(credentials, base))
    if business_name is not None:
        changes["business_name"] = business_name.strip() or None
    if schedule_time is not None:
        changes["schedule_time"] = parse_time_of_day(schedule_time, where="--time")
    if log_file is not None:
        changes["log_file"] = resolve_path(str(log_file), base)
    if date_order is not None:
        changes["date_order"] = parse_date_order(date_order, where="--date-order")
    if templates_dir is not None:
        changes["templates_dir"] = resolve_path(str(templates_dir), base)
    if outbox_dir is not None:
        changes["outbox_dir"] = resolve_path(str(outbox_dir), base)
    return replace(config, **changes)
