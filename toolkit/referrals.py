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
from dataclasses import dataclass

from toolkit.model import Customer, Problem

_NO_CREDIT = "gave no referral credit"
_PUNCTUATION = re.compile(r"[^\w ]|_")


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
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split())


@dataclass(frozen=True)
class Referrals:
    """referrer key -> referred keys (in sheet order), referred key -> referrer key."""

    referred: dict[str, tuple[str, ...]]
    referrer_of: dict[str, str]
    problems: tuple[Problem, ...]


class _Index:
    """Lookup tables from folded email / id / name to customer keys (names built lazily)."""

    def __init__(self, customers: tuple[Customer, ...]) -> None:
        self.customers = customers
        self.by_email: dict[str, list[str]] = {}
        self.by_id: dict[str, list[str]] = {}
        self._by_name: dict[str, list[str]] | None = None
        for customer in customers:  # (blank text is never added: skipped early)
            if customer.email:
                self._add(self.by_email, fold(customer.email), customer.key)
            if customer.customer_id:
                self._add(self.by_id, fold(customer.customer_id.lstrip("'")), customer.key)

    @staticmethod
    def _add(table: dict[str, list[str]], text: str, key: str) -> None:
        if not text:
            return
        keys = table.get(text)
        if keys is None:
            table[text] = [key]
        elif key not in keys:
            keys.append(key)

    def by_name(self) -> dict[str, list[str]]:
        if self._by_name is None:
            self._by_name = {}
            for customer in self.customers:
                self._add(self._by_name, fold_name(customer.name), customer.key)
        return self._by_name

    def find(self, typed: str) -> tuple[list[str], str]:
        """Matching keys and what matched ("email", "id", "name"); [] when none."""
        text = fold(typed.lstrip("'"))
        if "@" in text:
            return self.by_email.get(text, []), "email"
        found = self.by_id.get(text)
        if found:
            return found, "id"
        return self.by_name().get(fold_name(typed), []), "name"


def match_referrals(customers: tuple[Customer, ...]) -> Referrals:
    """Resolve every non-blank "referred by" to a referrer, reporting what cannot be."""
    index = _Index(customers)
    names = {c.key: c.name or c.email or c.key for c in customers}
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
            who = " and ".join(names[k] for k in keys[:3])
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
