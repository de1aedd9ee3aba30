"""Put a new version of a workbook in place atomically and keep the previous one.

The new file is written to a temporary file in the same folder, flushed and fsynced,
then swapped in with `os.replace` (atomic on one file system). A crash at any moment
leaves either the old workbook or the new one, never a half-written file. The previous
version is kept in `.customer-toolkit-backups/` next to the workbook (the last few).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, TypeVar

from toolkit.errors import WorkbookBusyError, WriteRefusedError

log = logging.getLogger(__name__)
BACKUP_DIR = ".customer-toolkit-backups"
T = TypeVar("T")


def backup_name(path: Path, when: datetime, n: int = 1) -> str:
    suffix = "" if n == 1 else f"-{n}"
    return f"{path.stem}.{when:%Y-%m-%d_%H%M%S}{suffix}{path.suffix}"


def _backups_of(folder: Path, path: Path) -> list[Path]:
    pattern = re.compile(re.escape(path.stem) + r"\.\d{4}-\d{2}-\d{2}_\d{6}(?:-\d+)?"
                         + re.escape(path.suffix) + "$")
    return sorted((p for p in folder.iterdir() if pattern.match(p.name)),
                  key=lambda p: (p.stat().st_mtime_ns, p.name))


def _keep_previous(path: Path, when: datetime) -> Path:
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    n = 1
    while (target := folder / backup_name(path, when, n)).exists():
        n += 1
    try:
        os.link(path, target)  # the old bytes stay on disk under this name: instant
    except OSError:
        shutil.copy2(path, target)
    return target


def _prune(path: Path, keep: int) -> None:
    folder = path.parent / BACKUP_DIR
    if not folder.is_dir():
        return
    old = _backups_of(folder, path)
    for stale in old[: max(len(old) - keep, 0)]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def atomic_write(path: Path, produce: Callable[[BinaryIO], T], *, when: datetime,
                 keep_backups: int, release: Callable[[], None] = lambda: None,
                 ) -> tuple[T, Path | None]:
    """Write `path` through `produce(fp)`; returns its result and the backup made.

    `release` runs after the new file is complete and before the swap (close the source:
    Windows will not replace a file that is open).
    """
    before = _stamp(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    backup: Path | None = None
    try:
        with os.fdopen(fd, "w+b") as fp:
            result = produce(fp)
            fp.flush()
            os.fsync(fp.fileno())
        release()
        if before is not None:
            shutil.copymode(path, temp)
            if _stamp(path) != before:
                raise WorkbookBusyError(
                    f"{path.name} changed while I was writing (someone saved it). I left it "
                    "as it is; run again to include the latest version.")
            if keep_backups > 0:
                backup = _keep_previous(path, when)
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            raise WorkbookBusyError(
                f"{path.name}: the system would not let me replace it (it is probably open "
                "in Excel). Close the workbook and I will write my tabs on the next try; "
                "nothing was changed.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
            with contextlib.suppress(OSError):
                backup.parent.rmdir()  # only succeeds when we just made it and it is empty
        raise
    with contextlib.suppress(OSError):
        _fsync_dir(path.parent)
    if keep_backups > 0:
        _prune(path, keep_backups)
    log.info("saved %s%s", path.name, f" (previous kept as {backup.name})" if backup else "")
    return result, backup


def check_folder_writable(path: Path) -> None:
    """Refuse early when the workbook or its folder may not be written."""
    if path.exists() and not (path.stat().st_mode & stat.S_IWUSR and os.access(path, os.W_OK)):
        raise WriteRefusedError(f"{path.name} is read-only, so I left it as it is. Clear the "
                                "read-only setting (or point me at a copy) and run again.")
    if not os.access(path.parent, os.W_OK):
        raise WriteRefusedError(f"{path.parent}: I may not create files in this folder, so I "
                                f"cannot save {path.name} safely. Check the folder's "
                                "permissions and run again.")
