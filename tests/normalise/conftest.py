"""Every normalise test runs twice: orders tabs read a row at a time, and (for tabs of a
fields-in-one-column shape) a column at a time, which must give the very same results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from toolkit.normalise import order_columns


@pytest.fixture(scope="package", autouse=True, params=["row by row", "by columns"])
def order_reading(request: pytest.FixtureRequest) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(order_columns, "COLUMNS_FROM", 1 if request.param == "by columns"
                      else 10**9)
        yield str(request.param)
