"""Who referred whom: match each "referred by" cell to one customer, never by guessing.

A "referred by" cell may hold an email, a customer id or a name, typed by hand. It is
compared case- and accent-insensitively ("JOSÉ  Núñez" finds "Jose Nunez") with the
customers' emails, ids and names, in that order. A name shared by two customers is
ambiguous and a text that finds nobody is unmatched: both are reported as data problems
and give no referral credit. Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from toolkit.model import Customer, Problem

_NO_CREDIT = "gave no referral credit"
_PUNCTUATION = re.compile(r"[^\w ]|_")
_KEY, _EMAIL, _NAME = attrgetter("key"), attrgetter("email"), attrgetter("name")
_CUSTOMER_ID = attrgetter("customer_id")


def fold(text: str) -> str:
    """Text for matching: accents removed, case folded, spaces collapsed."""
    if not text:
        return ""
    if text.isascii():
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def fold_name(text: str) -> str:
    """A name for matching: like `fold`, and punctuation ("O'Neil", "Smith-Jones") ignored."""
    if text.isascii() and text.replace(" ", "").isalnum():  # plain: a-z, 0-9 and spaces
        return " ".join(text.lower().split())  # (what the general way gives, sooner)
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


@dataclass(frozen=True)
class Referrals:
    """referrer key -> referred keys (in sheet order), referred key -> referrer key."""

    referred: dict[str, tuple[str, ...]]
    referrer_of: dict[str, str]
    problems: tuple[Problem, ...]


class _Index:
    """Lookup tables from folded email / id / name to customer keys (names built lazily,
    when a "referred by" is not an email or id)."""

    def __init__(self, customers: tuple[Customer, ...]) -> None:
        self.customers = customers
        self.keys = list(map(_KEY, customers))
        self.by_email = _Table(map(fold, map(_EMAIL, customers)), self.keys)
        ids = list(map(_CUSTOMER_ID, customers))
        if any(ids):
            ids = [fold(typed.lstrip("'")) if typed else "" for typed in ids]
        self.by_id = _Table(ids, self.keys)
        self._by_name: _Table | None = None
        self._names: dict[str, str] | None = None

    def name_of(self, key: str) -> str:
        """How a customer is named in a problem (their name, else email, else key)."""
        if self._names is None:
            self._names = {c.key: c.name or c.email or c.key for c in self.customers}
        return self._names[key]

    def by_name(self) -> _Table:
        if self._by_name is None:
            self._by_name = _Table(map(fold_name, map(_NAME, self.customers)), self.keys)
        return self._by_name

    def find(self, typed: str) -> tuple[list[str], str]:
        """Matching keys and what matched ("email", "id", "name"); [] when none."""
        text = fold(typed.lstrip("'"))
        if "@" in text:
            return self.by_email.get(text), "email"
        found = self.by_id.get(text)
        if found:
            return found, "id"
        return self.by_name().get(fold_name(typed)), "name"


class _Table:
    """Folded text -> the keys of the customers who have it (each key once, in sheet
    order); blank text finds nobody. Texts only one row has (the usual case) are put in
    one step; the others row by row."""

    def __init__(self, texts: Iterable[str], keys: Sequence[str]) -> None:
        column = list(texts)
        self.one = dict(zip(column, keys, strict=True))
        self.one.pop("", None)
        self.several: dict[str, list[str]] = {}
        if len(self.one) + column.count("") < len(column):  # a text on several rows
            rows = Counter(column)
            for text, key in zip(column, keys, strict=True):
                if text and rows[text] > 1:
                    found = self.several.setdefault(text, [])
                    if key not in found:
                        found.append(key)

    def get(self, text: str) -> list[str]:
        found = self.several.get(text)
        if found is not None:
            return found
        key = self.one.get(text)
        return [] if key is None else [key]


def match_referrals(customers: tuple[Customer, ...]) -> Referrals:
    """Resolve every non-blank "referred by" to a referrer, reporting what cannot be."""
    index = _Index(customers)
    referred: dict[str, list[str]] = {}
    referrer_of: dict[str, str] = {}
    problems: list[Problem] = []
    for customer in customers:
        typed = customer.referred_by.strip()
        if not typed:
            continue
        keys, kind = index.find(typed)
        where = (customer.tab or "Customers", customer.row or None)
        if len(keys) > 1:
            who = " and ".join(index.name_of(k) for k in keys[:3])
            problems.append(Problem(
                tab=where[0], row=where[1], column="Referred by", value=typed,
                problem=f"more than one customer has this {kind} ({who}); "
                        "we cannot tell which one referred them",
                action=f"{_NO_CREDIT}; type the referrer's email to settle it"))
            continue
        if not keys:
            problems.append(Problem(
                tab=where[0], row=where[1], column="Referred by", value=typed,
                problem=f"no customer has this {kind}",
                action=f"{_NO_CREDIT}; check the spelling or type their email"))
            continue
        referrer = keys[0]
        if referrer == customer.key:
            problems.append(Problem(
                tab=where[0], row=where[1], column="Referred by", value=typed,
                problem="this customer is named as their own referrer",
                action=_NO_CREDIT))
            continue
        referrer_of[customer.key] = referrer
        referred.setdefault(referrer, []).append(customer.key)
    return Referrals(
        referred={k: tuple(v) for k, v in referred.items()},
        referrer_of=referrer_of,
        problems=tuple(problems),
    )
