"""Pausing Python's cyclic garbage collector around bulk work (used by the edges only).

Reading a workbook and running the core make millions of small objects (cells, rows,
orders, customers) and no reference cycles, so the collector's passes over them are pure
cost: a fifth of the scoring time, and a walk over every one of them at the first
collection after the work. The core itself never touches the collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; what was made inside counts as long-lived after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            promote_survivors()
            gc.enable()


def promote_survivors() -> None:
    """Count what was made while the collector was paused as long-lived at once.

    Otherwise the first collection after the pause walks every one of those objects (half
    a second at 50,000 customers) though they hold no cycles and are freed by reference
    counting. Freezing then unfreezing moves them to the oldest generation without a walk;
    it is skipped when something else keeps objects frozen on purpose.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
