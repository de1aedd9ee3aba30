"""spreadsheets.batchUpdate: the requests the toolkit (and the replayed recordings) use.

All or nothing, like Google: the requests run on a copy that replaces the original only
when every one of them succeeded.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator
from typing import Any

from .errors import ApiError
from .model import Cell, Sheet, Spreadsheet

Handler = Callable[[Spreadsheet, dict[str, Any], random.Random], dict[str, Any]]
_CELL_FIELDS = {"userEnteredValue", "userEnteredFormat", "note", "textFormatRuns",
                "dataValidation", "pivotTable", "effectiveFormat", "formattedValue"}


def field_paths(fields: str) -> list[list[str]]:
    """'a.b,c(d,e)' -> [['a','b'], ['c','d'], ['c','e']]."""
    paths: list[list[str]] = []
    depth, token = 0, ""
    pieces = []
    for char in fields.replace(" ", ""):
        if char == "," and depth == 0:
            pieces.append(token)
            token = ""
            continue
        depth += (char == "(") - (char == ")")
        token += char
    pieces.append(token)
    for piece in filter(None, pieces):
        if "(" in piece:
            head, inner = piece.split("(", 1)
            paths += [head.replace("/", ".").split(".") + sub
                      for sub in field_paths(inner[:-1])]
        else:
            paths.append(piece.replace("/", ".").split("."))
    return paths


def apply_mask(target: dict[str, Any], source: dict[str, Any], fields: str) -> dict[str, Any]:
    """A copy of target with the masked fields taken from source (absent = cleared)."""
    if fields.strip() == "*":
        return copy.deepcopy(source)
    result = copy.deepcopy(target)
    for path in field_paths(fields):
        src: Any = source
        for key in path:
            src = src.get(key) if isinstance(src, dict) else None
        node = result
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if src is None:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = copy.deepcopy(src)
    return result


def _sheet(book: Spreadsheet, sheet_id: Any, where: str) -> Sheet:
    sheet = book.by_id(int(sheet_id or 0))
    if sheet is None:
        raise ApiError.invalid(f"Invalid {where}: No grid with id: {sheet_id}")
    return sheet


def _cells_in(sheet: Sheet, grid: dict[str, Any]) -> Iterator[tuple[int, int]]:
    for r in range(int(grid.get("startRowIndex", 0)), int(grid.get("endRowIndex", sheet.rows))):
        for c in range(int(grid.get("startColumnIndex", 0)),
                       int(grid.get("endColumnIndex", sheet.columns))):
            yield r, c


def _inside(sheet: Sheet, grid: dict[str, Any], key: tuple[int, int]) -> bool:
    return (int(grid.get("startRowIndex", 0)) <= key[0] < int(grid.get("endRowIndex", sheet.rows))
            and int(grid.get("startColumnIndex", 0)) <= key[1]
            < int(grid.get("endColumnIndex", sheet.columns)))


def _cell_data(sheet: Sheet, key: tuple[int, int]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    cell = sheet.cells.get(key)
    if cell is not None:
        name = {"text": "stringValue", "number": "numberValue", "bool": "boolValue",
                "formula": "formulaValue"}[cell.kind]
        data["userEnteredValue"] = {name: cell.formula if cell.kind == "formula" else cell.value}
    if key in sheet.formats:
        data["userEnteredFormat"] = sheet.formats[key]
    return data


def _store(sheet: Sheet, key: tuple[int, int], data: dict[str, Any]) -> None:
    entered = data.get("userEnteredValue") or {}
    if "stringValue" in entered:
        sheet.cells[key] = Cell("text", str(entered["stringValue"]))
    elif "numberValue" in entered:
        sheet.cells[key] = Cell("number", entered["numberValue"])
    elif "boolValue" in entered:
        sheet.cells[key] = Cell("bool", bool(entered["boolValue"]))
    elif "formulaValue" in entered:
        sheet.cells[key] = Cell("formula", "#NAME?", formula=str(entered["formulaValue"]))
    else:
        sheet.cells.pop(key, None)
    if data.get("userEnteredFormat"):
        sheet.formats[key] = data["userEnteredFormat"]
    else:
        sheet.formats.pop(key, None)


def _check_fields(fields: str, where: str) -> None:
    for path in field_paths(fields):
        if path[0] != "*" and path[0] not in _CELL_FIELDS:
            raise ApiError.invalid(f"Invalid {where}: Invalid field mask '{fields}'")


def _formats_only(fields: str) -> bool:
    return all(path[0] == "userEnteredFormat" for path in field_paths(fields))


def _update_cell(sheet: Sheet, key: tuple[int, int], new: dict[str, Any], fields: str) -> None:
    if key[0] >= sheet.rows or key[1] >= sheet.columns:
        raise ApiError.invalid(f"Range ({key[0] + 1}, {key[1] + 1}) exceeds grid limits. "
                               f"Max rows: {sheet.rows}, max columns: {sheet.columns}")
    if _formats_only(fields):
        current = sheet.formats.get(key)
        if current is None and not new.get("userEnteredFormat"):
            return
        merged = apply_mask({"userEnteredFormat": current or {}}, new, fields)
        if merged.get("userEnteredFormat"):
            sheet.formats[key] = merged["userEnteredFormat"]
        else:
            sheet.formats.pop(key, None)
        return
    _store(sheet, key, apply_mask(_cell_data(sheet, key), new, fields))


def update_cells(book: Spreadsheet, req: dict[str, Any], _: random.Random) -> dict[str, Any]:
    fields = str(req.get("fields", ""))
    _check_fields(fields, "updateCells")
    rows = req.get("rows") or []
    if "range" in req:
        grid = req["range"]
        sheet = _sheet(book, grid.get("sheetId"), "updateCells")
        if not rows and _formats_only(fields):  # clearing formats: only cells that have one
            keys = [k for k in sheet.formats if _inside(sheet, grid, k)]
        else:
            keys = list(_cells_in(sheet, grid))
        top, left = int(grid.get("startRowIndex", 0)), int(grid.get("startColumnIndex", 0))
    else:
        start = req.get("start") or {}
        sheet = _sheet(book, start.get("sheetId"), "updateCells")
        top, left = int(start.get("rowIndex", 0)), int(start.get("columnIndex", 0))
        keys = [(top + r, left + c) for r, row in enumerate(rows)
                for c in range(len(row.get("values") or []))]
    for key in keys:
        r, c = key[0] - top, key[1] - left
        values = (rows[r].get("values") or []) if r < len(rows) else []
        _update_cell(sheet, key, values[c] if c < len(values) else {}, fields)
    return {}


def repeat_cell(book: Spreadsheet, req: dict[str, Any], _: random.Random) -> dict[str, Any]:
    fields = str(req.get("fields", ""))
    _check_fields(fields, "repeatCell")
    grid = req.get("range") or {}
    sheet = _sheet(book, grid.get("sheetId"), "repeatCell")
    for key in _cells_in(sheet, grid):
        _update_cell(sheet, key, req.get("cell") or {}, fields)
    return {}


def add_sheet(book: Spreadsheet, req: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    props = req.get("properties") or {}
    sheet_id = int(props["sheetId"]) if "sheetId" in props else rng.randrange(1, 2**31 - 1)
    title = str(props.get("title") or f"Sheet{len(book.sheets) + 1}")
    if book.by_id(sheet_id) is not None:
        raise ApiError.invalid(f"Invalid requests[0].addSheet: Sheet with id {sheet_id} "
                               "already exists.")
    if any(s.title.casefold() == title.casefold() for s in book.sheets):
        raise ApiError.invalid(f'Invalid addSheet: A sheet with the name "{title}" already '
                               "exists. Please enter another name.")
    grid = props.get("gridProperties") or {}
    sheet = Sheet(sheet_id, title, int(grid.get("rowCount", 1000)),
                  int(grid.get("columnCount", 26)))
    _freeze(sheet, grid)
    index = int(props.get("index", len(book.sheets)))
    book.sheets.insert(min(index, len(book.sheets)), sheet)
    book.check_cell_limit()
    return {"addSheet": {"properties": sheet.properties(book.sheets.index(sheet))}}


def _freeze(sheet: Sheet, grid: dict[str, Any]) -> None:
    sheet.frozen_rows = int(grid.get("frozenRowCount", sheet.frozen_rows))
    sheet.frozen_columns = int(grid.get("frozenColumnCount", sheet.frozen_columns))
    if sheet.frozen_rows and sheet.frozen_rows >= sheet.rows:
        raise ApiError.invalid("Invalid requests: You can't freeze all visible rows on the "
                               "sheet.")
    if sheet.frozen_columns and sheet.frozen_columns >= sheet.columns:
        raise ApiError.invalid("Invalid requests: You can't freeze all visible columns on "
                               "the sheet.")


def delete_sheet(book: Spreadsheet, req: dict[str, Any], _: random.Random) -> dict[str, Any]:
    sheet = _sheet(book, req.get("sheetId"), "deleteSheet")
    if len(book.sheets) == 1:
        raise ApiError.invalid("Invalid requests[0].deleteSheet: You can't remove all the "
                               "sheets in a document.")
    book.sheets.remove(sheet)
    return {}


def update_sheet_properties(
    book: Spreadsheet, req: dict[str, Any], _: random.Random
) -> dict[str, Any]:
    props = req.get("properties") or {}
    sheet = _sheet(book, props.get("sheetId"), "updateSheetProperties")
    current = sheet.properties(book.sheets.index(sheet))
    merged = apply_mask(current, props, str(req.get("fields", "")))
    title = str(merged.get("title") or sheet.title)
    if any(s is not sheet and s.title.casefold() == title.casefold() for s in book.sheets):
        raise ApiError.invalid(f'Invalid updateSheetProperties: A sheet with the name '
                               f'"{title}" already exists. Please enter another name.')
    sheet.title = title
    grid = merged.get("gridProperties") or {}
    sheet.resize(int(grid.get("rowCount", sheet.rows)), int(grid.get("columnCount",
                                                                      sheet.columns)))
    sheet.frozen_rows = sheet.frozen_columns = 0
    _freeze(sheet, grid)
    book.check_cell_limit()
    return {}


def update_dimension_properties(
    book: Spreadsheet, req: dict[str, Any], _: random.Random
) -> dict[str, Any]:
    span = req.get("range") or {}
    sheet = _sheet(book, span.get("sheetId"), "updateDimensionProperties")
    pixels = (req.get("properties") or {}).get("pixelSize")
    if span.get("dimension") == "COLUMNS" and pixels is not None:
        for column in range(int(span.get("startIndex", 0)), int(span.get("endIndex", 0))):
            sheet.column_pixels[column] = int(pixels)
    return {}


def create_developer_metadata(
    book: Spreadsheet, req: dict[str, Any], rng: random.Random
) -> dict[str, Any]:
    meta = copy.deepcopy(req.get("developerMetadata") or {})
    location = meta.get("location") or {}
    if "sheetId" not in location:
        raise ApiError.invalid("Invalid createDeveloperMetadata: the fake only supports "
                               "metadata on a sheet.")
    sheet = _sheet(book, location["sheetId"], "createDeveloperMetadata")
    meta["metadataId"] = rng.randrange(1, 2**31 - 1)
    meta["location"] = {"locationType": "SHEET", "sheetId": sheet.sheet_id}
    meta.setdefault("visibility", "DOCUMENT")
    sheet.metadata.append(meta)
    return {"createDeveloperMetadata": {"developerMetadata": copy.deepcopy(meta)}}


def add_chart(book: Spreadsheet, req: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    chart = copy.deepcopy(req.get("chart") or {})
    anchor = ((chart.get("position") or {}).get("overlayPosition") or {}).get("anchorCell")
    if not anchor:
        raise ApiError.invalid("Invalid addChart: the fake only supports overlay charts.")
    sheet = _sheet(book, anchor.get("sheetId"), "addChart")
    if anchor.get("rowIndex", 0) >= sheet.rows or anchor.get("columnIndex", 0) >= sheet.columns:
        raise ApiError.invalid("Invalid addChart: anchor cell outside the grid.")
    chart["chartId"] = rng.randrange(1, 2**31 - 1)
    sheet.charts.append(chart)
    return {"addChart": {"chart": copy.deepcopy(chart)}}


def delete_embedded_object(
    book: Spreadsheet, req: dict[str, Any], _: random.Random
) -> dict[str, Any]:
    wanted = int(req.get("objectId", -1))
    for sheet in book.sheets:
        for chart in sheet.charts:
            if chart.get("chartId") == wanted:
                sheet.charts.remove(chart)
                return {}
    raise ApiError.invalid(f"Invalid deleteEmbeddedObject: No object with id: {wanted}")


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet, "deleteSheet": delete_sheet,
    "updateSheetProperties": update_sheet_properties, "updateCells": update_cells,
    "repeatCell": repeat_cell, "updateDimensionProperties": update_dimension_properties,
    "createDeveloperMetadata": create_developer_metadata, "addChart": add_chart,
    "deleteEmbeddedObject": delete_embedded_object,
}


def batch_update(book: Spreadsheet, body: dict[str, Any], rng: random.Random) -> tuple[
    Spreadsheet, dict[str, Any]
]:
    """The new state and the reply; raises ApiError with nothing changed."""
    work = book.clone()
    replies = []
    for position, request in enumerate(body.get("requests") or []):
        if not isinstance(request, dict) or len(request) != 1:
            raise ApiError.invalid(f"Invalid requests[{position}]: exactly one kind of "
                                   "request is needed.")
        (name, payload), = request.items()
        handler = HANDLERS.get(name)
        if handler is None:
            raise ApiError.invalid(f'Invalid JSON payload received. Unknown name "{name}" '
                                   f"at 'requests[{position}]': Cannot find field.")
        try:
            replies.append(handler(work, payload, rng))
        except ApiError as error:
            error.message = error.message.replace("Invalid requests:", f"Invalid requests"
                                                  f"[{position}].{name}:")
            raise
    return work, {"spreadsheetId": book.spreadsheet_id, "replies": replies}
