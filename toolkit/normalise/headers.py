"""Finding the header row of a tab and mapping its headers to the toolkit's fields.

`header_key` reduces a header to the letters and digits that matter, so case, spaces,
punctuation and currency marks never decide a match: "Total Spend (£)" and "total spend"
are the same header. "#" reads as "number" ("Order #" = "Order Number") and "%" as
"percent". Matching tries, in order: the owner's `[columns]` mapping, the quirks of a
recognised export layout, the alias tables, then an alias behind a known prefix
("Billing City", "Customer Email") or with a number removed ("E-mail 2 Address").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from toolkit.model import Row
from toolkit.normalise.aliases import (
    ALIASES,
    IDENTITY_FIELDS,
    PREFIXABLE,
    PREFIXES,
    SUFFIXES,
    header_key,
)
from toolkit.normalise.layouts import LAYOUTS, Layout, detect_layout

HEADER_SEARCH_ROWS = 10
# Headers that identify an export even when no field uses them ("Arrival Date (UTC)").
LAYOUT_KEYS = frozenset(key for layout in LAYOUTS for sig in layout.signatures for key in sig)
USER_RANK = -1000  # a [columns] mapping beats everything
PREFIX_PENALTY = 100
DIGIT_PENALTY = 200


def _build_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for field, aliases in ALIASES.items():
        for rank, alias in enumerate(aliases):
            key = header_key(alias)
            if key in index and index[key][0] != field:
                raise AssertionError(f"alias {alias!r} maps to {index[key][0]} and {field}")
            index.setdefault(key, (field, rank))
    return index


ALIAS_INDEX = _build_index()
# Name aliases from "Card Name" on are weaker than separate first and last name columns.
NAME_FALLBACK_RANK = ALIASES["name"].index("Card Name")


def match_key(
    key: str, layout: Layout | None = None, user: Mapping[str, str] | None = None
) -> tuple[str | None, int] | None:
    """(field, rank) for a header key; field None means "known, deliberately not used";
    None when the header is not recognised. Lower rank wins within a field."""
    if not key:
        return None
    if user and key in user:
        return user[key], USER_RANK
    if layout is not None and key in layout.overrides:
        return layout.overrides[key]
    if key in ALIAS_INDEX:
        return ALIAS_INDEX[key]
    for prefix in PREFIXES:
        rest = key[len(prefix):]
        if key.startswith(prefix) and rest in ALIAS_INDEX:
            field, rank = ALIAS_INDEX[rest]
            if field in PREFIXABLE:
                return field, rank + PREFIX_PENALTY
    for suffix in SUFFIXES:
        rest = key[: -len(suffix)]
        if key.endswith(suffix) and rest in ALIAS_INDEX:
            field, rank = ALIAS_INDEX[rest]
            if field in PREFIXABLE:
                return field, rank + PREFIX_PENALTY
    without_digits = re.sub(r"\d+", "", key)
    if without_digits != key:
        found = match_key(without_digits)
        if found is not None and found[0] in PREFIXABLE:
            return found[0], found[1] + DIGIT_PENALTY
    return None


def header_texts(row: Row) -> list[str]:
    """The text of each cell of a header row ("" for a blank or a non-text cell)."""
    return [" ".join(cell.split()) if isinstance(cell, str) else "" for cell in row]


def _row_score(row: Row, user: Mapping[str, str]) -> tuple[int, set[str]]:
    fields: set[str] = set()
    score = 0
    for text in header_texts(row):
        key = header_key(text)
        found = match_key(key, None, user) if text else None
        if found is not None and found[0] is not None:
            score += 1
            fields.add(found[0])
        elif key in LAYOUT_KEYS:
            score += 1
    return score, fields


def find_header_row(rows: Sequence[Row], user: Mapping[str, str]) -> int | None:
    """Index of the header row among the first 10 rows: the row with most recognised
    headers (the earliest on a tie). A title row above it is passed over. A row with one
    recognised header counts only when it is an email/name/id and the first row with text."""
    best, best_score = None, 0
    first_text_row = next(
        (i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(header_texts(row))), None
    )
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score, fields = _row_score(row, user)
        alone = fields == {"email"} or (index == first_text_row and fields & set(IDENTITY_FIELDS))
        if score == 1 and not alone:
            continue
        if score > best_score:
            best, best_score = index, score
    return best


@dataclass(frozen=True)
class ColumnMap:
    """How one tab's header row maps to fields."""

    header_row: int  # 0-based index into the tab's rows
    headers: tuple[str, ...]  # header text per column ("" when blank)
    fields: dict[str, tuple[int, ...]]  # field -> column indexes, best first
    ranks: dict[int, int]  # column index -> rank of its match
    layout: Layout | None

    def has(self, *fields: str) -> bool:
        return all(field in self.fields for field in fields)

    def any(self, *fields: str) -> bool:
        return any(field in self.fields for field in fields)


def map_columns(rows: Sequence[Row], header_row: int, user: Mapping[str, str]) -> ColumnMap:
    """Map every header of `header_row` to a field. `user` maps header keys to fields."""
    headers = tuple(header_texts(rows[header_row]))
    keys = [header_key(text) for text in headers]
    layout = detect_layout({key for key in keys if key})
    found: dict[str, list[tuple[int, int]]] = {}
    ranks: dict[int, int] = {}
    for column, key in enumerate(keys):
        match = match_key(key, layout, user)
        if match is None:
            continue
        field, rank = match
        if field is None:
            continue
        found.setdefault(field, []).append((rank, column))
        ranks[column] = rank
    fields: dict[str, tuple[int, ...]] = {}
    for field, columns in found.items():
        chosen = sorted(columns)
        if chosen[0][0] == USER_RANK:  # the owner named this column: it alone holds the field
            chosen = [item for item in chosen if item[0] == USER_RANK]
        fields[field] = tuple(column for _, column in chosen)
    return ColumnMap(header_row, headers, fields, ranks, layout)


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def found_headers(rows: Sequence[Row]) -> tuple[int | None, list[str]]:
    """For messages about an unusable tab: the likeliest header row (the first of the
    first 10 rows with the most text cells) and its non-blank headers."""
    best, best_count = None, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = sum(1 for text in header_texts(row) if text)
        if count > best_count:
            best, best_count = index, count
    if best is None:
        return None, []
    return best, [text for text in header_texts(rows[best]) if text]


def is_header_repeat(row: Row, headers: Sequence[str]) -> bool:
    """True for a data row that repeats the header row (two exports pasted one under the
    other): every header's cell holds the same text, whatever the case and spacing."""
    size, matched = len(row), False
    for column, header in enumerate(headers):
        if not header:
            continue
        cell = row[column] if column < size else None
        if not isinstance(cell, str) or " ".join(cell.split()).casefold() != header.casefold():
            return False
        matched = True
    return matched
