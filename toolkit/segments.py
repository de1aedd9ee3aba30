"""Segments and overlays: the R x F map of DESIGN.md, a gesture for each, and the
New / Advocate / Drag overlays. Pure: no I/O.

Every one of the 25 R x F cells maps to exactly one segment. A customer with no purchase
at all (a contact who never bought) has no R or F to speak of and is put in
"No purchases yet" rather than being called Hibernating.

Drag customers keep their R x F segment (it says how they buy) but are listed on their
own tab, `DRAG_TAB`, for the owner to decide on, and are left off the segment tabs.
"""

from __future__ import annotations

from collections.abc import Mapping

from toolkit.model import Customer
from toolkit.scored import ADVOCATE, DRAG, NEW, CustomerStats, ScoredCustomer
from toolkit.settings import Settings

CHAMPION = "Champion"
LOYAL = "Loyal"
POTENTIAL_LOYALIST = "Potential loyalist"
NEW_CUSTOMER = "New"
PROMISING = "Promising"
NEEDS_ATTENTION = "Needs attention"
ABOUT_TO_SLEEP = "About to sleep"
AT_RISK = "At risk"
CANT_LOSE = "Can't lose"
HIBERNATING = "Hibernating"
NO_PURCHASES = "No purchases yet"

DRAG_TAB = "Drag - review"  # sheet names may not contain ':' in Excel

# (R, F) -> segment, exactly the table in DESIGN.md (rows R 5..1, columns F 1..5).
_MAP_ROWS: Mapping[int, tuple[str, str, str, str, str]] = {
    5: (NEW_CUSTOMER, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPION, CHAMPION),
    4: (PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, LOYAL),
    3: (ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEEDS_ATTENTION, LOYAL, LOYAL),
    2: (HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE),
    1: (HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE),
}
SEGMENT_MAP: Mapping[tuple[int, int], str] = {
    (r, f): row[f - 1] for r, row in _MAP_ROWS.items() for f in range(1, 6)
}

# Best first: the order of rows in the Segments tab and of the segment tabs.
SEGMENT_NAMES: tuple[str, ...] = (
    CHAMPION, LOYAL, POTENTIAL_LOYALIST, NEW_CUSTOMER, PROMISING, NEEDS_ATTENTION,
    ABOUT_TO_SLEEP, AT_RISK, CANT_LOSE, HIBERNATING, NO_PURCHASES,
)

GESTURES: Mapping[str, str] = {
    CHAMPION: "Thank them personally; ask for an introduction, a review or a testimonial.",
    LOYAL: "Invite them to shape a new product or service; a first look at what is next.",
    POTENTIAL_LOYALIST: "Get to know them: a personal note, remember what they like.",
    NEW_CUSTOMER: "A personal thank-you for the first purchase; ask what brought them.",
    PROMISING: "Make the second visit easy: a friendly word about what they might like.",
    NEEDS_ATTENTION: "A personal check-in: has something changed? Ask, do not discount.",
    ABOUT_TO_SLEEP: "Say hello before they drift: share something new that suits them.",
    AT_RISK: "They used to come often: reach out personally and ask how they are.",
    CANT_LOSE: "Your big regulars gone quiet: call or write yourself, this week.",
    HIBERNATING: "No chasing; a light note when you have real news for them.",
    NO_PURCHASES: "On your list but not bought yet: a welcome when the moment is right.",
    DRAG_TAB: "Review each one yourself: a conversation, new terms, or a kind goodbye. "
              "Never emailed automatically.",
}

NEW_WINDOW_DAYS = 30  # the New overlay: first purchase within a month (or the Settings window)


def segment_for(r: int, f: int) -> str:
    """The R x F map: scores outside 1..5 are clamped onto the map."""
    return SEGMENT_MAP[(min(max(r, 1), 5), min(max(f, 1), 5))]


def listed_segment(sc: ScoredCustomer) -> str:
    """Where the customer is listed for the owner: the drag tab, or their segment."""
    return DRAG_TAB if sc.is_drag else sc.segment


def drag_reasons(customer: Customer, stats: CustomerStats, settings: Settings) -> list[str]:
    """Why a customer drags the business down; [] when they do not.

    Drag when the cost to serve (support time, refunds, discounts) outweighs the margin
    they bring, when two or more complaints cost more than the profit left (an hour of
    the owner's time each), or when the owner tagged them a poor fit. One complaint alone
    never makes a drag: a customer who complains still cares.
    """
    reasons: list[str] = []
    if stats.cost_to_serve > 0 and stats.cost_to_serve >= stats.gross_margin:
        reasons.append("cost to serve outweighs profit")
    complaints = max(customer.complaints, 0)
    if complaints >= 2 and complaints * settings.hourly_rate >= max(stats.profit, 0.0):
        reasons.append("complaints outweigh profit")
    if customer.fit and customer.fit.strip().casefold() == "poor":
        reasons.append("marked a poor fit")
    return reasons


class OverlayRule:
    """New, Advocate, Drag (in that order) where they apply, for the customers of one run
    (the settings are read once)."""

    def __init__(self, settings: Settings) -> None:
        self.window = max(NEW_WINDOW_DAYS, settings.first_purchase_days)
        self.settings = settings

    def of(self, customer: Customer, stats: CustomerStats) -> tuple[str, ...]:
        since_first = stats.tenure_days  # days from the first purchase to today
        new = since_first is not None and 0 <= since_first <= self.window
        advocate = stats.referrals_bought > 0
        drag = bool(drag_reasons(customer, stats, self.settings))
        return _OVERLAY_SETS[new, advocate, drag]


# The overlays for each (new, advocate, drag): one tuple of each kind for every customer.
_OVERLAY_SETS = {
    (new, advocate, drag): tuple(
        name for name, holds in ((NEW, new), (ADVOCATE, advocate), (DRAG, drag)) if holds)
    for new in (False, True) for advocate in (False, True) for drag in (False, True)
}

