"""Per-customer figures: orders, money, rhythm, products and referrals. Pure: no I/O.

The time figures follow the customer-value libraries (lifetimes'
`summary_data_from_transaction_data` with daily periods, PyMC-Marketing's `rfm_summary`):
- frequency (`repeat_days`): distinct purchase days minus one (repeat purchase periods);
- recency (`recency_age`): days from the first to the last purchase (0 with one day);
- age T (`tenure_days`): days from the first purchase to `today`.
Refund rows (negative amounts) are money given back, not purchases, so they count in
neither; orders dated after `today` are left out and reported.

Profit = gross margin - cost to serve, where gross margin is amount - cost per order when
the order has a cost, else amount x the default margin from Settings, and cost to serve
is support hours x hourly rate + refunds + discounts (a discount is read as money given
away on top of the amount). A customer with no orders on the Orders tab is taken from
the totals typed on the Customers tab (orders, total spent, first/last purchase,
refunds); their usual gap is then the average gap (last - first) / (orders - 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from operator import attrgetter, sub

from toolkit.model import Customer, Dataset, Order, Problem
from toolkit.records import maker, replacer
from toolkit.referrals import match_referrals
from toolkit.scored import CustomerStats
from toolkit.settings import Settings


def customer_stats(dataset: Dataset, today: dt.date, settings: Settings
                   ) -> dict[str, CustomerStats]:
    """Figures per customer key (every customer of the dataset has an entry)."""
    return stats_with_problems(dataset, today, settings)[0]


def stats_with_problems(dataset: Dataset, today: dt.date, settings: Settings
                        ) -> tuple[dict[str, CustomerStats], tuple[Problem, ...]]:
    """`customer_stats` plus the problems met (referrals not matched, future orders...)."""
    known = set(map(_CUSTOMER_KEY, dataset.customers))
    grouped, problems = _group_orders(dataset.orders, known, today)
    referrals = match_referrals(dataset.customers)
    referrer_of = referrals.referrer_of  # known before the figures: given as each is made
    base: dict[str, CustomerStats] = {}
    for customer in dataset.customers:
        key = customer.key
        orders = grouped.get(key, ())
        referrer = referrer_of.get(key, "")
        stats = _from_orders(customer, orders, today, settings, referrer) if orders else None
        if stats is None:
            stats = _from_totals(customer, orders, today, settings, problems, referrer)
        base[key] = stats
    for key, referred in referrals.referred.items():  # needs the figures of the referred
        bought = [base[k] for k in referred if base[k].orders > 0]
        base[key] = _with(
            base[key], referrals=referred, referrals_bought=len(bought),
            referral_profit=round(sum(s.profit for s in bought), 2))
    return base, (*problems, *referrals.problems)


_with = replacer(CustomerStats)  # dataclasses.replace, without its per-call field look


def _group_orders(orders: Iterable[Order], known: set[str], today: dt.date
                  ) -> tuple[dict[str, list[Order]], list[Problem]]:
    grouped: dict[str, list[Order]] = {}
    problems: list[Problem] = []
    strangers = 0
    plain_date = dt.date
    for order in orders:
        key = order.customer_key
        if key not in known:
            strangers += 1
            continue
        date = order.date
        if type(date) is not plain_date and isinstance(date, dt.datetime):
            order = replace(order, date=date.date())
            date = order.date
        if date > today:
            problems.append(Problem(
                tab=order.tab or "Orders", row=order.row or None, column="Date",
                value=date.isoformat(), problem="this order is dated after today",
                action="left it out of the scores; fix the date if it is a typo"))
            continue
        group = grouped.get(key)
        if group is None:
            grouped[key] = [order]
        else:
            group.append(order)
    if strangers:
        problems.append(Problem(
            tab="Orders", row=None, column="Customer", value=str(strangers),
            problem=f"{strangers} order rows belong to no customer on the list",
            action="left them out of the scores"))
    return grouped, problems


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# (orders, revenue, refunds, discounts, gross margin): a plain tuple, made once per customer
_Money = tuple[int, float, float, float, float]


_DATE, _ROW = attrgetter("date"), attrgetter("row")
_CUSTOMER_KEY = attrgetter("key")
_new_stats = maker(CustomerStats)  # CustomerStats(*every field), made 3x faster


def _from_orders(customer: Customer, orders: Sequence[Order], today: dt.date,
                 settings: Settings, referrer: str) -> CustomerStats | None:
    """Figures from order rows (plain dates, none after today); None with no purchase.
    Runs once per customer over every order: sums are kept in the order written below
    (the same floats whatever the machine)."""
    margin = settings.default_margin / 100.0
    refunds = discounts = revenue = gross = 0.0
    purchases: list[Order] = []
    for order in orders:
        discount = order.discount
        if discount:
            discounts += abs(discount)
        amount = order.amount
        if amount < 0:
            refunds -= amount
        else:
            purchases.append(order)
    if not purchases:
        return None
    if len(purchases) > 1:  # by date, then sheet row: two stable sorts, no key tuples
        purchases.sort(key=_ROW)
        purchases.sort(key=_DATE)
    seen_ids: set[str] | None = None
    count = 0
    days: list[dt.date] = []
    products: list[str] = []
    last_day = None
    for order in purchases:
        amount = order.amount
        revenue += amount
        cost = order.cost
        gross += amount - cost if cost is not None else amount * margin
        date = order.date
        if date != last_day:
            days.append(date)
            last_day = date
        if order.product:
            products.append(order.product.strip())
        order_id = order.order_id
        if order_id:
            if seen_ids is None:
                seen_ids = {order_id}
            elif order_id in seen_ids:
                continue  # another item row of an order already counted
            else:
                seen_ids.add(order_id)
        count += 1
    if not refunds and customer.refunds > 0:
        refunds = float(customer.refunds)  # typed on the Customers tab, none in the orders
    money = (count, revenue, refunds, discounts, gross)
    named = (products[0], products[-1], _favourite(products)) if products else ("", "", "")
    return _finish(customer, money, days[0], days[-1], _median_gap(days), len(days) - 1,
                   today, settings, order_dates=tuple(days), products=named,
                   referrer=referrer)


def _median_gap(days: Sequence[dt.date]) -> float | None:
    """Median days between consecutive purchase days; None with fewer than two days."""
    if len(days) < 3:
        return float((days[1] - days[0]).days) if len(days) == 2 else None
    gaps: list[dt.timedelta] = sorted(map(sub, days[1:], days[:-1]))  # whole days
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return float(gaps[middle].days)
    return (gaps[middle - 1].days + gaps[middle].days) / 2.0


def _favourite(products: Sequence[str]) -> str:
    """The product bought most often; on a tie, the one bought most recently."""
    recent = dict.fromkeys(reversed(products))  # each product once, newest first
    if len(recent) == len(products):
        return products[-1]  # each bought once: the last one
    return max(recent, key=products.count)  # max keeps the first (newest) of a tie


def _from_totals(customer: Customer, orders: Sequence[Order], today: dt.date,
                 settings: Settings, problems: list[Problem], referrer: str
                 ) -> CustomerStats:
    first = _not_future(customer, customer.first_purchase, "First purchase", today, problems)
    last = _not_future(customer, customer.last_purchase, "Last purchase", today, problems)
    spent = max(float(customer.total_spent or 0.0), 0.0)
    count = customer.total_orders
    if count is None:
        count = 1 if spent > 0 or first or last else 0
    count = max(count, 0)
    if first and last and first > last:
        problems.append(Problem(
            tab=customer.tab or "Customers", row=customer.row or None, column="First purchase",
            value=first.isoformat(), problem="the first purchase is after the last purchase",
            action="used the last purchase only; check the two dates"))
        first = None
    if count == 1:
        first = first or last
        last = last or first
    usual_gap = None
    if count >= 2 and first and last and last > first:
        usual_gap = round((last - first).days / (count - 1), 1)
    order_refunds = -sum(o.amount for o in orders)
    money = (count, spent, float(order_refunds or max(customer.refunds, 0.0)),
             float(sum(abs(o.discount) for o in orders)),
             spent * settings.default_margin / 100.0)
    dates = tuple(sorted({d for d in (first, last) if d is not None}))
    return _finish(customer, money, first, last, usual_gap, max(count - 1, 0), today, settings,
                   order_dates=dates, from_totals=count > 0, referrer=referrer)


def _not_future(customer: Customer, value: dt.date | None, column: str, today: dt.date,
                problems: list[Problem]) -> dt.date | None:
    if value is None:
        return None
    day = _day(value)
    if day <= today:
        return day
    problems.append(Problem(
        tab=customer.tab or "Customers", row=customer.row or None, column=column,
        value=day.isoformat(), problem="this date is after today",
        action="ignored it when scoring; fix the date if it is a typo"))
    return None


def _finish(customer: Customer, money: _Money,
            first: dt.date | None, last: dt.date | None, usual_gap: float | None,
            repeat_days: int, today: dt.date, settings: Settings,
            *, order_dates: tuple[dt.date, ...], products: tuple[str, str, str] = ("", "", ""),
            from_totals: bool = False, referrer: str = "") -> CustomerStats:
    """The figures every customer has; `products` is (first, last, favourite), `referrer`
    the key of the customer who referred them ("" when none is matched).
    Amounts are rounded to cents; most customers have no refunds, discounts or support,
    and a zero needs no rounding (round(0.0, 2) is 0.0, and -0.0 stays -0.0)."""
    hours = customer.support_hours
    support = float(hours * settings.hourly_rate) if hours > 0 else 0.0
    orders, revenue, refunds, discounts, gross_margin = money
    cost_to_serve = support + refunds + discounts
    days_since = (today - last).days if last else None
    overdue = None
    if days_since is not None and usual_gap:
        overdue = round(days_since / usual_gap, 2)
    return _new_stats(
        customer.key,  # key
        orders,
        round(revenue, 2),
        round(refunds, 2) if refunds else refunds,
        round(gross_margin - cost_to_serve, 2),  # profit
        round(cost_to_serve, 2) if cost_to_serve else cost_to_serve,
        first,  # first_purchase
        last,  # last_purchase
        days_since,
        usual_gap,
        (today - first).days if first else None,  # tenure_days
        overdue,  # overdue_ratio
        repeat_days if orders else 0,  # repeat_days
        (last - first).days if first and last else None,  # recency_age
        products[1],  # last_product
        products[2],  # favourite_product
        (), 0, 0.0,  # referrals, referrals_bought, referral_profit (added later)
        order_dates,
        round(gross_margin, 2),
        round(discounts, 2) if discounts else discounts,
        round(support, 2) if support else support,  # support_cost
        products[0],  # first_product
        referrer,  # referred_by_key
        from_totals,
    )
