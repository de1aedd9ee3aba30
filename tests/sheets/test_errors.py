"""The errors an owner meets say what to do, and never show the key."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from tests.fake_sheets import DEFAULT_EMAIL, FakeSheets, RedirectAdapter
from tests.sheets.conftest import OpenWorkbook
from tests.sheets.plans import OWNER_ROWS, plan
from toolkit.errors import CredentialsError, SheetsError
from toolkit.model import Tab, WritePlan
from toolkit.sheets.workbook import SheetsWorkbook


def test_sheet_not_shared_names_the_service_account_to_share_with(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS}, share_with=[])
    with pytest.raises(SheetsError) as refused:
        open_workbook(book).read()
    message = str(refused.value)
    assert DEFAULT_EMAIL in message and "Share" in message and "Editor" in message
    assert book in message


def test_sheet_shared_read_only_reads_but_refuses_to_write_saying_editor(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS}, role="reader")
    workbook = open_workbook(book)
    assert workbook.read().tables[0].rows[1][0] == "Ada Lovelace"
    with pytest.raises(SheetsError, match="Editor") as refused:
        workbook.write(plan())
    assert DEFAULT_EMAIL in str(refused.value)
    assert fake_sheets.tab_titles(book) == ["Customers"]


def test_sheet_not_found(fake_sheets: FakeSheets, open_workbook: OpenWorkbook) -> None:
    with pytest.raises(SheetsError, match="was not found") as missing:
        open_workbook("1NoSuchSheetxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx").read()
    assert "--source" in str(missing.value)


def test_sheets_api_not_enabled_says_where_to_enable_it(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.disable_api("cafe-toolkit")
    with pytest.raises(SheetsError) as disabled:
        open_workbook(book).read()
    message = str(disabled.value)
    assert "not enabled" in message and "Enable" in message
    assert "sheets.googleapis.com" in message and "cafe-toolkit" in message


def test_a_key_google_does_not_know_is_refused_as_a_credentials_problem(
    fake_sheets: FakeSheets, tmp_path: Path
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    key = fake_sheets.new_key(tmp_path, email="gone@old-project.iam.gserviceaccount.com")
    fake_sheets.accounts.public_keys.clear()  # the key was deleted in Cloud console
    workbook = SheetsWorkbook(book, key, transport=fake_sheets.transport(),
                              sleep=fake_sheets.advance)
    with pytest.raises(CredentialsError, match="new JSON key"):
        workbook.read()


def test_the_token_asks_only_for_the_spreadsheets_scope(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    open_workbook(book).read()
    assert [g.scope for g in fake_sheets.accounts.grants] == [
        "https://www.googleapis.com/auth/spreadsheets"]


def _open(fake: FakeSheets, key: Path) -> SheetsWorkbook:
    return SheetsWorkbook("1" + "x" * 43, key, transport=fake.transport(), sleep=fake.advance)


def test_missing_key_file(fake_sheets: FakeSheets, tmp_path: Path) -> None:
    with pytest.raises(CredentialsError, match="no Google service-account key file") as err:
        _open(fake_sheets, tmp_path / "nope.json").read()
    assert "--credentials" in str(err.value)
    assert fake_sheets.log == []


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "not valid JSON"),
    ('{"installed": {"client_id": "x"}}', "OAuth client"),
    ('{"type": "service_account", "client_email": "a@b.iam.gserviceaccount.com"}',
     "lacks private_key, token_uri"),
    ("[1, 2]", "not a service-account key"),
])
def test_malformed_key_files(
    fake_sheets: FakeSheets, tmp_path: Path, content: str, expected: str
) -> None:
    key = tmp_path / "key.json"
    key.write_text(content, encoding="utf-8")
    with pytest.raises(CredentialsError, match=expected):
        _open(fake_sheets, key).read()


def test_the_example_key_file_is_recognised_as_a_placeholder(fake_sheets: FakeSheets) -> None:
    example = Path(__file__).parents[2] / "credentials.example.json"
    shape = json.loads(example.read_text(encoding="utf-8"))
    assert shape["type"] == "service_account" and shape["client_email"].endswith(
        ".iam.gserviceaccount.com")
    with pytest.raises(CredentialsError, match="example key with placeholders"):
        _open(fake_sheets, example).read()


def test_a_damaged_private_key_is_reported_without_showing_it(
    fake_sheets: FakeSheets, sheets_key: Path
) -> None:
    info = json.loads(sheets_key.read_text(encoding="utf-8"))
    info["private_key"] = info["private_key"][:200] + "\n-----END PRIVATE KEY-----\n"
    sheets_key.write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(CredentialsError) as damaged:
        _open(fake_sheets, sheets_key).read()
    message = str(damaged.value)
    assert "private key in this file cannot be read" in message and DEFAULT_EMAIL in message
    assert "PRIVATE KEY" not in message and info["private_key"][40:80] not in message
    assert damaged.value.__cause__ is None and damaged.value.__suppress_context__


def test_credentials_never_reach_the_logs(
    fake_sheets: FakeSheets, sheets_key: Path, open_workbook: OpenWorkbook,
    caplog: pytest.LogCaptureFixture,
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    fake_sheets.inject(503, op="values.batchGet")
    with caplog.at_level(logging.DEBUG):
        workbook = open_workbook(book)
        workbook.read()
        workbook.write(plan())
    logged = caplog.text
    private_key = json.loads(sheets_key.read_text(encoding="utf-8"))["private_key"]
    assert private_key.splitlines()[1] not in logged
    assert not any(token in logged for token in fake_sheets.accounts.tokens)
    assert "503" in logged  # the retry itself is logged


def test_more_than_ten_million_cells_is_refused_before_writing(
    fake_sheets: FakeSheets, open_workbook: OpenWorkbook
) -> None:
    book = fake_sheets.create_spreadsheet({"Customers": OWNER_ROWS})
    with fake_sheets.lock:
        owner = fake_sheets.books[book].sheets[0]
        owner.rows, owner.columns = 400_000, 25  # the owner's tab: 10,000,000 cells
    with pytest.raises(SheetsError) as too_big:
        open_workbook(book).write(WritePlan((Tab("Run log", ("When",), ()),)))
    message = str(too_big.value)
    assert "10,000,000" in message and "'Customers'" in message and "Delete unused" in message
    assert fake_sheets.sheets_calls("batchUpdate") == []


def test_no_network_stops_within_the_bound_saying_so(
    fake_sheets: FakeSheets, sheets_key: Path
) -> None:
    slept: list[float] = []
    nowhere = RedirectAdapter("http://127.0.0.1:9")  # nothing listens there
    workbook = SheetsWorkbook("1" + "x" * 43, sheets_key, transport=nowhere,
                              sleep=slept.append, max_tries=3)
    with pytest.raises(SheetsError, match="could not reach Google Sheets after 3 tries"):
        workbook.read()
    assert len(slept) == 2
