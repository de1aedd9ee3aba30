"""The values batchUpdate payloads: every cell of every toolkit tab, RAW.

Each tab's grid is written whole (header, rows, and "" for every empty cell up to the
grid's edge), so the write replaces the previous run's values without a separate clear.
Payloads are split only where one would pass `max_payload` bytes (Google advises ~2 MB),
so the number of calls does not grow with the row count below that size.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from toolkit.model import CellValue
from toolkit.sheets.cells import MAX_CELL_CHARS, ApiValue, a1_block, api_value, column_letter
from toolkit.sheets.layout import Slot

RANGE_OVERHEAD = 64  # bytes of {"range": ..., "values": ...} around the rows


def _cell(value: CellValue, where: str, notes: list[str]) -> ApiValue:
    sent = api_value(value)
    if isinstance(sent, str) and len(sent) > MAX_CELL_CHARS:
        notes.append(f"{where}: the text was cut to {MAX_CELL_CHARS:,} characters, "
                     "Google's limit for one cell.")
        return sent[:MAX_CELL_CHARS]
    return sent


def grid_values(slot: Slot, notes: list[str]) -> list[list[ApiValue]]:
    """The tab as a slot.rows x slot.columns grid of API values."""
    tab = slot.tab
    source: list[Sequence[CellValue]] = [tab.header, *tab.rows]
    grid: list[list[ApiValue]] = []
    for r in range(slot.rows):
        row = source[r] if r < len(source) else ()
        grid.append([
            _cell(row[c], f"{tab.name} {column_letter(c)}{r + 1}", notes)
            if c < len(row) else ""
            for c in range(slot.columns)
        ])
    return grid


def value_batches(
    slots: Sequence[Slot], max_payload: int
) -> tuple[list[list[dict[str, Any]]], list[str]]:
    """Lists of ValueRanges, one list per values batchUpdate call, and notes for the
    Run log (cells cut to Google's limit)."""
    notes: list[str] = []
    batches: list[list[dict[str, Any]]] = [[]]
    used = 0
    for slot in slots:
        grid = grid_values(slot, notes)
        block_start = 0
        block: list[list[ApiValue]] = []
        for r, row in enumerate(grid):
            size = len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1
            starts_range = not block
            needed = size + (RANGE_OVERHEAD if starts_range else 0)
            if used + needed > max_payload and (block or batches[-1]):
                if block:
                    batches[-1].append(_value_range(slot, block_start, block))
                batches.append([])
                used, block_start, block = 0, r, []
                needed = size + RANGE_OVERHEAD
            block.append(row)
            used += needed
        if block:
            batches[-1].append(_value_range(slot, block_start, block))
    return [batch for batch in batches if batch], notes


def _value_range(slot: Slot, first_row: int, rows: list[list[ApiValue]]) -> dict[str, Any]:
    return {
        "range": a1_block(slot.tab.name, first_row, len(rows), slot.columns),
        "majorDimension": "ROWS",
        "values": rows,
    }
