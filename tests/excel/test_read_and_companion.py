"""Reading (calamine, the openpyxl fallback, which tabs are the toolkit's), the companion
workbook for .ods/.xls sources, and the backups kept beside the workbook."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from excel_support import CORPUS, add_owner_tab, toolkit_plan, workbook_at, write_ods

from toolkit.errors import TabConflictError
from toolkit.excel import reader, save
from toolkit.excel.workbook import ExcelWorkbook
from toolkit.model import SourceData, Tab, WritePlan


def _owner_book(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Orders")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(2, 1, ["Name", "Date", "Amount"])  # a title area above and to the left
    sheet.write_string(3, 1, "Ann")
    sheet.write_datetime(3, 2, dt.datetime(2024, 1, 2), day)
    sheet.write_number(3, 3, 12.5)
    sheet.write_string(5, 1, "=not a formula")
    book.add_worksheet("Empty")
    book.close()
    return path


def test_reads_every_tab_from_row_one_with_dates(tmp_path: Path) -> None:
    data = workbook_at(_owner_book(tmp_path / "shop.xlsx")).read()
    assert data.label == "shop.xlsx" and data.notes == ()
    orders = data.table("orders")
    assert orders is not None and not orders.owned
    assert orders.rows[0] == (None, None, None, None)
    assert orders.rows[2] == (None, "Name", "Date", "Amount")
    assert orders.rows[3] == (None, "Ann", dt.date(2024, 1, 2), 12.5)
    assert orders.rows[5][1] == "=not a formula"
    assert data.table("Empty") is not None and data.table("Empty").rows == ()  # type: ignore[union-attr]


def test_falls_back_to_openpyxl_and_says_so(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    expected = workbook_at(path).read().tables

    def broken(*_args: object) -> object:
        raise ValueError("relationship rId7 is missing")

    monkeypatch.setattr(reader, "read_with_calamine", broken)
    data = workbook_at(path).read()
    assert len(data.notes) == 1 and "openpyxl" in data.notes[0]
    assert "rId7" in data.notes[0]
    fallback = {t.tab: t.rows for t in data.tables}
    for table in expected:  # openpyxl gives date-times where calamine gives dates
        assert len(fallback[table.tab]) == len(table.rows)
    assert fallback["Orders"][3][1:] == ("Ann", dt.datetime(2024, 1, 2), 12.5)


def test_marks_only_the_toolkits_tabs_as_owned(tmp_path: Path) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    add_owner_tab(path, Tab("Notes", ("Mine",), (("x",),)))
    workbook_at(path).write(toolkit_plan())
    owned = {t.tab: t.owned for t in workbook_at(path).read().tables}
    assert owned == {"Orders": False, "Empty": False, "Notes": False, "Best customers": True,
                     "Summary": True, "Drafts": True}


@pytest.mark.parametrize("fallback", [False, True])
def test_toolkit_tabs_the_run_does_not_read_back_are_listed_but_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fallback: bool) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    plan = toolkit_plan()
    extra = Tab("Find more like them", ("Attribute",), (("Source: Referral",),))
    workbook_at(path).write(WritePlan((*plan.tabs, extra)))
    if fallback:
        def broken(*_args: object) -> object:
            raise ValueError("cannot parse")

        monkeypatch.setattr(reader, "read_with_calamine", broken)
    tables = {t.tab: t for t in workbook_at(path).read().tables}
    assert tables["Find more like them"].owned and tables["Find more like them"].rows == ()
    assert tables["Best customers"].owned and len(tables["Best customers"].rows) == 13
    assert tables["Drafts"].rows and tables["Summary"].rows  # read back by the next run
    assert tables["Orders"].rows[3][1] == "Ann"  # the owner's tabs are read as ever


def test_ods_source_gets_a_companion_workbook(tmp_path: Path) -> None:
    source = write_ods(tmp_path / "shop.ods", {
        "Orders": [("Name", "Date", "Amount"), ("Ann", dt.date(2024, 1, 2), 12.5)]})
    original = source.read_bytes()
    book = workbook_at(source)
    report = book.write(toolkit_plan())
    companion = tmp_path / "shop.customer-toolkit.xlsx"
    assert report.target == str(companion) and companion.is_file()
    assert any("shop.customer-toolkit.xlsx" in note for note in report.notes)
    assert source.read_bytes() == original
    data = book.read()
    tabs = {t.tab: t for t in data.tables}
    assert not tabs["Orders"].owned and tabs["Orders"].rows[1] == ("Ann", dt.date(2024, 1, 2),
                                                                   12.5)
    assert tabs["Drafts"].owned and tabs["Drafts"].rows[0][0] == "Draft id"

    # The owner edits the companion in Excel (here: adds a tab of their own); the next
    # run replaces the toolkit's tabs in place and keeps the rest.
    add_owner_tab(companion, Tab("Owner notes", ("Note",), (("call Ann",),)))
    report = book.write(WritePlan((Tab("Drafts", ("Draft id",), (("d-2",),)),)))
    assert report.backup is not None
    tabs = {t.tab: t for t in book.read().tables}
    assert tabs["Drafts"].rows == (("Draft id",), ("d-2",))
    assert "Owner notes" not in tabs  # only the toolkit's tabs come from the companion
    names = zipfile.ZipFile(companion).read("xl/workbook.xml").decode()
    assert names.index("Best customers") < names.index("Drafts") < names.index("Owner notes")


def test_companion_refuses_to_shadow_an_owner_tab(tmp_path: Path) -> None:
    source = write_ods(tmp_path / "shop.ods", {"Drafts": [("Mine",)]})
    with pytest.raises(TabConflictError, match="Drafts"):
        workbook_at(source).write(toolkit_plan())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.ods"]


def test_keeps_the_last_few_backups_named_by_the_clock(tmp_path: Path) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    versions = [path.read_bytes()]
    moments = [dt.datetime(2024, 5, day, 7, 0) for day in range(1, 5)]
    for moment in moments:
        book = ExcelWorkbook(path, clock=lambda m=moment: m, keep_backups=2)  # type: ignore[misc]
        report = book.write(toolkit_plan())
        assert report.backup == str(tmp_path / save.BACKUP_DIR
                                    / f"shop.{moment:%Y-%m-%d_%H%M%S}.xlsx")
        versions.append(path.read_bytes())
    kept = sorted((tmp_path / save.BACKUP_DIR).iterdir())
    assert [p.name for p in kept] == ["shop.2024-05-03_070000.xlsx",
                                      "shop.2024-05-04_070000.xlsx"]
    assert [p.read_bytes() for p in kept] == versions[2:4]


def test_no_backups_when_asked_for_none(tmp_path: Path) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    report = workbook_at(path, keep_backups=0).write(toolkit_plan())
    assert report.backup is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.xlsx"]


@pytest.mark.parametrize("source", sorted(CORPUS.glob("*.xls*")), ids=lambda p: p.name)
def test_row_iteration_matches_calamines_full_grid(source: Path) -> None:
    """The light row iterator gives exactly the grid from A1 that `to_python` gives."""
    from python_calamine import CalamineWorkbook

    tables = dict(reader.read_with_calamine(source))
    book = CalamineWorkbook.from_path(str(source))
    for name, rows in tables.items():
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        expected = [reader._row(row) for row in grid]  # same value conversion
        while expected and all(v is None for v in expected[-1]):
            expected.pop()
        assert list(rows) == expected, name


def test_a_toolkit_tab_whose_name_changed_case_is_renamed_in_place(tmp_path: Path) -> None:
    path = _owner_book(tmp_path / "shop.xlsx")
    workbook_at(path).write(WritePlan((Tab("best customers", ("A",), (("x",),)),
                                       Tab("Drafts", ("B",), ()))))
    workbook_at(path).write(WritePlan((Tab("Best Customers", ("A",), (("y",),)),)))
    tables = workbook_at(path).read().tables
    assert [(t.tab, t.owned) for t in tables] == [
        ("Orders", False), ("Empty", False), ("Best Customers", True), ("Drafts", True)]
    assert tables[2].rows == (("A",), ("y",))
    app = zipfile.ZipFile(path).read("docProps/app.xml").decode()
    assert "<vt:lpstr>Best Customers</vt:lpstr>" in app and "best customers" not in app
    assert '<vt:vector size="4" baseType="lpstr">' in app


def test_a_big_tab_holds_each_repeated_text_and_date_once(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Orders")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Order", "Email", "Date", "Amount", "Flag"])
    for row in range(1, 6001):
        sheet.write_string(row, 0, f"O{row:05d}")
        sheet.write_string(row, 1, f"c{row % 7}@x.test")
        sheet.write_datetime(row, 2, dt.datetime(2024, 1, 1 + row % 3), day)
        sheet.write_number(row, 3, (0.0, -0.0, 1.0)[row % 3])
        sheet.write(row, 4, (1, 1.0, True)[row % 3])
    book.close()
    rows = reader.read_tables(path)[0][0][1]
    assert len(rows) == 6001
    assert rows[7] == ("O00007", "c0@x.test", dt.date(2024, 1, 2), -0.0, 1.0)
    emails = {id(r[1]) for r in rows[1:]}
    dates = {id(r[2]) for r in rows[1:]}
    assert len(emails) == 7 and len(dates) == 3  # shared: one object per distinct value
    assert len({id(r[0]) for r in rows[1:]}) == 6000  # order numbers: all distinct anyway
    # numbers are never shared: -0.0 stays -0.0 and a tick box stays a tick box
    assert [repr(r[3]) for r in rows[1:4]] == ["-0.0", "1.0", "0.0"]
    assert [type(r[4]) for r in rows[1:4]] == [float, bool, float]


def _three_tabs(path: Path) -> Path:
    """Customers, a much larger Orders, and Notes: the two others are parsed ahead."""
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    book.add_worksheet("Customers").write_row(0, 0, ["Name", "Email"])
    orders = book.add_worksheet("Orders")
    orders.write_row(0, 0, ["Email", "Date", "Amount"])
    for row in range(1, 400):
        orders.write_row(row, 0, [f"c{row % 9}@x.test", None, row / 4])
        orders.write_datetime(row, 1, dt.datetime(2024, 1, 1 + row % 28), day)
    book.add_worksheet("Notes").write_row(1, 1, ["a note"])
    book.close()
    return path


class _Panic(BaseException):
    """What a Rust panic inside python-calamine raises (not an Exception)."""


def _panicking(monkeypatch: pytest.MonkeyPatch, names: set[str]) -> None:
    """calamine as it is, except that parsing the named tabs panics."""
    import python_calamine

    real = python_calamine.CalamineWorkbook

    class Book:
        def __init__(self, book: object) -> None:
            self._book = book

        @classmethod
        def from_path(cls, path: str) -> Book:
            return cls(real.from_path(path))

        def __getattr__(self, name: str) -> object:
            return getattr(self._book, name)

        def get_sheet_by_name(self, name: str) -> object:
            if name in names:
                raise _Panic(f"{name}: index out of bounds")
            return self._book.get_sheet_by_name(name)  # type: ignore[attr-defined]

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Book)


def _read_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[SourceData]:
    """Workbook.read() with every sheet parsed in turn, then the others ahead."""
    started: list[list[str]] = []
    real = reader._SheetsAhead.__init__

    def spy(self: reader._SheetsAhead, path: Path, names: list[str]) -> None:
        started.append(names)
        real(self, path, names)

    monkeypatch.setattr(reader._SheetsAhead, "__init__", spy)
    got = []
    for ahead_from in (10**12, 1):
        monkeypatch.setattr(reader, "_AHEAD_FROM", ahead_from)
        got.append(workbook_at(path).read())
    assert started == [["Customers", "Notes"]]  # while Orders, the largest, is parsed
    return got


def test_tabs_parsed_in_a_thread_of_their_own_read_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_turn, ahead = _read_both_ways(_three_tabs(tmp_path / "shop.xlsx"), monkeypatch)
    assert ahead == in_turn
    assert [t.tab for t in ahead.tables] == ["Customers", "Orders", "Notes"]


@pytest.mark.parametrize("panics", [{"Orders"}, {"Orders", "Notes"}, {"Customers", "Orders"},
                                    {"Notes"}])
def test_a_tab_calamine_cannot_parse_gives_the_same_fallback_and_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, panics: set[str]) -> None:
    path = _three_tabs(tmp_path / "shop.xlsx")
    _panicking(monkeypatch, panics)
    in_turn, ahead = _read_both_ways(path, monkeypatch)
    assert ahead == in_turn
    first = next(name for name in ("Customers", "Orders", "Notes") if name in panics)
    assert ahead.notes == (
        f"Read shop.xlsx with openpyxl because the fast reader could not open it "
        f"({first}: index out of bounds).",)
