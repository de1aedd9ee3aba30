"""The entry point: turn the raw tabs of an owner's spreadsheet into customers and orders.

Pure: no I/O, no clock. Every row is read or reported; nothing is dropped silently.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import Literal

from toolkit.errors import MissingColumnsError
from toolkit.model import ColumnMatch, Dataset, SourceData
from toolkit.normalise.aliases import header_key
from toolkit.normalise.merge import CustomerBook, with_keys
from toolkit.normalise.messages import (
    config_columns,
    config_date_order,
    empty_workbook,
    missing_columns,
)
from toolkit.normalise.order_lines import Drafts
from toolkit.normalise.orders import read_orders
from toolkit.normalise.people import has_identity, read_person
from toolkit.normalise.tables import (
    IgnoredTab,
    Sink,
    TabPlan,
    column_matches,
    data_rows,
    plan_tab,
)


def normalise(
    source: SourceData,
    *,
    columns: Mapping[str, str] | None = None,
    date_order: Literal["dmy", "mdy"] | None = None,
) -> Dataset:
    """Customers, orders and data problems from everything the adapter read.

    `columns` maps a field name to the owner's header (the `[columns]` section of
    toolkit.toml); `date_order` decides dates such as 03/04/2025 that the data cannot.
    Raises ConfigError for a bad setting and MissingColumnsError when no tab is usable.
    """
    wanted = config_columns(columns)
    config_date_order(date_order)
    user = {header_key(header): field for field, header in wanted.items()}
    sink = Sink()
    notes: list[str] = []
    plans: list[TabPlan] = []
    ignored: list[IgnoredTab] = []
    tables = [table for table in source.tables if not table.owned]
    for table in tables:
        planned = plan_tab(table, user, date_order, sink, notes)
        if isinstance(planned, TabPlan):
            plans.append(planned)
        else:
            ignored.append(planned)
    if not plans:
        if all(tab.header_row is None for tab in ignored):
            raise MissingColumnsError(empty_workbook(source.label))
        raise MissingColumnsError(
            missing_columns(source.label, ignored, {t.tab: t for t in tables}))
    _unused_mappings(wanted, plans, sink)

    book = CustomerBook(sink)
    rows_read = 0
    for plan in plans:
        if plan.kind != "customers":
            continue
        headers = _headers(plan)
        for view in data_rows(plan, sink):
            rows_read += 1
            if view.is_totals_row():
                view.problem(sink, None, view.cells[0], "looks like a totals row",
                             "not read as a customer")
                continue
            person = read_person(view, sink, summary=True)
            if not has_identity(person):
                view.problem(sink, None, "", "no name, email or customer id on this row",
                             "skipped: nothing tells who this customer is")
                continue
            book.add_listed(person, headers["email"], headers["customer_id"], headers["name"])

    listed = any(plan.kind == "customers" for plan in plans)
    owners: array[int] = array("q")  # per order, the index of its customer in the book
    drafts: Drafts = []  # emptied by with_keys
    for plan in plans:
        if plan.kind != "orders":
            continue
        attach = book.attacher(report_new=listed, name_header=_headers(plan)["name"])
        rows_read += read_orders(plan, sink, attach, owners, drafts)

    keys = book.keys()
    return Dataset(
        customers=book.customers(keys),
        orders=with_keys(owners, drafts, keys),
        problems=tuple(sink.problems),
        rows_read=rows_read,
        columns=tuple(
            ColumnMatch(plan.tab, header, letter, field)
            for plan in plans for header, letter, field in column_matches(plan)
        ),
        tabs_used=tuple(plan.tab for plan in plans),
        tabs_ignored=tuple(f"{tab.tab}: {tab.reason}" for tab in ignored),
        notes=tuple(notes),
    )


def _headers(plan: TabPlan) -> dict[str, str]:
    """The header that shows a customer's email / id / name, for problem rows."""
    fields = plan.columns.fields
    shown: dict[str, str] = {}
    for field, fallbacks in (("email", ()), ("customer_id", ()),
                             ("name", ("first_name", "last_name"))):
        column = next((fields[f][0] for f in (field, *fallbacks) if f in fields), None)
        shown[field] = plan.header(column)
    return shown


def _unused_mappings(wanted: Mapping[str, str], plans: list[TabPlan], sink: Sink) -> None:
    """A `[columns]` line whose header is on no tab: said once, so a typo is noticed."""
    seen = {header_key(h) for plan in plans for h in plan.columns.headers if h}
    for field, header in wanted.items():
        if header_key(header) not in seen:
            sink.add("", None, header, header,
                     f'toolkit.toml [columns] maps {field} to "{header}", but no tab has '
                     "that header",
                     "ignored this line; check the spelling against your header row")
