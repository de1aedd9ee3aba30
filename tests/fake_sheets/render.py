"""Cells in and out: what a read returns for each render option, what a write stores
for RAW and USER_ENTERED input."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .errors import ApiError
from .model import (
    DATE_TYPES,
    MAX_CELL_CHARS,
    Cell,
    from_serial,
    tidy_number,
    to_serial,
)

DEFAULT_PATTERNS = {"DATE": "M/d/yyyy", "DATE_TIME": "M/d/yyyy H:mm:ss", "TIME": "h:mm:ss"}
_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|.", re.I)
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def date_type(fmt: dict[str, Any] | None) -> tuple[str, str] | None:
    number = (fmt or {}).get("numberFormat") or {}
    kind = number.get("type")
    if kind in DATE_TYPES:
        return kind, number.get("pattern") or DEFAULT_PATTERNS[kind]
    return None


@functools.lru_cache(maxsize=64)
def _tokens(pattern: str) -> tuple[str, ...]:
    return tuple(_TOKENS.findall(pattern))


@functools.lru_cache(maxsize=4096)
def format_date(serial: float, kind: str, pattern: str) -> str:
    moment = from_serial(serial)
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time())
    tokens = _tokens(pattern)
    out = []
    for i, token in enumerate(tokens):
        low = token.lower()
        after_hour = any(t.lower() in ("h", "hh") for t in tokens[max(0, i - 2):i])
        before_second = any(t.lower() in ("s", "ss") for t in tokens[i + 1:i + 3])
        if low in ("m", "mm") and (after_hour or before_second):
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        else:
            out.append({
                "yyyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}",
                "mmmm": moment.strftime("%B"), "mmm": moment.strftime("%b"),
                "mm": f"{moment.month:02d}", "m": str(moment.month),
                "dddd": moment.strftime("%A"), "ddd": moment.strftime("%a"),
                "dd": f"{moment.day:02d}", "d": str(moment.day),
                "hh": f"{moment.hour:02d}", "h": str(moment.hour),
                "ss": f"{moment.second:02d}", "s": str(moment.second),
                "am/pm": "AM" if moment.hour < 12 else "PM",
            }.get(low, token))
    return "".join(out)


def render(cell: Cell, fmt: dict[str, Any] | None, value_option: str, date_option: str) -> Any:
    """One cell as values.get/batchGet returns it."""
    if cell.kind == "formula" and value_option == "FORMULA":
        return cell.formula
    value = cell.value
    if isinstance(value, bool):
        if value_option == "FORMATTED_VALUE":
            return "TRUE" if value else "FALSE"
        return value
    if isinstance(value, int | float):
        dated = date_type(fmt)
        if dated and (value_option == "FORMATTED_VALUE" or date_option == "FORMATTED_STRING"):
            return format_date(value, *dated)
        if value_option == "FORMATTED_VALUE":
            return str(tidy_number(value))
        return tidy_number(value)
    return value


def _check_length(text: str) -> None:
    if len(text) > MAX_CELL_CHARS:
        raise ApiError.invalid(
            f"Your input contains more than the maximum of {MAX_CELL_CHARS} characters in a "
            "single cell.")


def parse_input(value: Any, option: str) -> tuple[Cell | None, dict[str, Any] | None]:
    """What a written value becomes: (cell or None for empty, number format to set)."""
    if isinstance(value, bool):
        return Cell("bool", value), None
    if isinstance(value, int | float):
        return Cell("number", value), None
    if not isinstance(value, str):
        raise ApiError.invalid(f"Invalid value at 'data.values' ({type(value).__name__}): "
                               "only strings, numbers and booleans are allowed.")
    _check_length(value)
    if value == "":
        return None, None
    if option == "RAW":
        return Cell("text", value), None
    return _user_entered(value)


def _user_entered(text: str) -> tuple[Cell | None, dict[str, Any] | None]:
    """Roughly what typing `text` into a cell does (en_US locale)."""
    if text.startswith("'"):
        return Cell("text", text[1:]), None
    if text.startswith("="):
        return Cell("formula", "#NAME?", formula=text), None
    stripped = text.strip()
    if stripped.upper() in ("TRUE", "FALSE"):
        return Cell("bool", stripped.upper() == "TRUE"), None
    if _NUMBER.match(stripped):
        number = float(stripped)
        return Cell("number", tidy_number(number)), None
    for pattern, order in ((_ISO_DATE, (0, 1, 2)), (_US_DATE, (2, 0, 1))):
        match = pattern.match(stripped)
        if match:
            parts = [int(match.group(i + 1)) for i in order]
            try:
                day = dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                break
            return Cell("number", to_serial(day)), {"numberFormat": {
                "type": "DATE", "pattern": "yyyy-mm-dd" if pattern is _ISO_DATE else "M/d/yyyy"}}
    return Cell("text", text), None
