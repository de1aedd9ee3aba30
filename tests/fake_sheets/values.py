"""spreadsheets.values: get, batchGet, update, batchUpdate, clear, as Google answers."""

from __future__ import annotations

from typing import Any

from . import a1
from .errors import ApiError
from .model import Sheet, Spreadsheet
from .render import parse_input, render


def _bounds(sheet: Sheet, spec: a1.A1) -> tuple[int, int, int, int]:
    """The range clamped to the grid, as Google reports it in replies."""
    row0 = spec.row0 or 0
    col0 = spec.col0 or 0
    row1 = min(spec.row1 if spec.row1 is not None else sheet.rows, sheet.rows)
    col1 = min(spec.col1 if spec.col1 is not None else sheet.columns, sheet.columns)
    if row0 >= sheet.rows or col0 >= sheet.columns:
        raise ApiError.invalid(
            f"Range ({a1.title_in_reply(sheet.title)}!{a1.column_letters(col0)}{row0 + 1}) "
            f"exceeds grid limits. Max rows: {sheet.rows}, max columns: {sheet.columns}")
    return row0, max(row1, row0 + 1), col0, max(col1, col0 + 1)


def _trim(grid: list[list[Any]]) -> list[list[Any]]:
    rows = []
    for row in grid:
        while row and row[-1] == "":
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_range(book: Spreadsheet, text: str, params: dict[str, str]) -> dict[str, Any]:
    spec = a1.parse(text)
    sheet = book.by_title(spec.title)
    row0, row1, col0, col1 = _bounds(sheet, spec)
    value_option = params.get("valueRenderOption", "FORMATTED_VALUE")
    date_option = params.get("dateTimeRenderOption", "SERIAL_NUMBER")
    major = params.get("majorDimension", "ROWS")
    grid = []
    for r in range(row0, row1):
        row = []
        for c in range(col0, col1):
            cell = sheet.cells.get((r, c))
            row.append("" if cell is None else
                       render(cell, sheet.formats.get((r, c)), value_option, date_option))
        grid.append(row)
    if major == "COLUMNS":
        grid = [list(column) for column in zip(*grid, strict=True)]
    reply: dict[str, Any] = {"range": a1.reply_range(sheet.title, row0, row1, col0, col1),
                             "majorDimension": major}
    values = _trim(grid)
    if values:
        reply["values"] = values
    return reply


def write_range(
    book: Spreadsheet, text: str, values: list[list[Any]], option: str
) -> dict[str, Any]:
    if option not in ("RAW", "USER_ENTERED"):
        raise ApiError.invalid("Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED")
    spec = a1.parse(text)
    sheet = book.by_title(spec.title)
    row0, col0 = spec.row0 or 0, spec.col0 or 0
    height = len(values)
    width = max((len(row) for row in values), default=0)
    if not spec.single_cell and spec.row1 is not None and row0 + height > spec.row1:
        raise ApiError.invalid(
            f"Requested writing within range [{text}], but tried writing to row "
            f"[{row0 + height}]")
    if not spec.single_cell and spec.col1 is not None and col0 + width > spec.col1:
        raise ApiError.invalid(
            f"Requested writing within range [{text}], but tried writing to column "
            f"[{a1.column_letters(col0 + width - 1)}]")
    if row0 + height > sheet.rows or col0 + width > sheet.columns:
        raise ApiError.invalid(
            f"Range ({text}) exceeds grid limits. Max rows: {sheet.rows}, max columns: "
            f"{sheet.columns}")
    cells = 0
    for r, row in enumerate(values):
        if not isinstance(row, list):
            raise ApiError.invalid("Invalid value at 'data.values': a row must be a list.")
        for c, value in enumerate(row):
            if value is None:
                continue  # Google skips nulls: the cell keeps what it had
            cell, number_format = parse_input(value, option)
            key = (row0 + r, col0 + c)
            if cell is None:
                sheet.cells.pop(key, None)
            else:
                sheet.cells[key] = cell
            if number_format:
                sheet.formats[key] = {**sheet.formats.get(key, {}), **number_format}
            cells += 1
    written = a1.reply_range(sheet.title, row0, row0 + max(height, 1), col0,
                             col0 + max(width, 1))
    return {"spreadsheetId": book.spreadsheet_id, "updatedRange": written,
            "updatedRows": height, "updatedColumns": width, "updatedCells": cells}


def batch_write(book: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    option = body.get("valueInputOption", "")
    responses = [write_range(book, str(item.get("range", "")), item.get("values") or [], option)
                 for item in body.get("data") or []]
    titles = {r["updatedRange"].rpartition("!")[0] for r in responses}
    return {
        "spreadsheetId": book.spreadsheet_id,
        "totalUpdatedRows": sum(r["updatedRows"] for r in responses),
        "totalUpdatedColumns": max((r["updatedColumns"] for r in responses), default=0),
        "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
        "totalUpdatedSheets": len(titles),
        "responses": responses,
    }


def clear_range(book: Spreadsheet, text: str) -> dict[str, Any]:
    spec = a1.parse(text)
    sheet = book.by_title(spec.title)
    row0, row1, col0, col1 = _bounds(sheet, spec)
    for key in [k for k in sheet.cells if row0 <= k[0] < row1 and col0 <= k[1] < col1]:
        del sheet.cells[key]
    return {"spreadsheetId": book.spreadsheet_id,
            "clearedRange": a1.reply_range(sheet.title, row0, row1, col0, col1)}
