"""pytest fixtures for the fake. tests/sheets/conftest.py imports them; other test
folders can do the same:

    from tests.fake_sheets.fixtures import (fake_sheets, fake_sheets_server, sheets_key,
                                            sheets_via_fake)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import FakeSheets


@pytest.fixture(scope="session")
def fake_sheets_server() -> Iterator[FakeSheets]:
    """One fake per test session (one port, one thread)."""
    fake = FakeSheets()
    yield fake
    fake.close()


@pytest.fixture
def fake_sheets(fake_sheets_server: FakeSheets) -> FakeSheets:
    """The session's fake, emptied for this test (no sheets, keys, faults or log)."""
    fake_sheets_server.reset()
    return fake_sheets_server


@pytest.fixture
def sheets_key(fake_sheets: FakeSheets, tmp_path: Path) -> Path:
    """A throwaway service-account key for DEFAULT_EMAIL, known to the fake."""
    return fake_sheets.new_key(tmp_path)


@pytest.fixture
def sheets_via_fake(fake_sheets: FakeSheets, monkeypatch: pytest.MonkeyPatch) -> FakeSheets:
    """Every SheetsWorkbook made during the test (also by open_source() and the CLI)
    talks to the fake, with the fake's clock as its sleep. Returns the fake."""
    from toolkit.sheets import workbook as module

    original = module.SheetsWorkbook

    class RoutedToFake(original):  # type: ignore[misc, valid-type]
        def __init__(self, spreadsheet_id: str, credentials: Path, **options: Any) -> None:
            options.setdefault("transport", fake_sheets.transport())
            options.setdefault("sleep", fake_sheets.advance)
            super().__init__(spreadsheet_id, credentials, **options)

    monkeypatch.setattr(module, "SheetsWorkbook", RoutedToFake)
    return fake_sheets
