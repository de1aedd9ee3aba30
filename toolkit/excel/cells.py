"""One cell value as worksheet XML: inline strings, numbers, booleans, date serials.

Text is always an inline string (`t="inlineStr"`), never a formula, whatever it starts
with. Characters XML cannot carry are removed, `_xHHHH_` look-alikes are escaped so Excel
shows them literally, and text is cut at Excel's 32,767-character limit.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any

from toolkit.model import CellValue

MAX_TEXT = 32767
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL_CHAR = re.compile("[&<>\r\t\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_LOOKALIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
_BASE_1900 = dt.date(1899, 12, 30).toordinal()
_BASE_1904 = dt.date(1904, 1, 1).toordinal()
_BIGGEST_EXACT = 10**15  # Excel keeps 15 significant digits
_FAST_TEXT = MAX_TEXT // 2  # shorter text cannot pass Excel's limit in UTF-16 units
_SPECIAL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]) + b"&<>\r\t\n"
_NONE = type(None)
_STR, _INT, _FLOAT, _DAY = {str}, {int}, {float}, {dt.date}


def clean_text(value: str) -> str:
    """Text as Excel can hold it: legal XML characters, at most 32,767 UTF-16 units."""
    value = _ILLEGAL.sub("", value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_TEXT // 2 and len(value.encode("utf-16-le")) > 2 * MAX_TEXT:
        value = value.encode("utf-16-le")[: 2 * MAX_TEXT].decode("utf-16-le", "ignore")
    return value


def _special(text: str) -> bool:
    """Whether the text needs care: a character to escape or remove, an `_xHHHH_`
    look-alike, or white space at either end. (Tested in parts: one regex with these
    alternatives tries each of them at every position, four times slower on long text.)"""
    return (_SPECIAL_CHAR.search(text) is not None
            or ("_x" in text and _ESCAPE_LOOKALIKE.search(text) is not None)
            or text[:1].isspace() or text[-1:].isspace())


def _plain_texts(texts: Sequence[str]) -> bool:
    """True when no text needs `text_cell`'s slow path (`_special`): the same test made
    for a whole column at once, by quick scans of all the texts joined (a find may span
    two texts: then the exact test per text decides)."""
    joined = "".join(texts)
    if len(joined) > _FAST_TEXT and max(map(len, texts)) > _FAST_TEXT:
        return False
    if ("_" in joined and _ESCAPE_LOOKALIKE.search(joined)
            and any(map(_ESCAPE_LOOKALIKE.search, texts))):
        return False
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    # In UTF-8 an ASCII byte is always that ASCII character; \ufffe and \uffff have
    # three bytes each. A byte search is a memchr: far quicker than a regex.
    if any(byte in data for byte in _SPECIAL_BYTES) or b"\xef\xbf\xbe" in data \
            or b"\xef\xbf\xbf" in data:
        return False
    return tuple(map(str.strip, texts)) == tuple(texts)  # strip gives back the same object


def text_cell(ref: str, value: str, style: str) -> str:
    """An inline-string cell (`style` is "" or ' s="N"'); "" (no cell) when nothing of the
    text can be kept (only control characters), as for an empty value."""
    if len(value) > _FAST_TEXT or _special(value):
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

    def block(self, first: int, rows: Sequence[Sequence[CellValue]], letters: Sequence[str],
              styles: Sequence[str]) -> str:
        """Consecutive `<row>`s numbered from `first`, as one string; a row has at most
        len(letters) values. This runs for every cell of big tabs, so no Python code runs
        per cell where it can be helped: it builds a row template column by column, where
        a column whose every value takes the same markup puts that markup (with `%s` for
        the row number and the value), and any other column one `%s` for its ready-made
        cells; then `%` fills the template for every row, in C."""
        width = max(map(len, rows), default=0)
        if min(map(len, rows), default=width) != width:
            rows = [(*row, *(None,) * (width - len(row))) for row in rows]
        numbers = list(map(str, range(first, first + len(rows))))
        template = ['<row r="%s">']
        slots: list[Sequence[object]] = [numbers]
        for index, values in enumerate(zip(*rows, strict=True)):
            self._column(values, numbers, letters[index], styles[index], template, slots)
        template.append("</row>")
        return "".join(map("".join(template).__mod__, zip(*slots, strict=True)))

    def _column(self, values: Sequence[Any], numbers: list[str], letter: str, style: str,
                template: list[str], slots: list[Sequence[object]]) -> None:
        """Add one column to the row template and what fills its slots to `slots`."""
        kinds = set(map(type, values))
        present = values
        if _NONE in kinds:
            kinds.discard(_NONE)
            present = [v for v in values if v is not None]
        if not kinds:
            return  # no cell in this column
        piece = self._piece(kinds, present, letter, style)
        if piece is None:
            cell = self.cell
            template.append("%s")
            slots.append([cell(letter + r, v, style) for r, v in zip(numbers, values, strict=True)])
            return
        if kinds == _DAY:
            base = _BASE_1900
            values = [v.toordinal() - base if v is not None else None for v in values]
        if len(present) == len(values) and not (kinds == _STR and "" in present):
            template.append(piece)  # every row has a cell here
            slots += (numbers, values)
            return
        template.append("%s")
        slots.append([piece % (r, v) if v is not None and v != "" else ""
                      for r, v in zip(numbers, values, strict=True)])

    def _piece(self, kinds: set[type], present: Sequence[Any], letter: str, style: str,
               ) -> str | None:
        """The markup `cell` writes for each of a column's values (dates as their serial),
        with `%s` for the row number and the value (`%s` of a float is its repr); None
        when the column needs `cell` itself. tests/excel/test_cells.py checks the two
        agree. The letter and the style hold no `%`."""
        if kinds == _STR and _plain_texts(present):
            return f'<c r="{letter}%s" t="inlineStr"{style}><is><t>%s</t></is></c>'
        if kinds == _INT and min(present) > -_BIGGEST_EXACT and max(present) < _BIGGEST_EXACT:
            return f'<c r="{letter}%s"{style}><v>%s</v></c>'
        if (kinds == _FLOAT and math.isfinite(sum(present))  # no NaN, no infinity
                and min(present) > -1e308 and max(present) < 1e308):
            return f'<c r="{letter}%s"{style}><v>%s</v></c>'
        if (kinds == _DAY and not self._date1904
                and min(present).toordinal() - _BASE_1900 >= 61):  # after Excel's 29 Feb 1900
            return f'<c r="{letter}%s"{self._date}><v>%s</v></c>'
        return None

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
