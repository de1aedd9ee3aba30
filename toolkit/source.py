"""The small workbook interface that the Excel and Google Sheets adapters implement,
and the one place that picks an adapter for a `--source` value.

Adapters are imported lazily so the core never pulls in openpyxl, calamine or gspread.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from toolkit.errors import ConfigError
from toolkit.model import SourceData, WritePlan, WriteReport

_SHEET_URL = re.compile(r"docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]{20,})")
_SHEET_ID = re.compile(r"^[A-Za-z0-9_-]{30,}$")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


class Workbook(Protocol):
    """A spreadsheet the toolkit reads from and writes its own tabs back into."""

    @property
    def label(self) -> str:
        """How to name this source in messages and in the Run log."""
        ...

    def read(self) -> SourceData:
        """Read every tab (owner's and toolkit's), marking the toolkit's own."""
        ...

    def write(self, plan: WritePlan) -> WriteReport:
        """Write the plan's tabs, only ever touching tabs the toolkit owns."""
        ...


def google_sheet_id(source: str) -> str | None:
    """The spreadsheet id of a Google Sheets URL or bare id, else None."""
    match = _SHEET_URL.search(source)
    if match:
        return match.group(1)
    text = source.strip()
    if _SHEET_ID.match(text) and not Path(text).suffix:
        return text
    return None


def open_source(source: str, credentials: str | None = None) -> Workbook:
    """Pick the adapter for `source`: an Excel/ODS path or a Google Sheet URL/id."""
    sheet_id = google_sheet_id(source)
    if sheet_id is not None:
        if not credentials:
            raise ConfigError(
                f"{source}: this is a Google Sheet, so I need a service-account key. "
                "Pass --credentials PATH (or set credentials = \"...\" in toolkit.toml); "
                "README section 'Google Sheets' shows how to make one."
            )
        from toolkit.sheets.workbook import SheetsWorkbook

        return SheetsWorkbook(sheet_id, Path(credentials))
    path = Path(source).expanduser()
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise ConfigError(
            f"{source}: I can read Excel workbooks ({', '.join(EXCEL_SUFFIXES)}) or a "
            "Google Sheet link. Check the --source value."
        )
    from toolkit.excel.workbook import ExcelWorkbook

    return ExcelWorkbook(path)
