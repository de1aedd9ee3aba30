"""Property: whatever the cells hold, normalising never crashes with anything but a toolkit
error, and every non-empty data row ends up in a customer, an order or a data problem."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from norm_helpers import run, tab

from toolkit.model import CellValue, Dataset

CUSTOMER_HEADERS = ["Name", "Email", "Customer ID", "Phone", "Total spent", "Orders",
                    "Last purchase", "Complaints", "Fit", "Do not contact", "Support hours",
                    "Referred by", "Tags"]
ORDER_HEADERS = ["Date", "Email", "Name", "Amount", "Status", "Refund", "Product", "Margin %"]

CELLS: st.SearchStrategy[CellValue] = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "Ann", "ANN", "ann@x.com", "Ann@X.com", "bob@x", "yes", "no",
                     "x", "Total", "£1,234.50", "(3.00)", "abc", "12/03/2025", "03/13/2025",
                     "2025-02-30", "great", "meh", "refunded", "failed", "Refund", "'007",
                     "n/a", "-", "40%"]),
    st.integers(min_value=-5, max_value=50_000),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.booleans(),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.text(max_size=8),
)


def _accounted(data: Dataset, tab_name: str) -> set[int]:
    rows = {c.row for c in data.customers if c.tab == tab_name}
    rows |= {o.row for o in data.orders if o.tab == tab_name}
    rows |= {p.row for p in data.problems if p.tab == tab_name and p.row is not None}
    return rows


def _data_rows(rows: list[tuple[CellValue, ...]]) -> set[int]:
    """Sheet rows (1-based) of the non-empty rows under the header row (row 1)."""
    return {
        number for number, row in enumerate(rows, start=2)
        if any(cell is not None and not (isinstance(cell, str) and not cell.strip())
               for cell in row)
    }


SPARSE = st.one_of(st.none(), st.none(), st.none(), CELLS)  # mostly empty cells, as real sheets are


def _rows(headers: list[str]) -> st.SearchStrategy[list[tuple[CellValue, ...]]]:
    return st.lists(st.tuples(*[SPARSE for _ in headers]), max_size=12)


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_rows(CUSTOMER_HEADERS), _rows(ORDER_HEADERS))
def test_every_row_is_accounted_for(
    customer_rows: list[tuple[CellValue, ...]], order_rows: list[tuple[CellValue, ...]]
) -> None:
    data = run(tab("Customers", tuple(CUSTOMER_HEADERS), *customer_rows),
               tab("Orders", tuple(ORDER_HEADERS), *order_rows))
    assert _data_rows(customer_rows) <= _accounted(data, "Customers")
    assert _data_rows(order_rows) <= _accounted(data, "Orders")
    keys = [c.key for c in data.customers]
    assert len(keys) == len(set(keys))  # one customer per key
    assert {o.customer_key for o in data.orders} <= set(keys)
    assert data.rows_read == len(_data_rows(customer_rows)) + len(_data_rows(order_rows))
