"""One cell value as worksheet XML: inline strings, numbers, booleans, date serials.

Text is always an inline string (`t="inlineStr"`), never a formula, whatever it starts
with. Characters XML cannot carry are removed, `_xHHHH_` look-alikes are escaped so Excel
shows them literally, and text is cut at Excel's 32,767-character limit.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from toolkit.model import CellValue

MAX_TEXT = 32767
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\r\t\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
                      "|_x[0-9A-Fa-f]{4}_|^\\s|\\s$")
_ESCAPE_LOOKALIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_DATE = dt.date
_BASE_1900 = dt.date(1899, 12, 30).toordinal()
_BASE_1904 = dt.date(1904, 1, 1).toordinal()
_BIGGEST_EXACT = 10**15  # Excel keeps 15 significant digits
_FAST_TEXT = MAX_TEXT // 2  # shorter text cannot pass Excel's limit in UTF-16 units


def clean_text(value: str) -> str:
    """Text as Excel can hold it: legal XML characters, at most 32,767 UTF-16 units."""
    value = _ILLEGAL.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_TEXT // 2 and len(value.encode("utf-16-le")) > 2 * MAX_TEXT:
        value = value.encode("utf-16-le")[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")
    return value


def text_cell(ref: str, value: str, style: str) -> str:
    """An inline-string cell (`style` is "" or ' s="N"'); "" (no cell) when nothing of the
    text can be kept (only control characters), as for an empty value."""
    if len(value) > _FAST_TEXT or _SPECIAL.search(value):
        value = clean_text(value)
        if not value:
            return ""
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

    def row(self, number: int, values: Sequence[CellValue], letters: Sequence[str],
            styles: Sequence[str]) -> str:
        """One `<row>` (sheet row `number`)."""
        return next(self.rows(number, (values,), letters, styles))

    def rows(self, first: int, rows: Iterable[Sequence[CellValue]], letters: Sequence[str],
             styles: Sequence[str]) -> Iterator[str]:
        """Each row as a `<row>`, numbered from `first`; a row has at most len(letters)
        values. This runs for every cell of big tabs: the markup around each column's
        cells is made once, and text, numbers and dates are written inline (any other
        value through `cell`, which gives the same markup for all)."""
        opens = [f'<c r="{letter}' for letter in letters]
        texts = [f'" t="inlineStr"{style}><is><t>' for style in styles]
        numbers = [f'"{style}><v>' for style in styles]
        dates = f'"{self._date}><v>'
        plain_dates = not self._date1904
        special = _SPECIAL.search
        cell = self.cell
        for number, values in enumerate(rows, start=first):
            r = str(number)
            out = [f'<row r="{r}">']
            append = out.append
            cells: Sequence[Any] = values  # each cell's type is tested right below
            for index, value in enumerate(cells):
                kind = type(value)
                if kind is str:
                    if not value:
                        continue
                    if len(value) <= _FAST_TEXT and special(value) is None:
                        append(f"{opens[index]}{r}{texts[index]}{value}</t></is></c>")
                    else:
                        append(text_cell(letters[index] + r, value, styles[index]))
                elif kind is float and -1e308 < value < 1e308:
                    append(f"{opens[index]}{r}{numbers[index]}{float.__repr__(value)}</v></c>")
                elif kind is int and -_BIGGEST_EXACT < value < _BIGGEST_EXACT:
                    append(f"{opens[index]}{r}{numbers[index]}{int.__repr__(value)}</v></c>")
                elif kind is _DATE and plain_dates and value.toordinal() - _BASE_1900 >= 61:
                    serial = value.toordinal() - _BASE_1900
                    append(f"{opens[index]}{r}{dates}{serial}</v></c>")
                elif value is not None:
                    append(cell(letters[index] + r, value, styles[index]))
            append("</row>")
            yield "".join(out)

    def cell(self, ref: str, value: CellValue, style: str) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return text_cell(ref, value, style)
        if value is True or value is False:
            return f'<c r="{ref}" t="b"{style}><v>{int(value)}</v></c>'
        if isinstance(value, float):
            if math.isfinite(value) and abs(value) < 1e308:
                return f'<c r="{ref}"{style}><v>{float.__repr__(value)}</v></c>'
            return text_cell(ref, str(value), style)
        if isinstance(value, int):
            if -_BIGGEST_EXACT < value < _BIGGEST_EXACT:
                return f'<c r="{ref}"{style}><v>{int.__repr__(value)}</v></c>'
            return text_cell(ref, str(value), style)
        if isinstance(value, dt.date):
            serial = date_serial(value, self._date1904)
            if serial is None:
                return text_cell(ref, value.isoformat(), style)
            if isinstance(value, dt.datetime):
                return f'<c r="{ref}"{self._datetime}><v>{serial!r}</v></c>'
            return f'<c r="{ref}"{self._date}><v>{int(serial)}</v></c>'
        return text_cell(ref, str(value), style)
