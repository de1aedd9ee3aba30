"""Test helpers: build owner workbooks with openpyxl and read results back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

TOOLKIT_TABS = {
    "Summary", "Best customers", "Follow-ups", "Drafts", "Segments", "Data problems",
    "Settings", "Run log", "Find more like them", "Changes",
}


def make_workbook(path: Path, tabs: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """An owner's workbook: each tab's rows written as they are (text stays text)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for row_cells in ws.iter_rows():
            for cell in row_cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def read_tabs(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every tab's values, trailing empty rows trimmed."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        result: dict[str, list[tuple[Any, ...]]] = {}
        for ws in wb.worksheets:
            rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
            while rows and all(v is None for v in rows[-1]):
                rows.pop()
            result[ws.title] = rows
        return result
    finally:
        wb.close()


def records(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """A toolkit tab's rows as dicts keyed by its header."""
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def customers_and_orders(today: dt.date) -> dict[str, list[list[Any]]]:
    """A small shop: five customers with orders, one duplicate, one messy cell."""
    d = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    customers = [
        ["Customer Name", "Email", "Phone", "How did they find us", "Referred by",
         "Complaints", "Do not contact"],
        ["Ada Lovelace", "ada@example.com", "+44 7700 900001", "Friend referral", "", 0, ""],
        ["Ben Okri", "ben@example.com", "", "Instagram", "ada@example.com", 0, ""],
        ["Cara Delgado", "cara@example.com", "", "Walk-in", "", 2, ""],
        ["Dev Patel", "", "07700 900004", "Walk-in", "", 0, ""],
        ["ADA LOVELACE", "Ada@Example.com", "", "", "", 0, ""],
        ["=HYPERLINK(\"http://evil\")", "evil@example.com", "", "Google", "", 0, "yes"],
    ]
    orders = [["Order date", "Customer email", "Customer Name", "Amount (£)", "Product"]]
    for i in range(12):
        orders.append([d(5 + i * 14), "ada@example.com", "Ada Lovelace", 42.5, "Hamper"])
    orders.append([d(3), "ben@example.com", "Ben Okri", 18.0, "Sourdough"])
    for i in range(4):
        orders.append([d(120 + i * 20), "cara@example.com", "Cara Delgado", 25, "Cake"])
    orders.append([d(200).strftime("%d/%m/%Y") if d(200).day > 12 else d(200).isoformat(),
                   "", "Dev Patel", "£1,204.50", "Catering"])
    orders.append([d(40), "evil@example.com", "", 9.99, "Coffee"])
    return {"Customers": customers, "Orders": orders}
