"""Put spreadsheets into the fake and look inside them, without going through the API
(so nothing here shows up in the request log)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .a1 import column_index
from .accounts import key_info, write_key_file
from .model import Cell, Formula, Sheet, Spreadsheet, from_serial, to_serial
from .render import date_type
from .service import FakeGoogle

DEFAULT_EMAIL = "toolkit-bot@cafe-toolkit.iam.gserviceaccount.com"


def seed_cell(value: Any, date_pattern: str) -> tuple[Cell | None, dict[str, Any] | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, Formula):
        return Cell("formula", value.value, formula=value.text), None
    if isinstance(value, bool):
        return Cell("bool", value), None
    if isinstance(value, dt.datetime):
        return Cell("number", to_serial(value)), {"numberFormat": {
            "type": "DATE_TIME", "pattern": date_pattern + " hh:mm:ss"}}
    if isinstance(value, dt.date):
        return Cell("number", to_serial(value)), {"numberFormat": {
            "type": "DATE", "pattern": date_pattern}}
    if isinstance(value, int | float):
        return Cell("number", value), None
    return Cell("text", str(value)), None


def _cell_key(a1: str) -> tuple[int, int]:
    letters = "".join(ch for ch in a1 if ch.isalpha())
    digits = "".join(ch for ch in a1 if ch.isdigit())
    return int(digits) - 1, column_index(letters)


class Seeding(FakeGoogle):
    """FakeGoogle plus helpers for tests: make sheets and keys, read cells back."""

    def new_key(self, directory: Path, *, email: str = DEFAULT_EMAIL,
                name: str = "service-account.json") -> Path:
        """A throwaway service-account key file the fake's token endpoint accepts."""
        project = email.partition("@")[2].split(".")[0]
        info, public = key_info(email, project)
        with self.lock:
            self.accounts.register(email, public)
        return write_key_file(directory / name, info)

    def create_spreadsheet(
        self,
        tabs: Mapping[str, Sequence[Sequence[Any]]] | None = None,
        *,
        title: str = "Customers",
        share_with: Iterable[str] = (DEFAULT_EMAIL,),
        role: str = "writer",
        spreadsheet_id: str | None = None,
        date_pattern: str = "yyyy-mm-dd",
    ) -> str:
        """A spreadsheet with these tabs (name -> rows from A1); each tab gets Google's
        default 1000 x 26 grid, or more when the rows need it. Values: str is text (even
        "=X"), int/float numbers, bool, date/datetime as serials with a date format,
        Formula(...) a formula, None empty."""
        book_id = spreadsheet_id or "1" + secrets.token_urlsafe(32).replace("-", "x")[:43]
        book = Spreadsheet(book_id, title, [], {e.casefold(): role for e in share_with})
        for index, (name, rows) in enumerate((tabs or {"Sheet1": []}).items()):
            book.sheets.append(self._seed_sheet(index, name, rows, date_pattern))
        with self.lock:
            self.books[book_id] = book
        return book_id

    def _seed_sheet(self, index: int, name: str, rows: Sequence[Sequence[Any]],
                    date_pattern: str) -> Sheet:
        width = max((len(row) for row in rows), default=0)
        sheet = Sheet(index if index == 0 else self.rng.randrange(1, 2**31 - 1), name,
                      max(1000, len(rows)), max(26, width))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell, fmt = seed_cell(value, date_pattern)
                if cell is not None:
                    sheet.cells[(r, c)] = cell
                if fmt:
                    sheet.formats[(r, c)] = fmt
        return sheet

    def add_tab(self, book_id: str, name: str, rows: Sequence[Sequence[Any]]) -> None:
        """The owner adds a tab (by hand, not through the API)."""
        with self.lock:
            book = self.books[book_id]
            book.sheets.append(self._seed_sheet(len(book.sheets), name, rows, "yyyy-mm-dd"))

    def set_cell(self, book_id: str, tab: str, a1: str, value: Any) -> None:
        """The owner types a value into a cell."""
        with self.lock:
            sheet = self.books[book_id].by_title(tab)
            key = _cell_key(a1)
            cell, fmt = seed_cell(value, "yyyy-mm-dd")
            if cell is None:
                sheet.cells.pop(key, None)
            else:
                sheet.cells[key] = cell
            if fmt:
                sheet.formats[key] = fmt

    def share(self, book_id: str, email: str, role: str = "writer") -> None:
        with self.lock:
            self.books[book_id].shares[email.casefold()] = role

    def unshare(self, book_id: str, email: str) -> None:
        with self.lock:
            self.books[book_id].shares.pop(email.casefold(), None)

    @staticmethod
    def url(book_id: str) -> str:
        """The link an owner copies from the browser (what --source takes)."""
        return f"https://docs.google.com/spreadsheets/d/{book_id}/edit#gid=0"

    # ----------------------------------------------------------------- looking inside

    def tab_titles(self, book_id: str) -> list[str]:
        with self.lock:
            return [sheet.title for sheet in self.books[book_id].sheets]

    def sheet(self, book_id: str, tab: str) -> Sheet:
        """The tab's state (size, frozen rows, developer metadata, charts, formats);
        a copy, so later API calls do not change it under the test."""
        with self.lock:
            return self.books[book_id].by_title(tab).clone()

    def cell(self, book_id: str, tab: str, a1: str) -> Cell | None:
        """One cell with its kind ("text", "number", "bool", "formula") or None."""
        with self.lock:
            return self.books[book_id].by_title(tab).cells.get(_cell_key(a1))

    def cells(self, book_id: str, tab: str) -> list[list[Cell | None]]:
        """Every cell up to the last non-empty row and column."""
        with self.lock:
            sheet = self.books[book_id].by_title(tab)
            rows, columns = sheet.extent()
            return [[sheet.cells.get((r, c)) for c in range(columns)] for r in range(rows)]

    def values(self, book_id: str, tab: str) -> list[list[Any]]:
        """Plain Python values: numbers with a date format come back as date/datetime,
        formulas as Formula(text, shown value), empty cells as None."""
        with self.lock:
            sheet = self.books[book_id].by_title(tab)
            rows, columns = sheet.extent()
            return [[_plain(sheet, (r, c)) for c in range(columns)] for r in range(rows)]


def _plain(sheet: Sheet, key: tuple[int, int]) -> Any:
    cell = sheet.cells.get(key)
    if cell is None:
        return None
    if cell.kind == "formula":
        return Formula(cell.formula or "", cell.value)
    if cell.kind == "number" and date_type(sheet.formats.get(key)):
        assert isinstance(cell.value, int | float)
        return from_serial(cell.value)
    return cell.value
