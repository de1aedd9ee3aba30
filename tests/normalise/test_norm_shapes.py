"""The input shapes an owner really has: Customers only, Orders only, or both."""

from __future__ import annotations

import datetime as dt

from norm_helpers import customer, fields_of, orders_of, problems, run, tab

D = dt.date


def test_customers_tab_only_with_typed_totals() -> None:
    data = run(tab(
        "Regulars",
        ("Customer Name", "E-mail Address", "Phone", "Orders", "Total Spend (£)",
         "First purchase", "Last Visit", "Refunds", "How did you hear", "Referred by",
         "Town", "Postcode", "Tags", "Notes", "Complaints", "Open complaint", "Complaint",
         "Support hours", "Fit", "Do not contact"),
        ("Ann Lee", "Ann@Example.com", "'07700 900123", 12, "£1,234.50", "2023-01-05",
         "14/03/2025", "£20", "Instagram", "bob@example.com", "Leeds", "LS1 1AA",
         "vip, cake", "likes lemon", 2, "yes", "late delivery", "1.5", "great", "no"),
        ("Bob Roe", "bob@example.com", 7700900124, "3", 99, dt.datetime(2024, 2, 1, 9),
         D(2025, 1, 2), None, "Friend", "", "York", "", "", "", "", "", "", "", "poor", "x"),
    ))
    assert data.orders == ()
    assert data.rows_read == 2
    ann = customer(data, "ann@example.com")
    assert (ann.name, ann.email, ann.phone) == ("Ann Lee", "ann@example.com", "07700 900123")
    assert (ann.total_orders, ann.total_spent, ann.refunds) == (12, 1234.5, 20.0)
    assert (ann.first_purchase, ann.last_purchase) == (D(2023, 1, 5), D(2025, 3, 14))
    assert (ann.source, ann.referred_by, ann.town, ann.postcode) == (
        "Instagram", "bob@example.com", "Leeds", "LS1 1AA")
    assert (ann.tags, ann.notes) == ("vip, cake", "likes lemon")
    assert (ann.complaints, ann.open_complaint, ann.complaint_note) == (2, True, "late delivery")
    assert (ann.support_hours, ann.fit, ann.do_not_contact) == (1.5, "great", False)
    bob = customer(data, "bob@example.com")
    assert bob.phone == "7700900124"
    assert bob.first_purchase == D(2024, 2, 1)
    assert (bob.fit, bob.do_not_contact, bob.complaints) == ("poor", True, 0)
    assert (ann.tab, ann.row, bob.row) == ("Regulars", 2, 3)
    assert data.problems == ()
    assert fields_of(data, "Regulars")["Last Visit"] == "last_purchase"


def test_orders_tab_only_builds_customers_from_the_orders() -> None:
    data = run(tab(
        "Sales",
        ("Order date", "Client", "Email", "Amount ($)", "Product", "Order #"),
        ("2025-03-01", "Ann Lee", "ann@x.com", "$12.50", "Cake", "'0001"),
        ("2025-03-05", "ann lee", "ANN@X.COM", 7, "Tea", "0002"),
        ("2025-03-06", "Cy Dee", "", "3", "Bun", "0003"),
        ("2025-03-07", "CY DEE", "cy@x.com", "4", "Bun", "0004"),
    ))
    assert [c.key for c in data.customers] == ["ann@x.com", "cy@x.com"]
    assert [o.amount for o in orders_of(data, "ann@x.com")] == [12.5, 7.0]
    assert [o.order_id for o in orders_of(data, "ann@x.com")] == ["0001", "0002"]
    assert [o.amount for o in orders_of(data, "cy@x.com")] == [3.0, 4.0]  # joined by name
    assert customer(data, "cy@x.com").name == "Cy Dee"
    assert customer(data, "ann@x.com").total_orders is None  # no typed totals
    assert data.problems == ()
    assert {o.customer_key for o in data.orders} == {c.key for c in data.customers}


def test_both_tabs_join_by_email_id_or_name_case_insensitively() -> None:
    data = run(
        tab("Customers",
            ("Customer ID", "Name", "Email"),
            ("C1", "Ann Lee", "ann@x.com"),
            ("C2", "José Álvarez", ""),
            ("C3", "Cy Dee", "cy@x.com")),
        tab("Orders",
            ("Date", "Customer ID", "Customer", "Customer Email", "Total"),
            ("2025-01-02", "", "", "ANN@X.COM", 10),
            ("2025-01-03", "c3", "", "", 20),
            ("2025-01-04", "", "jose alvarez", "", 30),
            ("2025-01-05", "", "New Person", "new@x.com", 40),
            ("2025-01-06", "", "New Person", "new@x.com", 41)),
    )
    assert [o.customer_key for o in data.orders] == [
        "ann@x.com", "cy@x.com", "id:C2", "new@x.com", "new@x.com"]
    assert len(data.customers) == 4
    added = problems(data, "not on your customers tab")
    assert len(added) == 1  # said once per new customer, not per order
    assert (added[0].tab, added[0].row, added[0].action) == (
        "Orders", 5, "added as a new customer from this order")
    assert data.tabs_used == ("Customers", "Orders")
    assert data.rows_read == 8


def test_name_join_does_not_cross_different_emails() -> None:
    data = run(
        tab("Customers", ("Name", "Email"), ("Sam Smith", "sam1@x.com")),
        tab("Orders", ("Date", "Name", "Email", "Amount"),
            ("2025-01-02", "Sam Smith", "sam2@x.com", 5)),
    )
    assert [o.customer_key for o in data.orders] == ["sam2@x.com"]
    assert len(data.customers) == 2


def test_several_customers_with_one_name_are_reported_when_an_order_names_them() -> None:
    data = run(
        tab("Customers", ("Name", "Email"), ("Sam Smith", "a@x.com"), ("Sam Smith", "b@x.com")),
        tab("Orders", ("Date", "Name", "Amount"), ("2025-01-02", "Sam Smith", 5)),
    )
    assert [o.customer_key for o in data.orders] == ["a@x.com"]
    [found] = problems(data, "several customers are called")
    assert "Customers row 2" in found.action


def test_header_row_under_a_title_and_blank_row_in_the_middle() -> None:
    data = run(tab(
        "Customers",
        ("The Cake Shop - customer list",),
        (None,),
        ("Name", "Email", "Last purchase"),
        ("Ann", "ann@x.com", "2025-01-01"),
        (None, None, None),
        ("", "  ", None),
        ("Bob", "bob@x.com", "2025-01-02"),
    ))
    assert [(c.name, c.row) for c in data.customers] == [("Ann", 4), ("Bob", 7)]
    assert data.rows_read == 2
    assert data.problems == ()


def test_tabs_are_found_by_headers_not_names_and_owned_tabs_are_skipped() -> None:
    data = run(
        tab("Sheet1", ("Notes to self",), ("buy flour",)),
        tab("Best customers", ("Rank", "Customer", "Email"), (1, "X", "x@x.com"), owned=True),
        tab("Sheet3", ("Client", "Mail"), ("Ann", "ann@x.com")),
    )
    assert data.tabs_used == ("Sheet3",)
    assert [c.key for c in data.customers] == ["ann@x.com"]
    assert data.tabs_ignored == ("Sheet1: no row of headers the toolkit knows",)


def test_a_totals_row_and_a_repeated_header_row_are_reported_not_read() -> None:
    data = run(tab(
        "Customers",
        ("Name", "Email", "Total spent"),
        ("Ann", "ann@x.com", 10),
        ("Name", "Email", "Total spent"),
        ("Bob", "bob@x.com", 5),
        ("Total", None, 15),
    ))
    assert [c.name for c in data.customers] == ["Ann", "Bob"]
    assert [(p.row, p.problem) for p in data.problems] == [
        (3, "this row repeats the header row"), (5, "looks like a totals row")]


def test_a_customer_row_without_name_email_or_id_is_reported() -> None:
    data = run(tab("Customers", ("Name", "Email", "Phone"), ("Ann", "a@x.com", ""),
                   ("", "", "0123")))
    [found] = problems(data, "no name, email or customer id")
    assert (found.row, found.action) == (3, "skipped: nothing tells who this customer is")
    assert data.rows_read == 2


def test_an_email_typed_in_the_customer_column_is_used_as_the_email() -> None:
    data = run(tab("Orders", ("Date", "Customer", "Amount"), ("2025-01-01", "Ann@X.com", 3)))
    assert [(c.key, c.name, c.email) for c in data.customers] == [("ann@x.com", "", "ann@x.com")]


def test_customer_keys() -> None:
    data = run(tab("Customers", ("Name", "Email", "Customer ID"),
                   ("Ann", "ANN@x.com", "7"), ("Bob", "", "'0042"), ("Zoë  Ünal", "", "")))
    assert [c.key for c in data.customers] == ["ann@x.com", "id:0042", "name:zoe unal"]
