"""LibreOffice opens what the toolkit wrote: every tab converts to CSV headless and the
toolkit's rows read back; a LibreOffice re-save keeps the toolkit's ownership marks."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from excel_support import CORPUS, copy_to, expected_cell, toolkit_plan, workbook_at

from toolkit.model import CellValue

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                       "apt-get install libreoffice-calc to run this check"),
]
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
SAMPLES = ["WithChart.xlsx", "pivots.xlsx", "ExcelWithAttachments.xlsm",
           "simple-monthly-budget.xlsx", "WithChartSheet.xlsx"]


def _soffice(tmp: Path, *args: str) -> None:
    assert SOFFICE is not None
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", *args],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp),
                                                                       "PATH": "/usr/bin:/bin"})


def _as_shown(value: CellValue, shown: str) -> bool:
    expected = expected_cell(value)
    if expected is None:
        return shown == ""
    if isinstance(expected, bool):
        return shown.upper() == str(expected).upper()
    if isinstance(expected, float):
        return float(shown) == pytest.approx(expected)
    if isinstance(expected, dt.date):
        day = expected.date() if isinstance(expected, dt.datetime) else expected
        text = shown.split(" ")[0]
        for pattern in ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                if dt.datetime.strptime(text, pattern).date() == day:
                    return True
            except ValueError:
                continue
        return False
    return shown == expected


def _check_csv_tabs(tmp: Path, path: Path) -> None:
    out = tmp / "csv"
    _soffice(tmp, "--convert-to", CSV_FILTER, "--outdir", str(out), str(path))
    for tab in toolkit_plan().tabs:
        target = out / f"{path.stem}-{tab.name}.csv"
        assert target.is_file(), sorted(p.name for p in out.iterdir())
        with target.open(encoding="utf-8", newline="") as fp:
            rows = list(csv.reader(fp))
        assert tuple(rows[0][: len(tab.header)]) == tab.header
        for row, shown in zip(tab.rows, rows[1:], strict=True):
            for value, text in zip(row, shown, strict=False):
                assert _as_shown(value, text), (tab.name, value, text)


@pytest.mark.parametrize("name", SAMPLES)
def test_libreoffice_reads_the_toolkit_tabs(tmp_path: Path, name: str) -> None:
    path = copy_to(tmp_path, CORPUS / name)
    workbook_at(path).write(toolkit_plan())
    _check_csv_tabs(tmp_path, path)


def test_ownership_survives_a_libreoffice_resave(tmp_path: Path) -> None:
    path = copy_to(tmp_path, CORPUS / "WithChart.xlsx")
    workbook_at(path).write(toolkit_plan())
    resaved_dir = tmp_path / "resaved"
    _soffice(tmp_path, "--convert-to", "xlsx", "--outdir", str(resaved_dir), str(path))
    resaved = resaved_dir / path.name
    book = workbook_at(resaved)
    owned = [t.tab for t in book.read().tables if t.owned]
    assert owned == ["Best customers", "Summary", "Drafts"]
    before = [t.tab for t in book.read().tables]
    book.write(toolkit_plan())
    assert [t.tab for t in book.read().tables] == before  # replaced in place, no duplicates
    _check_csv_tabs(tmp_path, resaved)
