"""Today's follow-ups: few and personal (pure).

From the occasions due today (`toolkit.reasons`) and the ledger of earlier drafts:
- Open drafts carry over: a pending draft still due is kept (and refreshed later), an
  edited draft or one with a status the toolkit does not know is always kept and listed
  (unless the customer is now do-not-contact). A pending draft no longer due is left out
  here and marked expired by the Drafts tab (an edited one keeps its words).
- New occasions: never one whose draft id is already in the ledger (each occasion is
  drafted once, ever, whatever its status); never for a customer with an open draft;
  never within the cool-down (`cool_down_days` since the customer's last sent or skipped
  draft, across all reasons); one per customer (the most pressing); highest priority
  first (reason urgency plus the customer's score); at most `daily_cap` a day.
- A customer with no (usable) email still gets a line ("no email on file: call or see
  them") that counts towards the cap, but no draft; nothing records that line, so it
  comes back each morning while the occasion is due.
- Drag customers are listed at the end (`review_fit`, no email, outside the cap) every
  morning until the owner decides: marking them do-not-contact removes the line.
- Do-not-contact customers never appear.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping
from dataclasses import dataclass

from toolkit.eml import clean_address
from toolkit.ledger import PENDING, UNKNOWN, Ledger, LedgerEntry
from toolkit.model import Dataset
from toolkit.reasons import LABELS, REVIEW_FIT, Occasion, due_occasions
from toolkit.records import replacer
from toolkit.scored import ScoredCustomer, Scoring
from toolkit.settings import Settings

NO_EMAIL = "no email on file: call or see them"
BAD_EMAIL = "the email on file looks wrong: call or see them"

NEW = "new"  # a draft created today
CARRIED = "carried"  # a pending draft from an earlier run, still due: refreshed
EDITED = "edited"  # the owner edited it: kept word for word
WAITING = "waiting"  # its Status is not one the toolkit knows: kept as it is
CALL = "call"  # no draft: no email (or a do-not-email reason such as review_fit)


@dataclass(frozen=True)
class FollowUp:
    priority: int  # 1 = do first
    customer_key: str
    customer: str
    email: str  # a usable address, or ""
    reason: str  # the code, e.g. "check_in"
    why_now: str
    draft_id: str  # "" when there is no draft
    kind: str  # NEW, CARRIED, EDITED, WAITING or CALL
    occasion: Occasion | None  # None for a kept draft that is no longer due
    reach: str = ""  # the Email column: the address, or how to reach them without one
    score: float = 0.0

    @property
    def reason_label(self) -> str:
        return LABELS.get(self.reason, self.reason)


def usable_email(sc: ScoredCustomer | None) -> str:
    return clean_address(sc.customer.email) if sc is not None else ""


def _no_email_text(sc: ScoredCustomer) -> str:
    text = BAD_EMAIL if sc.customer.email.strip() else NO_EMAIL
    phone = " ".join(sc.customer.phone.split())
    return f"{text} (phone {phone})" if phone else text


def in_cool_down(ledger: Ledger, key: str, settings: Settings, today: dt.date) -> bool:
    last = ledger.last_touch(key)
    return last is not None and (today - last).days < settings.cool_down_days


def plan_followups(
    scoring: Scoring, dataset: Dataset, ledger: Ledger, settings: Settings, today: dt.date,
    *, by_key: Mapping[str, ScoredCustomer] | None = None,
) -> tuple[FollowUp, ...]:
    """Today's list, in order: personal follow-ups by priority, then drag customers
    (`by_key`: scoring.by_key(), when the caller has it already)."""
    by_key = scoring.by_key() if by_key is None else by_key
    due = due_occasions(scoring, dataset, ledger, settings, today, by_key=by_key)
    open_entries = ledger.open_entries()
    due_by_id = {o.draft_id: o for o in due} if open_entries else {}
    # (sort value, follow-up without its final priority number)
    personal: list[tuple[float, FollowUp]] = []
    busy: set[str] = set()
    for entry in open_entries:
        kept = _carry(entry, due_by_id.get(entry.draft_id), by_key, ledger, settings, today)
        if kept is not None:
            personal.append(kept)
            busy.add(entry.customer_key)
    # The cap is per day: drafts an earlier run made today (a re-run of the morning) count.
    made_today = sum(1 for entry in ledger.entries if entry.created == today)
    cap = max(settings.daily_cap - made_today, 0)
    for occasion in _pick(due, by_key, ledger, busy, settings, today, cap):
        sc = by_key[occasion.customer_key]
        email = usable_email(sc)
        personal.append((occasion.priority, _follow_up(
            sc, occasion, email, occasion.draft_id if email else "", NEW if email else CALL,
            email or _no_email_text(sc))))
    personal.sort(key=lambda item: (-item[0], item[1].customer_key, item[1].draft_id))
    drags = sorted([o for o in due if o.reason == REVIEW_FIT], key=lambda o: _order(o, by_key))
    rows = [f for _v, f in personal] + [
        _follow_up(by_key[o.customer_key], o, "", "", CALL, "") for o in drags]
    return tuple(_numbered(f, priority=i) for i, f in enumerate(rows, start=1))


_numbered = replacer(FollowUp)  # dataclasses.replace, made faster for long lists


def _pick(due: list[Occasion], by_key: Mapping[str, ScoredCustomer], ledger: Ledger,
          busy: set[str], settings: Settings, today: dt.date, cap: int) -> list[Occasion]:
    """The new occasions to follow up today: never drafted before, the customer neither
    busy with an open draft nor in their cool-down; each customer's most pressing one;
    the `cap` most pressing of those, in order (see `_order`).

    One pass keeps each customer's first occasion in that order (ties: the earlier in
    `due`, as a stable sort would), then a partial sort takes the cap."""
    first: dict[str, tuple[tuple[float, int, str, int], Occasion]] = {}
    for index, occasion in enumerate(due):
        key = occasion.customer_key
        if (occasion.reason == REVIEW_FIT or key in busy
                or in_cool_down(ledger, key, settings, today)):
            continue
        draft_id = occasion.draft_id
        if ledger.entry(draft_id) is not None:
            continue
        order = (*_order(occasion, by_key), index)
        held = first.get(key)
        if held is None or order < held[0]:
            first[key] = (order, occasion)
    return [o for _key, o in heapq.nsmallest(cap, first.values())]


def _order(occasion: Occasion, by_key: Mapping[str, ScoredCustomer]) -> tuple[float, int, str]:
    return (-occasion.priority, by_key[occasion.customer_key].rank, occasion.draft_id)


def _follow_up(sc: ScoredCustomer, occasion: Occasion, email: str, draft_id: str,
               kind: str, reach: str) -> FollowUp:
    return FollowUp(priority=0, customer_key=sc.key, customer=sc.customer.name or sc.key,
                    email=email, reason=occasion.reason, why_now=occasion.why_now,
                    draft_id=draft_id, kind=kind, occasion=occasion, reach=reach,
                    score=sc.score)


def _carry(entry: LedgerEntry, occasion: Occasion | None,
           by_key: Mapping[str, ScoredCustomer],
           ledger: Ledger, settings: Settings, today: dt.date) -> tuple[float, FollowUp] | None:
    """An open draft kept for today, or None when it should expire."""
    sc = by_key.get(entry.customer_key)
    if sc is not None and sc.customer.do_not_contact:
        return None  # expired by the Drafts tab (an unknown status stays as typed)
    email = usable_email(sc)
    still_due = (occasion is not None and bool(email)
                 and not in_cool_down(ledger, entry.customer_key, settings, today))
    if entry.status == PENDING and not entry.edited and not still_due:
        return None
    if entry.status == UNKNOWN:
        kind, why = WAITING, f"Status '{entry.status_text}' not understood: type sent or skip"
    elif entry.edited:
        kind = EDITED
        why = (f"You edited this draft. {occasion.why_now}" if still_due and occasion
               else "You edited this draft; it is no longer due by the toolkit's rules: "
                    "send it or type skip")
    else:
        assert occasion is not None
        kind, why = CARRIED, occasion.why_now
    value = occasion.priority if occasion is not None else 0.0
    name = sc.customer.name if sc is not None and sc.customer.name else entry.customer
    follow_up = FollowUp(priority=0, customer_key=entry.customer_key,
                         customer=name or entry.customer_key, email=email or entry.to,
                         reason=entry.reason, why_now=why, draft_id=entry.draft_id, kind=kind,
                         occasion=occasion if still_due else None, reach=email or entry.to,
                         score=sc.score if sc is not None else 0.0)
    return value, follow_up
