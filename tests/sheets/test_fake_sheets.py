"""The fake itself behaves like Google where the toolkit's safety depends on it: so a
test that passes against it means something."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.fake_sheets import FakeSheets
from toolkit.sheets.api import authorized_session
from toolkit.sheets.auth import load_service_account

API = "https://sheets.googleapis.com/v4/spreadsheets/"


@pytest.fixture
def call(fake_sheets: FakeSheets, sheets_key: Path) -> Any:
    session = authorized_session(load_service_account(sheets_key), fake_sheets.transport())

    def send(method: str, path: str, **kwargs: Any) -> Any:
        return session.request(method, API + path, **kwargs)

    return send


def test_user_entered_makes_formulas_and_numbers_raw_keeps_text(
    fake_sheets: FakeSheets, call: Any
) -> None:
    book = fake_sheets.create_spreadsheet({"Sheet1": []})
    values = [["=IMPORTXML(\"http://x\",\"//a\")", "00123", "+1", "2024-03-01", "'=x"]]
    for option, row in (("USER_ENTERED", 1), ("RAW", 2)):
        reply = call("PUT", f"{book}/values/Sheet1!A{row}", json={"values": values},
                     params={"valueInputOption": option})
        assert reply.status_code == 200
    user = [fake_sheets.cell(book, "Sheet1", f"{c}1") for c in "ABCDE"]
    raw = [fake_sheets.cell(book, "Sheet1", f"{c}2") for c in "ABCDE"]
    assert [c.kind for c in user if c] == ["formula", "number", "number", "number", "text"]
    assert [c.kind for c in raw if c] == ["text"] * 5
    assert [c.value for c in raw if c] == values[0]


def test_a_batch_update_is_all_or_nothing(fake_sheets: FakeSheets, call: Any) -> None:
    book = fake_sheets.create_spreadsheet({"Sheet1": []})
    reply = call("POST", f"{book}:batchUpdate", json={"requests": [
        {"addSheet": {"properties": {"title": "New"}}},
        {"deleteEmbeddedObject": {"objectId": 12345}},
    ]})
    assert reply.status_code == 400 and reply.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert fake_sheets.tab_titles(book) == ["Sheet1"]


def test_grid_limit_of_ten_million_cells(fake_sheets: FakeSheets, call: Any) -> None:
    book = fake_sheets.create_spreadsheet({"Sheet1": []})
    reply = call("POST", f"{book}:batchUpdate", json={"requests": [{"addSheet": {
        "properties": {"title": "Huge", "gridProperties": {"rowCount": 500_000,
                                                           "columnCount": 20}}}}]})
    assert reply.status_code == 400 and "10000000" in reply.json()["error"]["message"]


def test_writes_past_the_grid_are_refused(fake_sheets: FakeSheets, call: Any) -> None:
    book = fake_sheets.create_spreadsheet({"Sheet1": []})
    call("POST", f"{book}:batchUpdate", json={"requests": [{"updateSheetProperties": {
        "properties": {"sheetId": 0, "gridProperties": {"rowCount": 2, "columnCount": 2}},
        "fields": "gridProperties.rowCount,gridProperties.columnCount"}}]})
    reply = call("PUT", f"{book}/values/Sheet1!A1", json={"values": [[1], [2], [3]]},
                 params={"valueInputOption": "RAW"})
    assert reply.status_code == 400 and "exceeds grid limits" in reply.json()["error"]["message"]


def test_no_token_is_401_and_dates_render_per_option(
    fake_sheets: FakeSheets, call: Any
) -> None:
    book = fake_sheets.create_spreadsheet({"Sheet1": [[dt.date(2024, 3, 1), 5]]},
                                          date_pattern="dd/mm/yyyy")
    anonymous = requests.Session()
    anonymous.mount("https://", fake_sheets.transport())
    assert anonymous.get(API + book).status_code == 401
    rendered = {}
    for value_option, date_option in (("UNFORMATTED_VALUE", "SERIAL_NUMBER"),
                                      ("UNFORMATTED_VALUE", "FORMATTED_STRING"),
                                      ("FORMATTED_VALUE", "SERIAL_NUMBER")):
        reply = call("GET", f"{book}/values/Sheet1", params={
            "valueRenderOption": value_option, "dateTimeRenderOption": date_option})
        rendered[(value_option, date_option)] = reply.json()["values"][0]
    assert list(rendered.values()) == [[45352, 5], ["01/03/2024", 5], ["01/03/2024", "5"]]
