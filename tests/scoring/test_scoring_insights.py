"""Summary figures, "Find more like them" lift, and Changes between two runs."""

from __future__ import annotations

import datetime as dt

from scoring_factory import D, customer, dataset, order, regulars

from toolkit.changes import compare
from toolkit.insights import best_customers, find_more_like_them, summarise
from toolkit.model import Customer, Dataset, Order, RawTable
from toolkit.scoring import score_customers
from toolkit.settings import Settings
from toolkit.tabs_scoring import best_customers_tab

TODAY = D(2024, 6, 30)


def _days(n: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=n)


def _channels() -> Dataset:
    """60 buyers: 10 referred (5 typed "referral", 5 with only a Referred by), all
    frequent and profitable; 25 from Instagram and 25 from Google, one visit each."""
    people: list[Customer] = [customer("host@x.test", name="Host", source="Walk-in")]
    orders: list[Order] = [order("host@x.test", _days(400), 10.0)]
    for i in range(10):
        key = f"ref{i}@x.test"
        fields = {"source": "referral"} if i < 5 else {"referred_by": "Host"}
        people.append(customer(key, town="LS6 1AA", tags="gift, local", **fields))
        orders += [order(key, _days(4 + 15 * v), 60.0, product="Truffles") for v in range(8)]
    for i in range(50):
        key = f"ad{i:02d}@x.test"
        people.append(customer(key, source="Instagram" if i < 25 else "Google",
                               town="York", tags="local"))
        orders.append(order(key, _days(30 + i), 15.0, product="Bar"))
    return dataset(people, orders)


def test_find_more_like_them_ranks_the_winning_channel_first() -> None:
    scoring = score_customers(_channels(), TODAY, Settings())
    # 61 buyers, none drag -> best = ceil(0.2 x 61) = 13: the 10 referred customers first.
    best = best_customers(scoring)
    assert len(best) == 13
    assert {sc.key for sc in best[:10]} == {f"ref{i}@x.test" for i in range(10)}
    lifts, tiny = find_more_like_them(scoring)
    top = lifts[0]
    # Referral: 10 of 10 are best; overall 13 of 61 -> lift (10/10) / (13/61) = 4.69.
    assert (top.attribute, top.value, top.customers, top.best) == ("Source", "referral", 10, 10)
    assert top.lift == 4.69
    assert top.reading == "Referral customers are 4.7x as likely to become best customers"
    # The other 3 best: the host who referred five of them, and the two newest from
    # Instagram. Instagram: (2/25) / (13/61) = 0.38; Google: none of 25.
    assert best[10].key == "host@x.test"
    instagram = next(x for x in lifts if x.value == "Instagram")
    assert (instagram.best, instagram.lift) == (2, 0.38)
    assert instagram.reading == (
        "Instagram customers are less likely to become best customers (0.4x)")
    google = next(x for x in lifts if x.value == "Google")
    assert google.reading == "Google customers: none of 25 has become a best customer yet"
    # The postcode is read as its area; the walk-in host is a group of one: left out.
    assert any(x.attribute == "Town" and x.value == "postcode area LS" for x in lifts)
    assert any(x.attribute == "First product" and x.value == "Truffles" for x in lifts)
    assert any(x.attribute == "Tag" and x.value == "gift" for x in lifts)
    assert tiny == 1


def test_small_groups_are_flagged_and_listed_after_solid_ones() -> None:
    # Keep five of the ten referred customers: "referral" becomes a group of 5 (< 10).
    data = _channels()
    gone = {f"ref{i}@x.test" for i in range(5, 10)}
    data = dataset([c for c in data.customers if c.key not in gone],
                   [o for o in data.orders if o.customer_key not in gone])
    lifts, _ = find_more_like_them(score_customers(data, TODAY, Settings()))
    assert [x.small for x in lifts] == sorted(x.small for x in lifts)  # solid ones first
    referral = next(x for x in lifts if x.value == "referral")
    assert referral.small and referral.customers == 5
    assert referral.reading.endswith("(only 5 customers: a hint, not a pattern)")
    assert not lifts[0].small


def test_summary_headline_figures_by_hand() -> None:
    people = [customer(f"{c}@x.test") for c in "abcde"]
    # Revenues 250, 125, 50, 50, 25 -> profits at 40%: 100, 50, 20, 20, 10 = 200.
    orders = [order(f"{c}@x.test", _days(d), amount)
              for c, d, amount in (("a", 5, 250.0), ("b", 10, 125.0), ("c", 100, 50.0),
                                   ("d", 200, 50.0), ("e", 300, 25.0))]
    summary = summarise(score_customers(dataset(people, orders), TODAY, Settings()),
                        Settings())
    # Top 20% of 5 buyers = 1 customer (a) with 100 of 200 profit = 50%.
    assert (summary.top_count, summary.top_profit_share) == (1, 50.0)
    assert (summary.customers, summary.buyers, summary.total_profit) == (5, 5, 200.0)
    assert summary.active == 2  # bought within 90 days: a (5 days ago) and b (10); c is 100
    assert summary.active_days == 90


def _as_raw(data: Dataset, today: dt.date) -> RawTable:
    tab = best_customers_tab(score_customers(data, today, Settings()), {})
    return RawTable(tab="Best customers", rows=(tab.header, *tab.rows), owned=True)


def test_changes_after_a_second_run_a_month_later() -> None:
    people, orders = regulars(60, TODAY, every=10, visits=6, start=0)
    people.append(customer("champ@x.test", name="Chloe"))
    orders += [order("champ@x.test", _days(2 + 7 * i), 90.0) for i in range(20)]
    first = dataset(people, orders)
    before = _as_raw(first, TODAY)
    assert compare(score_customers(first, TODAY, Settings()), None) is None  # first run
    # A month later: Chloe has not been back, everyone else has, and Nina is new.
    later = TODAY + dt.timedelta(days=30)
    more = [order(f"r{i:03d}@shop.test", later - dt.timedelta(days=i % 9), 20.0)
            for i in range(60)]
    people2 = [*people, customer("nina@x.test", name="Nina")]
    more.append(order("nina@x.test", later - dt.timedelta(days=2), 30.0))
    second = score_customers(dataset(people2, orders + more), later, Settings())
    changes = compare(second, before)
    assert changes is not None
    chloe = next(c for c in changes if c.customer == "Chloe")
    assert chloe.change.startswith("was Champion, now ")
    assert chloe.was == "Champion" and chloe.now != "Champion"
    nina = next(c for c in changes if c.customer == "Nina")
    assert (nina.change, nina.rank_before) == ("new customer", None)


def test_no_changes_when_nothing_moved() -> None:
    people, orders = regulars(20, TODAY)
    data = dataset(people, orders)
    assert compare(score_customers(data, TODAY, Settings()), _as_raw(data, TODAY)) == ()


def test_previous_tab_below_a_title_row_and_matched_by_name() -> None:
    rows = (("Best customers (last run)",), ("Rank", "Customer", "Email", "Segment"),
            (1, "ANNE Émond", None, "Champion"))
    people = [customer("anne", name="Anne Emond")]
    orders = [order("anne", _days(200), 20.0)]
    changes = compare(score_customers(dataset(people, orders), TODAY, Settings()),
                      RawTable(tab="Best customers", rows=rows))
    assert changes is not None and changes[0].change == "was Champion, now Hibernating"


def test_a_group_shows_the_spelling_of_its_best_ranked_customer_and_counts_everyone() -> None:
    people, orders = [], []
    spellings = ["instagram ", "Instagram", "INSTAGRAM", "Google", "google", "Google"]
    for i, source in enumerate(spellings * 3):
        key = f"c{i:02d}@x.test"
        people.append(customer(key, source=source, tags="Gift; gift ;VIP" if i % 2 else "vip"))
        orders += [order(key, _days(3 + v * (i + 5)), 20.0 + i) for v in range(1 + i % 4)]
    scoring = score_customers(dataset(people, orders), TODAY, Settings())
    lifts, _ = find_more_like_them(scoring)
    by_rank = {sc.key: sc.rank for sc in scoring.customers}
    first_insta = min((by_rank[c.key], c.source.strip()) for c in people
                      if c.source.strip().casefold() == "instagram")[1]
    insta = next(x for x in lifts if x.attribute == "Source" and x.value.casefold() == "instagram")
    assert (insta.value, insta.customers) == (first_insta, 9)
    tags = {x.value.casefold(): x.customers for x in lifts if x.attribute == "Tag"}
    assert tags == {"gift": 9, "vip": 18}
