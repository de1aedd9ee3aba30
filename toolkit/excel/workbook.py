"""The Excel adapter: `ExcelWorkbook` implements the Workbook protocol of toolkit.source.

Reads with python-calamine (openpyxl read-only as fallback). Writes the plan's tabs back
surgically into .xlsx/.xlsm (everything the toolkit does not own copied byte for byte,
saved atomically with a backup); for .xls/.xlsb/.ods into a companion .xlsx next to it.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from toolkit.errors import SourceError, WriteRefusedError, tab_conflict
from toolkit.excel import companion, guards, reader, save
from toolkit.excel.names import prepare_tabs
from toolkit.excel.package import PackageError, ZipPackage
from toolkit.excel.surgery import Surgery
from toolkit.model import RawTable, SourceData, Tab, WritePlan, WriteReport
from toolkit.plan import READ_BACK_TABS

log = logging.getLogger(__name__)
IN_PLACE = (".xlsx", ".xlsm")


class ExcelWorkbook:
    """An owner's workbook on disk."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = datetime.now,
                 keep_backups: int = 5) -> None:
        self.path = Path(path)
        self._clock = clock
        self._keep_backups = keep_backups

    @property
    def label(self) -> str:
        return self.path.name

    @property
    def in_place(self) -> bool:
        return self.path.suffix.lower() in IN_PLACE

    @property
    def target(self) -> Path:
        """Where the toolkit's tabs are written: the workbook itself or its companion."""
        return self.path if self.in_place else companion.companion_path(self.path)

    # ------------------------------------------------------------------ reading

    def read(self) -> SourceData:
        if self.in_place:
            guards.check_is_package(self.path)
        elif not self.path.is_file():
            raise SourceError(f"{self.path}: there is no file here. Check the path given as "
                              "--source.")
        owned = {n.casefold() for n in reader.owned_tabs_of(self.path)} if self.in_place else set()
        tables, notes = reader.read_tables(self.path, frozenset(owned - READ_BACK_TABS))
        result = [RawTable(name, rows, name.casefold() in owned) for name, rows in tables]
        if not self.in_place and self.target.is_file():
            marked = {n.casefold() for n in reader.owned_tabs_of(self.target)}
            extra, extra_notes = reader.read_tables(self.target,
                                                    frozenset(marked - READ_BACK_TABS))
            result += [RawTable(name, rows, True) for name, rows in extra
                       if name.casefold() in marked]
            notes += extra_notes
            notes.append(f"Read the toolkit's tabs from {self.target.name}.")
        return SourceData(self.label, tuple(result), tuple(notes))

    # ------------------------------------------------------------------ writing

    def write(self, plan: WritePlan) -> WriteReport:
        tabs, notes = prepare_tabs(plan.tabs)
        target = Path(os.path.realpath(self.target))  # write through a link, not over it
        if not tabs:
            return WriteReport(str(target), (), None, notes=tuple(notes))
        guards.check_not_busy(target)
        save.check_folder_writable(target)
        if not self.in_place:
            self._check_source_names([t.name for t in tabs])
            notes.append(f"{self.path.name} is a {self.path.suffix} file, which I do not write "
                         f"into: my tabs are in {target.name} next to it.")
        when = self._clock()
        if target.exists():
            guards.check_is_package(target)
            with target.open("rb") as fp:
                tabs_written, backup, more = self._apply(fp, target, tabs, when)
        else:
            base = io.BytesIO(companion.empty_package(when))
            tabs_written, backup, more = self._apply(base, target, tabs, when)
        return WriteReport(str(target), tuple(tabs_written),
                           str(backup) if backup else None, notes=tuple(notes + more))

    def _apply(self, fp: BinaryIO, target: Path, tabs: list[Tab], when: datetime,
               ) -> tuple[list[str], Path | None, list[str]]:
        try:
            with ZipPackage(fp) as package:
                surgery = Surgery(package, target.name, tabs)

                def release() -> None:
                    package.close()
                    fp.close()

                notes, backup = save.atomic_write(
                    target, lambda out: surgery.write(out, when), when=when,
                    keep_backups=self._keep_backups, release=release)
                return surgery.tab_names, backup, notes
        except PackageError as exc:
            raise WriteRefusedError(
                f"{target.name}: I could not copy this workbook safely ({exc}), so I left it as "
                "it is. Open it in Excel, save it once, and run again.") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise WriteRefusedError(
                f"{target.name}: part of this workbook looks damaged ({exc}), so I left it as "
                "it is. Open it in Excel, save it once, and run again.") from exc

    def _check_source_names(self, names: list[str]) -> None:
        """In companion mode a plan tab must not shadow one of the owner's own tabs."""
        mine = {n.casefold() for n in names}
        for name in reader.sheet_names(self.path):
            if name.casefold() in mine:
                raise tab_conflict(self.path.name, [name])
