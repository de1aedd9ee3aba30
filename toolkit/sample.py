"""The sample workbook of `customer-toolkit demo`: a small café-bakery and gift shop.

`build_sample(today, seed)` returns the owner's tabs (About, Customers, Orders) as rows
of cells, ready for an adapter to write. About 200 customers buy over the two years
before `today`; the same seed and `today` always give the same rows, and another
`today` gives the same story moved in time.

Every situation the product reacts to is planted on purpose: see
`toolkit.sample_planted` (its docstring and `SAMPLE_FACTS`). The other customers are
drawn so that none of them looks like a planted situation (nobody else bought for the
first time in the last 30 days, reached a 10th order in the last 30 days, first bought
about a year ago, or, with 4+ orders, is overdue by more than twice their usual gap).

The cells are what an owner really has, messy ones included (`MESSY_CELLS`):
- a title row and a blank row above the Customers header;
- three order dates typed as text: two d/m/y with the day above 12 (so unambiguous),
  one ISO; money typed as text ("£1,234.50", "12.50 GBP");
- a fully blank row in the middle of Orders;
- the same customer on two Customers rows, the e-mail in different case;
- an e-mail without its @ (typed the same way on that customer's orders).
Cells: dates are datetime.date, money float, counts int, flags "Yes" or "", and an
empty cell is "" (every row is as wide as its tab's header, as a reader returns it).

Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics

from toolkit.model import CellValue, Row
from toolkit.sample_catalogue import (
    BUSINESS,
    CHEERFUL_NOTES,
    FIRST_NAMES,
    LAST_NAMES,
    RESOLVED_COMPLAINTS,
    TOWNS,
    Person,
    buys,
    pick,
)
from toolkit.sample_planted import (
    BIG_ORDER_TEXT,
    SAMPLE_FACTS,
    SMALL_ORDER_TEXT,
    SampleFacts,
    planted_people,
)

__all__ = ["CUSTOMER_HEADERS", "MESSY_CELLS", "ORDER_HEADERS", "SAMPLE_FACTS", "SampleFacts",
           "build_sample"]

SampleTab = tuple[str, tuple[Row, ...]]

ABOUT_TAB, CUSTOMERS_TAB, ORDERS_TAB = "About", "Customers", "Orders"
CUSTOMER_HEADERS = ("Customer ID", "Customer Name", "Email", "Phone", "How did they find us",
                    "Referred by", "Town", "Complaints", "Open complaint", "Support hours",
                    "Fit", "Do not contact", "Notes")
ORDER_HEADERS = ("Order ID", "Order date", "Customer email", "Customer Name", "Product",
                 "Amount (£)", "Cost (£)")
MESSY_CELLS = {
    "customers_header_row": 3,  # 1-based: a title row and a blank row sit above it
    "text_dates": 3,  # Orders "Order date" typed as text: 2 d/m/y (day > 12), 1 ISO
    "text_money": (BIG_ORDER_TEXT, SMALL_ORDER_TEXT),
    "blank_order_rows": 1,
    "duplicate_emails": SAMPLE_FACTS.duplicate_emails,
    "typo_email": SAMPLE_FACTS.typo_email,
}

BACKGROUND_CUSTOMERS = 167  # with the 33 planted: 200 customers
HISTORY_DAYS = 730
QUIET_FIRST_DAYS = 30  # no background customer made a first purchase this recently
_KINDS = {"one-off": 38, "occasional": 32, "regular": 22, "lapsed": 8}
_KIND_CHANNELS = {
    "one-off": {"Instagram": 33, "Google": 30, "Walk-in": 20, "Market stall": 15,
                "Friend referral": 2},
    "occasional": {"Instagram": 26, "Google": 24, "Walk-in": 25, "Market stall": 19,
                   "Friend referral": 6},
    "regular": {"Friend referral": 56, "Walk-in": 22, "Market stall": 12, "Instagram": 5,
                "Google": 5},
    "lapsed": {"Instagram": 35, "Google": 30, "Market stall": 20, "Walk-in": 12,
               "Friend referral": 3},
}
_KIND_PROFILES = {
    "one-off": {"cakes": 35, "gifts": 35, "daily": 30},
    "occasional": {"gifts": 30, "cakes": 30, "daily": 40},
    "regular": {"daily": 60, "treats": 20, "cakes": 10, "gifts": 10},
    "lapsed": {"gifts": 30, "cakes": 30, "daily": 40},
}


def build_sample(today: dt.date, seed: int = 7) -> tuple[SampleTab, ...]:
    """The sample shop's tabs as of the morning of `today` (sales up to yesterday)."""
    rng = random.Random(seed)
    anniversary_ago = (today - _year_before(today)).days
    people = planted_people(rng, anniversary_ago)
    people += _background(rng, anniversary_ago, {p.name.casefold() for p in people})
    people.sort(key=lambda p: (-p.first_ago, p.name))
    return (
        (ABOUT_TAB, _about(today)),
        (CUSTOMERS_TAB, _customer_rows(rng, people)),
        (ORDERS_TAB, _order_rows(rng, today, people)),
    )


def _year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


# --------------------------------------------------------------------------- customers


def _background(rng: random.Random, anniversary_ago: int, taken: set[str]) -> list[Person]:
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    chosen = [name for name in names if name.casefold() not in taken][:BACKGROUND_CUSTOMERS]
    used_emails: set[str] = set()
    people = []
    for name in chosen:
        kind = pick(rng, _KINDS)
        agos = _ordinary_days(rng, kind, anniversary_ago)
        person = Person(name, _email(rng, name, used_emails), pick(rng, _KIND_CHANNELS[kind]),
                        pick(rng, TOWNS), buys(rng, agos, pick(rng, _KIND_PROFILES[kind])),
                        planted=False, phone=rng.random() < 0.75)
        if kind == "regular":
            person.fit = rng.choices(("great", "ok", ""), weights=(40, 30, 30))[0]
        if rng.random() < 0.12:
            person.notes = rng.choice(CHEERFUL_NOTES)
        if len(agos) > 1 and rng.random() < 0.04:
            person.complaints, person.notes = 1, rng.choice(RESOLVED_COMPLAINTS)
        if rng.random() < 0.05:
            person.support_hours = rng.choice((0.5, 1.0, 1.5))
        people.append(person)
    return people


def _ordinary_days(rng: random.Random, kind: str, anniversary_ago: int) -> list[int]:
    """Days-ago of a background customer's purchases, redrawn until unremarkable."""
    for _ in range(200):
        agos = sorted(_draw_days(rng, kind), reverse=True)
        if _unremarkable(agos, anniversary_ago):
            return agos
    return [200]


def _draw_days(rng: random.Random, kind: str) -> list[int]:
    last_day = HISTORY_DAYS - 1
    if kind == "one-off":
        return [rng.randint(QUIET_FIRST_DAYS + 1, last_day)]
    if kind == "occasional":
        first = rng.randint(60, last_day)
        return [first, *rng.sample(range(1, first - 6), rng.randint(1, 4))]
    if kind == "lapsed":
        first = rng.randint(300, last_day)
        return [first, *rng.sample(range(250, first - 6), rng.randint(1, 2))]
    gap = rng.randint(10, 35)
    last = rng.randint(1, gap)
    gaps = min(rng.randint(6, 30), (last_day - last) // gap)
    step = max(1, gap // 5)
    first = last + gaps * gap
    inner = [first - i * gap + rng.randint(-step, step) for i in range(1, gaps)]
    return [first, *inner, last]


def _unremarkable(agos: list[int], anniversary_ago: int) -> bool:
    first, last = agos[0], agos[-1]
    if first <= QUIET_FIRST_DAYS or abs(first - anniversary_ago) <= 14:
        return False
    if len(agos) >= 10 and agos[9] <= 30:
        return False
    if len(agos) >= 4:
        usual = statistics.median(a - b for a, b in itertools.pairwise(agos))
        return last <= 2 * usual
    return True


def _email(rng: random.Random, name: str, used: set[str]) -> str:
    first, last = name.casefold().replace("'", "").split(" ", 1)
    style = rng.randrange(4)
    if style == 0:
        local = f"{first}.{last}"
    elif style == 1:
        local = f"{first}{last}"
    elif style == 2:
        local = f"{first[0]}.{last}"
    else:
        local = f"{first}.{last}{rng.randint(1, 99)}"
    email = f"{local}@{rng.choice(('example.com', 'example.org', 'example.net'))}"
    while email in used:
        email = email.replace("@", f"{rng.randint(0, 9)}@", 1)
    used.add(email)
    return email


def _customer_rows(rng: random.Random, people: list[Person]) -> tuple[Row, ...]:
    mobiles = [f"07700 900{n:03d}" for n in range(1000)]
    landlines = [f"0117 496 0{n:03d}" for n in range(1000)]
    rng.shuffle(mobiles)
    rng.shuffle(landlines)
    width = len(CUSTOMER_HEADERS)
    rows: list[Row] = [_pad((f"{BUSINESS}: customer list",), width), _pad((), width),
                       CUSTOMER_HEADERS]
    again: list[Row] = []
    for number, person in enumerate(people, start=1):
        phone = (mobiles if rng.random() < 0.8 else landlines).pop() if person.phone else ""
        rows.append(_customer_row(f"C{number:04d}", person, person.email, phone))
        if person.listed_again_as:  # added again later from the till, with a phone number
            again.append(_customer_row(f"C{len(people) + 1 + len(again):04d}", person,
                                       person.listed_again_as, phone or mobiles.pop(),
                                       "Added again from the till"))
    return tuple(rows + again)


def _customer_row(customer_id: str, person: Person, email: str, phone: str,
                  notes: str | None = None) -> Row:
    return (customer_id, person.name, email, phone, person.channel, person.referred_by,
            person.town, person.complaints or "", "Yes" if person.open_complaint else "",
            person.support_hours or "", person.fit, "Yes" if person.do_not_contact else "",
            person.notes if notes is None else notes)


# --------------------------------------------------------------------------- orders


def _order_rows(rng: random.Random, today: dt.date, people: list[Person]) -> tuple[Row, ...]:
    keyed = sorted(((-b.ago, index, seq), person, b) for index, person in enumerate(people)
                   for seq, b in enumerate(person.buys))
    rows: list[list[CellValue]] = []
    background: list[int] = []
    for number, (_, person, b) in enumerate(keyed):
        amount: CellValue = BIG_ORDER_TEXT if b.amount == 1234.50 else b.amount
        rows.append([f"JC-{10001 + number}", today - dt.timedelta(days=b.ago), person.email,
                     person.name, b.product, amount, "" if b.cost is None else b.cost])
        if not person.planted and b.ago >= 60:
            background.append(number)
    _mess_up(rng, rows, background)
    width = len(ORDER_HEADERS)
    body = [tuple(row) for row in rows]
    body.insert(len(body) // 2, _pad((), width))
    return (ORDER_HEADERS, *body)


def _mess_up(rng: random.Random, rows: list[list[CellValue]], background: list[int]) -> None:
    """Type three dates and one amount as text, on ordinary customers' older orders."""
    late_in_month = [i for i in background if _day(rows[i][1]) > 12]
    dmy_first, dmy_second, iso = rng.sample(late_in_month, 3)
    for index in (dmy_first, dmy_second):
        rows[index][1] = f"{rows[index][1]:%d/%m/%Y}"
    rows[iso][1] = f"{rows[iso][1]:%Y-%m-%d}"
    box = rng.choice([i for i in background if i not in (dmy_first, dmy_second, iso)])
    rows[box][4:7] = ["Bread & pastry box", SMALL_ORDER_TEXT, 5.25]


def _day(value: CellValue) -> int:
    return value.day if isinstance(value, dt.date) else 0


def _about(today: dt.date) -> tuple[Row, ...]:
    lines = (
        f"{BUSINESS}: sample workbook",
        "",
        "Made-up customers and purchases of a café-bakery and gift shop in Bristol, for "
        "trying customer-toolkit. Every name, e-mail address and phone number is fictional.",
        "The Customers tab has one row per customer, under a title.",
        "The Orders tab has one row per purchase; refunds are negative amounts.",
        f"Sales recorded up to {today - dt.timedelta(days=1):%d %B %Y}.",
    )
    return tuple((line,) for line in lines)


def _pad(cells: tuple[CellValue, ...], width: int) -> Row:
    return cells + ("",) * (width - len(cells))
