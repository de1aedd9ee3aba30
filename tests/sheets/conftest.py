"""Fixtures for the Google Sheets adapter tests: the fake server and a workbook on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fake_sheets.fixtures import (
    fake_sheets,
    fake_sheets_server,
    sheets_key,
    sheets_via_fake,
)
from tests.fake_sheets.server import FakeSheets
from toolkit.sheets.workbook import SheetsWorkbook

__all__ = ["fake_sheets", "fake_sheets_server", "sheets_key", "sheets_via_fake"]

OpenWorkbook = Callable[..., SheetsWorkbook]


@pytest.fixture
def open_workbook(fake_sheets: FakeSheets, sheets_key: Path) -> OpenWorkbook:
    """SheetsWorkbook on the fake, with the fake's clock as `sleep` and no jitter."""

    def make(book_id: str, **options: object) -> SheetsWorkbook:
        settings: dict[str, object] = {"transport": fake_sheets.transport(),
                                       "sleep": fake_sheets.advance, "jitter": lambda: 0.0}
        settings.update(options)
        return SheetsWorkbook(book_id, sheets_key, **settings)  # type: ignore[arg-type]

    return make
