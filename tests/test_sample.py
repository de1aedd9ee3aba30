"""The demo's sample workbook: deterministic, about 200 customers over two years, and every
situation the product reacts to planted where SAMPLE_FACTS says, checked from the rows."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pytest

from toolkit.model import CellValue, Row
from toolkit.sample import CUSTOMER_HEADERS, ORDER_HEADERS, SAMPLE_FACTS, build_sample
from toolkit.sample_catalogue import CHANNELS

FACTS = SAMPLE_FACTS
CASES = [(7, dt.date(2025, 6, 15)), (1, dt.date(2024, 2, 29)), (42, dt.date(2026, 1, 3))]


def _date(value: CellValue) -> dt.date:
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            pass
    raise AssertionError(f"not a date: {value!r}")


def _money(value: CellValue) -> float:
    if isinstance(value, float):
        return value
    assert isinstance(value, str)
    return float(value.replace("£", "").replace("GBP", "").replace(",", "").strip())


@dataclass
class Shop:
    """The sample read back the way a test can reason about it."""

    today: dt.date
    tabs: dict[str, tuple[Row, ...]]
    customers: list[dict[str, CellValue]] = field(default_factory=list)
    orders: list[dict[str, CellValue]] = field(default_factory=list)
    buys: dict[str, list[tuple[dt.date, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rows = self.tabs["Customers"]
        self.customers = [dict(zip(CUSTOMER_HEADERS, row, strict=True)) for row in rows[3:]]
        self.orders = [dict(zip(ORDER_HEADERS, row, strict=True))
                       for row in self.tabs["Orders"][1:] if any(row)]
        grouped = defaultdict(list)
        for order in self.orders:
            grouped[str(order["Customer Name"])].append(
                (_date(order["Order date"]), _money(order["Amount (£)"])))
        self.buys = {name: sorted(b) for name, b in grouped.items()}

    def customer(self, name: str) -> dict[str, CellValue]:
        (row,) = [c for c in self.customers if c["Customer Name"] == name][:1]
        return row

    def purchases(self, name: str) -> list[dt.date]:
        return [day for day, amount in self.buys[name] if amount > 0]

    def ago(self, day: dt.date) -> int:
        return (self.today - day).days


@pytest.fixture(scope="module", params=CASES, ids=lambda case: f"seed{case[0]}-{case[1]}")
def shop(request: pytest.FixtureRequest) -> Shop:
    seed, today = request.param
    return Shop(today, dict(build_sample(today, seed)))


def _usual_gap(days: list[dt.date]) -> float:
    return statistics.median((b - a).days for a, b in itertools.pairwise(days))


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


# --------------------------------------------------------------------------- shape


def test_same_seed_and_day_give_the_same_rows_and_another_seed_others() -> None:
    today = dt.date(2025, 6, 15)
    assert build_sample(today) == build_sample(today, 7)
    assert build_sample(today, 8) != build_sample(today, 7)


def test_another_day_moves_the_same_story_in_time() -> None:
    first, later = (Shop(day, dict(build_sample(day))) for day in
                    (dt.date(2025, 6, 15), dt.date(2025, 8, 20)))
    for name in FACTS.emails:
        assert [first.ago(d) for d in first.purchases(name)] == \
               [later.ago(d) for d in later.purchases(name)], name
    assert max(d for d, _ in first.buys[FACTS.champions[0]]) == dt.date(2025, 6, 13)
    assert max(d for d, _ in later.buys[FACTS.champions[0]]) == dt.date(2025, 8, 18)


def test_tabs_headers_and_a_title_above_the_customer_list(shop: Shop) -> None:
    assert list(shop.tabs) == ["About", "Customers", "Orders"]
    title, blank, header = shop.tabs["Customers"][:3]
    assert str(title[0]).startswith(FACTS.business) and not any(title[1:])
    assert not any(blank)
    assert header == CUSTOMER_HEADERS
    assert shop.tabs["Orders"][0] == ORDER_HEADERS
    for name, rows in shop.tabs.items():
        assert len({len(row) for row in rows}) == 1, f"{name} rows are not all as wide"


def test_about_two_hundred_customers_over_two_years(shop: Shop) -> None:
    people = {str(c["Email"]).casefold() or str(c["Customer Name"]) for c in shop.customers}
    assert 190 <= len(people) <= 210
    assert len(shop.buys) == len(people)  # every customer bought; every buyer is listed
    days = [day for buys in shop.buys.values() for day, _ in buys]
    assert max(days) == shop.today - dt.timedelta(days=1)
    assert 700 <= shop.ago(min(days)) <= 730
    assert 1000 <= len(shop.orders) <= 2500


def test_orders_join_customers_by_email_or_by_name(shop: Shop) -> None:
    emails: dict[CellValue, CellValue] = {}
    for row in shop.customers:  # the first row of a customer listed twice
        emails.setdefault(row["Customer Name"], row["Email"])
    for order in shop.orders:
        assert order["Customer Name"] in emails
        assert order["Customer email"] == emails[order["Customer Name"]]
    for name, email in FACTS.emails.items():
        assert shop.customer(name)["Email"] == email


def test_amounts_and_costs_are_plausible(shop: Shop) -> None:
    for order in shop.orders:
        amount, cost = _money(order["Amount (£)"]), order["Cost (£)"]
        if amount < 0:
            assert str(order["Product"]).startswith("Refund") and cost == ""
            continue
        assert 3 <= amount <= 200 or order["Amount (£)"] == "£1,234.50"
        assert isinstance(cost, float) and 0.3 <= cost / amount <= 0.65


# --------------------------------------------------------------------------- situations


def test_first_time_buyers_in_the_last_fortnight_and_nobody_else(shop: Shop) -> None:
    for name in FACTS.first_timers:
        (only,) = shop.purchases(name)
        assert 1 <= shop.ago(only) <= 14
    recent = {name for name, buys in shop.buys.items() if shop.ago(buys[0][0]) <= 30}
    assert recent == set(FACTS.first_timers)
    assert 3 <= len(FACTS.first_timers) <= 5


def test_champions_are_recent_frequent_and_big_spenders(shop: Shop) -> None:
    by_orders = sorted(shop.buys, key=lambda n: -len(shop.buys[n]))
    by_revenue = sorted(shop.buys, key=lambda n: -sum(a for _, a in shop.buys[n]))
    assert set(by_orders[:3]) == set(FACTS.champions)
    for name in FACTS.champions:
        days = shop.purchases(name)
        assert shop.ago(days[-1]) <= 7 and len(days) >= 50
        assert _usual_gap(days) <= 14
        assert name in by_revenue[:5]
        assert shop.customer(name)["Fit"] == "great"


def test_the_regular_who_went_quiet_is_the_only_overdue_regular(shop: Shop) -> None:
    days = shop.purchases(FACTS.quiet_regular)
    assert len(days) >= 20 and 12 <= _usual_gap(days) <= 16
    assert (days[-1] - days[0]).days >= 330
    assert 85 <= shop.ago(days[-1]) <= 100
    overdue = set()
    for name in shop.buys:
        days = shop.purchases(name)
        if len(days) >= 4:
            usual = _usual_gap(days)
            if shop.ago(days[-1]) > 2 * usual:
                overdue.add(name)
    assert overdue == {FACTS.quiet_regular}


def test_two_open_complaints_with_their_note(shop: Shop) -> None:
    open_ones = {c["Customer Name"] for c in shop.customers if c["Open complaint"] == "Yes"}
    assert open_ones == set(FACTS.open_complaints)
    for name in FACTS.open_complaints:
        row = shop.customer(name)
        assert isinstance(row["Complaints"], int) and row["Complaints"] >= 1
        assert str(row["Notes"]).startswith("Complaint:") and row["Email"]


def test_referrers_and_the_referrals_who_bought(shop: Shop) -> None:
    def resolve(typed: str) -> str:
        (who,) = [c["Customer Name"] for c in shop.customers if typed.casefold() in
                  (str(c["Email"]).casefold(), str(c["Customer Name"]).casefold())][:1]
        return str(who)

    typed = {str(c["Customer Name"]): str(c["Referred by"]) for c in shop.customers
             if c["Referred by"]}
    found: dict[str, set[str]] = defaultdict(set)
    for referral, by in typed.items():
        found[resolve(by)].add(referral)
    assert found == {k: set(v) for k, v in FACTS.referrers.items()}
    assert any("@" in by for by in typed.values()) and any("@" not in by for by in typed.values())
    for referrer, referrals in FACTS.referrers.items():
        for referral in referrals:
            assert shop.purchases(referral)[0] > shop.purchases(referrer)[0]
    (first,) = shop.purchases(FACTS.new_referral)
    assert shop.ago(first) <= 7
    assert resolve(typed[FACTS.new_referral]) == FACTS.new_referral_referrer
    assert 3 <= len(FACTS.referrers) <= 4


def test_the_drag_customer_costs_more_than_they_bring(shop: Shop) -> None:
    row = shop.customer(FACTS.drag)
    refunds = [a for _, a in shop.buys[FACTS.drag] if a < 0]
    assert len(refunds) >= 3
    assert isinstance(row["Complaints"], int) and row["Complaints"] >= 3
    assert isinstance(row["Support hours"], float) and row["Support hours"] >= 8
    assert row["Fit"] == "poor" and row["Open complaint"] == ""
    orders = [o for o in shop.orders if o["Customer Name"] == FACTS.drag]
    margin = sum(_money(o["Amount (£)"]) for o in orders) - sum(
        c for o in orders if isinstance(c := o["Cost (£)"], float))
    assert margin - 15 * row["Support hours"] < 0
    poor = {c["Customer Name"] for c in shop.customers if c["Fit"] == "poor"}
    assert poor == {FACTS.drag}


def test_customers_without_email_have_a_phone(shop: Shop) -> None:
    no_email = {c["Customer Name"] for c in shop.customers if not c["Email"]}
    assert no_email == set(FACTS.no_email) and len(no_email) >= 5
    for name in no_email:
        phone = str(shop.customer(str(name))["Phone"])
        assert re.fullmatch(r"0[17]\d{2,3} \d{3} ?\d{3,4}", phone)


def test_do_not_contact(shop: Shop) -> None:
    flagged = {c["Customer Name"] for c in shop.customers if c["Do not contact"] == "Yes"}
    assert flagged == set(FACTS.do_not_contact)
    assert {c["Do not contact"] for c in shop.customers} == {"Yes", ""}


def test_milestones_a_tenth_order_and_a_first_anniversary(shop: Shop) -> None:
    tenth = {name for name in shop.buys
             if len(days := shop.purchases(name)) >= 10 and shop.ago(days[9]) <= 30}
    assert tenth == {FACTS.tenth_order}
    days = shop.purchases(FACTS.tenth_order)
    assert len(days) == 10 and shop.ago(days[9]) <= 7
    year_ago = _year_before(shop.today)
    around = {name for name, buys in shop.buys.items() if abs((buys[0][0] - year_ago).days) <= 14}
    assert around == {FACTS.anniversary}
    assert shop.purchases(FACTS.anniversary)[0] == year_ago


def test_referral_is_the_channel_of_the_best_customers(shop: Shop) -> None:
    channel = {c["Customer Name"]: c["How did they find us"] for c in shop.customers}
    assert set(channel.values()) == set(CHANNELS)
    best = sorted(shop.buys, key=lambda n: -len(shop.buys[n]))[: len(shop.buys) // 5]
    everyone, top = Counter(channel[n] for n in shop.buys), Counter(channel[n] for n in best)
    lift = {c: (top[c] / len(best)) / (everyone[c] / len(shop.buys)) for c in CHANNELS}
    assert max(lift, key=lift.__getitem__) == FACTS.best_channel
    assert lift[FACTS.best_channel] >= 2 and lift["Instagram"] < 1


# --------------------------------------------------------------------------- messy cells


def test_dates_and_money_typed_as_text(shop: Shop) -> None:
    text_dates = [o["Order date"] for o in shop.orders if isinstance(o["Order date"], str)]
    dmy = [d for d in text_dates if re.fullmatch(r"\d\d/\d\d/\d{4}", str(d))]
    iso = [d for d in text_dates if re.fullmatch(r"\d{4}-\d\d-\d\d", str(d))]
    assert len(dmy) == 2 and len(iso) == 1 and len(text_dates) == 3
    assert all(int(str(d)[:2]) > 12 for d in dmy)  # day first, unambiguous
    text_money = [o["Amount (£)"] for o in shop.orders if isinstance(o["Amount (£)"], str)]
    assert sorted(text_money) == sorted(FACTS.text_money)


def test_a_blank_row_in_the_middle_of_orders(shop: Shop) -> None:
    rows = shop.tabs["Orders"]
    blanks = [i for i, row in enumerate(rows) if not any(row)]
    assert len(blanks) == 1 and len(rows) // 4 < blanks[0] < 3 * len(rows) // 4


def test_a_duplicate_customer_and_an_email_typo(shop: Shop) -> None:
    emails = Counter(str(c["Email"]).casefold() for c in shop.customers if c["Email"])
    assert [e for e, n in emails.items() if n > 1] == [FACTS.duplicate_emails[0]]
    rows = [c for c in shop.customers if c["Customer Name"] == FACTS.duplicate]
    assert {r["Email"] for r in rows} == set(FACTS.duplicate_emails)
    assert len({r["Customer ID"] for r in rows}) == 2
    bad = [c["Customer Name"] for c in shop.customers if c["Email"] and "@" not in str(c["Email"])]
    assert bad and shop.customer(str(bad[0]))["Email"] == FACTS.typo_email and len(bad) == 1
    assert any(o["Customer email"] == FACTS.typo_email for o in shop.orders)
