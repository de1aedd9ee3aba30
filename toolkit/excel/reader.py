"""Read every tab of a workbook: python-calamine first, openpyxl read-only as fallback.

Rows come from sheet row 1 (leading empty rows and columns kept, so row numbers in
problem reports match what the owner sees). Empty cells are None; dates stay dates.
Which tabs the toolkit owns is read from the workbook part's ownership marker.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from toolkit.collector import collector_paused
from toolkit.errors import SourceError
from toolkit.excel import opc
from toolkit.excel.package import PackageError, ZipPackage
from toolkit.excel.workbook_xml import WorkbookXml
from toolkit.model import Row

log = logging.getLogger(__name__)
Tables = list[tuple[str, tuple[Row, ...]]]
_PLAIN = frozenset({str, float, int, bool, dt.date, dt.datetime, type(None)})
# Values equal only to values of their own type (not so 1, 1.0 and True; or 0.0 and -0.0).
_SHAREABLE = frozenset({str, dt.date, dt.datetime, type(None)})
_SHARE_FROM = 5000  # rows: below this there is little to gain
_SHARE_SAMPLE = 2000
_EMPTY_AS_NONE: dict[Any, Any] = {"": None}
_BLOCK_ROWS = 20_000  # rows converted at a time on big sheets
_AHEAD_FROM = 1_000_000  # bytes of XML in the sheets but the largest: less, read in turn
# calamine's Rust panics are BaseExceptions, so reading catches those; these it lets through.
_NOT_A_FAILURE = KeyboardInterrupt | SystemExit | GeneratorExit


def _odd(value: Any) -> Any:
    """Values outside CellValue (times of day, durations) as text; "" as None."""
    if value == "":
        return None
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


def _row(values: list[Any]) -> Row:
    if "" in values or not _PLAIN.issuperset(map(type, values)):
        return tuple(map(_odd, values))
    return tuple(values)


def _trim(rows: list[Row], share: bool = True) -> tuple[Row, ...]:
    """Drop trailing rows that are entirely empty (calamine pads the used area)."""
    end = len(rows)
    while end and all(v is None for v in rows[end - 1]):
        end -= 1
    del rows[end:]
    if share and len(rows) >= _SHARE_FROM and len({len(row) for row in rows}) == 1:
        columns = list(zip(*rows, strict=True))
        rows.clear()  # the old rows go before the new ones are made: no more memory at once
        return tuple(zip(*_shared(columns), strict=True))
    return tuple(rows)


def _by_columns(raw: Iterator[list[Any]], left: int) -> tuple[Row, ...]:
    """A big sheet's rows made column by column, a block of rows at a time: `_row` on
    every row, `_trim` and `_shared`, for far fewer Python steps (and only a block of
    calamine's row lists alive at once)."""
    rows: list[Row] = []
    seen: list[dict[Any, Any]] | None = None  # per column, its shared values so far
    while block := list(islice(raw, _BLOCK_ROWS)):
        if len({len(values) for values in block}) != 1:  # uneven rows: one at a time
            rows.extend((None,) * left + _row(values) for values in block)
            continue
        columns = list(zip(*block, strict=True))
        block.clear()
        kinds: list[set[type] | None] = []  # per column, the types of its values
        for index, column in enumerate(columns):
            types = set(map(type, column))
            if not _PLAIN.issuperset(types):
                columns[index] = tuple(map(_odd, column))
                kinds.append(None)  # changed: `_shared` looks again
                continue
            if str in types and "" in column:
                columns[index] = tuple(map(_EMPTY_AS_NONE.get, column, column))
                types.add(type(None))
            kinds.append(types)
        if seen is None or len(seen) != len(columns):
            seen = [{} for _ in columns]
        _shared(columns, seen, kinds)
        if left:
            columns[:0] = [(None,) * len(columns[0])] * left
        rows.extend(zip(*columns, strict=True))
    return _trim(rows, share=False)


def _shared(columns: list[tuple[Any, ...]], seen: list[dict[Any, Any]] | None = None,
            kinds: list[set[type] | None] | None = None) -> list[tuple[Any, ...]]:
    """The columns, with each text or date that repeats down a column held once.

    A big orders tab repeats the same few products, the customers' emails and the days of
    two years on hundreds of thousands of rows; the reader makes a new object for each
    cell. Sharing them takes a quarter of the memory the rows take (the values are equal;
    text is never shared with a number, nor a date with anything but an equal date).
    Columns of mostly distinct values (order numbers) are left as they are. `kinds`: the
    types of each column's values where known (None: not known).
    """
    for index, column in enumerate(columns):
        known_kinds = kinds[index] if kinds is not None else None
        if (len(set(column[:_SHARE_SAMPLE])) * 2 <= min(len(column), _SHARE_SAMPLE)
                and _SHAREABLE.issuperset(map(type, column) if known_kinds is None
                                          else known_kinds)):
            known: dict[Any, Any] = {} if seen is None else seen[index]
            columns[index] = tuple(map(known.setdefault, column, column))
    return columns


def read_with_calamine(path: Path, skip: frozenset[str] = frozenset()) -> Tables:
    """Every worksheet's rows (none for a sheet whose folded name is in `skip`: it is not
    parsed). In a big workbook the largest sheet is parsed here while the others are
    parsed in a thread of their own (see `_SheetsAhead`); what is returned, and what is
    raised when a sheet cannot be read, is what reading one sheet after another gives."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    sizes = {name: size for name, size in _worksheet_sizes(path).items()
             if name.casefold() not in skip}
    largest = max(sizes, key=sizes.__getitem__) if len(sizes) > 1 else None
    ahead = None
    if largest is not None and sum(sizes.values()) - sizes[largest] >= _AHEAD_FROM:
        ahead = _SheetsAhead(path, [name for name in sizes if name != largest])
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            names = [meta.name for meta in workbook.sheets_metadata
                     if meta.typ == SheetTypeEnum.WorkSheet]
            read = {name for name in names if name.casefold() not in skip}
            if ahead is None or largest is None or read != {largest, *ahead.names}:
                return [(name, _sheet_rows(workbook.get_sheet_by_name(name)) if name in read
                         else ()) for name in names]
            big, failure = None, None
            try:
                big = workbook.get_sheet_by_name(largest)
            except BaseException as exc:  # raised in its turn (a Rust panic is no Exception)
                if isinstance(exc, _NOT_A_FAILURE):
                    raise
                failure = exc
            tables: Tables = []
            for name in names:
                if name not in read:
                    tables.append((name, ()))
                elif name != largest:
                    tables.append((name, _sheet_rows(ahead.sheet(name))))
                elif failure is not None:
                    raise failure
                else:
                    tables.append((name, _sheet_rows(big)))
                    big = None
            return tables
        finally:
            workbook.close()
    finally:
        if ahead is not None:
            ahead.wait()


class _SheetsAhead:
    """Every worksheet of a big workbook but its largest, parsed in order by python-calamine
    in a thread of its own (from a workbook object of its own) while the reading thread
    parses the largest: calamine lets go of the GIL while it parses, so both parse at once
    on two cores. (The largest is the reading thread's own: what a sheet's parsing takes
    comes from the thread's memory arena, and a second thread's arena would keep, as
    resident memory, the hundreds of MB the largest takes.) Whatever parsing raises (a
    Rust panic is a BaseException) is raised by `sheet` for the sheet that raised it."""

    def __init__(self, path: Path, names: list[str]) -> None:
        self.names = names
        self._sheets: dict[str, Any] = {}
        self._error: BaseException | None = None  # for the first sheet not parsed
        self._thread = threading.Thread(target=self._parse, args=(path,), daemon=True,
                                        name="parse sheets ahead")
        self._thread.start()

    def _parse(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_path(str(path))
            try:
                for name in self.names:
                    self._sheets[name] = workbook.get_sheet_by_name(name)
            finally:
                workbook.close()
        except BaseException as exc:  # handed over to the reading thread as it is
            self._error = exc

    def sheet(self, name: str) -> Any:
        """The parsed sheet (handed over once), or what parsing it raised."""
        self._thread.join()
        if name not in self._sheets and self._error is not None:
            raise self._error
        return self._sheets.pop(name)

    def wait(self) -> None:
        self._thread.join()
        self._sheets.clear()


def _worksheet_sizes(path: Path) -> dict[str, int]:
    """Each worksheet's tab name and the size of its XML part ({} when the file is not an
    Office Open XML package we can look into)."""
    try:
        with path.open("rb") as fp, ZipPackage(fp) as package:
            part = _workbook_part(package)
            if part is None:
                return {}
            rels_part = package.find(opc.rels_for(part))
            rels = opc.Rels(part, package.xml(rels_part) if rels_part else None)
            sizes = {info.filename: info.file_size for info in package.infos}
            found = {}
            for sheet in WorkbookXml(package.xml(part)).sheets:
                rel = rels.by_id(sheet.rel_id)
                if rel is None or rel.external or not opc.type_is(rel.type, "worksheet"):
                    continue
                member = package.find(opc.resolve(part, rel.target))
                if member is not None:
                    found[sheet.name] = sizes[member]
            return found
    except (PackageError, OSError, ValueError, UnicodeDecodeError, KeyError):
        return {}


def _sheet_rows(sheet: Any) -> tuple[Row, ...]:
    """All rows from A1 (trailing empty rows dropped). calamine's row iterator starts at
    row 1 but at the first used column, so rows are padded on the left (it is lighter
    than `to_python`)."""
    start = sheet.start
    if start is None:
        return ()
    left = start[1]
    if sheet.height >= _SHARE_FROM:
        return _by_columns(sheet.iter_rows(), left)
    if left:
        pad = (None,) * left
        return _trim([pad + _row(r) for r in sheet.iter_rows()])
    return _trim([_row(r) for r in sheet.iter_rows()])


def sheet_names(path: Path) -> list[str]:
    """The workbook's tab names (cheap: no cells are read); [] when it cannot be opened."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except BaseException as exc:  # calamine's Rust panics are not Exceptions
        if isinstance(exc, _NOT_A_FAILURE):
            raise
        return []
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_with_openpyxl(path: Path, skip: frozenset[str] = frozenset()) -> Tables:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        tables: Tables = []
        for sheet in workbook.worksheets:
            if sheet.title.casefold() in skip:
                tables.append((sheet.title, ()))
                continue
            sheet.reset_dimensions()
            raw = [list(r) for r in sheet.iter_rows(min_row=1, min_col=1, values_only=True)]
            width = max((len(r) for r in raw), default=0)
            rows = [_row(r + [None] * (width - len(r))) for r in raw]
            tables.append((sheet.title, _trim(rows)))
        return tables
    finally:
        workbook.close()


def read_tables(path: Path, skip: frozenset[str] = frozenset()
                ) -> tuple[Tables, list[str]]:
    """Every worksheet's rows, and notes for the Run log (e.g. the fallback reader).
    A worksheet whose folded name is in `skip` is listed with no rows, unread."""
    try:
        with collector_paused():  # cells and rows hold no cycles
            return read_with_calamine(path, skip), []
    except BaseException as first:  # calamine's Rust panics are not Exceptions
        if isinstance(first, _NOT_A_FAILURE):
            raise
        log.warning("calamine could not read %s: %s", path.name, first)
        if path.suffix.lower() not in {".xlsx", ".xlsm"}:
            raise SourceError(
                f"{path.name}: I could not read this workbook ({first}). Open it in Excel or "
                "LibreOffice, save it as an Excel Workbook (.xlsx), and run again.") from first
        try:
            tables = read_with_openpyxl(path, skip)
        except Exception as second:
            raise SourceError(
                f"{path.name}: I could not read this workbook ({second}). Open it in Excel, "
                "save it again as an Excel Workbook (.xlsx), and run again.") from second
        note = (f"Read {path.name} with openpyxl because the fast reader could not open it "
                f"({str(first).splitlines()[0] if str(first) else type(first).__name__}).")
        return tables, [note]


def _workbook_part(package: ZipPackage) -> str | None:
    root = package.find("_rels/.rels")
    if root is None:
        return None
    office = [m for _r, m in opc.Rels("", package.xml(root)).targets("officeDocument")]
    return package.find(office[0]) if office else None


def owned_tab_names(package: ZipPackage) -> list[str]:
    """Names of the tabs the toolkit made, from the workbook part's markers."""
    part = _workbook_part(package)
    if part is None:
        return []
    workbook = WorkbookXml(package.xml(part))
    owned = workbook.owned_indexes()
    return [s.name for s in workbook.sheets if s.index in owned]


def owned_tabs_of(path: Path) -> list[str]:
    try:
        with path.open("rb") as fp, ZipPackage(fp) as package:
            return owned_tab_names(package)
    except (PackageError, OSError, ValueError, UnicodeDecodeError) as exc:
        log.warning("could not read the toolkit's tab markers in %s: %s", path.name, exc)
        return []
