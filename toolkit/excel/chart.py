"""A native bar chart for a tab (`Tab.chart`): a chart part and the drawing that places it.

The chart refers to the tab's own cells (so it follows the data when the owner edits)
and carries a cache of the values, so every reader shows it without recalculating.
"""

from __future__ import annotations

from toolkit.excel.cells import clean_text
from toolkit.excel.sheet_xml import column_letter
from toolkit.excel.xmltext import escape_attr, escape_text
from toolkit.model import ChartSpec, Tab

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CAT_AXIS = 50010
_VAL_AXIS = 50020


def _sheet_ref(sheet: str, column: int, first: int, last: int | None = None) -> str:
    quoted = "'" + sheet.replace("'", "''") + "'"
    letter = column_letter(column)
    cells = f"${letter}${first}" if last is None else f"${letter}${first}:${letter}${last}"
    return f"{quoted}!{cells}"


def _text(value: object) -> str:
    return escape_text(clean_text("" if value is None else str(value)))


def chart_xml(tab: Tab, spec: ChartSpec) -> bytes:
    """The chart part (c:chartSpace) for `spec` over `tab`'s rows."""
    last = max(min(spec.last_row, len(tab.rows) - 1), spec.first_row)
    rows = tab.rows[spec.first_row : last + 1]
    first_cell, last_cell = spec.first_row + 2, last + 2  # row 1 is the header
    cats, vals = [], []
    for i, row in enumerate(rows):
        cat = row[spec.category_column] if spec.category_column < len(row) else None
        val = row[spec.value_column] if spec.value_column < len(row) else None
        cats.append(f'<c:pt idx="{i}"><c:v>{_text(cat)}</c:v></c:pt>')
        if isinstance(val, int | float) and not isinstance(val, bool):
            vals.append(f'<c:pt idx="{i}"><c:v>{float(val)!r}</c:v></c:pt>')
    series_name = (tab.header[spec.value_column] if spec.value_column < len(tab.header)
                   else spec.title)
    axis = ('<c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:roundedCorners val="0"/><c:chart>'
        '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr>'
        f'<a:r><a:t>{_text(spec.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/>'
        '<c:grouping val="clustered"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/>'
        f'<c:tx><c:strRef><c:f>{escape_text(_sheet_ref(tab.name, spec.value_column, 1))}</c:f>'
        f'<c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{_text(series_name)}</c:v>'
        '</c:pt></c:strCache></c:strRef></c:tx><c:invertIfNegative val="0"/>'
        '<c:cat><c:strRef>'
        f'<c:f>{escape_text(_sheet_ref(tab.name, spec.category_column, first_cell, last_cell))}'
        f'</c:f><c:strCache><c:ptCount val="{len(rows)}"/>{"".join(cats)}</c:strCache>'
        '</c:strRef></c:cat><c:val><c:numRef>'
        f'<c:f>{escape_text(_sheet_ref(tab.name, spec.value_column, first_cell, last_cell))}'
        '</c:f><c:numCache><c:formatCode>General</c:formatCode>'
        f'<c:ptCount val="{len(rows)}"/>{"".join(vals)}</c:numCache></c:numRef></c:val>'
        '</c:ser><c:gapWidth val="150"/>'
        f'<c:axId val="{_CAT_AXIS}"/><c:axId val="{_VAL_AXIS}"/></c:barChart>'
        f'<c:catAx><c:axId val="{_CAT_AXIS}"/>{axis}<c:axPos val="b"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{_VAL_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL_AXIS}"/>{axis}<c:axPos val="l"/><c:majorGridlines/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{_CAT_AXIS}"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )
    return xml.encode("utf-8")


def drawing_xml(spec: ChartSpec, chart_rel_id: str) -> bytes:
    """The drawing part that anchors the chart on the sheet (about 8 x 15 cells)."""
    col, row = max(spec.anchor_column, 0), max(spec.anchor_row, 0)
    name = escape_attr(spec.title or "Chart")

    def marker(tag: str, c: int, r: int) -> str:
        return (f"<xdr:{tag}><xdr:col>{c}</xdr:col><xdr:colOff>0</xdr:colOff>"
                f"<xdr:row>{r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>")

    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{XDR_NS}" xmlns:a="{A_NS}">'
        '<xdr:twoCellAnchor editAs="oneCell">'
        + marker("from", col, row) + marker("to", col + 8, row + 15)
        + '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
        f'<xdr:cNvPr id="2" name="{name}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{chart_rel_id}"/>'
        '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>'
        '</xdr:twoCellAnchor></xdr:wsDr>'
    )
    return xml.encode("utf-8")
