"""A failure in the middle of a write leaves the original workbook exactly as it was,
with no temporary file and no extra backup left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from excel_support import CORPUS, copy_to, toolkit_plan, workbook_at

from toolkit.errors import WorkbookBusyError
from toolkit.excel import package as package_module
from toolkit.excel import save

SOURCE = CORPUS / "WithChart.xlsx"


class Boom(RuntimeError):
    pass


def _leftovers(folder: Path, name: str) -> list[str]:
    found = sorted(p.name for p in folder.iterdir() if p.name != name)
    backups = folder / save.BACKUP_DIR
    if backups.is_dir():
        found += sorted(f"{save.BACKUP_DIR}/{p.name}" for p in backups.iterdir())
    return found


def _first_write(tmp_path: Path) -> Path:
    """A workbook that already has the toolkit's tabs and one backup."""
    path = copy_to(tmp_path, SOURCE)
    workbook_at(path).write(toolkit_plan())
    return path


@pytest.mark.parametrize("already_written", [False, True])
def test_failure_while_writing_members_leaves_the_original(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, already_written: bool) -> None:
    path = _first_write(tmp_path) if already_written else copy_to(tmp_path, SOURCE)
    before = path.read_bytes()
    leftovers = _leftovers(tmp_path, path.name)
    calls = {"n": 0}
    real = package_module.ZipWriter.write_chunks

    def failing(self: package_module.ZipWriter, name: str, chunks: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # after some of the new package is already on disk
            raise Boom("disk full")
        real(self, name, chunks)  # type: ignore[arg-type]

    monkeypatch.setattr(package_module.ZipWriter, "write_chunks", failing)
    with pytest.raises(Boom):
        workbook_at(path).write(toolkit_plan(rows=3000))
    assert calls["n"] == 2
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, path.name) == leftovers


def test_failure_in_the_final_replace_leaves_the_original(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _first_write(tmp_path)
    before = path.read_bytes()
    leftovers = _leftovers(tmp_path, path.name)

    def failing(src: object, dst: object) -> None:
        raise Boom("power cut")

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(Boom):
        workbook_at(path).write(toolkit_plan())
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, path.name) == leftovers


def test_the_system_refusing_the_replace_is_a_busy_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_to(tmp_path, SOURCE)
    before = path.read_bytes()

    def refused(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(WorkbookBusyError, match="Close the workbook"):
        workbook_at(path).write(toolkit_plan())
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, path.name) == []


def test_a_save_by_someone_else_during_the_write_is_not_overwritten(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_to(tmp_path, SOURCE)
    real = package_module.ZipWriter.finish

    def owner_saves_meanwhile(self: package_module.ZipWriter) -> None:
        real(self)
        path.write_bytes(path.read_bytes() + b"")  # same bytes, new modification time
        os.utime(path, ns=(1, 1))

    monkeypatch.setattr(package_module.ZipWriter, "finish", owner_saves_meanwhile)
    before = path.read_bytes()
    with pytest.raises(WorkbookBusyError, match="changed while I was writing"):
        workbook_at(path).write(toolkit_plan())
    assert path.read_bytes() == before
    assert _leftovers(tmp_path, path.name) == []
