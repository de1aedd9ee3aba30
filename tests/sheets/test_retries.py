"""Retries on 429 and 5xx: back-off with jitter, Retry-After honoured, bounded tries and
total wait, and a write that is not safe to repeat is never repeated blindly. The
fake's clock is the adapter's `sleep`, so nothing really sleeps."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fake_sheets import FakeSheets
from tests.sheets.conftest import OpenWorkbook
from tests.sheets.plans import OWNER_ROWS, plan
from toolkit.errors import SheetsError, TabConflictError
from toolkit.sheets.retry import GiveUp, RetryBudget, RetryPolicy, parse_retry_after


def test_a_429_then_success_completes_after_waiting_what_google_asked(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(429, op="values.batchUpdate", retry_after=7)
    report = open_workbook(book).write(plan())

    assert report.tabs_written == ("Best customers", "Summary")
    assert [e.status for e in fake_sheets.sheets_calls("values.batchUpdate")] == [429, 200]
    assert fake_sheets.slept == [7]
    assert fake_sheets.values(book, "Summary")[1] == ["Customer 0", 100]


def test_a_quota_bucket_that_runs_dry_is_waited_out(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.set_quota(reads_per_minute=2)
    source = open_workbook(book).read()  # three reads: the third waits for the next minute

    assert source.tables[0].rows[1][0] == "Ada Lovelace"
    assert [e.status for e in fake_sheets.sheets_calls()] == [200, 200, 429, 200]
    assert sum(fake_sheets.slept) == pytest.approx(60)


def test_endless_503_stops_within_the_bound_with_a_clear_error(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(503, times=None, op="values.batchGet")
    workbook = open_workbook(book, max_tries=5, max_wait=60.0, jitter=lambda: 0.99)
    with pytest.raises(SheetsError) as failed:
        workbook.read()

    message = str(failed.value)
    assert "503" in message and "run again" in message and book in message
    assert len(fake_sheets.sheets_calls("values.batchGet")) == 5
    assert sum(fake_sheets.slept) <= 60.0
    assert fake_sheets.slept == sorted(fake_sheets.slept)  # backing off, not hammering


def test_total_wait_is_bounded_even_when_tries_remain(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(429, times=None, op="get", retry_after=50)
    with pytest.raises(SheetsError) as failed:
        open_workbook(book, max_tries=10, max_wait=120.0).read()

    assert "quota" in str(failed.value) and "429" in str(failed.value)
    assert fake_sheets.slept == [50, 50]  # a third wait would pass 120 s: it gives up
    assert len(fake_sheets.sheets_calls("get")) == 3


def test_a_lost_reply_to_the_tab_batch_is_checked_before_anything_is_resent(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    """Google applied the batch (tabs added) but the reply was a 503: re-sending it as
    it was would add the tabs twice. The adapter re-reads the sheet and re-plans."""
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(503, op="batchUpdate", applied=True)
    open_workbook(book).write(plan())

    assert [e.op for e in fake_sheets.sheets_calls()] == [
        "get", "batchUpdate", "get", "batchUpdate", "values.batchUpdate"]
    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
    assert len(fake_sheets.sheet(book, "Summary").charts) == 1
    assert len(fake_sheets.sheet(book, "Summary").metadata) == 1
    second = fake_sheets.sheets_calls("batchUpdate")[1].body["requests"]
    assert not any("addSheet" in request for request in second)


def test_a_503_before_the_tab_batch_ran_resends_it_after_looking(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(503, op="batchUpdate")
    open_workbook(book).write(plan())

    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
    second = fake_sheets.sheets_calls("batchUpdate")[1].body["requests"]
    assert sum("addSheet" in request for request in second) == 2


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap() -> None:
    policy = RetryPolicy(base=1.0, cap=8.0)
    assert [policy.backoff(n, 0.0) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert [policy.backoff(n, 0.999) for n in range(1, 6)] == pytest.approx(
        [1.0, 2.0, 4.0, 8.0, 8.0], abs=0.01)


def test_retry_after_as_seconds_or_http_date() -> None:
    now = dt.datetime(2026, 1, 5, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("30") == 30
    assert parse_retry_after("Mon, 05 Jan 2026 12:00:45 GMT", now) == 45
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_budget_gives_up_without_sleeping_past_the_bound() -> None:
    slept: list[float] = []
    budget = RetryBudget(RetryPolicy(max_tries=6, max_wait=10.0), slept.append, lambda: 0.0)
    budget.wait_before_retry(1, retry_after=9.5)
    with pytest.raises(GiveUp):
        budget.wait_before_retry(2, retry_after=None)  # 1 s more would pass 10 s
    assert slept == [9.5]


def test_an_owner_tab_added_between_read_and_write_is_still_refused(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    workbook = open_workbook(book)
    workbook.read()
    fake_sheets.add_tab(book, "Summary", [["typed just now"]])
    with pytest.raises(TabConflictError, match="'Summary'"):
        workbook.write(plan())
    assert fake_sheets.tab_titles(book) == ["Customers", "Summary"]
    assert fake_sheets.sheets_calls("values.batchUpdate") == []


def test_a_toolkit_tab_deleted_between_read_and_write_is_made_again(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).write(plan())
    workbook = open_workbook(book)
    workbook.read()
    with fake_sheets.lock:  # the owner deletes the Summary tab meanwhile
        sheets = fake_sheets.books[book].sheets
        sheets.remove(next(s for s in sheets if s.title == "Summary"))
    workbook.write(plan())
    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
    assert [e.status for e in fake_sheets.sheets_calls("batchUpdate")] == [200, 400, 200]


def test_a_run_that_fails_half_way_is_repaired_by_the_next_run(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(503, times=None, op="values.batchUpdate")
    with pytest.raises(SheetsError, match="run again"):
        open_workbook(book, max_tries=3).write(plan())
    assert fake_sheets.values(book, "Summary") == []  # tabs made, values never arrived

    fake_sheets.faults.clear()
    open_workbook(book).write(plan())
    assert fake_sheets.values(book, "Summary")[1] == ["Customer 0", 100]
    assert fake_sheets.tab_titles(book) == ["Customers", "Best customers", "Summary"]
