"""What the relationship is worth, and where the best customers came from. Pure.

Best customers (for "Find more like them") are the top 20% by rank of the customers who
have bought, drag customers left out, at least one. Lift compares them with every
customer who has bought: lift = (share of the group that is best) / (share of all buyers
that is best), so 3.1 means "3.1 times as likely to become a best customer". Groups of
fewer than `MIN_GROUP` buyers are left out (and counted); groups under `SOLID_GROUP` are
marked as a hint, not a pattern, and listed after the solid ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from toolkit.referrals import fold
from toolkit.scored import ScoredCustomer, Scoring
from toolkit.segments import DRAG_TAB, SEGMENT_NAMES, listed_segment
from toolkit.settings import Settings

TOP_SHARE = 0.2
MIN_GROUP = 3
SOLID_GROUP = 10
REFERRAL_SOURCE = "Referral"
_POSTCODE = re.compile(r"^([A-Za-z]{1,2})\d[A-Za-z\d]?(\s*\d[A-Za-z]{2})?$")
_TAG_SPLIT = re.compile(r"[,;|/]")


@dataclass(frozen=True)
class SegmentFigures:
    name: str
    customers: int
    revenue: float
    profit: float


@dataclass(frozen=True)
class Summary:
    customers: int
    buyers: int
    active: int  # bought within settings.active_days
    active_days: int
    top_count: int  # the top 20% of buyers by profit
    top_profit_share: float | None  # % of all profit they bring; None when profit <= 0
    total_revenue: float
    total_profit: float
    referral_value: float  # profit of referred customers who bought
    referred_buyers: int
    referrers: int
    drag_customers: int
    drag_cost: float  # their cost to serve (support, refunds, discounts)
    segments: tuple[SegmentFigures, ...]  # every segment (and the drag list), best first


def _buyers(scoring: Scoring) -> list[ScoredCustomer]:
    return [sc for sc in scoring.customers if sc.stats.orders > 0]


def listed_groups(scoring: Scoring) -> dict[str, list[ScoredCustomer]]:
    """Customers by the tab that lists them (every segment, then the drag list), by rank."""
    groups: dict[str, list[ScoredCustomer]] = {name: [] for name in (*SEGMENT_NAMES, DRAG_TAB)}
    for sc in scoring.customers:
        groups[listed_segment(sc)].append(sc)
    return groups


def summarise(scoring: Scoring, settings: Settings,
              groups: dict[str, list[ScoredCustomer]] | None = None) -> Summary:
    """Headline figures; `groups` from `listed_groups` when the caller has them already.
    Each total is one `sum` over a list, added up in customer order."""
    groups = listed_groups(scoring) if groups is None else groups
    stats = [sc.stats for sc in scoring.customers]
    buyers = [st for st in stats if st.orders > 0]
    profits = sorted([st.profit for st in buyers], reverse=True)
    top_count = math.ceil(TOP_SHARE * len(buyers))
    total_profit = sum([st.profit for st in stats])
    top_profit = sum(profits[:top_count])
    share = round(100.0 * top_profit / total_profit, 1) if total_profit > 0 else None
    drag = groups[DRAG_TAB]
    referred = [st.referrals_bought for st in stats]
    return Summary(
        customers=len(stats),
        buyers=len(buyers),
        active=sum([1 for st in buyers if st.days_since is not None
                    and st.days_since <= settings.active_days]),
        active_days=settings.active_days,
        top_count=top_count,
        top_profit_share=share,
        total_revenue=round(sum([st.revenue for st in stats]), 2),
        total_profit=round(total_profit, 2),
        referral_value=round(sum([st.referral_profit for st in stats]), 2),
        referred_buyers=sum(referred),
        referrers=sum([1 for bought in referred if bought]),
        drag_customers=len(drag),
        drag_cost=round(sum([sc.stats.cost_to_serve for sc in drag]), 2),
        segments=tuple(
            SegmentFigures(name, len(members),
                           round(sum([sc.stats.revenue for sc in members], 0.0), 2),
                           round(sum([sc.stats.profit for sc in members], 0.0), 2))
            for name, members in groups.items()),
    )


def best_customers(scoring: Scoring) -> list[ScoredCustomer]:
    """The top 20% (at least one) of the buyers by rank, drag customers left out."""
    candidates = [sc for sc in _buyers(scoring) if not sc.is_drag]
    if not candidates:
        return []
    return candidates[:max(1, math.ceil(TOP_SHARE * len(candidates)))]


# --------------------------------------------------------------------- find more like them


@dataclass(frozen=True)
class Lift:
    attribute: str  # Source, Town, First product, Tag
    value: str
    customers: int  # buyers in the group
    best: int  # best customers in the group
    lift: float
    small: bool
    reading: str


@dataclass(frozen=True)
class _Attribute:
    """Where customers come from, one way: its values for a customer come from a few of
    the customer's fields (`fields`, a hashable key), so they are worked out once per
    distinct key (towns, sources and tags repeat across thousands of customers)."""

    name: str
    fields: Callable[[ScoredCustomer], Hashable]
    values: Callable[[Any], tuple[str, ...]]  # from what `fields` gave


def _source(fields: tuple[str, str, str]) -> tuple[str, ...]:
    source, referred_by, referrer_key = fields
    source = source.strip()
    if not source and (referred_by.strip() or referrer_key):
        source = REFERRAL_SOURCE
    return (source,) if source else ()


def _place(town: str) -> tuple[str, ...]:
    town = town.strip()
    match = _POSTCODE.match(town)
    if match:
        return (f"postcode area {match.group(1).upper()}",)
    return (town,) if town else ()


def _first_product(product: str) -> tuple[str, ...]:
    return (product,) if product else ()


def _tags(tags: str) -> tuple[str, ...]:
    if not tags:
        return ()
    seen: dict[str, str] = {}
    for tag in _TAG_SPLIT.split(tags):
        if tag.strip():
            seen.setdefault(tag.strip().casefold(), tag.strip())
    return tuple(seen.values())


ATTRIBUTES: tuple[_Attribute, ...] = (
    _Attribute("Source", attrgetter("customer.source", "customer.referred_by",
                                    "stats.referred_by_key"), _source),
    _Attribute("Town", attrgetter("customer.town"), _place),
    _Attribute("First product", attrgetter("stats.first_product"), _first_product),
    _Attribute("Tag", attrgetter("customer.tags"), _tags),
)


def _subject(attribute: str, value: str) -> str:
    if attribute == "Source":
        return f"{value} customers"
    if attribute == "Town":
        return f"Customers in {value}"
    if attribute == "First product":
        return f"Customers whose first purchase was {value}"
    return f"Customers tagged {value}"


def _reading(attribute: str, value: str, customers: int, best: int, lift: float) -> str:
    subject = _subject(attribute, value)
    if best == 0:
        text = f"{subject}: none of {customers} has become a best customer yet"
    elif lift >= 1.1:
        text = f"{subject} are {lift:.1f}x as likely to become best customers"
    elif lift <= 0.9:
        text = f"{subject} are less likely to become best customers ({lift:.1f}x)"
    else:
        text = f"{subject} are about as likely as anyone to become best customers"
    if customers < SOLID_GROUP:
        text += f" (only {customers} customers: a hint, not a pattern)"
    return text[:1].upper() + text[1:]


def find_more_like_them(scoring: Scoring) -> tuple[tuple[Lift, ...], int]:
    """Groups by attribute value, best first, and how many tiny groups were left out."""
    buyers = _buyers(scoring)
    best = {id(sc) for sc in best_customers(scoring)}
    if not buyers or not best:
        return (), 0
    base = len(best) / len(buyers)
    is_best = [id(sc) in best for sc in buyers]
    lifts: list[Lift] = []
    tiny = 0
    for attribute in ATTRIBUTES:
        # folded value -> [value as first seen, customers, best customers]
        groups: dict[str, list[Any]] = {}
        known: dict[Hashable, tuple[tuple[str, str], ...]] = {}  # fields -> (folded, value)s
        for fields, in_best in zip(map(attribute.fields, buyers), is_best, strict=True):
            values = known.get(fields)
            if values is None:
                values = known[fields] = tuple((fold(v), v) for v in attribute.values(fields))
            for text, value in values:
                tally = groups.get(text)
                if tally is None:
                    groups[text] = [value, 1, int(in_best)]
                else:
                    tally[1] += 1
                    tally[2] += in_best
        if len(groups) < 2:
            continue  # one value for everyone says nothing
        for shown, customers, in_best_count in groups.values():
            if customers < MIN_GROUP:
                tiny += 1
                continue
            lift = round(in_best_count / customers / base, 2)
            lifts.append(Lift(attribute.name, shown, customers, in_best_count, lift,
                              customers < SOLID_GROUP,
                              _reading(attribute.name, shown, customers, in_best_count, lift)))
    order = {attribute.name: index for index, attribute in enumerate(ATTRIBUTES)}
    lifts.sort(key=lambda x: (x.small, -x.lift, -x.best, order[x.attribute], fold(x.value)))
    return tuple(lifts), tiny


def attributes_present(scoring: Scoring) -> Sequence[str]:
    """The attributes the sheet has a value for (for the 'nothing to compare' message)."""
    return [a.name for a in ATTRIBUTES
            if any(a.values(a.fields(sc)) for sc in scoring.customers)]
