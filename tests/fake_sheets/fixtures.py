"""pytest fixtures for the fake. tests/sheets/conftest.py imports them; other test
folders can do the same:  from tests.fake_sheets.fixtures import fake_sheets, sheets_key
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_sheets.server import FakeSheets


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
