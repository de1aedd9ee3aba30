"""Reading who a row is about: identity (name, email, id) and everything else the owner
keeps per customer (channel, referrer, complaints, support hours, fit, do not contact,
and, on a Customers tab, the typed totals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

from toolkit.model import CellValue, Customer
from toolkit.normalise.dates import parse_date
from toolkit.normalise.parse import (
    CellError,
    clean_email,
    clean_id,
    clean_name,
    clean_text,
    fold,
    is_blank,
    join_name,
    looks_like_email,
    parse_flag,
    parse_hours,
    parse_money,
    parse_number,
)
from toolkit.normalise.tables import RowView, Sink
from toolkit.records import maker, replacer

_N = TypeVar("_N", int, float)
_replace = replacer(Customer)  # dataclasses.replace for customers, faster
_new_customer = maker(Customer)  # Customer(*every field), faster
_after_key = attrgetter(*(f.name for f in fields(Customer)[1:]))  # every field but the key
# Every field read about the customer on a row (their cells decide who the row is about).
PERSON_FIELDS = frozenset({
    "name", "first_name", "last_name", "email", "customer_id", "phone", "source", "referred_by",
    "town", "postcode", "tags", "notes", "complaints", "open_complaint", "complaint_note",
    "support_hours", "fit", "do_not_contact", "status"})
TEXT_FIELDS = ("phone", "source", "referred_by", "town", "postcode", "notes")
RESOLVED_WORDS = ("resolved", "closed", "sorted", "fixed", "done", "settled")
NO_CONTACT_STATUSES = frozenset({"unsubscribed", "cleaned", "opted out", "do not contact",
                                 "bounced", "blocked"})
FIT_WORDS = {
    "great": ("great", "excellent", "ideal", "perfect", "good", "good fit", "great fit",
              "a", "5", "4", "high", "★★★★★", "★★★★"),
    "ok": ("ok", "okay", "fine", "average", "medium", "mid", "b", "3", "so-so", "ok fit"),
    "poor": ("poor", "bad", "difficult", "low", "c", "1", "2", "poor fit", "bad fit", "awful"),
}


def name_key(person: Customer) -> str:
    """The name as compared: case-folded, accents and extra spaces removed."""
    return fold(person.name)


def has_identity(person: Customer) -> bool:
    return bool(person.email or person.customer_id or person.name)


def key_of(person: Customer) -> str:
    """Email in lower case when known, else "id:<id>", else "name:<folded name>"."""
    if person.email:
        return person.email.casefold()
    if person.customer_id:
        return f"id:{person.customer_id}"
    return f"name:{name_key(person)}"


def absorb(first: Customer, other: Customer, *, add_counts: bool) -> Customer:
    """Fold another row about the same customer into `first`: first filled-in text wins,
    flags are OR-ed, tags are united, counts and totals add up (add_counts; otherwise the
    rows repeat one order and the larger count is kept)."""
    if add_counts and _adds_nothing(first, other):
        return first  # what the rules below give: the common case, kept cheap
    wanted: dict[str, Any] = {
        name: getattr(other, name) for name in ("name", "email", "customer_id",
                                                "complaint_note", "fit", *TEXT_FIELDS)
        if not getattr(first, name) and getattr(other, name)
    }
    wanted["tags"] = _union_tags(first.tags, other.tags)
    wanted["open_complaint"] = first.open_complaint or other.open_complaint
    wanted["do_not_contact"] = first.do_not_contact or other.do_not_contact
    if add_counts:
        wanted["complaints"] = first.complaints + other.complaints
        wanted["support_hours"] = first.support_hours + other.support_hours
        wanted["refunds"] = first.refunds + other.refunds
        wanted["total_orders"] = _add(first.total_orders, other.total_orders)
        wanted["total_spent"] = _add(first.total_spent, other.total_spent)
    else:
        wanted["complaints"] = max(first.complaints, other.complaints)
        wanted["support_hours"] = max(first.support_hours, other.support_hours)
    wanted["first_purchase"] = _pick(first.first_purchase, other.first_purchase, earliest=True)
    wanted["last_purchase"] = _pick(first.last_purchase, other.last_purchase, earliest=False)
    changes = {name: value for name, value in wanted.items() if getattr(first, name) != value}
    return _replace(first, **changes) if changes else first


def _adds_nothing(first: Customer, other: Customer) -> bool:
    """True when `absorb(first, other, add_counts=True)` is `first` itself: every text of
    `other` is blank or already filled in `first`, no tags, flags or dates, counts of 0.
    (It may say False where nothing changes either; the full rules then decide.)"""
    return (not (other.tags or first.tags or other.open_complaint or other.do_not_contact
                 or other.complaints or other.support_hours or other.refunds)
            and other.total_orders is None and other.total_spent is None
            and other.first_purchase is None and other.last_purchase is None
            and (not other.name or bool(first.name)) and (not other.email or bool(first.email))
            and (not other.customer_id or bool(first.customer_id))
            and (not other.complaint_note or bool(first.complaint_note))
            and (not other.fit or bool(first.fit))
            # TEXT_FIELDS, spelt out: this runs for every order's customer
            and (not other.phone or bool(first.phone)) and (not other.source or bool(first.source))
            and (not other.referred_by or bool(first.referred_by))
            and (not other.town or bool(first.town))
            and (not other.postcode or bool(first.postcode))
            and (not other.notes or bool(first.notes)))


def finish(person: Customer, key: str) -> Customer:
    """The customer as handed on: its key set, sums rounded to cents."""
    spent = None if person.total_spent is None else round(person.total_spent, 2)
    refunds = round(person.refunds, 2)
    if spent == person.total_spent and refunds == person.refunds:  # the usual customer
        return _new_customer(key, *_after_key(person))  # (no sum to round: a new key only)
    return _replace(person, key=key, total_spent=spent, refunds=refunds)


def _add(a: _N | None, b: _N | None) -> _N | None:
    if a is None:
        return b
    return a if b is None else a + b


def _pick(a: dt.date | None, b: dt.date | None, earliest: bool) -> dt.date | None:
    if a is None or b is None:
        return a or b
    return min(a, b) if earliest else max(a, b)


def _union_tags(a: str, b: str) -> str:
    seen: dict[str, str] = {}
    for tag in [*a.split(","), *b.split(",")]:
        tag = tag.strip()
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return ", ".join(seen.values())


# --------------------------------------------------------------------------- reading


def _name(view: RowView) -> str:
    """A full-name column, else first + last name, else a weaker name column
    (a shipping name, a nickname, a user name)."""
    strong, weak = view.plan.name_columns
    for column in strong:
        if name := clean_name(view.raw(column)):
            return name
    if "first_name" in view.fields or "last_name" in view.fields:
        first, last = view.cell("first_name")[0], view.cell("last_name")[0]
        joined = join_name(clean_name(first), clean_name(last))
        if joined:
            return joined
    for column in weak:
        if name := clean_name(view.raw(column)):
            return name
    return ""


def _identity(view: RowView, sink: Sink, email: str | None) -> tuple[str, str, str]:
    """(name, email, customer id); a malformed email is reported and kept as typed."""
    name = _name(view)
    value, column = view.cell("email") if email is None else (email, view.cell("email")[1])
    address, valid = clean_email(value)
    if not address and looks_like_email(name):  # the "Customer" column holds an email
        (address, valid), name = clean_email(name), ""
    if address and not valid:
        _report_email(view, sink, column, value)
    return name, address, clean_id(view.cell("customer_id")[0]) if "customer_id" in view.fields \
        else ""


def read_person(view: RowView, sink: Sink, *, summary: bool, email: str | None = None
                ) -> Customer:
    """One row as a customer record (key still empty). `summary`: a Customers tab row,
    whose typed totals are read too. `email`: the address to use instead of the email
    column's (PayPal: the side that is not the owner). Runs for every customer of big
    workbooks, so a field the tab lacks costs one look-up."""
    fields = view.fields
    name, address, customer_id = _identity(view, sink, email)
    complaints, open_complaint, complaint_note = _complaints(view)
    hours = _hours(view, sink) if "support_hours" in fields else 0.0
    text = view.text
    fit = _fit(view, sink) if "fit" in fields else ""
    do_not_contact = (_do_not_contact(view, sink)
                      if "do_not_contact" in fields or "status" in fields else False)
    totals = _totals(view, sink) if summary else {}  # (reported after fit and contact)
    return _new_customer(
        "",  # key
        name, address,
        clean_id(view.cell("phone")[0]) if "phone" in fields else "",  # phone
        customer_id,
        text("source") if "source" in fields else "",
        text("referred_by") if "referred_by" in fields else "",
        text("town") if "town" in fields else "",
        _union_tags(text("tags"), "") if "tags" in fields else "",  # tags
        text("notes") if "notes" in fields else "",
        complaints, open_complaint, complaint_note, hours, fit, do_not_contact,
        totals.get("total_orders"), totals.get("total_spent"), totals.get("first_purchase"),
        totals.get("last_purchase"), totals.get("refunds", 0.0),
        view.plan.tab, view.number,  # tab, row
        text("postcode") if "postcode" in fields else "",
    )


def only_emails(fields: Mapping[str, object]) -> bool:
    """Whether the only customer cells of a tab with these fields are emails (orders
    exports often name their customers by email alone)."""
    return fields.keys() & PERSON_FIELDS == {"email"}


def read_email_person(view: RowView, sink: Sink) -> Customer:
    """`read_person(view, sink, summary=False)` for a row of a tab that has `only_emails`:
    every other field is blank, so only the email is read (and reported when malformed)."""
    value, column = view.cell("email")
    address, valid = clean_email(value)
    if address and not valid:
        _report_email(view, sink, column, value)
    return _new_customer("", "", address, "", "", "", "", "", "", "", 0, False, "", 0.0, "",
                         False, None, None, None, None, 0.0, view.plan.tab, view.number, "")


def _report_email(view: RowView, sink: Sink, column: int | None, value: CellValue) -> None:
    view.problem(sink, column, value, "not a valid email address",
                 "kept as typed; fix it so the customer can get an email")


def _hours(view: RowView, sink: Sink) -> float:
    value, column = view.cell("support_hours")
    try:
        return max(parse_hours(value) or 0.0, 0.0)
    except CellError as exc:
        view.problem(sink, column, value, str(exc), "counted as 0 hours")
        return 0.0


def _complaints(view: RowView) -> tuple[int, bool, str]:
    """(complaints, open complaint, complaint note) from whichever columns the tab has."""
    fields = view.fields  # a column the tab lacks reads as blank: skipped
    if not ("complaints" in fields or "complaint_note" in fields or "open_complaint" in fields):
        return 0, False, ""
    count, has_count, note, is_open = 0, False, "", False
    if "complaints" in fields:
        value = view.cell("complaints")[0]
        has_count = not is_blank(value)
        try:
            count = max(round(parse_number(value) or 0), 0)
        except CellError:
            try:
                count = 1 if parse_flag(value) else 0
            except CellError:  # a description typed in a "Complaints" column
                count, note = 1, clean_text(value)
    flag = None
    if "complaint_note" in fields:
        note_value = view.cell("complaint_note")[0]
        try:
            flag = parse_flag(note_value)
        except CellError:
            flag, note = None, clean_text(note_value)
    if flag or note:
        count = count if has_count else max(count, 1)
        is_open = not any(word in note.casefold() for word in RESOLVED_WORDS)
    open_value = view.cell("open_complaint")[0] if "open_complaint" in fields else None
    if not is_blank(open_value):
        try:
            is_open = bool(parse_flag(open_value))
        except CellError:  # "waiting for a refund": a description of an open complaint
            is_open, note = True, note or clean_text(open_value)
        count = max(count, 1) if is_open else count
    return count, is_open, note


def _fit(view: RowView, sink: Sink) -> str:
    value, column = view.cell("fit")
    if value is None:
        return ""
    word = fold(clean_text(value))
    for fit, words in FIT_WORDS.items():
        if word in words:
            return fit
    view.problem(sink, column, value, "not a fit we know (great, ok or poor)", "left blank")
    return ""


def _do_not_contact(view: RowView, sink: Sink) -> bool:
    value, column = view.cell("do_not_contact")
    if view.has("status") and fold(view.text("status")) in NO_CONTACT_STATUSES:
        return True
    if value is None:
        return False
    try:
        return bool(parse_flag(value))
    except CellError:
        if not _is_date(value):  # an "Unsubscribed at" date: they did, nothing wrong
            view.problem(sink, column, value, "not yes or no",
                         "treated as do not contact, to be safe")
        return True


def _is_date(value: CellValue) -> bool:
    try:
        return parse_date(value) is not None
    except CellError:
        return False


def _totals(view: RowView, sink: Sink) -> dict[str, Any]:
    """The per-customer totals typed on a Customers tab."""
    changes: dict[str, Any] = {}
    fields = view.fields  # a column the tab lacks leaves the total at its default (None)
    if "total_orders" in fields:
        value, column = view.cell("total_orders")
        try:
            number = parse_number(value)
            changes["total_orders"] = None if number is None else max(round(number), 0)
        except CellError as exc:
            view.problem(sink, column, value, str(exc), "left blank")
    for name, action in (("total_spent", "left blank"), ("refunds", "counted as no refunds")):
        if name not in fields:
            continue
        value, column = view.cell(name)
        try:
            amount = parse_money(value)
        except CellError as exc:
            view.problem(sink, column, value, str(exc), action)
            continue
        if amount is not None:
            changes[name] = abs(amount) if name == "refunds" else amount
    for name in ("first_purchase", "last_purchase"):
        if name in fields:
            changes[name] = view.date(name, sink, "left blank")
    return changes
