"""Read the previous run's Drafts tab into a ledger: contact history and open drafts (pure).

The Drafts tab is the owner's review loop. Its first columns are Draft id, Customer, To,
Reason, Subject, Body, Status, Notes; after them the toolkit keeps plain bookkeeping
columns: Why now, Created, Last refreshed, Status seen, Customer key, Text check.
Columns are found by their header (any row among the first 10 holding "Draft id"), so an
owner who moves, widens or adds columns loses nothing: unknown columns are carried over.

Status, as the owner types it (case, spaces and a trailing "." or tick do not matter):
- sent: "sent", "done", "emailed", "called"  -> a contact
- skip: "skip", "skipped", "no", "not sending", "don't send"  -> a decision not to contact
- expired: written by the toolkit when a draft is no longer due
- empty: a pending draft
- anything else: reported in Data problems; the row is kept exactly as it is and the
  draft stays open (it is neither refreshed nor expired) until the owner fixes the status.
Sent and skip both start the cool-down; only sent counts as "Last contacted". The date of
a status is the day the toolkit first saw it (kept in "Status seen").

A draft is "edited" when its To, Subject or Body differ from what the toolkit last wrote:
the "Text check" column keeps a short fingerprint of that text. Without a fingerprint the
toolkit cannot tell, so it treats the draft as edited and never overwrites it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from toolkit.model import CellValue, Problem, RawTable

DRAFTS_TAB = "Drafts"
HEADER = ("Draft id", "Customer", "To", "Reason", "Subject", "Body", "Status", "Notes")
BOOKKEEPING = ("Why now", "Created", "Last refreshed", "Status seen", "Customer key",
               "Text check")
COLUMNS = HEADER + BOOKKEEPING

PENDING = ""
SENT = "sent"
SKIP = "skip"
EXPIRED = "expired"
UNKNOWN = "unknown"
CLOSED = (SENT, SKIP, EXPIRED)

_SENT_WORDS = {"sent", "done", "emailed", "called"}
_SKIP_WORDS = {"skip", "skipped", "no", "not sending", "don't send", "dont send"}
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class LedgerEntry:
    """One row of the previous Drafts tab that has a draft id."""

    draft_id: str
    reason: str  # the code, e.g. "thank_first" (the first part of the draft id)
    customer_key: str
    customer: str
    to: str
    subject: str
    body: str
    status: str  # PENDING, SENT, SKIP, EXPIRED or UNKNOWN
    status_text: str  # the Status cell as typed
    notes: str
    why_now: str
    created: dt.date | None
    refreshed: dt.date | None
    status_seen: dt.date | None
    text_check: str  # fingerprint of the text the toolkit last wrote
    edited: bool
    row: int  # 1-based sheet row
    extra: Mapping[str, CellValue] = field(default_factory=dict)  # owner's own columns

    @property
    def occasion(self) -> str:
        return self.draft_id.rpartition(":")[2]

    @property
    def is_open(self) -> bool:
        return self.status in (PENDING, UNKNOWN)


@dataclass(frozen=True)
class Ledger:
    entries: tuple[LedgerEntry, ...] = ()
    kept_rows: tuple[Mapping[str, CellValue], ...] = ()  # rows without a usable draft id
    extra_columns: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    # The look-ups below run once per customer (or per follow-up) each morning: each is
    # answered from an index built on first use (cached on the instance; the ledger is
    # frozen, so an index never goes stale). Where draft ids repeat, the first entry wins.

    @cached_property
    def _by_id(self) -> dict[str, LedgerEntry]:
        index: dict[str, LedgerEntry] = {}
        for entry in self.entries:
            index.setdefault(entry.draft_id, entry)
        return index

    @cached_property
    def _open_by_reason(self) -> dict[tuple[str, str], LedgerEntry]:
        index: dict[tuple[str, str], LedgerEntry] = {}
        for entry in self.entries:
            if entry.is_open:
                index.setdefault((entry.customer_key, entry.reason), entry)
        return index

    @cached_property
    def _touches(self) -> dict[tuple[str, str | None], dt.date]:
        """(customer key, reason) and (customer key, None) -> the last sent or skip day."""
        last: dict[tuple[str, str | None], dt.date] = {}
        for e in self.entries:
            if e.status in (SENT, SKIP) and e.status_seen is not None:
                for index in ((e.customer_key, e.reason), (e.customer_key, None)):
                    known = last.get(index)
                    if known is None or e.status_seen > known:
                        last[index] = e.status_seen
        return last

    def entry(self, draft_id: str) -> LedgerEntry | None:
        return self._by_id.get(draft_id)

    def open_entries(self) -> tuple[LedgerEntry, ...]:
        return tuple(e for e in self.entries if e.is_open)

    def open_for(self, customer_key: str, reason: str) -> LedgerEntry | None:
        return self._open_by_reason.get((customer_key, reason))

    def last_touch(self, customer_key: str, reason: str | None = None) -> dt.date | None:
        """The last day a draft for this customer was marked sent or skip (for one reason
        when `reason` is given): what the cool-down counts from."""
        return self._touches.get((customer_key, reason)) if self.entries else None


def last_contacted(ledger: Ledger) -> dict[str, dt.date]:
    """Customer key -> the last day a draft to them was marked sent (for Best customers)."""
    result: dict[str, dt.date] = {}
    for entry in ledger.entries:
        if entry.status == SENT and entry.status_seen is not None:
            previous = result.get(entry.customer_key)
            if previous is None or entry.status_seen > previous:
                result[entry.customer_key] = entry.status_seen
    return result


def read_status(typed: str) -> str:
    """The status the owner meant: SENT, SKIP, EXPIRED, PENDING (empty) or UNKNOWN."""
    word = " ".join(typed.replace("\u2019", "'").casefold().split()).rstrip(".!✓✔ ")
    if not word:
        return PENDING
    if word in _SENT_WORDS:
        return SENT
    if word in _SKIP_WORDS:
        return SKIP
    return EXPIRED if word == EXPIRED else UNKNOWN


def _normal_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def text_check(to: str, subject: str, body: str) -> str:
    """A short fingerprint of a draft's To, Subject and Body, insensitive to line-end style
    and trailing spaces (spreadsheets may change those on the way back)."""
    parts = (_normal_text(to), _normal_text(subject), _normal_text(body))
    data = "\n\x1f\n".join(parts).encode()
    return hashlib.sha256(data).hexdigest()[:12]


def iso(day: dt.date | None) -> str:
    """Bookkeeping dates are written as ISO text so they read back alike on every backend."""
    return day.isoformat() if day else ""


def _date(value: CellValue) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _header_index(table: RawTable) -> int | None:
    for index, row in enumerate(table.rows[:_HEADER_SEARCH_ROWS]):
        if any(_text(cell).strip().casefold() == "draft id" for cell in row):
            return index
    return None


def _blank(row: tuple[CellValue, ...]) -> bool:
    return all(_text(cell).strip() == "" for cell in row)


def key_from_id(draft_id: str) -> str:
    """The customer key inside "reason:key:occasion" (keys may themselves hold colons)."""
    _reason, _, rest = draft_id.partition(":")
    return rest.rpartition(":")[0] if ":" in rest else rest


def read_ledger(table: RawTable | None, today: dt.date) -> Ledger:
    """The ledger from the previous Drafts tab (None or an empty tab: an empty ledger)."""
    if table is None or all(_blank(row) for row in table.rows):
        return Ledger()
    start = _header_index(table)
    if start is None:
        verbatim = tuple(dict(zip(COLUMNS, row, strict=False)) for row in table.rows
                         if not _blank(row))
        return Ledger(kept_rows=verbatim, problems=(Problem(
            tab=table.tab, row=None, column="Draft id", value="",
            problem="the Drafts tab has no 'Draft id' header, so its statuses could not be read",
            action="kept its rows at the bottom of the tab; put back the header row "
                   "(Draft id, Customer, To, ...) so sent and skipped drafts count again"),))
    names = [_text(cell).strip() for cell in table.rows[start]]
    ours = {name.casefold() for name in COLUMNS}
    extra = tuple(dict.fromkeys(n for n in names if n and n.casefold() not in ours))
    entries: list[LedgerEntry] = []
    kept: list[Mapping[str, CellValue]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for offset, row in enumerate(table.rows[start + 1:], start=start + 2):
        if _blank(row):
            continue
        cells = _cells(names, row)
        draft_id = _text(cells.get("draft id")).strip()
        if not draft_id or draft_id in seen:
            kept.append({_canonical(n): v for n, v in zip(names, row, strict=False) if n})
            problems.append(Problem(
                tab=table.tab, row=offset, column="Draft id", value=draft_id,
                problem="this row repeats a draft id" if draft_id else "this row has no draft id",
                action="kept the row as it is at the bottom of the tab; it does not count "
                       "as contact history"))
            continue
        seen.add(draft_id)
        entry = _entry(draft_id, cells, offset, today, extra)
        if entry.status == UNKNOWN:
            problems.append(Problem(
                tab=table.tab, row=offset, column="Status", value=entry.status_text,
                problem=f"'{entry.status_text}' is not a status the toolkit knows",
                action="kept the draft as it is; type sent or skip, or clear the cell"))
        entries.append(entry)
    return Ledger(tuple(entries), tuple(kept), extra, tuple(problems))


def _canonical(name: str) -> str:
    return next((c for c in COLUMNS if c.casefold() == name.casefold()), name)


def _cells(names: list[str], row: tuple[CellValue, ...]) -> dict[str, CellValue]:
    cells: dict[str, CellValue] = {}
    for name, value in zip(names, row, strict=False):
        if name and name.casefold() not in cells:
            cells[name.casefold()] = value
    return cells


def _entry(draft_id: str, cells: dict[str, CellValue], row: int, today: dt.date,
           extra: tuple[str, ...]) -> LedgerEntry:
    def text(name: str) -> str:
        return _text(cells.get(name.casefold()))

    to, subject, body = text("To"), text("Subject"), text("Body")
    check = text("Text check").strip()
    status_text = text("Status")
    status = read_status(status_text)
    seen = _date(cells.get("status seen")) if status in CLOSED else None
    if status in CLOSED and seen is None:
        seen = today
    edited = (check != text_check(to, subject, body)) if check else bool(subject or body)
    return LedgerEntry(
        draft_id=draft_id, reason=draft_id.partition(":")[0],
        customer_key=text("Customer key").strip() or key_from_id(draft_id),
        customer=text("Customer"), to=to, subject=subject, body=body,
        status=status, status_text=status_text, notes=text("Notes"), why_now=text("Why now"),
        created=_date(cells.get("created")), refreshed=_date(cells.get("last refreshed")),
        status_seen=seen, text_check=check, edited=edited, row=row,
        extra={name: cells.get(name.casefold()) for name in extra},
    )
