"""Known export layouts and their quirks, recognised from the headers alone.

Owners paste exports from their shop, till, payment or mailing-list system. Most of
those headers are plain aliases; a layout is needed only where an export breaks the
usual meaning of a header or needs a rule of its own:
- Shopify orders: "Name" is the ORDER number (#1001); the customer is "Billing Name";
  item rows repeat the order with the order-level cells left blank.
- Squarespace and Wix orders: item rows repeat the order; count its total once.
- Etsy: dates are month/day/year; "Buyer" is a user name, a last resort for the name.
- Stripe payments: "id" is the payment id; refunds sit in "Amount Refunded".
- Stripe customers: "id" is the customer id; "Created (UTC)" is not a purchase.
- Stripe payouts: money paid to the owner's bank, not customers at all.
- PayPal activity: "Gross" is the amount, the customer is whichever of "From Email
  Address" / "To Email Address" is not the owner's own address, withdrawals and
  transfers are not customers, a refunded payment has its own refund row.
- Eventbrite: one row per attendee repeats the order; the buyer's columns win.
- WooCommerce customers: "Last active" stands for the last purchase.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from toolkit.normalise.aliases import header_key

IGNORE = "-"  # in a layout's overrides: a known column that must not be used


@dataclass(frozen=True)
class Layout:
    name: str  # how the owner knows it: "Shopify orders export"
    signatures: tuple[frozenset[str], ...]  # header keys; one full set identifies it
    overrides: Mapping[str, tuple[str | None, int]] = field(default_factory=dict)
    # Item rows repeat the order's total (True: count it once), carry line amounts (False:
    # add them up), or None: decided by the amount's header and values (see orders.py).
    repeated_order_total: bool | None = None
    date_order: Literal["dmy", "mdy"] | None = None  # how the export always writes dates
    refund_has_own_row: bool = False  # a "Refunded" payment also has its own refund row
    counterparty_email: bool = False  # customer = the From/To address that is not the owner's
    not_customers: str = ""  # why a tab in this layout holds no customers (payouts)


def _layout(
    name: str,
    signatures: list[list[str]],
    overrides: list[tuple[str, str]] | None = None,
    *,
    repeated_order_total: bool | None = None,
    date_order: Literal["dmy", "mdy"] | None = None,
    refund_has_own_row: bool = False,
    counterparty_email: bool = False,
    not_customers: str = "",
) -> Layout:
    """Build a layout from headers as the export writes them; overrides rank in order."""
    sigs = tuple(frozenset(header_key(h) for h in sig) for sig in signatures)
    table: dict[str, tuple[str | None, int]] = {}
    for rank, (header, field_name) in enumerate(overrides or []):
        table[header_key(header)] = (None if field_name == IGNORE else field_name, rank - 100)
    return Layout(name, sigs, table, repeated_order_total, date_order, refund_has_own_row,
                  counterparty_email, not_customers)


_ORDER_ITEMS_IGNORED = [
    ("Subtotal", IGNORE), ("Lineitem price", IGNORE), ("Lineitem discount", IGNORE),
    ("Lineitem compare at price", IGNORE), ("Id", IGNORE), ("Employee", IGNORE),
    ("Location", IGNORE), ("Vendor", IGNORE), ("Accepts Marketing", IGNORE),
]

LAYOUTS: tuple[Layout, ...] = (
    _layout(
        "Shopify orders export",
        [["Name", "Email", "Financial Status", "Lineitem name"],
         ["Name", "Paid at", "Lineitem name", "Billing Name"]],
        [("Name", "order_id"), ("Billing Name", "name"), ("Shipping Name", "name"),
         ("Paid at", "date"), ("Created at", "date"), ("Total", "amount"),
         ("Refunded Amount", "refunds"), ("Discount Amount", "discount"),
         ("Lineitem name", "product"), ("Financial Status", "status"),
         ("Cancelled at", "cancelled"), ("Phone", "phone"), ("Billing Phone", "phone"),
         ("Tags", IGNORE),
         *_ORDER_ITEMS_IGNORED],
        repeated_order_total=True,
    ),
    _layout(
        "Squarespace orders export",
        [["Order ID", "Email", "Financial Status", "Lineitem name"]],
        [("Billing Name", "name"), ("Shipping Name", "name"), ("Paid at", "date"),
         ("Created at", "date"), ("Total", "amount"), ("Amount Refunded", "refunds"),
         ("Discount Amount", "discount"), ("Lineitem name", "product"),
         ("Financial Status", "status"), *_ORDER_ITEMS_IGNORED],
        repeated_order_total=True,
    ),
    _layout(
        "Wix orders export",
        [["Order number", "Date created", "Payment status"],
         ["Order #", "Date created", "Payment status"]],
        [("Date created", "date"), ("Time", IGNORE), ("Total", "amount"), ("Price", IGNORE),
         ("Payment status", "status"), ("Item", "product"), ("Fulfillment status", IGNORE)],
        repeated_order_total=True,
    ),
    _layout(
        "Square transactions export",
        [["Transaction ID", "Net Sales", "Customer Name"],
         ["Gross Sales", "Net Sales", "Event Type"]],
        [("Net Sales", "amount"), ("Total Collected", "amount"), ("Gross Sales", "amount"),
         ("Customer ID", "customer_id"), ("Customer Reference ID", "customer_id"),
         ("Transaction ID", "order_id"), ("Payment ID", IGNORE), ("Description", "product"),
         ("Item", "product"), ("Partial Refunds", "refunds"), ("Discounts", "discount"),
         ("Event Type", "kind"), ("Time", IGNORE), ("Time Zone", IGNORE)],
    ),
    _layout(
        "Square customers export",
        [["Square Customer ID"], ["First Visit", "Last Visit", "Transaction Count"]],
        [("Square Customer ID", "customer_id"), ("Reference ID", "customer_id"),
         ("Creation Source", IGNORE), ("Birthday", IGNORE)],
    ),
    _layout(
        "Etsy orders export",
        [["Sale Date", "Order ID", "Buyer User ID"], ["Sale Date", "Order Value"],
         ["Sale Date", "Item Name", "Buyer"]],
        [("Sale Date", "date"), ("Date Paid", "date"), ("Order ID", "order_id"),
         ("Order Value", "amount"), ("Item Total", "amount"), ("Order Total", "amount"),
         ("Order Net", IGNORE), ("Adjusted Order Total", IGNORE), ("Transaction ID", IGNORE),
         ("Listing ID", IGNORE), ("Buyer User ID", "customer_id"), ("Date Shipped", IGNORE),
         ("Ship City", "town"), ("Ship Zipcode", "postcode"), ("Payment Type", IGNORE),
         ("Order Type", IGNORE), ("Number of Items", IGNORE)],
        date_order="mdy",
    ),
    _layout(
        "WooCommerce orders export",
        [["Order #", "Status", "Customer", "Net Sales"], ["Order #", "Customer type"]],
        [("Net Sales", "amount"), ("Customer type", IGNORE), ("Items sold", IGNORE),
         ("Coupon(s)", IGNORE)],
    ),
    _layout(
        "WooCommerce customers export",
        [["Username", "Last active", "Total spend"], ["Username", "Date registered", "AOV"]],
        [("Last active", "last_purchase"), ("Date registered", IGNORE), ("AOV", IGNORE),
         ("Region", IGNORE), ("Country / Region", IGNORE)],
    ),
    _layout(
        "Stripe payouts export",
        [["Arrival Date (UTC)"], ["Arrival Date"]],
        not_customers="it is a list of payouts (money Stripe sent to your bank), not customers",
    ),
    _layout(
        "Stripe customers export",
        [["id", "Email", "Total Spend", "Payment Count"],
         ["id", "Email", "Created (UTC)", "Delinquent"]],
        [("id", "customer_id"), ("Created (UTC)", IGNORE), ("Description", IGNORE),
         ("Refunded Volume", "refunds"), ("Dispute Losses", IGNORE), ("Plan", IGNORE),
         ("Status", IGNORE)],
    ),
    _layout(
        "Stripe payments export",
        [["Created (UTC)", "Amount Refunded", "Status"],
         ["Created (UTC)", "Customer Email", "Amount"]],
        [("id", "order_id"), ("Created (UTC)", "date"), ("Amount", "amount"),
         ("Converted Amount", IGNORE), ("Amount Refunded", "refunds"),
         ("Converted Amount Refunded", IGNORE), ("Fee", IGNORE), ("Tax", IGNORE),
         ("Customer Email", "email"), ("Customer ID", "customer_id"), ("Status", "status"),
         ("Description", "product"), ("Seller Message", IGNORE), ("Captured", IGNORE)],
    ),
    _layout(
        "PayPal activity download",
        [["Gross", "Fee", "Net", "From Email Address", "Type"],
         ["Gross", "Net", "Transaction ID", "Type", "Status"]],
        [("Gross", "amount"), ("Net", IGNORE), ("Fee", IGNORE), ("Balance", IGNORE),
         ("Name", "name"), ("From Email Address", "email"), ("To Email Address", "email"),
         ("Type", "kind"), ("Status", "status"), ("Transaction ID", "order_id"),
         ("Reference Txn ID", IGNORE), ("Invoice Number", IGNORE), ("Item Title", "product"),
         ("Time", IGNORE), ("TimeZone", IGNORE), ("Balance Impact", IGNORE),
         ("Subject", IGNORE), ("Receipt ID", IGNORE)],
        refund_has_own_row=True,
        counterparty_email=True,
    ),
    _layout(
        "Eventbrite orders export",
        [["Order #", "Order Date", "Total Paid"], ["Order #", "Attendee #"],
         ["Order #", "Ticket Type", "Attendee Status"]],
        [("Order #", "order_id"), ("Order Date", "date"), ("Buyer First Name", "first_name"),
         ("Buyer Last Name", "last_name"), ("Buyer Email", "email"),
         ("First Name", "first_name"), ("Last Name", "last_name"), ("Email", "email"),
         ("Total Paid", "amount"), ("Fees Paid", IGNORE), ("Eventbrite Fees", IGNORE),
         ("Eventbrite Payment Processing", IGNORE), ("Ticket Type", "product"),
         ("Attendee Status", "status"), ("Order Type", IGNORE), ("Attendee #", IGNORE),
         ("Barcode #", IGNORE), ("Quantity", IGNORE)],
        repeated_order_total=False,  # one row per ticket, each with what was paid for it
    ),
    _layout(
        "Mailchimp audience export",
        [["Email Address", "MEMBER_RATING"], ["Email Address", "OPTIN_TIME"],
         ["Email Address", "LEID"]],
        [("Address", IGNORE), ("Birthday", IGNORE)],
    ),
    _layout(
        "Google Contacts export",
        [["Given Name", "Family Name"], ["E-mail 1 - Value"]],
        [("Organization 1 - Name", IGNORE), ("Birthday", IGNORE)],
    ),
    _layout(
        "Outlook contacts export",
        [["E-mail Address", "E-mail Display Name"], ["E-mail Address", "Business Phone"],
         ["First Name", "Middle Name", "Last Name", "E-mail Address"]],
        [("Middle Name", IGNORE), ("Company", IGNORE), ("Birthday", IGNORE)],
    ),
)


def detect_layout(keys: set[str]) -> Layout | None:
    """The first known layout whose headers are all present (keys from header_key)."""
    for layout in LAYOUTS:
        if any(signature <= keys for signature in layout.signatures):
            return layout
    return None


def layout_by_name(name: str) -> Layout:
    for layout in LAYOUTS:
        if layout.name == name:
            return layout
    raise KeyError(name)
