"""A toolkit tab as a worksheet part, streamed in chunks (500,000 rows stay light).

Layout: a bold header row frozen at the top, column widths from the plan or from the
content (capped), wrapped text where the plan asks, hyperlinks through the sheet's
relationships, and a drawing reference when the tab has a chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat, zip_longest
from typing import Any

from toolkit.excel.cells import CellWriter, text_cell
from toolkit.excel.styles import CellStyles
from toolkit.excel.workbook_xml import MAIN_NS
from toolkit.model import CellValue, Row, Tab

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
_SAMPLE_ROWS = 1000
_MIN_WIDTH = 6.0
_MAX_WIDTH = 60.0
_ROWS_PER_CHUNK = 2000
_NONE = type(None)
_STR, _INT, _FLOAT = {str}, {int}, {float}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class SheetLinks:
    """Relationship ids the worksheet refers to (allocated by the caller)."""

    hyperlinks: tuple[tuple[str, str], ...] = ()  # (cell ref, relationship id)
    drawing: str | None = None


def _shown_width(value: CellValue) -> float:
    if type(value) is str and "\n" not in value:  # the common case first
        return float(len(value))
    if value is None:
        return 0.0
    if isinstance(value, str):
        return float(max((len(line) for line in value.split("\n")), default=0))
    if isinstance(value, bool):
        return 5.0
    if isinstance(value, dt.datetime):
        return 16.0
    if isinstance(value, dt.date):
        return 10.0
    if isinstance(value, float):
        return float(len(f"{value:,.2f}"))
    return float(len(str(value)))


def _widest(values: Sequence[Any]) -> float:
    """max(_shown_width(v) for v in values), the common column types worked out in C."""
    kinds = set(map(type, values))
    present = [v for v in values if v is not None] if _NONE in kinds else values
    kinds.discard(_NONE)
    if not kinds:
        return 0.0
    if kinds == _STR and "\n" not in "".join(present):
        return float(max(map(len, present)))
    if kinds == _INT:
        return float(max(map(len, map(str, present))))
    if kinds == _FLOAT:
        return float(max(map(len, map(format, present, repeat(",.2f")))))
    return max(map(_shown_width, present))


def column_widths(tab: Tab, columns: int) -> list[float]:
    """Width per column in characters: the plan's, else from the header and first rows."""
    widths = [_MIN_WIDTH] * columns
    for index, name in enumerate(tab.header[:columns]):
        widths[index] = max(widths[index], len(name) + 2.0)
    # Column by column: the widest value shown, + 2 (a short row adds None: width 0)
    for index, values in enumerate(zip_longest(*tab.rows[:_SAMPLE_ROWS])):
        if index < columns:
            widths[index] = max(widths[index], _widest(values) + 2.0)
    for index in range(columns):
        widths[index] = min(widths[index], _MAX_WIDTH)
        if index < len(tab.widths) and tab.widths[index] > 0:
            widths[index] = min(float(tab.widths[index]), 255.0)
    return widths


def _width_of(rows: Sequence[Row], header: Sequence[str]) -> int:
    return min(max(len(header), max(map(len, rows), default=0)), MAX_COLUMNS)


def worksheet_chunks(tab: Tab, styles: CellStyles, date1904: bool, links: SheetLinks,
                     ) -> Iterator[bytes]:
    """The worksheet part's bytes, in chunks. `tab.rows` must fit Excel's row limit."""
    columns = _width_of(tab.rows, tab.header)
    last_row = len(tab.rows) + 1
    letters = [column_letter(i) for i in range(max(columns, 1))]
    dimension = f"A1:{letters[-1]}{last_row}" if columns else "A1"
    cols = "".join(
        f'<col min="{i + 1}" max="{i + 1}" width="{w + 0.7:.2f}" customWidth="1"/>'
        for i, w in enumerate(column_widths(tab, columns)))
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<dimension ref="{dimension}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        '</sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )
    header_style = f' s="{styles.header}"' if styles.header else ""
    header_cells = "".join(text_cell(f"{letters[i]}1", name, header_style)
                           for i, name in enumerate(tab.header[:columns]) if name)
    yield (head + f'<row r="1">{header_cells}</row>').encode("utf-8")

    wrap = f' s="{styles.wrap}"' if styles.wrap else ""
    col_styles = [wrap if i in tab.wrap_columns else "" for i in range(columns)]
    writer = CellWriter(styles.date, styles.datetime, date1904)
    letters = letters[:columns]
    for start in range(0, len(tab.rows), _ROWS_PER_CHUNK):
        rows: Sequence[Row] = tab.rows[start : start + _ROWS_PER_CHUNK]
        if columns == MAX_COLUMNS:  # only then can a row be longer than the sheet is wide
            rows = [row[:columns] for row in rows]
        yield writer.block(start + 2, rows, letters, col_styles).encode("utf-8")
    tail = ["</sheetData>"]
    if links.hyperlinks:
        tail.append("<hyperlinks>")
        tail += [f'<hyperlink ref="{ref}" r:id="{rid}"/>' for ref, rid in links.hyperlinks]
        tail.append("</hyperlinks>")
    tail.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                'footer="0.3"/>')
    if links.drawing:
        tail.append(f'<drawing r:id="{links.drawing}"/>')
    tail.append("</worksheet>")
    yield "".join(tail).encode("utf-8")
