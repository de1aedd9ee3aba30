"""Movement since the last run, read from the previous Best customers tab. Pure.

Customers are matched by email (any case) or, without one, by name (case- and
accent-insensitive). Reported, in this order: segment changes ("was Champion, now At
risk"), customers newly or no longer marked Drag, customers new on the list, big rank
moves near the top, and customers no longer on the list. A rank move counts when it is
at least `min_move` places (3, or 5% of the list when that is more) and either rank is
within the top `TOP_RANKS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from toolkit.model import CellValue, RawTable
from toolkit.referrals import fold, fold_name
from toolkit.scored import DRAG, NEW, ScoredCustomer, Scoring

TOP_RANKS = 100
_HEADER_ROWS = 10


@dataclass(frozen=True)
class Change:
    customer: str
    email: str
    change: str
    was: str
    now: str
    rank_before: int | None
    rank_now: int | None


@dataclass(frozen=True)
class _Before:
    name: str
    email: str
    rank: int | None
    segment: str
    drag: bool


def identity(name: str, email: str) -> str:
    return f"email:{fold(email)}" if email.strip() else f"name:{fold_name(name)}"


def _text(row: tuple[CellValue, ...], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    return str(row[column]).strip()


def _rank(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def _header_row(table: RawTable) -> int | None:
    for index, row in enumerate(table.rows[:_HEADER_ROWS]):
        names = {fold(str(cell)) for cell in row if cell is not None}
        if {"rank", "customer"} <= names:
            return index
    return None


def read_previous(table: RawTable | None) -> dict[str, _Before] | None:
    """The previous run's customers by identity; None when there is nothing to compare."""
    if table is None:
        return None
    start = _header_row(table)
    if start is None:
        return None
    names = [fold(str(cell)) if cell is not None else "" for cell in table.rows[start]]
    cols = {name: index for index, name in reversed(list(enumerate(names))) if name}
    before: dict[str, _Before] = {}
    for row in table.rows[start + 1:]:
        name, email = _text(row, cols.get("customer")), _text(row, cols.get("email"))
        if not name and not email:
            continue
        overlays = fold(_text(row, cols.get("overlays")))
        before.setdefault(identity(name, email), _Before(
            name=name, email=email, rank=_rank(_text(row, cols.get("rank"))),
            segment=_text(row, cols.get("segment")), drag=fold(DRAG) in overlays))
    return before or None


def _move(before: int | None, now: int, min_move: int) -> str:
    if before is None or abs(before - now) < min_move or min(before, now) > TOP_RANKS:
        return ""
    places = abs(before - now)
    return f"{'up' if now < before else 'down'} {places} places"


def compare(scoring: Scoring, previous: RawTable | None) -> tuple[Change, ...] | None:
    """The changes since the previous run; None on a first run (nothing to compare)."""
    before = read_previous(previous)
    if before is None:
        return None
    min_move = max(3, math.ceil(0.05 * len(scoring.customers)))
    kinds: dict[str, list[Change]] = {k: [] for k in ("segment", "drag", "new", "move")}
    seen: set[str] = set()
    for sc in scoring.customers:
        ident = identity(sc.customer.name, sc.customer.email)
        seen.add(ident)
        old = before.get(ident)
        if old is None:
            what = "new customer" if NEW in sc.overlays else "new on the list"
            kinds["new"].append(_change(sc, what, "", sc.segment, None))
            continue
        if old.segment and fold(old.segment) != fold(sc.segment):
            kinds["segment"].append(_change(
                sc, f"was {old.segment}, now {sc.segment}", old.segment, sc.segment, old.rank))
        if sc.is_drag != old.drag:
            what = "now a drag customer: review" if sc.is_drag else "no longer a drag customer"
            kinds["drag"].append(_change(sc, what, old.segment, sc.segment, old.rank))
        move = _move(old.rank, sc.rank, min_move)
        if move and not (old.segment and fold(old.segment) != fold(sc.segment)):
            kinds["move"].append(_change(sc, move, old.segment, sc.segment, old.rank))
    kinds["move"].sort(key=lambda c: (-abs((c.rank_before or 0) - (c.rank_now or 0)),
                                      c.rank_now or 0))
    gone = [Change(old.name, old.email, "no longer on the list", old.segment, "", old.rank,
                   None)
            for ident, old in before.items() if ident not in seen]
    return (*kinds["segment"], *kinds["drag"], *kinds["new"], *kinds["move"], *gone)


def _change(sc: ScoredCustomer, what: str, was: str, now: str, rank_before: int | None
            ) -> Change:
    return Change(sc.customer.name, sc.customer.email, what, was, now, rank_before, sc.rank)
