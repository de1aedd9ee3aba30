"""Helpers shared by the Excel adapter tests: plans, owner tabs, package snapshots."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from toolkit.excel import save
from toolkit.excel.package import ZipPackage
from toolkit.excel.surgery import Surgery
from toolkit.excel.workbook import ExcelWorkbook
from toolkit.model import CellLink, ChartSpec, Tab, WritePlan

CORPUS = Path("/work/shared/xlsx-corpus")
WHEN = dt.datetime(2024, 5, 1, 7, 30)
HOSTILE = ('=HYPERLINK("http://evil.example","click")', "+1", "@x", "-2+3",
           "tab\tand\x01bell\x07", "_x0041_ literal", "  padded  ", "line1\nline2")


def clock() -> dt.datetime:
    return WHEN


def customers_tab() -> Tab:
    """The owner's customer list, as an owner would keep it."""
    rows = tuple((f"Customer {i}", f"c{i}@example.com", dt.date(2023, 1 + i % 12, 1 + i % 27),
                  round(12.5 * i, 2)) for i in range(1, 31))
    return Tab("Customers", ("Name", "Email", "Last purchase", "Spent"), rows)


def toolkit_plan(rows: int = 12) -> WritePlan:
    best = tuple((i, f"Customer {i}", f"c{i}@example.com", "Champion" if i < 4 else "Loyal",
                  100 - i, dt.date(2024, 4, 1 + i % 28), float(10 * i), HOSTILE[i % len(HOSTILE)])
                 for i in range(1, rows + 1))
    summary = tuple((seg, float(n * 100)) for n, seg in enumerate(
        ("Champion", "Loyal", "At risk", "New"), start=1))
    drafts = (("d-1", "Customer 1", "c1@example.com", "Thanks", "Dear Customer 1,\n\nThank "
               "you & <welcome>!", "", dt.datetime(2024, 5, 1, 7, 30)),)
    return WritePlan((
        Tab("Best customers", ("Rank", "Customer", "Email", "Segment", "Score",
                               "Last purchase", "Revenue", "Why"), best,
            links=(CellLink(0, 2, "mailto:c1@example.com"),)),
        Tab("Summary", ("Segment", "Profit"), summary,
            chart=ChartSpec("Profit by segment", 0, 1, 0, len(summary) - 1, 3, 1)),
        Tab("Drafts", ("Draft id", "Customer", "To", "Reason", "Body", "Status", "When"),
            drafts, wrap_columns=(4,),
            links=(CellLink(0, 2, "mailto:c1@example.com?subject=Thanks a lot"),)),
    ))


def add_owner_tab(path: Path, tab: Tab) -> None:
    """Add `tab` surgically as the owner's own (unmarked) tab."""
    with path.open("rb") as fp, ZipPackage(fp) as package:
        surgery = Surgery(package, path.name, [tab], mark_owned=False)
        save.atomic_write(path, lambda out: surgery.write(out, WHEN), when=WHEN, keep_backups=0,
                          release=package.close)


def copy_to(tmp: Path, source: Path) -> Path:
    target = tmp / source.name
    shutil.copyfile(source, target)
    target.chmod(0o644)
    return target


@dataclass(frozen=True)
class Member:
    name: str
    crc: int
    compress_type: int
    compress_size: int
    date_time: tuple[int, ...]
    raw: bytes


def members(path: Path) -> dict[str, Member]:
    """Every member with its stored (compressed) bytes, keyed by lower-case name."""
    found: dict[str, Member] = {}
    with path.open("rb") as fp, ZipPackage(fp) as package:
        for info in package.infos:
            raw = b"".join(package.raw_chunks(info))
            found[info.filename.lower()] = Member(info.filename, info.CRC, info.compress_type,
                                                  info.compress_size, info.date_time, raw)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every member decompresses and matches its CRC
    return found


def calamine_values(path: Path, skip: set[str]) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                for name in book.sheet_names if name.casefold() not in skip}
    finally:
        book.close()


def openpyxl_values(path: Path, skip: set[str]) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, data_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
                for ws in book.worksheets if ws.title.casefold() not in skip}
    finally:
        book.close()


def workbook_at(path: Path, keep_backups: int = 5) -> ExcelWorkbook:
    return ExcelWorkbook(path, clock=clock, keep_backups=keep_backups)


EDITED_PARTS = {"[content_types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "docprops/app.xml"}
TOOLKIT_FOLDERS = ("xl/worksheets/", "xl/drawings/", "xl/charts/")


def expected_cell(value: object) -> object:
    """What a reader gives back for a value the toolkit wrote."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, str):
        cleaned = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
        return cleaned or None
    return value


def sheet_layout(path: Path) -> dict[str, tuple[int, int, str]]:
    """Tab name -> (position, sheetId, worksheet part) as the workbook part says."""
    from toolkit.excel import opc
    from toolkit.excel.workbook_xml import WorkbookXml

    with path.open("rb") as fp, ZipPackage(fp) as package:
        workbook = WorkbookXml(package.xml("xl/workbook.xml"))
        rels = opc.Rels("xl/workbook.xml", package.xml("xl/_rels/workbook.xml.rels"))
        layout = {}
        for sheet in workbook.sheets:
            rel = rels.by_id(sheet.rel_id)
            part = opc.resolve("xl/workbook.xml", rel.target) if rel else ""
            layout[sheet.name] = (sheet.index, sheet.sheet_id, part)
        return layout


def _owner_values(path: Path, skip: set[str]) -> tuple[object, object]:
    import warnings

    cal = calamine_values(path, skip)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            opx: object = openpyxl_values(path, skip)
        except Exception:  # openpyxl cannot load some valid workbooks (pivots.xlsx)
            opx = None
    return cal, opx


def check_round_trip(path: Path, original: dict[str, Member] | None = None) -> None:
    """Run the toolkit twice on `path` and check that nothing of the owner's changed.

    `original`: the members as they were before the test added the owner's customer tab.
    """
    plan = toolkit_plan()
    toolkit = {t.name.casefold() for t in plan.tabs}
    before = members(path)
    for name, member in (original or {}).items():
        if name not in EDITED_PARTS:
            assert before.get(name) == member, f"{name} changed when adding the owner's tab"
    owner_before = _owner_values(path, toolkit)
    book = workbook_at(path)
    data = book.read()
    assert all(not t.owned for t in data.tables)

    report = book.write(plan)
    assert report.tabs_written == tuple(t.name for t in plan.tabs)
    first = members(path)
    for name, member in before.items():
        if name not in EDITED_PARTS:
            assert first.get(name) == member, f"{name} changed"
    assert all(n.startswith(TOOLKIT_FOLDERS) for n in set(first) - set(before))
    cal_after, opx_after = _owner_values(path, toolkit)
    assert cal_after == owner_before[0]
    if owner_before[1] is not None:
        assert opx_after == owner_before[1]

    reread = {t.tab: t for t in book.read().tables}
    for tab in plan.tabs:
        table = reread[tab.name]
        assert table.owned
        assert table.rows[0] == tab.header
        assert [tuple(expected_cell(v) for v in row) for row in tab.rows] == [
            row[: len(tab.header)] for row in table.rows[1:]]

    layout = sheet_layout(path)
    book.write(plan)
    second = members(path)
    assert sheet_layout(path) == layout
    for name, member in before.items():
        if name not in EDITED_PARTS:
            assert second.get(name) == member, f"{name} changed on the second run"
    assert {layout[t.name][2].lower() for t in plan.tabs} <= set(second)
    assert second.get("xl/styles.xml") == first.get("xl/styles.xml")  # reused, not appended
    for name, member in (original or {}).items():
        if name not in EDITED_PARTS:
            assert second.get(name) == member, f"{name} differs from the original"


def write_ods(path: Path, tabs: dict[str, list[tuple[object, ...]]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice users keep), by hand."""
    from xml.sax.saxutils import escape

    def cell(value: object) -> str:
        if isinstance(value, dt.date):
            return (f'<table:table-cell office:value-type="date" office:date-value='
                    f'"{value.isoformat()}"><text:p>{value.isoformat()}</text:p>'
                    "</table:table-cell>")
        if isinstance(value, int | float):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")

    tables = "".join(
        f'<table:table table:name="{escape(name)}">' + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows) + "</table:table>" for name, rows in tabs.items())
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path
