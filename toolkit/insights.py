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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    return _best_of(_buyers(scoring))


def _best_of(buyers: list[ScoredCustomer]) -> list[ScoredCustomer]:
    candidates = [sc for sc in buyers if not sc.is_drag]
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


def _keys(customers: Sequence[ScoredCustomer]) -> list[list[str]]:
    """For each attribute of ATTRIBUTES, each customer's key: the text the customer's
    values of it come from (the Source as typed; when blank, "Referral" for a referred
    customer). One plain comprehension per field: the quickest way to read a field of
    many records (faster than `map(attrgetter(...))` or one pass building tuples)."""
    return [
        [source if (source := sc.customer.source).strip() else _referral(sc)
         for sc in customers],
        [sc.customer.town for sc in customers],
        [sc.stats.first_product for sc in customers],
        [sc.customer.tags for sc in customers],
    ]


def _referral(sc: ScoredCustomer) -> str:
    referred = sc.customer.referred_by.strip() or sc.stats.referred_by_key
    return REFERRAL_SOURCE if referred else ""


def _source(key: str) -> tuple[str, ...]:
    source = key.strip()
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


# Each attribute's values for a customer, from the customer's key (see _keys): worked
# out once per distinct key, as towns, sources and tags repeat across many customers.
ATTRIBUTES: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("Source", _source), ("Town", _place), ("First product", _first_product), ("Tag", _tags),
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
    best = _best_of(buyers)
    if not buyers or not best:
        return (), 0
    base = len(best) / len(buyers)
    lifts: list[Lift] = []
    tiny = 0
    for (attribute, values_of), keys, best_keys in zip(ATTRIBUTES, _keys(buyers), _keys(best),
                                                       strict=True):
        everyone = Counter(keys)  # keys in order of first appearance
        among_best = Counter(best_keys)
        # folded value -> [value as first seen, customers, best customers]; a customer
        # counts once per value their key gives (as many times as it gives it)
        groups: dict[str, list[Any]] = {}
        for key, customers in everyone.items():
            for value in values_of(key):
                tally = groups.setdefault(fold(value), [value, 0, 0])
                tally[1] += customers
                tally[2] += among_best[key]
        if len(groups) < 2:
            continue  # one value for everyone says nothing
        for shown, customers, in_best in groups.values():
            if customers < MIN_GROUP:
                tiny += 1
                continue
            lift = round(in_best / customers / base, 2)
            lifts.append(Lift(attribute, shown, customers, in_best, lift,
                              customers < SOLID_GROUP,
                              _reading(attribute, shown, customers, in_best, lift)))
    order = {name: index for index, (name, _) in enumerate(ATTRIBUTES)}
    lifts.sort(key=lambda x: (x.small, -x.lift, -x.best, order[x.attribute], fold(x.value)))
    return tuple(lifts), tiny


def attributes_present(scoring: Scoring) -> Sequence[str]:
    """The attributes the sheet has a value for (for the 'nothing to compare' message)."""
    return [name for (name, values_of), keys in zip(ATTRIBUTES, _keys(scoring.customers),
                                                    strict=True)
            if any(values_of(key) for key in set(keys))]
