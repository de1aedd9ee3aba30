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

import calendar
import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter

from toolkit.drafts import ordinal
from toolkit.ledger import Ledger
from toolkit.model import Customer, Dataset
from toolkit.records import maker
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


@dataclass(frozen=True, slots=True)
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
    gaps = [gap for sc in scoring.customers if (gap := sc.stats.usual_gap) is not None and gap > 0]
    return float(statistics.median(gaps)) if gaps else DEFAULT_SHOP_GAP


def window_start(today: dt.date, days: int) -> dt.date | None:
    """The first day of the window "within `days` days before today": a day counts when
    start <= day <= today, i.e. 0 <= (today - day).days <= days. None: an empty window."""
    if days < 0:
        return None
    try:
        return today - dt.timedelta(days=days)
    except OverflowError:  # a window reaching before year 1 holds every past day
        return dt.date.min


def anniversary_years(today: dt.date) -> dict[tuple[int, int], int]:
    """(month, day) of a first purchase -> the year whose anniversary of that day is due
    today (from ANNIVERSARY_BEFORE_DAYS before it to ANNIVERSARY_AFTER_DAYS after).
    The window is 11 days long, so at most one year per day fits; 29 February has its
    anniversary on the 28th in common years."""
    years: dict[tuple[int, int], int] = {}
    for back in range(-ANNIVERSARY_BEFORE_DAYS, ANNIVERSARY_AFTER_DAYS + 1):
        day = today - dt.timedelta(days=back)
        years[(day.month, day.day)] = day.year
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            years[(2, 29)] = day.year
    return years


def _milestone_dates(dataset: Dataset, keys: set[str]) -> dict[str, list[dt.date]]:
    """The date of each order (refunds left out), oldest first, of the customers of `keys`;
    a key missing from the result has no purchase rows at all. Orders are counted as the
    scoring counts them (`stats.orders`): the item rows of one order number are one order,
    dated by its earliest row; a row with no order number is an order of its own."""
    rows: dict[str, list[tuple[dt.date, int, str]]] = {}
    if not keys:
        return {}
    for order in dataset.orders:
        key = order.customer_key
        if key in keys and order.amount >= 0:
            known = rows.get(key)
            entry = (order.date, order.row, order.order_id)
            if known is None:
                rows[key] = [entry]
            else:
                known.append(entry)
    dates: dict[str, list[dt.date]] = {}
    for key, entries in rows.items():
        entries.sort(key=itemgetter(0, 1))  # by date, then sheet row (as the scoring)
        seen: set[str] = set()
        days = dates[key] = []
        for day, _row, order_id in entries:
            if order_id:
                if order_id in seen:
                    continue  # another item row of an order already counted
                seen.add(order_id)
            days.append(day)
    return dates


def due_occasions(
    scoring: Scoring, dataset: Dataset, ledger: Ledger, settings: Settings, today: dt.date,
    *, by_key: Mapping[str, ScoredCustomer] | None = None,
) -> list[Occasion]:
    """Every occasion due today, before cool-downs, the cap and one-per-customer
    (`by_key`: scoring.by_key(), when the caller has it already)."""
    by_key = scoring.by_key() if by_key is None else by_key
    rules = _Rules(scoring, dataset, ledger, settings, today)
    due: list[Occasion] = []
    for sc in scoring.customers:
        if sc.customer.do_not_contact:
            continue
        if sc.is_drag:  # an open complaint first: it is what to settle before deciding
            opened = f"{_open_complaint(sc.customer)}: settle it first. " \
                if sc.customer.open_complaint else ""
            due.append(_occasion(sc, REVIEW_FIT, "", f"{opened}Drag on the business: {sc.why}"))
            continue
        rules.personal(sc, due)
        for friend_key in sc.stats.referrals:
            friend = by_key.get(friend_key)
            first = friend.stats.first_purchase if friend is not None else None
            if friend is None or first is None or not rules.is_new(first):
                continue
            due.append(_occasion(
                sc, THANK_REFERRER, friend_key,
                f"{friend.customer.name or friend_key}, whom they referred, "
                f"made a first purchase {ago((today - first).days)}",
                friend_name=friend.customer.name))
    return due


_new_occasion = maker(Occasion)  # Occasion(*every field), without the frozen __init__


def _occasion(sc: ScoredCustomer, reason: str, occasion: str, why: str, *,
              friend_name: str = "", order_number: int = 0, years: int = 0) -> Occasion:
    return _new_occasion(reason, sc.customer.key, occasion, why,
                         URGENCY[reason] + SCORE_WEIGHT * sc.score,
                         friend_name, order_number, years)


class _Rules:
    """The personal reasons, with what does not change from one customer to the next
    worked out once per run. Most customers have nothing due on a given day, so each
    reason first rejects them with a comparison or a look-up (this runs for every
    customer each morning: the checks are written out in `personal`, not called)."""

    def __init__(self, scoring: Scoring, dataset: Dataset, ledger: Ledger, settings: Settings,
                 today: dt.date) -> None:
        self.today, self.ledger = today, ledger
        self.shop_gap = shop_gap(scoring)
        self.factor = settings.overdue_factor
        self.new_since = window_start(today, settings.first_purchase_days)
        self.milestone_since = today - dt.timedelta(days=MILESTONE_RECENT_DAYS)
        self.anniversaries = anniversary_years(today)
        self.every = every = settings.milestone_orders
        self.asks = {CHAMPION: (ASK_REFERRAL, settings.ask_referral_every_days, "asked"),
                     LOYAL: (INVITE_FEEDBACK, settings.invite_feedback_every_days, "invited")}
        # Only a customer whose last purchase (as scored) is recent may have reached an
        # order milestone lately: their order rows are read, no one else's.
        self.recent: set[str] = set()
        if every > 0:
            since = self.milestone_since
            self.recent = {sc.customer.key for sc in scoring.customers
                           if (last := sc.stats.last_purchase) is not None
                           and since <= last <= today}
        self.dates = _milestone_dates(dataset, self.recent)

    def is_new(self, first: dt.date) -> bool:
        """A first purchase within `first_purchase_days`."""
        return self.new_since is not None and self.new_since <= first <= self.today

    def personal(self, sc: ScoredCustomer, due: list[Occasion]) -> None:
        """Append the customer's personal occasions to `due`, in the order of the reasons."""
        stats, customer, today = sc.stats, sc.customer, self.today
        first, days_since, orders = stats.first_purchase, stats.days_since, stats.orders
        if first is not None and self.new_since is not None and self.new_since <= first <= today:
            due.append(_occasion(sc, THANK_FIRST, first.isoformat(),
                                 f"First purchase {ago((today - first).days)}"))
        if customer.open_complaint:
            due.append(_occasion(sc, LISTEN_COMPLAINT, f"complaint-{max(customer.complaints, 1)}",
                                 _open_complaint(customer)))
        last = stats.last_purchase
        if days_since is not None and last is not None and orders >= 1:  # check in?
            usual_gap = stats.usual_gap
            own = orders >= 2 and usual_gap is not None and usual_gap > 0
            gap = usual_gap if own and usual_gap else self.shop_gap
            overdue_at = self.factor * gap
            if overdue_at < days_since <= overdue_at + max(overdue_at, CHECK_IN_GRACE_DAYS):
                usual = (f"usually every {round(gap)} days" if own
                         else f"customers usually come back within {round(gap)} days")
                due.append(_occasion(sc, CHECK_IN, last.isoformat(),
                                     f"Last purchase {days_since} days ago; {usual}"))
        ask = self.asks.get(sc.segment)
        if ask is not None:
            self._ask(sc, ask, due)
        if customer.key in self.recent:
            self._order_milestone(sc, due)
        if first is not None and orders >= 2 and days_since is not None and days_since <= 365:
            years = self.anniversaries.get((first.month, first.day))
            if years is not None and years > first.year:
                years -= first.year
                label = "One year" if years == 1 else f"{years} years"
                due.append(_occasion(sc, MILESTONE, f"year-{years}",
                                     f"{label} since their first purchase ({first.isoformat()})",
                                     years=years))

    def _ask(self, sc: ScoredCustomer, ask: tuple[str, int, str], due: list[Occasion]) -> None:
        """A periodic ask (a Champion's introduction, a Loyal customer's ideas)."""
        reason, every, word = ask
        last = self.ledger.last_touch(sc.customer.key, reason)
        if last is not None and (self.today - last).days < every:
            return
        pending = self.ledger.open_for(sc.customer.key, reason)
        occasion = pending.occasion if pending else self.today.isoformat()
        due.append(_occasion(sc, reason, occasion, f"{sc.segment}, {sc.stats.orders} orders; "
                             f"not {word} in the last {every} days"))

    def _order_milestone(self, sc: ScoredCustomer, due: list[Occasion]) -> None:
        """Every `milestone_orders`-th order: the latest one reached in the last 14 days."""
        every, stats = self.every, sc.stats
        dates = self.dates.get(sc.customer.key)
        if dates is None:  # no purchase rows (totals only): the recent last was the nth
            number, day = stats.orders, stats.last_purchase
            if not number or number % every or day is None:
                return
        else:  # dates are sorted: the last nth order not after today, if recent enough
            number = len(dates) // every * every
            while number >= every and dates[number - 1] > self.today:
                number -= every
            if number < every or dates[number - 1] < self.milestone_since:
                return
            day = dates[number - 1]
        due.append(_occasion(sc, MILESTONE, f"order-{number}",
                             f"Their {ordinal(number)} order, {ago((self.today - day).days)}",
                             order_number=number))


def _open_complaint(customer: Customer) -> str:
    """'Open complaint: "the owner's note"' (cut at 80 characters), or without a note."""
    note = " ".join(customer.complaint_note.split())
    shown = f": \"{note[:80]}{'...' if len(note) > 80 else ''}\"" if note else ""
    return f"Open complaint{shown}"
