"""Three mornings on the demo workbook through the CLI: the owner's review loop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.helpers import read_tabs, records
from toolkit.cli import cli
from toolkit.excel.workbook import ExcelWorkbook
from toolkit.model import Tab, WritePlan

DAY1 = dt.date(2026, 11, 22)


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def owner_edits_drafts(path: Path, edit: dict[int, dict[str, str]]) -> None:
    """What the owner does in Excel: type in the Drafts tab (rows by index)."""
    data = ExcelWorkbook(path).read()
    table = data.table("Drafts")
    assert table is not None and table.owned
    header = tuple(str(h) for h in table.rows[0])
    rows: list[tuple[Any, ...]] = []
    for index, row in enumerate(table.rows[1:]):
        cells = list(row) + [None] * (len(header) - len(row))
        for column, value in edit.get(index, {}).items():
            cells[header.index(column)] = value
        rows.append(tuple(cells))
    ExcelWorkbook(path).write(WritePlan((Tab("Drafts", header, tuple(rows)),)))


def test_three_mornings(tmp_path: Path) -> None:
    path = tmp_path / "sample-shop.xlsx"
    run("demo", "--path", str(path), "--today", DAY1.isoformat())
    day1 = records(read_tabs(path)["Drafts"])
    assert len(day1) >= 3
    sent, skipped, edited = day1[0], day1[1], day1[2]
    new_body = "Hi there,\n\nMy own words, typed in Excel.\n\nJo"
    owner_edits_drafts(path, {0: {"Status": "sent"}, 1: {"Status": "skip"},
                              2: {"Body": new_body}})

    day2 = DAY1 + dt.timedelta(days=1)
    run("run", "--source", str(path), "--today", day2.isoformat())
    tabs = read_tabs(path)
    drafts = {d["Draft id"]: d for d in records(tabs["Drafts"])}
    assert drafts[sent["Draft id"]]["Status"] == "sent"
    assert drafts[skipped["Draft id"]]["Status"] == "skip"
    assert drafts[edited["Draft id"]]["Body"] == new_body
    customers = [d["Customer"] for d in records(tabs["Drafts"])
                 if d["Status"] in (None, "", "expired") or d["Draft id"] == sent["Draft id"]]
    # nobody contacted or skipped gets a new draft within the cool-down
    for done in (sent, skipped):
        assert sum(1 for d in records(tabs["Drafts"]) if d["Customer"] == done["Customer"]) == 1
    new_today = [d for d in records(tabs["Drafts"])
                 if str(d.get("Created")) == day2.isoformat()]
    assert len(new_today) <= 10
    assert customers
    best = {r["Customer"]: r for r in records(tabs["Best customers"])}
    contacted = best[sent["Customer"]]["Last contacted"]
    assert contacted in (day2, dt.datetime.combine(day2, dt.time()), day2.isoformat())

    day3 = DAY1 + dt.timedelta(days=20)
    run("run", "--source", str(path), "--today", day3.isoformat())
    drafts3 = {d["Draft id"]: d for d in records(read_tabs(path)["Drafts"])}
    first_thanks = [i for i, d in drafts3.items()
                    if str(i).startswith("thank_first:") and i in {x["Draft id"] for x in day1}
                    and i not in (sent["Draft id"], skipped["Draft id"], edited["Draft id"])]
    assert first_thanks
    for draft_id in first_thanks:
        assert drafts3[draft_id]["Status"] == "expired"
    assert drafts3[sent["Draft id"]]["Status"] == "sent"
    assert drafts3[edited["Draft id"]]["Body"] == new_body


def test_a_second_run_the_same_morning_makes_no_more_drafts(tmp_path: Path) -> None:
    """The daily cap is per day: re-running the morning (the demo has more people due
    than the cap) keeps today's list and drafts as they were, even after one is sent."""
    path = tmp_path / "sample-shop.xlsx"
    run("demo", "--path", str(path), "--today", DAY1.isoformat())
    first = read_tabs(path)
    run("run", "--source", str(path), "--today", DAY1.isoformat())
    second = read_tabs(path)
    for name in ("Follow-ups", "Drafts"):
        assert second[name] == first[name], name
    owner_edits_drafts(path, {0: {"Status": "sent"}})
    run("run", "--source", str(path), "--today", DAY1.isoformat())
    third = records(read_tabs(path)["Drafts"])
    assert sorted(d["Draft id"] for d in third) == sorted(
        d["Draft id"] for d in records(first["Drafts"]))  # sent today still counts
