"""Small builders for scoring tests: customers, orders and datasets in one line each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from toolkit.model import Customer, Dataset, Order

D = dt.date


def customer(key: str, **fields: Any) -> Customer:
    """A customer whose key is their email when the key looks like one."""
    defaults: dict[str, Any] = {"name": key.split("@")[0].title()}
    if "@" in key:
        defaults["email"] = key
    defaults.update(fields)
    return Customer(key=key, **defaults)


def order(key: str, day: dt.date, amount: float, **fields: Any) -> Order:
    return Order(customer_key=key, date=day, amount=amount, **fields)


def dataset(customers: Iterable[Customer], orders: Iterable[Order] = ()) -> Dataset:
    people = tuple(customers)
    rows = tuple(orders)
    return Dataset(customers=people, orders=rows, problems=(), rows_read=len(rows))


def regulars(count: int, today: dt.date, every: int = 10, visits: int = 3,
             start: int = 0, amount: float = 20.0) -> tuple[list[Customer], list[Order]]:
    """`count` customers who each came `visits` times, `every` days apart, last `start`
    + i days ago (customer i)."""
    people: list[Customer] = []
    rows: list[Order] = []
    for i in range(count):
        key = f"r{i:03d}@shop.test"
        people.append(customer(key))
        last = today - dt.timedelta(days=start + i)
        for visit in range(visits):
            rows.append(order(key, last - dt.timedelta(days=every * visit), amount))
    return people, rows
