"""Plain words for the owner: money, days, spans and the "why" behind each rank. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from toolkit.model import Customer
from toolkit.scored import CustomerStats
from toolkit.settings import Settings

# Score parts, in the order used to break ties between equally large contributions.
RECENCY = "recency"
FREQUENCY = "frequency"
PROFIT = "profit"
REFERRALS = "referrals"
TENURE = "tenure"
FIT = "fit"
PARTS = (PROFIT, FREQUENCY, REFERRALS, RECENCY, TENURE, FIT)
# Frequency and loyalty are told by "N orders in <time>", recency by its own clause.
_HEAD_PARTS = (PROFIT, REFERRALS, FIT)
NOTABLE_DRAG = 3.0  # points of drag from which refunds, support and discounts are named


def money(amount: float, currency: str) -> str:
    """'GBP 620', '$45.50', '-EUR 1,200': whole units from 100 up, cents below."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    text = f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.2f}"
    symbol = currency.strip()
    if not symbol:
        return sign + text
    if len(symbol) == 1 and not symbol.isalpha():
        return f"{sign}{symbol}{text}"
    return f"{sign}{symbol} {text}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


@lru_cache(maxsize=4096, typed=True)
def days_ago(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days <= 60:
        return f"{days} days ago"
    if days < 365:
        return f"about {days // 30} months ago"
    years = days // 365
    return "over a year ago" if years == 1 else f"over {years} years ago"


@lru_cache(maxsize=4096, typed=True)
def span(days: int) -> str:
    """How long a stretch of days reads: '5 days', '3 weeks', '8 months', 'a year'."""
    if days < 14:
        return plural(max(days, 1), "day")
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 350:
        return f"{max(round(days / 30.4), 2)} months"
    years = round(days / 365)
    return "a year" if years <= 1 else f"{years} years"


def _orders_phrase(stats: CustomerStats) -> str:
    if stats.orders == 1:
        return "one order so far"
    if stats.tenure_days is None:
        return f"{stats.orders} orders"
    if stats.repeat_days == 0:
        return f"{stats.orders} orders on one day"
    return f"{stats.orders} orders in {span(stats.tenure_days)}"


def _part_phrase(part: str, customer: Customer, stats: CustomerStats, currency: str) -> str:
    if part == PROFIT and stats.profit:
        word = "profit" if stats.profit > 0 else "loss"
        return f"{money(abs(stats.profit), currency)} {word}"
    if part == REFERRALS and stats.referrals_bought:
        brought = "brought " + plural(stats.referrals_bought, "customer")
        if stats.referral_profit > 0:
            brought += f" ({money(stats.referral_profit, currency)})"
        return brought
    if part == FIT and customer.fit.strip().casefold() == "great":
        return "a great fit"
    return ""


def _recency_clause(stats: CustomerStats, settings: Settings) -> str:
    if stats.days_since is None:
        return ""
    if stats.orders <= 1 or stats.usual_gap is None:
        return f"bought {days_ago(stats.days_since)}"
    gap = round(stats.usual_gap)
    clause = f"last visit {days_ago(stats.days_since)}, usually every {plural(gap, 'day')}"
    if stats.overdue_ratio is not None and stats.overdue_ratio >= settings.overdue_factor:
        clause += " (overdue)"
    return clause


def drag_facts(customer: Customer, stats: CustomerStats, currency: str) -> list[str]:
    """What weighs on a customer, in plain words ('2 complaints (one open)', ...)."""
    return _conduct_facts(customer) + _cost_facts(customer, stats, currency)


def _conduct_facts(customer: Customer) -> list[str]:
    facts: list[str] = []
    if customer.complaints > 0:
        text = plural(customer.complaints, "complaint")
        facts.append(text + (" (one open)" if customer.open_complaint else ""))
    elif customer.open_complaint:
        facts.append("an open complaint")
    if customer.fit.strip().casefold() == "poor":
        facts.append("marked a poor fit")
    return facts


def _cost_facts(customer: Customer, stats: CustomerStats, currency: str) -> list[str]:
    facts: list[str] = []
    if stats.refunds > 0:
        facts.append(f"{money(stats.refunds, currency)} refunded")
    if customer.support_hours > 0:
        hours = customer.support_hours
        facts.append(f"{hours:g} {'hour' if hours == 1 else 'hours'} of support")
    if stats.discounts > 0:
        facts.append(f"{money(stats.discounts, currency)} in discounts")
    return facts


def why_text(customer: Customer, stats: CustomerStats, points: Mapping[str, float],
             drag_points: float, settings: Settings) -> str:
    """One line: the facts behind the largest contributions, then rhythm, then drag."""
    currency = settings.currency
    if stats.orders <= 0:
        head = ["no purchases yet"]
        head += [p for p in (_part_phrase(REFERRALS, customer, stats, currency),) if p]
    else:
        head = [_orders_phrase(stats)]
        # The two largest parts with something to say; equal points keep the order of
        # _HEAD_PARTS. (Each part's phrase is empty unless its fact holds, so the phrase
        # is only made where it does.)
        said: list[tuple[float, int, str]] = []
        for position, part in enumerate(_HEAD_PARTS):
            value = points.get(part, 0.0)
            if value <= 0 and part != PROFIT:
                continue
            if (part == PROFIT and not stats.profit) or (
                    part == REFERRALS and not stats.referrals_bought) or (
                    part == FIT and customer.fit.strip().casefold() != "great"):
                continue
            said.append((-value, position, _part_phrase(part, customer, stats, currency)))
        if len(said) > 1:
            said.sort()
        head += [phrase for _, _, phrase in said[:2]]
    clauses = [", ".join(head)]
    recency = _recency_clause(stats, settings)
    if recency:
        clauses.append(recency)
    facts = _conduct_facts(customer)
    if drag_points >= NOTABLE_DRAG:
        facts += _cost_facts(customer, stats, currency)
    if facts:
        clauses.append("but " + ", ".join(facts[:3]))
    text = "; ".join(clauses)
    return text[:1].upper() + text[1:]
