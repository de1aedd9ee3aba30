"""`customer-toolkit schedule`: run the daily job at the owner's local time, in the
foreground, until Ctrl-C or SIGTERM.

How time is handled. The `schedule` library keeps the job and decides when it is due:
it compares naive *local wall-clock* times, so "07:00" stays 07:00 across daylight-saving
changes; on a fall-back night 01:30 happens twice on the wall clock but the job, once run,
is already booked for tomorrow, so it runs once; on a spring-forward night a 01:30 that
never happens runs at the first tick after it (02:00). When the computer sleeps through
the run time, the first tick after waking finds the job overdue and `run_pending` runs it
once (it never catches up several missed days), then books the next day.

The clock seam. The library reads `datetime.datetime.now()` from its own module and has
no clock parameter. Rather than reimplement its due logic (and test a copy instead of
what runs), every call into the library happens inside `_library_reads(now)`, which
points the library's `datetime` name at a stand-in whose `now()` is our injected clock,
under a lock, and restores it afterwards. In production the injected clock *is*
`datetime.now`, so the stand-in changes nothing; in tests the same code path runs on a
simulated clock (e.g. Europe/London instants walked across DST changes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any, cast

import schedule

from toolkit.config import parse_time_of_day
from toolkit.errors import ToolkitError

Clock = Callable[[], dt.datetime]
TICK_SECONDS = 60.0  # how often the loop looks at the clock (catches wake-ups and jumps)
JUMP_SECONDS = 300.0  # a gap this much longer than the pause means the clock jumped

_log = logging.getLogger(__name__)
_LIBRARY_LOCK = threading.Lock()


def wall_time(moment: dt.datetime) -> dt.datetime:
    """The local wall-clock reading of `moment` as a naive datetime."""
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def next_run_after(moment: dt.datetime, at: str) -> dt.datetime:
    """The next wall-clock `at` ("HH:MM") strictly after `moment` (naive local)."""
    hour, minute = (int(part) for part in parse_time_of_day(at).split(":"))
    wall = wall_time(moment)
    candidate = dt.datetime.combine(wall.date(), dt.time(hour, minute))
    if candidate <= wall:
        candidate = dt.datetime.combine(wall.date() + dt.timedelta(days=1), dt.time(hour, minute))
    return candidate


def describe_run_time(moment: dt.datetime, when: dt.datetime) -> str:
    """'07:00 today', '07:00 tomorrow' or '07:00 on Monday 6 May', seen from `moment`."""
    day = wall_time(when).date()
    today = wall_time(moment).date()
    clock = wall_time(when).strftime("%H:%M")
    if day == today:
        return f"{clock} today"
    if day == today + dt.timedelta(days=1):
        return f"{clock} tomorrow"
    return f"{clock} on {day.strftime('%A')} {day.day} {day.strftime('%B')}"


class _ClockedDatetime:
    """Stands in for `datetime.datetime` inside the schedule library: `now()` reads our
    clock; everything else is the real class."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def now(self, tz: dt.tzinfo | None = None) -> dt.datetime:
        wall = wall_time(self._clock())
        return wall if tz is None else wall.astimezone(tz)

    def __getattr__(self, name: str) -> Any:
        return getattr(dt.datetime, name)


@contextlib.contextmanager
def _library_reads(clock: Clock) -> Iterator[None]:
    """While inside, the schedule library reads `clock` instead of the system clock."""
    stand_in = types.SimpleNamespace(
        **{name: value for name, value in vars(dt).items() if not name.startswith("__")}
    )
    stand_in.datetime = _ClockedDatetime(clock)
    library = cast(Any, schedule)
    with _LIBRARY_LOCK:
        saved = library.datetime
        library.datetime = stand_in
        try:
            yield
        finally:
            library.datetime = saved


class StopRequested(Exception):
    """Raised by a `stoppable_sleep` pause once stop is set: the run ends without writing."""


def stoppable_sleep(stop: threading.Event) -> Callable[[float], None]:
    """A `sleep` for the job's own waits (run lock, busy workbook): it ends at once when
    `stop` is set and raises StopRequested, so SIGTERM does not wait out a 5-minute retry.
    Those waits only happen before anything is written."""

    def pause(seconds: float) -> None:
        if stop.wait(seconds):
            raise StopRequested("stopped on request while waiting; nothing was written")

    return pause


def install_stop_signals(stop: threading.Event) -> Callable[[], None]:
    """Ctrl-C, SIGTERM (and Ctrl-Break on Windows) set `stop`; returns a function that
    puts the previous handlers back. Call from the main thread.

    The loop stops at its next tick, after any run in progress has finished. A second
    Ctrl-C while stopping raises KeyboardInterrupt (the workbook save is atomic, so even
    that cannot leave it half-written).
    """

    def on_signal(signum: int, frame: types.FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous: dict[int, Any] = {}
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, on_signal)

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def run_schedule(
    job: Callable[[], None],
    at: str,
    *,
    stop: threading.Event,
    now: Clock = dt.datetime.now,
    sleep: Callable[[float], None] | None = None,
    logger: logging.Logger | None = None,
    tick_seconds: float = TICK_SECONDS,
    jump_seconds: float = JUMP_SECONDS,
) -> int:
    """Run `job` every day at `at` (local "HH:MM") until `stop` is set; returns the
    number of runs.

    `now` returns local time (naive, or aware in the local zone); `sleep(seconds)`
    pauses (default: wait on `stop`, so a signal ends the pause at once). Each run logs
    exactly one line: done, or failed with the reason. A job that raises does not end the
    loop: the next run is tomorrow. A run missed while the computer slept runs once on
    waking.
    """
    at = parse_time_of_day(at)
    log = logger or _log
    pause = sleep or _waiter(stop)
    outcomes: list[tuple[dt.datetime, float, Exception | None]] = []

    def daily() -> None:
        started = wall_time(now())
        try:
            job()
        except Exception as exc:
            error: Exception | None = exc
        else:
            error = None
        outcomes.append((started, (wall_time(now()) - started).total_seconds(), error))

    scheduler = schedule.Scheduler()
    with _library_reads(now):
        entry = scheduler.every().day.at(at).do(daily)
    log.info(
        "Waiting to run every day at %s (this computer's time); first run %s. "
        "Stop with Ctrl-C.", at, describe_run_time(now(), entry.next_run),
    )
    runs = 0
    previous: dt.datetime | None = None
    paused = 0.0
    while not stop.is_set():
        current = wall_time(now())
        if previous is not None:
            _note_clock_jump(log, previous, current, paused, entry.next_run, jump_seconds)
        with _library_reads(now):
            scheduler.run_pending()
        for started, seconds, error in outcomes:
            runs += 1
            _log_run(log, started, seconds, error, describe_run_time(now(), entry.next_run))
        outcomes.clear()
        if stop.is_set():
            break
        previous = wall_time(now())
        paused = min(tick_seconds, max((entry.next_run - previous).total_seconds(), 1.0))
        pause(paused)
    log.info("Stopped the daily schedule after %d run(s).", runs)
    return runs


def _waiter(stop: threading.Event) -> Callable[[float], None]:
    def wait(seconds: float) -> None:
        stop.wait(seconds)

    return wait


def _note_clock_jump(
    log: logging.Logger,
    previous: dt.datetime,
    current: dt.datetime,
    paused: float,
    next_run: dt.datetime,
    jump_seconds: float,
) -> None:
    gap = (current - previous).total_seconds()
    if abs(gap - paused) <= jump_seconds:
        return
    moved = (
        f"The clock moved from {previous:%a %H:%M} to {current:%a %H:%M} "
        "(the computer was asleep, or its clock or time zone changed)"
    )
    if current >= next_run:
        log.info("%s; the %s run was missed, so it runs once now.", moved, f"{next_run:%H:%M}")
    else:
        log.info("%s.", moved)


def _log_run(
    log: logging.Logger,
    started: dt.datetime,
    seconds: float,
    error: Exception | None,
    next_run: str,
) -> None:
    if isinstance(error, StopRequested):
        log.warning("Daily run of %s %s.", f"{started:%Y-%m-%d %H:%M}", error)
    elif error is None:
        log.info("Daily run of %s done in %.0f s. Next run %s.", f"{started:%Y-%m-%d %H:%M}",
                 seconds, next_run)
    elif isinstance(error, ToolkitError):
        log.error("Daily run of %s failed: %s Next try %s.", f"{started:%Y-%m-%d %H:%M}",
                  error, next_run)
    else:
        log.error("Daily run of %s failed unexpectedly (%s: %s). Next try %s.",
                  f"{started:%Y-%m-%d %H:%M}", type(error).__name__, error, next_run,
                  exc_info=error)
