"""The guards around a run: one run per source, and patience with an open workbook."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.errors import ConfigError, WorkbookBusyError
from toolkit.ops.guard import guarded_run, write_blockers
from toolkit.ops.runlock import RunLock

from .clock import StepClock

SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"


def _config(source: str) -> Config:
    return Config(source=source, lock_wait_seconds=2, busy_retry_minutes=1)


def test_the_run_happens_once_and_returns_its_result(tmp_path: Path) -> None:
    clock = StepClock()
    result = guarded_run(_config(str(tmp_path / "shop.xlsx")), lambda: "done",
                         scheduled=False, now=clock.now, sleep=clock.sleep, lock_dir=tmp_path)
    assert result == "done" and clock.slept == []


def test_open_workbook_is_waited_for_and_the_whole_run_repeated(tmp_path: Path) -> None:
    workbook = tmp_path / "shop.xlsx"
    lock_file = tmp_path / "~$shop.xlsx"
    lock_file.write_bytes(b"Ann")
    clock = StepClock()
    runs: list[int] = []

    def work() -> int:
        runs.append(1)
        if len(runs) == 1:
            raise PermissionError(13, "Permission denied")
        return len(runs)

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        lock_file.unlink(missing_ok=True)  # the owner closes Excel

    assert guarded_run(_config(str(workbook)), work, scheduled=True, now=clock.now,
                       sleep=sleep, lock_dir=tmp_path / "locks") == 2
    assert clock.slept == [30.0, 30.0]


def test_scheduled_run_gives_up_naming_the_next_run(tmp_path: Path) -> None:
    (tmp_path / ".~lock.shop.xlsx#").write_text("x")
    clock = StepClock()
    with pytest.raises(WorkbookBusyError, match="I will run again at 07:00 tomorrow"):
        guarded_run(_config(str(tmp_path / "shop.xlsx")), lambda: None, scheduled=True,
                    now=clock.now, sleep=clock.sleep, lock_dir=tmp_path / "locks")


def test_another_run_on_the_same_sheet_stops_this_one(tmp_path: Path) -> None:
    clock = StepClock()
    with RunLock(SHEET_ID, lock_dir=tmp_path, wait_seconds=0), pytest.raises(
        WorkbookBusyError, match="another run"
    ):
        guarded_run(_config(SHEET_ID), lambda: None, scheduled=False, now=clock.now,
                    sleep=clock.sleep, lock_dir=tmp_path)
    assert sum(clock.slept) == 2


def test_no_source_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--source"):
        guarded_run(Config(), lambda: None, scheduled=False)


def test_write_blockers_for_check(tmp_path: Path) -> None:
    workbook = tmp_path / "shop.xlsx"
    workbook.write_bytes(b"PK")
    locks = tmp_path / "locks"
    assert write_blockers(str(workbook), lock_dir=locks) == []
    (tmp_path / "~$shop.xlsx").write_bytes(b"Ann")
    with RunLock(str(workbook), lock_dir=locks, wait_seconds=0):
        found = write_blockers(str(workbook), lock_dir=locks)
    assert len(found) == 2
    assert "another run" in found[0] and "open in Excel or LibreOffice" in found[1]
    assert write_blockers(str(workbook), lock_dir=locks) == found[1:]  # lock released
    assert write_blockers(SHEET_ID, lock_dir=locks) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write anywhere")
def test_write_blockers_sees_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    workbook = folder / "shop.xlsx"
    workbook.write_bytes(b"PK")
    workbook.chmod(0o444)
    folder.chmod(0o555)
    try:
        found = write_blockers(str(workbook), lock_dir=tmp_path / "locks")
    finally:
        folder.chmod(0o755)
    assert [f.split(" ")[1:3] for f in found] == [["is", "read-only:"], ["cannot", "create"]]


def test_write_blockers_reports_what_the_os_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = tmp_path / "shop.xlsx"
    workbook.write_bytes(b"PK")
    monkeypatch.setattr("toolkit.ops.guard.os.access", lambda path, mode: False)
    found = write_blockers(str(workbook), lock_dir=tmp_path / "locks")
    assert "shop.xlsx is read-only" in found[0] and "cannot create files in" in found[1]
