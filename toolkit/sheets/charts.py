"""A native Google Sheets bar chart for a tab's ChartSpec."""

from __future__ import annotations

from typing import Any

from toolkit.model import Tab


def _column(sheet_id: int, column: int, first_row: int, end_row: int) -> dict[str, Any]:
    return {"sourceRange": {"sources": [{
        "sheetId": sheet_id, "startRowIndex": first_row, "endRowIndex": end_row,
        "startColumnIndex": column, "endColumnIndex": column + 1,
    }]}}


def add_chart(sheet_id: int, tab: Tab, grid_rows: int) -> dict[str, Any] | None:
    """The addChart request, or None when the spec points at no rows."""
    spec = tab.chart
    if spec is None or not tab.rows:
        return None
    last = min(spec.last_row, len(tab.rows) - 1)
    first = max(spec.first_row, 0)
    if first > last:
        return None
    # Tab.rows[0] sits on sheet row 2 (grid index 1) under the header.
    start, end = first + 1, min(last + 2, grid_rows)

    def header(column: int) -> str:
        return tab.header[column] if column < len(tab.header) else ""

    return {"addChart": {"chart": {
        "spec": {
            "title": spec.title,
            "basicChart": {
                "chartType": "BAR",
                "legendPosition": "NO_LEGEND",
                "headerCount": 0,
                "axis": [
                    {"position": "BOTTOM_AXIS", "title": header(spec.value_column)},
                    {"position": "LEFT_AXIS", "title": header(spec.category_column)},
                ],
                "domains": [{"domain": _column(sheet_id, spec.category_column, start, end)}],
                "series": [{
                    "series": _column(sheet_id, spec.value_column, start, end),
                    "targetAxis": "BOTTOM_AXIS",
                }],
            },
        },
        "position": {"overlayPosition": {"anchorCell": {
            "sheetId": sheet_id, "rowIndex": min(max(spec.anchor_row, 0), grid_rows - 1),
            "columnIndex": spec.anchor_column,
        }}},
    }}}
