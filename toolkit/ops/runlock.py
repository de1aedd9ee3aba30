"""One run at a time per source: an operating-system file lock.

The lock lives in a per-user state folder (not beside the owner's workbook, so nothing
appears in their folders), one small file per source: the Google Sheet id, or the
workbook's absolute path, hashed. It is held with `fcntl.flock` (POSIX) or
`msvcrt.locking` (Windows), which the operating system releases when the process ends
for any reason (finished, crashed, killed, power cut), so a lock can never go stale. The
file itself stays (deleting lock files invites races); it holds the holder's process id
and start time so a second run can say who is working and since when.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from toolkit.errors import WorkbookBusyError
from toolkit.source import google_sheet_id

APP_FOLDER = "customer-toolkit"

if sys.platform == "win32":
    import msvcrt

    _WINDOWS_LOCK_OFFSET = 0x7FFFFFF0  # lock a byte far past the text, which stays readable

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def default_lock_dir() -> Path:
    """Where lock files go: the per-user state folder of this operating system."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or home / ".local" / "state")
    return base / APP_FOLDER / "locks"


def source_identity(source: str) -> str:
    """The same text for every way of naming one source (URL or id; relative path)."""
    sheet = google_sheet_id(source)
    if sheet is not None:
        return f"google-sheet:{sheet}"
    path = str(Path(source).expanduser().resolve())
    return f"file:{path.casefold() if sys.platform == 'win32' else path}"


def source_label(source: str) -> str:
    """How messages name the source: the workbook's file name, or the Google Sheet."""
    sheet = google_sheet_id(source)
    return f"the Google Sheet {sheet}" if sheet is not None else Path(source).name


def lock_path_for(source: str, lock_dir: Path) -> Path:
    """The lock file of `source` inside `lock_dir`: a readable stem plus a hash."""
    identity = source_identity(source)
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", source_label(source))[:40]
    return lock_dir / f"{stem}-{digest}.lock"


class RunLock:
    """`with RunLock(source): ...` runs the body as the only run on `source`.

    If another run holds the lock, waits up to `wait_seconds` (checking every
    `poll_seconds`, with the injected `now` and `sleep`), then raises WorkbookBusyError
    naming the source, the other run's process and since when.
    """

    def __init__(
        self,
        source: str,
        *,
        wait_seconds: float = 30.0,
        lock_dir: Path | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        sleep: Callable[[float], None] = time.sleep,
        poll_seconds: float = 1.0,
    ) -> None:
        self.source = source
        self.wait_seconds = wait_seconds
        self.lock_dir = lock_dir
        self._now = now
        self._sleep = sleep
        self._poll = poll_seconds
        self._handle: IO[bytes] | None = None
        self.path: Path | None = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock, waiting a little if needed; WorkbookBusyError if still held."""
        handle = self._open()
        deadline = self._now() + dt.timedelta(seconds=self.wait_seconds)
        while not _try_lock(handle):
            remaining = (deadline - self._now()).total_seconds()
            if remaining <= 0:
                holder = _read_holder(handle)
                handle.close()
                raise WorkbookBusyError(self._busy_message(holder))
            self._sleep(min(self._poll, remaining))
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {self._now().isoformat(timespec='seconds')}\n".encode())
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Let the next run in (also happens by itself if this process dies)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
        finally:
            handle.close()

    def _open(self) -> IO[bytes]:
        folders = [self.lock_dir] if self.lock_dir is not None else [
            default_lock_dir(), Path(tempfile.gettempdir()) / f"{APP_FOLDER}-locks"]
        for number, folder in enumerate(folders, start=1):
            path = lock_path_for(self.source, folder)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                handle = path.open("a+b")  # never truncate: it names the current holder
            except OSError as exc:
                if number == len(folders):
                    raise WorkbookBusyError(
                        f"I cannot create the run lock {path} ({exc.strerror}), which stops "
                        "two runs from writing at once. Check that this folder is writable."
                    ) from None
                continue
            self.path = path
            return handle
        raise AssertionError("unreachable")  # pragma: no cover

    def _busy_message(self, holder: tuple[int, dt.datetime] | None) -> str:
        if holder is not None:
            pid, since = holder
            today = self._now().date()
            when = since.strftime("%H:%M") if since.date() == today else (
                f"{since:%a} {since.day} {since:%b} {since:%H:%M}")
            who = f"another run (process {pid}) is still working on it since {when}"
        else:
            who = "another run is still working on it"
        return (
            f"{source_label(self.source)}: {who}; I waited {self.wait_seconds:g} seconds. "
            "It finishes on its own: try again in a few minutes. (If that run crashed, its "
            "lock was released with it, so nothing needs deleting.)"
        )


def _read_holder(handle: IO[bytes]) -> tuple[int, dt.datetime] | None:
    try:
        handle.seek(0)
        pid_text, since_text = handle.read(200).decode("utf-8").split()[:2]
        return int(pid_text), dt.datetime.fromisoformat(since_text)
    except (OSError, ValueError):
        return None
