"""One run at a time per source, checked with a second real process holding the lock."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.errors import WorkbookBusyError
from toolkit.ops.runlock import RunLock, lock_path_for

from .clock import StepClock

ROOT = Path(__file__).resolve().parents[2]
SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
HOLDER = """
import sys
from pathlib import Path
from toolkit.ops.runlock import RunLock
with RunLock(sys.argv[1], lock_dir=Path(sys.argv[2]), wait_seconds=0):
    print("locked", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


class Holder:
    """Another customer-toolkit process that holds the lock until told to stop."""

    def __init__(self, source: str, lock_dir: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, source, str(lock_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def finish(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "released"
        self.process.wait(timeout=10)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Holder]:
    started = Holder(str(tmp_path / "shop.xlsx"), tmp_path / "locks")
    yield started
    if started.process.poll() is None:
        started.kill()
    for stream in (started.process.stdin, started.process.stdout):
        if stream is not None:
            stream.close()


def test_second_run_waits_then_says_who_holds_it(tmp_path: Path, holder: Holder) -> None:
    clock = StepClock(dt.datetime.now())  # the holder wrote its real start time
    lock = RunLock(str(tmp_path / "shop.xlsx"), lock_dir=tmp_path / "locks", wait_seconds=5,
                   now=clock.now, sleep=clock.sleep, poll_seconds=2)
    with pytest.raises(WorkbookBusyError) as caught:
        lock.acquire()
    message = str(caught.value)
    assert message.startswith("shop.xlsx: another run (process ")
    assert f"process {holder.process.pid})" in message
    since = re.search(r" since (\d\d:\d\d); I waited 5 seconds", message)
    assert since is not None
    started = dt.datetime.combine(clock.moment.date(), dt.time.fromisoformat(since.group(1)))
    assert abs((clock.moment - started).total_seconds()) < 120
    assert clock.slept == [2, 2, 1]  # bounded by wait_seconds, no real sleeping


def test_second_run_gets_in_when_the_first_finishes(tmp_path: Path, holder: Holder) -> None:
    clock = StepClock()

    def sleep(seconds: float) -> None:  # while we wait, the other run finishes
        clock.sleep(seconds)
        holder.finish()

    with RunLock(str(tmp_path / "shop.xlsx"), lock_dir=tmp_path / "locks", wait_seconds=30,
                 now=clock.now, sleep=sleep) as lock:
        assert lock.path is not None
        assert lock.path.read_text().split()[0] == str(os.getpid())
    assert clock.slept == [1.0]
    assert lock.path.read_text() == ""  # released: no holder named


def test_lock_is_released_when_the_holder_is_killed(tmp_path: Path, holder: Holder) -> None:
    holder.kill()
    with RunLock(str(tmp_path / "shop.xlsx"), lock_dir=tmp_path / "locks", wait_seconds=0):
        pass


def test_other_sources_are_not_blocked(tmp_path: Path, holder: Holder) -> None:
    with RunLock(str(tmp_path / "other.xlsx"), lock_dir=tmp_path / "locks", wait_seconds=0):
        pass


def test_same_source_in_one_process_is_also_exclusive(tmp_path: Path) -> None:
    first = RunLock(SHEET_ID, lock_dir=tmp_path, wait_seconds=0)
    with first, pytest.raises(WorkbookBusyError, match=f"the Google Sheet {SHEET_ID}"):
        RunLock(SHEET_ID, lock_dir=tmp_path, wait_seconds=0).acquire()
    with RunLock(SHEET_ID, lock_dir=tmp_path, wait_seconds=0):
        pass


def test_every_spelling_of_a_source_shares_one_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0"
    assert lock_path_for(url, tmp_path) == lock_path_for(SHEET_ID, tmp_path)
    assert lock_path_for("shop.xlsx", tmp_path) == lock_path_for(
        str(tmp_path / "x" / ".." / "shop.xlsx"), tmp_path)
    assert lock_path_for("shop.xlsx", tmp_path) != lock_path_for("other.xlsx", tmp_path)
    assert lock_path_for("shop.xlsx", tmp_path).name.startswith("shop.xlsx-")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG state folder: Linux/BSD")
def test_default_folder_is_the_user_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    with RunLock(SHEET_ID, wait_seconds=0) as lock:
        assert lock.path is not None
        assert lock.path.parent == tmp_path / "state" / "customer-toolkit" / "locks"
