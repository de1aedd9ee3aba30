"""What scoring produces and what follow-ups, drafts and tabs consume (plain data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from toolkit.model import Customer, Problem

# Overlay names shown next to the segment.
NEW = "New"
ADVOCATE = "Advocate"
DRAG = "Drag"


@dataclass(frozen=True, slots=True)
class CustomerStats:
    """Per-customer aggregates. Day counts are whole days relative to `today`.

    `repeat_days` and `recency_age` follow the customer-value libraries' definitions
    (lifetimes / PyMC-Marketing): frequency = distinct purchase days - 1, recency = days
    from first to last purchase, age (`tenure_days`) = days from first purchase to today.
    """

    key: str
    orders: int
    revenue: float  # gross sales, refunds not deducted
    refunds: float  # positive number: money given back
    profit: float  # after cost of goods, refunds, discounts and cost to serve
    cost_to_serve: float  # support hours x hourly rate, refunds, discounts
    first_purchase: dt.date | None
    last_purchase: dt.date | None
    days_since: int | None
    usual_gap: float | None  # median days between purchase days; None with < 2 days
    tenure_days: int | None
    overdue_ratio: float | None  # days_since / usual_gap
    repeat_days: int
    recency_age: int | None
    last_product: str = ""
    favourite_product: str = ""
    referrals: tuple[str, ...] = ()  # keys of customers this one referred
    referrals_bought: int = 0
    referral_profit: float = 0.0
    order_dates: tuple[dt.date, ...] = ()  # distinct purchase days, oldest first
    # Added by the scoring branch (all optional, so older callers keep working).
    gross_margin: float = 0.0  # revenue x margin (or revenue - cost), before cost to serve
    discounts: float = 0.0
    support_cost: float = 0.0  # support hours x hourly rate
    first_product: str = ""
    referred_by_key: str = ""  # the customer who referred this one, when matched
    from_totals: bool = False  # figures come from Customers-tab totals, not orders


@dataclass(frozen=True, slots=True)
class ScoredCustomer:
    customer: Customer
    stats: CustomerStats
    rank: int  # 1 = best
    r: int  # 1..5
    f: int
    m: int
    score: float  # 0..100
    segment: str
    overlays: tuple[str, ...]
    why: str

    @property
    def key(self) -> str:
        return self.customer.key

    @property
    def is_drag(self) -> bool:
        return DRAG in self.overlays


@dataclass(frozen=True)
class Scoring:
    customers: tuple[ScoredCustomer, ...]  # best first
    small_list: bool  # absolute thresholds used instead of quintiles
    problems: tuple[Problem, ...] = ()
    # Added by the scoring branch: the shop's usual days between visits (median usual gap
    # of its regulars; 30 when fewer than 3 have one): the rhythm for one-time buyers.
    typical_gap: float = 30.0

    def by_key(self) -> dict[str, ScoredCustomer]:
        return {sc.key: sc for sc in self.customers}
