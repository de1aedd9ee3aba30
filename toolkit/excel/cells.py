"""One cell value as worksheet XML: inline strings, numbers, booleans, date serials.

Text is always an inline string (`t="inlineStr"`), never a formula, whatever it starts
with. Characters XML cannot carry are removed, `_xHHHH_` look-alikes are escaped so Excel
shows them literally, and text is cut at Excel's 32,767-character limit.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from toolkit.model import CellValue

MAX_TEXT = 32767
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\r\t\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
                      "|_x[0-9A-Fa-f]{4}_|^\\s|\\s$")
_ESCAPE_LOOKALIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_BASE_1900 = dt.date(1899, 12, 30).toordinal()
_BASE_1904 = dt.date(1904, 1, 1).toordinal()
_BIGGEST_EXACT = 10**15  # Excel keeps 15 significant digits


def clean_text(value: str) -> str:
    """Text as Excel can hold it: legal XML characters, at most 32,767 UTF-16 units."""
    value = _ILLEGAL.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_TEXT // 2 and len(value.encode("utf-16-le")) > 2 * MAX_TEXT:
        value = value.encode("utf-16-le")[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")
    return value


def text_cell(ref: str, value: str, style: str) -> str:
    """An inline-string cell (`style` is "" or ' s="N"')."""
    if len(value) > MAX_TEXT // 2 or _SPECIAL.search(value):
        value = clean_text(value)
        space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if "_x" in value:
            value = _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value)
        return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{value}</t></is></c>'
    return f'<c r="{ref}" t="inlineStr"{style}><is><t>{value}</t></is></c>'


def date_serial(value: dt.date, date1904: bool) -> float | None:
    """Excel's serial number for a date or date-time; None when it has none."""
    if isinstance(value, dt.datetime):
        day = value.date().toordinal()
        fraction = (value.hour * 3600 + value.minute * 60 + value.second
                    + value.microsecond / 1e6) / 86400
    else:
        day = value.toordinal()
        fraction = 0.0
    if date1904:
        serial = day - _BASE_1904
        if serial < 0:
            return None
    else:
        serial = day - _BASE_1900
        if serial < 61:  # Excel counts 29 Feb 1900, which never was
            serial -= 1
        if serial < 1:
            return None
    return serial + fraction


class CellWriter:
    """Turns values into `<c>` elements with the styles chosen for this sheet."""

    def __init__(self, date_style: int, datetime_style: int, date1904: bool) -> None:
        self._date = f' s="{date_style}"' if date_style else ""
        self._datetime = f' s="{datetime_style}"' if datetime_style else ""
        self._date1904 = date1904

    def cell(self, ref: str, value: CellValue, style: str) -> str:
        kind = type(value)
        if kind is str:
            return text_cell(ref, value, style) if value else ""  # type: ignore[arg-type]
        if kind is float:
            number = float(value)  # type: ignore[arg-type]
            if math.isfinite(number) and abs(number) < 1e308:
                return f'<c r="{ref}"{style}><v>{number!r}</v></c>'
            return text_cell(ref, str(number), style)
        if kind is int:
            whole = int(value)  # type: ignore[arg-type]
            if -_BIGGEST_EXACT < whole < _BIGGEST_EXACT:
                return f'<c r="{ref}"{style}><v>{whole}</v></c>'
            return text_cell(ref, str(whole), style)
        if value is None:
            return ""
        return self._other(ref, value, style)

    def _other(self, ref: str, value: CellValue, style: str) -> str:
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"{style}><v>{int(value)}</v></c>'
        if isinstance(value, dt.date):
            serial = date_serial(value, self._date1904)
            if serial is None:
                return text_cell(ref, value.isoformat(), style)
            if isinstance(value, dt.datetime):
                return f'<c r="{ref}"{self._datetime}><v>{serial!r}</v></c>'
            return f'<c r="{ref}"{self._date}><v>{int(serial)}</v></c>'
        if isinstance(value, int | float):  # subclasses (e.g. numpy-like) as plain numbers
            return self.cell(ref, float(value) if isinstance(value, float) else int(value),
                             style)
        return text_cell(ref, str(value), style)
