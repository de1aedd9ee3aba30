"""Plain data shared by the core and the edges: frozen dataclasses, no I/O.

The flow is: a source adapter reads `SourceData` (raw tables), `normalise` turns it
into a `Dataset` (customers, orders, problems), scoring and the rest of the core build a
`WritePlan` (tabs), and the adapter applies it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# A cell as the adapters read it and as the plan writes it. Dates stay dates; money is a
# float rounded to cents; text is always literal text (never a formula).
CellValue = str | int | float | bool | dt.date | dt.datetime | None
Row = tuple[CellValue, ...]


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class RawTable:
    """One tab as read: every row from the top (rows[0] is sheet row 1)."""

    tab: str
    rows: tuple[Row, ...]
    owned: bool = False  # True when the toolkit made this tab on an earlier run


@dataclass(frozen=True)
class SourceData:
    """Everything an adapter read from the owner's spreadsheet."""

    label: str  # what to call the source in messages: file name or sheet title
    tables: tuple[RawTable, ...]
    notes: tuple[str, ...] = ()  # e.g. "read with openpyxl because ..." for the Run log

    def table(self, name: str) -> RawTable | None:
        wanted = name.casefold()
        for table in self.tables:
            if table.tab.casefold() == wanted:
                return table
        return None


@dataclass(frozen=True)
class Problem:
    """A data problem the owner sees in the Data problems tab. Row is 1-based."""

    tab: str
    row: int | None
    column: str
    value: str
    problem: str
    action: str  # what the toolkit did about it ("skipped this row", "used 0", ...)


@dataclass(frozen=True)
class ColumnMatch:
    """How one header of a source tab was understood (shown by `check`)."""

    tab: str
    header: str
    column: str  # spreadsheet column letter, e.g. "C"
    field: str  # the toolkit's field name, e.g. "email"


# --------------------------------------------------------------------------- normalised


@dataclass(frozen=True, slots=True)
class Order:
    """One purchase (or refund when amount < 0) of one customer."""

    customer_key: str
    date: dt.date
    amount: float
    order_id: str = ""
    product: str = ""
    cost: float | None = None  # cost of goods when the sheet has it
    discount: float = 0.0
    tab: str = ""
    row: int = 0


@dataclass(frozen=True, slots=True)
class Customer:
    """One customer after merging duplicates. `key` is stable across runs."""

    key: str  # email (lower-case) when known, else an id, else the folded name
    name: str
    email: str = ""
    phone: str = ""
    customer_id: str = ""
    source: str = ""  # how they found the business (channel)
    referred_by: str = ""  # as typed: an email, id or name
    town: str = ""
    tags: str = ""
    notes: str = ""
    complaints: int = 0
    open_complaint: bool = False
    complaint_note: str = ""
    support_hours: float = 0.0
    fit: str = ""  # great / ok / poor / ""
    do_not_contact: bool = False
    # Totals typed on a Customers tab (used when there is no Orders tab for them).
    total_orders: int | None = None
    total_spent: float | None = None
    first_purchase: dt.date | None = None
    last_purchase: dt.date | None = None
    refunds: float = 0.0
    tab: str = ""
    row: int = 0
    postcode: str = ""


@dataclass(frozen=True)
class Dataset:
    """What normalising produced: never drops a row without a Problem saying so."""

    customers: tuple[Customer, ...]
    orders: tuple[Order, ...]
    problems: tuple[Problem, ...]
    rows_read: int
    columns: tuple[ColumnMatch, ...] = ()
    tabs_used: tuple[str, ...] = ()
    # Tabs read but not used, each as "Tab: why" (for the Run log and `check`).
    tabs_ignored: tuple[str, ...] = ()
    # How the sheet was understood: export layouts recognised, date orders decided...
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class ChartSpec:
    """A native bar chart over two columns of a tab's rows (1-based data rows)."""

    title: str
    category_column: int  # 0-based column index in the tab
    value_column: int
    first_row: int  # 0-based index into Tab.rows
    last_row: int  # inclusive
    anchor_column: int = 5  # 0-based column where the chart's top-left sits
    anchor_row: int = 1


@dataclass(frozen=True)
class CellLink:
    """A clickable link on one cell (e.g. a mailto: for a draft). The cell keeps its text."""

    row: int  # 0-based index into Tab.rows
    column: int  # 0-based
    url: str


@dataclass(frozen=True)
class Tab:
    """A tab the toolkit owns and writes in full on every run."""

    name: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[float, ...] = ()  # column widths in characters; () = automatic
    chart: ChartSpec | None = None
    wrap_columns: tuple[int, ...] = ()  # 0-based columns whose text wraps (long bodies)
    links: tuple[CellLink, ...] = ()


@dataclass(frozen=True)
class WritePlan:
    """The complete set of tabs to write, in the order they should appear."""

    tabs: tuple[Tab, ...]

    def tab(self, name: str) -> Tab | None:
        for tab in self.tabs:
            if tab.name == name:
                return tab
        return None


@dataclass(frozen=True)
class WriteReport:
    """What an adapter did when applying a plan."""

    target: str  # where the tabs went (the workbook, or a companion file)
    tabs_written: tuple[str, ...]
    backup: str | None = None
    api_calls: int | None = None  # Google Sheets only
    notes: tuple[str, ...] = field(default=())
