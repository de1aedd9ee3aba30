"""Reading dates: real date cells, Excel serial numbers, ISO text, d/m/y or m/d/y text,
and written months ("12 Mar 2025", "March 12, 2025").

Whether "03/04/2025" means 3 April or 4 March is decided per column from the data
(`decide_order`): a first number above 12 means day/month/year, a second number above 12
means month/day/year. When no date in a column settles it, the caller uses the layout
it recognised, then `date_order` from toolkit.toml, and otherwise reads day/month/year and
reports the column once, so nothing is guessed silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from toolkit.model import CellValue
from toolkit.normalise.parse import CellError, is_blank, squash

DateOrder = Literal["dmy", "mdy"]

EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel 1900 system, valid after 1900-02-28
# Serial numbers read as dates: 1927-05-18 .. 2199-12-31. A smaller number in a date column
# (a year such as 2025, a count) is far likelier a mistake than a purchase before 1927.
_MIN_SERIAL, _MAX_SERIAL = 10_000, 109_574

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1,
):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

_TAIL = r"(?:$|[T\s,].*)"  # a time or zone may follow the date
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TAIL)
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})" + _TAIL)
_DAY_MONTH = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[\s\-./]*([a-z]+)\.?[\s\-./,]*(\d{4}|\d{2})" + _TAIL,
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"([a-z]+)\.?[\s\-./]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-./]*(\d{4})" + _TAIL, re.IGNORECASE
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _make(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError("not a real date") from exc


def numeric_parts(text: str) -> tuple[int, int, int] | None:
    """The three numbers of a d/m/y or m/d/y text date, or None for any other form."""
    match = _NUMERIC.fullmatch(squash(text))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), _year(match.group(3))


def from_serial(number: float) -> dt.date:
    if not _MIN_SERIAL <= number <= _MAX_SERIAL:
        if 19000101 <= number <= 21001231 and float(number).is_integer():
            text = str(int(number))  # 20250312 typed as a number
            return _make(int(text[:4]), int(text[4:6]), int(text[6:]))
        raise CellError("a number that is not a date")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def parse_date(value: CellValue, order: DateOrder = "dmy") -> dt.date | None:
    """A date from any cell; None when blank. `order` is used only for numeric text whose
    two first numbers are both 12 or less; otherwise the only possible reading is used."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("a tick box, not a date")
    if isinstance(value, int | float):
        return from_serial(value)
    if is_blank(value):
        return None
    return _parse_text(squash(value), order)


def _parse_text(text: str, order: DateOrder) -> dt.date:
    text = _WEEKDAY.sub("", text)
    if match := _ISO.fullmatch(text):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if parts := numeric_parts(text):
        first, second, year = parts
        day, month = (first, second) if order == "dmy" else (second, first)
        if month > 12 >= day:  # only the other reading is possible
            day, month = month, day
        return _make(year, month, day)
    if match := _DAY_MONTH.fullmatch(text):
        month_number = MONTHS.get(match.group(2).casefold())
        if month_number:
            return _make(_year(match.group(3)), month_number, int(match.group(1)))
    if match := _MONTH_DAY.fullmatch(text):
        month_number = MONTHS.get(match.group(1).casefold())
        if month_number:
            return _make(int(match.group(3)), month_number, int(match.group(2)))
    if match := _COMPACT.fullmatch(text):
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return from_serial(float(text))
    raise CellError("not a date")


# --------------------------------------------------------------------------- per column


@dataclass(frozen=True)
class OrderEvidence:
    """What the numeric text dates of one column say about day/month order."""

    order: DateOrder | None  # decided by the data; None when the data does not say
    ambiguous: int  # dates that read both ways (e.g. 03/04/2025)
    mixed: bool  # some dates are only d/m/y and others only m/d/y
    example: str  # an ambiguous (or, when mixed, a contradicting) value to show the owner
    dmy_votes: int = 0
    mdy_votes: int = 0


def decide_order(values: Iterable[CellValue]) -> OrderEvidence:
    dmy = mdy = ambiguous = 0
    example = dmy_example = mdy_example = ""
    for value in values:
        if not isinstance(value, str):
            continue
        parts = numeric_parts(value)
        if parts is None:
            continue
        first, second, _ = parts
        if first > 12 >= second:
            dmy += 1
            dmy_example = dmy_example or squash(value)
        elif second > 12 >= first:
            mdy += 1
            mdy_example = mdy_example or squash(value)
        elif first != second and first <= 12 and second <= 12:
            ambiguous += 1
            example = example or squash(value)
    if dmy and mdy:
        both = f"{dmy_example} and {mdy_example}"
        return OrderEvidence(None, ambiguous, True, both, dmy, mdy)
    order: DateOrder | None = "dmy" if dmy else "mdy" if mdy else None
    return OrderEvidence(order, ambiguous, False, example, dmy, mdy)
