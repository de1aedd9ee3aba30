"""Each situation where the toolkit must not write: a clear message, nothing touched."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from excel_support import add_owner_tab, toolkit_plan, workbook_at

from toolkit.errors import (
    SourceError,
    TabConflictError,
    ToolkitError,
    WorkbookBusyError,
    WriteRefusedError,
)
from toolkit.model import Tab, WritePlan


def _plain(path: Path, tab: str = "Customers") -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(tab)
    sheet.write_row(0, 0, ["Name", "Email"])
    sheet.write_row(1, 0, ["Ann", "ann@example.com"])
    book.close()
    return path


def _rewrite(path: Path, edit: Callable[[str, bytes], bytes],
             extra: dict[str, bytes] | None = None) -> Path:
    data = {i.filename: (i, zipfile.ZipFile(path).read(i))
            for i in zipfile.ZipFile(path).infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, (info, content) in data.items():
            out.writestr(info, edit(name, content))
        for name, content in (extra or {}).items():
            out.writestr(name, content)
    return path


def _untouched(tmp_path: Path, path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def _refused(tmp_path: Path, path: Path, error: type[ToolkitError], words: str,
             plan: WritePlan | None = None) -> None:
    before = path.read_bytes()
    with pytest.raises(error, match=words) as caught:
        workbook_at(path).write(plan or toolkit_plan())
    assert path.name in str(caught.value)
    _untouched(tmp_path, path, before)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("just some text, not a spreadsheet")
    _refused(tmp_path, path, SourceError, "not an Excel workbook")
    with pytest.raises(SourceError, match="not an Excel workbook"):
        workbook_at(path).read()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no file here"):
        workbook_at(tmp_path / "nope.xlsx").read()


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    sector = bytearray(512)
    sector[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    directory = bytearray(512)
    name = "EncryptedPackage".encode("utf-16-le")
    directory[: len(name)] = name
    path.write_bytes(bytes(sector) + bytes(directory))
    _refused(tmp_path, path, SourceError, "password")
    with pytest.raises(SourceError, match="password"):
        workbook_at(path).read()


def test_strict_open_xml(tmp_path: Path) -> None:
    path = _rewrite(_plain(tmp_path / "strict.xlsx"), lambda name, data: data.replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main") if name == "xl/workbook.xml" else data)
    _refused(tmp_path, path, WriteRefusedError, "Strict Open XML")


def test_legacy_shared_workbook(tmp_path: Path) -> None:
    path = _rewrite(_plain(tmp_path / "shared.xlsx"), lambda _n, data: data,
                    {"xl/revisions/revisionHeaders.xml": b"<headers/>"})
    _refused(tmp_path, path, WriteRefusedError, "shared workbook")


def test_structure_protected_workbook(tmp_path: Path) -> None:
    def protect(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        return data.replace(b"<bookViews>",
                            b'<workbookProtection lockStructure="1"/><bookViews>')

    path = _rewrite(_plain(tmp_path / "locked.xlsx"), protect)
    _refused(tmp_path, path, WriteRefusedError, "structure is protected")


def test_empty_protection_element_from_libreoffice_is_not_a_lock(tmp_path: Path) -> None:
    def empty(name: str, data: bytes) -> bytes:
        return data.replace(b"<bookViews>", b"<workbookProtection/><bookViews>") if (
            name == "xl/workbook.xml") else data

    path = _rewrite(_plain(tmp_path / "lo.xlsx"), empty)
    assert workbook_at(path).write(toolkit_plan()).tabs_written


def test_digitally_signed_workbook(tmp_path: Path) -> None:
    path = _rewrite(_plain(tmp_path / "signed.xlsx"), lambda _n, data: data,
                    {"_xmlsignatures/sig1.xml": b"<Signature/>"})
    _refused(tmp_path, path, WriteRefusedError, "digitally signed")


@pytest.mark.parametrize("lock", ["~$book.xlsx", ".~lock.book.xlsx#"])
def test_workbook_open_in_excel_or_libreoffice(tmp_path: Path, lock: str) -> None:
    path = _plain(tmp_path / "book.xlsx")
    (tmp_path / lock).write_text("owner")
    before = path.read_bytes()
    with pytest.raises(WorkbookBusyError, match="Close the workbook"):
        workbook_at(path).write(toolkit_plan())
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, lock])


@pytest.mark.parametrize("owner_tab", ["Drafts", "drafts", "DRAFTS"])
def test_owner_tab_with_a_toolkit_name(tmp_path: Path, owner_tab: str) -> None:
    path = _plain(tmp_path / "book.xlsx", tab=owner_tab)
    before = path.read_bytes()
    with pytest.raises(TabConflictError) as caught:
        workbook_at(path).write(toolkit_plan())
    message = str(caught.value)
    assert f"'{owner_tab}'" in message and "Rename your tab" in message
    _untouched(tmp_path, path, before)


def test_owner_tab_added_surgically_is_still_the_owners(tmp_path: Path) -> None:
    path = _plain(tmp_path / "book.xlsx")
    add_owner_tab(path, Tab("Summary", ("My", "own"), (("a", 1),)))
    table = workbook_at(path).read().table("Summary")
    assert table is not None and not table.owned
    _refused(tmp_path, path, TabConflictError, "Summary")


def test_read_only_workbook(tmp_path: Path) -> None:
    path = _plain(tmp_path / "book.xlsx")
    path.chmod(0o444)
    try:
        _refused(tmp_path, path, WriteRefusedError, "read-only")
    finally:
        path.chmod(0o644)


def test_a_linked_workbook_is_written_through_the_link(tmp_path: Path) -> None:
    real = _plain(tmp_path / "real.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    workbook_at(link, keep_backups=0).write(toolkit_plan())
    assert link.is_symlink()
    assert "Drafts" in [t.tab for t in workbook_at(real).read().tables]
