"""The companion workbook for sources the toolkit reads but does not write into.

For an .xls, .xlsb or .ods source, the toolkit's tabs go to `NAME.customer-toolkit.xlsx`
next to it. The first time, the companion starts from the smallest valid package (no
tabs yet); after that it is updated surgically like any owner's .xlsx, so owner edits in
Drafts or Settings there survive.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from toolkit.excel import opc
from toolkit.excel.package import ZipWriter
from toolkit.excel.styles import MINIMAL_STYLES
from toolkit.excel.workbook_xml import MAIN_NS

SUFFIX = ".customer-toolkit.xlsx"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WB_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def companion_path(source: Path) -> Path:
    return source.with_name(source.stem + SUFFIX)


def empty_package(when: datetime) -> bytes:
    """A workbook package with no tabs; the first write-back adds them."""
    types = (
        f'{_DECL}<Types xmlns="{opc.CT_NS}">'
        f'<Default Extension="rels" ContentType="{opc.CT_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_WB_CT}"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{opc.CT_STYLES}"/></Types>')
    root_rels = opc.new_rels([(opc.OFFICE_REL + "/officeDocument", "xl/workbook.xml", False)])
    workbook = (
        f'{_DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{opc.OFFICE_REL}">'
        '<bookViews><workbookView/></bookViews><sheets/></workbook>')
    wb_rels = opc.new_rels([(opc.REL_STYLES, "styles.xml", False)])
    buffer = io.BytesIO()
    writer = ZipWriter(buffer, when)
    writer.write_bytes(opc.CONTENT_TYPES, types.encode())
    writer.write_bytes("_rels/.rels", root_rels)
    writer.write_bytes("xl/workbook.xml", workbook.encode())
    writer.write_bytes("xl/_rels/workbook.xml.rels", wb_rels)
    writer.write_bytes("xl/styles.xml", MINIMAL_STYLES.encode())
    writer.finish()
    return buffer.getvalue()
