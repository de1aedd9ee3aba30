"""Header matching: aliases, insensitivity to case/space/punctuation/currency, header row."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from norm_helpers import DETERMINISTIC

from toolkit.normalise.aliases import ALIASES, FIELDS, header_key
from toolkit.normalise.headers import (
    ALIAS_INDEX,
    column_letter,
    find_header_row,
    map_columns,
    match_key,
)
from toolkit.normalise.parse import CURRENCY_CODES


def field_of(header: str) -> str | None:
    found = match_key(header_key(header))
    return None if found is None else found[0]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail Address", "email"),
        ("EMAIL_ADDRESS", "email"),
        ("Customer Name", "name"),
        ("Client", "name"),
        ("Last Visit", "last_purchase"),
        ("Total Spend (£)", "total_spent"),
        ("Total spend £", "total_spent"),
        ("Amount ($)", "amount"),
        ("Amount (GBP)", "amount"),
        ("Order date", "date"),
        ("Order #", "order_id"),
        ("Order No.", "order_id"),
        ("How did you hear about us?", "source"),
        ("Referred by", "referred_by"),
        ("Billing City", "town"),
        ("Ship Zipcode", "postcode"),
        ("Customer Phone", "phone"),
        ("E-mail 2 Address", "email"),
        ("Phone 2 - Value", "phone"),
        ("Given Name", "first_name"),
        ("Family Name", "last_name"),
        ("Surname", "last_name"),
        ("Margin %", "margin"),
        ("Do not contact?", "do_not_contact"),
        ("UNSUB_TIME", "do_not_contact"),
        ("Open complaint", "open_complaint"),
        ("Complaint", "complaint_note"),
        ("Complaints", "complaints"),
        ("Support hours", "support_hours"),
        ("Fit", "fit"),
        ("Tags", "tags"),
        ("Memo", "notes"),
        ("Town/City", "town"),
        ("Señas", None),
        ("Accepts Email Marketing", None),
        ("Customer type", None),
        ("Payment Type", None),
    ],
)
def test_aliases(header: str, field: str | None) -> None:
    assert field_of(header) == field


def test_every_alias_maps_to_a_known_field_and_no_alias_is_shared() -> None:
    assert set(ALIASES) <= set(FIELDS)
    for field, aliases in ALIASES.items():
        for alias in aliases:
            assert ALIAS_INDEX[header_key(alias)][0] == field, alias


def test_title_row_and_blank_rows_above_the_header_row_are_passed_over() -> None:
    rows = (
        ("Bakery customers - updated weekly",),
        (),
        (None, "Name", "Email", "Total spent"),
        (None, "Ann", "ann@x.com", 12),
    )
    assert find_header_row(rows, {}) == 2


def test_header_row_needs_two_known_headers_unless_it_is_an_email_list() -> None:
    assert find_header_row((("Name",), ("Ann",)), {}) == 0
    assert find_header_row((("Notes",), ("Ann",)), {}) is None
    # one known header that is not in the first row with text: not a header row
    assert find_header_row((("Hello",), ("Name",)), {}) is None
    assert find_header_row((("Newsletter",), ("E-mail",), ("a@x.com",)), {}) == 1
    assert find_header_row((("Customer list",), ("x",)), {}) is None


def test_header_row_only_within_the_first_ten_rows() -> None:
    rows = (*tuple((f"note {i}",) for i in range(10)), ("Name", "Email"))
    assert find_header_row(rows, {}) is None


def test_owner_mapping_counts_and_wins() -> None:
    rows = (("Punter", "Contact mail", "Email"), ("Ann", "ann@x.com", "old@x.com"))
    user = {header_key("Punter"): "name", header_key("Contact mail"): "email"}
    assert find_header_row(rows, user) == 0
    mapped = map_columns(rows, 0, user)
    assert mapped.fields["name"] == (0,)
    assert mapped.fields["email"] == (1,)  # the owner's column alone, "Email" not used


def test_several_columns_of_one_field_are_ranked() -> None:
    rows = (("Shipping Name", "Billing Name", "E-mail 2 Address", "E-mail Address"),)
    mapped = map_columns(rows, 0, {})
    assert mapped.fields["name"] == (1, 0)
    assert mapped.fields["email"] == (3, 2)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA"]


# --------------------------------------------------------------------------- properties

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
                 min_size=1, max_size=4)
SEPARATORS = st.sampled_from([" ", "  ", "-", "_", ".", "/", ": ", " - ", "\u00a0", "(", ")"])


@DETERMINISTIC
@given(st.text(max_size=40))
def test_header_key_is_idempotent(text: str) -> None:
    key = header_key(text)
    assert header_key(key) == key


@DETERMINISTIC
@given(WORDS, st.lists(SEPARATORS, min_size=4, max_size=4), st.booleans(),
       st.sampled_from(["", " (£)", " ($)", " €", " (GBP)", " USD"]))
def test_header_key_ignores_case_spaces_punctuation_and_currency(
    words: list[str], seps: list[str], upper: bool, currency: str
) -> None:
    plain = " ".join(words)
    messy = seps[0].join(w.upper() if upper else w.title() for w in words)
    messy = f"{seps[1].strip()}{messy}{seps[2].strip()}{currency}"
    if all(word in CURRENCY_CODES for word in words):
        return  # a header made only of currency codes keeps them (it has nothing else)
    assert header_key(messy) == header_key(plain)


@DETERMINISTIC
@given(st.sampled_from(sorted({a for aliases in ALIASES.values() for a in aliases})),
       st.sampled_from([str.upper, str.lower, str.title]), SEPARATORS)
def test_every_alias_matches_whatever_the_case_and_spacing(alias: str, case: object,
                                                          sep: str) -> None:
    written = case(alias.replace(" ", sep)) if callable(case) else alias
    assert match_key(header_key(written)) == ALIAS_INDEX[header_key(alias)]
