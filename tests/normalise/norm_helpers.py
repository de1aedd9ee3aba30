"""Small builders for the normalise tests: tabs are built as raw rows, as adapters read them."""

from __future__ import annotations

from typing import Any

from hypothesis import settings

from toolkit.model import CellValue, Customer, Dataset, Order, Problem, RawTable, SourceData
from toolkit.normalise import normalise


def tab(name: str, *rows: tuple[CellValue, ...], owned: bool = False) -> RawTable:
    return RawTable(name, tuple(tuple(row) for row in rows), owned=owned)


def run(*tables: RawTable, **options: Any) -> Dataset:
    return normalise(SourceData("shop.xlsx", tuple(tables)), **options)


def customer(dataset: Dataset, key: str) -> Customer:
    found = [c for c in dataset.customers if c.key == key]
    assert len(found) == 1, f"{key} not among {[c.key for c in dataset.customers]}"
    return found[0]


def orders_of(dataset: Dataset, key: str) -> list[Order]:
    return [o for o in dataset.orders if o.customer_key == key]


def problems(dataset: Dataset, words: str) -> list[Problem]:
    """Problems whose text mentions `words` (case-insensitive)."""
    return [p for p in dataset.problems if words.casefold() in p.problem.casefold()]


def fields_of(dataset: Dataset, tab_name: str) -> dict[str, str]:
    """{header: field} for one tab, from Dataset.columns."""
    return {m.header: m.field for m in dataset.columns if m.tab == tab_name}


def export(name: str, header_line: str, *records: dict[str, CellValue]) -> RawTable:
    """A tab as an export writes it: the full header row, then rows given by header."""
    headers = header_line.split(",")
    unknown = {key for record in records for key in record} - set(headers)
    assert not unknown, f"not in the export's headers: {unknown}"
    rows = [tuple(headers)]
    rows += [tuple(record.get(h) for h in headers) for record in records]
    return RawTable(name, tuple(rows))


# Property tests run the same examples on every run (the project's tests are deterministic);
# 200 examples each, found to be enough to cover the parsers' branches in a few seconds.
DETERMINISTIC = settings(derandomize=True, max_examples=200, deadline=None)
