"""Plain words for the owner: money, days, spans and the "why" behind each rank. Pure."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from toolkit.model import Customer
from toolkit.scored import CustomerStats
from toolkit.settings import Settings

# The why names the two largest of the profit, referral and fit parts of the score (in
# that order on a tie); frequency and loyalty are told by "N orders in <time>", recency
# by its own clause.
NOTABLE_DRAG = 3.0  # points of drag from which refunds, support and discounts are named


def money(amount: float, currency: str) -> str:
    """'GBP 620', '$45.50', '-EUR 1,200': whole units from 100 up, cents below."""
    return money_format(currency)(amount)


@lru_cache(maxsize=64)
def money_format(currency: str) -> Callable[[float], str]:
    """`money(amount, currency)` for one currency, its symbol looked at once."""
    symbol = currency.strip()
    if not symbol:
        prefix = ""
    elif len(symbol) == 1 and not symbol.isalpha():
        prefix = symbol  # '$45.50'
    else:
        prefix = symbol + " "  # 'GBP 620'

    def format_money(amount: float) -> str:
        value = abs(amount)
        # Whole units as f"{value:,.0f}" (round() rounds half to even as it does, and an
        # int formats faster); cents only under 100, so no thousands to separate.
        whole = value >= 100 or value == int(value)
        text = f"{round(value):,}" if whole else f"{value:.2f}"
        return f"-{prefix}{text}" if amount < 0 else prefix + text

    return format_money


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
    """How many orders in how long, written to open the line (capitalised)."""
    if stats.orders == 1:
        return "One order so far"
    if stats.tenure_days is None:
        return f"{stats.orders} orders"
    if stats.repeat_days == 0:
        return f"{stats.orders} orders on one day"
    return f"{stats.orders} orders in {span(stats.tenure_days)}"


def _recency_clause(stats: CustomerStats, overdue_factor: float) -> str:
    days_since = stats.days_since
    if days_since is None:
        return ""
    if stats.orders <= 1 or stats.usual_gap is None:
        return "bought " + days_ago(days_since)
    gap = round(stats.usual_gap)
    clause = f"last visit {days_ago(days_since)}, usually every {plural(gap, 'day')}"
    if stats.overdue_ratio is not None and stats.overdue_ratio >= overdue_factor:
        clause += " (overdue)"
    return clause


def drag_facts(customer: Customer, stats: CustomerStats, currency: str) -> list[str]:
    """What weighs on a customer, in plain words ('2 complaints (one open)', ...)."""
    return [*_conduct_facts(customer.complaints, customer.open_complaint, customer.fit),
            *_cost_facts(stats.refunds, customer.support_hours, stats.discounts, currency)]


# Many customers are alike in what weighs on them: each set of facts is worded once.
@lru_cache(maxsize=1024, typed=True)
def _conduct_facts(complaints: int, open_complaint: bool, fit: str) -> tuple[str, ...]:
    facts: list[str] = []
    if complaints > 0:
        text = plural(complaints, "complaint")
        facts.append(text + (" (one open)" if open_complaint else ""))
    elif open_complaint:
        facts.append("an open complaint")
    if fit.strip().casefold() == "poor":
        facts.append("marked a poor fit")
    return tuple(facts)


@lru_cache(maxsize=4096, typed=True)
def _cost_facts(refunds: float, support_hours: float, discounts: float, currency: str
                ) -> tuple[str, ...]:
    facts: list[str] = []
    if refunds > 0:
        facts.append(f"{money(refunds, currency)} refunded")
    if support_hours > 0:
        hours = support_hours
        facts.append(f"{hours:g} {'hour' if hours == 1 else 'hours'} of support")
    if discounts > 0:
        facts.append(f"{money(discounts, currency)} in discounts")
    return tuple(facts)


class WhyWriter:
    """The "why" behind each customer's rank, for the customers of one run (the settings
    are read once)."""

    def __init__(self, settings: Settings) -> None:
        self.currency = settings.currency
        self.money = money_format(settings.currency)
        self.overdue_factor = settings.overdue_factor

    def line(self, customer: Customer, stats: CustomerStats, profit_points: float,
             referral_points: float, fit_points: float, drag_points: float) -> str:
        """The why, from the points the profit, referral and fit parts earned and the
        points drag took off."""
        referral = ""
        if stats.referrals_bought:
            referral = "brought " + plural(stats.referrals_bought, "customer")
            if stats.referral_profit > 0:
                referral += f" ({self.money(stats.referral_profit)})"
        if stats.orders <= 0:
            head = "No purchases yet, " + referral if referral else "No purchases yet"
        else:
            # The two largest of profit, referrals and fit with something to say; equal
            # points keep that order. Profit speaks even without points.
            said: list[tuple[float, int, str]] = []
            profit = stats.profit
            if profit:
                said.append((-profit_points, 0, self.money(abs(profit)) + (
                    " profit" if profit > 0 else " loss")))
            if referral_points > 0 and referral:
                said.append((-referral_points, 1, referral))
            fit = customer.fit
            if fit_points > 0 and fit and fit.strip().casefold() == "great":
                said.append((-fit_points, 2, "a great fit"))
            head = _orders_phrase(stats)
            if len(said) > 1:
                said.sort()
                head = f"{head}, {said[0][2]}, {said[1][2]}"
            elif said:
                head = f"{head}, {said[0][2]}"
        recency = _recency_clause(stats, self.overdue_factor)
        facts = _conduct_facts(customer.complaints, customer.open_complaint, customer.fit)
        if drag_points >= NOTABLE_DRAG:
            facts += _cost_facts(stats.refunds, customer.support_hours, stats.discounts,
                                 self.currency)
        if facts:
            but = "but " + ", ".join(facts[:3])
            return f"{head}; {recency}; {but}" if recency else f"{head}; {but}"
        return f"{head}; {recency}" if recency else head
