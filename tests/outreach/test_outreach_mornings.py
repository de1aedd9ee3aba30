"""Three mornings of the review loop, with `today` injected and the Drafts tab read back
as the spreadsheet would return it after the owner's edits."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes
from email.policy import default

from outreach_factory import as_read, dataset, edit_cell, orders_on, row_of, scored, scoring

from toolkit.drafts import Templates
from toolkit.ledger import COLUMNS, HEADER
from toolkit.model import RawTable
from toolkit.outreach import Outreach, plan_outreach
from toolkit.settings import Settings
from toolkit.tabs_outreach import FOLLOWUPS_HEADER
from toolkit.template_files import load_templates

DAY1 = dt.date(2026, 3, 2)
DAY2 = dt.date(2026, 3, 3)
DAY3 = dt.date(2026, 3, 20)
TEMPLATES: Templates = load_templates(None)
SETTINGS = Settings(business_name="Bean & Leaf", owner_name="Sam", daily_cap=6)
JO_ORDERS = [dt.date(2025, 6, 1) + dt.timedelta(days=27 * i) for i in range(9)] + [
    dt.date(2026, 2, 28)]

ALICE = "thank_first:alice@example.com:2026-02-27"
BOB = "listen_complaint:bob@example.com:complaint-1"
CAROL = "check_in:carol@example.com:2026-02-05"
DAVE = "thank_referrer:dave@example.com:erin@example.com"
ERIN = "thank_first:erin@example.com:2026-02-26"
JO = "milestone:jo@example.com:order-10"


def morning(today: dt.date, settings: Settings, previous: RawTable | None, *,
            bob_complaints: int = 1, carol_last: dt.date = dt.date(2026, 2, 5)) -> Outreach:
    customers = (
        scored("alice@example.com", "Alice Archer", today=today, orders=1, score=40, rank=6,
               segment="New", first=dt.date(2026, 2, 27), last=dt.date(2026, 2, 27)),
        scored("bob@example.com", "Bob Brown", today=today, score=60, rank=5,
               open_complaint=True, complaints=bob_complaints, complaint_note="Late delivery"),
        scored("carol@example.com", "Carol Chu", today=today, score=75, rank=3, gap=10.0,
               orders=8, last=carol_last, favourite_product="Earl Grey"),
        scored("dave@example.com", "Dave Dunn", today=today, score=90, rank=1, orders=30,
               segment="Champion", referrals=("erin@example.com",)),
        scored("erin@example.com", "Erin Evans", today=today, orders=1, score=30, rank=8,
               segment="New", first=dt.date(2026, 2, 26), last=dt.date(2026, 2, 26)),
        scored("fay@example.com", "Fay Fox", today=today, score=70, rank=4, orders=12,
               segment="Loyal"),
        scored("gus-id", "Gus Green", email="", phone="07700 900123", today=today, orders=1,
               score=20, rank=9, first=dt.date(2026, 2, 28), last=dt.date(2026, 2, 28)),
        scored("hal@example.com", "Hal Hope", today=today, score=65, rank=7,
               do_not_contact=True, open_complaint=True),
        scored("ivy@example.com", "Ivy Ives", today=today, score=5, rank=10, drag=True),
        scored("jo@example.com", "Jo Jones", today=today, score=80, rank=2, orders=10,
               first=JO_ORDERS[0], last=JO_ORDERS[-1]),
    )
    data = dataset(customers, orders_on("jo@example.com", JO_ORDERS))
    return plan_outreach(scoring(*customers), data, previous, settings, today, TEMPLATES)


def _ids(outreach: Outreach, state: str | None = None) -> set[str]:
    return {d.draft_id for d in outreach.drafts if state is None or d.state == state}


def test_three_mornings() -> None:
    # ---- Day 1: drafts appear, highest value first, capped, one per customer.
    day1 = morning(DAY1, SETTINGS, None)
    followups, drafts = day1.tabs
    assert drafts.header[:8] == HEADER and drafts.header == COLUMNS
    assert followups.header == FOLLOWUPS_HEADER
    assert [r[1] for r in followups.rows] == [
        "Bob Brown", "Dave Dunn", "Alice Archer", "Erin Evans", "Gus Green", "Carol Chu",
        "Ivy Ives"]
    assert [r[0] for r in followups.rows] == [1, 2, 3, 4, 5, 6, 7]
    assert _ids(day1, "new") == {ALICE, BOB, CAROL, DAVE, ERIN}
    gus = followups.rows[4]
    assert gus[2] == "no email on file: call or see them (phone 07700 900123)" and gus[5] == ""
    assert followups.rows[6][3] == "Review the fit (no email)" and followups.rows[6][5] == ""
    assert not any("Hal" in str(cell) for row in followups.rows + drafts.rows for cell in row)
    assert "Fay Fox" not in {r[1] for r in followups.rows}  # over the cap of 6
    assert {link.row for link in drafts.links} == set(range(5))
    assert {link.row for link in followups.links} == {0, 1, 2, 3, 5}
    assert len(day1.outbox) == 5 and day1.problems == ()
    eml = message_from_bytes(day1.outbox[0].content, policy=default)
    assert eml["X-Unsent"] == "1" and eml["To"].addresses[0].addr_spec == "bob@example.com"
    dave = row_of(drafts, DAVE)
    assert "Erin" in str(dave["Subject"]) and "Evans" not in str(dave["Body"])

    # ---- The owner: Bob sent, Alice skipped, Carol's draft edited.
    sheet = edit_cell(as_read(drafts), BOB, "Status", "Sent ")
    sheet = edit_cell(sheet, ALICE, "Status", "skipped")
    carol_body = str(row_of(drafts, CAROL)["Body"]).replace("Hi Carol,", "Carol, my dear,")
    sheet = edit_cell(sheet, CAROL, "Body", carol_body)
    sheet = edit_cell(sheet, CAROL, "Notes", "she moved house")

    # ---- Day 2: keeps the edit, regenerates neither, cool-downs and the cap hold.
    day2 = morning(DAY2, Settings(business_name="Bean & Leaf", owner_name="Sam", daily_cap=2),
                   sheet, bob_complaints=2)
    followups, drafts = day2.tabs
    assert row_of(drafts, BOB)["Status"] == "Sent "
    assert row_of(drafts, BOB)["Status seen"] == DAY2.isoformat()
    assert row_of(drafts, ALICE)["Status"] == "skipped"
    assert _ids(day2, "history") == {ALICE, BOB}
    assert row_of(drafts, CAROL)["Body"] == carol_body
    assert row_of(drafts, CAROL)["Notes"] == "she moved house"
    assert _ids(day2, "edited") == {CAROL}
    assert _ids(day2, "refreshed") == {DAVE, ERIN}
    assert row_of(drafts, DAVE)["Created"] == DAY1.isoformat()
    assert row_of(drafts, DAVE)["Last refreshed"] == DAY2.isoformat()
    # Bob's new complaint is in his cool-down; Alice (skipped) too: no new draft for either.
    assert not any(i.startswith(("listen_complaint:bob", "thank_first:alice")) and i != BOB
                   and i != ALICE for i in _ids(day2))
    # The cap of 2 new: Gus (call) and Jo's milestone; Fay waits.
    assert _ids(day2, "new") == {JO}
    names = [r[1] for r in followups.rows]
    assert "Gus Green" in names and "Fay Fox" not in names
    assert "Bob Brown" not in names and "Alice Archer" not in names
    assert len(drafts.rows) == 6
    assert {f.draft_id for f in day2.followups if f.draft_id} == {CAROL, DAVE, ERIN, JO}
    assert day2.last_contacted == {"bob@example.com": DAY2}

    # ---- Day 3: what is no longer due expires, kept; the edit stays; cool-down is over.
    day3 = morning(DAY3, SETTINGS, as_read(drafts), bob_complaints=2,
                   carol_last=dt.date(2026, 3, 10))
    followups, drafts = day3.tabs
    assert _ids(day3, "expired") == {DAVE, ERIN, JO}
    for draft_id in (DAVE, ERIN, JO):
        row = row_of(drafts, draft_id)
        assert row["Status"] == "expired" and row["Status seen"] == DAY3.isoformat()
        assert str(row["Why now"]).startswith("Expired 2026-03-20")
    assert row_of(drafts, CAROL)["Body"] == carol_body and row_of(drafts, CAROL)["Status"] is None
    assert "no longer due" in str(row_of(drafts, CAROL)["Why now"])
    assert "listen_complaint:bob@example.com:complaint-2" in _ids(day3, "new")
    assert _ids(day3, "history") == {ALICE, BOB}
    assert len(drafts.rows) == len(set(r[0] for r in drafts.rows))
    # Day 3 run again on its own output gives the same tabs (drafts created today are
    # now "refreshed", but every cell is identical).
    again = morning(DAY3, SETTINGS, as_read(drafts), bob_complaints=2,
                    carol_last=dt.date(2026, 3, 10))
    assert again.tabs == day3.tabs
