"""Reading one sheet row of an orders tab into its parts: who, when, how much, which order.

This runs for every row of big workbooks, so the work that does not depend on the row is
done once per tab: each field's column is looked up once, and text that repeats down a
column (products, statuses, emails, dates typed as text) is cleaned or parsed once per
distinct value. The results are exactly those of the cell parsers in `parse` and `dates`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any, TypeVar

from toolkit.model import CellValue, Customer
from toolkit.normalise.dates import parse_date
from toolkit.normalise.parse import (
    CellError,
    clean_email,
    clean_id,
    clean_text,
    fold,
    is_blank,
    parse_flag,
    parse_money,
    parse_percent,
)
from toolkit.normalise.people import PERSON_FIELDS, read_person
from toolkit.normalise.tables import RowView, Sink, TabPlan

_T = TypeVar("_T")
# An Order's fields but its customer key (known once every tab is read): date, amount,
# order id, product, cost, discount, tab, row.
OrderDraft = tuple[dt.date, float, str, str, float | None, float, str, int]
Bad = dict[str, tuple[int | None, CellValue, str]]
_ABSENT, _SEVERAL = -2, -1  # a field's "column" when the tab lacks it / has several
_QUOTES = "'’‘`"  # what clean_id strips from the front of an id
_DATE = dt.date
_DATETIME = dt.datetime
NOT_CUSTOMER_KINDS = re.compile(
    r"\b(withdraw|transfer|payout|conversion|deposit|hold|authori[sz]ation|fees?\b|bank|"
    r"reserve|mass pay|adjustment|cashback|top ?up|tax collected)", re.IGNORECASE)
REFUND_KINDS = re.compile(r"\b(refund|reversal|chargeback|return)", re.IGNORECASE)
NOT_A_SALE = re.compile(
    r"(fail|declin|denied|void|cancel|incomplete|uncaptured|abandon|expired|blocked|pending|"
    r"unpaid|deleted|not paid|awaiting|draft|on.hold)", re.IGNORECASE)
REFUND_RECORD_STATUSES = frozenset({"refund", "return", "returned", "chargeback", "reversal",
                                    "credit note", "credit"})


@lru_cache(maxsize=1024)
def is_plain(status: str, kind: str) -> bool:
    """True when neither the status nor the transaction type calls for a rule."""
    return not (
        (kind and (NOT_CUSTOMER_KINDS.search(kind) or REFUND_KINDS.match(kind)))
        or "refund" in status or status in REFUND_RECORD_STATUSES or NOT_A_SALE.search(status)
    )


@dataclass(slots=True)
class Line:
    """One sheet row of an orders tab, parsed; bad cells kept for reporting later."""

    view: RowView
    person: Customer
    date: dt.date | None = None
    amount: float | None = None
    order_id: str = ""
    product: str = ""
    cost: float | None = None
    margin: float | None = None
    discount: float | None = None
    refund_amount: float | None = None
    refund_flag: bool = False
    status: str = ""
    kind: str = ""
    cancelled: bool = False
    bad: Bad | None = None
    token: object = None

    def flag(self, name: str, column: int | None, value: CellValue, problem: str) -> None:
        if self.bad is None:
            self.bad = {}
        self.bad[name] = (column, value, problem)

    def is_bad(self, name: str) -> bool:
        return self.bad is not None and name in self.bad


class People:
    """Reads who each order row is about, once per distinct set of customer cells: a
    regular's tenth order reuses what the first said (rows with a problem are re-read,
    so every bad cell is still reported)."""

    def __init__(self, plan: TabPlan) -> None:
        fields = plan.columns.fields
        self._columns = tuple(sorted({c for f in PERSON_FIELDS for c in fields.get(f, ())}))
        self._last = self._columns[-1] if self._columns else -1
        self._pick: Callable[[Any], Any] | None = (
            itemgetter(*self._columns) if len(self._columns) > 1 else None)
        self._seen: dict[tuple[object, ...], Customer] = {}

    def read(self, view: RowView, sink: Sink, email: str | None) -> tuple[Customer, object]:
        cells = view.cells
        if len(cells) <= self._last:
            token = (email, *(cells[c] if c < len(cells) else None for c in self._columns))
        elif self._pick is not None:
            token = (email, *self._pick(cells))
        elif self._columns:
            token = (email, cells[self._last])
        else:
            token = (email,)
        person = self._seen.get(token)
        if person is not None:
            return person, token
        before = len(sink.problems)
        person = read_person(view, sink, summary=False, email=email)
        if len(sink.problems) == before:
            self._seen[token] = person
            return person, token
        return person, None


def _column(fields: Mapping[str, tuple[int, ...]], name: str) -> int:
    columns = fields.get(name)
    if not columns:
        return _ABSENT
    return columns[0] if len(columns) == 1 else _SEVERAL


def _cell(view: RowView, column: int, name: str) -> tuple[CellValue, int | None]:
    """`view.cell(name)`, without its lookups when the field has a single column."""
    if column >= 0:
        cells = view.cells
        value = cells[column] if column < len(cells) else None
        if type(value) is str and is_blank(value):
            value = None
        return value, column
    if column == _ABSENT:
        return None, None
    return view.cell(name)


def _cached(cache: dict[str, _T], parser: Callable[[CellValue], _T], value: CellValue) -> _T:
    """parser(value), remembered for text (other types are cheap, and 1 == 1.0 == True
    would share an entry); a CellError is raised again each time, never remembered."""
    if type(value) is not str:
        return parser(value)
    try:
        return cache[value]
    except KeyError:
        result = cache[value] = parser(value)
        return result


def _folded_text(value: CellValue) -> str:
    return fold(clean_text(value))


def _money(value: CellValue, cache: dict[str, float | None]) -> float | None:
    """parse_money(value); an amount already in cents is returned as it is."""
    if type(value) is float:
        cents = round(value, 2)
        if cents == value and math.isfinite(cents):
            return value
    return _cached(cache, parse_money, value)


class LineReader:
    """Reads the rows of one orders tab. `read` returns the order itself (its customer,
    the order and the customer cells' token) for the common row that needs no rule and no
    report, else a `Line` to be grouped with the other rows of its order and built."""

    def __init__(self, plan: TabPlan, own: str | None, repeated: Callable[[str], bool]) -> None:
        fields = plan.columns.fields
        self._plan, self._own, self._repeated = plan, own, repeated
        self._people = People(plan)
        self._date, self._amount = _column(fields, "date"), _column(fields, "amount")
        self._order_id, self._product = _column(fields, "order_id"), _column(fields, "product")
        self._status, self._kind = _column(fields, "status"), _column(fields, "kind")
        self._cost, self._margin = _column(fields, "cost"), _column(fields, "margin")
        self._discount, self._cancelled = _column(fields, "discount"), _column(fields, "cancelled")
        self._refunds = _column(fields, "refunds")
        self._date_orders = plan.date_orders
        self._dates: dict[str, dict[str, dt.date | None]] = {"dmy": {}, "mdy": {}}
        self._amounts: dict[str, float | None] = {}
        self._texts: dict[str, str] = {}
        self._folded: dict[str, str] = {}

    def read(self, view: RowView, sink: Sink
             ) -> Line | tuple[Customer, OrderDraft, object]:
        email = None
        if self._own is not None:
            addresses = [clean_email(view.raw(c))[0] for c in view.columns("email")]
            email = next((a for a in addresses if a and a != self._own), "")
        person, token = self._people.read(view, sink, email)
        bad: Bad | None = None
        value, column = _cell(view, self._date, "date")
        date: dt.date | None
        if type(value) is _DATE:
            date = value
        elif type(value) is _DATETIME:
            date = value.date()
        else:
            order = self._date_orders.get(column or 0, "dmy")
            try:
                if type(value) is str:
                    known = self._dates[order]
                    date = known[value] if value in known else known.setdefault(
                        value, parse_date(value, order))
                else:
                    date = parse_date(value, order)
            except CellError as exc:
                date, bad = None, {"date": (column, value, str(exc))}
        value, column = _cell(view, self._amount, "amount")
        try:
            amount = _money(value, self._amounts)
        except CellError as exc:
            amount, bad = None, {**(bad or {}), "amount": (column, value, str(exc))}
        cost = margin = discount = None
        if self._cost != _ABSENT:
            cost, bad = self._optional(view, self._cost, "cost", self._money_of, bad)
        if self._margin != _ABSENT:
            margin, bad = self._optional(view, self._margin, "margin", parse_percent, bad)
        if self._discount != _ABSENT:
            discount, bad = self._optional(view, self._discount, "discount", self._money_of, bad)
            discount = None if discount is None else abs(discount)
        order_id = product = status = kind = ""
        if self._order_id != _ABSENT:
            value = _cell(view, self._order_id, "order_id")[0]
            if type(value) is str:
                order_id = " ".join(value.split()).lstrip(_QUOTES).strip()
            else:
                order_id = clean_id(value)
        if self._product != _ABSENT:
            product = _cached(self._texts, clean_text, _cell(view, self._product, "product")[0])
        if self._status != _ABSENT:
            status = _cached(self._folded, _folded_text, _cell(view, self._status, "status")[0])
        if self._kind != _ABSENT:
            kind = _cached(self._folded, _folded_text, _cell(view, self._kind, "kind")[0])
        cancelled = False
        if self._cancelled != _ABSENT:
            value = _cell(view, self._cancelled, "cancelled")[0]
            if value is not None:
                try:
                    cancelled = bool(parse_flag(value))
                except CellError:
                    cancelled = True
        line = None
        if self._refunds != _ABSENT and _cell(view, self._refunds, "refunds")[0] is not None:
            line = Line(view, person, date, amount, order_id, product, cost, margin, discount,
                        None, False, status, kind, cancelled, bad, token)
            _read_refund(line)
        elif (date is not None and amount is not None and bad is None and not cancelled
              and margin is None and (not (status or kind) or is_plain(status, kind))
              and (person.email or person.customer_id or person.name)
              and not (order_id and self._repeated(order_id))):
            # The common row: an order of its own that needs no rule and no report. The
            # same order as `orders._build` makes of a one-row group.
            draft = (date, amount, order_id, product, None if cost is None else round(cost, 2),
                     round(discount or 0.0, 2), self._plan.tab, view.number)
            return person, draft, token
        if line is None:
            line = Line(view, person, date, amount, order_id, product, cost, margin, discount,
                        None, False, status, kind, cancelled, bad, token)
        return line


    def _money_of(self, value: CellValue) -> float | None:
        return _money(value, self._amounts)

    @staticmethod
    def _optional(view: RowView, column: int, name: str,
                  parser: Callable[[CellValue], float | None], bad: Bad | None
                  ) -> tuple[float | None, Bad | None]:
        """A cell of a column not every tab has (cost, margin, discount), and the bad
        cells so far with this one added when it cannot be read."""
        value, at = _cell(view, column, name)
        try:
            return parser(value), bad
        except CellError as exc:
            return None, {**(bad or {}), name: (at, value, str(exc))}


def _read_refund(line: Line) -> None:
    value, column = line.view.cell("refunds")
    if is_blank(value):
        return
    if isinstance(value, str):
        try:
            line.refund_flag = bool(parse_flag(value))
            return
        except CellError:
            pass
    try:
        amount = parse_money(value)
    except CellError as exc:
        line.flag("refunds", column, value, str(exc))
        return
    line.refund_amount = abs(amount) if amount else None

