"""Reading an orders tab: one Order per order (item rows that repeat an order are folded
into it), refunds as negative amounts, and rows that are not sales reported, not counted.

Rules, in owner terms:
- Rows sharing an order number are one order, its products listed together. Its amount
  is the sum of the rows' amounts (line amounts), except where item rows repeat the
  order's total: in Shopify, Squarespace and Wix exports, and wherever the amount column
  is an order total ("Total", "Order Total"...) and every row of the order shows the
  same figure. There the order's amount is counted once.
- A transaction type such as a withdrawal, transfer, payout, fee or currency conversion
  is money moving, not a customer: skipped and reported (PayPal, Stripe, Square).
- A failed, declined, voided, cancelled or still-pending payment is not a sale: reported.
- A row that is itself a refund ("Refund" type, status "Refund", Refund = yes) counts
  as a negative amount. An order marked "Refunded" counts as the sale plus a refund of
  the same amount (net 0); a refunded amount column ("Amount Refunded") adds a refund of
  that amount. Partly refunded with no amount given: the sale counts in full, reported.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter

from toolkit.model import Customer
from toolkit.normalise.aliases import header_key
from toolkit.normalise.order_lines import (
    NOT_A_SALE,
    NOT_CUSTOMER_KINDS,
    REFUND_KINDS,
    REFUND_RECORD_STATUSES,
    Attach,
    Drafts,
    Line,
    OrderDraft,
    OrderFlow,
    PendingOrder,
)
from toolkit.normalise.order_reader import LineReader
from toolkit.normalise.parse import clean_email
from toolkit.normalise.people import absorb, has_identity
from toolkit.normalise.tables import RowView, Sink, TabPlan, data_rows

ORDER_TOTAL_HEADERS = frozenset(header_key(h) for h in (
    "Total", "Order Total", "Order Value", "Order Total Amount", "Grand Total", "Order Amount",
    "Total Amount", "Total Collected", "Order Net", "Total (inc tax)"))
def read_orders(plan: TabPlan, sink: Sink, attach: Attach, owners: array[int],
                drafts: Drafts) -> int:
    """Read every order of an orders tab; returns the number of data rows read.

    Each order's customer goes to `attach`, in the order the orders appear on the tab, and
    the order is appended to `drafts` with its customer's index in `owners`. Problems are
    added in this order: rows passed over (repeated headers), then each row's cells, then
    each order's (refunds, statuses...), then those `attach` reports. A row that needs no
    rule and no report is attached as soon as every order before it has been, so big tabs
    are read without keeping every row's parts in memory.
    """
    views = None
    own = None
    if plan.columns.layout and plan.columns.layout.counterparty_email:
        views = list(data_rows(plan, sink))
        own = _own_email(views)
    cells_sink = Sink()
    flow = OrderFlow(attach, owners, drafts)
    reader = LineReader(plan, own)
    reader.read_into(flow, sink, cells_sink, views)
    sink.problems.extend(cells_sink.problems)
    for item in flow.waiting:
        pending = _build(item, plan, sink) if isinstance(item, list) else item
        if pending is not None:
            at = attach(pending.person, pending.row, pending.token, flow.attach_sink)
            for draft in pending.orders:
                owners.append(at)
                drafts.append(draft)
    sink.problems.extend(flow.attach_sink.problems)
    return reader.rows_read


def _own_email(views: list[RowView]) -> str:
    """The owner's own address in a PayPal download: the one on most rows."""
    counts: Counter[str] = Counter()
    for view in views:
        found = {clean_email(view.raw(c))[0] for c in view.columns("email")}
        counts.update(address for address in found if address)
    if not counts:
        return ""
    seen, address = max((n, a) for a, n in counts.items())  # ties: same answer every run
    return address if seen * 2 > len(views) else ""


def _first(values: list[str]) -> str:
    return next((v for v in values if v), "")


def _report(line: Line, sink: Sink, name: str, action: str) -> None:
    assert line.bad is not None
    column, value, problem = line.bad[name]
    line.view.problem(sink, column, value, problem, action)


def _build(group: list[Line], plan: TabPlan, sink: Sink) -> PendingOrder | None:
    head = group[0]
    person = head.person
    for line in group[1:]:
        person = absorb(person, line.person, add_counts=False)
    status, kind = _first([g.status for g in group]), _first([g.kind for g in group])
    view = head.view
    for line in group:
        for name in ("cost", "margin", "discount", "refunds"):
            if line.is_bad(name):
                _report(line, sink, name, "ignored this cell")
    if kind and NOT_CUSTOMER_KINDS.search(kind) and not REFUND_KINDS.match(kind):
        view.problem(sink, view.columns("kind")[0], view.text("kind"),
                     f'a "{view.text("kind")}" is money moving, not a customer buying',
                     "skipped: not a customer and not a sale")
        return None
    refunded = "refund" in status and status not in REFUND_RECORD_STATUSES
    if any(g.cancelled for g in group) or (not refunded and NOT_A_SALE.search(status)):
        column = view.columns("status")[0] if status else view.columns("cancelled")[0]
        shown = view.text("status") if status else "cancelled"
        view.problem(sink, column, shown, f'status "{shown}": not a completed sale',
                     "skipped: not counted as a sale")
        return None
    if not has_identity(person):
        view.problem(sink, None, "", "no customer on this row (no name, email or id)",
                     "order not counted: nobody to count it for")
        return None
    date = next((g.date for g in group if g.date), None)
    for line in group:
        if line.is_bad("date"):
            _report(line, sink, "date", "used the date on another row of this order" if date
                    else "order not counted (no date we can read); the customer is kept")
    if date is None:
        if not any(g.is_bad("date") for g in group):
            view.problem(sink, view.columns("date")[0], "", "no order date",
                         "order not counted; the customer is kept")
        return PendingOrder(person, (), view.number, head.token if len(group) == 1 else None)
    return PendingOrder(person, tuple(_orders(group, plan, sink, person, date, status, kind)),
                        view.number, head.token if len(group) == 1 else None)


def _orders(group: list[Line], plan: TabPlan, sink: Sink, person: Customer, date: dt.date,
            status: str, kind: str) -> list[OrderDraft]:
    head, view = group[0], group[0].view
    amounts = [g.amount for g in group if g.amount is not None]
    once = _counted_once(plan, amounts)
    amount = (amounts[0] if once else round(sum(amounts), 2)) if amounts else 0.0
    for line in group:
        if line.is_bad("amount"):
            _report(line, sink, "amount", "ignored this cell; used the other rows of this order"
                    if amounts else "treated as missing: the order counts as 0")
    if not amounts and not any(g.is_bad("amount") for g in group):
        view.problem(sink, view.columns("amount")[0], "", "no amount",
                     "counted as an order of 0")
    is_refund = (any(g.refund_flag for g in group) or bool(REFUND_KINDS.match(kind))
                 or status in REFUND_RECORD_STATUSES)
    if is_refund:
        amount = -abs(amount)
    products = ", ".join(dict.fromkeys(g.product for g in group if g.product))
    costs = [g.cost for g in group if g.cost is not None]
    cost = round(sum(costs), 2) if costs else None
    margin = next((g.margin for g in group if g.margin is not None), None)
    if cost is None and margin is not None and amount > 0:
        if 0 <= margin < 1:
            cost = round(amount * (1 - margin), 2)
        else:
            view.problem(sink, view.columns("margin")[0], f"{margin:.0%}",
                         "not a margin we can use (it should be between 0% and 100%)",
                         "no cost worked out for this order")
    discounts = [g.discount for g in group if g.discount is not None]
    discount = (discounts[0] if once else sum(discounts)) if discounts else 0.0
    orders = [(date, amount, head.order_id, products, None if is_refund else cost,
               round(discount, 2), plan.tab, view.number)]
    refund = _refund_amount(group, plan, sink, amount, status, is_refund, once)
    if refund:
        orders.append((date, -refund, head.order_id, products, None, 0.0, plan.tab,
                       view.number))
    return orders


def _counted_once(plan: TabPlan, amounts: list[float]) -> bool:
    """Whether an order's rows repeat its total (count it once) or carry line amounts."""
    layout = plan.columns.layout
    if layout is not None and layout.repeated_order_total is not None:
        return layout.repeated_order_total
    column = plan.columns.fields.get("amount", (None,))[0]
    order_total = header_key(plan.header(column)) in ORDER_TOTAL_HEADERS
    return order_total and len(amounts) > 1 and len(set(amounts)) == 1


def _refund_amount(group: list[Line], plan: TabPlan, sink: Sink, amount: float, status: str,
                   is_refund: bool, once: bool) -> float:
    """How much of a sale went back to the customer, besides a refund row itself."""
    if is_refund or amount < 0:  # the row itself gives the money back
        return 0.0
    refunds = [g.refund_amount for g in group if g.refund_amount]
    if refunds:
        return round(refunds[0] if once or len(set(refunds)) == 1 else sum(refunds), 2)
    if "refund" not in status or (plan.columns.layout and plan.columns.layout.refund_has_own_row):
        return 0.0
    if "partial" in status:
        view = group[0].view
        view.problem(sink, view.columns("status")[0], view.text("status"),
                     "partly refunded, but the sheet does not say how much",
                     "counted the full amount")
        return 0.0
    return abs(amount)
