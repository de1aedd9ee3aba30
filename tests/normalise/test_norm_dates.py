"""Dates: real cells, Excel serials, ISO text, d/m/y vs m/d/y decided per column."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from norm_helpers import DETERMINISTIC

from toolkit.normalise.dates import EXCEL_EPOCH, decide_order, parse_date
from toolkit.normalise.parse import CellError

MARCH_12 = dt.date(2025, 3, 12)


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        (MARCH_12, "dmy", MARCH_12),
        (dt.datetime(2025, 3, 12, 14, 5), "dmy", MARCH_12),
        (45728, "dmy", MARCH_12),  # Excel serial
        (45728.6, "dmy", MARCH_12),  # serial with a time
        ("45728", "dmy", MARCH_12),
        (20250312, "dmy", MARCH_12),
        ("2025-03-12", "dmy", MARCH_12),
        ("2025/03/12", "mdy", MARCH_12),
        ("2025-03-12 14:05", "dmy", MARCH_12),
        ("2025-03-12T14:05:00Z", "dmy", MARCH_12),
        ("2025-03-12 14:05:00 -0500", "dmy", MARCH_12),
        ("12/03/2025", "dmy", MARCH_12),
        ("03/12/2025", "mdy", MARCH_12),
        ("12.03.2025", "dmy", MARCH_12),
        ("12-03-25", "dmy", MARCH_12),
        ("03/12/25", "mdy", MARCH_12),
        ("12/03/2025 14:05", "dmy", MARCH_12),
        ("3/12/2025 2:05 PM", "mdy", MARCH_12),
        ("12 Mar 2025", "mdy", MARCH_12),
        ("12 March 2025", "dmy", MARCH_12),
        ("12th March 2025", "dmy", MARCH_12),
        ("12-Mar-2025", "dmy", MARCH_12),
        ("March 12, 2025", "dmy", MARCH_12),
        ("Mar 12 2025", "dmy", MARCH_12),
        ("Wed, 12 Mar 2025", "dmy", MARCH_12),
        ("Wednesday 12 March 2025", "dmy", MARCH_12),
        ("Sept 12, 2025", "dmy", dt.date(2025, 9, 12)),
    ],
)
def test_date_forms(value: object, order: str, expected: dt.date) -> None:
    assert parse_date(value, order) == expected  # type: ignore[arg-type]


def test_the_only_possible_reading_wins_over_the_order() -> None:
    assert parse_date("25/03/2025", "mdy") == dt.date(2025, 3, 25)
    assert parse_date("03/25/2025", "dmy") == dt.date(2025, 3, 25)


@pytest.mark.parametrize("value", ["yesterday", "31/02/2025", "13/13/2025", "2025", 2025,
                                   True, "12/03", "Smarch 3, 2025"])
def test_bad_dates_raise(value: object) -> None:
    with pytest.raises(CellError):
        parse_date(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, "", " ", "-", "n/a"])
def test_blank_dates_are_none(value: object) -> None:
    assert parse_date(value) is None  # type: ignore[arg-type]


def test_column_decision_from_a_day_above_12() -> None:
    assert decide_order(["01/02/2025", "25/02/2025", None, 4]).order == "dmy"
    assert decide_order(["01/02/2025", "02/25/2025"]).order == "mdy"
    ambiguous = decide_order(["01/02/2025", "03/04/2025", "2025-01-01"])
    assert ambiguous.order is None and ambiguous.ambiguous == 2
    assert ambiguous.example == "01/02/2025"
    mixed = decide_order(["25/02/2025", "02/25/2025"])
    assert mixed.mixed and mixed.order is None
    assert decide_order(["2025-01-01", dt.date(2025, 1, 1)]).ambiguous == 0


# --------------------------------------------------------------------------- properties

DAYS = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def _write(day: dt.date, style: str) -> tuple[object, str]:
    """(cell, order to read it with) for a date written in one style."""
    month = MONTH_NAMES[day.month - 1]
    written: dict[str, tuple[object, str]] = {
        "iso": (day.isoformat(), "dmy"),
        "iso-time": (f"{day.isoformat()} 14:05", "mdy"),
        "dmy-slash": (day.strftime("%d/%m/%Y"), "dmy"),
        "mdy-slash": (day.strftime("%m/%d/%Y"), "mdy"),
        "dmy-dash": (f"{day.day}-{day.month}-{day.year}", "dmy"),
        "dmy-dot": (day.strftime("%d.%m.%Y"), "dmy"),
        "d-mon-y": (f"{day.day} {month[:3]} {day.year}", "mdy"),
        "d-month-y": (f"{day.day} {month} {day.year}", "dmy"),
        "month-d-y": (f"{month} {day.day}, {day.year}", "dmy"),
        "serial": ((day - EXCEL_EPOCH).days, "dmy"),
        "date": (day, "mdy"),
        "datetime": (dt.datetime(day.year, day.month, day.day, 9, 30), "dmy"),
    }
    return written[style]


@DETERMINISTIC
@given(DAYS, st.sampled_from(["iso", "iso-time", "dmy-slash", "mdy-slash", "dmy-dash",
                              "dmy-dot", "d-mon-y", "d-month-y", "month-d-y", "serial",
                              "date", "datetime"]))
def test_a_written_date_parses_back_equal(day: dt.date, style: str) -> None:
    cell, order = _write(day, style)
    assert parse_date(cell, order) == day  # type: ignore[arg-type]


@DETERMINISTIC
@given(st.lists(DAYS, min_size=1, max_size=30), st.sampled_from(["dmy", "mdy"]))
def test_a_column_with_a_day_above_12_decides_its_order(days: list[dt.date], order: str) -> None:
    days = [*days, dt.date(2025, 1, 20)]  # at least one day above 12
    pattern = "%d/%m/%Y" if order == "dmy" else "%m/%d/%Y"
    column = [day.strftime(pattern) for day in days]
    evidence = decide_order(column)
    assert evidence.order == order
    assert [parse_date(cell, evidence.order) for cell in column] == days


@DETERMINISTIC
@given(st.text(max_size=25))
def test_dates_never_fail_with_an_unexpected_error(text: str) -> None:
    with contextlib.suppress(CellError):
        parse_date(text)
