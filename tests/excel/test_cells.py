"""Cell values as the toolkit writes them: customer text stays literal text, numbers and
dates stay exact, and nothing can turn into a formula."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from excel_support import HOSTILE, workbook_at
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from toolkit.excel.cells import MAX_TEXT, CellWriter, _special, clean_text, date_serial
from toolkit.excel.names import legal_sheet_name, prepare_tabs
from toolkit.model import CellValue, Tab, WritePlan

LONG = "x" * 40_000


def _book(tmp_path: Path, date1904: bool = False) -> Path:
    path = tmp_path / "cells.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
    book.add_worksheet("Owner").write(0, 0, "mine")
    book.close()
    return path


def _write(path: Path, rows: list[tuple[CellValue, ...]]) -> str:
    header = tuple(f"C{i}" for i in range(max(len(r) for r in rows)))
    workbook_at(path).write(WritePlan((Tab("Out", header, tuple(rows)),)))
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet2.xml").decode()


def test_hostile_text_stays_literal_inline_text(tmp_path: Path) -> None:
    path = _book(tmp_path)
    xml = _write(path, [(text,) for text in HOSTILE])
    assert "<f>" not in xml and "<f " not in xml
    assert xml.count('t="inlineStr"') == len(HOSTILE) + 1  # + the header
    sheet = openpyxl.load_workbook(path)["Out"]
    for row, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s"
        expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
        if "_x0041_" in text:  # Excel and calamine decode _xHHHH_, openpyxl shows the escape
            expected = expected.replace("_x0041_", "_x005F_x0041_")
        assert cell.value == expected
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()
    assert [r[0] for r in rows[1:]] == [
        re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", t) for t in HOSTILE]


def test_numbers_booleans_and_dates(tmp_path: Path) -> None:
    path = _book(tmp_path)
    values: tuple[CellValue, ...] = (
        42, -3.25, 0.1 + 0.2, True, False, dt.date(2024, 2, 29),
        dt.datetime(2024, 5, 1, 13, 45, 30), 10**16, float("nan"), dt.date(1899, 1, 1), "")
    _write(path, [values])
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()[1]
    assert row[:8] == [42.0, -3.25, 0.1 + 0.2, True, False, dt.date(2024, 2, 29),
                       dt.datetime(2024, 5, 1, 13, 45, 30), "10000000000000000"]
    assert row[8] == "nan"  # not a number Excel can hold: kept visible as text
    assert row[9] == "1899-01-01"  # before Excel's calendar: kept as text
    assert row[10] == ""


def test_1904_dates(tmp_path: Path) -> None:
    path = _book(tmp_path, date1904=True)
    _write(path, [(dt.date(2024, 2, 29), dt.datetime(1910, 3, 1, 6, 0))])
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()[1]
    assert row == [dt.date(2024, 2, 29), dt.datetime(1910, 3, 1, 6, 0)]


@pytest.mark.parametrize(("day", "serial"), [
    (dt.date(1900, 1, 1), 1), (dt.date(1900, 2, 28), 59), (dt.date(1900, 3, 1), 61),
    (dt.date(2024, 1, 1), 45292)])
def test_1900_serials_follow_excel(day: dt.date, serial: int) -> None:
    assert date_serial(day, date1904=False) == serial


def test_1904_serials() -> None:
    assert date_serial(dt.date(1904, 1, 1), date1904=True) == 0
    assert date_serial(dt.date(2024, 1, 1), date1904=True) == 45292 - 1462


def test_long_text_is_cut_at_excels_limit(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _write(path, [(LONG, "😀" * 20_000)])
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()[1]
    assert len(row[0]) == MAX_TEXT
    assert len(row[1].encode("utf-16-le")) <= 2 * MAX_TEXT


def test_cell_writer_never_emits_a_formula() -> None:
    writer = CellWriter(1, 2, False)
    for text in HOSTILE:
        xml = writer.cell("A1", text, "")
        assert xml.startswith('<c r="A1" t="inlineStr"><is><t')
        assert "<f>" not in xml


def test_text_of_only_control_characters_writes_no_cell() -> None:
    writer = CellWriter(1, 2, False)
    assert writer.cell("A1", "\x1f\x00", "") == ""
    assert writer.block(2, [("\x1f", "ok")], ("A", "B"), ("", "")) == (
        '<row r="2"><c r="B2" t="inlineStr"><is><t>ok</t></is></c></row>')


@pytest.mark.parametrize(("name", "legal"), [
    ("Best customers", "Best customers"), ("Q1/Q2: [draft]?", "Q1-Q2- -draft--"),
    ("A" * 40, "A" * 31), ("'quoted'", "quoted"), ("History", "History (toolkit)"),
    ("", "Toolkit")])
def test_sheet_names_are_made_legal(name: str, legal: str) -> None:
    assert legal_sheet_name(name) == legal


def test_plan_names_stay_distinct_after_cleaning() -> None:
    tabs, notes = prepare_tabs((Tab("a/b", ("x",), ()), Tab("A:b", ("x",), ())))
    assert [t.name for t in tabs] == ["a-b", "A-b (2)"]
    assert len(notes) == 2


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=60), min_size=1, max_size=15))
def test_any_text_reads_back_literally(tmp_path: Path, texts: list[str]) -> None:
    path = _book(tmp_path)
    _write(path, [(text,) for text in texts])
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()
    got = [r[0] for r in rows[1:]]
    expected = [clean_text(t) for t in texts]
    while expected and expected[-1] == "":  # trailing empty rows are not stored
        expected.pop()
    assert got == expected


def test_text_of_only_control_characters_is_a_blank_cell(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _write(path, [("\x08",)])
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Out").to_python()
    assert len(rows) == 1  # the header only: no empty text cell below it


_ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.text(max_size=12), st.sampled_from([*HOSTILE, "", " ", "é "]),
    st.integers(-(10**16), 10**16), st.floats(), st.dates(), st.datetimes())
_COLUMN_KINDS = st.sampled_from([  # columns of one type reach the fast paths of `block`
    _ANY_VALUE, st.text(max_size=12), st.text(alphabet="ab _x0F", max_size=8),
    st.text(alphabet="ab _x0F\t é&", max_size=8), st.integers(-(10**16), 10**16),
    st.sampled_from(["ok", "é", "_x0041_", "a_x00f1_", "é_x0041_", "é ", " é", "a\u00a0"]),
    st.one_of(st.none(), st.floats()), st.dates(),
    st.one_of(st.none(), st.dates(dt.date(1899, 12, 28), dt.date(1900, 3, 3)))])


@st.composite
def _tables(draw: st.DrawFn) -> list[tuple[CellValue, ...]]:
    kinds = draw(st.lists(_COLUMN_KINDS, max_size=4))
    lengths = st.sampled_from([len(kinds), len(kinds), len(kinds), *range(len(kinds))])
    return [tuple(draw(kind) for kind in kinds[: draw(lengths)])
            for _ in range(draw(st.integers(1, 6)))]


@settings(max_examples=300, deadline=None)
@given(_tables(), st.booleans())
def test_a_block_of_rows_is_each_cell_as_cell_writes_it(
        rows: list[tuple[CellValue, ...]], date1904: bool) -> None:
    writer = CellWriter(1, 2, date1904)
    letters, styles = ("A", "B", "C", "D"), ("", ' s="3"', "", ' s="3"')
    expected = "".join(
        f'<row r="{n}">' + "".join(writer.cell(f"{letters[i]}{n}", value, styles[i])
                                    for i, value in enumerate(row)) + "</row>"
        for n, row in enumerate(rows, start=7))
    assert writer.block(7, rows, letters, styles) == expected


@pytest.mark.parametrize("column", [
    [1.5, float("nan")], [1.5, float("inf")], [2.0, 1.7e308], [1, 10**15], [None, -(10**15)],
    ["ok", LONG], [dt.date(2024, 1, 1), None, dt.date(1900, 2, 28)]])
def test_one_odd_value_in_a_column_is_written_as_cell_writes_it(column: list[CellValue]) -> None:
    writer = CellWriter(1, 2, False)
    expected = "".join(f'<row r="{n}">{writer.cell(f"A{n}", value, "")}</row>'
                       for n, value in enumerate(column, start=2))
    assert writer.block(2, [(value,) for value in column], ("A",), ("",)) == expected


_NEEDS_CARE = re.compile("[&<>\r\t\n\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
                         "|_x[0-9A-Fa-f]{4}_|^\\s|\\s$")


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=20),
                 st.text(alphabet=" \t\n\x85\xa0\u3000_x0Aa&<\x01\ufffe", max_size=10)))
def test_text_needing_care_is_found_as_one_regex_would(text: str) -> None:
    assert _special(text) == (_NEEDS_CARE.search(text) is not None)
