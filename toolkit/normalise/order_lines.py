"""The parts an orders tab is read into: a `Line` per sheet row that needs its order's
other rows or a rule, who a row is about (`People`), and the cell readers the row reader
(`order_reader`) uses, each doing per tab or per distinct text what does not change.
Results are exactly those of the cell parsers in `parse` and `dates`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from typing import Any, Protocol, TypeGuard

from toolkit.model import CellValue, Customer, Row
from toolkit.normalise.parse import (
    CellError,
    clean_text,
    fold,
    is_blank,
    parse_flag,
    parse_money,
)
from toolkit.normalise.people import (
    PERSON_FIELDS,
    only_emails,
    read_email_person,
    read_person,
)
from toolkit.normalise.tables import RowView, Sink, TabPlan

# An Order's fields but its customer key (known once every tab is read): date, amount,
# order id, product, cost, discount, tab, row.
OrderDraft = tuple[dt.date, float, str, str, float | None, float, str, int]
Bad = dict[str, tuple[int | None, CellValue, str]]


@dataclass(frozen=True, slots=True)
class DraftRun:
    """The drafts of rows `first`..`end`-1 of a tab read a column at a time, kept in its
    columns (per row from the first data row: date, amount, order id, and product, cost and
    discount as read, None for a column the tab lacks), not as a tuple per row made only
    to be taken apart again. `number`: the sheet row of row `first`."""

    columns: tuple[Sequence[Any] | None, ...]
    first: int
    end: int
    tab: str
    number: int

    def __len__(self) -> int:
        return self.end - self.first

    def fields(self) -> list[Iterable[Any]]:
        """Each OrderDraft field of the run's rows, a column each (in field order)."""
        first, end = self.first, self.end
        fields: list[Iterable[Any]] = [
            repeat(blank) if column is None
            else column if first == 0 and end == len(column)  # (no copy of a whole column)
            else column[first:end]
            for column, blank in zip(self.columns, (None, None, None, "", None, 0.0),
                                     strict=True)]
        return [*fields, repeat(self.tab), range(self.number, self.number + len(self))]

    def draft(self, at: int) -> OrderDraft:
        """The draft of row `at` of the columns (counted as `first` is)."""
        cells: list[Any] = [None if column is None else column[at] for column in self.columns]
        date, amount, order_id, product, cost, discount = cells
        return (date, amount, order_id, "" if product is None else product, cost,
                0.0 if discount is None else discount, self.tab, self.number + at - self.first)


Drafts = list[OrderDraft | DraftRun | None]  # None: made into an Order already
ABSENT, SEVERAL = -2, -1  # a field's "column" when the tab lacks it / has several
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


@dataclass(slots=True)
class PendingOrder:
    """The orders of one customer row group, waiting for their customer."""

    person: Customer
    orders: tuple[OrderDraft, ...]
    row: int  # the sheet row of the order (its first row)
    token: object = None  # the same token means the very same customer cells were read


class Attach(Protocol):
    """Who an order belongs to: (customer, sheet row, customer cells' token, sink for
    reports) -> the customer's index; `known`: indexes already settled, by token."""

    known: dict[object, int]

    def __call__(self, person: Customer, row: int, token: object, sink: Sink) -> int: ...


class OrderFlow:
    """Where the rows of an orders tab go, in sheet order: an order of its own straight to
    its customer (`attach`) and into `owners`/`drafts`, unless a row before it waits for
    its order's other rows (`waiting`, in order; `by_id`: the waiting orders by number)."""

    __slots__ = ("attach", "attach_sink", "by_id", "drafts", "owners", "waiting")

    def __init__(self, attach: Attach, owners: array[int], drafts: Drafts) -> None:
        self.attach, self.attach_sink = attach, Sink()
        self.owners, self.drafts = owners, drafts
        self.waiting: list[PendingOrder | list[Line]] = []
        self.by_id: dict[str, list[list[Line]]] = {}

    def plain(self, person: Customer, draft: OrderDraft, token: object) -> None:
        """An order of its own, needing no rule and no report."""
        if self.waiting:
            self.waiting.append(PendingOrder(person, (draft,), draft[7], token))
        else:
            self.owners.append(self.attach(person, draft[7], token, self.attach_sink))
            self.drafts.append(draft)

    def line(self, line: Line) -> None:
        """Rows with the same order number (and no conflicting email) form one order."""
        if not line.order_id:
            self.waiting.append([line])
            return
        for group in self.by_id.get(line.order_id, []):
            email = group[0].person.email
            if not email or not line.person.email or email == line.person.email:
                group.append(line)
                return
        group = [line]
        self.waiting.append(group)
        self.by_id.setdefault(line.order_id, []).append(group)


class People:
    """Reads who each order row is about, once per distinct set of customer cells: a
    regular's tenth order reuses what the first said (rows with a problem are re-read,
    so every bad cell is still reported)."""

    def __init__(self, plan: TabPlan) -> None:
        fields = plan.columns.fields
        self.columns = tuple(sorted({c for f in PERSON_FIELDS for c in fields.get(f, ())}))
        self._last = self.columns[-1] if self.columns else -1
        self._pick: Callable[[Any], Any] | None = (
            itemgetter(*self.columns) if len(self.columns) > 1 else None)
        self.seen: dict[tuple[object, ...], Customer] = {}  # by token: see `token`
        self._emails = only_emails(fields)

    def single_column(self) -> int | None:
        """The customer cells' only column, when there is one (the token is then
        (email, that cell) for a row long enough to have it)."""
        return self.columns[0] if len(self.columns) == 1 else None

    def token(self, cells: Row, email: str | None) -> tuple[object, ...]:
        """What decides who the row is about: the customer cells (and the email used)."""
        if len(cells) <= self._last:
            return (email, *(cells[c] if c < len(cells) else None for c in self.columns))
        if self._pick is not None:
            return (email, *self._pick(cells))
        if self.columns:
            return (email, cells[self._last])
        return (email,)

    def remember(self, view: RowView) -> Customer | None:
        """What `read` gives for the row (with no other email) when it reports nothing, kept
        as `read` keeps it; None, with nothing kept or reported, when it would report."""
        token = self.token(view.cells, None)
        person = self.seen.get(token)
        if person is None:
            scratch = Sink()
            person = self._read(view, scratch, None)
            if scratch.problems:
                return None
            self.seen[token] = person
        return person

    def read(self, view: RowView, sink: Sink, email: str | None) -> tuple[Customer, object]:
        token = self.token(view.cells, email)
        person = self.seen.get(token)
        if person is not None:
            return person, token
        before = len(sink.problems)
        person = self._read(view, sink, email)
        if len(sink.problems) == before:
            self.seen[token] = person
            return person, token
        return person, None

    def _read(self, view: RowView, sink: Sink, email: str | None) -> Customer:
        if self._emails and email is None:
            return read_email_person(view, sink)
        return read_person(view, sink, summary=False, email=email)


def column_of(fields: Mapping[str, tuple[int, ...]], name: str) -> int:
    """A field's column when it has one, else ABSENT or SEVERAL."""
    columns = fields.get(name)
    if not columns:
        return ABSENT
    return columns[0] if len(columns) == 1 else SEVERAL


def cell_of(view: RowView, column: int, name: str) -> tuple[CellValue, int | None]:
    """`view.cell(name)`, without its lookups when the field has a single column."""
    if column >= 0:
        cells = view.cells
        value = cells[column] if column < len(cells) else None
        if type(value) is str and is_blank(value):
            value = None
        return value, column
    if column == ABSENT:
        return None, None
    return view.cell(name)


class TextCache:
    """A cell as text (`clean_text`, blank as ""), or as compared (`fold` of that), worked
    out once per distinct text of a column: products and statuses repeat down a tab."""

    def __init__(self, folded: bool) -> None:
        self._folded = folded
        self.seen: dict[str, str] = {}  # by the text as on the sheet

    def __call__(self, value: CellValue) -> str:
        """`value` is a cell as it is on the sheet (blank text reads as "")."""
        if type(value) is str:
            found = self.seen.get(value)
            if found is None:
                found = self.seen[value] = self._text(None if is_blank(value) else value)
            return found
        return self._text(value)

    def _text(self, value: CellValue) -> str:
        return fold(clean_text(value)) if self._folded else clean_text(value)


def in_cents(value: object) -> TypeGuard[float]:
    """An amount cell `money_of` returns as it is (a finite float already in cents)."""
    return type(value) is float and round(value, 2) == value and math.isfinite(value)


def money_of(value: CellValue, cache: dict[str, float | None]) -> float | None:
    """parse_money(value); an amount already in cents is returned as it is, text is
    parsed once per distinct text (a CellError is raised again each time)."""
    if in_cents(value):
        return value  # (the very value: `order_columns` keeps a column read as itself)
    if type(value) is not str:
        return parse_money(value)
    if value in cache:
        return cache[value]
    amount = cache[value] = parse_money(value)
    return amount


def read_refund(line: Line) -> None:
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

