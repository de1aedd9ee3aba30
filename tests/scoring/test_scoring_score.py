"""The 0-100 score, ranking, overlays (New, Advocate, Drag) and the plain-words why."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from scoring_factory import D, customer, dataset, order, regulars

from toolkit.model import Customer, Dataset, Order
from toolkit.scored import ADVOCATE, DRAG, NEW, CustomerStats
from toolkit.scoring import score_customers
from toolkit.segments import drag_reasons
from toolkit.settings import Settings
from toolkit.stats import customer_stats
from toolkit.why import money

TODAY = D(2024, 6, 30)


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _shop() -> tuple[list[Customer], list[Order]]:
    """60 regulars, a champion who referred three friends, a drag customer, a newcomer,
    a contact who never bought, and a great-fit regular gone quiet."""
    people, orders = regulars(60, TODAY, every=20, visits=4, start=5)
    people.append(customer("champ@x.test", name="Chloé Martin"))
    orders += [order("champ@x.test", _days(6 + 26 * i), 110.0) for i in range(14)]
    for i in range(3):
        people.append(customer(f"friend{i}@x.test", referred_by="chloe martin"))
        orders += [order(f"friend{i}@x.test", _days(10 + 30 * j), 85.0) for j in range(4)]
    people.append(customer("drag@x.test", complaints=3, open_complaint=True,
                           support_hours=6, fit="poor"))
    orders += [order("drag@x.test", _days(12), 60.0), order("drag@x.test", _days(10), -60.0)]
    people.append(customer("new@x.test"))
    orders.append(order("new@x.test", _days(3), 24.0))
    people.append(customer("none@x.test"))
    people.append(customer("quiet@x.test", fit="great"))
    orders += [order("quiet@x.test", _days(100 + 10 * i), 50.0) for i in range(8)]
    return people, orders


def _shop_dataset() -> Dataset:
    people, orders = _shop()
    return dataset(people, orders)


def test_the_champion_who_brings_customers_ranks_first() -> None:
    scoring = score_customers(_shop_dataset(), TODAY, Settings())
    top = scoring.customers[0]
    assert top.key == "champ@x.test"
    assert (top.r, top.f, top.m, top.segment) == (5, 5, 5, "Champion")
    assert top.overlays == (ADVOCATE,)
    assert [sc.rank for sc in scoring.customers] == list(range(1, len(scoring.customers) + 1))
    assert all(0.0 <= sc.score <= 100.0 for sc in scoring.customers)


def test_bringing_customers_raises_the_score() -> None:
    people, orders = _shop()
    with_friends = score_customers(dataset(people, orders), TODAY, Settings())
    people = [replace(c, referred_by="") for c in people]
    alone = score_customers(dataset(people, orders), TODAY, Settings())
    assert (with_friends.by_key()["champ@x.test"].score
            > alone.by_key()["champ@x.test"].score)


def test_the_why_reads_naturally_for_many_orders() -> None:
    scoring = score_customers(_shop_dataset(), TODAY, Settings())
    assert scoring.by_key()["champ@x.test"].why == (
        "14 orders in 11 months, GBP 616 profit, brought 3 customers (GBP 408); "
        "last visit 6 days ago, usually every 26 days")
    # 14 x 110 x 40% = 616; friends: 3 x 4 x 85 x 40% = 408; gaps of 26 days.


def test_the_why_reads_naturally_for_one_order_and_none() -> None:
    by_key = score_customers(_shop_dataset(), TODAY, Settings()).by_key()
    assert by_key["new@x.test"].why == "One order so far, GBP 9.60 profit; bought 3 days ago"
    assert by_key["none@x.test"].why == "No purchases yet"
    assert by_key["quiet@x.test"].why == (
        "8 orders in 6 months, GBP 160 profit, a great fit; last visit about 3 months ago, "
        "usually every 10 days (overdue)")


def test_the_why_names_what_drags_and_uses_the_currency() -> None:
    settings = Settings(currency="€")
    drag = score_customers(_shop_dataset(), TODAY, settings).by_key()["drag@x.test"]
    # Margin 60 x 40% = 24; cost to serve 6 h x 25 = 150 + 60 refunded = 210 -> loss 186.
    assert drag.why == ("One order so far, €186 loss; bought 12 days ago; "
                        "but 3 complaints (one open), marked a poor fit, €60 refunded")


def test_drag_overlay_and_reasons() -> None:
    scoring = score_customers(_shop_dataset(), TODAY, Settings())
    drag = scoring.by_key()["drag@x.test"]
    assert drag.is_drag and drag.overlays == (NEW, DRAG)
    assert drag.rank >= len(scoring.customers) - 1  # only the contact who never bought is below
    assert [sc.key for sc in scoring.customers if sc.is_drag] == ["drag@x.test"]


def _one(c: Customer, *orders: Order) -> tuple[Customer, CustomerStats]:
    stats = customer_stats(dataset([c], orders), TODAY, Settings())[c.key]
    return c, stats


def test_what_makes_a_drag_customer() -> None:
    settings = Settings()
    good = customer("a@x.test")
    big = order("a@x.test", _days(5), 500.0)  # margin 200
    # One complaint never makes a drag: a customer who complains still cares.
    c, s = _one(replace(good, complaints=1, open_complaint=True), big)
    assert drag_reasons(c, s, settings) == []
    # Two complaints (2 x 25 = 50) against a profit of 200: not yet.
    c, s = _one(replace(good, complaints=2), big)
    assert drag_reasons(c, s, settings) == []
    # Two complaints against a small profit (100 x 40% = 40 <= 50): drag.
    c, s = _one(replace(good, complaints=2), order("a@x.test", _days(5), 100.0))
    assert drag_reasons(c, s, settings) == ["complaints outweigh profit"]
    # Support time costing more than the margin: 9 h x 25 = 225 > 200.
    c, s = _one(replace(good, support_hours=9), big)
    assert drag_reasons(c, s, settings) == [
        "cost to serve outweighs profit"]
    c, s = _one(replace(good, fit="Poor"), big)
    assert drag_reasons(c, s, settings) == ["marked a poor fit"]


def test_weights_come_from_settings() -> None:
    # Two customers: one frequent and cheap, one rare and very profitable.
    people = [customer("often@x.test"), customer("rich@x.test")]
    orders = [order("often@x.test", _days(3 * i), 5.0) for i in range(20)]
    orders += [order("rich@x.test", _days(40), 2000.0)]
    data = dataset(people, orders)
    by_profit = Settings(weight_recency=0, weight_frequency=0, weight_profit=100,
                         weight_referrals=0, weight_tenure=0, weight_fit=0)
    by_frequency = replace(by_profit, weight_profit=0, weight_frequency=100)
    assert score_customers(data, TODAY, by_profit).customers[0].key == "rich@x.test"
    assert score_customers(data, TODAY, by_frequency).customers[0].key == "often@x.test"


def test_zero_weights_do_not_break_scoring() -> None:
    zero = Settings(weight_recency=0, weight_frequency=0, weight_profit=0, weight_referrals=0,
                    weight_tenure=0, weight_fit=0, weight_drag=0)
    scoring = score_customers(_shop_dataset(), TODAY, zero)
    assert {sc.score for sc in scoring.customers} == {0.0}
    # Equal scores: ranked by profit, then key.
    profits = [sc.stats.profit for sc in scoring.customers]
    assert profits == sorted(profits, reverse=True)


def test_new_overlay_covers_the_first_month() -> None:
    people = [customer("a@x.test"), customer("b@x.test")]
    orders = [order("a@x.test", _days(30), 10.0), order("b@x.test", _days(31), 10.0)]
    by_key = score_customers(dataset(people, orders), TODAY, Settings()).by_key()
    assert NEW in by_key["a@x.test"].overlays
    assert NEW not in by_key["b@x.test"].overlays


def test_overdue_regular_scores_below_one_on_rhythm() -> None:
    # Same history, one seen 5 days ago (usual gap 10), one 40 days ago (4x overdue).
    people = [customer("on@x.test"), customer("late@x.test")]
    orders = [order("on@x.test", _days(5 + 10 * i), 20.0) for i in range(5)]
    orders += [order("late@x.test", _days(40 + 10 * i), 20.0) for i in range(5)]
    by_key = score_customers(dataset(people, orders), TODAY, Settings()).by_key()
    assert by_key["on@x.test"].rank == 1
    assert by_key["late@x.test"].why.endswith("usually every 10 days (overdue)")


def test_the_why_for_several_orders_on_one_day() -> None:
    people = [customer("a@x.test")]
    orders = [order("a@x.test", _days(21), 30.0), order("a@x.test", _days(21), 20.0)]
    why = score_customers(dataset(people, orders), TODAY, Settings()).customers[0].why
    assert why == "2 orders on one day, GBP 20 profit; bought 21 days ago"


def test_money_rounds_half_to_even_and_separates_thousands() -> None:
    amounts = (100.5, 101.5, 1234567.5, 99.5, 45.0, -0.25, 0.0)
    assert [money(v, "GBP") for v in amounts] == [
        "GBP 100", "GBP 102", "GBP 1,234,568", "GBP 99.50", "GBP 45", "-GBP 0.25", "GBP 0"]
    assert (money(1200, "$"), money(3.5, " "), money(-2500.75, "EUR")) == (
        "$1,200", "3.50", "-EUR 2,501")


def test_the_favourite_is_the_most_bought_and_on_a_tie_the_latest() -> None:
    days = [D(2024, 6, d) for d in (1, 2, 3, 4, 5)]
    people = [customer("a@x.test"), customer("b@x.test")]
    orders = [order("a@x.test", day, 10.0, product=name)
              for day, name in zip(days, ("Tea", "Cake", "Tea", "Cake", "Bun"), strict=True)]
    orders += [order("b@x.test", day, 10.0, product=name)
               for day, name in zip(days, ("Cake", "Tea", " Cake", "Tea", "Bun"), strict=True)]
    stats = customer_stats(dataset(people, orders), TODAY, Settings())
    # Tea and Cake twice each (" Cake" trimmed): a bought Cake last, b Tea.
    assert stats["a@x.test"].favourite_product == "Cake"
    assert stats["b@x.test"].favourite_product == "Tea"
    assert (stats["b@x.test"].first_product, stats["b@x.test"].last_product) == ("Cake", "Bun")
