"""Reading a plain orders tab a column at a time: most shop sheets are an order number, the
customer, a date, an amount and a product on each of hundreds of thousands of rows.

`read_columns` checks each column whole (every date a date, every amount already in
cents...), reads each distinct customer once, attaches each customer once, and makes the
orders of the rows that need nothing else with `zip` over the columns. Every other row (a
date or an amount that cannot be read, a blank row, a totals row, a repeated header, an
order number on several rows, a customer cell with a problem) is read, in sheet order,
by `LineReader.plain_rows`, the reading of one row at a time. Customers are attached and
problems reported in the very order that reading every row one at a time gives, so the
results are the same: only the time differs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from toolkit.model import CellValue, Row
from toolkit.normalise.dates import DateOrder, parse_date
from toolkit.normalise.order_lines import ABSENT, DraftRun, OrderFlow, PendingOrder, money_of
from toolkit.normalise.parse import CellError, squash
from toolkit.normalise.people import has_identity
from toolkit.normalise.tables import (
    TOTAL_STARTS,
    RowView,
    Sink,
    header_probe,
    is_empty_row,
    may_be_totals,
    repeats_header,
)

if TYPE_CHECKING:
    from toolkit.normalise.order_reader import LineReader

COLUMNS_FROM = 100  # data rows: a smaller tab is read a row at a time (as quick)
_DATE, _DATETIME, _NONE = dt.date, dt.datetime, type(None)
_UNREAD = object()  # the customer key of a row that is passed over (never read)
Token = tuple[object, ...]  # `People.token`
_TOTAL_START = re.compile(rf"\n[{TOTAL_STARTS}\s]")  # a line that may start a totals word


class TabColumns:
    """The cells of a tab's rows from `start`, a column at a time (None where a row is
    too short), each column made when first asked for."""

    def __init__(self, rows: Sequence[Row], start: int) -> None:
        self._rows, self._start = rows, start
        self._made: dict[int, list[Any]] = {}
        self._texts: dict[int, str | None] = {}

    def __call__(self, index: int) -> list[Any]:
        made = self._made.get(index)
        if made is None:
            rows = islice(self._rows, self._start, None)
            try:
                made = list(map(itemgetter(index), rows))
            except IndexError:
                made = [cells[index] if index < len(cells) else None
                        for cells in islice(self._rows, self._start, None)]
            self._made[index] = made
        return made

    def text(self, index: int) -> str | None:
        """The column's cells one per line, when every one is text without a line break
        (else None): a check of a whole column runs far quicker on one string."""
        if index not in self._texts:
            column = self(index)
            try:
                text: str | None = "\n".join(column)
            except TypeError:  # not all text
                text = None
            if text is not None and text.count("\n") != len(column) - 1:
                text = None
            self._texts[index] = text
        return self._texts[index]

    def clear(self) -> None:
        self._made.clear()
        self._texts.clear()


def read_columns(reader: LineReader, flow: OrderFlow, sink: Sink, cells_sink: Sink) -> bool:
    """Every data row of the tab into `flow`, as `reader.plain_rows` reads them one by one
    (for a tab whose fields each have one column, no status and no type column); False,
    having read nothing, for a tab too small for this to pay."""
    plan, start = reader.plan, reader.start
    rows, column = plan.table.rows, reader.columns
    count = len(rows) - start
    if count < COLUMNS_FROM:
        return False
    slow: set[int] = set()  # rows (counted from `start`) read one at a time
    header = plan.header(reader.on_date)
    order = plan.date_orders.get(reader.on_date, "dmy")
    dates = _whole(column(reader.on_date), {_DATE}, slow,
                   lambda value: _date(value, order, reader.dates[order], header))
    amounts = _whole(column(reader.on_amount), {float}, slow,
                     lambda value: money_of(value, reader.amounts))
    costs = discounts = products = None
    if reader.on_cost != ABSENT:
        costs = [None if cost is None else round(cost, 2) for cost in _optional(
            column(reader.on_cost), slow, reader.amounts)]
    if reader.on_discount != ABSENT:
        discounts = [round(abs(discount), 2) if discount else 0.0 for discount in _optional(
            column(reader.on_discount), slow, reader.amounts)]
    if reader.on_product != ABSENT:
        products = _texts(column(reader.on_product), reader.texts)
    if reader.repeated:
        slow.update(at for at, order_id in enumerate(reader.ids) if order_id in reader.repeated)
    passed = _passed_over(reader, slow)
    slow |= passed
    keys = _keys(reader)
    tokens, bad, first_rows = _read_people(reader, rows, start, keys, passed)
    if bad:
        slow.update(at for at, key in enumerate(keys) if key in bad)
    drafts = DraftRun((dates, amounts, reader.ids, products, costs, discounts), 0, count,
                      plan.tab, start + 1)
    reader.rows_read += count - len(slow)
    fast = _FastRows(reader, flow, keys, tokens, first_rows, drafts)
    done = 0
    for first, end in _runs(sorted(slow)):
        fast.emit(done, first)
        reader.plain_rows(flow, sink, cells_sink, range(start + first, start + end))
        done = end
    fast.emit(done, count)
    return True


# --------------------------------------------------------------------------- cells


def _whole(values: list[Any], usual: set[type], slow: set[int],
           convert: Callable[[Any], Any]) -> list[Any]:
    """The column's values as read (`convert`: as the row reading reads a cell; None or a
    CellError for a cell it cannot use, whose row is then read one at a time). A column
    of the usual type whose distinct values all read as themselves is kept as it is."""
    kinds = set(map(type, values))
    if kinds <= usual:
        distinct = set(values)  # of one type: equal values read the same
        odd = {value for value in distinct if _reads_as(convert, value) is not value}
        if odd:
            slow.update(at for at, value in enumerate(values) if value in odd)
        return values
    converted = []
    for at, value in enumerate(values):
        got = _reads_as(convert, value)
        if got is None:
            slow.add(at)
        converted.append(got)
    return converted


def _reads_as(convert: Callable[[Any], Any], value: Any) -> Any:
    try:
        return convert(value)
    except CellError:
        return None


def _date(value: CellValue, order: DateOrder, known: dict[str, dt.date | None], header: str
          ) -> dt.date | None:
    """A date cell as `LineReader.read` reads it; None for a cell it cannot use, or for the
    date header's own text (a row repeating the header row is told apart elsewhere)."""
    if type(value) is _DATE:
        return value
    if type(value) is _DATETIME:
        return value.date()
    if type(value) is not str:
        return None  # a number or a tick box: read one row at a time
    if value not in known:
        if squash(value).casefold() == header.casefold():
            return None
        known[value] = parse_date(value, order)
    return known[value]


def _optional(values: list[Any], slow: set[int], cache: dict[str, float | None]
              ) -> list[float | None]:
    """A cost or discount column as `LineReader.read` reads it (blank: None)."""
    read: list[float | None] = []
    for at, value in enumerate(values):
        try:
            read.append(money_of(value, cache))
        except CellError:
            slow.add(at)
            read.append(None)
    return read


def _texts(values: list[Any], texts: Callable[[CellValue], str]) -> list[str]:
    """A product column's texts, each distinct cell worked out once."""
    if set(map(type, values)) <= {str, _NONE}:  # (equal cells: the very same text)
        known = {value: texts(value) for value in dict.fromkeys(values)}
        return list(map(known.__getitem__, values))
    return list(map(texts, values))


# --------------------------------------------------------------------------- rows


def _passed_over(reader: LineReader, slow: set[int]) -> set[int]:
    """Rows that are never read (blank, repeating the header row, a totals row): among the
    rows already known to be slow (a blank row or a header has no date), and any row that
    may be a totals row."""
    plan, rows, start = reader.plan, reader.plan.table.rows, reader.start
    probe, headers = header_probe(plan), plan.columns.headers
    passed = set()
    for at in sorted(slow.union(_totals_suspects(rows, start, reader.columns))):
        cells = rows[start + at]
        if (is_empty_row(cells) or repeats_header(cells, probe, headers)
                or RowView(plan, start + at + 1, cells).is_totals_row()):
            passed.add(at)
    return passed


def _totals_suspects(rows: Sequence[Row], start: int, columns: TabColumns) -> list[int]:
    """Rows that `may_be_totals`, found from the first column alone where it can tell: a
    cell in every row, and no text starting like a totals word (or with a space)."""
    lead = columns.text(0)
    if lead is not None:
        first = lead[:1]  # (an empty text: "", or a line break)
        if not (first in TOTAL_STARTS or first.isspace() or _TOTAL_START.search(lead)):
            return []
    elif not {_NONE, str} & set(map(type, columns(0))):
        return []  # the first cell is filled in and is not text
    return [at for at, cells in enumerate(islice(rows, start, None)) if may_be_totals(cells)]


def _keys(reader: LineReader) -> list[Any]:
    """Per row, its customer cells (equal keys: equal `People.token`s)."""
    columns = reader.people.columns
    if len(columns) == 1:
        return reader.columns(columns[0])
    if not columns:
        return [None] * (len(reader.plan.table.rows) - reader.start)
    return list(zip(*map(reader.columns, columns), strict=True))


def _read_people(reader: LineReader, rows: Sequence[Row], start: int, keys: list[Any],
                 passed: set[int]) -> tuple[dict[Any, Token], set[Any], dict[Any, int]]:
    """Each distinct customer read once, from the first row that reads them (as reading
    row by row reads them there): ({key: token} for the keys whose rows need nothing
    else, the other keys (a problem with the customer cells, or no customer), and each
    key's first row that reads it)."""
    people, plan = reader.people, reader.plan
    reading = [_UNREAD if at in passed else key for at, key in enumerate(keys)] if passed \
        else keys
    # Each key's first row: later rows are put in first, so the first row's index stays.
    first = dict(zip(reversed(reading), range(len(reading) - 1, -1, -1), strict=True))
    first.pop(_UNREAD, None)
    tokens: dict[Any, Token] = {}
    bad = set()
    for key, at in first.items():
        cells = rows[start + at]
        person = people.remember(RowView(plan, start + at + 1, cells))
        if person is None or not has_identity(person):
            bad.add(key)
        else:
            tokens[key] = people.token(cells, None)
    return tokens, bad, first


def _runs(indexes: list[int]) -> Iterator[tuple[int, int]]:
    """[first, end) of each run of consecutive numbers in the sorted `indexes`."""
    if not indexes:
        return
    first = last = indexes[0]
    for index in indexes[1:]:
        if index != last + 1:
            yield first, last + 1
            first = index
        last = index
    yield first, last + 1


class _FastRows:
    """The rows that need nothing but their customer, into `flow` a run at a time: each
    customer attached at their first row, in the order of those rows, as row by row."""

    def __init__(self, reader: LineReader, flow: OrderFlow, keys: list[Any],
                 tokens: dict[Any, Token], first_rows: dict[Any, int], drafts: DraftRun
                 ) -> None:
        self._flow, self._keys, self._tokens, self._drafts = flow, keys, tokens, drafts
        self._seen = reader.people.seen
        self._start = reader.start
        self._at: dict[Any, int] = {}  # a customer's index, by key, once attaching is done
        self._first_rows = first_rows
        self._order = sorted(tokens, key=first_rows.__getitem__)  # keys, as first read
        self._next = 0  # into `_order`: the keys before it were first read before this run
        self._pending: set[Any] = set()  # first read on a slow row, not in `_at` yet
        self._scan = False  # True once a customer must be attached on each of their rows

    def emit(self, first: int, end: int) -> None:
        """Rows first..end-1 (counted from the first data row), in order."""
        if first >= end:
            return
        flow, keys, tokens = self._flow, self._keys, self._tokens
        if flow.waiting:  # an order before them waits for its other rows: they wait too
            for row in range(first, end):
                token, draft = tokens[keys[row]], self._drafts.draft(row)
                flow.waiting.append(PendingOrder(self._seen[token], (draft,), draft[7], token))
            return
        known = flow.attach.known
        for key, row in self._fresh(first, end):  # in the order of their first rows here
            token = tokens[key]
            at = known.get(token)
            if at is None:
                at = flow.attach(self._seen[token], self._start + row + 1, token,
                                 flow.attach_sink)
                if token not in known:  # attached again on each of its rows
                    self._scan = True
                    self._bulk(first, row)
                    self._one_by_one(row, end, at)
                    return
            self._at[key] = at
        if self._pending:
            self._pending = {key for key in self._pending if key not in self._at}
        self._bulk(first, end)

    def _fresh(self, first: int, end: int) -> list[tuple[Any, int]]:
        """The keys of rows first..end-1 not in `_at`, each with its first row here."""
        order, first_rows, fresh = self._order, self._first_rows, []
        while self._next < len(order) and first_rows[order[self._next]] < end:
            key = order[self._next]
            self._next += 1
            if first_rows[key] < first:
                self._pending.add(key)
            else:
                fresh.append((key, first_rows[key]))
        if not (self._pending or self._scan):
            return fresh  # the usual case: the keys first read in these rows
        span = self._keys[first:end]  # any key may need attaching: look at every row
        firsts = dict(zip(reversed(span), range(end - 1, first - 1, -1), strict=True))
        return [(key, firsts[key]) for key in dict.fromkeys(span) if key not in self._at]

    def _bulk(self, first: int, end: int) -> None:
        if first < end:
            keys = self._keys if first == 0 and end == len(self._keys) else self._keys[first:end]
            self._flow.owners.extend(map(self._at.__getitem__, keys))
            self._flow.drafts.append(DraftRun(self._drafts.columns, first, end, self._drafts.tab,
                                              self._drafts.number + first))

    def _one_by_one(self, first: int, end: int, at_first: int) -> None:
        """Rows whose customer may need attaching on each row (`Attacher`), in order."""
        flow, known = self._flow, self._flow.attach.known
        flow.owners.append(at_first)
        flow.drafts.append(self._drafts.draft(first))
        for row in range(first + 1, end):
            token = self._tokens[self._keys[row]]
            at = known.get(token)
            if at is None:
                at = flow.attach(self._seen[token], self._start + row + 1, token,
                                 flow.attach_sink)
            flow.owners.append(at)
            flow.drafts.append(self._drafts.draft(row))
