"""The morning's outreach in one call: ledger -> follow-ups -> drafts -> tabs (pure).

The review loop in the Drafts tab, run after run:
- sent and skipped drafts are kept as they are and become contact history;
- an edited draft (To, Subject or Body changed by the owner) is never overwritten;
- an untouched draft still due is refreshed (today's numbers, Last refreshed = today);
- a pending draft no longer due is marked "expired" (kept, never deleted; an edited one
  keeps its words);
- new drafts come from today's follow-ups (see `toolkit.followups` for the rules).
Every open draft with an address also gets an .eml file (`Outreach.outbox`) and a mailto
link on its To cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from toolkit.drafts import DraftRenderer, Templates, draft_variables
from toolkit.eml import build_eml, clean_address, eml_filename
from toolkit.followups import (
    CALL,
    CARRIED,
    EDITED,
    NEW,
    FollowUp,
    in_cool_down,
    plan_followups,
)
from toolkit.ledger import (
    EXPIRED,
    PENDING,
    SENT,
    SKIP,
    Ledger,
    LedgerEntry,
    last_contacted,
    read_ledger,
    text_check,
)
from toolkit.model import CellValue, Dataset, Problem, RawTable, Tab
from toolkit.scored import ScoredCustomer, Scoring
from toolkit.settings import Settings
from toolkit.tabs_outreach import outreach_tabs

# Draft.state
STATE_NEW = "new"  # created today
STATE_REFRESHED = "refreshed"  # untouched and still due: rewritten with today's data
STATE_EDITED = "edited"  # the owner's words, kept as they are
STATE_WAITING = "waiting"  # a Status the toolkit does not know: kept as it is
STATE_EXPIRED = "expired"  # marked expired this morning
STATE_HISTORY = "history"  # sent, skipped or expired on an earlier morning
OPEN_STATES = (STATE_NEW, STATE_REFRESHED, STATE_EDITED, STATE_WAITING)
NO_TEMPLATE = " (no draft: its template has a problem, see Data problems)"


@dataclass(frozen=True)
class Draft:
    """One row of the Drafts tab, with everything an .eml needs."""

    draft_id: str
    customer_key: str
    customer: str
    to: str
    reason: str
    subject: str
    body: str
    status: str  # the Status cell: "" while open, the owner's word, or "expired"
    notes: str
    why_now: str
    created: dt.date | None
    refreshed: dt.date | None
    status_seen: dt.date | None
    text_check: str
    state: str
    extra: Mapping[str, CellValue] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class OutboxFile:
    filename: str  # from eml_filename(draft_id): safe, unique per draft
    content: bytes


@dataclass(frozen=True)
class Outreach:
    followups: tuple[FollowUp, ...]
    drafts: tuple[Draft, ...]  # every row of the new Drafts tab, open drafts first
    tabs: tuple[Tab, Tab]  # Follow-ups, Drafts
    problems: tuple[Problem, ...]  # Drafts tab statuses and template problems
    ledger: Ledger
    outbox: tuple[OutboxFile, ...]  # one .eml per open draft with an address

    @property
    def last_contacted(self) -> dict[str, dt.date]:
        """Customer key -> last day a draft to them was marked sent (Best customers)."""
        return last_contacted(self.ledger)

    @property
    def new_drafts(self) -> int:
        return sum(1 for d in self.drafts if d.state == STATE_NEW)


def plan_outreach(
    scoring: Scoring,
    dataset: Dataset,
    previous_drafts: RawTable | None,
    settings: Settings,
    today: dt.date,
    templates: Templates,
) -> Outreach:
    """Today's follow-ups, the Drafts tab after the review loop, .eml files and problems."""
    ledger = read_ledger(previous_drafts, today)
    by_key = scoring.by_key()
    planned = plan_followups(scoring, dataset, ledger, settings, today, by_key=by_key)
    renderer = DraftRenderer(templates)
    followups: list[FollowUp] = []
    open_drafts: list[Draft] = []
    for follow_up in planned:
        sc = by_key.get(follow_up.customer_key)
        entry = ledger.entry(follow_up.draft_id) if follow_up.draft_id else None
        draft = _draft_for(follow_up, entry, sc, renderer, settings, today)
        if follow_up.kind == NEW and draft is None:
            follow_up = replace(follow_up, draft_id="", why_now=follow_up.why_now + NO_TEMPLATE)
        followups.append(follow_up)
        if draft is not None:
            open_drafts.append(draft)
    listed = {d.draft_id for d in open_drafts}
    closed = [_closed(entry, by_key.get(entry.customer_key), ledger, settings, today)
              for entry in ledger.entries if entry.draft_id not in listed]
    closed.sort(key=lambda d: (d.state != STATE_WAITING, -_ordinal(d.status_seen),
                               -_ordinal(d.created), d.draft_id))
    drafts = tuple(open_drafts + closed)
    sender = settings.owner_name.strip() or settings.business_name.strip()
    outbox = tuple(
        OutboxFile(eml_filename(d.draft_id),
                   build_eml("" if d.customer == d.customer_key else d.customer, d.to,
                             d.subject, d.body, sender))
        for d in drafts if d.is_open and clean_address(d.to))
    tabs = outreach_tabs(tuple(followups), drafts, ledger)
    problems = ledger.problems + renderer.problems
    return Outreach(tuple(followups), drafts, tabs, problems, ledger, outbox)


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def _draft_for(follow_up: FollowUp, entry: LedgerEntry | None, sc: ScoredCustomer | None,
               renderer: DraftRenderer, settings: Settings, today: dt.date) -> Draft | None:
    """Today's draft for one follow-up: new, refreshed, or the kept row (None: no draft)."""
    if follow_up.kind == CALL or not follow_up.draft_id:
        return None
    if entry is not None and follow_up.kind != CARRIED:
        state = STATE_EDITED if follow_up.kind == EDITED else STATE_WAITING
        return _from_entry(entry, state, follow_up.why_now)
    occasion = follow_up.occasion
    rendered = None
    if sc is not None and occasion is not None:
        variables = draft_variables(sc, settings, friend_name=occasion.friend_name,
                                    order_number=occasion.order_number, years=occasion.years)
        rendered = renderer.render(occasion.reason, variables)
    if entry is not None:  # carried over: refresh it, or keep yesterday's text if we cannot
        if rendered is None:
            return _from_entry(entry, STATE_REFRESHED, follow_up.why_now)
        return replace(_from_entry(entry, STATE_REFRESHED, follow_up.why_now),
                       customer=follow_up.customer, to=follow_up.email,
                       subject=rendered.subject, body=rendered.body, refreshed=today,
                       text_check=text_check(follow_up.email, rendered.subject, rendered.body))
    if rendered is None:
        return None
    return Draft(
        draft_id=follow_up.draft_id, customer_key=follow_up.customer_key,
        customer=follow_up.customer, to=follow_up.email, reason=follow_up.reason,
        subject=rendered.subject, body=rendered.body, status=PENDING, notes="",
        why_now=follow_up.why_now, created=today, refreshed=today, status_seen=None,
        text_check=text_check(follow_up.email, rendered.subject, rendered.body),
        state=STATE_NEW)


def _from_entry(entry: LedgerEntry, state: str, why_now: str) -> Draft:
    return Draft(
        draft_id=entry.draft_id, customer_key=entry.customer_key, customer=entry.customer,
        to=entry.to, reason=entry.reason, subject=entry.subject, body=entry.body,
        status=entry.status_text, notes=entry.notes, why_now=why_now, created=entry.created,
        refreshed=entry.refreshed, status_seen=entry.status_seen, text_check=entry.text_check,
        state=state, extra=entry.extra)


def _closed(entry: LedgerEntry, sc: ScoredCustomer | None, ledger: Ledger, settings: Settings,
            today: dt.date) -> Draft:
    """A ledger row not on today's list: history kept as is, or a pending draft expiring."""
    if entry.status in (SENT, SKIP, EXPIRED):
        return _from_entry(entry, STATE_HISTORY, entry.why_now)
    if entry.status != PENDING:  # unknown status, customer now do-not-contact: untouched
        return _from_entry(entry, STATE_WAITING, entry.why_now)
    why = f"Expired {today.isoformat()}: {_expiry_reason(sc, ledger, settings, today)}"
    if entry.edited:
        why += "; your edited text is kept"
    return replace(_from_entry(entry, STATE_EXPIRED, why), status=EXPIRED, status_seen=today)


def _expiry_reason(sc: ScoredCustomer | None, ledger: Ledger, settings: Settings,
                   today: dt.date) -> str:
    if sc is None:
        return "the customer is no longer in your sheet"
    if sc.customer.do_not_contact:
        return "the customer is now marked do-not-contact"
    if not clean_address(sc.customer.email):
        return "there is no usable email on file any more"
    if sc.is_drag:
        return "the customer now counts as a drag on the business"
    if in_cool_down(ledger, sc.key, settings, today):
        return f"you contacted or skipped them in the last {settings.cool_down_days} days"
    return "no longer due (the occasion has passed or was replaced by a newer one)"
