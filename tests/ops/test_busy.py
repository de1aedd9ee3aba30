"""A workbook held open by the owner: detect, retry for a while, then a clear message."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from toolkit.errors import WorkbookBusyError
from toolkit.ops.busy import owner_lock_files, retry_while_busy, wait_until_free

from .clock import StepClock


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "Customers.xlsx"
    path.write_bytes(b"PK")
    return path


@pytest.mark.parametrize(
    "lock_name", ["~$Customers.xlsx", "~$stomers.xlsx", ".~lock.Customers.xlsx#"]
)
def test_each_owner_lock_file_is_seen(workbook: Path, lock_name: str) -> None:
    assert owner_lock_files(workbook) == []
    (workbook.parent / lock_name).write_bytes(b"Ann")
    assert [p.name for p in owner_lock_files(workbook)] == [lock_name]
    assert owner_lock_files(workbook.parent / "Other.xlsx") == []


def test_waits_until_the_owner_closes_the_workbook(
    workbook: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lock = workbook.parent / "~$Customers.xlsx"
    lock.write_bytes(b"Ann")
    clock = StepClock()

    def sleep(seconds: float) -> None:  # the owner closes Excel while we wait
        clock.sleep(seconds)
        lock.unlink(missing_ok=True)

    with caplog.at_level(logging.WARNING):
        wait_until_free(workbook, retry_minutes=5, now=clock.now, sleep=sleep)
    assert clock.slept == [30.0]
    assert "Customers.xlsx: it is open in Excel" in caplog.text
    assert "trying again in 30 s" in caplog.text


def test_gives_up_with_the_next_run_time(workbook: Path) -> None:
    (workbook.parent / ".~lock.Customers.xlsx#").write_text("1,Ann,host,06.05.2024 06:58;")
    clock = StepClock()
    with pytest.raises(WorkbookBusyError) as caught:
        wait_until_free(workbook, retry_minutes=2, schedule_time="07:00", now=clock.now,
                        sleep=clock.sleep)
    message = str(caught.value)
    assert message.startswith("Customers.xlsx: it is open in LibreOffice")
    assert "Nothing was written. I kept trying for 2 minutes." in message
    assert "Close the workbook and I will run again at 07:00 tomorrow." in message
    assert ".~lock.Customers.xlsx#" in message and "leave that file behind" in message
    assert sum(clock.slept) == 120 and clock.slept == [30.0] * 4


def test_write_refused_by_the_computer_is_retried(workbook: Path) -> None:
    clock = StepClock()
    outcomes: list[Exception | None] = [PermissionError(13, "Permission denied"),
                                        WorkbookBusyError("locked by Excel"), None]

    def write() -> str:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return "written"

    assert retry_while_busy(write, workbook=workbook, retry_minutes=5, now=clock.now,
                            sleep=clock.sleep, check_every_seconds=20) == "written"
    assert clock.slept == [20, 20]


def test_no_retry_time_means_one_try_and_no_schedule_means_run_again(workbook: Path) -> None:
    clock = StepClock()
    calls: list[int] = []

    def write() -> None:
        calls.append(1)
        raise PermissionError(13, "Permission denied")

    with pytest.raises(WorkbookBusyError) as caught:
        retry_while_busy(write, workbook=workbook, retry_minutes=0, now=clock.now,
                         sleep=clock.sleep)
    assert calls == [1] and clock.slept == []
    message = str(caught.value)
    assert "refused to write it (Permission denied)" in message
    assert message.endswith("Close the workbook, then run the command again.")


def test_google_sheet_has_no_lock_files_to_check() -> None:
    clock = StepClock()
    result = retry_while_busy(lambda: 3, workbook=None, label="the Google Sheet X",
                              retry_minutes=1, now=clock.now, sleep=clock.sleep)
    assert result == 3 and clock.slept == []

    def not_shared() -> None:
        raise PermissionError("403: the caller does not have permission")

    with pytest.raises(PermissionError):  # not "busy": the adapter explains sharing
        retry_while_busy(not_shared, workbook=None, retry_minutes=1, now=clock.now,
                         sleep=clock.sleep)
    assert clock.slept == []


def test_gives_up_after_the_retry_time_ending_on_a_partial_pause(workbook: Path) -> None:
    (workbook.parent / "~$Customers.xlsx").write_bytes(b"Ann")
    clock = StepClock()
    clock.moment = dt.datetime(2024, 5, 6, 6, 58)
    with pytest.raises(WorkbookBusyError, match="I will run again at 07:00 today"):
        wait_until_free(workbook, retry_minutes=1.25, schedule_time="07:00", now=clock.now,
                        sleep=clock.sleep)
    assert clock.slept == [30.0, 30.0, 15.0]
