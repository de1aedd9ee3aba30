"""Assemble the write plan: which tabs, in which order, and the safety checks on them.

Pure: takes what the rest of the core produced and returns tabs. Also builds the two
bookkeeping tabs (Data problems, Run log) and refuses to plan over an owner's tab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from toolkit.errors import tab_conflict
from toolkit.ledger import DRAFTS_TAB
from toolkit.model import CellValue, Problem, RawTable, SourceData, Tab, WritePlan
from toolkit.settings import SETTINGS_TAB
from toolkit.tabs_scoring import BEST_TAB, CHANGES_TAB, SUMMARY_TAB

DATA_PROBLEMS_TAB = "Data problems"
RUN_LOG_TAB = "Run log"
PROBLEMS_HEADER = ("Tab", "Row", "Column", "Value", "Problem", "What we did")
RUN_LOG_HEADER = (
    "When", "Source", "Rows read", "Customers", "Problems", "Follow-ups", "Drafts",
    "Seconds", "Result", "Notes",
)
MAX_PROBLEM_ROWS = 5000
# The toolkit's own tabs a run reads back (yesterday's ranks, the owner's draft statuses
# and settings, the run log...). Its other tabs are rewritten whole without being read,
# so an adapter may skip their cells (50,000 customers: 100,000 rows less to read).
# Here, not in the pipeline: the adapters need it and must not import the orchestrator.
READ_BACK_TABS = frozenset(name.casefold() for name in (
    SETTINGS_TAB, DRAFTS_TAB, BEST_TAB, RUN_LOG_TAB, CHANGES_TAB, SUMMARY_TAB))


@dataclass(frozen=True)
class RunRecord:
    """One line of the Run log."""

    when: dt.datetime
    source: str
    rows_read: int
    customers: int
    problems: int
    followups: int
    drafts: int
    seconds: float
    result: str  # "done", "done with N data problems", "failed: ..."
    notes: str = ""

    def row(self) -> tuple[CellValue, ...]:
        return (
            self.when.replace(microsecond=0), self.source, self.rows_read, self.customers,
            self.problems, self.followups, self.drafts, round(self.seconds, 2), self.result,
            self.notes,
        )


def owned_table(source: SourceData, name: str) -> RawTable | None:
    """The toolkit's own tab called `name` from an earlier run, if there is one."""
    table = source.table(name)
    return table if table is not None and table.owned else None


def problems_tab(problems: Sequence[Problem]) -> Tab:
    ordered = sorted(problems, key=lambda p: (p.tab.casefold(), p.row or 0, p.column))
    rows: list[tuple[CellValue, ...]] = [
        (p.tab, p.row, p.column, p.value, p.problem, p.action)
        for p in ordered[:MAX_PROBLEM_ROWS]
    ]
    if len(ordered) > MAX_PROBLEM_ROWS:
        rows.append(("", None, "", "", f"{len(ordered) - MAX_PROBLEM_ROWS} more problems "
                     "not listed", "fix the ones above and run again to see the rest"))
    if not rows:
        rows.append(("", None, "", "", "No data problems found", ""))
    return Tab(DATA_PROBLEMS_TAB, PROBLEMS_HEADER, tuple(rows),
               widths=(18, 7, 20, 28, 60, 40), wrap_columns=(4,))


def run_log_tab(previous: RawTable | None, record: RunRecord, keep: int = 1000) -> Tab:
    """The Run log with this run appended below the earlier runs (the last `keep`)."""
    earlier: list[tuple[CellValue, ...]] = []
    if previous is not None and previous.rows:
        for row in previous.rows[1:]:
            if any(cell not in (None, "") for cell in row):
                padded = tuple(row[: len(RUN_LOG_HEADER)])
                earlier.append(padded + (None,) * (len(RUN_LOG_HEADER) - len(padded)))
    rows = [*earlier[-(keep - 1):], record.row()] if keep > 1 else [record.row()]
    return Tab(RUN_LOG_TAB, RUN_LOG_HEADER, tuple(rows),
               widths=(20, 30, 10, 10, 10, 10, 8, 9, 36, 50))


def check_no_conflicts(source: SourceData, names: Iterable[str]) -> None:
    """Refuse, before anything is written, to plan over a tab the owner made."""
    clashes = [t.tab for t in source.tables
               if not t.owned and t.tab.casefold() in {n.casefold() for n in names}]
    if clashes:
        raise tab_conflict(source.label, clashes)


def assemble(source: SourceData, tabs: Sequence[Tab], stale: Iterable[Tab] = ()) -> WritePlan:
    """The final plan: the given tabs, then replacements for stale toolkit tabs."""
    planned = list(tabs)
    names = {t.name.casefold() for t in planned}
    for tab in stale:
        if tab.name.casefold() not in names and owned_table(source, tab.name) is not None:
            planned.append(tab)
            names.add(tab.name.casefold())
    check_no_conflicts(source, (t.name for t in planned))
    return WritePlan(tuple(planned))


def scored_on(summary: RawTable | None) -> dt.date | None:
    """The day the previous run scored for (its Summary's 'Scored on' row), if known."""
    for row in summary.rows if summary is not None else ():
        if len(row) > 1 and str(row[0]).strip() == "Scored on":
            value = row[1]
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value).strip()[:10])
            except ValueError:
                return None
    return None


def carried_over(table: RawTable, like: Tab) -> Tab:
    """A toolkit tab kept as the previous run wrote it (a re-run of the same day)."""
    rows = [tuple(r[: len(like.header)]) for r in table.rows[1:]
            if any(cell not in (None, "") for cell in r)]
    return Tab(like.name, like.header, tuple(rows), widths=like.widths,
               wrap_columns=like.wrap_columns)
