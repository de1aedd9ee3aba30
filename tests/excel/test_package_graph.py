"""What hangs off a toolkit tab goes with it; what the owner's parts use stays. Plus the
sample workbook writer used for the demo and tests."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
from excel_support import CORPUS, copy_to, members, sheet_layout, toolkit_plan, workbook_at
from python_calamine import CalamineWorkbook

from toolkit.excel.sample_writer import write_new_workbook

SOURCE = CORPUS / "WithChart.xlsx"  # Sheet1 has the owner's chart (drawing1 -> chart1)


def _repack(path: Path, changes: dict[str, bytes]) -> None:
    """Rewrite the zip with some members replaced or added (an owner's program saving)."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info, changes.pop(info.filename, data))
        for name, data in changes.items():
            out.writestr(name, data)


def _text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode()


def test_parts_only_a_toolkit_tab_used_are_removed_shared_ones_kept(tmp_path: Path) -> None:
    path = copy_to(tmp_path, SOURCE)
    workbook_at(path).write(toolkit_plan())
    drafts_part = sheet_layout(path)["Drafts"][2]
    rels_name = drafts_part.replace("worksheets/", "worksheets/_rels/") + ".rels"
    rels = _text(path, rels_name)
    # The owner adds a comment to the Drafts tab, and (oddly) it also points at the
    # owner's own drawing on Sheet1.
    rels = rels.replace("</Relationships>", (
        '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/comments" Target="../comments9.xml"/>'
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>'))
    types = _text(path, "[Content_Types].xml").replace("</Types>", (
        '<Override PartName="/xl/comments9.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.comments+xml"/></Types>'))
    _repack(path, {rels_name: rels.encode(), "[Content_Types].xml": types.encode(),
                   "xl/comments9.xml": b"<comments/>"})
    owner_drawing = members(path)["xl/drawings/drawing1.xml"]

    workbook_at(path).write(toolkit_plan())
    after = members(path)
    assert "xl/comments9.xml" not in after
    assert "comments9" not in _text(path, "[Content_Types].xml")
    assert after["xl/drawings/drawing1.xml"] == owner_drawing
    assert "xl/charts/chart1.xml" in after  # the owner's chart, reached from Sheet1


def test_calc_chain_naming_a_toolkit_tab_is_dropped(tmp_path: Path) -> None:
    path = copy_to(tmp_path, SOURCE)
    workbook_at(path).write(toolkit_plan())
    drafts_id = sheet_layout(path)["Drafts"][1]
    rels = _text(path, "xl/_rels/workbook.xml.rels").replace("</Relationships>", (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'))
    types = _text(path, "[Content_Types].xml").replace("</Types>", (
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/></Types>'))
    chain = f'<calcChain><c r="A1" i="1"/><c r="B2" i="{drafts_id}"/><c r="B3"/></calcChain>'
    _repack(path, {"xl/_rels/workbook.xml.rels": rels.encode(),
                   "[Content_Types].xml": types.encode(), "xl/calcChain.xml": chain.encode()})

    workbook_at(path).write(toolkit_plan())
    assert "xl/calcchain.xml" not in members(path)
    assert "calcChain" not in _text(path, "xl/_rels/workbook.xml.rels")
    assert "calcChain" not in _text(path, "[Content_Types].xml")


def test_calc_chain_of_owner_tabs_only_is_kept(tmp_path: Path) -> None:
    path = copy_to(tmp_path, SOURCE)
    rels = _text(path, "xl/_rels/workbook.xml.rels").replace("</Relationships>", (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'))
    _repack(path, {"xl/_rels/workbook.xml.rels": rels.encode(),
                   "xl/calcChain.xml": b'<calcChain><c r="A1" i="1"/></calcChain>'})
    chain = members(path)["xl/calcchain.xml"]
    workbook_at(path).write(toolkit_plan())
    workbook_at(path).write(toolkit_plan())
    assert members(path)["xl/calcchain.xml"] == chain


def test_sample_writer_writes_real_dates_and_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "sample" / "shop.xlsx"
    write_new_workbook(path, [
        ("Orders", [("Name", "Date", "Amount", "When"),
                    ("=HYPERLINK(\"x\")", dt.date(2024, 1, 2), 3.5, dt.datetime(2024, 1, 2, 9)),
                    ("+44 7700 900123", None, "", True)]),
        ("Customers", [("Name",), ("@ann",)])])
    sheet = openpyxl.load_workbook(path)["Orders"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("x")'
    assert sheet["B2"].is_date and sheet["D2"].is_date
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Orders").to_python()
    assert rows[1] == ['=HYPERLINK("x")', dt.date(2024, 1, 2), 3.5, dt.datetime(2024, 1, 2, 9)]
    assert rows[2] == ["+44 7700 900123", "", "", True]
    assert "<f>" not in _text(path, "xl/worksheets/sheet1.xml")
