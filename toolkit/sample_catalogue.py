"""What the sample shop sells and who lives near it: the raw material of the sample workbook.

Juniper & Crumb is a made-up café-bakery and gift shop in Bristol. Everything here is
fictional: e-mail addresses use the reserved example.com/.org/.net domains and phone
numbers come from Ofcom's ranges kept for drama (07700 900xxx, 0117 496 0xxx).

Purchases are described as "days ago" (1 = yesterday) so a sample is built once for
any `today`. Pure: no I/O, no clock; randomness comes from the caller's random.Random.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import NamedTuple

BUSINESS = "Juniper & Crumb"

# name -> (prices it sells at, cost of goods as a share of the price)
PRODUCTS: dict[str, tuple[tuple[float, ...], float]] = {
    "Sourdough loaf": ((4.80,), 0.38),
    "Seeded rye loaf": ((5.20,), 0.40),
    "Croissant & flat white": ((6.40,), 0.36),
    "Flat white beans 250g": ((8.50,), 0.55),
    "House espresso beans 1kg": ((28.00,), 0.52),
    "Cinnamon buns (box of 4)": ((9.00,), 0.36),
    "Bread & pastry box": ((12.50,), 0.42),
    "Brownie tray": ((18.00,), 0.40),
    "Birthday cake": ((32.00, 38.00, 45.00, 55.00, 65.00), 0.45),
    "Celebration cake (3 tier)": ((95.00, 120.00), 0.50),
    "Afternoon tea for two": ((38.00,), 0.48),
    "Gift hamper": ((45.00, 60.00, 75.00), 0.58),
    "Luxury gift hamper": ((150.00, 185.00), 0.60),
    "Handmade mug": ((16.00,), 0.50),
    "Soy candle": ((18.00,), 0.45),
    "Tea towel": ((9.50,), 0.50),
    "Greeting card": ((3.50,), 0.35),
    "Seville orange marmalade": ((5.50,), 0.45),
}

# What kinds of customer tend to buy: product -> weight.
PROFILES: dict[str, dict[str, int]] = {
    "daily": {"Sourdough loaf": 30, "Seeded rye loaf": 12, "Croissant & flat white": 20,
              "Flat white beans 250g": 16, "Cinnamon buns (box of 4)": 10,
              "Bread & pastry box": 6, "Seville orange marmalade": 4, "Greeting card": 2},
    "treats": {"Sourdough loaf": 10, "Flat white beans 250g": 10, "House espresso beans 1kg": 10,
               "Bread & pastry box": 12, "Brownie tray": 10, "Cinnamon buns (box of 4)": 8,
               "Birthday cake": 8, "Afternoon tea for two": 10, "Gift hamper": 8,
               "Soy candle": 5, "Luxury gift hamper": 2, "Celebration cake (3 tier)": 1},
    "gifts": {"Gift hamper": 18, "Luxury gift hamper": 4, "Handmade mug": 14, "Soy candle": 14,
              "Tea towel": 10, "Greeting card": 14, "Seville orange marmalade": 12,
              "Flat white beans 250g": 10, "Brownie tray": 4},
    "cakes": {"Birthday cake": 36, "Celebration cake (3 tier)": 6, "Afternoon tea for two": 16,
              "Brownie tray": 14, "Cinnamon buns (box of 4)": 14, "Greeting card": 8,
              "Bread & pastry box": 6},
}

CHANNELS = ("Friend referral", "Instagram", "Walk-in", "Google", "Market stall")
BEST_CHANNEL = "Friend referral"

TOWNS: dict[str, int] = {
    "Cotham": 14, "Redland": 12, "Clifton": 12, "Bishopston": 10, "Montpelier": 8,
    "Southville": 7, "Bedminster": 7, "Easton": 5, "Totterdown": 5, "Keynsham": 4,
    "Portishead": 4, "Long Ashton": 3, "Nailsea": 3, "Clevedon": 2, "Bath": 2,
    "Thornbury": 2, "Yate": 2,
}

FIRST_NAMES = (
    "Amelia", "Olivia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella",
    "Poppy", "Charlotte", "Evie", "Jessica", "Ruby", "Alice", "Florence", "Eleanor", "Megan",
    "Rosie", "Niamh", "Aisha", "Fatima", "Mei", "Zainab", "Bethan", "Cerys", "Holly", "Anna",
    "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Oscar", "William",
    "James", "Henry", "Leo", "Alfie", "Joshua", "Freddie", "Archie", "Arthur", "Samuel",
    "Ewan", "Rhys", "Dylan", "Owen", "Kwame", "Tariq", "Arjun", "Hamza", "Finlay", "Luke",
    "Matthew", "Adam", "Joe",
)
LAST_NAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Wright",
    "Robinson", "Thompson", "Evans", "Walker", "White", "Green", "Hall", "Wood", "Jackson",
    "Clarke", "Patel", "Khan", "Lewis", "Phillips", "Mason", "Mitchell", "Rose", "Rahman",
    "Cooper", "Ward", "Morris", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Parker",
    "Harris", "Begum", "Ali", "Chen", "Nguyen", "O'Brien", "Murphy", "Kaur", "Singh",
    "Fletcher", "Ashworth", "Pryce", "Gallagher", "Okonkwo", "Mensah", "Kowalski", "Nowak",
    "Fitzgerald", "Barker", "Chapman", "Bishop", "Lloyd", "Hale", "Doyle",
)

CHEERFUL_NOTES = (
    "Gluten-free: keep a loaf back on Fridays", "Dog called Biscuit", "Prefers the seeded rye",
    "Oat milk", "Orders the office cake each month", "Works at the library on Cotham Hill",
    "Likes a call when the hot cross buns are in", "Vegan", "Collects on Saturdays",
)
RESOLVED_COMPLAINTS = (
    "Resolved: cake collected late, refunded delivery", "Resolved: wrong name on cake, remade",
    "Resolved: hamper missing a jar, sent one round",
)


class Buy(NamedTuple):
    """One purchase (a refund when amount < 0), `ago` days before today."""

    ago: int
    product: str
    amount: float
    cost: float | None


@dataclass
class Person:
    """A customer of the sample shop, as the owner would keep them."""

    name: str
    email: str
    channel: str
    town: str
    buys: list[Buy] = field(default_factory=list)
    referred_by: str = ""
    complaints: int = 0
    open_complaint: bool = False
    support_hours: float = 0.0
    fit: str = ""
    do_not_contact: bool = False
    notes: str = ""
    phone: bool = True  # whether the owner has a phone number for them
    planted: bool = True
    listed_again_as: str = ""  # a second Customers row with this spelling of the email

    @property
    def first_ago(self) -> int:
        return max(buy.ago for buy in self.buys)


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    """One key of `weights`, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def spread(rng: random.Random, first: int, last: int, gaps: int, jitter: int) -> list[int]:
    """Days-ago of gaps + 1 purchases from `first` down to exactly `last`, evenly spaced,
    the ones in between moved by up to `jitter` days."""
    step = (first - last) / gaps
    inner = [round(first - i * step) + rng.randint(-jitter, jitter) for i in range(1, gaps)]
    return [first, *inner, last]


def buy(rng: random.Random, ago: int, product: str, price: float | None = None) -> Buy:
    """A purchase of `product` (quantity 1-3 for cheap things) with a plausible cost."""
    prices, cost_share = PRODUCTS[product]
    unit = price if price is not None else rng.choice(prices)
    if unit <= 6:
        quantity = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
    elif unit <= 10:
        quantity = rng.choices((1, 2), weights=(75, 25))[0]
    else:
        quantity = 1
    amount = round(unit * quantity, 2)
    cost = round(amount * cost_share * rng.uniform(0.93, 1.07), 2)
    return Buy(ago, product, amount, cost)


def buys(rng: random.Random, agos: list[int], profile: str) -> list[Buy]:
    """One purchase per day-ago, each product chosen from the customer's profile."""
    return [buy(rng, ago, pick(rng, PROFILES[profile])) for ago in agos]


def refund(ago: int, original: Buy) -> Buy:
    """The owner giving back the money for `original` (no cost: the goods are gone)."""
    return Buy(ago, f"Refund: {original.product}", -original.amount, None)
