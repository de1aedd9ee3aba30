"""The scoring tabs the owner reads: Summary, Best customers, Segments, one tab per
segment, the drag review list, Find more like them and Changes. Pure: builds `Tab`s.

Cells: dates stay date objects, money is rounded to cents, scores to one decimal,
percentages are numbers from 0 to 100 with one decimal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import itemgetter

from toolkit.changes import compare
from toolkit.insights import (
    MIN_GROUP,
    Summary,
    attributes_present,
    find_more_like_them,
    listed_groups,
    summarise,
)
from toolkit.model import CellValue, ChartSpec, Dataset, RawTable, Row, Tab
from toolkit.scored import ScoredCustomer, Scoring
from toolkit.scoring import BASE_GAP, F_ORDERS, R_DAYS, SMALL_LIST
from toolkit.segments import (
    DRAG_TAB,
    GESTURES,
    SEGMENT_NAMES,
    drag_reasons,
)
from toolkit.settings import Settings
from toolkit.why import drag_facts, money, plural

__all__ = [
    "BEST_HEADER", "BEST_TAB", "CHANGES_TAB", "DRAG_TAB", "FIND_MORE_TAB", "SEGMENTS_TAB",
    "SEGMENT_HEADER", "SEGMENT_NAMES", "SUMMARY_TAB", "best_customers_tab", "changes_tab",
    "drag_tab", "empty_segment_tab", "find_more_tab", "scoring_tabs", "segment_tab",
    "segments_tab", "summary_tab",
]

SUMMARY_TAB = "Summary"
BEST_TAB = "Best customers"
SEGMENTS_TAB = "Segments"
FIND_MORE_TAB = "Find more like them"
CHANGES_TAB = "Changes"

BEST_HEADER = (
    "Rank", "Customer", "Email", "Segment", "Score", "Orders", "Revenue", "Last purchase",
    "Days since", "Why", "R", "F", "M", "Profit", "Usual gap", "Referrals", "Referral value",
    "Overlays", "Last contacted",
)
BEST_WIDTHS = (6, 24, 28, 18, 7, 7, 11, 13, 10, 70, 4, 4, 4, 11, 10, 10, 13, 16, 14)
SEGMENT_HEADER = (
    "Rank", "Customer", "Email", "Score", "Orders", "Revenue", "Profit", "Last purchase",
    "Days since", "Usual gap", "Overlays", "Why",
)
SEGMENT_WIDTHS = (6, 24, 28, 7, 7, 11, 11, 13, 10, 10, 16, 70)
DRAG_HEADER = (
    "Customer", "Email", "Segment", "Why review", "Profit", "Cost to serve", "Revenue",
    "Refunds", "Support hours", "Complaints", "Open complaint", "Fit", "Orders",
)
DRAG_WIDTHS = (24, 28, 18, 60, 11, 13, 11, 11, 13, 11, 14, 8, 7)


# Rounding to decimals goes through decimal text (slow), and scoring's figures are rounded
# already: a value x that passes `round(x * 10**n) / 10**n == x` is the double nearest to
# some k / 10**n, and round(x, n) would give that same double back, so it is kept as it is.
# Infinities and NaN fail that test with an error and are rounded the plain way.

def _cents(value: float) -> float:
    """round(float(value), 2), faster for a value that is whole cents already."""
    try:
        if type(value) is float and round(value * 100) / 100 == value:
            return value
    except (OverflowError, ValueError):
        pass
    return round(float(value), 2)


def _tenths(value: float) -> float:
    """round(value, 1), faster for a value that has one decimal already (an int stays
    an int, as round(int, 1) keeps it)."""
    try:
        if round(value * 10) / 10 == value:
            return value
    except (OverflowError, ValueError):
        pass
    return round(value, 1)


def _gap(value: float | None) -> float | None:
    return None if value is None else _tenths(value)


def scoring_tabs(
    scoring: Scoring,
    dataset: Dataset,
    settings: Settings,
    today: dt.date,
    previous_best: RawTable | None,
    last_contacted: Mapping[str, dt.date] | None = None,
) -> tuple[Tab, ...]:
    """Every scoring tab, in the order the owner should meet them.

    `dataset` is accepted for a stable signature (the scoring carries every customer);
    `last_contacted` maps customer keys to the last contact from the drafts ledger.
    """
    groups = listed_groups(scoring)
    summary = summarise(scoring, settings, groups)
    rows = customer_rows(scoring.customers, last_contacted or {})  # built once, for all
    row_of = dict(zip(map(id, scoring.customers), rows, strict=True))
    tabs = [summary_tab(scoring, settings, today, summary), _best_tab(rows),
            segments_tab(scoring, settings, summary)]
    tabs += [_segment_tab(name, [row_of[id(sc)] for sc in members])
             for name in SEGMENT_NAMES if (members := groups[name])]
    tabs += [drag_tab(groups[DRAG_TAB], settings), find_more_tab(scoring),
             changes_tab(scoring, previous_best)]
    return tuple(tabs)


# ----------------------------------------------------------------------------- Summary


def _method_note(scoring: Scoring) -> str:
    if not scoring.small_list:
        return ("Quintiles: R and F split your customers who bought into five equal "
                "groups (ties kept together).")
    stretch = max(1.0, scoring.typical_gap / BASE_GAP)
    days = "/".join(str(round(limit * stretch)) for limit in R_DAYS)
    orders = "/".join(str(least) for least in reversed(F_ORDERS))
    return (f"Fixed thresholds, because fewer than {SMALL_LIST} customers have bought: "
            f"R by days since the last purchase ({days} days), F by orders "
            f"({orders}+); M by fifths of profit.")


def summary_tab(scoring: Scoring, settings: Settings, today: dt.date,
                summary: Summary | None = None) -> Tab:
    s = summary or summarise(scoring, settings)
    cur = settings.currency
    share_note = ""
    if s.top_profit_share is not None:
        share_note = (f"Your top {s.top_count} customers bring {s.top_profit_share:g}% "
                      "of the profit.")
    rows: list[Row] = [
        ("Scored on", today, ""),
        ("Customers", s.customers, f"{s.buyers} have bought"),
        (f"Active in the last {s.active_days} days", s.active,
         f"{round(100 * s.active / s.buyers)}% of those who bought" if s.buyers else ""),
        ("Share of profit from the top 20% (%)", s.top_profit_share, share_note),
        (f"Profit ({cur})", _cents(s.total_profit), f"Revenue {money(s.total_revenue, cur)}"),
        (f"Value brought by referrals ({cur})", _cents(s.referral_value),
         f"{plural(s.referred_buyers, 'referred customer')} bought, brought by "
         f"{plural(s.referrers, 'customer')}." if s.referred_buyers
         else "No referred customer has bought yet."),
        ("Drag customers", s.drag_customers, f"See the '{DRAG_TAB}' tab."),
        (f"Drag cost ({cur})", _cents(s.drag_cost), "Support time, refunds and discounts."),
        ("How R and F were set", "Fixed thresholds" if scoring.small_list else "Quintiles",
         _method_note(scoring)),
        ("", None, ""),
        ("Segment", "Customers", f"Profit ({cur})", f"Revenue ({cur})", "Share of customers"),
    ]
    first = len(rows)
    for seg in s.segments:
        if seg.customers:
            rows.append((seg.name, seg.customers, _cents(seg.profit), _cents(seg.revenue),
                         round(100 * seg.customers / s.customers, 1)))
    chart = None
    if len(rows) > first:
        chart = ChartSpec(title="Profit by segment", category_column=0, value_column=2,
                          first_row=first, last_row=len(rows) - 1, anchor_column=6,
                          anchor_row=1)
    header = ("Figure", "Value", "Note", "", "")
    padded = tuple(row + (None,) * (len(header) - len(row)) for row in rows)
    return Tab(name=SUMMARY_TAB, header=header, rows=padded, widths=(38, 16, 60, 14, 18),
               chart=chart, wrap_columns=(2,))


# ------------------------------------------------------------------ customers and segments


def customer_rows(customers: Sequence[ScoredCustomer], contacted: Mapping[str, dt.date]
                  ) -> list[Row]:
    """One Best customers row per customer (BEST_HEADER), in the order given."""
    last_contact = contacted.get
    return [(sc.rank, (c := sc.customer).name, c.email, sc.segment, _tenths(sc.score),
             (st := sc.stats).orders, _cents(st.revenue), st.last_purchase, st.days_since,
             sc.why, sc.r, sc.f, sc.m, _cents(st.profit), _gap(st.usual_gap),
             len(st.referrals), _cents(st.referral_profit), ", ".join(sc.overlays),
             last_contact(c.key))
            for sc in customers]


# A segment tab's row: the customer's Best customers cells under the same headers.
_SEGMENT_CELLS = itemgetter(*(BEST_HEADER.index(name) for name in SEGMENT_HEADER))
_RANK_CELL = itemgetter(BEST_HEADER.index("Rank"))


def best_customers_tab(scoring: Scoring, contacted: Mapping[str, dt.date]) -> Tab:
    return _best_tab(customer_rows(scoring.customers, contacted))


def _best_tab(rows: list[Row]) -> Tab:
    return Tab(name=BEST_TAB, header=BEST_HEADER, rows=tuple(rows), widths=BEST_WIDTHS,
               wrap_columns=(9,))


def segments_tab(scoring: Scoring, settings: Settings, summary: Summary | None = None) -> Tab:
    s = summary or summarise(scoring, settings)
    total = sum(seg.revenue for seg in s.segments)
    rows: list[Row] = [
        (seg.name, seg.customers, _cents(seg.revenue),
         round(100 * seg.revenue / total, 1) if total > 0 else 0.0,
         GESTURES[seg.name], _cents(seg.profit))
        for seg in s.segments
    ]
    return Tab(name=SEGMENTS_TAB,
               header=("Segment", "Customers", "Revenue", "Share", "Suggested gesture",
                       "Profit"),
               rows=tuple(rows), widths=(20, 11, 12, 8, 70, 12), wrap_columns=(4,))


def segment_tab(name: str, members: Sequence[ScoredCustomer]) -> Tab:
    """One segment's customers, best first."""
    return _segment_tab(name, customer_rows(members, {}))


def _segment_tab(name: str, rows: list[Row]) -> Tab:
    """`rows`: the members' customer_rows (the same cells as on Best customers)."""
    ordered = sorted(rows, key=_RANK_CELL)
    return Tab(name=name, header=SEGMENT_HEADER, rows=tuple(map(_SEGMENT_CELLS, ordered)),
               widths=SEGMENT_WIDTHS, wrap_columns=(11,))


def empty_segment_tab(name: str) -> Tab:
    """What a segment tab says when nobody is in the segment any more."""
    note: list[CellValue] = [None] * len(SEGMENT_HEADER)
    note[1] = f"Nobody is in '{name}' today. This tab fills again when someone is."
    return Tab(name=name, header=SEGMENT_HEADER, rows=(tuple(note),), widths=SEGMENT_WIDTHS)


def drag_tab(drag: Sequence[ScoredCustomer], settings: Settings) -> Tab:
    """The drag customers (listed_groups(scoring)[DRAG_TAB]) for the owner to review."""
    rows: list[Row] = []
    for sc in drag:
        c, st = sc.customer, sc.stats
        # A poor fit is both a reason and a fact: each is said once, in order.
        why = dict.fromkeys(drag_reasons(c, st, settings) + drag_facts(c, st, settings.currency))
        rows.append((
            c.name, c.email, sc.segment, "; ".join(why), _cents(st.profit),
            _cents(st.cost_to_serve), _cents(st.revenue), _cents(st.refunds),
            round(c.support_hours, 2), c.complaints, "yes" if c.open_complaint else "",
            c.fit, st.orders,
        ))
    if not rows:
        rows.append(("No drag customers today.", None, None,
                     "Nobody costs more to serve than they bring.", *([None] * 9)))
    return Tab(name=DRAG_TAB, header=DRAG_HEADER, rows=tuple(rows), widths=DRAG_WIDTHS,
               wrap_columns=(3,))


# --------------------------------------------------------------- find more, and changes


def find_more_tab(scoring: Scoring) -> Tab:
    lifts, tiny = find_more_like_them(scoring)
    rows: list[Row] = [
        (lift.reading, lift.attribute, lift.value, lift.lift, lift.best, lift.customers)
        for lift in lifts
    ]
    if not rows:
        if attributes_present(scoring):
            text = ("Not enough customers share a source, town, first product or tag yet "
                    "to compare.")
        else:
            text = ("Add a Source, Town or Tags column to your customer list to see where "
                    "your best customers come from.")
        rows.append((text, None, None, None, None, None))
    elif tiny:
        groups = "1 group" if tiny == 1 else f"{tiny} groups"
        rows.append((f"{groups} of fewer than {MIN_GROUP} customers not shown.",
                     None, None, None, None, None))
    return Tab(name=FIND_MORE_TAB,
               header=("Reading", "Attribute", "Value", "Lift", "Best customers",
                       "Customers"),
               rows=tuple(rows), widths=(70, 14, 24, 8, 15, 11), wrap_columns=(0,))


def changes_tab(scoring: Scoring, previous_best: RawTable | None) -> Tab:
    found = compare(scoring, previous_best)
    if found is None:
        rows: list[Row] = [(None, None, "First run: changes show from the next run on.",
                            None, None, None, None)]
    elif not found:
        rows = [(None, None, "No changes since the last run.", None, None, None, None)]
    else:
        rows = [(c.customer, c.email, c.change, c.was, c.now, c.rank_before, c.rank_now)
                for c in found]
    return Tab(name=CHANGES_TAB,
               header=("Customer", "Email", "Change", "Was", "Now", "Rank before",
                       "Rank now"),
               rows=tuple(rows), widths=(24, 28, 40, 18, 18, 12, 10))
