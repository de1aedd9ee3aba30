"""One tab at a time: find its header row, decide what it holds, read its rows.

A tab is found by its headers, never by its name. It holds:
- orders: a customer column (email, id or name) plus an order date and an amount;
- customers: a customer column plus anything else about them (or just an email/id);
- nothing usable: it is ignored and the reason is kept for the Run log and for the
  "missing columns" message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from toolkit.model import CellValue, Problem, RawTable, Row
from toolkit.normalise.aliases import DATE_FIELDS, IDENTITY_FIELDS, header_key
from toolkit.normalise.dates import DateOrder, decide_order, parse_date
from toolkit.normalise.headers import (
    NAME_FALLBACK_RANK,
    ColumnMap,
    column_letter,
    find_header_row,
    found_headers,
    is_header_repeat,
    map_columns,
)
from toolkit.normalise.parse import CellError, clean_text, fold, is_blank

TabKind = Literal["customers", "orders"]
SUMMARY_FIELDS = ("total_orders", "first_purchase", "last_purchase")
# Order fields a Customers tab cannot use ("status" can: "unsubscribed" means do not contact).
ORDER_ONLY_FIELDS = ("order_id", "product", "cost", "margin", "discount", "kind", "cancelled",
                     "date")
BARE_ID_KEYS = frozenset({"id", "ref", "number", "no", "reference"})
TOTAL_WORDS = frozenset({"total", "totals", "grand total", "sum", "subtotal", "sub total"})
TOTAL_STARTS = "TtSsGg"  # how the words above start


class Sink:
    """Collects the problems of one run, in the order they were found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, tab: str, row: int | None, column: str, value: CellValue, problem: str,
            action: str) -> None:
        self.problems.append(Problem(tab, row, column, clean_text(value), problem, action))


@dataclass(frozen=True)
class TabPlan:
    table: RawTable
    columns: ColumnMap
    kind: TabKind
    date_orders: Mapping[int, DateOrder]  # per date column; "dmy" when nothing to decide

    @property
    def tab(self) -> str:
        return self.table.tab

    @cached_property
    def name_columns(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(strong, weak) name columns: a full name beats first + last name, which beat a
        shipping name, a nickname or a user name."""
        ranks = self.columns.ranks
        names = self.columns.fields.get("name", ())
        strong = tuple(c for c in names if ranks.get(c, 0) < NAME_FALLBACK_RANK)
        return strong, tuple(c for c in names if c not in strong)

    def header(self, column: int | None) -> str:
        if column is None or column >= len(self.columns.headers):
            return ""
        return self.columns.headers[column]


@dataclass(frozen=True)
class IgnoredTab:
    tab: str
    reason: str
    header_row: int | None  # 0-based, when a likely header row was seen
    headers: tuple[str, ...]  # the non-blank headers seen there
    recognised: tuple[tuple[str, str], ...] = ()  # (header, field) that did match


class RowView:
    """One data row of a planned tab; `number` is the 1-based sheet row. Called for every
    field of every row, so the lookups are kept cheap."""

    __slots__ = ("cells", "fields", "number", "plan")

    def __init__(self, plan: TabPlan, number: int, cells: Row) -> None:
        self.plan, self.number, self.cells = plan, number, cells
        self.fields = plan.columns.fields

    def has(self, field: str) -> bool:
        return field in self.fields

    def columns(self, field: str) -> tuple[int, ...]:
        return self.fields.get(field, ())

    def raw(self, column: int) -> CellValue:
        return self.cells[column] if column < len(self.cells) else None

    def cell(self, field: str) -> tuple[CellValue, int | None]:
        """The first non-blank cell among the field's columns (best column first)."""
        columns = self.fields.get(field)
        if not columns:
            return None, None
        cells, size = self.cells, len(self.cells)
        for column in columns:
            if column < size:
                value = cells[column]
                if value is not None and (type(value) is not str or not is_blank(value)):
                    return value, column
        return None, columns[0]

    def text(self, field: str) -> str:
        return clean_text(self.cell(field)[0]) if field in self.fields else ""

    def date(self, field: str, sink: Sink, action: str) -> dt.date | None:
        value, column = self.cell(field)
        if column is None:
            return None
        try:
            return parse_date(value, self.plan.date_orders.get(column, "dmy"))
        except CellError as exc:
            self.problem(sink, column, value, str(exc), action)
            return None

    def problem(self, sink: Sink, column: int | None, value: CellValue, problem: str,
                action: str) -> None:
        sink.add(self.plan.tab, self.number, self.plan.header(column), value, problem, action)

    def is_totals_row(self) -> bool:
        """A "Total" line under the data (no email or id on it)."""
        if not may_be_totals(self.cells):
            return False
        if not is_blank(self.cell("email")[0]) or not is_blank(self.cell("customer_id")[0]):
            return False
        first = next(cell for cell in self.cells if cell is not None and cell != "")
        return fold(str(first)).rstrip(":") in TOTAL_WORDS


def may_be_totals(cells: Row) -> bool:
    """Whether the row's first filled-in cell is a short text that starts like a totals
    word ("Total", "Sum", "Grand total"): most rows are ruled out by this look alone."""
    lead = cells[0] if cells else None
    first = lead if lead is not None and lead != "" else next(
        (cell for cell in cells if cell is not None and cell != ""), None)
    return isinstance(first, str) and len(first) <= 12 and first.lstrip()[:1] in TOTAL_STARTS


def _classify(columns: ColumnMap) -> tuple[TabKind | None, str]:
    """(kind, "") for a usable tab, (None, why) for one that holds neither."""
    layout = columns.layout
    if layout is not None and layout.not_customers:
        return None, f"{layout.name}: {layout.not_customers}"
    fields = set(columns.fields)
    if not fields & set(IDENTITY_FIELDS):
        return None, "it has no column for the customer (a name, an email or a customer id)"
    has_money = "amount" in fields or "total_spent" in fields
    if "date" in fields and has_money and not fields & set(SUMMARY_FIELDS):
        return "orders", ""
    if fields & {"email", "customer_id"} or fields - set(IDENTITY_FIELDS):
        return "customers", ""
    return None, "it has only a name column and nothing else the toolkit uses"


def _adjust(columns: ColumnMap, kind: TabKind, notes: list[str], tab: str) -> ColumnMap:
    """Small corrections once the kind of tab is known."""
    fields = dict(columns.fields)
    if kind == "orders":
        if "amount" not in fields and "total_spent" in fields:
            fields["amount"] = fields.pop("total_spent")
        ids = fields.get("customer_id", ())
        others = set(fields) & {"email", "name", "first_name", "last_name"}
        if ids and "order_id" not in fields and others and all(
            header_key(columns.headers[c]) in BARE_ID_KEYS for c in ids
        ):  # a bare "ID" on an orders tab that names its customers is the order's id
            fields["order_id"] = fields.pop("customer_id")
    else:
        if "total_spent" not in fields and "amount" in fields:
            fields["total_spent"] = fields.pop("amount")
        unused = [columns.headers[fields.pop(f)[0]] for f in ORDER_ONLY_FIELDS if f in fields]
        if unused:
            shown = ", ".join(f'"{h}"' for h in unused)
            notes.append(f'{tab}: column(s) {shown} not used: this tab lists customers, not '
                         "orders (no order date and amount side by side)")
    return replace(columns, fields=fields)


def _date_orders(
    table: RawTable, columns: ColumnMap, date_order: DateOrder | None, sink: Sink,
    notes: list[str],
) -> dict[int, DateOrder]:
    decided: dict[int, DateOrder] = {}
    layout = columns.layout
    for field in DATE_FIELDS:
        for column in columns.fields.get(field, ()):
            values = [row[column] for row in table.rows[columns.header_row + 1:]
                      if column < len(row)]
            evidence = decide_order(values)
            header = columns.headers[column]
            fallback: DateOrder = date_order or "dmy"
            if evidence.order is not None:
                decided[column] = evidence.order
            elif evidence.mixed:
                majority: DateOrder = "dmy" if evidence.dmy_votes >= evidence.mdy_votes else "mdy"
                decided[column] = date_order or majority
                sink.add(table.tab, None, header, evidence.example,
                         "this column mixes day/month/year and month/day/year dates",
                         "read each date the only way it can be read; dates that fit both "
                         f"ways were read as {_words(decided[column])}; please check them")
            elif evidence.ambiguous and layout is not None and layout.date_order:
                decided[column] = layout.date_order
                notes.append(f'{table.tab}: dates in "{header}" read as '
                             f"{_words(layout.date_order)} ({layout.name})")
            elif evidence.ambiguous and date_order:
                decided[column] = date_order
            else:
                decided[column] = fallback
                if evidence.ambiguous:
                    sink.add(
                        table.tab, None, header, evidence.example,
                        f"dates such as {evidence.example} could be day/month/year or "
                        "month/day/year, and no date in this column has a day above 12 "
                        "to tell",
                        "read them as day/month/year; if they are month/day/year put "
                        'date_order = "mdy" in toolkit.toml (date_order = "dmy" confirms '
                        "this reading and stops this message)",
                    )
    return decided


def _words(order: DateOrder) -> str:
    return "day/month/year" if order == "dmy" else "month/day/year"


def plan_tab(
    table: RawTable, user: Mapping[str, str], date_order: DateOrder | None, sink: Sink,
    notes: list[str],
) -> TabPlan | IgnoredTab:
    header_row = find_header_row(table.rows, user)
    if header_row is None:
        seen_row, seen = found_headers(table.rows)
        reason = "it is empty" if seen_row is None else "no row of headers the toolkit knows"
        return IgnoredTab(table.tab, reason, seen_row, tuple(seen))
    columns = map_columns(table.rows, header_row, user)
    kind, reason = _classify(columns)
    if kind is None:
        recognised = tuple(
            (columns.headers[c], f) for f, cols in columns.fields.items() for c in cols
        )
        headers = tuple(h for h in columns.headers if h)
        return IgnoredTab(table.tab, reason, header_row, headers, recognised)
    layout = f", read as a {columns.layout.name}" if columns.layout else ""
    notes.append(f"{table.tab}: {kind}, headers in row {header_row + 1}{layout}")
    columns = _adjust(columns, kind, notes, table.tab)
    orders = _date_orders(table, columns, date_order, sink, notes)
    return TabPlan(table, columns, kind, orders)


def data_rows(plan: TabPlan, sink: Sink) -> Iterator[RowView]:
    """Every non-blank row under the header row. A blank row in the middle does not end
    the table; a row repeating the headers (two pastes) is reported and passed over."""
    headers = plan.columns.headers
    rows = plan.table.rows
    probe = header_probe(plan)
    for index in range(plan.columns.header_row + 1, len(rows)):
        cells = rows[index]
        if is_empty_row(cells):
            continue  # nothing to lose
        if repeats_header(cells, probe, headers):
            report_header_repeat(plan, index, sink)
            continue
        yield RowView(plan, index + 1, cells)


def is_empty_row(cells: Row) -> bool:
    """Every cell empty or blank text (the first cell is looked at first: it usually says)."""
    lead = cells[0] if cells else None
    return (lead is None or (isinstance(lead, str) and not lead.strip())) and all(
        cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def repeats_header(cells: Row, probe: int | None, headers: tuple[str, ...]) -> bool:
    """Whether a data row repeats the header row; `probe` from `header_probe`."""
    return (probe is not None and probe < len(cells) and isinstance(cells[probe], str)
            and is_header_repeat(cells, headers))


def header_probe(plan: TabPlan) -> int | None:
    """A column to test first whether a row repeats the header row (it then holds text
    under every header): one whose first data cell is not text, where there is one, so
    that most rows are told apart by one look. None when no header has text."""
    headers = plan.columns.headers
    named = [column for column, header in enumerate(headers) if header]
    rows = plan.table.rows
    start = plan.columns.header_row + 1
    first_row = rows[start] if start < len(rows) else ()
    for column in named:
        if column >= len(first_row) or not isinstance(first_row[column], str):
            return column
    return named[0] if named else None


def report_header_repeat(plan: TabPlan, index: int, sink: Sink) -> None:
    """Report the row at `index` (0-based), which repeats the header row."""
    sink.add(plan.tab, index + 1, "", " | ".join(h for h in plan.columns.headers if h)[:80],
             "this row repeats the header row", "skipped: it is not a customer")


def column_matches(plan: TabPlan) -> list[tuple[str, str, str]]:
    """(header, column letter, field) for every recognised header, left to right."""
    by_column = {c: f for f, cols in plan.columns.fields.items() for c in cols}
    return [(plan.columns.headers[c], column_letter(c), by_column[c]) for c in sorted(by_column)]
