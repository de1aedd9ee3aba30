"""Write a brand-new workbook (the demo's sample shop, test workbooks) with openpyxl.

Only for files the toolkit creates from nothing: an owner's workbook is never saved
through openpyxl (see surgery.py). Dates are real Excel dates, text is always text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from toolkit.excel.cells import clean_text
from toolkit.excel.names import legal_sheet_name
from toolkit.model import CellValue

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def write_new_workbook(path: Path,
                       tabs: Sequence[tuple[str, Sequence[Sequence[CellValue]]]]) -> None:
    """Create `path` with one tab per (name, rows); rows[0] is sheet row 1."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell

    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    for name, rows in tabs:
        sheet = workbook.create_sheet(legal_sheet_name(name))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell: Cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = clean_text(value)
                    cell.data_type = "s"  # "=..." stays text, never a formula
                elif isinstance(value, dt.datetime):
                    cell.value = value
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(value, dt.date):
                    cell.value = value
                    cell.number_format = DATE_FORMAT
                else:
                    cell.value = value
    if not workbook.worksheets:
        workbook.create_sheet("Sheet1")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
