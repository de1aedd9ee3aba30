"""Money and number parsing: every written form owners and exports use."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from norm_helpers import DETERMINISTIC

from toolkit.normalise.parse import (
    CellError,
    parse_hours,
    parse_money,
    parse_number,
    parse_percent,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1,234.50", 1234.5),
        ("1.234,50 €", 1234.5),
        ("$ 12", 12.0),
        ("USD 1 234,50", 1234.5),
        ("GBP -3.10", -3.1),
        ("-£5", -5.0),
        ("£-5.00", -5.0),
        ("(12.00)", -12.0),
        ("(£1,000)", -1000.0),
        ("12.00-", -12.0),
        ("1,234", 1234.0),
        ("1,234,567.8", 1234567.8),
        ("1.234.567", 1234567.0),
        ("12,5", 12.5),
        ("0,99", 0.99),
        (".50", 0.5),
        ("US$20", 20.0),
        ("20 EUR", 20.0),
        ("1'234.50", 1234.5),
        ("12.345", 12.35),
    ],
)
def test_money_text_forms(text: str, expected: float) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "-", "n/a", "N/A", "—"])
def test_blank_money_is_missing_not_a_problem(value: str | None) -> None:
    assert parse_money(value) is None


@pytest.mark.parametrize("text", ["abc", "12..5", "1,23,4", "£", "twelve", "1.2.3,4,5"])
def test_bad_money_raises_with_owner_words(text: str) -> None:
    with pytest.raises(CellError, match="amount"):
        parse_money(text)


def test_money_from_real_numbers_is_rounded_to_cents() -> None:
    assert parse_money(12) == 12.0
    assert parse_money(0.1 + 0.2) == 0.3
    assert parse_money(2.675) == 2.68  # half up, not binary float rounding
    with pytest.raises(CellError):
        parse_money(True)
    with pytest.raises(CellError):
        parse_money(float("nan"))


def test_numbers_hours_and_percent() -> None:
    assert parse_number("3") == 3.0
    assert parse_number(" 2,5 ") == 2.5
    assert parse_hours("1.5 h") == 1.5
    assert parse_hours("90 min") == 1.5
    assert parse_hours("1h 30m") == 1.5
    assert parse_hours("1:30") == 1.5
    assert parse_hours(2) == 2.0
    with pytest.raises(CellError):
        parse_hours("a while")
    assert parse_percent("40%") == pytest.approx(0.4)
    assert parse_percent(0.4) == pytest.approx(0.4)
    assert parse_percent(40) == pytest.approx(0.4)


# --------------------------------------------------------------------------- properties

STYLES = {  # (thousands separator, decimal separator)
    "uk": (",", "."),
    "eu": (".", ","),
    "fr": ("\u00a0", ","),
    "plain": ("", "."),
}


def _format(cents: int, style: str, symbol: str, negative_style: str) -> str:
    group, decimal = STYLES[style]
    whole, frac = divmod(abs(cents), 100)
    digits = f"{whole:,}".replace(",", group)
    number = f"{digits}{decimal}{frac:02d}"
    if symbol in {"£", "$", "€"}:
        body = f"{symbol}{number}"
    elif symbol:
        body = f"{number} {symbol}"
    else:
        body = number
    if cents >= 0:
        return body
    return {"minus": f"-{body}", "parens": f"({body})", "trailing": f"{body}-"}[negative_style]


@DETERMINISTIC
@given(
    cents=st.integers(min_value=-10**9, max_value=10**9),
    style=st.sampled_from(sorted(STYLES)),
    symbol=st.sampled_from(["", "£", "$", "€", "GBP", "USD", "EUR"]),
    negative_style=st.sampled_from(["minus", "parens", "trailing"]),
)
def test_formatted_amounts_parse_back_equal(
    cents: int, style: str, symbol: str, negative_style: str
) -> None:
    text = _format(cents, style, symbol, negative_style)
    assert parse_money(text) == cents / 100, text


@DETERMINISTIC
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_real_numbers_round_trip_to_cents(number: float) -> None:
    parsed = parse_money(number)
    assert parsed is not None
    assert abs(parsed - number) <= 0.005 + 1e-9
    assert parse_money(parsed) == parsed


@DETERMINISTIC
@given(st.text(max_size=12))
def test_money_never_fails_with_an_unexpected_error(text: str) -> None:
    with contextlib.suppress(CellError):
        parse_money(text)
