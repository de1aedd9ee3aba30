"""A run costs the same number of Sheets API calls for 100 rows as for 10,000; only a
payload past the size limit splits."""

from __future__ import annotations

import json

from tests.fake_sheets import FakeSheets
from tests.sheets.conftest import OpenWorkbook
from tests.sheets.plans import OWNER_ROWS, best_customers, plan, ranked_rows
from toolkit.model import WritePlan


def _run(fake: FakeSheets, open_workbook: OpenWorkbook, count: int) -> list[str]:
    owner = [OWNER_ROWS[0], *([OWNER_ROWS[1]] * count)]
    book = fake.create_spreadsheet({"Customers": owner})
    fake.log.clear()
    workbook = open_workbook(book)
    source = workbook.read()
    assert len(source.tables[0].rows) == count + 1
    report = workbook.write(plan(count))
    calls = [entry.op for entry in fake.sheets_calls()]
    assert report.api_calls == len(calls)
    assert len(fake.values(book, "Best customers")) == count + 1
    return calls


def test_call_count_is_the_same_for_100_and_10000_rows(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    small = _run(fake_sheets, open_workbook, 100)
    large = _run(fake_sheets, open_workbook, 10_000)

    assert small == large == ["get", "values.batchGet", "values.batchGet", "batchUpdate",
                              "values.batchUpdate"]


def test_write_without_a_read_first_fetches_the_tab_list_once(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan())
    assert [e.op for e in fake_sheets.sheets_calls()] == ["get", "batchUpdate",
                                                          "values.batchUpdate"]


def test_a_payload_past_the_limit_splits_into_more_value_writes(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    rows = ranked_rows(2_000)
    open_workbook(book, max_payload=40_000).write(WritePlan((best_customers(rows),)))

    writes = fake_sheets.sheets_calls("values.batchUpdate")
    assert len(writes) >= 3
    assert all(len(json.dumps(w.body)) < 40_000 + 1_000 for w in writes)
    assert fake_sheets.values(book, "Best customers")[1:] == [list(row) for row in rows]
