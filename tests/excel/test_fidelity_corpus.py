"""Real workbooks made by Excel, LibreOffice and others: a run keeps every part the
toolkit does not own byte for byte, and the owner's values read the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from excel_support import (
    CORPUS,
    add_owner_tab,
    check_round_trip,
    copy_to,
    customers_tab,
    members,
    toolkit_plan,
    workbook_at,
)

from toolkit.errors import WriteRefusedError

CORPUS_FILES = sorted(p for p in CORPUS.glob("*.xls*"))
BACKSLASH_NAMES = {"issue_530.xlsx"}


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 30


@pytest.mark.parametrize("source", [p for p in CORPUS_FILES if p.name not in BACKSLASH_NAMES],
                         ids=lambda p: p.name)
def test_corpus_workbook_keeps_everything(tmp_path: Path, source: Path) -> None:
    path = copy_to(tmp_path, source)
    original = members(path)
    add_owner_tab(path, customers_tab())
    check_round_trip(path, original)
    assert source.read_bytes() != path.read_bytes()  # the copy changed, not the original


@pytest.mark.parametrize("name", sorted(BACKSLASH_NAMES))
def test_backslash_part_names_are_refused_untouched(tmp_path: Path, name: str) -> None:
    path = copy_to(tmp_path, CORPUS / name)
    before = path.read_bytes()
    book = workbook_at(path)
    assert book.read().tables  # reading still works
    with pytest.raises(WriteRefusedError, match="backslashes"):
        book.write(toolkit_plan())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
