"""Workbooks authored here with xlsxwriter, each carrying features a load-and-save loses:
a run must keep every one of their parts byte for byte."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
import xlsxwriter
from excel_support import (
    CORPUS,
    check_round_trip,
    customers_tab,
    members,
    toolkit_plan,
    workbook_at,
)
from python_calamine import CalamineWorkbook

from toolkit.excel.surgery import Surgery


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b"")


def _owner_sheet(book: xlsxwriter.Workbook, tmp: Path) -> None:
    sheet = book.add_worksheet("Sales")
    bold = book.add_format({"bold": True})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Month", "Amount", "Kind", "Day"])
    for i, amount in enumerate([120, 80, 150, 95], start=1):
        sheet.write(i, 0, f"M{i}")
        sheet.write(i, 1, amount)
        sheet.write(i, 2, "a")
        sheet.write_datetime(i, 3, dt.datetime(2024, i, 15), dates)
    sheet.write_formula("B6", "=SUM(B2:B5)", None, 445)
    sheet.write_rich_string("A8", "plain ", bold, "bold", " end")
    sheet.write_comment("A2", "Owner note: first month")
    sheet.conditional_format("B2:B5", {"type": "data_bar", "bar_solid": True})
    sheet.add_sparkline("E2", {"range": "Sales!B2:B5"})
    sheet.data_validation("C2:C5", {"validate": "list", "source": ["a", "b"]})
    chart = book.add_chart({"type": "column"})
    chart.add_series({"categories": "=Sales!$A$2:$A$5", "values": "=Sales!$B$2:$B$5"})
    sheet.insert_chart("G2", chart)
    image = tmp / "dot.png"
    image.write_bytes(_png())
    sheet.insert_image("G20", str(image))
    table = book.add_worksheet("Table")
    table.add_table("A1:C4", {"data": [["x", 1, 2], ["y", 3, 4], ["z", 5, 6]],
                              "columns": [{"header": "Name"}, {"header": "P"}, {"header": "Q"}]})
    book.define_name("Total", "=Sales!$B$6")
    book.define_name("Sales!LocalName", "=Sales!$A$1")


def _everything(tmp: Path) -> Path:
    path = tmp / "features.xlsx"
    book = xlsxwriter.Workbook(str(path))
    _owner_sheet(book, tmp)
    book.close()
    return path


def _macro(tmp: Path) -> Path:
    with zipfile.ZipFile(CORPUS / "vba.xlsm") as corpus:
        (tmp / "vbaProject.bin").write_bytes(corpus.read("xl/vbaProject.bin"))
    path = tmp / "macros.xlsm"
    book = xlsxwriter.Workbook(str(path))
    _owner_sheet(book, tmp)
    book.add_vba_project(str(tmp / "vbaProject.bin"))
    book.close()
    return path


def _dates_1904(tmp: Path) -> Path:
    path = tmp / "mac-1904.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": True})
    _owner_sheet(book, tmp)
    book.close()
    return path


def _stored_members(tmp: Path) -> Path:
    """The same workbook with every member stored uncompressed (some producers do)."""
    source = _everything(tmp)
    path = tmp / "stored.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_STORED)
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "everything": _everything, "macros": _macro, "dates-1904": _dates_1904,
    "stored": _stored_members,
}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_authored_workbook_keeps_everything(tmp_path: Path, kind: str) -> None:
    path = BUILDERS[kind](tmp_path)
    original = members(path)
    from excel_support import add_owner_tab

    add_owner_tab(path, customers_tab())
    check_round_trip(path, original)


def test_macro_workbook_keeps_its_project_and_type(tmp_path: Path) -> None:
    path = _macro(tmp_path)
    project = members(path)["xl/vbaproject.bin"]
    workbook_at(path).write(toolkit_plan())
    after = members(path)
    assert after["xl/vbaproject.bin"] == project
    types = zipfile.ZipFile(path).read("[Content_Types].xml").decode()
    assert "sheet.macroEnabled.main+xml" in types


def test_1904_workbook_gets_1904_serials(tmp_path: Path) -> None:
    path = _dates_1904(tmp_path)
    plan = toolkit_plan()
    workbook_at(path).write(plan)
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Best customers").to_python()
    assert rows[1][5] == plan.tabs[0].rows[0][5]  # the date reads back as the same day
    owner = book.get_sheet_by_name("Sales").to_python()
    assert owner[1][3] in (dt.date(2024, 1, 15), dt.datetime(2024, 1, 15))


def test_prefixed_workbook_part_is_edited_with_its_own_prefix(tmp_path: Path) -> None:
    """Some producers (Open XML SDK) write `<x:workbook xmlns:x=...>`."""
    source = _everything(tmp_path)
    path = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                text = data.decode()
                text = text.replace('<workbook xmlns="', '<x:workbook xmlns:x="')
                text = text.replace("<", "<x:").replace("<x:/", "</x:").replace("<x:?", "<?")
                text = text.replace("<x:x:", "<x:")
                data = text.encode()
            out.writestr(info, data)
    workbook_at(path).write(toolkit_plan())
    text = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    assert '<x:sheet name="Best customers"' in text
    assert '<x:definedName name="CustomerToolkitTab"' in text
    ElementTree.fromstring(text)  # still well-formed
    data = workbook_at(path).read()
    assert data.notes == ()  # python-calamine read it, no fallback needed
    assert {t.tab for t in data.tables if t.owned} == {"Best customers", "Summary", "Drafts"}


def test_chart_is_a_native_chart_openpyxl_understands(tmp_path: Path) -> None:
    import openpyxl

    path = _everything(tmp_path)
    workbook_at(path).write(toolkit_plan())
    names = zipfile.ZipFile(path).namelist()
    assert any(n.startswith("xl/charts/chart") for n in names)
    book = openpyxl.load_workbook(path)
    charts = book["Summary"]._charts
    assert len(charts) == 1
    assert book["Sales"]._charts  # the owner's chart is still there too


def test_surgery_can_be_worked_out_without_writing(tmp_path: Path) -> None:
    """Refusals and conflicts are all found before any file is created."""
    path = _everything(tmp_path)
    from toolkit.excel.names import prepare_tabs
    from toolkit.excel.package import ZipPackage

    tabs, _notes = prepare_tabs(toolkit_plan().tabs)
    with path.open("rb") as fp, ZipPackage(fp) as package:
        surgery = Surgery(package, path.name, tabs)
    assert surgery.tab_names == ["Best customers", "Summary", "Drafts"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dot.png", "features.xlsx"]
