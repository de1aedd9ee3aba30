"""How long to wait between tries when Google says "slow down" (429) or fails (5xx).

Exponential back-off with jitter, at least what Retry-After asks for, a bounded number
of tries per call and a bounded total wait per run. Pure arithmetic: the clock (sleep)
and the randomness are injected by the caller.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable
from dataclasses import dataclass

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """max_tries counts every attempt of one call (the first included)."""

    max_tries: int = 8
    max_wait: float = 120.0  # seconds waited in total over one read() or write()
    base: float = 1.0
    cap: float = 32.0

    def backoff(self, retry_number: int, jitter: float) -> float:
        """Wait before retry number `retry_number` (1-based); jitter is in [0, 1)."""
        ceiling = min(self.cap, self.base * (2 ** (retry_number - 1)))
        return float(ceiling / 2 + ceiling / 2 * jitter)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (seconds or an HTTP date), else None."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    current = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - current).total_seconds())


class GiveUp(Exception):
    """The budget is spent: the caller turns this into an owner-level message."""

    def __init__(self, tries: int, waited: float) -> None:
        super().__init__(f"gave up after {tries} tries and {waited:.0f}s of waiting")
        self.tries = tries
        self.waited = waited


class RetryBudget:
    """Tracks tries of one call and the total wait of the whole operation."""

    def __init__(
        self,
        policy: RetryPolicy,
        sleep: Callable[[float], None],
        jitter: Callable[[], float],
    ) -> None:
        self.policy = policy
        self._sleep = sleep
        self._jitter = jitter
        self.waited = 0.0
        self.retries = 0

    def wait_before_retry(self, tries_so_far: int, retry_after: float | None) -> None:
        """Sleep before the next try, or raise GiveUp when tries or total wait run out."""
        if tries_so_far >= self.policy.max_tries:
            raise GiveUp(tries_so_far, self.waited)
        delay = self.policy.backoff(tries_so_far, self._jitter())
        if retry_after is not None:
            delay = max(delay, retry_after)
        if self.waited + delay > self.policy.max_wait:
            raise GiveUp(tries_so_far, self.waited)
        self._sleep(delay)
        self.waited += delay
        self.retries += 1
