"""write_new_workbook: what goes in comes back out (dates as dates, text as text, never a
formula), with a bold, frozen header, and no half-written file on failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from toolkit.errors import ToolkitError
from toolkit.excel.sample_writer import write_new_workbook
from toolkit.model import CellValue
from toolkit.sample import build_sample

TODAY = dt.date(2025, 6, 15)
HOSTILE = ("=1+1", '=HYPERLINK("http://example.com","click")', "+44 7700 900123", "00123",
           "@SUM(A1)", "-2+3")


def _trimmed(rows: Sequence[Sequence[object]]) -> list[tuple[object, ...]]:
    """Rows as comparable tuples: blanks as None, trailing blanks and blank rows at the end
    dropped (a file does not keep them), midnight datetimes as dates."""
    out = []
    for row in rows:
        cells = [None if v == "" else v for v in row]
        cells = [v.date() if isinstance(v, dt.datetime) and v.time() == dt.time() else v
                 for v in cells]
        while cells and cells[-1] is None:
            cells.pop()
        out.append(tuple(cells))
    while out and not out[-1]:
        out.pop()
    return out


def test_the_sample_reads_back_the_same_with_openpyxl_and_calamine(tmp_path: Path) -> None:
    tabs = build_sample(TODAY)
    path = tmp_path / "sample-shop.xlsx"
    write_new_workbook(path, tabs)
    book = openpyxl.load_workbook(path)
    calamine = CalamineWorkbook.from_path(str(path))
    assert book.sheetnames == calamine.sheet_names == [name for name, _ in tabs]
    for name, rows in tabs:
        expected = _trimmed(rows)
        assert _trimmed(list(book[name].iter_rows(values_only=True))) == expected
        assert _trimmed(calamine.get_sheet_by_name(name).to_python()) == expected
    orders = book["Orders"]
    assert isinstance(orders["B2"].value, dt.datetime) and orders["B2"].is_date
    assert "dd" in orders["B2"].number_format


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    rows: list[list[CellValue]] = [["Name", "Note"]]
    rows.extend([text, text] for text in HOSTILE)
    path = tmp_path / "hostile.xlsx"
    write_new_workbook(path, [("People", rows)])
    sheet = openpyxl.load_workbook(path)["People"]
    for r, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=r, column=1)
        assert (cell.value, cell.data_type) == (text, "s")
    read = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("People").to_python()
    assert [row[0] for row in read[1:]] == list(HOSTILE)


def test_cell_kinds_and_layout(tmp_path: Path) -> None:
    at = dt.datetime(2025, 3, 14, 9, 30)
    rows: list[list[CellValue]] = [
        ["Shop title"], [], ["When", "Count", "Money", "Flag", "Text"],
        [at, 3, 12.5, True, "bell\x07 rang"], [dt.date(2025, 3, 14), None, "", False, "x"],
    ]
    path = tmp_path / "kinds.xlsx"
    write_new_workbook(path, [("Kinds", rows)])
    sheet = openpyxl.load_workbook(path)["Kinds"]
    assert [c.value for c in sheet[4]] == [at, 3, 12.5, True, "bell rang"]  # control char gone
    assert sheet["A4"].is_date and sheet["A5"].is_date and sheet["B5"].value is None
    assert sheet["A1"].font.b and sheet["A3"].font.b and sheet["E3"].font.b
    assert not sheet["A4"].font.b
    assert sheet.freeze_panes == "A4"  # rows down to the header stay in view
    assert sheet.column_dimensions["E"].width >= len("bell rang")


def test_replaces_an_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "sample.xlsx"
    path.write_bytes(b"old")
    write_new_workbook(path, [("Only", [["A", "B"], [1, 2]])])
    assert openpyxl.load_workbook(path).sheetnames == ["Only"]
    assert [p.name for p in tmp_path.iterdir()] == ["sample.xlsx"]


def test_a_folder_that_cannot_be_written_gives_a_plain_error(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    target = blocked / "sample.xlsx"
    target.mkdir()  # a folder where the file should go: the final move must fail
    with pytest.raises(ToolkitError, match=r"Could not write the workbook .*sample\.xlsx"):
        write_new_workbook(target, [("Only", [["A", "B"]])])
    assert [p.name for p in blocked.iterdir()] == ["sample.xlsx"]
