"""Why reach out to someone today: the reasons and the occasions that are due (pure).

An occasion is one thing worth a personal note (a first purchase, a complaint, a 10th
order...). Its draft id, "reason:customer key:occasion", is stable, so each occasion is
drafted once, ever. This module only says what is *due*; the rules that keep the list few
and personal (cool-down, cap, one per customer) live in `toolkit.followups`.

Periodic asks (ask_referral for a Champion, invite_feedback for a Loyal customer) are due
when no draft of that reason was marked sent or skip within the Settings interval; an
expired ask does not count. Check-ins stay due from `overdue_factor` x gap until twice that
(at least 60 days more), so someone gone for years is not suddenly asked how they are.
Milestones: every `milestone_orders`-th order reached in the last 14 days, and each
anniversary of the first purchase (3 days before to 7 after) for a customer with 2+
orders who bought within the last year.

Who is left out here: customers marked do-not-contact get nothing at all (not even a
Follow-ups line: do-not-contact is honoured everywhere, including phone calls), and drag
customers get no email reason, only a `review_fit` line for the owner to decide.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from toolkit.drafts import ordinal
from toolkit.ledger import Ledger
from toolkit.model import Dataset
from toolkit.scored import ScoredCustomer, Scoring
from toolkit.settings import Settings

THANK_FIRST = "thank_first"
LISTEN_COMPLAINT = "listen_complaint"
CHECK_IN = "check_in"
THANK_REFERRER = "thank_referrer"
ASK_REFERRAL = "ask_referral"
INVITE_FEEDBACK = "invite_feedback"
MILESTONE = "milestone"
REVIEW_FIT = "review_fit"
EMAIL_REASONS = (THANK_FIRST, LISTEN_COMPLAINT, CHECK_IN, THANK_REFERRER, ASK_REFERRAL,
                 INVITE_FEEDBACK, MILESTONE)

LABELS = {
    THANK_FIRST: "Thank a new customer",
    LISTEN_COMPLAINT: "Listen to a complaint",
    CHECK_IN: "Check in: gone quiet",
    THANK_REFERRER: "Thank them for a referral",
    ASK_REFERRAL: "Ask for an introduction or review",
    INVITE_FEEDBACK: "Invite their ideas",
    MILESTONE: "Celebrate a milestone",
    REVIEW_FIT: "Review the fit (no email)",
}
# How pressing each reason is; the customer's score (0-100) adds up to 30 more, so an open
# complaint always comes first and a valuable regular can overtake a small first order.
URGENCY = {
    LISTEN_COMPLAINT: 130.0, THANK_FIRST: 80.0, THANK_REFERRER: 75.0, CHECK_IN: 60.0,
    MILESTONE: 55.0, ASK_REFERRAL: 40.0, INVITE_FEEDBACK: 35.0, REVIEW_FIT: 0.0,
}
SCORE_WEIGHT = 0.3
CHAMPION = "Champion"
LOYAL = "Loyal"
MILESTONE_RECENT_DAYS = 14  # an order milestone reached within this many days is due
ANNIVERSARY_BEFORE_DAYS = 3  # an anniversary is due from 3 days before ...
ANNIVERSARY_AFTER_DAYS = 7  # ... to 7 days after
CHECK_IN_GRACE_DAYS = 120  # a check-in stays due at least this long after the overdue point
DEFAULT_SHOP_GAP = 30.0  # typical gap when no customer has bought twice yet


@dataclass(frozen=True)
class Occasion:
    reason: str
    customer_key: str
    occasion: str  # "2026-11-10", "complaint-2", a friend's key, "order-10", "year-1", ...
    why_now: str
    priority: float
    friend_name: str = ""
    order_number: int = 0
    years: int = 0

    @property
    def draft_id(self) -> str:
        return f"{self.reason}:{self.customer_key}:{self.occasion}"


def ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def shop_gap(scoring: Scoring) -> float:
    """The shop's typical gap between purchases: the median of customers' usual gaps."""
    gaps = [sc.stats.usual_gap for sc in scoring.customers
            if sc.stats.usual_gap is not None and sc.stats.usual_gap > 0]
    return float(statistics.median(gaps)) if gaps else DEFAULT_SHOP_GAP


def _within(day: dt.date | None, today: dt.date, days: int) -> bool:
    return day is not None and 0 <= (today - day).days <= days


def _order_dates(dataset: Dataset) -> dict[str, list[dt.date]]:
    """Each customer's purchase dates (refunds left out), oldest first."""
    dates: dict[str, list[dt.date]] = {}
    for order in dataset.orders:
        if order.amount >= 0:
            known = dates.get(order.customer_key)
            if known is None:
                dates[order.customer_key] = [order.date]
            else:
                known.append(order.date)
    for days in dates.values():
        days.sort()
    return dates


def due_occasions(
    scoring: Scoring, dataset: Dataset, ledger: Ledger, settings: Settings, today: dt.date
) -> list[Occasion]:
    """Every occasion due today, before cool-downs, the cap and one-per-customer."""
    by_key = scoring.by_key()
    orders = _order_dates(dataset)
    gap = shop_gap(scoring)
    due: list[Occasion] = []
    for sc in scoring.customers:
        if sc.customer.do_not_contact:
            continue
        if sc.is_drag:
            due.append(_occasion(sc, REVIEW_FIT, "", f"Drag on the business: {sc.why}"))
            continue
        due.extend(_personal(sc, orders.get(sc.key, []), ledger, settings, today, gap))
        for friend_key in sc.stats.referrals:
            friend = by_key.get(friend_key)
            if friend is None or not _within(friend.stats.first_purchase, today,
                                             settings.first_purchase_days):
                continue
            assert friend.stats.first_purchase is not None
            when = ago((today - friend.stats.first_purchase).days)
            due.append(_occasion(
                sc, THANK_REFERRER, friend_key,
                f"{friend.customer.name or friend_key}, whom they referred, "
                f"made a first purchase {when}", friend_name=friend.customer.name))
    return due


def _occasion(sc: ScoredCustomer, reason: str, occasion: str, why: str, *,
              friend_name: str = "", order_number: int = 0, years: int = 0) -> Occasion:
    return Occasion(reason=reason, customer_key=sc.key, occasion=occasion, why_now=why,
                    priority=URGENCY[reason] + SCORE_WEIGHT * sc.score,
                    friend_name=friend_name, order_number=order_number, years=years)


def _personal(sc: ScoredCustomer, dates: list[dt.date], ledger: Ledger, settings: Settings,
              today: dt.date, gap: float) -> list[Occasion]:
    stats, customer = sc.stats, sc.customer
    due: list[Occasion] = []
    first = stats.first_purchase
    if first is not None and _within(first, today, settings.first_purchase_days):
        due.append(_occasion(sc, THANK_FIRST, first.isoformat(),
                             f"First purchase {ago((today - first).days)}"))
    if customer.open_complaint:
        note = " ".join(customer.complaint_note.split())
        shown = f": \"{note[:80]}{'...' if len(note) > 80 else ''}\"" if note else ""
        due.append(_occasion(sc, LISTEN_COMPLAINT, f"complaint-{max(customer.complaints, 1)}",
                             f"Open complaint{shown}"))
    check_in = _check_in(sc, settings, today, gap)
    if check_in is not None:
        due.append(check_in)
    for segment, reason, every, word in (
            (CHAMPION, ASK_REFERRAL, settings.ask_referral_every_days, "asked"),
            (LOYAL, INVITE_FEEDBACK, settings.invite_feedback_every_days, "invited")):
        if sc.segment != segment:
            continue
        last = ledger.last_touch(sc.key, reason)
        if last is not None and (today - last).days < every:
            continue
        pending = ledger.open_for(sc.key, reason)
        occasion = pending.occasion if pending else today.isoformat()
        due.append(_occasion(sc, reason, occasion, f"{segment}, {stats.orders} orders; "
                             f"not {word} in the last {every} days"))
    due.extend(_milestones(sc, dates, settings, today))
    return due


def _check_in(sc: ScoredCustomer, settings: Settings, today: dt.date,
              shop: float) -> Occasion | None:
    stats = sc.stats
    if stats.days_since is None or stats.last_purchase is None or stats.orders < 1:
        return None
    own = stats.orders >= 2 and stats.usual_gap is not None and stats.usual_gap > 0
    gap = stats.usual_gap if own and stats.usual_gap else shop
    overdue_at = settings.overdue_factor * gap
    if not overdue_at < stats.days_since <= overdue_at + max(overdue_at, CHECK_IN_GRACE_DAYS):
        return None
    usual = (f"usually every {round(gap)} days" if own
             else f"customers usually come back within {round(gap)} days")
    return _occasion(sc, CHECK_IN, stats.last_purchase.isoformat(),
                     f"Last purchase {stats.days_since} days ago; {usual}")


def _anniversary(first: dt.date, years: int) -> dt.date:
    try:
        return first.replace(year=first.year + years)
    except ValueError:  # 29 February in a common year
        return first.replace(year=first.year + years, day=28)


def _milestones(sc: ScoredCustomer, dates: list[dt.date], settings: Settings,
                today: dt.date) -> list[Occasion]:
    stats, every = sc.stats, settings.milestone_orders
    due: list[Occasion] = []
    if every > 0:
        reached = [(n, dates[n - 1]) for n in range(every, len(dates) + 1, every)]
        if not dates and stats.orders and stats.orders % every == 0 and stats.last_purchase:
            reached = [(stats.orders, stats.last_purchase)]  # totals only: the last was the nth
        recent = [(n, day) for n, day in reached if _within(day, today, MILESTONE_RECENT_DAYS)]
        if recent:
            number, day = recent[-1]
            due.append(_occasion(sc, MILESTONE, f"order-{number}",
                                 f"Their {ordinal(number)} order, {ago((today - day).days)}",
                                 order_number=number))
    first = stats.first_purchase
    active = stats.days_since is not None and stats.days_since <= 365
    if first is not None and stats.orders >= 2 and active:
        for years in range(1, today.year - first.year + 2):
            offset = (today - _anniversary(first, years)).days
            if -ANNIVERSARY_BEFORE_DAYS <= offset <= ANNIVERSARY_AFTER_DAYS:
                label = "One year" if years == 1 else f"{years} years"
                due.append(_occasion(sc, MILESTONE, f"year-{years}",
                                     f"{label} since their first purchase ({first.isoformat()})",
                                     years=years))
    return due
