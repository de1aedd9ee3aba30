"""A clock for tests: `now()` reads it, `sleep(seconds)` moves it on and remembers."""

from __future__ import annotations

import datetime as dt


class StepClock:
    def __init__(self, start: dt.datetime | None = None) -> None:
        self.moment = start or dt.datetime(2024, 5, 6, 7, 0)
        self.slept: list[float] = []

    def now(self) -> dt.datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.moment += dt.timedelta(seconds=seconds)
