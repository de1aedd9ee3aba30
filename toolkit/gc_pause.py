"""One place that pauses Python's cyclic garbage collector during bulk work.

Reading a workbook and running the core create millions of small objects (cell values,
row tuples, frozen records) that never form reference cycles; the collector's passes
over them cost a fifth or more of a big run. The edges (the reader, the pipeline) wrap
their bulk work in `collector_paused()`; reference counting still frees everything.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; nested use is safe."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
