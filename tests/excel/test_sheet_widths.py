"""Column widths of a toolkit tab: from the plan when it gives them, else from the header
and the first rows, worked out per column with quick paths for the common column types."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.excel.sheet_xml import _shown_width, column_widths
from toolkit.model import CellValue, Tab

_ANY = st.one_of(st.none(), st.booleans(), st.text(max_size=70), st.integers(-(10**20), 10**20),
                 st.floats(), st.dates(), st.datetimes(), st.sampled_from(["a\n" + "b" * 30, ""]))
_COLUMN_KINDS = st.sampled_from([
    _ANY, st.text(max_size=70), st.integers(), st.floats(allow_nan=False),
    st.one_of(st.none(), st.floats(-1e12, 1e12)), st.one_of(st.none(), st.dates())])


@st.composite
def _rows(draw: st.DrawFn) -> list[tuple[CellValue, ...]]:
    kinds = draw(st.lists(_COLUMN_KINDS, max_size=4))
    return [tuple(draw(kind) for kind in kinds[: draw(st.integers(0, len(kinds)))])
            for _ in range(draw(st.integers(0, 6)))]


@settings(max_examples=300, deadline=None)
@given(_rows())
def test_each_column_is_as_wide_as_its_widest_value_shown(rows: list[tuple[CellValue, ...]],
                                                          ) -> None:
    columns = max((len(row) for row in rows), default=0)
    expected = []
    for index in range(columns):
        shown = [_shown_width(row[index]) for row in rows if index < len(row)]
        expected.append(min(max(6.0, max(shown) + 2.0), 60.0))
    assert column_widths(Tab("T", (), tuple(rows)), columns) == expected


def test_header_plan_widths_and_the_cap() -> None:
    rows = (("x" * 100, 1234567.891, dt.date(2024, 1, 1), None), ("a\nbb", -5.0, None, None))
    tab = Tab("T", ("A long header name", "B", "C", "D"), rows, widths=(0, 0, 0, 300))
    assert column_widths(tab, 4) == [60.0, 14.0, 12.0, 255.0]
