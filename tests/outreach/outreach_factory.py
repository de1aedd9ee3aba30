"""Hand-built scoring results for the outreach tests (no scoring code involved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from toolkit.model import CellValue, Customer, Dataset, Order, RawTable, Tab
from toolkit.scored import DRAG, CustomerStats, ScoredCustomer, Scoring

DAY1 = dt.date(2026, 3, 2)


def scored(
    key: str,
    name: str = "",
    *,
    email: str | None = None,
    today: dt.date = DAY1,
    segment: str = "Needs attention",
    score: float = 50.0,
    rank: int = 1,
    orders: int = 3,
    first: dt.date | None = None,
    last: dt.date | None = None,
    gap: float | None = 30.0,
    last_product: str = "",
    favourite_product: str = "",
    referrals: tuple[str, ...] = (),
    overlays: tuple[str, ...] = (),
    drag: bool = False,
    **customer_fields: object,
) -> ScoredCustomer:
    """A scored customer. By default: 3 orders, last one 10 days before `today`, usual gap 30."""
    last = last if last is not None else today - dt.timedelta(days=10)
    first = first if first is not None else last - dt.timedelta(days=60)
    customer = Customer(key=key, name=name or key.split("@")[0].title(),
                        email=key if email is None else email, **customer_fields)  # type: ignore[arg-type]
    days_since = (today - last).days
    stats = CustomerStats(
        key=key, orders=orders, revenue=100.0 * orders, refunds=0.0, profit=40.0 * orders,
        cost_to_serve=0.0, first_purchase=first, last_purchase=last, days_since=days_since,
        usual_gap=gap if orders >= 2 else None, tenure_days=(today - first).days,
        overdue_ratio=(days_since / gap) if gap and orders >= 2 else None,
        repeat_days=orders - 1, recency_age=(last - first).days, last_product=last_product,
        favourite_product=favourite_product, referrals=referrals,
        order_dates=(first, last) if orders >= 2 else (first,))
    return ScoredCustomer(
        customer=customer, stats=stats, rank=rank, r=3, f=3, m=3, score=score, segment=segment,
        overlays=overlays + ((DRAG,) if drag else ()), why="3 complaints, 2 refunds")


def scoring(*customers: ScoredCustomer) -> Scoring:
    return Scoring(customers=tuple(customers), small_list=True)


def dataset(customers: Iterable[ScoredCustomer] = (), orders: Iterable[Order] = ()) -> Dataset:
    return Dataset(customers=tuple(sc.customer for sc in customers), orders=tuple(orders),
                   problems=(), rows_read=0)


def orders_on(key: str, days: Iterable[dt.date]) -> list[Order]:
    return [Order(customer_key=key, date=day, amount=20.0) for day in days]


def as_read(tab: Tab) -> RawTable:
    """A tab as the adapter would read it back next morning: header row, then the rows."""
    return RawTable(tab=tab.name, rows=(tuple(tab.header), *tab.rows), owned=True)


def edit_cell(table: RawTable, draft_id: str, column: str, value: CellValue) -> RawTable:
    """The owner types `value` into `column` of the row holding `draft_id`."""
    header = table.rows[0]
    col = header.index(column)
    rows = list(table.rows)
    for index, row in enumerate(rows):
        if row and row[0] == draft_id:
            cells = list(row) + [None] * (len(header) - len(row))
            cells[col] = value
            rows[index] = tuple(cells)
            return RawTable(table.tab, tuple(rows), table.owned)
    raise AssertionError(f"no row for {draft_id}")


def row_of(tab: Tab, draft_id: str) -> dict[str, CellValue]:
    for row in tab.rows:
        if row[0] == draft_id:
            return dict(zip(tab.header, row, strict=True))
    raise AssertionError(f"no row for {draft_id} in {tab.name}")


def ledger_rows(*rows: dict[str, CellValue]) -> RawTable:
    """A Drafts tab as read back, from rows given as {column: value}."""
    from toolkit.ledger import COLUMNS

    return RawTable("Drafts", (COLUMNS, *(tuple(r.get(c) for c in COLUMNS) for r in rows)))
