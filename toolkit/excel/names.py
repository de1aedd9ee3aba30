"""Tab names Excel accepts, and plan tabs trimmed to what a worksheet can hold."""

from __future__ import annotations

import dataclasses
import re

from toolkit.excel.cells import clean_text
from toolkit.excel.sheet_xml import MAX_COLUMNS, MAX_ROWS
from toolkit.model import Tab

MAX_NAME = 31
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}  # Excel keeps this name for its change history


def legal_sheet_name(name: str) -> str:
    """`name` with characters Excel forbids replaced, at most 31 characters, not blank."""
    cleaned = _NOT_IN_NAMES.sub("-", clean_text(name).replace("\n", " ")).strip()
    cleaned = cleaned.strip("'")[:MAX_NAME].rstrip().rstrip("'")
    if not cleaned:
        cleaned = "Toolkit"
    if cleaned.casefold() in _RESERVED:
        cleaned = f"{cleaned} (toolkit)"
    return cleaned


def _numbered(name: str, n: int) -> str:
    suffix = f" ({n})"
    return name[: MAX_NAME - len(suffix)].rstrip() + suffix


def prepare_tabs(tabs: tuple[Tab, ...]) -> tuple[list[Tab], list[str]]:
    """Plan tabs with legal, distinct names and rows within Excel's limits, plus notes."""
    prepared: list[Tab] = []
    notes: list[str] = []
    seen: set[str] = set()
    for tab in tabs:
        name = legal_sheet_name(tab.name)
        n = 2
        unique = name
        while unique.casefold() in seen:
            unique = _numbered(name, n)
            n += 1
        seen.add(unique.casefold())
        if unique != tab.name:
            notes.append(f"Tab '{tab.name}' is called '{unique}' in Excel (Excel tab names "
                         "are at most 31 characters, without [ ] : * ? / \\).")
        changes: dict[str, object] = {"name": unique}
        if len(tab.rows) > MAX_ROWS - 1:
            changes["rows"] = tab.rows[: MAX_ROWS - 1]
            notes.append(f"Tab '{unique}': only the first {MAX_ROWS - 1:,} of {len(tab.rows):,} "
                         "rows were written (Excel's row limit).")
        if len(tab.header) > MAX_COLUMNS:
            notes.append(f"Tab '{unique}': only the first {MAX_COLUMNS:,} columns were written.")
        prepared.append(dataclasses.replace(tab, **changes))  # type: ignore[arg-type]
    return prepared, notes
