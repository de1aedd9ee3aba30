"""The Follow-ups and Drafts tabs (pure layout of what `toolkit.outreach` decided).

Follow-ups: Priority, Customer, Email, Reason, Why now, Draft id.
Drafts: Draft id, Customer, To, Reason, Subject, Body, Status, Notes, then the toolkit's
bookkeeping (Why now, Created, Last refreshed, Status seen, Customer key, Text check), then
any columns the owner added, kept as they were. Open drafts carry a mailto link on their
To cell; Follow-ups rows with a draft carry the same link on their Email cell.
Bookkeeping dates are ISO text so they read back alike from Excel and Google Sheets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from toolkit.eml import clean_address, mailto_url
from toolkit.followups import FollowUp
from toolkit.ledger import COLUMNS, DRAFTS_TAB, Ledger, iso, last_contacted
from toolkit.model import CellLink, Row, Tab
from toolkit.reasons import LABELS

if TYPE_CHECKING:
    from toolkit.outreach import Draft

__all__ = ["DRAFTS_TAB", "FOLLOWUPS_HEADER", "FOLLOWUPS_TAB", "drafts_tab", "followups_tab",
           "last_contacted", "outreach_tabs"]

FOLLOWUPS_TAB = "Follow-ups"
FOLLOWUPS_HEADER = ("Priority", "Customer", "Email", "Reason", "Why now", "Draft id")
MAX_LINK = 2000  # longer links break in Excel: the link then carries no body (copy it)
_FOLLOWUP_WIDTHS = (9.0, 26.0, 36.0, 30.0, 70.0, 44.0)
_DRAFT_WIDTHS = (44.0, 24.0, 30.0, 28.0, 40.0, 80.0, 10.0, 30.0, 50.0, 12.0, 14.0, 12.0,
                 30.0, 14.0)
TO_COLUMN = 2


def mailto_for(to: str, subject: str, body: str) -> str:
    """The mailto link for a draft, or "" without a usable address."""
    if not clean_address(to):
        return ""
    url = mailto_url(to, subject, body)
    return url if len(url) <= MAX_LINK else mailto_url(to, subject, "")


def followups_tab(followups: tuple[FollowUp, ...], drafts: Mapping[str, Draft]) -> Tab:
    rows: list[Row] = []
    links: list[CellLink] = []
    for index, f in enumerate(followups):
        rows.append((f.priority, f.customer, f.reach, LABELS.get(f.reason, f.reason),
                     f.why_now, f.draft_id))
        draft = drafts.get(f.draft_id)
        url = mailto_for(draft.to, draft.subject, draft.body) if draft else ""
        if url:
            links.append(CellLink(row=index, column=2, url=url))
    return Tab(name=FOLLOWUPS_TAB, header=FOLLOWUPS_HEADER, rows=tuple(rows),
               widths=_FOLLOWUP_WIDTHS, wrap_columns=(4,), links=tuple(links))


def drafts_tab(drafts: tuple[Draft, ...], ledger: Ledger) -> Tab:
    extra = ledger.extra_columns
    rows: list[Row] = []
    links: list[CellLink] = []
    for index, d in enumerate(drafts):
        rows.append((
            d.draft_id, d.customer, d.to, LABELS.get(d.reason, d.reason), d.subject, d.body,
            d.status, d.notes, d.why_now, iso(d.created), iso(d.refreshed), iso(d.status_seen),
            d.customer_key, d.text_check, *(d.extra.get(name) for name in extra)))
        url = mailto_for(d.to, d.subject, d.body) if d.is_open else ""
        if url:
            links.append(CellLink(row=index, column=TO_COLUMN, url=url))
    for kept in ledger.kept_rows:  # rows the toolkit could not read: carried over verbatim
        rows.append(tuple(kept.get(name) for name in COLUMNS + extra))
    header = COLUMNS + extra
    return Tab(name=DRAFTS_TAB, header=header, rows=tuple(_literal(row) for row in rows),
               widths=_DRAFT_WIDTHS + (20.0,) * len(extra), wrap_columns=(5, 8),
               links=tuple(links))


def _literal(row: Row) -> Row:
    """Empty cells as None so spreadsheets show them blank (text stays literal text)."""
    return tuple(None if value == "" else value for value in row)


def outreach_tabs(followups: tuple[FollowUp, ...], drafts: tuple[Draft, ...],
                  ledger: Ledger) -> tuple[Tab, Tab]:
    """(Follow-ups, Drafts)."""
    open_drafts = {d.draft_id: d for d in drafts if d.is_open}
    return followups_tab(followups, open_drafts), drafts_tab(drafts, ledger)
