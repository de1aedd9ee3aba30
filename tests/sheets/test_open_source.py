"""A Google Sheet link given as --source reaches the Sheets adapter (here: the fake)."""

from __future__ import annotations

from pathlib import Path

from tests.fake_sheets import FakeSheets
from tests.sheets.plans import OWNER_ROWS, plan
from toolkit.source import open_source


def test_a_sheet_link_opens_the_sheet_and_a_run_writes_back(
    sheets_via_fake: FakeSheets, sheets_key: Path
) -> None:
    book = sheets_via_fake.create_spreadsheet({"Customers": OWNER_ROWS})
    workbook = open_source(sheets_via_fake.url(book), credentials=str(sheets_key))

    source = workbook.read()
    report = workbook.write(plan())

    assert source.table("Customers") is not None
    assert source.tables[0].rows[1][2] == "00123"
    assert report.api_calls == 5
    assert sheets_via_fake.tab_titles(book) == ["Customers", "Best customers", "Summary"]
