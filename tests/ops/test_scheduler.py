"""The daily loop on a simulated Europe/London clock: due, not due, asleep, DST, signals."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
import schedule

from toolkit.errors import WorkbookBusyError
from toolkit.ops.scheduler import (
    describe_run_time,
    install_stop_signals,
    next_run_after,
    run_schedule,
    stoppable_sleep,
)

LONDON = ZoneInfo("Europe/London")


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


class FakeClock:
    """Real instants (UTC) shown as London local time; sleeping moves time on."""

    def __init__(self, start: dt.datetime) -> None:
        self.utc = start.astimezone(dt.UTC)
        self.naps: dict[int, float] = {}  # tick number -> extra seconds "asleep" after it
        self.on_tick: dict[int, Callable[[], None]] = {}
        self.ticks = 0

    def now(self) -> dt.datetime:
        return self.utc.astimezone(LONDON)

    def advance(self, seconds: float) -> None:
        self.utc += dt.timedelta(seconds=seconds)

    def sleeper(self, stop: threading.Event, until: dt.datetime) -> Callable[[float], None]:
        def sleep(seconds: float) -> None:
            assert seconds > 0
            self.ticks += 1
            self.advance(seconds + self.naps.get(self.ticks, 0.0))
            self.on_tick.get(self.ticks, lambda: None)()
            if self.utc >= until.astimezone(dt.UTC):
                stop.set()

        return sleep


def run(
    start: dt.datetime, until: dt.datetime, at: str, clock: FakeClock | None = None,
    job: Callable[[], None] | None = None,
) -> tuple[list[dt.datetime], int, FakeClock]:
    clock = clock or FakeClock(start)
    stop = threading.Event()
    ran: list[dt.datetime] = []

    def record() -> None:
        ran.append(clock.now())
        if job is not None:
            job()

    runs = run_schedule(record, at, stop=stop, now=clock.now, sleep=clock.sleeper(stop, until))
    return ran, runs, clock


def test_due_runs_at_the_configured_minute() -> None:
    ran, runs, _ = run(local(2024, 5, 6, 6, 58), local(2024, 5, 6, 9, 0), "07:00")
    assert runs == 1 and len(ran) == 1
    assert local(2024, 5, 6, 7, 0) <= ran[0] < local(2024, 5, 6, 7, 1)


def test_not_due_before_the_time_or_after_it_has_passed() -> None:
    ran, _, _ = run(local(2024, 5, 6, 5, 0), local(2024, 5, 6, 6, 59), "07:00")
    assert ran == []
    ran, _, _ = run(local(2024, 5, 6, 7, 1), local(2024, 5, 6, 23, 59), "07:00")
    assert ran == []  # starting after today's time waits for tomorrow


def test_every_day_at_local_time_across_the_spring_change() -> None:
    ran, _, _ = run(local(2024, 3, 29, 12, 0), local(2024, 4, 2, 12, 0), "07:00")
    assert [(r.date().day, r.hour, r.minute) for r in ran] == [
        (30, 7, 0), (31, 7, 0), (1, 7, 0), (2, 7, 0)
    ]
    assert {r.utcoffset() for r in ran} == {dt.timedelta(0), dt.timedelta(hours=1)}


def test_fall_back_night_runs_a_0130_job_once() -> None:
    # 27 Oct 2024: 01:00-01:59 happens twice in London (BST, then GMT).
    ran, _, _ = run(local(2024, 10, 26, 23, 0), local(2024, 10, 28, 3, 0), "01:30")
    assert [(r.day, r.hour, r.minute) for r in ran] == [(27, 1, 30), (28, 1, 30)]
    assert ran[0].utcoffset() == dt.timedelta(hours=1)  # the first 01:30, not the second


def test_spring_forward_night_runs_a_missing_0130_once() -> None:
    # 31 Mar 2024: the clock goes from 00:59 to 02:00; 01:30 never shows.
    ran, _, _ = run(local(2024, 3, 30, 23, 0), local(2024, 3, 31, 12, 0), "01:30")
    assert len(ran) == 1
    assert local(2024, 3, 31, 2, 0) <= ran[0] < local(2024, 3, 31, 2, 2)


def test_missed_while_asleep_runs_once_on_waking(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock(local(2024, 5, 6, 6, 0))
    clock.naps[3] = dt.timedelta(days=2, hours=3).total_seconds()  # asleep Mon 06:02 -> Wed 09:03
    with caplog.at_level(logging.INFO, logger="toolkit.ops.scheduler"):
        ran, _, _ = run(clock.now(), local(2024, 5, 9, 8, 0), "07:00", clock)
    assert [(r.day, r.hour) for r in ran] == [(8, 9), (9, 7)]  # once on waking, then on time
    messages = [r.getMessage() for r in caplog.records]
    assert any("was missed, so it runs once now" in m and "from Mon 06:02 to Wed 09:03" in m
               for m in messages)


def test_asleep_overnight_but_awake_before_the_time_runs_on_time() -> None:
    clock = FakeClock(local(2024, 5, 6, 21, 0))
    clock.naps[2] = dt.timedelta(hours=9).total_seconds()  # 21:02 -> 06:03
    ran, _, _ = run(clock.now(), local(2024, 5, 7, 12, 0), "07:00", clock)
    assert [(r.day, r.hour, r.minute) for r in ran] == [(7, 7, 0)]


def test_a_failing_job_is_logged_and_the_loop_carries_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    def job() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise WorkbookBusyError("shop.xlsx is open in Excel.")
        if len(calls) == 2:
            raise ValueError("a bug")

    with caplog.at_level(logging.INFO, logger="toolkit.ops.scheduler"):
        ran, runs, _ = run(local(2024, 5, 6, 6, 0), local(2024, 5, 8, 8, 0), "07:00", job=job)
    assert runs == 3 and len(ran) == 3
    run_lines = [r for r in caplog.records if "Daily run" in r.getMessage()]
    assert [r.levelname for r in run_lines] == ["ERROR", "ERROR", "INFO"]  # one line a run
    assert "failed: shop.xlsx is open in Excel. Next try 07:00 tomorrow." in (
        run_lines[0].getMessage())
    assert "ValueError: a bug" in run_lines[1].getMessage() and run_lines[1].exc_info
    assert "done in 0 s. Next run 07:00 tomorrow." in run_lines[2].getMessage()


def test_sigterm_stops_the_loop_cleanly() -> None:
    stop = threading.Event()
    restore = install_stop_signals(stop)
    try:
        clock = FakeClock(local(2024, 5, 6, 6, 55))
        clock.on_tick[3] = lambda: os.kill(os.getpid(), signal.SIGTERM)
        ran: list[dt.datetime] = []
        runs = run_schedule(lambda: ran.append(clock.now()), "07:00", stop=stop,
                            now=clock.now, sleep=clock.sleeper(threading.Event(), clock.now()
                                                               + dt.timedelta(days=9)))
        assert stop.is_set() and runs == 0 and ran == []
        assert clock.ticks == 3  # no tick after the signal
    finally:
        restore()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_a_signal_during_a_run_lets_the_run_finish_then_stops() -> None:
    stop = threading.Event()
    restore = install_stop_signals(stop)
    finished: list[bool] = []

    def job() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        finished.append(True)

    try:
        clock = FakeClock(local(2024, 5, 6, 6, 59, 30))
        runs = run_schedule(job, "07:00", stop=stop, now=clock.now,
                            sleep=clock.sleeper(stop, local(2024, 5, 9)))
    finally:
        restore()
    assert finished == [True] and runs == 1 and clock.ticks == 1


def test_second_ctrl_c_while_stopping_interrupts() -> None:
    stop = threading.Event()
    restore = install_stop_signals(stop)
    try:
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.is_set()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    finally:
        restore()


def test_default_pause_waits_on_the_stop_event_and_the_library_clock_is_restored() -> None:
    stop = threading.Event()
    readings = iter(range(1000))

    def now() -> dt.datetime:
        if next(readings) == 3:  # while the loop runs: as if SIGTERM arrived
            stop.set()
        return dt.datetime(2024, 5, 6, 12, 0)

    assert run_schedule(lambda: None, "07:00", stop=stop, now=now) == 0  # no real wait
    assert vars(schedule)["datetime"] is dt
    assert schedule.Scheduler().every().day.at("07:00").do(lambda: None).next_run > (
        dt.datetime.now())


def test_next_run_after_and_its_description() -> None:
    monday = dt.datetime(2024, 5, 6, 6, 59)
    assert next_run_after(monday, "07:00") == dt.datetime(2024, 5, 6, 7, 0)
    assert next_run_after(monday.replace(hour=7, minute=0), "07:00") == dt.datetime(
        2024, 5, 7, 7, 0)
    assert next_run_after(local(2024, 3, 30, 8, 0), "7:00") == dt.datetime(2024, 3, 31, 7, 0)
    assert describe_run_time(monday, dt.datetime(2024, 5, 6, 7, 0)) == "07:00 today"
    assert describe_run_time(monday, dt.datetime(2024, 5, 7, 7, 0)) == "07:00 tomorrow"
    assert describe_run_time(monday, dt.datetime(2024, 5, 9, 7, 5)) == (
        "07:05 on Thursday 9 May")


def test_stop_during_the_jobs_own_wait_ends_the_run_and_the_loop(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop = threading.Event()
    clock = FakeClock(local(2024, 5, 6, 6, 59, 30))
    job_sleep = stoppable_sleep(stop)
    waited: list[bool] = []

    def job() -> None:  # e.g. waiting for the owner to close the workbook
        stop.set()  # SIGTERM arrives
        job_sleep(300)  # returns at once, by raising
        waited.append(True)

    with caplog.at_level(logging.INFO, logger="toolkit.ops.scheduler"):
        runs = run_schedule(job, "07:00", stop=stop, now=clock.now,
                            sleep=clock.sleeper(stop, local(2024, 5, 9)))
    assert runs == 1 and waited == [] and clock.ticks == 1
    assert "stopped on request while waiting; nothing was written" in caplog.text
    stop.clear()
    job_sleep(0)  # not stopped: a plain pause
