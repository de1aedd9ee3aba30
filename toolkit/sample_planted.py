"""The customers planted in the sample workbook, one or more per situation the product
reacts to, and `SAMPLE_FACTS`, which names them so tests (and the demo) can check that
the product finds each one.

Planted on purpose (days are counted back from `today`; 1 = yesterday):
- first-time buyers: exactly one purchase, 2-12 days ago (five, one of them phone-only and
  one a referral), and nobody else made a first purchase in the last 30 days;
- champions: bought every 1-2 weeks for two years, big baskets, last purchase 1-4 days ago;
- a quiet regular: every ~14 days for a year, nothing for the last 95 days;
- two open complaints, each with the complaint in Notes;
- four referrers whose referrals bought ("Referred by" typed as an e-mail for some, a name
  for others, in any case); one referral made her first purchase 3 days ago;
- a drag customer: three refunds (negative amounts), 4 complaints, 14 support hours,
  fit "poor";
- six customers with no e-mail (phone only; their orders are matched by name);
- two do-not-contact customers (one a loyal regular who would otherwise be asked);
- milestones: a 10th order two days ago; a first purchase exactly a year ago;
- a duplicate customer (same e-mail, different case, two rows) and an e-mail typo
  (no @, typed the same on both tabs); a business that placed a £1,234.50 order.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from toolkit.sample_catalogue import (
    BEST_CHANNEL,
    BUSINESS,
    CHANNELS,
    Buy,
    Person,
    buy,
    buys,
    refund,
)
from toolkit.sample_catalogue import spread as sp

BIG_ORDER_TEXT = "£1,234.50"  # money typed as text, on the business's team-hamper order
SMALL_ORDER_TEXT = "12.50 GBP"  # money typed as text, on one ordinary order


@dataclass(frozen=True)
class SampleFacts:
    """Who was planted for which situation (customer names; every name is unique)."""

    business: str
    first_timers: tuple[str, ...]
    champions: tuple[str, ...]
    quiet_regular: str
    open_complaints: tuple[str, ...]
    referrers: Mapping[str, tuple[str, ...]]  # referrer -> the referrals who bought
    new_referral: str  # first purchase in the last week: her referrer gets a thank-you
    new_referral_referrer: str
    drag: str
    no_email: tuple[str, ...]
    do_not_contact: tuple[str, ...]
    tenth_order: str
    anniversary: str
    channels: tuple[str, ...]
    best_channel: str  # over-represented among the best customers
    duplicate: str
    duplicate_emails: tuple[str, str]  # as typed on the two Customers rows
    typo_email: str  # missing its @, on the Customers row and on that customer's orders
    text_money: tuple[str, str]
    emails: Mapping[str, str]  # planted name -> e-mail as on the Orders tab ("" = none)

    def email(self, name: str) -> str:
        return self.emails[name]


def planted_people(rng: random.Random, anniversary_ago: int) -> list[Person]:
    """Every planted customer with their purchases (see the module docstring)."""
    people: list[Person] = []

    def add(person: Person, agos: list[int], profile: str) -> Person:
        person.buys.extend(buys(rng, agos, profile))
        people.append(person)
        return person

    # Champions; Priya and Siobhan also stand for the referral channel.
    add(Person("Priya Sharma", "priya.sharma@example.com", "Friend referral", "Cotham",
                fit="great", notes="Always takes the seeded rye"), sp(rng, 715, 2, 57, 3), "treats")
    add(Person("Oliver Bennett", "oliver.bennett@example.net", "Walk-in", "Redland",
                fit="great"), sp(rng, 690, 1, 52, 3), "treats")
    add(Person("Siobhan Kelly", "siobhan.kelly@example.org", "Friend referral", "Bishopston",
                referred_by="Gareth Llewellyn", fit="great"), sp(rng, 600, 4, 50, 3), "treats")
    for champion, (cake_ago, hamper_ago) in zip(people, ((340, 33), (300, 45), (250, 24)),
                                                strict=True):
        champion.buys.append(buy(rng, cake_ago, "Celebration cake (3 tier)"))
        champion.buys.append(buy(rng, hamper_ago, "Luxury gift hamper"))
    # The regular who has gone quiet.
    add(Person("Margaret Holloway", "margaret.holloway@example.net", "Walk-in", "Clifton",
                notes="Loaf and beans every other Saturday"), sp(rng, 460, 95, 26, 2), "daily")
    # Open complaints.
    add(Person("Eleanor Price", "eleanor.price@example.com", "Google", "Southville",
                complaints=1, open_complaint=True,
                notes="Complaint: her sourdough was underbaked twice in a row; "
                      "she would like to hear back"), sp(rng, 400, 20, 13, 4), "daily")
    reid = add(Person("Marcus Reid", "marcus.reid@example.org", "Instagram", "Bedminster",
                       complaints=2, open_complaint=True,
                       notes="Complaint: the hamper for his mum arrived with a broken jar of "
                             "marmalade (an earlier late cake was sorted)"),
               [300, 170, 60], "gifts")
    reid.buys.append(buy(rng, 11, "Gift hamper", 60.0))
    # Referrers and the referrals who bought.
    add(Person("Jasmine Clarke", "jasmine.clarke@example.com", "Friend referral", "Cotham",
                referred_by="priya.sharma@example.com", fit="great"),
        sp(rng, 560, 6, 30, 3), "daily")
    add(Person("Rohan Mehta", "rohan.mehta@example.net", "Friend referral", "Redland",
                referred_by="Priya.Sharma@example.com"), sp(rng, 480, 10, 22, 3), "treats")
    add(Person("Ellie Watts", "ellie.watts@example.org", "Friend referral", "Montpelier",
                referred_by="priya.sharma@example.com"), [400, 250, 120, 40], "cakes")
    add(Person("Gareth Llewellyn", "gareth.llewellyn@example.net", "Walk-in", "Montpelier",
                fit="great"), sp(rng, 700, 8, 28, 3), "daily")
    add(Person("Nia Roberts", "nia.roberts@example.com", "Friend referral", "Easton",
                referred_by="gareth llewellyn"), sp(rng, 420, 12, 18, 3), "daily")
    add(Person("Fiona MacLeod", "fiona.macleod@example.org", "Market stall", "Keynsham",
                fit="ok"), sp(rng, 650, 15, 20, 4), "gifts")
    add(Person("Callum Ross", "callum.ross@example.com", "Friend referral", "Keynsham",
                referred_by="fiona.macleod@example.org"), sp(rng, 500, 3, 24, 3), "treats")
    add(Person("Harriet Lowe", "harriet.lowe@example.net", "Friend referral", "Long Ashton",
                referred_by="fiona.macleod@example.org"), [330, 200, 45], "cakes")
    add(Person("Hannah Whitfield", "hannah.whitfield@example.com", "Instagram", "Redland"),
        sp(rng, 540, 9, 16, 3), "treats")
    chloe = add(Person("Chloe Adeyemi", "chloe.adeyemi@example.com", "Friend referral",
                        "Bishopston", referred_by="Hannah Whitfield"), [], "cakes")
    chloe.buys.append(buy(rng, 3, "Birthday cake", 45.0))
    # Other first-time buyers (Lucy is phone-only).
    for name, email, channel, town, ago, product in (
        ("Amara Nwosu", "amara.nwosu@example.org", "Instagram", "Clifton", 2,
         "Croissant & flat white"),
        ("Ben Carter", "ben.carter@example.com", "Google", "Portishead", 9, "Gift hamper"),
        ("Lucy Fenwick", "", "Walk-in", "Cotham", 12, "Sourdough loaf"),
        ("Isaac Morgan", "isaac.morgan@example.net", "Market stall", "Bath", 5,
         "Seville orange marmalade"),
    ):
        add(Person(name, email, channel, town), [], "daily").buys.append(buy(rng, ago, product))
    # The drag customer: refunds, complaints, hours on the phone, a poor fit.
    drag = add(Person("Victoria Ashcombe", "victoria.ashcombe@example.com", "Google",
                       "Portishead", complaints=4, support_hours=14.0, fit="poor",
                       notes="Fourth complaint this year; long calls before every order"),
               [520, 430, 360, 300, 240, 180, 120, 70, 30], "cakes")
    drag.buys.extend(refund(ago, drag.buys[i]) for ago, i in ((425, 1), (235, 4), (66, 7)))
    # Phone only: their orders carry no e-mail and are matched by name.
    add(Person("Stanley Rowe", "", "Walk-in", "Cotham"), sp(rng, 600, 5, 28, 3), "daily")
    add(Person("Doreen Baxter", "", "Walk-in", "Redland"), [500, 300, 150, 60], "cakes")
    add(Person("Kieran Walsh", "", "Market stall", "Nailsea"), [200], "gifts")
    add(Person("Maggie Cole", "", "Walk-in", "Bishopston"), sp(rng, 350, 7, 20, 3), "daily")
    add(Person("Terry Hutchins", "", "Market stall", "Yate"), [280, 90], "gifts")
    # Do not contact.
    add(Person("Graham Pollard", "graham.pollard@example.com", "Walk-in", "Cotham",
                do_not_contact=True, fit="great",
                notes="Asked not to be emailed; happy to chat in the shop"),
        sp(rng, 650, 3, 30, 3), "daily")
    add(Person("Yasmin Aziz", "yasmin.aziz@example.org", "Instagram", "Southville",
                do_not_contact=True, notes="Unsubscribed from our emails"),
        [410, 260, 130], "gifts")
    # Milestones: a 10th order two days ago; a first purchase exactly a year ago.
    add(Person("Imogen Fairweather", "imogen.fairweather@example.net", "Instagram", "Clifton"),
        sp(rng, 240, 2, 9, 3), "treats")
    add(Person("Daniel Osei", "daniel.osei@example.com", "Google", "Easton"),
        [anniversary_ago, 270, 180, 90, 18], "cakes")
    # Messy rows: a duplicate, an e-mail typo, a business with a big order typed as text.
    add(Person("Tom Hargreaves", "tom.hargreaves@example.com", "Instagram", "Totterdown",
                listed_again_as="Tom.Hargreaves@example.com"), [450, 330, 210, 100, 40], "gifts")
    add(Person("Rachel Dunn", "rachel.dunnexample.com", "Walk-in", "Southville"),
        sp(rng, 300, 14, 8, 3), "daily")
    dental = add(Person("Harbourside Dental", "office.harbourside@example.org", "Google",
                         "Clifton", notes="Team hampers; invoice the practice"),
                 [560, 90], "gifts")
    dental.buys.append(Buy(200, "Gift hampers for the team (x15)", 1234.50, 740.70))
    for person in people:
        person.buys.sort(key=lambda b: -b.ago)
    return people


SAMPLE_FACTS = SampleFacts(
    business=BUSINESS,
    first_timers=("Amara Nwosu", "Ben Carter", "Lucy Fenwick", "Isaac Morgan", "Chloe Adeyemi"),
    champions=("Priya Sharma", "Oliver Bennett", "Siobhan Kelly"),
    quiet_regular="Margaret Holloway",
    open_complaints=("Eleanor Price", "Marcus Reid"),
    referrers=MappingProxyType({
        "Priya Sharma": ("Jasmine Clarke", "Rohan Mehta", "Ellie Watts"),
        "Gareth Llewellyn": ("Siobhan Kelly", "Nia Roberts"),
        "Fiona MacLeod": ("Callum Ross", "Harriet Lowe"),
        "Hannah Whitfield": ("Chloe Adeyemi",),
    }),
    new_referral="Chloe Adeyemi",
    new_referral_referrer="Hannah Whitfield",
    drag="Victoria Ashcombe",
    no_email=("Lucy Fenwick", "Stanley Rowe", "Doreen Baxter", "Kieran Walsh", "Maggie Cole",
              "Terry Hutchins"),
    do_not_contact=("Graham Pollard", "Yasmin Aziz"),
    tenth_order="Imogen Fairweather",
    anniversary="Daniel Osei",
    channels=CHANNELS,
    best_channel=BEST_CHANNEL,
    duplicate="Tom Hargreaves",
    duplicate_emails=("tom.hargreaves@example.com", "Tom.Hargreaves@example.com"),
    typo_email="rachel.dunnexample.com",
    text_money=(BIG_ORDER_TEXT, SMALL_ORDER_TEXT),
    emails=MappingProxyType({p.name: p.email for p in planted_people(random.Random(0), 365)}),
)
