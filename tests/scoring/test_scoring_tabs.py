"""The scoring tabs: names, order, exact headers, cell types, chart, drag and empty tabs."""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import example, given
from hypothesis import strategies as st
from scoring_factory import D, customer, dataset, order, regulars

from toolkit.model import Dataset, RawTable, Tab
from toolkit.scoring import score_customers
from toolkit.segments import DRAG_TAB, SEGMENT_NAMES
from toolkit.settings import Settings
from toolkit.tabs_scoring import (
    BEST_HEADER,
    SEGMENT_HEADER,
    _cents,
    _tenths,
    empty_segment_tab,
    scoring_tabs,
    segment_tab,
)

TODAY = D(2024, 6, 30)


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _data(count: int = 60) -> Dataset:
    people, orders = regulars(count, TODAY, every=12, visits=3, start=1, amount=33.333)
    people.append(customer("drag@x.test", name="Dora", complaints=4, support_hours=10))
    orders.append(order("drag@x.test", _days(3), 40.0))
    people.append(customer("lead@x.test", name="Lee"))
    return dataset(people, orders)


def _tabs(data: Dataset | None = None, previous: RawTable | None = None,
          contacted: dict[str, dt.date] | None = None) -> dict[str, Tab]:
    data = data or _data()
    scoring = score_customers(data, TODAY, Settings())
    tabs = scoring_tabs(scoring, data, Settings(), TODAY, previous, contacted)
    return {tab.name: tab for tab in tabs}


def test_tabs_come_in_the_owner_order() -> None:
    data = _data()
    scoring = score_customers(data, TODAY, Settings())
    names = [t.name for t in scoring_tabs(scoring, data, Settings(), TODAY, None)]
    segments = [n for n in names if n in SEGMENT_NAMES]
    assert names[:3] == ["Summary", "Best customers", "Segments"]
    assert names[3:3 + len(segments)] == segments
    assert segments == [n for n in SEGMENT_NAMES if n in segments]  # best first
    assert names[3 + len(segments):] == [DRAG_TAB, "Find more like them", "Changes"]
    for name in names:  # legal sheet names on both backends
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)


def test_best_customers_columns_and_cells() -> None:
    tab = _tabs(contacted={"r000@shop.test": D(2024, 6, 1)})["Best customers"]
    assert tab.header[:10] == ("Rank", "Customer", "Email", "Segment", "Score", "Orders",
                               "Revenue", "Last purchase", "Days since", "Why")
    assert tab.header == BEST_HEADER
    assert tab.header[10:] == ("R", "F", "M", "Profit", "Usual gap", "Referrals",
                               "Referral value", "Overlays", "Last contacted")
    assert [row[0] for row in tab.rows] == list(range(1, len(tab.rows) + 1))
    top = tab.rows[0]
    col = {name: i for i, name in enumerate(tab.header)}
    assert top[col["Customer"]] == "R000" and top[col["Last contacted"]] == D(2024, 6, 1)
    assert isinstance(top[col["Last purchase"]], dt.date)
    assert top[col["Revenue"]] == 100.0  # 3 x 33.333 = 99.999 -> rounded to cents
    score = top[col["Score"]]
    assert isinstance(score, float) and round(score, 1) == score
    assert tab.wrap_columns == (col["Why"],) and len(tab.widths) == len(tab.header)


def test_drag_customers_have_their_own_tab_and_leave_the_segment_tabs() -> None:
    tabs = _tabs()
    drag = tabs[DRAG_TAB]
    assert [row[0] for row in drag.rows] == ["Dora"]
    why = drag.rows[0][drag.header.index("Why review")]
    assert isinstance(why, str) and "cost to serve outweighs profit" in why
    assert "4 complaints" in why
    for name in SEGMENT_NAMES:
        if name in tabs:
            assert "Dora" not in [row[1] for row in tabs[name].rows]
    best = tabs["Best customers"]
    dora = next(row for row in best.rows if row[1] == "Dora")
    assert dora[best.header.index("Overlays")] == "New, Drag"


def test_segments_tab_lists_every_segment_with_a_gesture() -> None:
    tab = _tabs()["Segments"]
    assert tab.header == ("Segment", "Customers", "Revenue", "Share", "Suggested gesture",
                          "Profit")
    assert [row[0] for row in tab.rows] == [*SEGMENT_NAMES, DRAG_TAB]
    assert sum(int(str(row[1])) for row in tab.rows) == 62
    assert abs(sum(float(str(row[3])) for row in tab.rows) - 100.0) < 0.5
    assert all(isinstance(row[4], str) and row[4] for row in tab.rows)


def test_summary_has_headlines_and_a_chart_over_the_segment_rows() -> None:
    tab = _tabs()["Summary"]
    labels = [row[0] for row in tab.rows]
    assert "Share of profit from the top 20% (%)" in labels
    assert "Value brought by referrals (GBP)" in labels
    assert all(len(row) == len(tab.header) for row in tab.rows)
    chart = tab.chart
    assert chart is not None
    segment_rows = tab.rows[chart.first_row:chart.last_row + 1]
    assert tab.rows[chart.first_row - 1][0] == "Segment"
    assert {row[0] for row in segment_rows} <= {*SEGMENT_NAMES, DRAG_TAB}
    assert all(isinstance(row[chart.value_column], float) for row in segment_rows)
    how = next(row for row in tab.rows if row[0] == "How R and F were set")
    assert how[1] == "Quintiles"


def test_summary_says_when_fixed_thresholds_were_used() -> None:
    tab = _tabs(_data(count=20))["Summary"]
    how = next(row for row in tab.rows if row[0] == "How R and F were set")
    assert how[1] == "Fixed thresholds"
    assert isinstance(how[2], str) and "fewer than 50" in how[2]
    assert "14/30/60/120 days" in how[2]


def test_an_empty_segment_tab_explains_itself() -> None:
    tab = empty_segment_tab("Can't lose")
    assert tab.name == "Can't lose"
    assert tab.header == SEGMENT_HEADER
    (row,) = tab.rows
    assert len(row) == len(tab.header)
    assert "Nobody is in 'Can't lose' today" in str(row[1])


def test_first_run_and_second_run_changes_tab() -> None:
    first = _tabs()
    assert first["Changes"].rows[0][2] == "First run: changes show from the next run on."
    best = first["Best customers"]
    previous = RawTable(tab="Best customers", rows=(best.header, *best.rows), owned=True)
    again = _tabs(previous=previous)
    assert again["Changes"].rows[0][2] == "No changes since the last run."


def test_no_attributes_means_a_helpful_find_more_message() -> None:
    tab = _tabs()["Find more like them"]
    assert tab.header == ("Reading", "Attribute", "Value", "Lift", "Best customers",
                          "Customers")
    (row,) = tab.rows
    assert "Add a Source, Town or Tags column" in str(row[0])


def test_an_empty_dataset_still_gives_every_tab() -> None:
    empty = dataset([])
    tabs = _tabs(empty)
    assert list(tabs) == ["Summary", "Best customers", "Segments", DRAG_TAB,
                          "Find more like them", "Changes"]
    assert tabs["Best customers"].rows == () and tabs["Summary"].chart is None


def _same(got: object, want: object) -> bool:
    """Equal, of the same type, with the same sign of zero; NaN matches NaN."""
    if isinstance(want, float) and isinstance(got, float) and math.isnan(want):
        return math.isnan(got)
    return type(got) is type(want) and repr(got) == repr(want)


@given(st.one_of(st.floats(), st.integers(-10**12, 10**12),
                 st.integers(-10**9, 10**9).map(lambda cents: cents / 100),
                 st.integers(-10**6, 10**6).map(lambda tenths: tenths / 10)))
@example(math.nan)
@example(-math.inf)
@example(1e308)
@example(-0.0)
@example(2.675)  # stored as 2.67499999...: rounds down
@example(12345678901234.56)
def test_quick_rounding_gives_exactly_what_round_gives(value: float) -> None:
    assert _same(_cents(value), round(float(value), 2))
    assert _same(_tenths(value), round(value, 1))


def test_segment_rows_are_the_best_customers_cells_under_the_same_headers() -> None:
    data = _data()
    scoring = score_customers(data, TODAY, Settings())
    tabs = {t.name: t for t in scoring_tabs(scoring, data, Settings(), TODAY, None)}
    best = {row[0]: dict(zip(BEST_HEADER, row, strict=True)) for row in tabs["Best customers"].rows}
    shown = [name for name in SEGMENT_NAMES if name in tabs]
    assert shown
    for name in shown:
        rows = tabs[name].rows
        assert [row[0] for row in rows] == sorted(row[0] for row in rows)
        for row in rows:
            assert row == tuple(best[row[0]][header] for header in SEGMENT_HEADER)
        members = [sc for sc in reversed(scoring.customers) if sc.segment == name
                   and not sc.is_drag]
        assert segment_tab(name, members).rows == rows
