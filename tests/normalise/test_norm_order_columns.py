"""A plain orders tab read a column at a time gives exactly what reading it a row at a time
gives: the same customers (in the same order), orders, problems (in the same order) and
counts, whatever odd rows sit among the plain ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from norm_helpers import DETERMINISTIC, customer, orders_of, problems, run, tab

from toolkit.model import CellValue, Dataset, RawTable
from toolkit.normalise import order_columns, order_reader
from toolkit.normalise.parse import clean_id, is_blank
from toolkit.normalise.people import only_emails, read_email_person, read_person
from toolkit.normalise.tables import RowView, Sink, TabPlan, plan_tab

D = dt.date
ORDER_HEADERS = ("Order", "Email", "Date", "Amount", "Product")


def both(*tables: RawTable, **options: Any) -> Dataset:
    """The dataset read row by row and by columns: asserted equal, and the columns taken."""
    taken: list[bool] = []
    real = order_reader.read_columns

    def spy(*args: Any) -> bool:
        taken.append(real(*args))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(order_reader, "read_columns", spy)
        patch.setattr(order_columns, "COLUMNS_FROM", 10**9)
        by_rows = run(*tables, **options)
        patch.setattr(order_columns, "COLUMNS_FROM", 1)
        by_columns = run(*tables, **options)
    assert True in taken
    assert by_columns.problems == by_rows.problems
    assert by_columns == by_rows
    return by_columns


def plain(number: int, email: str, day: int, amount: float = 10.0) -> tuple[CellValue, ...]:
    return (f"O{number:05d}", email, D(2024, 3, day), amount, "Cake")


CUSTOMERS = tab("Customers", ("Name", "Email", "Customer ID"),
                ("Ann Lee", "ann@x.com", "C1"), ("Bob Roe", "bob@x.com", "C2"))


def test_a_tab_mixing_plain_rows_with_every_odd_kind() -> None:
    rows: list[tuple[CellValue, ...]] = [
        plain(1, "ann@x.com", 1),
        ("O00002", "bob@x.com", "2024-03-02", 7.25, "Tea"),  # text date
        ("O00003", "ANN@X.COM", D(2024, 3, 3), "£1,234.50", "Bun"),  # text money
        (None, None, None, None, None),  # blank row
        ORDER_HEADERS,  # pasted twice
        ("O00004", "new@x.com", D(2024, 3, 4), -3.0, None),  # not on Customers, a refund
        ("O00005", "not-an-email", D(2024, 3, 5), 4.0, "Cake"),  # reported on each row
        ("O00006", "not-an-email", D(2024, 3, 6), 5.0, "Cake"),
        ("O00007", "ann@x.com", dt.datetime(2024, 3, 7, 10, 30), 8.0, 3),
        ("O00008", "bob@x.com", D(2024, 3, 8), 12.345, "Tea"),  # not in cents
        ("O00009", "ann@x.com", D(2024, 3, 9), 10, "  "),  # a whole number, blank product
        ("Sub01", "ann@x.com", D(2024, 3, 10), 1.0, "Cake"),  # starts like "Sum": not one
        *(plain(n, ["ann@x.com", "bob@x.com", "new@x.com", "eve@x.com"][n % 4], n % 28 + 1)
          for n in range(20, 60)),
        ("Total", None, D(2024, 3, 31), 1000.0, None),
        ("O00061", None, D(2024, 3, 11), 6.0, "Cake"),  # nobody: waits to be reported
        ("O00062", "bob@x.com", D(2024, 3, 12), None, "Tea"),  # no amount
        ("O00063", "bob@x.com", "31/02/2024", 9.0, "Tea"),  # not a real date
        ("O00064", "cy@x.com", D(2024, 3, 13), 11.0, "Cake"),  # one order on two rows
        ("O00064", "cy@x.com", D(2024, 3, 13), 11.0, "Card"),
        *(plain(n, ["ann@x.com", "zed@x.com"][n % 2], n % 28 + 1) for n in range(70, 80)),
    ]
    data = both(CUSTOMERS, tab("Orders", ORDER_HEADERS, *rows))
    assert len(orders_of(data, "zed@x.com")) == 5
    assert [o.product for o in orders_of(data, "cy@x.com")] == ["Cake, Card"]
    assert len(problems(data, "not a valid email")) == 2
    assert len(problems(data, "totals row")) == 1
    assert len(problems(data, "not on your customers tab")) == 5  # new, bad email, eve, cy, zed
    assert customer(data, "ann@x.com").row == 2  # the Customers tab's row


def test_names_only_attach_on_every_row_and_ambiguous_names_are_reported_each_time() -> None:
    customers = tab("Customers", ("Name", "Customer ID"), ("Ann Lee", "C1"),
                    ("Ann Lee", "C2"), ("Bob Roe", "C3"))
    orders = tab("Orders", ("Client", "Date", "Amount"),  # some rows read one at a time
                 *((["Ann Lee", "Bob Roe", "Cy Dee", "ann lee"][n % 4], D(2024, 1, n % 28 + 1),
                    n + 0.005 if n % 5 == 2 else float(n)) for n in range(1, 30)))
    data = both(customers, orders)
    assert len(problems(data, "several customers are called")) == 14  # each Ann Lee row


def test_a_customer_first_met_on_a_row_read_one_at_a_time() -> None:
    orders = tab("Orders", ("Order", "Name", "Email", "Date", "Amount"),
                 ("O1", "Ann", "a@x.com", D(2024, 1, 1), 10.0),
                 ("O2", "Cy", None, D(2024, 1, 2), 1.005),  # not in cents: read on its own
                 ("O3", "Ann", "a@x.com", D(2024, 1, 3), 11.0),
                 ("O4", "Cy", None, D(2024, 1, 4), 12.0),  # no email: attached on each row
                 ("O5", "Bo", "b@x.com", D(2024, 1, 5), 13.0),
                 ("O6", "Cy", None, D(2024, 1, 6), 14.0))
    data = both(CUSTOMERS, orders)
    assert [o.amount for o in orders_of(data, "name:cy")] == [1.01, 12.0, 14.0]


def test_several_customer_columns_and_cost_and_discount_columns() -> None:
    orders = tab(
        "Orders", ("Order", "Name", "Email", "Date", "Total", "Cost", "Discount", "Item"),
        *((f"#{n}", ["Ann", "Bob", "Ann", ""][n % 4], ["a@x.com", "b@x.com", "", "a@x.com"][n % 4],
           D(2024, 2, n % 28 + 1), 20.0 + n,
           [None, 5.0, "£2.50", "x", 1.234][n % 5], [None, -1.5, 0.0, "2", -0.0][n % 5],
           ["Cake", None, 4.5][n % 3]) for n in range(1, 40)),
    )
    data = both(orders)
    assert problems(data, "not an amount")  # the "x" costs, reported as the rows read them


def test_a_first_column_of_names_some_starting_like_totals_words() -> None:
    orders = tab("Orders", ("Customer", "Date", "Amount"),
                 *((name, D(2024, 4, n % 28 + 1), 5.0) for n, name in enumerate(
                     ["Sam Smith", "Tia", "Grace", " ", "Bo", "Total", "Sam Smith", "SUM:",
                      "Al", None, "Gus"] * 3)))
    data = both(orders)
    assert len(problems(data, "totals row")) == 6


def test_rows_passed_over_are_never_read_even_when_their_cells_look_like_an_order() -> None:
    headers = ("Order", "Client", "2024-01-01", "12")  # the owner's own header texts
    orders = tab("Orders", headers,
                 (None, "Total", D(2024, 5, 1), 5.0),  # a totals row: never a customer
                 ("O1", "Total", D(2024, 5, 2), 6.0),  # a customer called Total, row 3
                 ("O2", "Ann", D(2024, 5, 3), 7.0),
                 headers,  # pasted twice: its date and amount would read as ones
                 ("O3", "Ann", D(2024, 5, 4), 8.0))
    data = both(orders, columns={"date": "2024-01-01", "amount": "12"})
    assert customer(data, "name:total").row == 3
    assert len(data.orders) == 3
    assert problems(data, "repeats the header row")


def test_a_totals_row_that_looks_like_an_order_in_every_other_way() -> None:
    orders = tab("Orders", ("Order", "Client", "Date", "Amount"),
                 *((f"N{n:04d}", "Ann", D(2024, 6, n % 28 + 1), 2.0) for n in range(30)),
                 ("Grand total", "Ann", D(2024, 6, 30), 60.0))
    data = both(orders)
    assert len(data.orders) == 30 and len(problems(data, "totals row")) == 1


ODD_CELLS: dict[str, list[CellValue]] = {
    "Order": ["O0001", "O0002", "O0003", None, " ", "'7", 12.0, "Order"],
    "Email": ["a@x.com", "B@x.com", "c@x.com", "bad", None, "Total", "a@x.com "],
    "Date": [D(2024, 1, 2), D(2024, 5, 6), dt.datetime(2024, 1, 2, 3, 4), "2024-02-03",
             "03/04/2024", "13/04/2024", "x", None, 45000.0, "Date"],
    "Amount": [1.5, 2.25, "£3", 4, 1.005, None, "", -2.0, True, "Amount", float("nan")],
    "Product": ["Cake", "Tea", None, 7, "", "Product"],
}


@st.composite
def order_rows(draw: st.DrawFn) -> list[tuple[CellValue, ...]]:
    """Mostly plain rows (one customer of three, a date, an amount in cents), some odd."""
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        if draw(st.integers(min_value=0, max_value=3)):
            rows.append((f"N{len(rows):04d}", draw(st.sampled_from(ODD_CELLS["Email"][:3])),
                         draw(st.sampled_from(ODD_CELLS["Date"][:2])),
                         draw(st.sampled_from([1.5, 2.25, 9.99])), "Cake"))
        else:
            rows.append(tuple(draw(st.sampled_from(ODD_CELLS[h])) for h in ORDER_HEADERS))
    return rows


@DETERMINISTIC
@given(order_rows(), st.booleans())
def test_any_mix_of_rows_reads_the_same_both_ways(rows: list[tuple[CellValue, ...]],
                                                  listed: bool) -> None:
    tables = (CUSTOMERS,) if listed else ()
    both(*tables, tab("Orders", ORDER_HEADERS, *rows))


@pytest.mark.parametrize("cell", ["ann@x.com", "Jo <JO@X.COM>", "mailto:b@y.org", "Not Known",
                                  "  ", None, 12.0, "n/a", "a@b.co; c@d.co", D(2024, 1, 1)])
def test_a_customer_named_by_email_alone_reads_as_the_general_reader_reads_them(
        cell: CellValue) -> None:
    table = tab("Orders", ("E-mail", "Date", "Amount"), (cell, D(2024, 1, 1), 1.0))
    plan = plan_tab(table, {}, None, Sink(), [])
    assert isinstance(plan, TabPlan) and only_emails(plan.columns.fields)
    view = RowView(plan, 2, table.rows[1])
    general, fast = Sink(), Sink()
    assert read_email_person(view, fast) == read_person(view, general, summary=False)
    assert fast.problems == general.problems


@DETERMINISTIC
@given(st.lists(st.one_of(st.sampled_from(["O00001", "O00002", "AB12", "none", "NULL", "n/a",
                                           "Nil", "", " ", "'0012", "A-1", "é1234", "x\nyz"]),
                          st.text(alphabet="aZ09 -'\n", max_size=7), st.none(),
                          st.integers(0, 99), st.just(12.0)), min_size=1, max_size=6),
       st.booleans())
@example(["AB123", "x\nyz"], False)  # a line break in a cell: not one number per line
@example(["O00001", "None"], False)
def test_order_numbers_read_a_column_at_a_time_as_each_cell_reads(
        cells: list[CellValue], uniform: bool) -> None:
    if uniform:  # a column where every number is of the usual kind
        cells = [f"N{n:05d}" for n in range(len(cells))]
    table = tab("Orders", ("Order", "Email", "Date", "Amount"),
                *((cell, "a@x.com", D(2024, 1, 1), 1.0) for cell in cells))
    plan = plan_tab(table, {}, None, Sink(), [])
    assert isinstance(plan, TabPlan)
    expected = []
    for cell in cells:  # as `RowView.cell` + `clean_id` read the cell
        blank = cell is None or (isinstance(cell, str) and is_blank(cell))
        expected.append("" if blank else clean_id(cell))
    assert order_reader._order_ids(plan, order_columns.TabColumns(table.rows, 1)) == expected
