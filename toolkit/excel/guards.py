"""Refusals: the situations where the toolkit must not write, checked before anything is
touched, each with a message that tells the owner what to do."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import SourceError, WorkbookBusyError, WriteRefusedError
from toolkit.excel.workbook_xml import WorkbookXml

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SCAN_CHUNK = 1 << 20


def lock_file(path: Path) -> Path | None:
    """Excel's or LibreOffice's "this file is open" marker next to `path`, if any."""
    folder, name = path.parent, path.name
    candidates = [folder / f"~${name}", folder / f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(folder / f"~${name[2:]}")
    return next((c for c in candidates if c.exists()), None)


def check_not_busy(path: Path) -> None:
    lock = lock_file(path)
    if lock is None:
        return
    app = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
    raise WorkbookBusyError(
        f"{path.name} is open in {app} (its lock file {lock.name} is next to it), so I did "
        "not change it. Close the workbook and I will write my tabs on the next try. If it "
        f"is not open anywhere, the lock file was left behind: delete {lock} and run again.")


def _contains(path: Path, needle: bytes) -> bool:
    with path.open("rb") as fp:
        tail = b""
        while chunk := fp.read(_SCAN_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def check_is_package(path: Path) -> None:
    """Raise SourceError unless `path` is a zip package (an .xlsx/.xlsm can be)."""
    if not path.exists():
        raise SourceError(f"{path}: there is no file here. Check the path (and the folder) "
                          "given as --source.")
    if path.is_dir():
        raise SourceError(f"{path}: this is a folder, not a workbook. Give the workbook file.")
    with path.open("rb") as fp:
        head = fp.read(8)
    if head[:4] in _ZIP_MAGIC:
        return
    if head == _CFB_MAGIC:
        if _contains(path, _ENCRYPTED_STREAM):
            raise SourceError(
                f"{path.name} is protected with a password to open, so I cannot read it. In "
                "Excel: File > Info > Protect Workbook > Encrypt with Password, clear the "
                "password, save, and run again (or point me at an unprotected copy).")
        raise SourceError(
            f"{path.name} is an old-format Excel file (.xls) with a {path.suffix} name. Open "
            "it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then run "
            "again.")
    raise SourceError(
        f"{path.name} is not an Excel workbook (it does not start like one). Check that "
        "--source points at the .xlsx file; if it was renamed, save it again from Excel as "
        "an Excel Workbook (.xlsx).")


def check_part_names(label: str, names: list[str]) -> None:
    """Refuse packages whose part names Excel tolerates but the package rules forbid."""
    if any("\\" in n for n in names):
        raise WriteRefusedError(
            f"{label}: the program that made this workbook stored its parts with backslashes "
            "in their names. Excel copes, but I will not add tabs to it. Open it in Excel or "
            "LibreOffice, save it once as an Excel Workbook (.xlsx), and run again.")


def check_writable(label: str, names: list[str], workbook: WorkbookXml,
                   workbook_part: str) -> None:
    """Raise WriteRefusedError for packages the toolkit must leave alone."""
    lowered = [n.lower() for n in names]
    if any(n.startswith("_xmlsignatures/") for n in lowered):
        raise WriteRefusedError(
            f"{label} is digitally signed; adding my tabs would break the signature. Run me "
            "on an unsigned copy (File > Save As), or remove the signature, and run again.")
    if workbook.strict:
        raise WriteRefusedError(
            f"{label} is saved as 'Strict Open XML Spreadsheet'. Save it as an ordinary "
            "Excel Workbook (.xlsx) (File > Save As) and run again.")
    if any(n.startswith("xl/revisions/") for n in lowered):
        raise WriteRefusedError(
            f"{label} is a legacy shared workbook (Review > Share Workbook). Turn sharing off "
            "(or save an unshared copy) and run again; I will not add tabs to a shared "
            "workbook because it would break the change history.")
    if workbook.structure_locked:
        raise WriteRefusedError(
            f"{label}: the workbook's structure is protected (Review > Protect Workbook), so "
            "no tabs may be added. Unprotect the structure, or point me at a copy, and run "
            "again.")
    if not workbook_part.lower().endswith(".xml"):
        raise WriteRefusedError(
            f"{label} is a binary workbook (.xlsb) with a {Path(label).suffix} name. Save it "
            "as an Excel Workbook (.xlsx) and run again.")
    if workbook.sheets_element is None:
        raise WriteRefusedError(
            f"{label}: the workbook part has no list of tabs, so I cannot add mine. Open it "
            "in Excel, save it once, and run again.")
