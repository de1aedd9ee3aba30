"""End to end through the command line on real .xlsx files built in tmp_path."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import TOOLKIT_TABS, customers_and_orders, make_workbook, read_tabs, records
from toolkit.cli import cli

TODAY = dt.date(2026, 11, 22)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "shop.xlsx", customers_and_orders(TODAY))


def test_run_writes_every_tab_and_leaves_owner_tabs_alone(shop: Path) -> None:
    before = read_tabs(shop)
    code, out, err = invoke("run", "--source", str(shop), "--today", TODAY.isoformat())
    assert code == 0, err
    assert "Follow-ups" in out
    after = read_tabs(shop)
    assert after["Customers"] == before["Customers"]
    assert after["Orders"] == before["Orders"]
    assert set(after) >= TOOLKIT_TABS
    best = records(after["Best customers"])
    assert [r["Rank"] for r in best] == list(range(1, len(best) + 1))
    assert best[0]["Customer"] == "Ada Lovelace"
    assert list(after["Best customers"][0][:10]) == [
        "Rank", "Customer", "Email", "Segment", "Score", "Orders", "Revenue",
        "Last purchase", "Days since", "Why"]
    # the duplicate Ada was merged and reported
    assert sum(1 for r in best if r["Email"] == "ada@example.com") == 1
    problems = records(after["Data problems"])
    assert any("uplicate" in str(p["Problem"]) for p in problems)
    # hostile text stays literal text
    assert any(r["Customer"] == '=HYPERLINK("http://evil")' for r in best)


def test_same_today_twice_gives_the_same_tabs(shop: Path) -> None:
    assert invoke("run", "--source", str(shop), "--today", TODAY.isoformat())[0] == 0
    first = read_tabs(shop)
    assert invoke("run", "--source", str(shop), "--today", TODAY.isoformat())[0] == 0
    second = read_tabs(shop)
    assert list(first) == list(second)
    for name in first:
        if name != "Run log":
            assert first[name] == second[name], name
    assert len(second["Run log"]) == len(first["Run log"]) + 1


def test_dry_run_writes_nothing(shop: Path) -> None:
    before = digest(shop)
    code, out, _ = invoke("run", "--source", str(shop), "--today", TODAY.isoformat(),
                          "--dry-run")
    assert code == 0
    assert "nothing was written" in out
    assert "Best customers" in out
    assert digest(shop) == before


def test_not_a_workbook_is_a_clear_error_and_untouched(tmp_path: Path) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_text("this is not a spreadsheet", encoding="utf-8")
    code, _, err = invoke("run", "--source", str(fake))
    assert code == 1
    assert err.startswith("Error: ")
    assert "notes.xlsx" in err
    assert fake.read_text(encoding="utf-8") == "this is not a spreadsheet"


def test_missing_columns_lists_headers_found(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "odd.xlsx", {"Stuff": [["Colour", "Size"], ["red", 3]]})
    before = read_tabs(path)
    code, _, err = invoke("run", "--source", str(path))
    assert code == 1
    assert "Colour" in err and "Size" in err
    assert "[columns]" in err
    assert read_tabs(path)["Stuff"] == before["Stuff"]


def test_owner_tab_with_a_toolkit_name_is_never_overwritten(tmp_path: Path) -> None:
    tabs = customers_and_orders(TODAY)
    tabs["Drafts"] = [["My own drafts"], ["do not touch"]]
    path = make_workbook(tmp_path / "shop.xlsx", tabs)
    before = digest(path)
    code, _, err = invoke("run", "--source", str(path), "--today", TODAY.isoformat())
    assert code == 1
    assert "Drafts" in err and "Rename" in err
    assert digest(path) == before


def test_usage_errors_exit_2(shop: Path) -> None:
    assert invoke("run", "--source", str(shop), "--today", "yesterday")[0] == 2
    assert invoke("frobnicate")[0] == 2
    assert invoke("run")[0] == 2


def test_help_and_version_speak_owner_words() -> None:
    code, out, _ = invoke("--help")
    assert code == 0 and "best customers" in out
    code, out, _ = invoke("run", "--help")
    assert code == 0 and "--dry-run" in out
    code, out, _ = invoke("--version")
    assert code == 0 and "customer-toolkit" in out


def test_python_dash_m_toolkit_runs(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    done = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True,
                          text=True, check=False, cwd=tmp_path, env=env)
    assert done.returncode == 0
    assert "customer-toolkit" in done.stdout or "Usage" in done.stdout
