"""Edge: write the open drafts as .eml files the owner double-clicks to send by hand.

The outbox folder holds one file per open draft. A file whose draft is no longer open
(sent, skipped, expired) is moved to `outbox/done/`, never deleted, so nothing the owner
may still want is lost and nothing stale invites a second send.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.outreach import OutboxFile

log = logging.getLogger(__name__)
DONE = "done"


def write_outbox(folder: Path, files: Sequence[OutboxFile]) -> tuple[Path, ...]:
    """Write every open draft's .eml; move files of drafts that are no longer open."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {f.filename for f in files}
        written = []
        for item in files:
            target = folder / item.filename
            if target.exists() and target.read_bytes() == item.content:
                written.append(target)
                continue
            temp = target.with_name(f".{item.filename}.tmp")
            temp.write_bytes(item.content)
            os.replace(temp, target)
            written.append(target)
        for old in sorted(folder.glob("*.eml")):
            if old.name not in wanted:
                done = folder / DONE
                done.mkdir(exist_ok=True)
                os.replace(old, done / old.name)
        log.info("outbox: %d draft files in %s", len(written), folder)
        return tuple(written)
    except OSError as exc:
        raise ToolkitError(
            f"{folder}: could not write the draft .eml files ({exc.strerror or exc}). "
            "The spreadsheet tabs were written; check that this folder can be written to, "
            "or set outbox_dir in toolkit.toml."
        ) from exc
