"""Small write plans and owner sheets for the Sheets adapter tests."""

from __future__ import annotations

import datetime as dt

from toolkit.model import CellLink, ChartSpec, Row, Tab, WritePlan

OWNER_ROWS: list[list[object]] = [
    ["Name", "Email", "Customer ID", "Phone", "Spent", "Since"],
    ["Ada Lovelace", "ada@example.com", "00123", "+44 7700 900123", 1234.56,
     dt.date(2021, 3, 14)],
    ["Brian O'Neil", "brian@example.com", "00456", "+1 555 0100", 80, dt.date(2024, 1, 2)],
]


def ranked_rows(count: int) -> tuple[Row, ...]:
    return tuple(
        (i + 1, f"Customer {i}", f"c{i}@example.com", round(10 + i * 1.25, 2),
         dt.date(2024, 1, 1) + dt.timedelta(days=i % 300))
        for i in range(count)
    )


def best_customers(rows: tuple[Row, ...]) -> Tab:
    return Tab(
        name="Best customers",
        header=("Rank", "Name", "Email", "Revenue", "Last purchase"),
        rows=rows,
        widths=(6, 24, 30, 10, 14),
        links=tuple(CellLink(i, 2, f"mailto:{row[2]}") for i, row in enumerate(rows[:3])),
    )


def summary(top: int = 3) -> Tab:
    rows = tuple((f"Customer {i}", 100.0 - i) for i in range(top))
    return Tab(name="Summary", header=("Customer", "Profit"), rows=rows,
               chart=ChartSpec("Top customers by profit", 0, 1, 0, top - 1))


def plan(count: int = 3) -> WritePlan:
    return WritePlan(tabs=(best_customers(ranked_rows(count)), summary()))
