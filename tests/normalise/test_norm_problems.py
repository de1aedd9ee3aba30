"""Bad cells, duplicates, refunds and dates: every one reported, the run goes on."""

from __future__ import annotations

import datetime as dt

from norm_helpers import customer, orders_of, problems, run, tab

D = dt.date


def test_duplicates_by_email_any_case_or_id_are_merged_and_reported() -> None:
    data = run(
        tab("Customers",
            ("Name", "Email", "Customer ID", "Orders", "Total spent", "Last purchase",
             "Phone", "Do not contact", "Complaints", "Tags"),
            ("Ann Lee", "ann@x.com", "", 2, 100, "2025-01-01", "", "", 1, "vip"),
            ("Bob", "bob@x.com", "B7", 1, 10, "2024-01-01", "", "", "", ""),
            ("ann lee", "ANN@X.COM", "", 3, 50, "2025-02-01", "0123", "yes", 2, "cake, VIP"),
            ("Robert", "", "b7", 1, 5, "2024-06-01", "", "", "", "")),
        tab("More customers", ("Email", "Name"), ("Ann@x.com", "A. Lee")),
    )
    assert [c.key for c in data.customers] == ["ann@x.com", "bob@x.com"]
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.total_orders, ann.total_spent, ann.last_purchase) == (
        "Ann Lee", 5, 150.0, D(2025, 2, 1))
    assert (ann.phone, ann.do_not_contact, ann.complaints, ann.tags) == (
        "0123", True, 3, "vip, cake")
    bob = customer(data, "bob@x.com")
    assert (bob.name, bob.total_orders, bob.last_purchase) == ("Bob", 2, D(2024, 6, 1))
    merged = problems(data, "duplicate of")
    assert [(p.tab, p.row, p.column, p.problem) for p in merged] == [
        ("Customers", 4, "Email", "duplicate of row 2: same email"),
        ("Customers", 5, "Customer ID", "duplicate of row 3: same customer id"),
        ("More customers", 2, "Email", "duplicate of Customers row 2: same email"),
    ]
    assert all(p.action.startswith("merged") for p in merged)


def test_name_only_duplicates_merge_because_keys_must_be_unique() -> None:
    data = run(tab("Customers", ("Name", "Phone"), ("Ann Lee", "1"), ("ANN  LEE", "2")))
    [ann] = data.customers
    assert (ann.key, ann.phone) == ("name:ann lee", "1")
    assert len(problems(data, "same name")) == 1


def test_bad_cells_are_reported_with_tab_row_column_value_and_action() -> None:
    data = run(tab(
        "Customers",
        ("Name", "Email", "Total spent", "Last purchase", "Orders", "Fit",
         "Support hours", "Do not contact"),
        ("Ann", "ann at x dot com", "lots", "someday", "many", "meh", "ages", "maybe"),
    ))
    [ann] = data.customers
    assert ann.email == "ann at x dot com"  # kept as typed
    assert (ann.total_spent, ann.last_purchase, ann.total_orders, ann.fit) == (
        None, None, None, "")
    assert ann.do_not_contact is True
    found = {(p.column, p.value): (p.problem, p.action) for p in data.problems}
    assert all(p.tab == "Customers" and p.row == 2 for p in data.problems)
    assert found == {
        ("Email", "ann at x dot com"): (
            "not a valid email address",
            "kept as typed; fix it so the customer can get an email"),
        ("Total spent", "lots"): ("not an amount", "left blank"),
        ("Last purchase", "someday"): ("not a date", "left blank"),
        ("Orders", "many"): ("not a number", "left blank"),
        ("Fit", "meh"): ("not a fit we know (great, ok or poor)", "left blank"),
        ("Support hours", "ages"): ("not a number of hours", "counted as 0 hours"),
        ("Do not contact", "maybe"): ("not yes or no", "treated as do not contact, to be safe"),
    }


def test_bad_order_cells() -> None:
    data = run(tab(
        "Orders",
        ("Date", "Email", "Amount", "Order ID", "Cost"),
        ("2025-01-01", "ann@x.com", "ten pounds", "1", "x"),
        ("not a date", "ann@x.com", 5, "2", ""),
        ("", "ann@x.com", 6, "3", ""),
        ("2025-01-04", "ann@x.com", "", "4", ""),
        ("2025-01-05", "", 8, "5", ""),
    ))
    assert [(o.order_id, o.amount) for o in data.orders] == [("1", 0.0), ("4", 0.0)]
    found = [(p.row, p.column, p.problem, p.action) for p in data.problems]
    assert found == [
        (2, "Cost", "not an amount", "ignored this cell"),
        (2, "Amount", "not an amount", "treated as missing: the order counts as 0"),
        (3, "Date", "not a date",
         "order not counted (no date we can read); the customer is kept"),
        (4, "Date", "no order date", "order not counted; the customer is kept"),
        (5, "Amount", "no amount", "counted as an order of 0"),
        (6, "", "no customer on this row (no name, email or id)",
         "order not counted: nobody to count it for"),
    ]
    assert [c.key for c in data.customers] == ["ann@x.com"]


def test_ids_typed_with_an_apostrophe_and_leading_zeros() -> None:
    data = run(
        tab("Customers", ("Customer ID", "Name"), ("'00123", "Ann"), (124, "Bob")),
        tab("Orders", ("Customer ID", "Date", "Amount", "Order ID"),
            ("00123", "2025-01-01", 5, "'000777"), ("124", "2025-01-02", 6, 778.0)),
    )
    assert [c.key for c in data.customers] == ["id:00123", "id:124"]
    assert [(o.customer_key, o.order_id) for o in data.orders] == [
        ("id:00123", "000777"), ("id:124", "778")]
    assert data.problems == ()


def test_refund_forms() -> None:
    data = run(tab(
        "Orders",
        ("Date", "Email", "Amount", "Refund", "Status", "Order ID"),
        ("2025-01-01", "a@x.com", "£20.00", "", "paid", "1"),
        ("2025-01-02", "a@x.com", "(£5.00)", "", "", "2"),
        ("2025-01-03", "a@x.com", "7", "yes", "", "3"),
        ("2025-01-04", "a@x.com", "8", "", "Refund", "4"),
        ("2025-01-05", "a@x.com", "9", "", "Refunded", "5"),
        ("2025-01-06", "a@x.com", "10", "£4", "paid", "6"),
        ("2025-01-07", "a@x.com", "11", "", "Partially refunded", "7"),
        ("2025-01-08", "a@x.com", "-12", "", "Refunded", "8"),
    ))
    assert [(o.order_id, o.amount) for o in data.orders] == [
        ("1", 20.0), ("2", -5.0), ("3", -7.0), ("4", -8.0), ("5", 9.0), ("5", -9.0),
        ("6", 10.0), ("6", -4.0), ("7", 11.0), ("8", -12.0)]
    [partial] = problems(data, "partly refunded")
    assert (partial.row, partial.action) == (8, "counted the full amount")


def test_margin_gives_cost_and_cost_wins() -> None:
    data = run(tab(
        "Orders", ("Date", "Name", "Amount", "Margin %", "Cost of goods", "Discount"),
        ("2025-01-01", "Ann", 100, "40%", "", "£5"),
        ("2025-01-02", "Ann", 100, 0.25, 80, ""),
        ("2025-01-03", "Ann", 100, "150%", "", ""),
    ))
    assert [(o.cost, o.discount) for o in data.orders] == [(60.0, 5.0), (80.0, 0.0),
                                                           (None, 0.0)]
    assert len(problems(data, "not a margin we can use")) == 1


def test_ambiguous_dates_are_reported_once_per_column_and_read_day_first() -> None:
    data = run(tab("Orders", ("Date", "Name", "Amount"),
                   ("01/02/2025", "Ann", 1), ("03/04/2025", "Ann", 2), ("05/06/2025", "Ann", 3)))
    assert [o.date for o in data.orders] == [D(2025, 2, 1), D(2025, 4, 3), D(2025, 6, 5)]
    [found] = data.problems
    assert (found.tab, found.row, found.column, found.value) == ("Orders", None, "Date",
                                                                 "01/02/2025")
    assert "could be day/month/year or month/day/year" in found.problem
    assert 'date_order = "mdy"' in found.action


def test_date_order_setting_decides_ambiguous_columns_silently() -> None:
    rows = (("Date", "Name", "Amount"), ("01/02/2025", "Ann", 1), ("03/04/2025", "Ann", 2))
    data = run(tab("Orders", *rows), date_order="mdy")
    assert [o.date for o in data.orders] == [D(2025, 1, 2), D(2025, 3, 4)]
    assert data.problems == ()


def test_the_data_decides_each_column_even_against_the_setting() -> None:
    data = run(
        tab("Orders", ("Order date", "Name", "Amount"), ("01/02/2025", "Ann", 1),
            ("25/02/2025", "Ann", 2)),
        tab("Customers", ("Name", "Email", "First purchase"), ("Ann", "a@x.com", "02/25/2024"),
            ("Bob", "b@x.com", "01/02/2024")),
        date_order="mdy",
    )
    assert [o.date for o in data.orders] == [D(2025, 2, 1), D(2025, 2, 25)]
    assert customer(data, "b@x.com").first_purchase == D(2024, 1, 2)
    assert data.problems == ()


def test_a_column_mixing_both_orders_is_reported() -> None:
    data = run(tab("Orders", ("Date", "Name", "Amount"), ("25/02/2025", "Ann", 1),
                   ("02/26/2025", "Ann", 2), ("03/04/2025", "Ann", 3), ("05/03/2025", "Ann", 4)))
    assert [o.date for o in data.orders][:2] == [D(2025, 2, 25), D(2025, 2, 26)]
    [found] = problems(data, "mixes day/month/year and month/day/year")
    assert found.value == "25/02/2025 and 02/26/2025"


def test_complaints_columns() -> None:
    data = run(tab(
        "Customers", ("Name", "Complaints", "Complaint", "Open complaint"),
        ("Ann", "yes", "", ""),
        ("Bob", "", "cold coffee", ""),
        ("Cy", "", "wrong size - resolved", ""),
        ("Di", 3, "", "no"),
        ("Ed", "", "", "waiting for a refund"),
    ))
    got = {c.name: (c.complaints, c.open_complaint, c.complaint_note) for c in data.customers}
    assert got == {
        "Ann": (1, False, ""),
        "Bob": (1, True, "cold coffee"),
        "Cy": (1, False, "wrong size - resolved"),
        "Di": (3, False, ""),
        "Ed": (1, True, "waiting for a refund"),
    }


def test_complaints_on_orders_add_up_per_customer() -> None:
    data = run(tab("Orders", ("Date", "Email", "Amount", "Complaint", "Support hours"),
                   ("2025-01-01", "a@x.com", 5, "late", 1), ("2025-01-02", "a@x.com", 5, "", 0.5),
                   ("2025-01-03", "a@x.com", 5, "stale", "")))
    ann = customer(data, "a@x.com")
    assert (ann.complaints, ann.open_complaint, ann.complaint_note, ann.support_hours) == (
        2, True, "late", 1.5)
    assert len(orders_of(data, "a@x.com")) == 3
