"""The fake's state: spreadsheets, tabs and cells that remember their kind."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError

MAX_CELLS = 10_000_000
MAX_CELL_CHARS = 50_000
EPOCH = dt.datetime(1899, 12, 30)
DATE_TYPES = ("DATE", "TIME", "DATE_TIME")


@dataclass(frozen=True)
class Cell:
    """kind: "text", "number", "bool" or "formula" (value = what the formula shows)."""

    kind: str
    value: str | int | float | bool
    formula: str | None = None


@dataclass(frozen=True)
class Formula:
    """Seed a formula cell: Formula("=SUM(B2:B9)", value=42)."""

    text: str
    value: str | int | float | bool = ""


@dataclass
class Sheet:
    sheet_id: int
    title: str
    rows: int = 1000
    columns: int = 26
    frozen_rows: int = 0
    frozen_columns: int = 0
    sheet_type: str = "GRID"
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    formats: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    metadata: list[dict[str, Any]] = field(default_factory=list)
    charts: list[dict[str, Any]] = field(default_factory=list)
    column_pixels: dict[int, int] = field(default_factory=dict)

    def clone(self) -> Sheet:
        twin = copy.copy(self)
        twin.cells = dict(self.cells)
        twin.formats = dict(self.formats)  # format dicts are replaced, never changed
        twin.metadata = copy.deepcopy(self.metadata)
        twin.charts = copy.deepcopy(self.charts)
        twin.column_pixels = dict(self.column_pixels)
        return twin

    def resize(self, rows: int, columns: int) -> None:
        if rows < 1 or columns < 1:
            raise ApiError.invalid("Invalid grid size: a sheet needs at least one row "
                                   "and one column.")
        self.rows, self.columns = rows, columns
        for store in (self.cells, self.formats):
            for key in [k for k in store if k[0] >= rows or k[1] >= columns]:
                del store[key]

    def properties(self, index: int) -> dict[str, Any]:
        grid: dict[str, int] = {"rowCount": self.rows, "columnCount": self.columns}
        if self.frozen_rows:
            grid["frozenRowCount"] = self.frozen_rows
        if self.frozen_columns:
            grid["frozenColumnCount"] = self.frozen_columns
        return {"sheetId": self.sheet_id, "title": self.title, "index": index,
                "sheetType": self.sheet_type, "gridProperties": grid}

    def extent(self) -> tuple[int, int]:
        """Rows and columns up to the last non-empty cell."""
        if not self.cells:
            return 0, 0
        return (max(r for r, _ in self.cells) + 1, max(c for _, c in self.cells) + 1)


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    title: str
    sheets: list[Sheet]
    shares: dict[str, str] = field(default_factory=dict)  # email (folded) -> role
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"

    def clone(self) -> Spreadsheet:
        twin = copy.copy(self)
        twin.sheets = [sheet.clone() for sheet in self.sheets]
        return twin

    def total_cells(self) -> int:
        return sum(s.rows * s.columns for s in self.sheets if s.sheet_type == "GRID")

    def check_cell_limit(self) -> None:
        if self.total_cells() > MAX_CELLS:
            raise ApiError.invalid(
                "This action would increase the number of cells in the workbook above the "
                f"limit of {MAX_CELLS} cells.")

    def by_title(self, title: str | None) -> Sheet:
        if title is None:
            return self.sheets[0]
        for sheet in self.sheets:
            if sheet.title.casefold() == title.casefold():
                return sheet
        raise ApiError.bad_range(title)

    def by_id(self, sheet_id: int) -> Sheet | None:
        return next((s for s in self.sheets if s.sheet_id == sheet_id), None)

    def metadata(self, url_base: str) -> dict[str, Any]:
        sheets = []
        for index, sheet in enumerate(self.sheets):
            entry: dict[str, Any] = {"properties": sheet.properties(index)}
            if sheet.metadata:
                entry["developerMetadata"] = copy.deepcopy(sheet.metadata)
            if sheet.charts:
                entry["charts"] = copy.deepcopy(sheet.charts)
            sheets.append(entry)
        return {
            "spreadsheetId": self.spreadsheet_id,
            "properties": {"title": self.title, "locale": self.locale,
                           "autoRecalc": "ON_CHANGE", "timeZone": self.time_zone,
                           "defaultFormat": DEFAULT_FORMAT},
            "sheets": sheets,
            "spreadsheetUrl": f"{url_base}/spreadsheets/d/{self.spreadsheet_id}/edit",
        }


DEFAULT_FORMAT: dict[str, Any] = {
    "backgroundColor": {"red": 1, "green": 1, "blue": 1},
    "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
    "verticalAlignment": "BOTTOM",
    "wrapStrategy": "OVERFLOW_CELL",
    "textFormat": {"foregroundColor": {}, "fontFamily": "arial,sans,sans-serif",
                   "fontSize": 10, "bold": False, "italic": False,
                   "strikethrough": False, "underline": False},
}


def to_serial(value: dt.date) -> int | float:
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - EPOCH).total_seconds() / 86400
    return (value - EPOCH.date()).days


def from_serial(serial: float) -> dt.date | dt.datetime:
    moment = EPOCH + dt.timedelta(days=float(serial))
    if float(serial).is_integer():
        return moment.date()
    return moment.replace(microsecond=0) + dt.timedelta(
        seconds=round(moment.microsecond / 1e6))


def tidy_number(value: int | float) -> int | float:
    """Google sends 5 for 5.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
