"""Few and personal: the cap, one per customer, cool-down, occasions once, no email."""

from __future__ import annotations

import datetime as dt

from outreach_factory import DAY1, dataset, ledger_rows, scored, scoring

from toolkit.followups import BAD_EMAIL, CALL, NEW, NO_EMAIL, FollowUp, plan_followups
from toolkit.ledger import Ledger, read_ledger
from toolkit.model import RawTable
from toolkit.scored import ScoredCustomer
from toolkit.settings import Settings

D = dt.timedelta


def plan(*customers: ScoredCustomer, previous: RawTable | None = None,
         **settings: object) -> tuple[FollowUp, ...]:
    ledger = read_ledger(previous, DAY1) if previous is not None else Ledger()
    return plan_followups(scoring(*customers), dataset(customers), ledger,
                          Settings(**settings), DAY1)  # type: ignore[arg-type]


def new_customer(key: str, score: float = 50.0, **fields: object) -> ScoredCustomer:
    return scored(key, orders=1, first=DAY1 - D(days=2), last=DAY1 - D(days=2), score=score,
                  **fields)  # type: ignore[arg-type]


def test_daily_cap_keeps_the_highest_value() -> None:
    customers = [new_customer(f"c{i}@x.com", score=10.0 * i, rank=10 - i) for i in range(6)]
    got = plan(*customers, daily_cap=3)
    assert [f.customer_key for f in got] == ["c5@x.com", "c4@x.com", "c3@x.com"]
    assert [f.priority for f in got] == [1, 2, 3]
    assert plan(*customers, daily_cap=0) == ()


def test_no_email_lines_count_towards_the_cap_and_get_no_draft() -> None:
    got = plan(new_customer("gus", score=90, email="", phone="01632 960001"),
               new_customer("bad", score=80, email="bob@"), new_customer("a@x.com", score=10),
               daily_cap=2)
    assert [(f.customer_key, f.kind, f.draft_id) for f in got] == [
        ("gus", CALL, ""), ("bad", CALL, "")]
    assert got[0].reach == f"{NO_EMAIL} (phone 01632 960001)"
    assert got[1].reach == BAD_EMAIL


def test_review_fit_lines_come_last_and_outside_the_cap() -> None:
    got = plan(scored("drag@x.com", drag=True, score=99), new_customer("a@x.com"), daily_cap=1)
    assert [(f.customer_key, f.reason) for f in got] == [
        ("a@x.com", "thank_first"), ("drag@x.com", "review_fit")]
    assert got[1].draft_id == "" and got[1].reach == ""


def test_one_draft_per_customer_the_most_pressing() -> None:
    (only,) = plan(new_customer("a@x.com", open_complaint=True, segment="Champion"))
    assert only.reason == "listen_complaint" and only.kind == NEW


def test_each_occasion_is_drafted_once_whatever_its_status() -> None:
    customer = new_customer("a@x.com")
    draft_id = f"thank_first:a@x.com:{(DAY1 - D(days=2)).isoformat()}"
    for status, seen in (("sent", "2025-01-01"), ("skip", "2025-01-01"),
                         ("expired", "2026-02-28")):
        previous = ledger_rows({"Draft id": draft_id, "Status": status, "Status seen": seen})
        assert plan(customer, previous=previous) == (), status


def test_cool_down_across_all_reasons() -> None:
    customer = new_customer("a@x.com")
    for days_ago, expected in ((0, 0), (13, 0), (14, 1)):
        seen = (DAY1 - D(days=days_ago)).isoformat()
        for status in ("sent", "skip"):
            previous = ledger_rows({"Draft id": "check_in:a@x.com:2025-05-01", "Status": status,
                                    "Status seen": seen})
            assert len(plan(customer, previous=previous)) == expected, (days_ago, status)
    previous = ledger_rows({"Draft id": "check_in:a@x.com:2025-05-01", "Status": "sent",
                            "Status seen": (DAY1 - D(days=20)).isoformat()})
    assert len(plan(customer, previous=previous, cool_down_days=30)) == 0


def test_an_open_draft_blocks_a_new_one_for_the_same_customer() -> None:
    customer = new_customer("a@x.com", open_complaint=True)
    previous = ledger_rows({"Draft id": "check_in:a@x.com:2025-05-01", "Subject": "Hi",
                            "Body": "Hello", "Text check": "not the same"})  # edited, open
    (kept,) = plan(customer, previous=previous)
    assert kept.draft_id == "check_in:a@x.com:2025-05-01" and kept.kind == "edited"


def test_do_not_contact_never_appears() -> None:
    assert plan(new_customer("a@x.com", do_not_contact=True, open_complaint=True),
                scored("d@x.com", drag=True, do_not_contact=True)) == ()
