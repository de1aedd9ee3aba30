"""Each reason: the situation that triggers it, and one that must not."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_factory import DAY1, dataset, ledger_rows, orders_on, scored, scoring

from toolkit.ledger import Ledger, read_ledger
from toolkit.model import Order
from toolkit.reasons import (
    ASK_REFERRAL,
    CHECK_IN,
    INVITE_FEEDBACK,
    LISTEN_COMPLAINT,
    MILESTONE,
    REVIEW_FIT,
    THANK_FIRST,
    THANK_REFERRER,
    Occasion,
    due_occasions,
    shop_gap,
)
from toolkit.scored import ScoredCustomer
from toolkit.settings import Settings

D = dt.timedelta


def due(*customers: ScoredCustomer, orders=(), ledger: Ledger | None = None,  # type: ignore[no-untyped-def]
        settings: Settings | None = None) -> list[Occasion]:
    return due_occasions(scoring(*customers), dataset(customers, orders), ledger or Ledger(),
                         settings or Settings(), DAY1)


def ids(*customers: ScoredCustomer, **kwargs: object) -> set[str]:
    return {o.draft_id for o in due(*customers, **kwargs)}  # type: ignore[arg-type]


def test_an_ordinary_customer_has_nothing_due() -> None:
    assert due(scored("a@x.com")) == []


@pytest.mark.parametrize("days,expected", [(0, True), (3, True), (14, True), (15, False)])
def test_thank_first(days: int, expected: bool) -> None:
    first = DAY1 - D(days=days)
    got = ids(scored("a@x.com", orders=1, first=first, last=first))
    assert (f"thank_first:a@x.com:{first.isoformat()}" in got) is expected


def test_listen_complaint_once_per_complaint() -> None:
    assert ids(scored("a@x.com", open_complaint=True)) == {"listen_complaint:a@x.com:complaint-1"}
    assert ids(scored("a@x.com", open_complaint=True, complaints=3)) == {
        "listen_complaint:a@x.com:complaint-3"}
    assert ids(scored("a@x.com", open_complaint=False, complaints=2)) == set()


@pytest.mark.parametrize("days_since,expected", [(15, False), (20, False), (21, True),
                                                 (140, True), (141, False), (300, False)])
def test_check_in_against_their_own_rhythm(days_since: int, expected: bool) -> None:
    last = DAY1 - D(days=days_since)
    (occasion, *_) = due(scored("a@x.com", gap=10.0, orders=5, last=last)) or [None]
    assert (occasion is not None and occasion.reason == CHECK_IN) is expected
    if occasion is not None:
        assert occasion.occasion == last.isoformat() and "usually every 10 days" in occasion.why_now


def test_check_in_for_a_one_time_buyer_uses_the_shops_typical_gap() -> None:
    others = [scored(f"o{g}@x.com", gap=float(g), last=DAY1 - D(days=1)) for g in (20, 30, 40)]
    assert shop_gap(scoring(*others)) == 30
    quiet = scored("a@x.com", orders=1, gap=None, last=DAY1 - D(days=70))
    (occasion,) = due(quiet, *others)
    assert occasion.reason == CHECK_IN and "within 30 days" in occasion.why_now
    assert due(scored("a@x.com", orders=1, gap=None, last=DAY1 - D(days=50)), *others) == []


def test_thank_referrer_names_the_friend_only_while_new() -> None:
    friend = scored("erin@x.com", "Erin Evans", orders=1, first=DAY1 - D(days=3),
                    last=DAY1 - D(days=3))
    dave = scored("dave@x.com", referrals=("erin@x.com", "ghost@x.com"))
    thanks = [o for o in due(dave, friend) if o.reason == THANK_REFERRER]
    assert [o.draft_id for o in thanks] == ["thank_referrer:dave@x.com:erin@x.com"]
    assert thanks[0].friend_name == "Erin Evans"
    old_friend = scored("erin@x.com", first=DAY1 - D(days=40))
    assert not [o for o in due(dave, old_friend) if o.reason == THANK_REFERRER]


@pytest.mark.parametrize("segment,reason,every", [("Champion", ASK_REFERRAL, 90),
                                                  ("Loyal", INVITE_FEEDBACK, 180)])
def test_periodic_asks(segment: str, reason: str, every: int) -> None:
    customer = scored("a@x.com", segment=segment)
    assert ids(customer) == {f"{reason}:a@x.com:{DAY1.isoformat()}"}
    other = "Loyal" if segment == "Champion" else "Champion"
    assert reason not in {o.reason for o in due(scored("a@x.com", segment=other))}
    for days_ago, expected in ((every - 1, False), (every, True)):
        seen = (DAY1 - D(days=days_ago)).isoformat()
        ledger = read_ledger(ledger_rows({"Draft id": f"{reason}:a@x.com:2025-01-01",
                                          "Status": "sent", "Status seen": seen}), DAY1)
        assert bool(due(customer, ledger=ledger)) is expected
    pending = read_ledger(ledger_rows({"Draft id": f"{reason}:a@x.com:2026-02-20"}), DAY1)
    assert ids(customer, ledger=pending) == {f"{reason}:a@x.com:2026-02-20"}


def test_milestone_order() -> None:
    tenth = [DAY1 - D(days=100 - 9 * i) for i in range(9)] + [DAY1 - D(days=5)]
    customer = scored("a@x.com", orders=10, first=tenth[0], last=tenth[-1])
    (occasion,) = due(customer, orders=orders_on("a@x.com", tenth))
    assert occasion.draft_id == "milestone:a@x.com:order-10" and occasion.order_number == 10
    assert due(customer, orders=orders_on("a@x.com", tenth[:-1])) == []
    late = [*tenth[:-1], DAY1 - D(days=20)]
    assert due(customer, orders=orders_on("a@x.com", late)) == []
    twenty = orders_on("a@x.com", [DAY1 - D(days=200 - 9 * i) for i in range(19)]
                       + [DAY1 - D(days=1)])
    assert [o.occasion for o in due(customer, orders=twenty)] == ["order-20"]


def test_milestone_counts_orders_not_their_item_rows() -> None:
    days = [DAY1 - D(days=100 - 9 * i) for i in range(9)] + [DAY1 - D(days=5)]
    items = [Order("a@x.com", day, 10.0, f"#{n}", product, row=2 * n + k)
             for n, day in enumerate(days) for k, product in enumerate(("Bread", "Jam"))]
    customer = scored("a@x.com", orders=10, first=days[0], last=days[-1])
    assert [o.occasion for o in due(customer, orders=items)] == ["order-10"]
    fifth = [o for o in items if o.order_id in {"#0", "#1", "#2", "#3", "#9"}]  # 10 rows
    assert due(scored("a@x.com", orders=5, first=days[0], last=days[-1]), orders=fifth) == []


def test_milestone_from_totals_when_there_is_no_orders_tab() -> None:
    assert ids(scored("a@x.com", orders=10, last=DAY1 - D(days=2))) == {
        "milestone:a@x.com:order-10"}
    assert ids(scored("a@x.com", orders=11, last=DAY1 - D(days=2))) == set()


@pytest.mark.parametrize("offset,orders,expected", [
    (-2, 5, True), (0, 5, True), (7, 5, True), (8, 5, False), (-4, 5, False), (0, 1, False)])
def test_milestone_anniversary(offset: int, orders: int, expected: bool) -> None:
    first = DAY1.replace(year=DAY1.year - 1) - D(days=offset)
    customer = scored("a@x.com", orders=orders, first=first, last=DAY1 - D(days=20), gap=60.0)
    got = [o for o in due(customer) if o.reason == MILESTONE]
    assert bool(got) is expected
    if got:
        assert got[0].occasion == "year-1" and got[0].years == 1


def test_review_fit_for_drag_customers_only_and_no_email_reason() -> None:
    drag = scored("a@x.com", drag=True, open_complaint=True, orders=1, first=DAY1, last=DAY1)
    assert [o.reason for o in due(drag)] == [REVIEW_FIT]
    assert REVIEW_FIT not in {o.reason for o in due(scored("a@x.com", open_complaint=True))}


def test_a_drag_customers_open_complaint_is_said_first_on_their_review_line() -> None:
    drag = scored("a@x.com", drag=True, open_complaint=True, complaint_note="Cold  latte",
                  orders=1, first=DAY1, last=DAY1)
    [line] = due(drag)
    assert line.why_now.startswith('Open complaint: "Cold latte": settle it first. Drag on')
    [quiet] = due(scored("a@x.com", drag=True, orders=1, first=DAY1, last=DAY1))
    assert quiet.why_now.startswith("Drag on the business: ")


def test_do_not_contact_gets_nothing_at_all() -> None:
    for extra in ({}, {"drag": True}):
        customer = scored("a@x.com", do_not_contact=True, open_complaint=True, orders=1,
                          first=DAY1, last=DAY1, segment="Champion", **extra)  # type: ignore[arg-type]
        friend = scored("b@x.com", orders=1, first=DAY1, last=DAY1)
        assert [o.customer_key for o in due(customer, friend)] == ["b@x.com"]


def test_complaint_outranks_a_higher_score() -> None:
    low = scored("low@x.com", score=0, open_complaint=True)
    high = scored("high@x.com", score=100, orders=1, first=DAY1, last=DAY1)
    ranked = sorted(due(low, high), key=lambda o: -o.priority)
    assert [o.reason for o in ranked] == [LISTEN_COMPLAINT, THANK_FIRST]
