"""One customer per person: duplicates merged (and reported), orders joined to customers.

- Rows of Customers tabs with the same email (any capitals) or the same customer id are
  one customer: counts and totals add up, flags are kept, the first filled-in details
  win. Each merge is reported ("duplicate of row N", "merged"). Rows with neither an
  email nor an id merge when their names are the same (the key must be unique).
- An order joins its customer by email, then id, then name (case and accents ignored).
  A name joins only a customer whose email and id do not contradict the order's.
- When a Customers tab exists, an order for someone not on it adds the customer and says
  so once; when there are only orders, customers are built from them silently.
- Keys: the email in lower case when known, else "id:<id>", else "name:<folded name>".
"""

from __future__ import annotations

from array import array

from toolkit.model import Customer, Order
from toolkit.normalise.order_lines import DraftRun, Drafts
from toolkit.normalise.people import absorb, finish, key_of, name_key
from toolkit.normalise.tables import Sink
from toolkit.records import maker

_new_order = maker(Order)  # Order(*every field), made faster
MERGED = "merged into one customer (counts and totals added up, first filled-in details kept)"


class CustomerBook:
    def __init__(self, sink: Sink) -> None:
        self._sink = sink
        self._people: list[Customer] = []
        self._by_email: dict[str, int] = {}
        self._by_id: dict[str, int] = {}
        self._by_name: dict[str, list[int]] = {}
        self._reported_new: set[int] = set()
        self._absorbed: set[tuple[int, object]] = set()

    # ------------------------------------------------------------------ indexes

    def _index(self, at: int) -> None:
        person = self._people[at]
        if person.email:
            self._by_email.setdefault(person.email.casefold(), at)
        if person.customer_id:
            self._by_id.setdefault(person.customer_id.casefold(), at)
        folded = name_key(person)
        if folded:
            names = self._by_name.get(folded)
            if names is None:
                self._by_name[folded] = [at]
            elif at not in names:
                names.append(at)

    def _new(self, person: Customer) -> int:
        self._people.append(person)
        self._index(len(self._people) - 1)
        return len(self._people) - 1

    # ------------------------------------------------------------------ customers tabs

    def add_listed(self, person: Customer, email_header: str, id_header: str,
                   name_header: str) -> None:
        """A row of a Customers tab: a new customer, or a duplicate merged and reported."""
        at, why, header, value = None, "", "", ""
        if person.email and person.email.casefold() in self._by_email:
            at, why = self._by_email[person.email.casefold()], "same email"
            header, value = email_header, person.email
        elif person.customer_id and person.customer_id.casefold() in self._by_id:
            at, why = self._by_id[person.customer_id.casefold()], "same customer id"
            header, value = id_header, person.customer_id
        elif not person.email and not person.customer_id and name_key(person):
            for candidate in self._by_name.get(name_key(person), []):
                other = self._people[candidate]
                if not other.email and not other.customer_id:
                    at, why = candidate, "same name, and no email or id to tell them apart"
                    header, value = name_header, person.name
                    break
        if at is None:
            self._new(person)
            return
        first = self._people[at]
        where = f"row {first.row}" if first.tab == person.tab else f"{first.tab} row {first.row}"
        self._sink.add(person.tab, person.row, header, value, f"duplicate of {where}: {why}",
                       MERGED)
        self._people[at] = absorb(first, person, add_counts=True)
        self._index(at)

    # ------------------------------------------------------------------ orders

    def _find(self, person: Customer) -> tuple[int | None, bool]:
        """(index, ambiguous name) of the customer an order belongs to."""
        if person.email and person.email.casefold() in self._by_email:
            return self._by_email[person.email.casefold()], False
        if person.customer_id and person.customer_id.casefold() in self._by_id:
            found = self._by_id[person.customer_id.casefold()]
            other = self._people[found].email
            if not (person.email and other and other.casefold() != person.email.casefold()):
                return found, False
        fits = [
            at for at in self._by_name.get(name_key(person), []) if name_key(person)
            and _compatible(self._people[at].email, person.email)
            and _compatible(self._people[at].customer_id, person.customer_id)
        ]
        return (fits[0] if fits else None), len(fits) > 1

    def attach(self, person: Customer, *, row: int, report_new: bool, name_header: str,
               token: object = None, sink: Sink | None = None) -> int:
        """The customer an order (on sheet `row`) belongs to, created when new; returns its
        index. `token`: rows with the same token hold the very same customer cells.
        `sink`: where to report (default: the book's)."""
        reports = self._sink if sink is None else sink
        at, ambiguous = self._find(person)
        if ambiguous and at is not None:
            first = self._people[at]
            reports.add(person.tab, row, name_header, person.name,
                           f'several customers are called "{person.name}"',
                           f"counted for the first one ({first.tab} row {first.row}); add an "
                           "email or customer id to the order to tell them apart")
        if at is None:
            at = self._new(person)
            if report_new and at not in self._reported_new:
                self._reported_new.add(at)
                reports.add(person.tab, person.row, name_header,
                               person.email or person.customer_id or person.name,
                               "this customer is not on your customers tab",
                               "added as a new customer from this order")
            if token is not None:
                self._absorbed.add((at, token))
            return at
        counts = person.complaints or person.support_hours or person.refunds
        if token is None or counts or (at, token) not in self._absorbed:
            merged = absorb(self._people[at], person, add_counts=True)
            if merged is not self._people[at]:  # else it is indexed already
                self._people[at] = merged
                self._index(at)
            if token is not None:
                self._absorbed.add((at, token))
        return at

    def attacher(self, *, report_new: bool, name_header: str) -> Attacher:
        """`attach` for the orders of one tab (see `Attacher`)."""
        return Attacher(self, report_new, name_header)

    def remembers(self, person: Customer, at: int, token: object) -> bool:
        """Whether attaching `person` (read from cells with this token) again would find
        customer `at` and change nothing: their email finds it (emails are indexed once
        and for all), that token was absorbed, and nothing on the row adds up."""
        return (token is not None and bool(person.email)
                and self._by_email.get(person.email.casefold()) == at
                and (at, token) in self._absorbed
                and not (person.complaints or person.support_hours or person.refunds))

    # ------------------------------------------------------------------ results

    def keys(self) -> list[str]:
        """Final keys, one per customer, unique (a clash gets "~2", "~3"... appended)."""
        seen: dict[str, int] = {}
        keys = []
        for person in self._people:
            key = key_of(person)
            seen[key] = seen.get(key, 0) + 1
            keys.append(key if seen[key] == 1 else f"{key}~{seen[key]}")
        return keys

    def customers(self, keys: list[str]) -> tuple[Customer, ...]:
        return tuple(finish(person, key) for person, key in zip(self._people, keys,
                                                                 strict=True))


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a.casefold() == b.casefold()


def with_keys(owners: array[int], drafts: Drafts, keys: list[str]) -> tuple[Order, ...]:
    """The orders, each with the final key of the customer it was joined to (`owners`:
    the index of each draft's customer, a run of drafts taking as many). `drafts` is
    emptied on the way, so that each order takes the memory its draft leaves (500,000
    orders: 60 MB less at the peak)."""
    orders: list[Order] = []
    done = 0  # orders made so far
    for index, draft in enumerate(drafts):
        drafts[index] = None
        if isinstance(draft, DraftRun):  # made with map: no Python step per order
            end = done + len(draft)
            run = owners if done == 0 and end == len(owners) else owners[done:end]
            orders.extend(map(_new_order, map(keys.__getitem__, run), *draft.fields()))
            done, draft, run = end, None, owners  # the run's columns go
        else:
            assert draft is not None
            orders.append(_new_order(keys[owners[done]], *draft))
            done += 1
    if done != len(owners):
        raise ValueError("one customer index per order draft")
    drafts.clear()
    return tuple(orders)


class Attacher:
    """`CustomerBook.attach` for the orders of one tab: (customer, row, token, sink) ->
    index. A regular's tenth order on a tab has the same token (the very same customer
    cells, so the same customer record) as their first: once attaching again would change
    nothing (`CustomerBook.remembers`), the index is in `known`, by token."""

    __slots__ = ("_book", "_name_header", "_report_new", "known")

    def __init__(self, book: CustomerBook, report_new: bool, name_header: str) -> None:
        self._book, self._report_new, self._name_header = book, report_new, name_header
        self.known: dict[object, int] = {}

    def __call__(self, person: Customer, row: int, token: object, sink: Sink) -> int:
        at = self.known.get(token) if token is not None else None
        if at is None:
            at = self._book.attach(person, row=row, report_new=self._report_new,
                                   name_header=self._name_header, token=token, sink=sink)
            if self._book.remembers(person, at, token):
                self.known[token] = at
        return at
