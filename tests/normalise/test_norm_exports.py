"""Known exports understood with no configuration (real header rows, rows as exported)."""

from __future__ import annotations

import datetime as dt

from norm_exports import EXPORTS
from norm_helpers import customer, export, orders_of, problems, run, tab

D = dt.date


def amounts(data: object, key: str) -> list[float]:
    return [o.amount for o in orders_of(data, key)]  # type: ignore[arg-type]


def test_shopify_orders_name_is_the_order_and_item_rows_count_once() -> None:
    data = run(export(
        "orders_export_1", EXPORTS["shopify_orders"],
        {"Name": "#1001", "Email": "ann@x.com", "Financial Status": "paid",
         "Paid at": "2025-03-12 14:05:00 +0000", "Total": "45.00", "Discount Amount": "5.00",
         "Created at": "2025-03-12 14:00:00 +0000", "Lineitem name": "Cake",
         "Billing Name": "Ann Lee", "Billing City": "Leeds", "Id": 5551234, "Source": "web",
         "Tags": "wholesale"},
        {"Name": "#1001", "Email": "ann@x.com", "Created at": "2025-03-12 14:00:00 +0000",
         "Lineitem name": "Tea"},
        {"Name": "#1002", "Email": "ANN@x.com", "Financial Status": "partially_refunded",
         "Paid at": "2025-04-01 10:00:00 +0000", "Total": "20.00", "Refunded Amount": "5.00",
         "Created at": "2025-04-01 09:59:00 +0000", "Lineitem name": "Bun",
         "Billing Name": "Ann Lee"},
        {"Name": "#1003", "Email": "bob@x.com", "Financial Status": "voided", "Total": "9.00",
         "Created at": "2025-04-02 09:00:00 +0000", "Lineitem name": "Pie",
         "Billing Name": "Bob Roe"},
    ))
    assert [c.key for c in data.customers] == ["ann@x.com"]
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.town, ann.source, ann.tags) == ("Ann Lee", "Leeds", "web", "")
    first, second, refund = orders_of(data, "ann@x.com")
    assert (first.order_id, first.amount, first.product, first.discount, first.date) == (
        "#1001", 45.0, "Cake, Tea", 5.0, D(2025, 3, 12))
    assert (second.order_id, second.amount) == ("#1002", 20.0)
    assert (refund.order_id, refund.amount) == ("#1002", -5.0)
    [voided] = problems(data, "not a completed sale")
    assert (voided.row, voided.column, voided.value) == (5, "Financial Status", "voided")
    assert any("Shopify orders export" in note for note in data.notes)
    assert data.rows_read == 4


def test_shopify_customers_export() -> None:
    data = run(export(
        "customers_export", EXPORTS["shopify_customers"],
        {"First Name": "Ann", "Last Name": "Lee", "Email": "ann@x.com",
         "Accepts Email Marketing": "no", "Default Address City": "Leeds",
         "Default Address Zip": "LS1", "Total Spent": "120.50", "Total Orders": "4",
         "Note": "nut allergy", "Tags": "vip"},
    ))
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.town, ann.postcode, ann.total_spent, ann.total_orders) == (
        "Ann Lee", "Leeds", "LS1", 120.5, 4)
    assert (ann.notes, ann.tags, ann.do_not_contact) == ("nut allergy", "vip", False)


def test_square_transactions_joined_to_square_customers() -> None:
    data = run(
        export("customers", EXPORTS["square_customers"],
               {"Reference ID": "'00042", "First Name": "Ann", "Last Name": "Lee",
                "Email Address": "ann@x.com", "Nickname": "Annie", "Square Customer ID": "SQ1",
                "First Visit": "2024-01-02", "Last Visit": "2025-03-13",
                "Transaction Count": 2, "Total Spend": "£6.00",
                "Email Subscription Status": "Unsubscribed"}),
        export("transactions", EXPORTS["square_transactions"],
               {"Date": "2025-03-12", "Time": "14:05:00", "Net Sales": "£10.00",
                "Total Collected": "£12.00", "Transaction ID": "T1", "Customer Name": "Ann Lee",
                "Customer ID": "SQ1", "Event Type": "Payment", "Description": "Latte"},
               {"Date": "2025-03-13", "Net Sales": "-£4.00", "Transaction ID": "T2",
                "Customer Name": "Ann Lee", "Customer ID": "SQ1", "Event Type": "Refund"},
               {"Date": "2025-03-14", "Net Sales": "£3.00", "Transaction ID": "T3",
                "Event Type": "Payment"}),
    )
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.customer_id, ann.do_not_contact) == ("Ann Lee", "SQ1", True)
    assert (ann.first_purchase, ann.total_spent) == (D(2024, 1, 2), 6.0)
    assert amounts(data, "ann@x.com") == [10.0, -4.0]
    assert orders_of(data, "ann@x.com")[0].product == "Latte"
    [walk_in] = problems(data, "no customer on this row")
    assert (walk_in.tab, walk_in.row) == ("transactions", 4)
    assert len(data.customers) == 1


def test_etsy_orders_read_month_first_and_join_names() -> None:
    data = run(export(
        "EtsySoldOrders2025", EXPORTS["etsy_orders"],
        {"Sale Date": "03/04/25", "Order ID": 3012345678, "Buyer User ID": 987,
         "Full Name": "Ann Lee", "Order Value": "25.00", "Order Total": "30.00",
         "Order Net": "27.10", "Buyer": "annlee77", "Status": "Completed",
         "Ship City": "Leeds"},
        {"Sale Date": "03/05/25", "Order ID": 3012345679, "Buyer User ID": 654,
         "First Name": "Bo", "Last Name": "Roe", "Order Value": "10.00", "Buyer": "bo_r"},
        {"Sale Date": "03/06/25", "Order ID": 3012345680, "Buyer User ID": 321,
         "Order Value": "5.00", "Buyer": "mystery_buyer"},
    ))
    assert [(c.key, c.name) for c in data.customers] == [
        ("id:987", "Ann Lee"), ("id:654", "Bo Roe"), ("id:321", "mystery_buyer")]
    assert [(o.date, o.amount, o.order_id) for o in data.orders] == [
        (D(2025, 3, 4), 25.0, "3012345678"), (D(2025, 3, 5), 10.0, "3012345679"),
        (D(2025, 3, 6), 5.0, "3012345680")]
    assert data.problems == ()  # month/day/year is how Etsy writes dates: not a guess
    assert any("month/day/year (Etsy orders export)" in note for note in data.notes)


def test_etsy_order_items_add_up_per_order() -> None:
    data = run(export(
        "EtsySoldOrderItems", EXPORTS["etsy_items"],
        {"Sale Date": "12/20/24", "Item Name": "Mug", "Buyer": "annlee77", "Item Total": 12,
         "Order ID": 1, "Ship Name": "Ann Lee", "Transaction ID": 11},
        {"Sale Date": "12/20/24", "Item Name": "Card", "Buyer": "annlee77", "Item Total": 3,
         "Order ID": 1, "Ship Name": "Ann Lee", "Transaction ID": 12},
    ))
    [order] = data.orders
    assert (order.amount, order.product, order.date) == (15.0, "Mug, Card", D(2024, 12, 20))
    assert customer(data, "name:ann lee").name == "Ann Lee"


def test_woocommerce_orders_and_customers() -> None:
    data = run(
        export("Customers", EXPORTS["woo_customers"],
               {"Name": "Ann Lee", "Username": "ann", "Last active": "2025-03-01",
                "Email": "ann@x.com", "Orders": 2, "Total spend": "£45.00", "City": "Leeds"}),
        export("Orders", EXPORTS["woo_orders"],
               {"Date": "2025-02-01", "Order #": 101, "Status": "Completed",
                "Customer": "Ann Lee", "Product(s)": "Cake", "Net Sales": 30},
               {"Date": "2025-02-02", "Order #": 102, "Status": "Failed",
                "Customer": "Ann Lee", "Net Sales": 99},
               {"Date": "2025-02-03", "Order #": 103, "Status": "Refunded",
                "Customer": "Ann Lee", "Product(s)": "Tart", "Net Sales": 15}),
    )
    ann = customer(data, "ann@x.com")
    assert (ann.last_purchase, ann.total_orders, ann.total_spent) == (D(2025, 3, 1), 2, 45.0)
    assert amounts(data, "ann@x.com") == [30.0, 15.0, -15.0]
    [failed] = problems(data, "not a completed sale")
    assert (failed.row, failed.value, failed.action) == (3, "Failed",
                                                         "skipped: not counted as a sale")


def test_woocommerce_order_export_plugin_with_billing_suffixes() -> None:
    data = run(export(
        "orders", EXPORTS["woo_plugin"],
        {"Order Number": 500, "Order Status": "completed", "Order Date": "2025-01-15 10:00",
         "First Name (Billing)": "Ann", "Last Name (Billing)": "Lee",
         "Email (Billing)": "ann@x.com", "Order Total Amount": 40, "Item Name": "Hat"},
        {"Order Number": 500, "Order Status": "completed", "Order Date": "2025-01-15 10:00",
         "First Name (Billing)": "Ann", "Last Name (Billing)": "Lee",
         "Email (Billing)": "ann@x.com", "Order Total Amount": 40, "Item Name": "Scarf"},
    ))
    [order] = data.orders
    assert (order.amount, order.product) == (40.0, "Hat, Scarf")  # the total repeats: once
    assert customer(data, "ann@x.com").name == "Ann Lee"


def test_stripe_payments_failed_refunded_and_payouts_tab() -> None:
    data = run(
        export("unified_payments", EXPORTS["stripe_payments"],
               {"id": "py_1", "Created (UTC)": "2025-03-12 14:05:00", "Amount": "50.00",
                "Amount Refunded": "0.00", "Status": "Paid", "Customer Email": "ann@x.com",
                "Customer ID": "cus_A", "Card Name": "Ann Lee", "Converted Amount": "60.00"},
               {"id": "py_2", "Created (UTC)": "2025-03-13 09:00:00", "Amount": "20.00",
                "Amount Refunded": "20.00", "Status": "Refunded",
                "Customer Email": "ann@x.com"},
               {"id": "py_3", "Created (UTC)": "2025-03-14 09:00:00", "Amount": "70.00",
                "Amount Refunded": "0.00", "Status": "Failed",
                "Customer Email": "bob@x.com", "Decline Reason": "insufficient_funds"}),
        export("payouts", EXPORTS["stripe_payouts"],
               {"id": "po_1", "Amount": "50.00", "Arrival Date (UTC)": "2025-03-15",
                "Created (UTC)": "2025-03-13", "Status": "paid", "Type": "bank_account"}),
    )
    assert [c.key for c in data.customers] == ["ann@x.com"]
    assert customer(data, "ann@x.com").name == "Ann Lee"
    assert [(o.order_id, o.amount) for o in data.orders] == [
        ("py_1", 50.0), ("py_2", 20.0), ("py_2", -20.0)]
    [failed] = problems(data, "not a completed sale")
    assert failed.value == "Failed"
    assert data.tabs_used == ("unified_payments",)
    assert data.tabs_ignored == (
        "payouts: Stripe payouts export: it is a list of payouts (money Stripe sent to your "
        "bank), not customers",)


def test_stripe_customers_export() -> None:
    data = run(export(
        "customers", EXPORTS["stripe_customers"],
        {"id": "cus_A", "Description": "met at the fair", "Email": "ann@x.com",
         "Name": "Ann Lee", "Created (UTC)": "2023-01-01 10:00", "Total Spend": "300.00",
         "Payment Count": 6, "Refunded Volume": "10.00"},
    ))
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.customer_id, ann.total_spent, ann.total_orders, ann.refunds) == (
        "Ann Lee", "cus_A", 300.0, 6, 10.0)
    assert ann.first_purchase is None  # account creation is not a purchase


def test_squarespace_orders() -> None:
    data = run(export(
        "orders", EXPORTS["squarespace_orders"],
        {"Order ID": "00012", "Email": "ann@x.com", "Financial Status": "PAID",
         "Paid at": "2025-03-12 14:05:00 +0000", "Total": "30.00", "Amount Refunded": "10.00",
         "Created at": "2025-03-12 14:00:00 +0000", "Lineitem name": "Print",
         "Billing Name": "Ann Lee", "Channel": "Squarespace"},
        {"Order ID": "00012", "Email": "ann@x.com", "Lineitem name": "Frame",
         "Created at": "2025-03-12 14:00:00 +0000"},
    ))
    assert [(o.order_id, o.amount, o.product) for o in data.orders] == [
        ("00012", 30.0, "Print, Frame"), ("00012", -10.0, "Print, Frame")]


def test_wix_orders_item_rows_repeat_the_total() -> None:
    row = {"Order number": 10001, "Date created": "Mar 12, 2025", "Billing customer": "Ann Lee",
           "Payment status": "Paid", "Buyer's email": "ann@x.com", "Total": "£24.00"}
    data = run(export("Orders", EXPORTS["wix_orders"], {**row, "Item": "Soap", "Price": 8},
                      {**row, "Item": "Candle", "Price": 16}))
    [order] = data.orders
    assert (order.amount, order.product, order.date) == (24.0, "Soap, Candle", D(2025, 3, 12))


def test_paypal_activity_skips_withdrawals_and_finds_the_customer_side() -> None:
    me = "shop@x.com"
    data = run(export(
        "Download", EXPORTS["paypal"],
        {"Date": "12/03/2025", "Name": "Ann Lee", "Type": "Express Checkout Payment",
         "Status": "Completed", "Gross": "25.00", "Fee": "-1.00", "Net": "24.00",
         "From Email Address": "ann@x.com", "To Email Address": me, "Transaction ID": "1A"},
        {"Date": "14/03/2025", "Name": "Ann Lee", "Type": "Payment Refund",
         "Status": "Completed", "Gross": "-10.00", "From Email Address": me,
         "To Email Address": "ann@x.com", "Transaction ID": "2B"},
        {"Date": "15/03/2025", "Name": "Bank Account", "Type": "General Withdrawal",
         "Status": "Completed", "Gross": "-100.00", "From Email Address": me,
         "Transaction ID": "3C"},
        {"Date": "16/03/2025", "Name": "Bob Roe", "Type": "Website Payment",
         "Status": "Refunded", "Gross": "30.00", "From Email Address": "bob@x.com",
         "To Email Address": me, "Transaction ID": "4D"},
        {"Date": "17/03/2025", "Name": "Bob Roe", "Type": "Payment Refund",
         "Status": "Completed", "Gross": "-30.00", "From Email Address": me,
         "To Email Address": "bob@x.com", "Transaction ID": "5E"},
        {"Date": "18/03/2025", "Name": "", "Type": "General Currency Conversion",
         "Status": "Completed", "Gross": "-5.00", "From Email Address": me,
         "Transaction ID": "6F"},
    ))
    assert [c.key for c in data.customers] == ["ann@x.com", "bob@x.com"]
    assert amounts(data, "ann@x.com") == [25.0, -10.0]
    assert amounts(data, "bob@x.com") == [30.0, -30.0]
    assert orders_of(data, "ann@x.com")[0].date == D(2025, 3, 12)
    skipped = problems(data, "money moving")
    assert [(p.row, p.value, p.action) for p in skipped] == [
        (4, "General Withdrawal", "skipped: not a customer and not a sale"),
        (7, "General Currency Conversion", "skipped: not a customer and not a sale")]
    assert "shop@x.com" not in {c.email for c in data.customers}


def test_eventbrite_attendee_rows_make_one_order_for_the_buyer() -> None:
    base = {"Order #": 555, "Order Date": "2025-05-01 18:30:00-05:00",
            "Buyer First Name": "Ann", "Buyer Last Name": "Lee", "Buyer Email": "ann@x.com",
            "Ticket Type": "General Admission", "Total Paid": "20.00",
            "Attendee Status": "Attending"}
    data = run(export(
        "Attendees", EXPORTS["eventbrite"],
        {**base, "First Name": "Ann", "Last Name": "Lee", "Email": "ann@x.com"},
        {**base, "First Name": "Ben", "Last Name": "Ng", "Email": "ben@x.com"},
        {**base, "Order #": 556, "Buyer First Name": "Cy", "Buyer Last Name": "Dee",
         "Buyer Email": "cy@x.com", "Attendee Status": "Refunded", "Total Paid": "20.00"},
    ))
    assert [c.key for c in data.customers] == ["ann@x.com", "cy@x.com"]
    [order] = orders_of(data, "ann@x.com")
    assert (order.order_id, order.amount, order.product) == ("555", 40.0, "General Admission")
    assert customer(data, "ann@x.com").name == "Ann Lee"
    assert amounts(data, "cy@x.com") == [20.0, -20.0]


def test_mailchimp_subscribed_and_unsubscribed_exports() -> None:
    data = run(
        export("subscribed", EXPORTS["mailchimp"],
               {"Email Address": "ann@x.com", "First Name": "Ann", "Last Name": "Lee",
                "MEMBER_RATING": 4, "TAGS": '"Customers","VIP"'}),
        export("unsubscribed", EXPORTS["mailchimp_unsub"],
               {"Email Address": "bob@x.com", "First Name": "Bob", "Last Name": "Roe",
                "UNSUB_TIME": "2024-11-02 10:00:00", "UNSUB_REASON": "too many"}),
    )
    assert (customer(data, "ann@x.com").name, customer(data, "ann@x.com").do_not_contact) == (
        "Ann Lee", False)
    assert customer(data, "bob@x.com").do_not_contact is True
    assert data.orders == ()
    assert data.problems == ()


def test_an_unsubscribed_status_means_do_not_contact() -> None:
    data = run(tab("Audience", ("Email Address", "First Name", "Status"),
                   ("ann@x.com", "Ann", "subscribed"), ("bob@x.com", "Bob", "Unsubscribed"),
                   ("cy@x.com", "Cy", "cleaned")))
    assert [c.do_not_contact for c in data.customers] == [False, True, True]


def test_google_contacts_old_and_new_exports() -> None:
    data = run(
        export("google", EXPORTS["google_old"],
               {"Name": "Ann Lee", "Given Name": "Ann", "Family Name": "Lee",
                "E-mail 1 - Value": "ann@x.com ::: ann.lee@y.com",
                "Phone 1 - Value": "+44 7700 900123", "Group Membership": "* myContacts",
                "Address 1 - City": "Leeds"}),
        export("contacts", EXPORTS["google_new"],
               {"First Name": "Bob", "Last Name": "Roe", "Nickname": "Bobby",
                "E-mail 1 - Value": "bob@x.com", "Labels": "Clients"}),
    )
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.phone, ann.town, ann.tags) == (
        "Ann Lee", "+44 7700 900123", "Leeds", "* myContacts")
    assert customer(data, "bob@x.com").name == "Bob Roe"  # not the nickname


def test_outlook_contacts_export() -> None:
    data = run(export(
        "contacts", EXPORTS["outlook"],
        {"First Name": "Ann", "Last Name": "Lee", "E-mail Address": "",
         "E-mail 2 Address": "ann@x.com", "Mobile Phone": "07700 900123",
         "Home City": "Leeds", "Categories": "Clients"},
    ))
    ann = customer(data, "ann@x.com")
    assert (ann.name, ann.phone, ann.town, ann.tags) == (
        "Ann Lee", "07700 900123", "Leeds", "Clients")


def test_every_export_is_recognised_as_its_kind() -> None:
    kinds = {"stripe_payouts": None}
    for name, header_line in EXPORTS.items():
        data_tab = export(name, header_line)
        if name in kinds:
            continue
        data = run(data_tab)
        assert data.tabs_used == (name,), name
        assert data.customers == () and data.rows_read == 0
