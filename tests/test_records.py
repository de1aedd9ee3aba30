"""The fast record makers build records that are the same in every respect as the
constructors' (and dataclasses.replace's)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
from typing import Any

import pytest

from toolkit.model import Customer, Order
from toolkit.records import maker, replacer
from toolkit.scored import CustomerStats, ScoredCustomer

D = dt.date(2024, 5, 1)
STATS = CustomerStats(
    key="a@x.test", orders=3, revenue=120.5, refunds=0.0, profit=60.25, cost_to_serve=-0.0,
    first_purchase=D, last_purchase=D, days_since=4, usual_gap=None, tenure_days=30,
    overdue_ratio=None, repeat_days=2, recency_age=20, last_product="Bar",
    favourite_product="Truffles", referrals=("b@x.test",), referrals_bought=1,
    referral_profit=12.0, order_dates=(D,), gross_margin=61.0, discounts=0.75,
    support_cost=0.0, first_product="Bar", referred_by_key="", from_totals=False)
CUSTOMER = Customer(key="a@x.test", name="Ann", email="a@x.test", complaints=2,
                    support_hours=1.5, total_spent=None, first_purchase=D, row=7)
ORDER = Order("a@x.test", D, 12.5, "O1", "Bar", None, 0.0, "Orders", 2)
SCORED = ScoredCustomer(CUSTOMER, STATS, 1, 5, 4, 3, 81.2, "Champion", ("New",), "why")


def _values(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name) for f in dataclasses.fields(record))


@pytest.mark.parametrize("record", [STATS, CUSTOMER, ORDER, SCORED])
def test_a_made_record_is_the_constructed_one(record: Any) -> None:
    made = maker(type(record))(*_values(record))
    assert type(made) is type(record)
    assert made == record and hash(made) == hash(record) and repr(made) == repr(record)
    assert pickle.loads(pickle.dumps(made)) == record
    if not hasattr(record, "__slots__"):
        assert vars(made) == vars(record)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(made)[0].name, "changed")


def test_a_maker_needs_every_field() -> None:
    with pytest.raises(TypeError, match="missing 1 required positional argument"):
        maker(CustomerStats)(*_values(STATS)[:-1])
    with pytest.raises(TypeError, match="takes 9 positional arguments but 10"):
        maker(Order)(*_values(ORDER), "one too many")


@pytest.mark.parametrize(("record", "changes"), [
    (CUSTOMER, {"key": "k", "total_spent": 10.0, "refunds": 0.5}),
    (STATS, {"referrals": ("x",), "referral_profit": 3.5}),
    (ORDER, {"date": dt.date(2023, 1, 2)}),
])
def test_replacer_is_dataclasses_replace(record: Any, changes: dict[str, Any]) -> None:
    replaced = replacer(type(record))(record, **changes)
    expected = dataclasses.replace(record, **changes)
    assert replaced == expected and repr(replaced) == repr(expected)
    assert replaced != record


def test_classes_that_need_their_init_keep_it() -> None:
    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert maker(Checked) is Checked
    with pytest.raises(ValueError, match="negative"):
        maker(Checked)(-1)


def test_a_class_whose_field_names_would_clash_is_made_by_its_constructor() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        make: int
        total_: int = 0

    assert maker(Odd) is Odd


def test_a_class_with_slots_from_a_base_is_made_by_its_constructor() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Base):
        b: str

    assert maker(Child) is Child
    assert maker(Base)(1) == Base(1) and type(maker(Base)(1)) is Base
