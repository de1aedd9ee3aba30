"""Plan the one spreadsheet batchUpdate that shapes the toolkit's tabs (pure).

For every tab of the plan: refuse if an owner's tab has its name; otherwise add it
(sized to its data, marked as the toolkit's) or resize the toolkit's existing tab, reset
its formats, freeze and bold the header, format date cells, wrap and size columns, set
links as cell formats (never formulas) and replace its chart. Values follow in a
separate values batchUpdate that overwrites every cell of the resized grid.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.errors import SheetsError, tab_conflict
from toolkit.model import Tab, WritePlan
from toolkit.sheets.cells import DATE_PATTERN, DATETIME_PATTERN
from toolkit.sheets.metadata import MAX_CELLS, SheetInfo, find, owner_marker

PIXELS_PER_CHARACTER = 7
Request = dict[str, Any]


@dataclass(frozen=True)
class Slot:
    """Where one plan tab goes: its sheet id and the exact grid size it gets."""

    tab: Tab
    sheet_id: int
    rows: int
    columns: int
    existing: SheetInfo | None


@dataclass(frozen=True)
class Layout:
    slots: tuple[Slot, ...]
    structure: tuple[Request, ...]  # not safe to repeat blindly (adds tabs, charts)
    formatting: tuple[Request, ...]  # safe to repeat (fixed ranges, fixed values)


def grid_size(tab: Tab) -> tuple[int, int]:
    """Rows and columns a tab needs: header + rows (at least one row under the frozen
    header, as Google will not freeze every row), and room for the chart's anchor."""
    widest = max([len(tab.header), *(len(row) for row in tab.rows)], default=1)
    columns = max(widest, 1)
    if tab.chart is not None:
        columns = max(columns, tab.chart.anchor_column + 1)
    return max(2, 1 + len(tab.rows)), columns


def _refuse_conflicts(plan: WritePlan, infos: Sequence[SheetInfo], label: str) -> None:
    clashes = [info.title for tab in plan.tabs
               if (info := find(infos, tab.name)) is not None and not info.owned]
    if clashes:
        raise tab_conflict(label, clashes)


def _new_sheet_id(title: str, taken: set[int]) -> int:
    candidate = zlib.crc32(title.encode("utf-8")) & 0x7FFFFFFF or 1
    while candidate in taken:
        candidate = (candidate * 31 + 7) & 0x7FFFFFFF or 1
    taken.add(candidate)
    return candidate


def _check_cell_limit(slots: Sequence[Slot], infos: Sequence[SheetInfo], label: str) -> None:
    ours = {slot.existing.sheet_id for slot in slots if slot.existing is not None}
    others = [info for info in infos if info.sheet_id not in ours]
    total = sum(info.cells for info in others) + sum(s.rows * s.columns for s in slots)
    if total > MAX_CELLS:
        biggest = max(others, key=lambda info: info.cells, default=None)
        hint = (f" Your biggest tab, '{biggest.title}', has {biggest.rows:,} rows x "
                f"{biggest.columns:,} columns." if biggest else "")
        raise SheetsError(
            f"{label}: after this run the spreadsheet would hold {total:,} cells, more than "
            f"Google's limit of {MAX_CELLS:,}. Nothing was written.{hint} Delete unused "
            "empty rows and columns in your own tabs (or move old data to another "
            "spreadsheet), then run again."
        )


def plan_layout(plan: WritePlan, infos: Sequence[SheetInfo], label: str) -> Layout:
    """The requests for the tabs' structure and formats, or a refusal before anything."""
    _refuse_conflicts(plan, infos, label)
    taken = {info.sheet_id for info in infos}
    slots = []
    for tab in plan.tabs:
        existing = find(infos, tab.name)
        sheet_id = existing.sheet_id if existing else _new_sheet_id(tab.name, taken)
        rows, columns = grid_size(tab)
        slots.append(Slot(tab, sheet_id, rows, columns, existing))
    _check_cell_limit(slots, infos, label)
    structure: list[Request] = []
    for slot in slots:  # existing tabs first: shrinking frees cells before tabs are added
        if slot.existing is not None:
            structure.extend(_reshape(slot))
    for slot in slots:
        if slot.existing is None:
            structure.extend(_add(slot))
    for slot in slots:
        if slot.tab.chart is not None:
            chart = add_chart(slot.sheet_id, slot.tab, slot.rows)
            if chart is not None:
                structure.append(chart)
    formatting = [request for slot in slots for request in _formats(slot)]
    return Layout(tuple(slots), tuple(structure), tuple(formatting))


def _grid(slot: Slot, frozen_columns: bool) -> dict[str, int]:
    grid = {"rowCount": slot.rows, "columnCount": slot.columns, "frozenRowCount": 1}
    if frozen_columns:
        grid["frozenColumnCount"] = 0
    return grid


def _add(slot: Slot) -> list[Request]:
    return [
        {"addSheet": {"properties": {
            "sheetId": slot.sheet_id, "title": slot.tab.name, "sheetType": "GRID",
            "gridProperties": _grid(slot, False),
        }}},
        owner_marker(slot.sheet_id),
    ]


def _reshape(slot: Slot) -> list[Request]:
    requests: list[Request] = [
        {"deleteEmbeddedObject": {"objectId": chart_id}}
        for chart_id in (slot.existing.chart_ids if slot.existing else ())
    ]
    fields = ("title,gridProperties.rowCount,gridProperties.columnCount,"
              "gridProperties.frozenRowCount,gridProperties.frozenColumnCount")
    requests.append({"updateSheetProperties": {
        "properties": {"sheetId": slot.sheet_id, "title": slot.tab.name,
                       "gridProperties": _grid(slot, True)},
        "fields": fields,
    }})
    # Formats of the previous run go; the values batchUpdate then overwrites every cell.
    requests.append({"updateCells": {"range": {"sheetId": slot.sheet_id},
                                     "fields": "userEnteredFormat"}})
    return requests


def _span(sheet_id: int, row0: int, row1: int, col0: int, col1: int) -> dict[str, int]:
    return {"sheetId": sheet_id, "startRowIndex": row0, "endRowIndex": row1,
            "startColumnIndex": col0, "endColumnIndex": col1}


def _repeat(span: dict[str, int], fmt: dict[str, Any], fields: str) -> Request:
    return {"repeatCell": {"range": span, "cell": {"userEnteredFormat": fmt},
                           "fields": fields}}


def _formats(slot: Slot) -> list[Request]:
    tab, sid = slot.tab, slot.sheet_id
    requests = [_repeat(_span(sid, 0, 1, 0, max(len(tab.header), 1)),
                        {"textFormat": {"bold": True}}, "userEnteredFormat.textFormat.bold")]
    requests.extend(_date_formats(slot))
    for column in tab.wrap_columns:
        if 0 <= column < slot.columns and tab.rows:
            requests.append(_repeat(_span(sid, 1, 1 + len(tab.rows), column, column + 1),
                                    {"wrapStrategy": "WRAP"}, "userEnteredFormat.wrapStrategy"))
    for column, width in enumerate(tab.widths[:slot.columns]):
        if width and width > 0:
            requests.append({"updateDimensionProperties": {
                "range": {"sheetId": sid, "dimension": "COLUMNS",
                          "startIndex": column, "endIndex": column + 1},
                "properties": {"pixelSize": round(width * PIXELS_PER_CHARACTER + 10)},
                "fields": "pixelSize",
            }})
    requests.extend(_links(slot))
    return requests


def _date_kind(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return DATETIME_PATTERN
    if isinstance(value, dt.date):
        return DATE_PATTERN
    return None


def _date_formats(slot: Slot) -> list[Request]:
    """One number-format request per run of date cells in a column."""
    requests = []
    width = max((len(row) for row in slot.tab.rows), default=0)
    for column in range(width):
        run_start, run_kind = 0, None
        kinds = [_date_kind(row[column] if column < len(row) else None)
                 for row in slot.tab.rows] + [None]
        for index, kind in enumerate(kinds):
            if kind != run_kind:
                if run_kind is not None:
                    requests.append(_repeat(
                        _span(slot.sheet_id, 1 + run_start, 1 + index, column, column + 1),
                        {"numberFormat": {"type": "DATE_TIME" if run_kind == DATETIME_PATTERN
                                          else "DATE", "pattern": run_kind}},
                        "userEnteredFormat.numberFormat"))
                run_start, run_kind = index, kind
    return requests


def _links(slot: Slot) -> list[Request]:
    """Links as cell formats, one request per run of consecutive rows in a column."""
    by_cell = {(link.row, link.column): link.url for link in slot.tab.links
               if 0 <= link.row < len(slot.tab.rows) and 0 <= link.column < slot.columns}
    requests = []
    for row, column in sorted(by_cell, key=lambda cell: (cell[1], cell[0])):
        if (row - 1, column) in by_cell:
            continue  # already part of the run that starts above
        run: list[Request] = []
        while (row + len(run), column) in by_cell:
            url = by_cell[(row + len(run), column)]
            run.append({"values": [{"userEnteredFormat": {"textFormat": {"link": {"uri": url}}}}]})
        requests.append({"updateCells": {
            "start": {"sheetId": slot.sheet_id, "rowIndex": row + 1, "columnIndex": column},
            "rows": run,
            "fields": "userEnteredFormat.textFormat.link",
        }})
    return requests


def request_batches(layout: Layout, max_payload: int) -> list[list[Request]]:
    """The batchUpdate calls: the first holds all of `structure` (and as much formatting
    as fits); formatting only spills into more calls past `max_payload` bytes."""
    batches: list[list[Request]] = [list(layout.structure)]
    used = sum(_size(request) for request in layout.structure)
    for request in layout.formatting:
        size = _size(request)
        if used + size > max_payload and batches[-1]:
            batches.append([])
            used = 0
        batches[-1].append(request)
        used += size
    return [batch for batch in batches if batch]


def _size(request: Request) -> int:
    return len(json.dumps(request, ensure_ascii=False).encode("utf-8")) + 1


# --------------------------------------------------------------------------- charts


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
