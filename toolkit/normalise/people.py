"""Reading who a row is about: identity (name, email, id) and everything else the owner
keeps per customer (channel, referrer, complaints, support hours, fit, do not contact,
and, on a Customers tab, the typed totals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TypeVar

from toolkit.model import CellValue, Customer
from toolkit.normalise.dates import parse_date
from toolkit.normalise.headers import NAME_FALLBACK_RANK
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

_N = TypeVar("_N", int, float)
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


@dataclass
class Person:
    """Everything one row says about a customer; merged into one Customer later."""

    tab: str
    row: int
    name: str = ""
    email: str = ""
    email_ok: bool = True
    customer_id: str = ""
    phone: str = ""
    source: str = ""
    referred_by: str = ""
    town: str = ""
    postcode: str = ""
    tags: str = ""
    notes: str = ""
    complaints: int = 0
    open_complaint: bool = False
    complaint_note: str = ""
    support_hours: float = 0.0
    fit: str = ""
    do_not_contact: bool = False
    total_orders: int | None = None
    total_spent: float | None = None
    first_purchase: dt.date | None = None
    last_purchase: dt.date | None = None
    refunds: float = 0.0

    @property
    def name_key(self) -> str:
        return fold(self.name)

    def has_identity(self) -> bool:
        return bool(self.email or self.customer_id or self.name)

    def key(self) -> str:
        if self.email:
            return self.email.casefold()
        if self.customer_id:
            return f"id:{self.customer_id}"
        return f"name:{self.name_key}"

    def absorb(self, other: Person, *, add_counts: bool) -> None:
        """Fold another row about the same customer into this one: first filled-in text
        wins, flags are OR-ed, tags are united, counts and totals add up (add_counts)."""
        for name in ("name", "customer_id", "complaint_note", "fit", *TEXT_FIELDS):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        if not self.email and other.email:
            self.email, self.email_ok = other.email, other.email_ok
        self.tags = _union_tags(self.tags, other.tags)
        self.open_complaint = self.open_complaint or other.open_complaint
        self.do_not_contact = self.do_not_contact or other.do_not_contact
        if add_counts:
            self.complaints += other.complaints
            self.support_hours += other.support_hours
            self.refunds += other.refunds
            self.total_orders = _add(self.total_orders, other.total_orders)
            self.total_spent = _add(self.total_spent, other.total_spent)
        else:
            self.complaints = max(self.complaints, other.complaints)
            self.support_hours = max(self.support_hours, other.support_hours)
        self.first_purchase = _pick(self.first_purchase, other.first_purchase, earliest=True)
        self.last_purchase = _pick(self.last_purchase, other.last_purchase, earliest=False)

    def to_customer(self, key: str) -> Customer:
        values = {f.name: getattr(self, f.name) for f in fields(Customer)
                  if f.name != "key" and hasattr(self, f.name)}
        values["total_spent"] = None if self.total_spent is None else round(self.total_spent, 2)
        values["refunds"] = round(self.refunds, 2)
        return Customer(key=key, **values)


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
    ranks = view.plan.columns.ranks
    strong = [c for c in view.columns("name") if ranks.get(c, 0) < NAME_FALLBACK_RANK]
    weak = [c for c in view.columns("name") if c not in strong]
    for column in strong:
        if name := clean_name(view.raw(column)):
            return name
    first, last = view.cell("first_name")[0], view.cell("last_name")[0]
    joined = join_name(clean_name(first), clean_name(last))
    if joined:
        return joined
    for column in weak:
        if name := clean_name(view.raw(column)):
            return name
    return ""


def read_identity(view: RowView, sink: Sink, person: Person, email: str | None = None) -> None:
    person.name = _name(view)
    person.customer_id = clean_id(view.cell("customer_id")[0])
    value, column = view.cell("email") if email is None else (email, view.cell("email")[1])
    person.email, person.email_ok = clean_email(value)
    if not person.email and looks_like_email(person.name):  # "Customer" holds an email
        person.email, person.email_ok = clean_email(person.name)
        person.name = ""
    if person.email and not person.email_ok:
        view.problem(sink, column, value, "not a valid email address",
                     "kept as typed; fix it so the customer can get an email")


def read_person(view: RowView, sink: Sink, *, summary: bool, email: str | None = None) -> Person:
    """Read one row. `summary`: a Customers tab row, whose totals are read too."""
    person = Person(view.plan.tab, view.number)
    read_identity(view, sink, person, email)
    for name in TEXT_FIELDS:
        setattr(person, name, (clean_id if name == "phone" else clean_text)(view.cell(name)[0]))
    person.tags = _union_tags(view.text("tags"), "")
    _complaints(view, sink, person)
    value, column = view.cell("support_hours")
    try:
        person.support_hours = max(parse_hours(value) or 0.0, 0.0)
    except CellError as exc:
        view.problem(sink, column, value, str(exc), "counted as 0 hours")
    _fit(view, sink, person)
    _do_not_contact(view, sink, person)
    if summary:
        _totals(view, sink, person)
    return person


def _complaints(view: RowView, sink: Sink, person: Person) -> None:
    value = view.cell("complaints")[0]
    has_count = not is_blank(value)
    try:
        person.complaints = max(round(parse_number(value) or 0), 0)
    except CellError:
        try:
            person.complaints = 1 if parse_flag(value) else 0
        except CellError:  # a description typed in a "Complaints" column
            person.complaints, person.complaint_note = 1, clean_text(value)
    note_value, _ = view.cell("complaint_note")
    open_value, open_column = view.cell("open_complaint")
    try:
        flag = parse_flag(note_value)
    except CellError:
        flag = None
        person.complaint_note = clean_text(note_value)
    if flag or person.complaint_note:
        person.complaints = person.complaints if has_count else max(person.complaints, 1)
        resolved = any(word in person.complaint_note.casefold() for word in RESOLVED_WORDS)
        person.open_complaint = not resolved
    if not is_blank(open_value):
        try:
            person.open_complaint = bool(parse_flag(open_value))
        except CellError:  # "waiting for a refund": a description of an open complaint
            person.open_complaint = True
            person.complaint_note = person.complaint_note or clean_text(open_value)
        if open_column is not None and person.open_complaint:
            person.complaints = max(person.complaints, 1)


def _fit(view: RowView, sink: Sink, person: Person) -> None:
    value, column = view.cell("fit")
    if is_blank(value):
        return
    word = fold(clean_text(value))
    for fit, words in FIT_WORDS.items():
        if word in words:
            person.fit = fit
            return
    view.problem(sink, column, value, "not a fit we know (great, ok or poor)", "left blank")


def _do_not_contact(view: RowView, sink: Sink, person: Person) -> None:
    value, column = view.cell("do_not_contact")
    try:
        person.do_not_contact = bool(parse_flag(value))
    except CellError:
        person.do_not_contact = True
        if not _is_date(value):  # an "Unsubscribed at" date: they did, nothing wrong
            view.problem(sink, column, value, "not yes or no",
                         "treated as do not contact, to be safe")
    if fold(view.text("status")) in NO_CONTACT_STATUSES:
        person.do_not_contact = True


def _is_date(value: CellValue) -> bool:
    try:
        return parse_date(value) is not None
    except CellError:
        return False


def _totals(view: RowView, sink: Sink, person: Person) -> None:
    value, column = view.cell("total_orders")
    try:
        number = parse_number(value)
        person.total_orders = None if number is None else max(round(number), 0)
    except CellError as exc:
        view.problem(sink, column, value, str(exc), "left blank")
    for name, action in (("total_spent", "left blank"), ("refunds", "counted as no refunds")):
        value, column = view.cell(name)
        try:
            amount = parse_money(value)
        except CellError as exc:
            view.problem(sink, column, value, str(exc), action)
            continue
        if amount is not None:
            setattr(person, name, abs(amount) if name == "refunds" else amount)
    person.first_purchase = view.date("first_purchase", sink, "left blank")
    person.last_purchase = view.date("last_purchase", sink, "left blank")
