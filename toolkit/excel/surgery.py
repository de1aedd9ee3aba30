"""Apply a write plan to a workbook package: the surgical write-back.

Every member the toolkit does not own is copied raw; the toolkit's worksheet parts (and
their drawings, charts and relationships) are written fresh; the workbook part, its
relationships, the content types, the styles and the app properties get minimal text
edits. The result is streamed into `out`, which the caller then puts in place.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from toolkit.errors import WriteRefusedError, tab_conflict
from toolkit.excel import guards, layout, opc
from toolkit.excel.chart import chart_xml, drawing_xml
from toolkit.excel.docprops import AppProps
from toolkit.excel.package import ZipPackage, ZipWriter
from toolkit.excel.sheet_xml import SheetLinks, column_letter, worksheet_chunks
from toolkit.excel.styles import CellStyles, Styles
from toolkit.excel.workbook_xml import SheetEntry, WorkbookXml
from toolkit.model import Tab

log = logging.getLogger(__name__)
_CALC_CELL = re.compile(r"<(?:\w+:)?c\s[^>]*>")
_CALC_SHEET = re.compile(r"""\si\s*=\s*["'](\d+)["']""")


@dataclass
class _Job:
    tab: Tab
    part: str
    new: bool
    links: SheetLinks = field(default_factory=SheetLinks)
    rels: list[tuple[str, str, bool]] = field(default_factory=list)
    drawing: str | None = None
    chart: str | None = None


@dataclass
class _Package:
    """The package parts a run reads and edits."""

    workbook_part: str
    workbook: WorkbookXml
    wb_rels: opc.Rels
    types: opc.ContentTypes
    types_part: str
    styles: Styles
    styles_part: str
    app: AppProps | None
    app_part: str | None
    sheet_parts: dict[int, tuple[str | None, bool]]  # index -> (member, is worksheet)


def _load(package: ZipPackage, label: str) -> _Package:
    guards.check_part_names(label, package.names())
    root_rels_name = package.find("_rels/.rels")
    types_part = package.find(opc.CONTENT_TYPES)
    if root_rels_name is None or types_part is None:
        raise WriteRefusedError(f"{label}: this file lacks the parts every Excel workbook has "
                                "([Content_Types].xml, _rels/.rels). Open it in Excel, save it "
                                "as an Excel Workbook (.xlsx), and run again.")
    root_rels = opc.Rels("", package.xml(root_rels_name))
    office = [m for _r, m in root_rels.targets("officeDocument")]
    workbook_part = package.find(office[0]) if office else None
    if workbook_part is None:
        raise WriteRefusedError(f"{label}: I cannot find the workbook inside this file. Open "
                                "it in Excel, save it as an Excel Workbook (.xlsx), and run "
                                "again.")
    workbook = WorkbookXml(package.xml(workbook_part))
    guards.check_writable(label, package.names(), workbook, workbook_part)
    rels_name = package.find(opc.rels_for(workbook_part))
    wb_rels = opc.Rels(workbook_part, package.xml(rels_name) if rels_name else None)
    styles_targets = [package.find(m) for _r, m in wb_rels.targets(opc.REL_STYLES)]
    styles_part = styles_targets[0] if styles_targets and styles_targets[0] else None
    styles = Styles(package.xml(styles_part) if styles_part else None)
    if styles_part is None:
        styles_part = posixpath.join(posixpath.dirname(workbook_part), "styles.xml")
    sheet_parts: dict[int, tuple[str | None, bool]] = {}
    worksheet_names: list[str] = []
    for sheet in workbook.sheets:
        rel = wb_rels.by_id(sheet.rel_id)
        member = package.find(opc.resolve(workbook_part, rel.target)) if rel else None
        is_sheet = rel is not None and opc.type_is(rel.type, opc.REL_WORKSHEET)
        sheet_parts[sheet.index] = (member, is_sheet)
        if is_sheet:
            worksheet_names.append(sheet.name)
    app_targets = [package.find(m) for _r, m in root_rels.targets("extended-properties")]
    app_part = app_targets[0] if app_targets else None
    app = None
    if app_part is not None:
        try:
            app = AppProps(package.xml(app_part), worksheet_names)
        except (ValueError, UnicodeDecodeError):
            app = None
    return _Package(workbook_part, workbook, wb_rels, opc.ContentTypes(package.xml(types_part)),
                    types_part, styles, styles_part, app, app_part, sheet_parts)


def _owned_target(pkg: _Package, label: str, tab: Tab) -> SheetEntry | None:
    sheet = pkg.workbook.find_sheet(tab.name)
    if sheet is None:
        return None
    member, is_sheet = pkg.sheet_parts.get(sheet.index, (None, False))
    if sheet.index not in pkg.workbook.owned_indexes() or not is_sheet or member is None:
        raise tab_conflict(label, [sheet.name])
    return sheet


def _calc_chain_mentions(package: ZipPackage, member: str, sheet_ids: set[int]) -> bool:
    text = package.read(member).decode("utf-8", "replace")
    current = 0
    for cell in _CALC_CELL.finditer(text):
        found = _CALC_SHEET.search(cell.group(0))
        if found:
            current = int(found.group(1))
        if current in sheet_ids:
            return True
    return False


def _plan_links(tab: Tab, notes: list[str]) -> list[tuple[str, str]]:
    """(cell ref, safe url) for the tab's links, one per cell, inside the written area."""
    seen: dict[str, str] = {}
    for link in tab.links:
        if not (0 <= link.row < len(tab.rows) and 0 <= link.column < 16_384):
            continue
        ref = f"{column_letter(link.column)}{link.row + 2}"
        url = layout.safe_url(link.url)
        if url is None:
            notes.append(f"Tab '{tab.name}' cell {ref}: the link was too long for Excel, so the "
                         "cell has its text but no link.")
            continue
        seen.setdefault(ref, url)
    return list(seen.items())


class Surgery:
    """A write-back worked out in full (refusals raised here), ready to stream out."""

    def __init__(self, package: ZipPackage, label: str, tabs: list[Tab], *,
                 mark_owned: bool = True) -> None:
        """`mark_owned=False` adds tabs as if the owner made them (for test workbooks)."""
        self.package = package
        self.mark_owned = mark_owned
        pkg = _load(package, label)
        self.notes: list[str] = []
        targets = [(tab, _owned_target(pkg, label, tab)) for tab in tabs]
        replaced = [p for _t, s in targets if s is not None
                    if (p := pkg.sheet_parts[s.index][0])]
        self.doomed = layout.doomed_members(package, replaced)
        taken = {n.lower() for n in package.names()} - self.doomed
        folder = posixpath.dirname(pkg.workbook_part)
        replaced_ids = {s.sheet_id for _t, s in targets if s is not None}
        for rel, member in pkg.wb_rels.targets("calcChain"):
            stored = package.find(member)
            if stored and replaced_ids and _calc_chain_mentions(package, stored, replaced_ids):
                self.doomed.add(stored.lower())
                pkg.wb_rels.remove(rel)
        for name in package.names():
            if name.lower() in self.doomed:
                pkg.types.remove(name)

        self.styles: CellStyles = pkg.styles.ensure()
        if pkg.styles.created:
            pkg.wb_rels.add(opc.REL_STYLES, pkg.styles_part)
            pkg.types.set(pkg.styles_part, opc.CT_STYLES)
        pkg.types.ensure_default("rels", opc.CT_RELS)
        self.jobs = [self._job(pkg, tab, sheet, taken, folder) for tab, sheet in targets]
        self.pkg = pkg
        self.edited = self._edited_parts()

    def _job(self, pkg: _Package, tab: Tab, sheet: SheetEntry | None, taken: set[str],
             folder: str) -> _Job:
        wb = pkg.workbook
        if sheet is None:
            part = layout.fresh_name(taken, posixpath.join(folder, "worksheets"), "sheet", "xml")
            index = wb.add_sheet(tab.name, pkg.wb_rels.add(opc.REL_WORKSHEET, part))
            if self.mark_owned:
                wb.mark_owned(index)
            if pkg.app is not None:
                pkg.app.add(tab.name)
            job = _Job(tab, part, True)
        else:
            part = pkg.sheet_parts[sheet.index][0] or ""
            if sheet.name != tab.name:
                wb.rename(sheet, tab.name)
                if pkg.app is not None:
                    pkg.app.rename(sheet.name, tab.name)
            job = _Job(tab, part, False)
        pkg.types.set(part, opc.CT_WORKSHEET)
        hyperlinks = []
        for ref, url in _plan_links(tab, self.notes):
            job.rels.append((opc.REL_HYPERLINK, url, True))
            hyperlinks.append((ref, f"rId{len(job.rels)}"))
        drawing_rid = None
        if tab.chart is not None and tab.rows:
            job.drawing = layout.fresh_name(taken, posixpath.join(folder, "drawings"),
                                            "drawing", "xml")
            job.chart = layout.fresh_name(taken, posixpath.join(folder, "charts"), "chart", "xml")
            job.rels.append((opc.REL_DRAWING, opc.relative(part, job.drawing), False))
            drawing_rid = f"rId{len(job.rels)}"
            pkg.types.set(job.drawing, opc.CT_DRAWING)
            pkg.types.set(job.chart, opc.CT_CHART)
        job.links = SheetLinks(tuple(hyperlinks), drawing_rid)
        return job

    def _edited_parts(self) -> dict[str, bytes]:
        pkg = self.pkg
        edited: dict[str, bytes] = {}
        if pkg.workbook.changed:
            edited[pkg.workbook_part.lower()] = pkg.workbook.render()
        if pkg.types.changed:
            edited[pkg.types_part.lower()] = pkg.types.render()
        if pkg.styles.changed and not pkg.styles.created:
            edited[pkg.styles_part.lower()] = pkg.styles.render()
        if pkg.app is not None and pkg.app.changed and pkg.app_part:
            edited[pkg.app_part.lower()] = pkg.app.render()
        rels_name = opc.rels_for(pkg.workbook_part)
        if pkg.wb_rels.changed and not pkg.wb_rels.created:
            edited[(self.package.find(rels_name) or rels_name).lower()] = pkg.wb_rels.render()
        return edited

    @property
    def tab_names(self) -> list[str]:
        return [job.tab.name for job in self.jobs]

    def write(self, out: BinaryIO, when: datetime) -> list[str]:
        """Stream the new package into `out`; returns notes for the owner."""
        pkg, package = self.pkg, self.package
        date1904 = pkg.workbook.date1904
        rewritten = {job.part.lower(): job for job in self.jobs if not job.new}
        writer = ZipWriter(out, when)
        for info in package.infos:
            key = info.filename.lower()
            if key in self.doomed:
                continue
            if key in rewritten:
                _write_sheet(writer, rewritten[key], self.styles, date1904)
            elif key in self.edited:
                writer.write_bytes(info.filename, self.edited[key])
            else:
                writer.copy_raw(package, info)
        if pkg.wb_rels.created:
            writer.write_bytes(opc.rels_for(pkg.workbook_part), pkg.wb_rels.render())
        if pkg.styles.created:
            writer.write_bytes(pkg.styles_part, pkg.styles.render())
        for job in self.jobs:
            if job.new:
                _write_sheet(writer, job, self.styles, date1904)
            if job.rels:
                writer.write_bytes(opc.rels_for(job.part), opc.new_rels(job.rels))
            if job.drawing and job.chart and job.tab.chart:
                writer.write_bytes(job.drawing, drawing_xml(job.tab.chart, "rId1"))
                writer.write_bytes(opc.rels_for(job.drawing), opc.new_rels(
                    [(opc.REL_CHART, opc.relative(job.drawing, job.chart), False)]))
                writer.write_bytes(job.chart, chart_xml(job.tab, job.tab.chart))
        writer.finish()
        log.info("wrote %d tabs (%d parts removed)", len(self.jobs), len(self.doomed))
        return self.notes


def _write_sheet(writer: ZipWriter, job: _Job, styles: CellStyles, date1904: bool) -> None:
    writer.write_chunks(job.part, worksheet_chunks(job.tab, styles, date1904, job.links))
