"""Turn the values read from every tab into raw tables.

Two batchGet reads of the same ranges: UNFORMATTED_VALUE with SERIAL_NUMBER keeps
numbers exact and dates as serials; the same with FORMATTED_STRING renders only dates,
times and durations as text. A cell that is a number in the first and text in the
second is a date. Text stays text ("00123" and "+44 7700 900123" are never numbers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from toolkit.model import CellValue, RawTable, Row
from toolkit.sheets.cells import quote_tab, read_value
from toolkit.sheets.metadata import SheetInfo

SERIAL_READ = {
    "majorDimension": "ROWS",
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
}
FORMATTED_DATES_READ = {
    "majorDimension": "ROWS",
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "FORMATTED_STRING",
}


def readable(infos: Sequence[SheetInfo]) -> tuple[SheetInfo, ...]:
    """Tabs that hold cells (chart sheets do not)."""
    return tuple(info for info in infos if info.is_grid)


def ranges_for(infos: Sequence[SheetInfo]) -> list[str]:
    """One whole-tab range per tab: a quoted tab name alone means every cell."""
    return [quote_tab(info.title) for info in infos]


def _value_ranges(reply: Mapping[str, Any], count: int) -> list[list[list[Any]]]:
    ranges = list(reply.get("valueRanges") or ())
    grids: list[list[list[Any]]] = []
    for position in range(count):
        found = ranges[position] if position < len(ranges) else {}
        grids.append([list(row) for row in found.get("values") or ()])
    return grids


def _cell(grid: list[list[Any]], row: int, column: int) -> Any:
    if row < len(grid) and column < len(grid[row]):
        return grid[row][column]
    return None


def table_rows(serial: list[list[Any]], formatted: list[list[Any]]) -> tuple[Row, ...]:
    """Rectangular rows (Google trims empty cells at the end of rows and empty rows at
    the end of the range; they come back as None)."""
    width = max((len(row) for row in serial), default=0)
    rows: list[Row] = []
    for r, raw in enumerate(serial):
        cells: list[CellValue] = []
        for c in range(width):
            value = raw[c] if c < len(raw) else None
            cells.append(read_value(value, _cell(formatted, r, c)))
        rows.append(tuple(cells))
    return tuple(rows)


def tables_from_replies(
    infos: Sequence[SheetInfo],
    serial_reply: Mapping[str, Any],
    formatted_reply: Mapping[str, Any],
) -> tuple[RawTable, ...]:
    serial = _value_ranges(serial_reply, len(infos))
    formatted = _value_ranges(formatted_reply, len(infos))
    return tuple(
        RawTable(tab=info.title, rows=table_rows(serial[i], formatted[i]), owned=info.owned)
        for i, info in enumerate(infos)
    )
