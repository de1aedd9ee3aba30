"""R, F, M: quintiles with ties, fixed thresholds on small lists, the 25-cell map."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scoring_factory import D, customer, dataset, order, regulars

from toolkit.model import Customer, Order
from toolkit.scoring import f_absolute, quintiles, r_absolute, score_customers
from toolkit.segments import (
    NO_PURCHASES,
    SEGMENT_MAP,
    SEGMENT_NAMES,
    segment_for,
)
from toolkit.settings import Settings

TODAY = D(2024, 6, 30)


def test_quintiles_without_ties_are_even_fifths() -> None:
    scores = quintiles({f"k{i:03d}": float(i) for i in range(100)})
    counts = [sum(1 for s in scores.values() if s == q) for q in range(1, 6)]
    assert counts == [20, 20, 20, 20, 20]
    assert scores["k000"] == 1 and scores["k019"] == 1 and scores["k020"] == 2
    assert scores["k099"] == 5


def test_tied_values_share_a_score_placed_at_their_middle() -> None:
    # 10 customers on 1, 2, 2, 2, 3, 3, 3, 3, 6, 8 orders.
    # 1: the bottom -> 1. The three on 2: place (1 + 3/2) / 10 = 0.25 -> 1 + floor(1.25) = 2.
    # The four on 3: (4 + 2) / 10 = 0.6 -> 4. 6: (8 + 0.5) / 10 = 0.85 -> 5. 8: the top -> 5.
    orders = [1, 2, 2, 2, 3, 3, 3, 3, 6, 8]
    scores = quintiles({f"c{i}": float(n) for i, n in enumerate(orders)})
    assert [scores[f"c{i}"] for i in range(10)] == [1, 2, 2, 2, 4, 4, 4, 4, 5, 5]


def test_a_tie_at_the_bottom_or_top_keeps_the_extreme_score() -> None:
    # 80 one-time buyers of 100 are all F 1 (not a middling 3); 30 who all came today R 5.
    scores = quintiles({f"c{i}": 1.0 if i < 80 else float(i) for i in range(100)})
    assert {scores[f"c{i}"] for i in range(80)} == {1}
    assert scores["c80"] == 5  # place (80 + 0.5) / 100 -> 5
    recency = quintiles({f"c{i}": 0.0 if i < 30 else -float(i) for i in range(100)})
    assert {recency[f"c{i}"] for i in range(30)} == {5}
    assert quintiles({"a": 2.0, "b": 2.0}) == {"a": 1, "b": 1}  # all tied: the bottom


def test_quintiles_do_not_depend_on_input_order() -> None:
    rng = random.Random(3)
    values = {f"c{i}": float(rng.randrange(6)) for i in range(200)}
    items = list(values.items())
    rng.shuffle(items)
    assert quintiles(dict(items)) == quintiles(values)


@given(st.lists(st.sampled_from([-2.5, -0.0, 0.0, 1.0, 2.0, 3.0, 7.5]) | st.floats(-1e6, 1e6),
                max_size=40))
def test_quintiles_follow_the_definition(values: list[float]) -> None:
    # By the definition itself: place = (below + half of those tied) / everyone.
    scores = quintiles({f"c{i}": v for i, v in enumerate(values)})
    n = len(values)
    for i, value in enumerate(values):
        below = sum(1 for v in values if v < value)
        tied = sum(1 for v in values if v == value)
        expected = 1 if below == 0 else 5 if below + tied == n else min(
            5, 1 + 5 * (2 * below + tied) // (2 * n))
        assert scores[f"c{i}"] == expected


@pytest.mark.parametrize(("days", "score"), [
    (0, 5), (14, 5), (15, 4), (30, 4), (31, 3), (60, 3), (61, 2), (120, 2), (121, 1),
])
def test_small_list_recency_thresholds(days: int, score: int) -> None:
    assert r_absolute(days) == score


def test_recency_thresholds_stretch_for_slow_rhythms_only() -> None:
    # Stretched three times: 42 / 90 / 180 / 360 days.
    assert [r_absolute(d, stretch=3.0) for d in (42, 43, 90, 91, 180, 181, 360, 361)] == [
        5, 4, 4, 3, 3, 2, 2, 1]


def test_a_shop_with_a_slow_rhythm_stretches_the_thresholds() -> None:
    # Ten customers who come every 90 days: typical gap 90, thresholds x3 (42/90/180/360).
    people, orders = regulars(10, TODAY, every=90, visits=3, start=40)
    scoring = score_customers(dataset(people, orders), TODAY, Settings())
    assert scoring.typical_gap == 90.0
    assert scoring.by_key()["r000@shop.test"].r == 5  # 40 days: recent for this shop
    # A café rhythm (every 7 days) never tightens them: 20 days ago is R 4 as usual.
    people, orders = regulars(10, TODAY, every=7, visits=3, start=20)
    assert score_customers(dataset(people, orders), TODAY, Settings()).by_key()[
        "r000@shop.test"].r == 4


@pytest.mark.parametrize(("orders", "score"), [
    (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (9, 4), (10, 5), (40, 5),
])
def test_small_list_frequency_thresholds(orders: int, score: int) -> None:
    assert f_absolute(orders) == score


def _buyers(count: int) -> tuple[list[Customer], list[Order]]:
    return regulars(count, TODAY, every=7, visits=2)


def test_fewer_than_fifty_buyers_use_fixed_thresholds() -> None:
    people, orders = _buyers(49)
    scoring = score_customers(dataset(people, orders), TODAY, Settings())
    assert scoring.small_list
    by_key = scoring.by_key()
    # r000 bought today, r020 20 days ago, r048 48 days ago; each came twice.
    assert (by_key["r000@shop.test"].r, by_key["r020@shop.test"].r,
            by_key["r048@shop.test"].r) == (5, 4, 3)
    assert {sc.f for sc in scoring.customers} == {2}


def test_fifty_buyers_use_quintiles() -> None:
    people, orders = _buyers(50)
    scoring = score_customers(dataset(people, orders), TODAY, Settings())
    assert not scoring.small_list
    rs = [scoring.by_key()[f"r{i:03d}@shop.test"].r for i in range(50)]
    assert rs == [5] * 10 + [4] * 10 + [3] * 10 + [2] * 10 + [1] * 10


def test_rfm_scores_are_deterministic_whatever_the_row_order() -> None:
    people, orders = regulars(80, TODAY, every=9, visits=3)
    people += [customer(f"x{i}@shop.test") for i in range(5)]
    orders += [order(f"x{i}@shop.test", TODAY - dt.timedelta(days=3), 30.0) for i in range(5)]
    first = score_customers(dataset(people, orders), TODAY, Settings())
    rng = random.Random(11)
    rng.shuffle(people)
    rng.shuffle(orders)
    second = score_customers(dataset(people, orders), TODAY, Settings())
    assert first == second
    # The five tied newcomers share one R, F and M.
    tied = {(sc.r, sc.f, sc.m) for sc in first.customers if sc.key.startswith("x")}
    assert len(tied) == 1


def test_every_one_of_the_25_cells_maps_as_in_the_design() -> None:
    design = """
        5 | New | Potential loyalist | Potential loyalist | Champion | Champion
        4 | Promising | Potential loyalist | Potential loyalist | Loyal | Loyal
        3 | About to sleep | About to sleep | Needs attention | Loyal | Loyal
        2 | Hibernating | Hibernating | At risk | At risk | Can't lose
        1 | Hibernating | Hibernating | At risk | At risk | Can't lose
    """
    expected = {}
    for line in design.strip().splitlines():
        r, *cells = (part.strip() for part in line.split("|"))
        for f, name in enumerate(cells, start=1):
            expected[(int(r), f)] = name
    assert dict(SEGMENT_MAP) == expected
    assert len(SEGMENT_MAP) == 25
    assert all(segment_for(r, f) == name for (r, f), name in expected.items())
    assert set(expected.values()) <= set(SEGMENT_NAMES)


def test_a_contact_who_never_bought_is_not_called_hibernating() -> None:
    people, orders = _buyers(3)
    people.append(customer("lead@shop.test"))
    scoring = score_customers(dataset(people, orders), TODAY, Settings())
    lead = scoring.by_key()["lead@shop.test"]
    assert (lead.segment, lead.r, lead.f, lead.m) == (NO_PURCHASES, 1, 1, 1)
    assert lead.rank == len(people)
