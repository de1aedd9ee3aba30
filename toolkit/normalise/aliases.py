"""The toolkit's field names and the headers owners and exports use for each of them.

Headers are compared through `header_key` (case, spaces, punctuation and currency marks
ignored), so "E-mail Address", "email address" and "EMAIL_ADDRESS" are one alias. Within a
field, earlier aliases win when a tab has several matching columns; the others are kept
as fall-backs for rows where the first is blank (e.g. Shopify "Billing Name", then
"Shipping Name").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from toolkit.normalise.parse import CURRENCY_CODES

_CURRENCY_SYMBOLS = re.compile(r"[£$€¥₹]")
_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """The comparable form of a header: lower-case letters and digits only, accents and
    currency marks removed. Idempotent: header_key(header_key(x)) == header_key(x)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("#", " number ").replace("%", " percent ").replace("&", " and ")
    words = _WORDS.findall(_CURRENCY_SYMBOLS.sub(" ", folded))
    kept = [word for word in words if word not in CURRENCY_CODES]
    return "".join(kept or words)


# Every field a header can be mapped to, with the words `check` and error messages use.
FIELDS: dict[str, str] = {
    "name": "customer name (full name)",
    "first_name": "first name",
    "last_name": "last name (surname)",
    "email": "email address",
    "phone": "phone number",
    "customer_id": "customer id / number",
    "source": "how they found you (channel)",
    "referred_by": "who referred them",
    "town": "town or city",
    "postcode": "postcode / ZIP",
    "tags": "tags or labels",
    "notes": "notes",
    "complaints": "number of complaints (or yes/no)",
    "open_complaint": "complaint still open (yes/no)",
    "complaint_note": "what the complaint was",
    "support_hours": "hours of support given",
    "fit": "fit (great / ok / poor)",
    "do_not_contact": "do not contact / unsubscribed",
    "total_orders": "number of orders (per customer)",
    "total_spent": "total spent (per customer)",
    "first_purchase": "first purchase date (per customer)",
    "last_purchase": "last purchase or visit date (per customer)",
    "refunds": "refunds (amount, or yes/no on an order)",
    "date": "order date",
    "amount": "order amount",
    "order_id": "order number",
    "product": "product or item",
    "cost": "cost of goods",
    "margin": "margin %",
    "discount": "discount",
    "status": "order or payment status",
    "kind": "transaction type",
    "cancelled": "cancelled (date or yes/no)",
}

IDENTITY_FIELDS = ("email", "customer_id", "name", "first_name", "last_name")
DATE_FIELDS = ("date", "first_purchase", "last_purchase")
# Fields whose headers may carry a prefix ("Billing City", "Customer Email", "Buyer Name").
PREFIXABLE = frozenset({"name", "first_name", "last_name", "email", "phone", "town", "postcode"})
PREFIXES = (
    "customer", "customers", "client", "billing", "buyer", "buyers", "contact", "purchaser",
    "member", "guest", "attendee", "shipping", "ship", "defaultaddress", "home", "business",
    "primary", "main", "personal", "work", "your", "their",
)
SUFFIXES = ("billing", "shipping", "customer", "buyer", "contact")  # "Email (Billing)"

ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "Name", "Customer", "Customer Name", "Client", "Client Name", "Full Name", "Contact",
        "Contact Name", "Billing Name", "Billing Customer", "Buyer Name", "Purchaser",
        "Member", "Member Name", "Guest", "Guest Name", "Attendee", "Attendee Name",
        "Patient", "Account Name", "Who", "Customer Full Name", "Card Name", "Shipping Name",
        "Ship Name", "Display Name", "Nickname", "E-mail Display Name", "Customer Description",
        "Buyer",
    ),
    "first_name": ("First Name", "Firstname", "Given Name", "Forename", "First", "Christian Name"),
    "last_name": ("Last Name", "Lastname", "Surname", "Family Name", "Last"),
    "email": (
        "Email", "E-mail", "Email Address", "E-mail Address", "Mail", "Email 1",
        "E-mail 1 - Value", "Email Value", "Customer Email", "Contact Email", "Buyer Email",
        "Buyer's Email", "Billing Email", "From Email Address", "Email Addresses", "Emails",
        "Contact mail", "Mail Address",
    ),
    "phone": (
        "Phone", "Phone Number", "Telephone", "Tel", "Telephone Number", "Mobile",
        "Mobile Phone", "Mobile Number", "Cell", "Cell Phone", "Phone 1", "Phone 1 - Value",
        "Phone Value", "Contact Phone Number", "Primary Phone", "Landline",
    ),
    "customer_id": (
        "Customer ID", "Customer Number", "Customer No", "Customer Ref", "Customer Reference",
        "Client ID", "Client Number", "Account Number", "Account No", "Member ID",
        "Member Number", "Square Customer ID", "Buyer User ID", "Customer Reference ID",
        "Reference ID", "Loyalty Number", "ID", "Ref",
    ),
    "source": (
        "Source", "Channel", "How did you hear", "How did you hear about us",
        "How did you find us", "How did they find us", "How did they hear about us",
        "How they found us", "How found", "Heard about us", "Found us via", "Referral Source",
        "Lead Source", "Acquisition Channel", "Marketing Channel", "Acquired via", "Came from",
        "Attribution", "Utm Source",
    ),
    "referred_by": (
        "Referred by", "Referrer", "Referral", "Referred", "Introduced by", "Recommended by",
        "Referred from", "Referrer Email", "Referred by (email)",
    ),
    "town": (
        "Town", "City", "Town/City", "Locality", "Suburb", "Village", "Address City",
        "Address 1 - City", "Default Address City",
    ),
    "postcode": (
        "Postcode", "Post Code", "Postal Code", "ZIP", "Zip Code", "Zipcode",
        "Address Postal Code", "Address 1 - Postal Code", "Default Address Zip",
        "Zip/Postal Code",
    ),
    "tags": ("Tags", "Tag", "Labels", "Label", "Groups", "Group Membership", "Categories",
             "Segment Tags"),
    "notes": ("Notes", "Note", "Memo", "Comments", "Comment", "Remarks", "Customer Note",
              "Private Notes", "Internal Notes"),
    "complaints": ("Complaints", "Number of complaints", "Complaint Count",
                   "Complaints Count", "No of complaints", "Times complained"),
    "open_complaint": ("Open complaint", "Complaint open", "Unresolved complaint",
                       "Open issue", "Complaint outstanding", "Open complaints"),
    "complaint_note": ("Complaint", "Complaint note", "Complaint notes", "Complaint details",
                       "Last complaint", "Complaint reason", "Issue"),
    "support_hours": ("Support hours", "Hours of support", "Support time", "Time spent",
                      "Support", "Hours", "Service hours", "Support time hours"),
    "fit": ("Fit", "Customer fit", "Fit rating", "Good fit", "Fit score"),
    "do_not_contact": (
        "Do not contact", "DNC", "Do not email", "Don't contact", "Do not mail",
        "Opted out", "Opt out", "Unsubscribed", "No marketing", "No contact",
        "UNSUB_TIME", "CLEAN_TIME", "Unsubscribed at", "Unsubscribe date",
        "Email Subscription Status", "Email subscriber status", "Email Marketing Status",
        "Subscription Status", "Subscriber Status", "Marketing Status", "Email Status",
        "Email Marketing",
    ),
    "total_orders": (
        "Orders", "Total Orders", "Order Count", "Number of orders", "No of orders",
        "Orders count", "Visits", "Number of visits", "Total visits", "Transaction Count",
        "Transactions", "Payment Count", "Purchases", "Number of purchases", "Bookings",
        "Times purchased", "Times bought",
    ),
    "total_spent": (
        "Total Spent", "Total Spend", "Spent", "Spend", "Lifetime Value", "LTV", "CLV",
        "Lifetime Spend", "Total Revenue", "Revenue", "Total Sales", "Sales", "Amount Spent",
        "Total Purchases", "Total paid to date", "Money spent",
    ),
    "first_purchase": (
        "First Purchase", "First Purchase Date", "First Order", "First Order Date",
        "First Visit", "First Visit Date", "Customer since", "First bought", "First seen",
        "Date of first order",
    ),
    "last_purchase": (
        "Last Purchase", "Last Purchase Date", "Last Order", "Last Order Date", "Last Visit",
        "Last Visit Date", "Last bought", "Last seen", "Most recent order",
        "Most recent purchase", "Last sale", "Date of last order", "Last booking",
    ),
    "refunds": (
        "Refunds", "Refund", "Refunded", "Refunded Amount", "Amount Refunded", "Refund Amount",
        "Total Refunded", "Refunded Volume", "Partial Refunds", "Returns", "Refund?",
        "Order Refund Amount",
    ),
    "date": (
        "Date", "Order Date", "Sale Date", "Purchase Date", "Transaction Date",
        "Payment Date", "Paid at", "Created at", "Created (UTC)", "Created", "Date created",
        "Date Paid", "Invoice Date", "Visit Date", "Booking Date", "Appointment Date",
        "Order Created", "Date of purchase", "When", "Date Ordered", "Order placed",
    ),
    "amount": (
        "Amount", "Total", "Order Total", "Order Value", "Total Paid", "Amount Paid", "Paid",
        "Price", "Value", "Gross", "Net Sales", "Total Collected", "Gross Sales",
        "Order Amount", "Sale Amount", "Sale", "Total Amount", "Grand Total",
        "Order Total Amount", "Charge", "Payment", "Payment Amount", "Item Total",
        "Line Total", "Subtotal", "Order Net",
    ),
    "order_id": (
        "Order ID", "Order #", "Order Number", "Order No", "Order Ref", "Order Reference",
        "Invoice", "Invoice Number", "Invoice #", "Invoice No", "Receipt", "Receipt Number",
        "Receipt ID", "Transaction ID", "Sale ID", "Booking Reference", "Booking Ref",
        "Reference", "Order",
    ),
    "product": (
        "Product", "Products", "Product(s)", "Item", "Items", "Item Name", "Lineitem name",
        "Line item", "Product Name", "Item Title", "Service", "Treatment", "Ticket Type",
        "What", "Description of goods",
    ),
    "cost": ("Cost", "Cost of goods", "COGS", "Cost price", "Product cost", "Our cost",
             "Cost of sale"),
    "margin": ("Margin", "Margin %", "Gross margin", "Profit margin", "Margin percent"),
    "discount": ("Discount", "Discounts", "Discount Amount", "Coupon amount",
                 "Discount value", "Lineitem discount", "Cart Discount Amount"),
    "status": (
        "Status", "Financial Status", "Payment Status", "Order Status", "Transaction Status",
        "Attendee Status", "Payment state",
    ),
    "kind": ("Type", "Transaction Type", "Event Type", "Entry Type", "Activity Type"),
    "cancelled": ("Cancelled at", "Canceled at", "Cancelled", "Canceled", "Cancelled date",
                  "Date cancelled"),
}
