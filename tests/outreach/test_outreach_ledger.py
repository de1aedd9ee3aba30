"""The Drafts tab read back: statuses, edits, dates, odd rows and the owner's own columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from outreach_factory import DAY1, as_read, dataset, edit_cell, ledger_rows, row_of, scored, scoring

from toolkit.ledger import (
    COLUMNS,
    EXPIRED,
    PENDING,
    SENT,
    SKIP,
    UNKNOWN,
    key_from_id,
    last_contacted,
    read_ledger,
    read_status,
    text_check,
)
from toolkit.model import RawTable
from toolkit.outreach import NO_TEMPLATE, plan_outreach
from toolkit.scored import ScoredCustomer
from toolkit.settings import Settings
from toolkit.tabs_outreach import MAX_LINK, mailto_for
from toolkit.template_files import load_templates

D = dt.timedelta
NEW_ALICE = scored("alice@x.com", "Alice", orders=1, first=DAY1 - D(days=1), last=DAY1 - D(days=1))
ALICE_ID = f"thank_first:alice@x.com:{(DAY1 - D(days=1)).isoformat()}"


@pytest.mark.parametrize("typed,status", [
    ("sent", SENT), ("Sent", SENT), (" SENT. ", SENT), ("done", SENT), ("Called", SENT),
    ("sent ✓", SENT), ("skip", SKIP), ("Skipped", SKIP), ("don’t send", SKIP), ("no", SKIP),
    ("expired", EXPIRED), ("", PENDING), ("   ", PENDING), ("maybe", UNKNOWN),
    ("send", UNKNOWN), ("sent?", UNKNOWN),
])
def test_status_words(typed: str, status: str) -> None:
    assert read_status(typed) == status


def test_empty_or_missing_tab_is_an_empty_ledger() -> None:
    assert read_ledger(None, DAY1).entries == ()
    assert read_ledger(RawTable("Drafts", ((None, None), ())), DAY1).entries == ()


def test_status_date_is_the_day_first_seen_and_then_kept() -> None:
    table = ledger_rows({"Draft id": "check_in:a@x.com:2026-01-01", "Status": "sent"},
                        {"Draft id": "check_in:b@x.com:2026-01-01", "Status": "skip",
                         "Status seen": dt.datetime(2026, 2, 1, 9, 30)},
                        {"Draft id": "check_in:c@x.com:2026-01-01", "Status": "sent",
                         "Status seen": "2026-02-10"})
    ledger = read_ledger(table, DAY1)
    assert [e.status_seen for e in ledger.entries] == [DAY1, dt.date(2026, 2, 1),
                                                        dt.date(2026, 2, 10)]
    assert last_contacted(ledger) == {"a@x.com": DAY1, "c@x.com": dt.date(2026, 2, 10)}
    assert ledger.last_touch("b@x.com") == dt.date(2026, 2, 1)


def test_edits_are_detected_but_not_line_end_changes() -> None:
    check = text_check("a@x.com", "Hi", "Line one\nLine two")
    base = {"Draft id": "check_in:a@x.com:2026-01-01", "To": "a@x.com", "Subject": "Hi",
            "Body": "Line one\nLine two", "Text check": check}
    cases = [({}, False), ({"Body": "Line one\r\nLine two  \n"}, False),
             ({"Body": "Line one\nLine 2"}, True), ({"Subject": "Hello"}, True),
             ({"To": "other@x.com"}, True), ({"Text check": None}, True)]
    for change, edited in cases:
        (entry,) = read_ledger(ledger_rows({**base, **change}), DAY1).entries
        assert entry.edited is edited, change


def test_header_below_a_title_moved_columns_and_owner_columns() -> None:
    header = ("Status", "My notes", "Draft id", "Subject", "Body", "Customer key")
    table = RawTable("Drafts", (("Drafts to review",), (), header,
                                ("sent", "called her too", "check_in:Jo:2026-01-01", "S", "B",
                                 "")))
    ledger = read_ledger(table, DAY1)
    (entry,) = ledger.entries
    assert entry.status == SENT and entry.customer_key == "Jo" and entry.row == 4
    assert ledger.extra_columns == ("My notes",) and entry.extra == {"My notes": "called her too"}


def test_key_from_id_allows_colons_in_keys() -> None:
    assert key_from_id("check_in:a:b@x.com:2026-01-01") == "a:b@x.com"
    assert key_from_id("review_fit:x") == "x"


def _morning(previous: RawTable | None, *customers: ScoredCustomer, today: dt.date = DAY1,
             templates_dir: Path | None = None):  # type: ignore[no-untyped-def]
    people = customers or (NEW_ALICE,)
    return plan_outreach(scoring(*people), dataset(people), previous, Settings(), today,
                         load_templates(templates_dir))


def test_unknown_status_is_a_problem_and_the_row_stays_exactly_as_typed() -> None:
    day1 = _morning(None)
    sheet = edit_cell(as_read(day1.tabs[1]), ALICE_ID, "Status", "maybe tomorrow")
    day2 = _morning(sheet, today=DAY1 + D(days=1))
    (problem,) = day2.problems
    assert problem.tab == "Drafts" and problem.row == 2 and problem.column == "Status"
    assert problem.value == "maybe tomorrow"
    row = row_of(day2.tabs[1], ALICE_ID)
    assert row["Status"] == "maybe tomorrow" and row["Last refreshed"] == DAY1.isoformat()
    (follow_up,) = day2.followups
    assert "not understood" in follow_up.why_now
    # Still there (not expired) when the occasion has passed.
    later = _morning(as_read(day2.tabs[1]), today=DAY1 + D(days=30))
    assert row_of(later.tabs[1], ALICE_ID)["Status"] == "maybe tomorrow"


def test_rows_without_an_id_and_owner_columns_survive_the_rewrite() -> None:
    day1 = _morning(None)
    read = as_read(day1.tabs[1])
    header = (*read.rows[0], "My column")
    rows = [(*r, "mine") for r in read.rows[1:]]
    rows.append((None, "A note to self", None, None, None, None, None, "call Jo", None))
    rows.append(rows[0])  # a copied row: same draft id
    day2 = _morning(RawTable("Drafts", (header, *rows)), today=DAY1 + D(days=1))
    tab = day2.tabs[1]
    assert tab.header == (*COLUMNS, "My column")
    assert row_of(tab, ALICE_ID)["My column"] == "mine"
    assert any(r[1] == "A note to self" and r[7] == "call Jo" for r in tab.rows)
    assert sum(1 for r in tab.rows if r[0] == ALICE_ID) == 2
    assert {p.row for p in day2.problems} == {3, 4}


def test_a_drafts_tab_without_its_header_keeps_every_row() -> None:
    table = RawTable("Drafts", (("x", "Bob", "bob@x.com", "Thank", "S", "B", "sent", ""),))
    day = _morning(table)
    assert "Draft id" in day.problems[0].problem
    assert day.tabs[1].rows[-1][:3] == ("x", "Bob", "bob@x.com")


def test_customer_now_do_not_contact_expires_even_an_edited_draft_keeping_its_words() -> None:
    day1 = _morning(None)
    sheet = edit_cell(as_read(day1.tabs[1]), ALICE_ID, "Body", "My own words")
    dnc = scored("alice@x.com", "Alice", orders=1, first=DAY1 - D(days=1),
                 last=DAY1 - D(days=1), do_not_contact=True)
    day2 = _morning(sheet, dnc, today=DAY1 + D(days=1))
    row = row_of(day2.tabs[1], ALICE_ID)
    assert row["Status"] == "expired" and row["Body"] == "My own words"
    assert "do-not-contact" in str(row["Why now"]) and day2.followups == () and day2.outbox == ()


def test_a_broken_owner_template_skips_only_its_reason(tmp_path: Path) -> None:
    (tmp_path / "thank_first.txt").write_text("Subject: Hi\n{{ oops }}\n", "utf-8")
    complaint = scored("bob@x.com", "Bob", open_complaint=True)
    day = _morning(None, NEW_ALICE, complaint, templates_dir=tmp_path)
    assert [d.draft_id for d in day.drafts] == ["listen_complaint:bob@x.com:complaint-1"]
    alice = next(f for f in day.followups if f.customer_key == "alice@x.com")
    assert alice.draft_id == "" and alice.why_now.endswith(NO_TEMPLATE)
    (problem,) = day.problems
    assert str(tmp_path / "thank_first.txt") in problem.problem and problem.row == 2


def test_long_drafts_get_a_link_without_the_body() -> None:
    short = mailto_for("a@x.com", "Hi", "Body")
    assert "body=Body" in short
    long = mailto_for("a@x.com", "Hi", "word " * 1000)
    assert len(long) <= MAX_LINK and "body=" in long and long.endswith("body=")
    assert mailto_for("", "Hi", "Body") == ""
