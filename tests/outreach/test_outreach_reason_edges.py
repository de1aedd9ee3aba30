"""The first and last day each occasion is due: the edges of the quick rejections in
`toolkit.reasons` (a customer whose dates cannot make an occasion due is skipped early)."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_factory import DAY1, dataset, ledger_rows, orders_on, scored, scoring

from toolkit.followups import plan_followups
from toolkit.ledger import Ledger, read_ledger
from toolkit.model import Order
from toolkit.reasons import MILESTONE, THANK_FIRST, anniversary_years, due_occasions
from toolkit.scored import ScoredCustomer
from toolkit.settings import Settings

D = dt.timedelta


def due_ids(*customers: ScoredCustomer, today: dt.date = DAY1, orders: tuple[Order, ...] = (),
            settings: Settings | None = None) -> list[str]:
    return [o.draft_id for o in due_occasions(
        scoring(*customers), dataset(customers, orders), Ledger(), settings or Settings(),
        today)]


def nine_then(last: dt.date, *later: dt.date) -> tuple[Order, ...]:
    """Nine purchases long ago, the 10th on `last`, then any `later` rows."""
    return tuple(orders_on("a@x.com", [DAY1 - D(days=300 - d) for d in range(9)]
                           + [last, *later]))


@pytest.mark.parametrize("days_ago,expected", [(0, True), (14, True), (15, False)])
def test_order_milestone_first_and_last_day(days_ago: int, expected: bool) -> None:
    tenth = DAY1 - D(days=days_ago)
    customer = scored("a@x.com", orders=10, last=tenth)
    got = due_ids(customer, orders=nine_then(tenth))
    assert ("milestone:a@x.com:order-10" in got) is expected


def test_order_milestone_ignores_refunds_and_rows_after_today() -> None:
    tenth = DAY1 - D(days=3)
    customer = scored("a@x.com", orders=10, last=tenth)
    future = [DAY1 + D(days=d) for d in range(1, 11)]  # would be the 11th to 20th orders
    assert due_ids(customer, orders=nine_then(tenth, *future)) == ["milestone:a@x.com:order-10"]
    refund = Order(customer_key="a@x.com", date=tenth, amount=-20.0)
    assert due_ids(customer, orders=(*nine_then(tenth)[:-1], refund)) == []


def test_totals_milestone_only_without_purchase_rows() -> None:
    customer = scored("a@x.com", orders=10, last=DAY1 - D(days=2))
    refund = Order(customer_key="a@x.com", date=DAY1 - D(days=2), amount=-5.0)
    assert due_ids(customer, orders=(refund,)) == ["milestone:a@x.com:order-10"]
    old = tuple(orders_on("a@x.com", [DAY1 - D(days=400)]))
    assert due_ids(customer, orders=old) == []  # rows exist: they decide, not the totals
    assert due_ids(scored("a@x.com", orders=10, last=DAY1 - D(days=15))) == []


def test_no_order_milestones_when_switched_off() -> None:
    tenth = DAY1 - D(days=1)
    customer = scored("a@x.com", orders=10, last=tenth)
    assert due_ids(customer, orders=nine_then(tenth),
                   settings=Settings(milestone_orders=0)) == []


def test_thank_first_window_of_zero_days_and_of_none() -> None:
    customer = scored("a@x.com", orders=1, first=DAY1, last=DAY1)
    assert due_ids(customer, settings=Settings(first_purchase_days=0)) == [
        f"{THANK_FIRST}:a@x.com:{DAY1.isoformat()}"]
    assert due_ids(customer, settings=Settings(first_purchase_days=-1)) == []


def anniversary(first: dt.date, today: dt.date) -> list[str]:
    customer = scored("a@x.com", orders=5, first=first, last=today - D(days=20), gap=60.0,
                      today=today)
    return [o.occasion for o in due_occasions(scoring(customer), dataset([customer]), Ledger(),
                                              Settings(), today) if o.reason == MILESTONE]


@pytest.mark.parametrize("today,expected", [
    (dt.date(2025, 2, 24), []), (dt.date(2025, 2, 25), ["year-1"]),  # 3 days before the 28th
    (dt.date(2025, 3, 7), ["year-1"]), (dt.date(2025, 3, 8), []),  # 7 days after
    (dt.date(2028, 2, 26), ["year-4"]), (dt.date(2028, 3, 7), ["year-4"]),  # 29th in 2028
    (dt.date(2028, 3, 8), []),
])
def test_anniversary_of_29_february(today: dt.date, expected: list[str]) -> None:
    assert anniversary(dt.date(2024, 2, 29), today) == expected


@pytest.mark.parametrize("first,today,expected", [
    (dt.date(2023, 12, 30), dt.date(2025, 1, 3), ["year-1"]),  # last December's anniversary
    (dt.date(2023, 12, 30), dt.date(2025, 1, 7), []),
    (dt.date(2023, 1, 1), dt.date(2024, 12, 29), ["year-2"]),  # next January's, 3 days ahead
    (dt.date(2023, 1, 1), dt.date(2024, 12, 28), []),
    (dt.date(2024, 12, 31), dt.date(2025, 1, 2), []),  # two days after the first purchase
])
def test_anniversary_across_new_year(first: dt.date, today: dt.date,
                                     expected: list[str]) -> None:
    assert anniversary(first, today) == expected


def test_anniversary_years_cover_eleven_days() -> None:
    years = anniversary_years(dt.date(2025, 3, 3))  # 24 Feb .. 6 Mar, 29 Feb on the 28th
    assert years[(2, 24)] == years[(3, 6)] == years[(2, 29)] == 2025
    assert (2, 23) not in years and (3, 7) not in years and len(years) == 12


def test_cool_down_counts_from_the_latest_touch() -> None:
    customer = scored("a@x.com", orders=1, first=DAY1 - D(days=2), last=DAY1 - D(days=2))
    for days_ago, expected in ((13, 0), (14, 1)):
        previous = ledger_rows(
            {"Draft id": "check_in:a@x.com:2025-01-01", "Status": "sent",
             "Status seen": (DAY1 - D(days=200)).isoformat()},
            {"Draft id": "check_in:a@x.com:2025-05-01", "Status": "skip",
             "Status seen": (DAY1 - D(days=days_ago)).isoformat()},
            {"Draft id": "check_in:b@x.com:2025-05-01", "Status": "sent",
             "Status seen": DAY1.isoformat()})
        got = plan_followups(scoring(customer), dataset([customer]),
                             read_ledger(previous, DAY1), Settings(), DAY1)
        assert len(got) == expected, days_ago


def test_the_cap_takes_each_customers_most_pressing_occasion_in_order() -> None:
    a = scored("a@x.com", orders=1, first=DAY1, last=DAY1, open_complaint=True, rank=2)
    b = scored("b@x.com", orders=1, first=DAY1, last=DAY1, rank=1)
    c = scored("c@x.com", orders=1, first=DAY1, last=DAY1, rank=3, segment="Champion")
    got = plan_followups(scoring(b, a, c), dataset([a, b, c]), Ledger(),
                         Settings(daily_cap=2), DAY1)
    assert [(f.customer_key, f.reason) for f in got] == [
        ("a@x.com", "listen_complaint"), ("b@x.com", THANK_FIRST)]
