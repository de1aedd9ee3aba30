"""Whole workbooks: empty, headers only, unusable, and the owner's [columns] settings."""

from __future__ import annotations

import datetime as dt

import pytest
from norm_helpers import customer, fields_of, problems, run, tab

from toolkit.errors import ConfigError, MissingColumnsError
from toolkit.model import ColumnMatch, SourceData
from toolkit.normalise import FIELDS, normalise


def test_an_empty_workbook_stops_with_a_helpful_message() -> None:
    with pytest.raises(MissingColumnsError) as caught:
        normalise(SourceData("shop.xlsx", ()))
    assert "shop.xlsx has no data" in str(caught.value)
    assert "header row" in str(caught.value)
    with pytest.raises(MissingColumnsError, match="every tab is empty"):
        run(tab("Sheet1"), tab("Sheet2", (None, ""), ()))


def test_only_the_toolkits_own_tabs_counts_as_empty() -> None:
    with pytest.raises(MissingColumnsError, match="every tab is empty"):
        run(tab("Run log", ("When", "Source"), ("x", "y"), owned=True))


def test_a_headers_only_workbook_is_a_valid_empty_dataset() -> None:
    data = run(tab("Customers", ("Name", "Email", "Last purchase")),
               tab("Orders", ("Date", "Email", "Amount")))
    assert (data.customers, data.orders, data.problems, data.rows_read) == ((), (), (), 0)
    assert data.tabs_used == ("Customers", "Orders")


def test_missing_columns_message_lists_headers_found_and_how_to_map_them() -> None:
    with pytest.raises(MissingColumnsError) as caught:
        run(
            tab("Sheet1", ("Our regulars",), ("Punter", "Reach at", "When", "Paid", "Notes"),
                ("Ann Lee", "ann@x.com", "2025-01-02", "£12.50", "nice"),
                ("Bob Roe", "bob@x.com", "2025-01-03", "£3.00", "")),
            tab("Payouts", ("Amount", "Arrival Date (UTC)"), (5, "2025-01-01")),
            tab("Blank"),
        )
    message = str(caught.value)
    assert "No tab in shop.xlsx has the columns the toolkit needs" in message
    assert 'Tab "Sheet1" (headers in row 2): Punter | Reach at | When | Paid | Notes.' \
        in message
    assert 'Recognised: "When" = date, "Paid" = amount, "Notes" = notes.' in message
    assert "it has no column for the customer" in message
    assert 'Tab "Payouts"' in message and "payouts" in message
    assert 'Tab "Blank": it is empty.' in message
    assert "[columns]" in message
    # the example is guessed from the data under the headers
    assert 'name = "Punter"' in message
    assert 'email = "Reach at"' in message
    assert 'date = "When"' in message
    assert 'amount = "Paid"' in message
    assert "referred_by" in message  # the fields the owner can map


def test_columns_setting_maps_the_owners_headers() -> None:
    rows = (("Punter", "Contact mail", "When", "Paid", "Email"),
            ("Ann Lee", "ann@x.com", "2025-01-02", "£12.50", "old@x.com"))
    data = run(tab("Sheet1", *rows),
               columns={"name": "Punter", "email": "contact MAIL", "date": "When",
                        "amount": "Paid"})
    assert [c.key for c in data.customers] == ["ann@x.com"]
    [order] = data.orders
    assert (order.date, order.amount) == (dt.date(2025, 1, 2), 12.5)
    assert fields_of(data, "Sheet1") == {"Punter": "name", "Contact mail": "email",
                                          "When": "date", "Paid": "amount"}
    assert ColumnMatch("Sheet1", "Contact mail", "B", "email") in data.columns


def test_columns_setting_overrides_an_alias_and_a_layout() -> None:
    data = run(tab("Customers", ("Name", "Client code", "Email"), ("Ann", "A1", "a@x.com")),
               columns={"customer_id": "Client code", "Name": "Name"})
    assert customer(data, "a@x.com").customer_id == "A1"


def test_unknown_field_in_columns_is_a_config_error_naming_the_key() -> None:
    with pytest.raises(ConfigError) as caught:
        run(tab("T", ("Name", "Email"), ("Ann", "a@x.com")), columns={"e_mail": "Mail"})
    message = str(caught.value)
    assert '"e_mail" is not a field the toolkit knows' in message
    assert "[columns]" in message
    for field in FIELDS:
        assert field in message


def test_empty_header_in_columns_and_bad_date_order_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="email must be the header"):
        run(tab("T", ("Name", "Email")), columns={"email": " "})
    with pytest.raises(ConfigError, match='date_order is "ymd"'):
        run(tab("T", ("Name", "Email")), date_order="ymd")  # type: ignore[arg-type]


def test_a_columns_line_matching_no_header_is_reported() -> None:
    data = run(tab("T", ("Name", "Email"), ("Ann", "a@x.com")), columns={"phone": "Mobile no"})
    [found] = problems(data, "no tab has that header")
    assert (found.column, found.action) == (
        "Mobile no", "ignored this line; check the spelling against your header row")


def test_dataset_columns_and_notes_for_check() -> None:
    data = run(tab("Customers", ("Name", "E-mail", "Spend £", "Order ID"),
                   ("Ann", "a@x.com", 3, 7)))
    assert [(m.header, m.column, m.field) for m in data.columns] == [
        ("Name", "A", "name"), ("E-mail", "B", "email"), ("Spend £", "C", "total_spent")]
    assert data.notes == ("Customers: customers, headers in row 1",
                          'Customers: column(s) "Order ID" not used: this tab lists customers, '
                          "not orders (no order date and amount side by side)",)


def test_normalise_is_pure_and_repeatable() -> None:
    tables = (tab("Orders", ("Date", "Email", "Amount"), ("2025-01-01", "a@x.com", "1")),)
    assert run(*tables) == run(*tables)
