"""Best-customer scoring: R, F, M from 1 to 5, a 0-100 score and a plain-words why. Pure.

R, F and M (M is by profit, not revenue) are fifths (quintiles) of the customers who have
bought: each customer's place is the share of customers below them plus half of those
tied with them, so tied customers always get the same score whatever their order. With
fewer than `SMALL_LIST` buyers fifths mean little, so R and F use fixed thresholds:
- R by days since the last purchase: up to 14 / 30 / 60 / 120 days -> 5 / 4 / 3 / 2, else
  1; when the shop's typical gap between visits is longer than a month the thresholds
  stretch in proportion (a furniture maker is not a café), they never tighten;
- F by orders: 1 / 2 / 3-4 / 5-9 / 10+ -> 1..5.
M stays by fifths (money differs too much between shops for fixed amounts).

The score adds recency against the customer's own rhythm (days since / usual gap; a
one-time buyer is measured against the shop's typical gap), frequency, profit (their
own plus that of the customers they brought: whoever brings best customers is one),
referrals (that profit again, and how many bought), loyalty (first to last purchase)
and fit, weighted by Settings, then takes off drag: cost to serve against
margin, and complaints. Customers are ranked by score (1 decimal), then profit, then key.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from operator import attrgetter, lt, neg

from toolkit.model import Customer, Dataset
from toolkit.records import maker
from toolkit.scored import CustomerStats, ScoredCustomer, Scoring
from toolkit.segments import NO_PURCHASES, SEGMENT_MAP, OverlayRule
from toolkit.settings import Settings
from toolkit.stats import stats_with_problems
from toolkit.why import WhyWriter

SMALL_LIST = 50
R_DAYS = (14, 30, 60, 120)  # days since, at most -> R 5, 4, 3, 2
F_ORDERS = (10, 5, 3, 2)  # orders, at least -> F 5, 4, 3, 2
BASE_GAP = 30.0  # the rhythm R_DAYS assume, and the typical gap when nothing says better
LOYAL_DAYS = 730  # first-to-last purchase span that earns full loyalty marks
_FIT = {"great": 1.0, "good": 1.0, "ok": 0.5, "okay": 0.5, "poor": 0.0}
_new_scored = maker(ScoredCustomer)  # ScoredCustomer(*every field), made faster
_KEY, _ORDERS, _PROFIT = attrgetter("key"), attrgetter("orders"), attrgetter("profit")
_USUAL_GAP = attrgetter("usual_gap")
_ABOVE_ZERO = partial(lt, 0)  # _ABOVE_ZERO(x) is 0 < x


def quintiles(values: Mapping[str, float]) -> dict[str, int]:
    """1..5 by fifths; tied customers always share a score, whatever their order.

    A value's place is (customers below + half of those tied) / everyone, so with no ties
    each fifth gets one score. A tie that reaches the very bottom scores 1 and one that
    reaches the very top scores 5 (80% one-time buyers are all F 1, not a middling 3).
    """
    return dict(zip(values, _fifths(list(values.values())), strict=True))


def _fifths(values: Sequence[float]) -> list[int]:
    """The quintile of each value, in the same order.

    The score only grows with the value, so it is found where it steps up: the least
    value scoring 2, 3, 4 and 5 (each by halving over the sorted values). A value's score
    is then 1 + how many of those it reaches, found by bisection too.
    """
    n = len(values)
    ordered = sorted(values)

    def score_at(index: int) -> int:
        value = ordered[index]
        start, end = bisect_left(ordered, value), bisect_right(ordered, value)
        if start == 0:
            return 1
        if end == n:
            return 5
        return min(5, 1 + (5 * (start + end)) // (2 * n))

    steps = ordered[:1]  # the least value: every value reaches it (the score of 1)
    for score in range(2, 6):
        low, high = 0, n  # the first index scoring at least `score`, or n
        while low < high:
            middle = (low + high) // 2
            if score_at(middle) >= score:
                high = middle
            else:
                low = middle + 1
        if low < n:
            steps.append(ordered[low])
    return list(map(bisect_right, repeat(steps), values))


def r_absolute(days_since: int, stretch: float = 1.0) -> int:
    for score, limit in zip((5, 4, 3, 2), R_DAYS, strict=True):
        if days_since <= limit * stretch:
            return score
    return 1


def f_absolute(orders: int) -> int:
    for score, least in zip((5, 4, 3, 2), F_ORDERS, strict=True):
        if orders >= least:
            return score
    return 1


def typical_gap(stats: Sequence[CustomerStats]) -> float:
    """The shop's usual days between visits: the median usual gap of its regulars."""
    gaps = list(filter(None, map(_USUAL_GAP, stats)))
    return float(statistics.median(gaps)) if len(gaps) >= 3 else BASE_GAP


def _percentile(values: Sequence[float], share: float, floor: float) -> float:
    if not values:
        return floor
    ordered = sorted(values)
    return max(ordered[min(len(ordered) - 1, int(share * len(ordered)))], floor)


@dataclass(frozen=True)
class _Scale:
    """What full marks mean in this shop (the 90th percentile of its buyers), and the
    points each part is worth (weights scaled so that they add up to 100)."""

    log_orders: float
    profit: float
    gap: float
    # Full marks of each part, in the order recency, frequency, profit, referrals,
    # tenure (loyalty), fit.
    weights: tuple[float, ...]
    drag: float


def _scale(buyers: Sequence[CustomerStats], settings: Settings) -> _Scale:
    weights = (settings.weight_recency, settings.weight_frequency, settings.weight_profit,
               settings.weight_referrals, settings.weight_tenure, settings.weight_fit)
    total = sum(max(v, 0.0) for v in weights)
    per_point = 100.0 / total if total > 0 else 0.0
    return _Scale(
        log_orders=math.log1p(_percentile(list(map(_ORDERS, buyers)), 0.9, 3.0)),
        profit=_percentile(list(filter(_ABOVE_ZERO, map(_PROFIT, buyers))), 0.9, 1.0),
        gap=typical_gap(buyers),
        weights=tuple(max(v, 0.0) * per_point for v in weights),
        drag=max(settings.weight_drag, 0.0) * (per_point or 1.0),
    )


def _score(customer: Customer, stats: CustomerStats, scale: _Scale
           ) -> tuple[float, float, float, float, float]:
    """The score, the points the profit, referral and fit parts earned (the parts the why
    may name), and the points drag took off.

    Each part runs from 0 to 1 before its weight: recency 1 up to the usual gap, then
    down to 0 at four times it; frequency log(1 + orders) against the shop's 90th
    percentile; profit (own + referrals') and referrals against the 90th percentile
    profit (+0.1 per referral who bought); loyalty first-to-last purchase over two
    years; fit great 1, ok or unknown 0.5, poor 0. Drag runs from 0 to 1 too: how much
    cost to serve eats the margin (60%) and complaints, three at most (40%).
    """
    recency = 0.0
    days_since = stats.days_since
    if days_since is not None:
        ratio = stats.overdue_ratio
        if ratio is None:
            ratio = days_since / scale.gap
        recency = 1.0 if ratio <= 1.0 else 1.0 - (ratio - 1.0) / 3.0 if ratio < 4.0 else 0.0
    frequency = 0.0
    if stats.orders > 0:
        frequency = math.log1p(stats.orders) / scale.log_orders
    profit = stats.profit
    own = profit if profit > 0 else 0.0
    brought = stats.referral_profit if stats.referral_profit > 0 else 0.0
    value = (own + brought) / scale.profit
    referrals = brought / scale.profit + 0.1 * stats.referrals_bought
    loyal = (stats.recency_age or 0) / LOYAL_DAYS
    fit = customer.fit
    w_recency, w_frequency, w_profit, w_referrals, w_tenure, w_fit = scale.weights
    profit_points = (value if value < 1.0 else 1.0) * w_profit
    referral_points = (referrals if referrals < 1.0 else 1.0) * w_referrals
    fit_points = (_FIT.get(fit.strip().casefold(), 0.5) if fit else 0.5) * w_fit
    margin, cost = stats.gross_margin, stats.cost_to_serve
    if margin > 0:
        eaten = cost / margin
        eaten = eaten if eaten < 1.0 else 1.0
    else:
        eaten = 1.0 if cost > 0 else 0.0
    complaints = customer.complaints / 3.0 if customer.complaints > 0 else 0.0
    share = 0.6 * eaten + 0.4 * (complaints if complaints < 1.0 else 1.0)
    drag = (share if share < 1.0 else 1.0) * scale.drag
    score = sum((  # the parts in a fixed order (the same float sum every run)
        recency * w_recency,
        (frequency if frequency < 1.0 else 1.0) * w_frequency,
        profit_points,
        referral_points,
        (loyal if loyal < 1.0 else 1.0) * w_tenure,
        fit_points,
    )) - drag
    return (round(score, 1) if score > 0.0 else 0.0), profit_points, referral_points, \
        fit_points, drag


def score_customers(dataset: Dataset, today: dt.date, settings: Settings) -> Scoring:
    """Score, segment and rank every customer of the dataset, best first."""
    all_stats, problems = stats_with_problems(dataset, today, settings)
    customers = dataset.customers
    # Each figure is worked out as a column in sheet order, then all are put in rank order.
    keys = list(map(_KEY, customers))
    stats = list(map(all_stats.__getitem__, keys))
    buyers = [s for s in stats if s.orders > 0]
    small = len(buyers) < SMALL_LIST
    scale = _scale(buyers, settings)
    r_of, f_of, m_of = (list(map(by_key.get, keys, repeat(1)))  # 1 for non-buyers
                        for by_key in _rfm(all_stats.values(), scale, small))
    segments = [SEGMENT_MAP[r, f] if s.orders > 0 else NO_PURCHASES
                for r, f, s in zip(r_of, f_of, stats, strict=True)]
    writer = WhyWriter(settings)
    scores: list[float] = []
    whys: list[str] = []
    for customer, figures in zip(customers, stats, strict=True):
        score, profit_points, referral_points, fit_points, drag = _score(
            customer, figures, scale)
        scores.append(score)
        whys.append(writer.line(customer, figures, profit_points, referral_points,
                                fit_points, drag))
    overlays = list(map(OverlayRule(settings).of, customers, stats))
    order = _ranking(keys, stats, scores)
    picked = [map(column.__getitem__, order)  # each column in rank order
              for column in (customers, stats, r_of, f_of, m_of, scores, segments, overlays,
                             whys)]
    ranks = range(1, len(order) + 1)
    ranked = map(_new_scored, picked[0], picked[1], ranks, *picked[2:])  # in field order
    return Scoring(customers=tuple(ranked), small_list=small, problems=tuple(problems),
                   typical_gap=round(scale.gap, 1))


def _rfm(stats: Iterable[CustomerStats], scale: _Scale, small: bool
         ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """R, F and M of each buyer, by key (`stats`: each customer's figures, once)."""
    buyers = [s for s in stats if s.orders > 0]
    keys = list(map(_KEY, buyers))
    dated = [(s.key, s.days_since) for s in buyers if s.days_since is not None]
    if small:
        stretch = max(1.0, scale.gap / BASE_GAP)
        r_scores = {k: r_absolute(d, stretch) for k, d in dated}
        f_scores = {s.key: f_absolute(s.orders) for s in buyers}
    else:
        r_scores = dict(zip([k for k, _ in dated], _fifths([-float(d) for _, d in dated]),
                            strict=True))
        f_scores = dict(zip(keys, _fifths(list(map(float, map(_ORDERS, buyers)))), strict=True))
    m_scores = dict(zip(keys, _fifths(list(map(_PROFIT, buyers))), strict=True))
    return r_scores, f_scores, m_scores


def _ranking(keys: Sequence[str], stats: Sequence[CustomerStats],
             scores: Sequence[float]) -> list[int]:
    """Positions of the customers best first: by score, then profit (both highest
    first), then key, then sheet order. Stable sorts from the last rule to the first
    (each on plain floats or text, which sort fastest) give that order."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    order.sort(key=list(map(neg, map(_PROFIT, stats))).__getitem__)
    order.sort(key=list(map(neg, scores)).__getitem__)
    return order
