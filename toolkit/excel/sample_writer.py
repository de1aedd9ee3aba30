"""Write a brand-new workbook from rows of cells (used for the demo's sample workbook).

Not for an owner's existing workbook: this makes a new file from nothing. Dates become
real Excel dates with a date format, text always stays text (a value like "=1+1" is
stored as a string, never a formula), the header row is bold and frozen, and columns get
widths that fit their contents. The file is written beside `path` first and then moved
into place, so a failure never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.errors import ToolkitError
from toolkit.model import CellValue

log = logging.getLogger(__name__)

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = "#,##0.00"
HEADER_SEARCH_ROWS = 10
MIN_WIDTH, MAX_WIDTH = 8.0, 45.0
BOLD = Font(bold=True)


Rows = Sequence[Sequence[CellValue]]


def write_new_workbook(path: Path, tabs: Sequence[tuple[str, Rows]]) -> None:
    """Create the workbook at `path` with one tab per (name, rows); replaces an old file."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in tabs:
        _fill(book.create_sheet(title=name), rows)
    folder = path.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        book.save(temp)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ToolkitError(
            f"Could not write the workbook {path}: {error.strerror or error}. "
            "Check that the folder exists, that you may write to it, and that the file "
            "is not open in Excel, then try again."
        ) from error
    log.info("wrote %s (%d tabs)", path, len(tabs))


def _fill(sheet: Worksheet, rows: Rows) -> None:
    header = _header_index(rows)
    bold = {header} if header is not None else set()
    if rows and _filled(rows[0]) == 1:
        bold.add(0)  # a title above the table
    widths: dict[int, float] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r + 1, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = value
                cell.number_format = _number_format(value)
            if r in bold:
                cell.font = BOLD
            if _filled(row) > 1:  # a lone title or sentence may spill over; a table fits
                widths[c] = max(widths.get(c, MIN_WIDTH), _width(value))
    for c, width in widths.items():
        sheet.column_dimensions[get_column_letter(c)].width = min(width, MAX_WIDTH)
    if header is not None:
        sheet.freeze_panes = sheet.cell(row=header + 2, column=1)


def _filled(row: Sequence[CellValue]) -> int:
    return sum(1 for value in row if value is not None and value != "")


def _header_index(rows: Rows) -> int | None:
    """The 0-based index of the first row of two or more cells, all text (a header)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if _filled(row) >= 2 and all(isinstance(v, str) for v in row if v is not None and v != ""):
            return index
    return None


def _number_format(value: CellValue) -> str:
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, float):
        return MONEY_FORMAT
    return "General"


def _width(value: CellValue) -> float:
    if isinstance(value, dt.date):
        return 12.0
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 2.0
    return len(str(value)) + 2.0
