"""The per-customer aggregates agree with the customer-value libraries' definitions.

lifetimes' summary_data_from_transaction_data / PyMC-Marketing's rfm_summary, daily
periods: frequency = repeat purchase days (distinct purchase days - 1), recency = last
purchase - first purchase, T = observation end (today) - first purchase. Every expected
value below is worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest
from scoring_factory import D, customer, dataset, order

from toolkit.scored import CustomerStats
from toolkit.settings import Settings
from toolkit.stats import customer_stats, stats_with_problems

TODAY = D(2024, 3, 31)  # 2024 is a leap year: February has 29 days


def _stats() -> dict[str, CustomerStats]:
    people = [customer("alice@x.test"), customer("bob@x.test"), customer("carol@x.test")]
    orders = [
        # Alice: two rows on 1 Jan (no order ids: two orders, one purchase day), 15 Jan,
        # 14 Feb, and a refund on 20 Feb (money back, not a purchase).
        order("alice@x.test", D(2024, 1, 1), 20.0),
        order("alice@x.test", D(2024, 1, 1), 10.0),
        order("alice@x.test", D(2024, 1, 15), 30.0),
        order("alice@x.test", D(2024, 2, 14), 25.0),
        order("alice@x.test", D(2024, 2, 20), -5.0),
        # Bob: one purchase on 1 March.
        order("bob@x.test", D(2024, 3, 1), 40.0),
        # Carol: 1 Feb, 11 Feb and today (given out of order on purpose).
        order("carol@x.test", D(2024, 3, 31), 12.0),
        order("carol@x.test", D(2024, 2, 1), 12.0),
        order("carol@x.test", D(2024, 2, 11), 12.0),
    ]
    return dict(customer_stats(dataset(people, orders), TODAY, Settings()))


def test_alice_by_hand() -> None:
    s = _stats()["alice@x.test"]
    assert s.orders == 4  # 20, 10, 30, 25: the refund is not an order
    assert s.revenue == 85.0  # 20 + 10 + 30 + 25 (gross, refunds not deducted)
    assert s.refunds == 5.0
    assert s.first_purchase == D(2024, 1, 1)
    assert s.last_purchase == D(2024, 2, 14)
    # Distinct purchase days: 1 Jan, 15 Jan, 14 Feb -> frequency = 3 - 1 = 2.
    assert s.repeat_days == 2
    assert s.order_dates == (D(2024, 1, 1), D(2024, 1, 15), D(2024, 2, 14))
    # Recency = 14 Feb - 1 Jan = 31 (January) + 13 = 44 days.
    assert s.recency_age == 44
    # T = 31 Mar - 1 Jan = 31 + 29 + 30 = 90 days.
    assert s.tenure_days == 90
    # Days since = 31 Mar - 14 Feb = 15 (to 29 Feb) + 31 = 46.
    assert s.days_since == 46
    # Gaps between purchase days: 14 and 30 -> median 22; overdue 46 / 22 = 2.09.
    assert s.usual_gap == 22.0
    assert s.overdue_ratio == pytest.approx(2.09)


def test_bob_one_purchase_by_hand() -> None:
    s = _stats()["bob@x.test"]
    # One purchase: frequency 0 and recency 0 by definition; T = 31 Mar - 1 Mar = 30.
    assert (s.orders, s.repeat_days, s.recency_age, s.tenure_days) == (1, 0, 0, 30)
    assert s.days_since == 30
    assert s.usual_gap is None and s.overdue_ratio is None


def test_carol_bought_today_by_hand() -> None:
    s = _stats()["carol@x.test"]
    # Days 1 Feb, 11 Feb, 31 Mar: frequency 2; recency = T = 28 + 31 = 59; days since 0.
    assert (s.repeat_days, s.recency_age, s.tenure_days, s.days_since) == (2, 59, 59, 0)
    # Gaps 10 and 49 -> median 29.5; overdue 0 / 29.5 = 0.
    assert s.usual_gap == 29.5
    assert s.overdue_ratio == 0.0


def test_matches_the_lifetimes_worked_example() -> None:
    # The three customers of lifetimes' own documentation test, observed to 7 Feb 2015:
    # 1: 1 Feb, 6 Feb -> frequency 1, recency 5, T 6.
    # 2: 1 Jan -> 0, 0, 37 (31 days of January + 6).
    # 3: 1 Jan, 2 Jan, 5 Jan -> 2, 4, 37.
    people = [customer("1"), customer("2"), customer("3")]
    orders = [order("1", D(2015, 2, 1), 1.0), order("1", D(2015, 2, 6), 1.0),
              order("2", D(2015, 1, 1), 1.0),
              order("3", D(2015, 1, 1), 1.0), order("3", D(2015, 1, 2), 1.0),
              order("3", D(2015, 1, 5), 1.0)]
    stats = customer_stats(dataset(people, orders), D(2015, 2, 7), Settings())
    got = {k: (s.repeat_days, s.recency_age, s.tenure_days) for k, s in stats.items()}
    assert got == {"1": (1, 5, 6), "2": (0, 0, 37), "3": (2, 4, 37)}


def test_item_rows_of_one_order_count_once() -> None:
    people = [customer("d@x.test")]
    orders = [order("d@x.test", D(2024, 3, 1), 8.0, order_id="A1", product="Tea"),
              order("d@x.test", D(2024, 3, 1), 4.0, order_id="A1", product="Cake"),
              order("d@x.test", D(2024, 3, 9), 6.0, order_id="A2", product="Cake")]
    s = customer_stats(dataset(people, orders), TODAY, Settings())["d@x.test"]
    assert (s.orders, s.revenue) == (2, 18.0)
    # Products: first "Tea"; last "Cake"; favourite "Cake" (bought twice).
    assert (s.first_product, s.last_product, s.favourite_product) == ("Tea", "Cake", "Cake")


def test_orders_after_today_are_left_out_and_reported() -> None:
    people = [customer("e@x.test")]
    orders = [order("e@x.test", D(2024, 3, 1), 10.0),
              order("e@x.test", D(2042, 3, 1), 99.0, tab="Orders", row=7)]
    stats, problems = stats_with_problems(dataset(people, orders), TODAY, Settings())
    assert stats["e@x.test"].revenue == 10.0
    assert [(p.tab, p.row, p.column) for p in problems] == [("Orders", 7, "Date")]
    assert "after today" in problems[0].problem


def test_datetimes_are_taken_as_their_day() -> None:
    people = [customer("f@x.test")]
    orders = [order("f@x.test", dt.datetime(2024, 3, 30, 23, 59), 10.0),
              order("f@x.test", D(2024, 3, 30), 5.0)]
    s = customer_stats(dataset(people, orders), TODAY, Settings())["f@x.test"]
    assert (s.orders, s.repeat_days, s.days_since) == (2, 0, 1)


def test_customers_tab_totals_when_there_are_no_orders() -> None:
    people = [customer("g@x.test", total_orders=5, total_spent=300.0, refunds=20.0,
                       first_purchase=D(2023, 3, 31), last_purchase=D(2024, 3, 1))]
    s = customer_stats(dataset(people), TODAY, Settings())["g@x.test"]
    assert (s.orders, s.revenue, s.refunds, s.from_totals) == (5, 300.0, 20.0, True)
    # Average gap: (1 Mar 2024 - 31 Mar 2023) = 336 days over 4 gaps = 84.0.
    assert s.usual_gap == 84.0
    assert (s.repeat_days, s.recency_age, s.tenure_days, s.days_since) == (4, 336, 366, 30)
    # Profit: 300 x 40% = 120, less 20 refunded = 100.
    assert s.profit == 100.0


def test_a_contact_who_never_bought() -> None:
    s = customer_stats(dataset([customer("h@x.test")]), TODAY, Settings())["h@x.test"]
    assert (s.orders, s.revenue, s.first_purchase, s.days_since, s.repeat_days) == (
        0, 0.0, None, None, 0)
    assert s.recency_age is None and s.tenure_days is None


def test_totals_with_spend_but_no_order_count_mean_one_order() -> None:
    people = [customer("i@x.test", total_spent=50.0, last_purchase=D(2024, 3, 21))]
    s = customer_stats(dataset(people), TODAY, Settings())["i@x.test"]
    assert (s.orders, s.first_purchase, s.last_purchase, s.days_since) == (
        1, D(2024, 3, 21), D(2024, 3, 21), 10)


def test_totals_with_dates_the_wrong_way_round_are_reported() -> None:
    people = [customer("j@x.test", total_orders=3, total_spent=90.0, tab="Customers", row=4,
                       first_purchase=D(2024, 3, 1), last_purchase=D(2024, 1, 1))]
    stats, problems = stats_with_problems(dataset(people), TODAY, Settings())
    assert stats["j@x.test"].first_purchase is None
    assert stats["j@x.test"].last_purchase == D(2024, 1, 1)
    assert [(p.row, p.column) for p in problems] == [(4, "First purchase")]


def test_orders_of_unknown_customers_are_counted_in_one_problem() -> None:
    people = [customer("k@x.test")]
    orders = [order("k@x.test", D(2024, 3, 1), 5.0), order("ghost", D(2024, 3, 1), 5.0),
              order("ghost2", D(2024, 3, 2), 5.0)]
    _, problems = stats_with_problems(dataset(people, orders), TODAY, Settings())
    assert [p.problem for p in problems] == ["2 order rows belong to no customer on the list"]
