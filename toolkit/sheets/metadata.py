"""What the spreadsheet metadata says about each tab, and how the toolkit marks its own.

A tab the toolkit created carries a piece of developer metadata (key OWNER_KEY) that
travels with the tab; an owner's tab never has it, so the toolkit never writes there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

OWNER_KEY = "customer-toolkit"
OWNER_VALUE = "owned"
MAX_CELLS = 10_000_000  # Google's limit for one spreadsheet


@dataclass(frozen=True)
class SheetInfo:
    sheet_id: int
    title: str
    index: int
    rows: int
    columns: int
    owned: bool
    is_grid: bool = True
    chart_ids: tuple[int, ...] = ()
    frozen_rows: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns if self.is_grid else 0


def _owned(sheet: Mapping[str, Any]) -> bool:
    for item in sheet.get("developerMetadata") or ():
        if item.get("metadataKey") == OWNER_KEY and item.get("metadataValue") == OWNER_VALUE:
            return True
    return False


def sheet_infos(metadata: Mapping[str, Any]) -> tuple[SheetInfo, ...]:
    """The tabs in the order the owner sees them."""
    infos: list[SheetInfo] = []
    for sheet in metadata.get("sheets") or ():
        props = sheet.get("properties") or {}
        grid = props.get("gridProperties") or {}
        infos.append(SheetInfo(
            sheet_id=int(props.get("sheetId", 0)),
            title=str(props.get("title", "")),
            index=int(props.get("index", len(infos))),
            rows=int(grid.get("rowCount", 0)),
            columns=int(grid.get("columnCount", 0)),
            owned=_owned(sheet),
            is_grid=props.get("sheetType", "GRID") == "GRID",
            chart_ids=tuple(int(c["chartId"]) for c in sheet.get("charts") or ()
                            if "chartId" in c),
            frozen_rows=int(grid.get("frozenRowCount", 0)),
        ))
    return tuple(sorted(infos, key=lambda info: info.index))


def spreadsheet_title(metadata: Mapping[str, Any]) -> str:
    return str((metadata.get("properties") or {}).get("title") or "")


def find(infos: Sequence[SheetInfo], title: str) -> SheetInfo | None:
    """Tab names are unique regardless of case in Google Sheets."""
    wanted = title.casefold()
    for info in infos:
        if info.title.casefold() == wanted:
            return info
    return None


def owner_marker(sheet_id: int) -> dict[str, Any]:
    """The batchUpdate request that marks a new tab as the toolkit's."""
    return {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": OWNER_KEY,
        "metadataValue": OWNER_VALUE,
        "location": {"sheetId": sheet_id},
        "visibility": "DOCUMENT",
    }}}
