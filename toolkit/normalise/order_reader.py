"""Reading the rows of one orders tab, fast: most rows of a big tab are plain orders.

`LineReader.rows` yields, for each data row in order, the order itself (its customer, the
order, and the token of the customer cells) when the row is an order of its own that needs
no rule and no report, else a `Line` to be grouped with its order's other rows and built
(`orders`), or None for a totals row (reported). Which columns hold what is decided once
per tab; on a tab whose columns are all single and plain, a row whose cells are of the
usual types (a date, an amount in cents, text) is read straight from the row's cells,
and any other row goes through `read`, the reference reading of every case. Such a tab
with no status and no type column is read a column at a time (`order_columns`), its odd
rows by `plain_rows`, one at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from toolkit.model import Customer
from toolkit.normalise.dates import parse_date
from toolkit.normalise.order_columns import TabColumns, read_columns
from toolkit.normalise.order_lines import (
    ABSENT,
    SEVERAL,
    Bad,
    Line,
    OrderDraft,
    OrderFlow,
    People,
    TextCache,
    cell_of,
    column_of,
    in_cents,
    is_plain,
    money_of,
    read_refund,
)
from toolkit.normalise.parse import (
    BLANK_WORDS,
    CellError,
    clean_email,
    clean_id,
    is_blank,
    parse_flag,
    parse_percent,
)
from toolkit.normalise.tables import (
    RowView,
    Sink,
    TabPlan,
    data_rows,
    header_probe,
    is_empty_row,
    may_be_totals,
    repeats_header,
    report_header_repeat,
)

Plain = tuple[Customer, OrderDraft, object]  # an order of its own, ready for its customer
_DATE = dt.date
_DATETIME = dt.datetime


class LineReader:
    """Reads the rows of one orders tab (`own`: the owner's address in a PayPal download,
    whose other side is the customer). `on_date`, `on_amount`...: the field's column, or
    ABSENT / SEVERAL; `ids`: the order number per row from `start`, the first data row;
    `columns`: the tab's cells by column, while the tab is read."""

    def __init__(self, plan: TabPlan, own: str | None) -> None:
        fields = plan.columns.fields
        self.plan, self._own = plan, own
        self.people = People(plan)
        self.on_date, self.on_amount = column_of(fields, "date"), column_of(fields, "amount")
        self.on_product, self.on_cost = column_of(fields, "product"), column_of(fields, "cost")
        self.on_status, self.on_kind = column_of(fields, "status"), column_of(fields, "kind")
        self._margin = column_of(fields, "margin")
        self.on_discount = column_of(fields, "discount")
        self._cancelled = column_of(fields, "cancelled")
        self._refunds = column_of(fields, "refunds")
        self.start = plan.columns.header_row + 1
        self.columns = TabColumns(plan.table.rows, self.start)  # while reading
        self.ids = _order_ids(plan, self.columns)  # per sheet row from the first data row
        self.repeated = _repeated(self.ids)
        self.dates: dict[str, dict[str, dt.date | None]] = {"dmy": {}, "mdy": {}}
        self.amounts: dict[str, float | None] = {}
        self.texts, self._folded = TextCache(folded=False), TextCache(folded=True)
        self.rows_read = 0

    # ------------------------------------------------------------------ every row

    def read_into(self, flow: OrderFlow, sink: Sink, cells_sink: Sink,
                  views: list[RowView] | None = None) -> None:
        """Every data row, in order, into `flow`. Rows passed over are reported to `sink`
        as they are met, the rows' own problems (and totals rows) to `cells_sink`."""
        simple = (self._own is None and views is None and self.on_date >= 0
                  and self.on_amount >= 0 and ABSENT == self._margin == self._cancelled
                  == self._refunds and SEVERAL not in (self.on_product, self.on_cost,
                                                       self.on_status, self.on_kind,
                                                       self.on_discount))
        if simple:
            if not (self.on_status == self.on_kind == ABSENT
                    and read_columns(self, flow, sink, cells_sink)):
                self.plain_rows(flow, sink, cells_sink,
                                range(self.start, len(self.plan.table.rows)))
            self.columns.clear()
            return
        self.columns.clear()
        for view in views if views is not None else data_rows(self.plan, sink):
            self.rows_read += 1
            if view.is_totals_row():
                _report_totals(view, cells_sink)
                continue
            got = self.read(view, cells_sink)
            if isinstance(got, Line):
                flow.line(got)
            else:
                flow.plain(*got)

    def plain_rows(self, flow: OrderFlow, sink: Sink, cells_sink: Sink,
                   indexes: Iterable[int]) -> None:
        """`data_rows` + `read` + `flow` for the rows at `indexes` (in sheet order) of a tab
        whose fields each have one column, with the usual row read from its cells and its
        order attached at once (the same results; any other row goes through `read`)."""
        plan, people, tab = self.plan, self.people, self.plan.tab
        rows, headers, start, ids = plan.table.rows, plan.columns.headers, self.start, self.ids
        probe = header_probe(plan)
        on_date, on_amount, on_product = self.on_date, self.on_amount, self.on_product
        on_status, on_kind, on_cost = self.on_status, self.on_kind, self.on_cost
        on_discount, texts, folded = self.on_discount, self.texts, self._folded
        products = texts.seen  # a product's text, by the cell's text
        repeated, read = self.repeated, 0
        # Whether an amount is a float already in cents, by amount (-0.0 and 0.0 share an
        # entry: the answer is the same for both).
        cents: dict[float, bool] = {}
        plain_always = on_status == ABSENT and on_kind == ABSENT
        one_column = people.single_column()  # the only customer cell, when there is one
        seen = people.seen
        attach, known, attach_sink = flow.attach, flow.attach.known, flow.attach_sink
        owners, drafts, waiting = flow.owners, flow.drafts, flow.waiting
        for index in indexes:
            cells = rows[index]
            size = len(cells)
            if is_empty_row(cells):
                continue  # as `data_rows`
            if repeats_header(cells, probe, headers):
                report_header_repeat(plan, index, sink)
                continue
            read += 1
            number = index + 1
            view = None
            if may_be_totals(cells):  # `RowView.is_totals_row` decides
                view = RowView(plan, number, cells)
                if view.is_totals_row():
                    _report_totals(view, cells_sink)
                    continue
            # Cells as they are; their types are checked just below (Any: not CellValue).
            date: Any = cells[on_date] if on_date < size else None
            amount: Any = cells[on_amount] if on_amount < size else None
            cost: Any = cells[on_cost] if 0 <= on_cost < size else None
            discount: Any = cells[on_discount] if 0 <= on_discount < size else None
            if type(date) is _DATETIME:
                date = date.date()
            amount_ok = type(amount) is float and cents.get(amount)
            if amount_ok is None:  # amounts repeat: each distinct one is tested once
                amount_ok = cents[amount] = in_cents(amount)
            if (type(date) is not _DATE or not amount_ok
                    or (cost is not None and not in_cents(cost))
                    or (discount is not None and not in_cents(discount))):
                got = self.read(view or RowView(plan, number, cells), cells_sink)
                if isinstance(got, Line):
                    flow.line(got)
                else:
                    flow.plain(*got)
                continue
            product = ""
            if on_product != ABSENT:
                raw = cells[on_product] if on_product < size else None
                product = products.get(raw, "") if type(raw) is str else ""
                if not product:  # not seen yet, or blank
                    product = texts(raw)
            status = folded(cells[on_status] if on_status < size else None) \
                if on_status != ABSENT else ""
            kind = folded(cells[on_kind] if on_kind < size else None) \
                if on_kind != ABSENT else ""
            if one_column is not None and one_column < size:
                cells_token: tuple[object, ...] = (None, cells[one_column])
            else:
                cells_token = people.token(cells, None)
            person = seen.get(cells_token)
            token: object = cells_token
            if person is None:
                view = view or RowView(plan, number, cells)
                person, token = people.read(view, cells_sink, None)
            order_id = ids[index - start]
            discount = None if discount is None else abs(discount)
            if ((plain_always or not (status or kind) or is_plain(status, kind))
                    and (person.email or person.customer_id or person.name)
                    and not (order_id and order_id in repeated)):
                draft = (date, amount, order_id, product,
                         None if cost is None else round(cost, 2),
                         round(discount, 2) if discount else 0.0, tab, number)
                if waiting:
                    flow.plain(person, draft, token)
                    continue
                at = known.get(token) if token is not None else None
                owners.append(attach(person, number, token, attach_sink) if at is None else at)
                drafts.append(draft)
            else:
                flow.line(Line(view or RowView(plan, number, cells), person, date,
                               amount, order_id, product, cost, None,
                               discount, None, False, status, kind, False, None, token))
        self.rows_read += read

    # ------------------------------------------------------------------ one row, any case

    def read(self, view: RowView, sink: Sink) -> Plain | Line:
        """The reference reading of a row; problems about the customer go to `sink`, bad
        cells are kept on the Line and reported when its order is built."""
        email = None
        if self._own is not None:
            addresses = [clean_email(view.raw(c))[0] for c in view.columns("email")]
            email = next((a for a in addresses if a and a != self._own), "")
        person, token = self.people.read(view, sink, email)
        bad: Bad | None = None
        value, column = cell_of(view, self.on_date, "date")
        date: dt.date | None
        if type(value) is _DATE:
            date = value
        elif type(value) is _DATETIME:
            date = value.date()
        else:
            order = self.plan.date_orders.get(column or 0, "dmy")
            try:
                if type(value) is str:
                    known = self.dates[order]
                    date = known[value] if value in known else known.setdefault(
                        value, parse_date(value, order))
                else:
                    date = parse_date(value, order)
            except CellError as exc:
                date, bad = None, {"date": (column, value, str(exc))}
        value, column = cell_of(view, self.on_amount, "amount")
        try:
            amount = money_of(value, self.amounts)
        except CellError as exc:
            amount, bad = None, {**(bad or {}), "amount": (column, value, str(exc))}
        cost = margin = discount = None
        if self.on_cost != ABSENT:
            cost, bad = self._optional(view, self.on_cost, "cost", bad)
        if self._margin != ABSENT:
            margin, bad = self._optional(view, self._margin, "margin", bad)
        if self.on_discount != ABSENT:
            discount, bad = self._optional(view, self.on_discount, "discount", bad)
            discount = None if discount is None else abs(discount)
        order_id = self.ids[view.number - 1 - self.start]
        product = status = kind = ""
        if self.on_product != ABSENT:
            product = self.texts(cell_of(view, self.on_product, "product")[0])
        if self.on_status != ABSENT:
            status = self._folded(cell_of(view, self.on_status, "status")[0])
        if self.on_kind != ABSENT:
            kind = self._folded(cell_of(view, self.on_kind, "kind")[0])
        cancelled = False
        if self._cancelled != ABSENT:
            value = cell_of(view, self._cancelled, "cancelled")[0]
            if value is not None:
                try:
                    cancelled = bool(parse_flag(value))
                except CellError:
                    cancelled = True
        if self._refunds != ABSENT and cell_of(view, self._refunds, "refunds")[0] is not None:
            line = Line(view, person, date, amount, order_id, product, cost, margin, discount,
                        None, False, status, kind, cancelled, bad, token)
            read_refund(line)
            return line
        if (date is not None and amount is not None and bad is None and not cancelled
                and margin is None and (not (status or kind) or is_plain(status, kind))
                and (person.email or person.customer_id or person.name)
                and not (order_id and order_id in self.repeated)):
            # The common row: an order of its own that needs no rule and no report. The
            # same order as `orders._build` makes of a one-row group.
            draft = (date, amount, order_id, product, None if cost is None else round(cost, 2),
                     round(discount or 0.0, 2), self.plan.tab, view.number)
            return person, draft, token
        return Line(view, person, date, amount, order_id, product, cost, margin, discount,
                    None, False, status, kind, cancelled, bad, token)

    def _optional(self, view: RowView, column: int, name: str, bad: Bad | None
                  ) -> tuple[float | None, Bad | None]:
        """A cell of a column not every tab has (cost, margin, discount), and the bad
        cells so far with this one added when it cannot be read."""
        value, at = cell_of(view, column, name)
        try:
            if name == "margin":
                return parse_percent(value), bad
            return money_of(value, self.amounts), bad
        except CellError as exc:
            return None, {**(bad or {}), name: (at, value, str(exc))}


def _report_totals(view: RowView, sink: Sink) -> None:
    view.problem(sink, None, view.cells[0] if view.cells else "", "looks like a totals row",
                 "not read as an order")


def _order_ids(plan: TabPlan, tab_columns: TabColumns) -> list[str]:
    """The order number of every sheet row from `start`, as `RowView.cell` + `clean_id`
    read it ("" when none): counted to tell an order of its own from an order of several
    rows (rows passed over count too: a row may be taken as one of several, never the
    reverse)."""
    columns = plan.columns.fields.get("order_id", ())
    rows, start = plan.table.rows, plan.columns.header_row + 1
    if not columns:
        return [""] * max(len(rows) - start, 0)
    if len(columns) > 1:
        return [clean_id(RowView(plan, 0, cells).cell("order_id")[0]) for cells in rows[start:]]
    values = tab_columns(columns[0])
    if _as_they_are(tab_columns.text(columns[0])):
        return values
    ids = []
    for value in values:
        if type(value) is str:
            if len(value) > 4 and value.isalnum():  # no space, no quote, not a blank word
                ids.append(value)
            else:
                ids.append("" if is_blank(value) else clean_id(value))
        else:
            ids.append(clean_id(value))
    return ids


# Line by line (see `TabColumns.text`): a character no order number read as it is has,
# and (between two lines) an empty text or a word for nothing made of letters ("none"...).
_NOT_AS_IS = re.compile(r"[^0-9A-Za-z\n]")
_BLANK_LINE = re.compile("\n(?:{})?\n".format("|".join(w for w in BLANK_WORDS if w.isalnum())),
                         re.IGNORECASE)


def _as_they_are(text: str | None) -> bool:
    """Whether every cell of a column (one per line of `text`) is an order number read as
    it is: ASCII letters and digits only (no space, no quote) and not a word for nothing,
    decided for the whole column at once (a line's checks as `_order_ids` makes them)."""
    if not text or _NOT_AS_IS.search(text) or _BLANK_LINE.search(text):
        return False
    cut = text.find("\n")
    edges = (text if cut < 0 else text[:cut], text[text.rfind("\n") + 1:])
    return all(line and line.casefold() not in BLANK_WORDS for line in edges)


def _repeated(ids: list[str]) -> frozenset[str]:
    """The order numbers on more than one row (usually none: one row per order)."""
    named = [order_id for order_id in ids if order_id] if "" in ids else ids
    if len(set(named)) == len(named):
        return frozenset()
    return frozenset(order_id for order_id, rows in Counter(named).items() if rows > 1)

