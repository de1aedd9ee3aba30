"""Names, ids, emails, yes/no and plain text cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from norm_helpers import DETERMINISTIC

from toolkit.model import Customer
from toolkit.normalise.parse import (
    CellError,
    clean_email,
    clean_id,
    clean_name,
    clean_text,
    fold,
    join_name,
    parse_flag,
)
from toolkit.normalise.people import TEXT_FIELDS, absorb, finish


def test_ids_lose_a_typed_apostrophe_and_keep_leading_zeros() -> None:
    assert clean_id("'00123") == "00123"
    assert clean_id("’00123") == "00123"
    assert clean_id("00123") == "00123"
    assert clean_id(123) == "123"
    assert clean_id(123.0) == "123"
    assert clean_id(" #1001 ") == "#1001"


def test_names_are_trimmed_and_surname_first_in_capitals_is_turned_round() -> None:
    assert clean_name("  Ann   Lee ") == "Ann Lee"
    assert clean_name("SMITH, John") == "John Smith"
    assert clean_name("Smith, John") == "Smith, John"  # not sure: kept as typed
    assert clean_name("n/a") == ""
    assert join_name("Ann", "") == "Ann"
    assert join_name(" Ann ", " Lee") == "Ann Lee"


def test_emails() -> None:
    assert clean_email(" Ann@Example.COM ") == ("ann@example.com", True)
    assert clean_email("Ann Lee <ann@example.com>") == ("ann@example.com", True)
    assert clean_email("mailto:ann@example.com") == ("ann@example.com", True)
    assert clean_email("a@x.com ::: b@y.com") == ("a@x.com", True)
    assert clean_email("a@x.com; b@y.com") == ("a@x.com", True)
    assert clean_email("ann at example dot com") == ("ann at example dot com", False)
    assert clean_email("ann@example") == ("ann@example", False)
    assert clean_email("ann@@x.com") == ("ann@@x.com", False)
    assert clean_email(None) == ("", True)


class _Text(str):
    """Text that `clean_email` reads the whole way (its shortcut takes plain str only)."""


@DETERMINISTIC
@given(st.one_of(st.emails(), st.text(alphabet="aZ09._%+-@ <>:;,'", max_size=16),
                 st.sampled_from(["a..b@x.com", ".a@x.com", "a.@x.com", "a@x..com",
                                  "a@x.c", "a@-.com", "a@x.com.", "none@x.io", "Ann@x.com",
                                  "ann@X.com", "ann@x.COM", "a+b%c@x-y.co.uk"])))
def test_an_address_already_clean_is_taken_as_the_full_reading_takes_it(text: str) -> None:
    assert clean_email(text) == clean_email(_Text(text))


@pytest.mark.parametrize("value", ["yes", "Y", "TRUE", "x", "✓", 1, True, "Unsubscribed",
                                   "opted out", "DNC", dt.date(2024, 5, 1)])
def test_yes_words(value: object) -> None:
    assert parse_flag(value) is True  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["no", "N", "false", 0, False, "subscribed", "pending"])
def test_no_words(value: object) -> None:
    assert parse_flag(value) is False  # type: ignore[arg-type]


def test_blank_and_unknown_flags() -> None:
    assert parse_flag(None) is None
    assert parse_flag("") is None
    with pytest.raises(CellError):
        parse_flag("maybe later")
    with pytest.raises(CellError):
        parse_flag(7)


def test_text_cells() -> None:
    assert clean_text(12.0) == "12"
    assert clean_text(12.5) == "12.5"
    assert clean_text(dt.date(2025, 3, 12)) == "2025-03-12"
    assert clean_text(True) == "yes"
    assert clean_text(" a \n b ") == "a b"


LETTERS = "abcdefghijklmnopqrstuvwxyzéèàçñöüåøABCDEFGHIJKLMNOPQRSTUVWXYZÉÈÀÇÑÖÜÅØ'-"
NAME_PART = st.text(alphabet=LETTERS, min_size=1, max_size=10).filter(lambda p: p.strip("'-"))


@DETERMINISTIC
@given(st.lists(NAME_PART, min_size=1, max_size=4), st.sampled_from([" ", "  ", "\u00a0", "\t"]))
def test_names_are_insensitive_to_spacing_and_idempotent(parts: list[str], gap: str) -> None:
    tidy = " ".join(parts)
    messy = f" {gap.join(parts)}{gap}"
    assert clean_name(messy) == clean_name(tidy)
    assert clean_name(clean_name(messy)) == clean_name(messy)


@DETERMINISTIC
@given(NAME_PART, NAME_PART)
def test_first_and_last_names_join_and_compare_without_case_or_accents(
    first: str, last: str
) -> None:
    joined = join_name(first, last)
    assert joined == f"{first} {last}"
    assert fold(joined) == fold(joined.swapcase())
    assert fold(joined).isascii() or any(ch in joined.casefold() for ch in "åø")


def test_fold_removes_accents_and_case() -> None:
    assert fold("  José   ÁLVAREZ ") == "jose alvarez"


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_merging_a_row_that_fills_in_a_text_the_first_lacks_takes_it(field: str) -> None:
    first = Customer("", "Ann", "ann@x.com")
    merged = absorb(first, replace(first, **{field: "filled in"}), add_counts=True)
    assert getattr(merged, field) == "filled in"


@pytest.mark.parametrize("spent", [None, 12.5, 12.345, -0.0, 5, float("nan")])
@pytest.mark.parametrize("refunds", [0.0, -0.0, 3.0, 1.005])
def test_a_finished_customer_has_its_key_and_sums_in_cents(spent: float | None,
                                                           refunds: float) -> None:
    person = Customer("", "Ann", "ann@x.com", total_spent=spent, refunds=refunds)
    rounded = None if spent is None else round(spent, 2)
    expected = replace(person, key="ann@x.com", total_spent=rounded, refunds=round(refunds, 2))
    assert repr(finish(person, "ann@x.com")) == repr(expected)
