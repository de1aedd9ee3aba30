"""Cell values between Python and the Sheets API, and A1 notation.

Dates travel as serial numbers (days since 1899-12-30, Google's epoch) and carry a date
number format, so a date written reads back as the same date. Text always travels as
text (the writes use valueInputOption RAW).
"""

from __future__ import annotations

import datetime as dt
import math

from toolkit.model import CellValue

EPOCH = dt.datetime(1899, 12, 30)
MAX_CELL_CHARS = 50_000  # Google's limit for one cell
MAX_EXACT_INT = 2**53  # beyond this a spreadsheet number loses digits
DATE_PATTERN = "yyyy-mm-dd"
DATETIME_PATTERN = "yyyy-mm-dd hh:mm"

ApiValue = str | int | float | bool


def to_serial(value: dt.date) -> int | float:
    """A date as a whole serial number; a datetime with the time as the fraction."""
    if isinstance(value, dt.datetime):
        naive = value.replace(tzinfo=None)
        return (naive - EPOCH).total_seconds() / 86400
    return (value - EPOCH.date()).days


def from_serial(serial: float) -> dt.date | dt.datetime:
    """The date (whole serial) or datetime (with a fraction) a serial number stands for."""
    if float(serial).is_integer():
        return EPOCH.date() + dt.timedelta(days=int(serial))
    moment = EPOCH + dt.timedelta(days=float(serial))
    micro = moment.microsecond
    if micro:  # serials carry float noise: round to the nearest second
        moment = moment.replace(microsecond=0) + dt.timedelta(seconds=round(micro / 1e6))
    return moment


def api_value(value: CellValue) -> ApiValue:
    """A Python cell value as sent with valueInputOption RAW ("" empties the cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.date):  # datetime included
        return to_serial(value)
    if isinstance(value, int):
        return value if abs(value) < MAX_EXACT_INT else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def read_value(serial: object, formatted: object) -> CellValue:
    """One cell of the UNFORMATTED_VALUE/SERIAL_NUMBER read, told apart from dates by the
    same cell in the read with dateTimeRenderOption FORMATTED_STRING: Google renders a
    date, time or duration there as text, while plain numbers stay numbers."""
    if serial is None or serial == "":
        return None
    if isinstance(serial, bool | str):
        return serial
    if isinstance(serial, int | float):
        if isinstance(formatted, str) and formatted:
            if 0 <= serial < 1 and not float(serial).is_integer():
                return formatted  # a time of day or short duration: keep it as shown
            try:
                return from_serial(serial)
            except (OverflowError, ValueError):
                return formatted
        return serial
    return str(serial)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def quote_tab(title: str) -> str:
    """A tab name as A1 notation wants it: always quoted, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def a1_block(title: str, first_row: int, rows: int, columns: int) -> str:
    """The A1 range of `rows` x `columns` cells starting at 0-based row `first_row`, col A."""
    last_col = column_letter(max(columns, 1) - 1)
    return f"{quote_tab(title)}!A{first_row + 1}:{last_col}{first_row + max(rows, 1)}"
