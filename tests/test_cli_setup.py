"""init, check, cron and the exit codes, through the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import customers_and_orders, make_workbook, read_tabs
from toolkit.cli import cli

TODAY = dt.date(2026, 11, 22)


def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    if cwd is None:
        result = runner.invoke(cli, list(args))
    else:
        with runner.isolated_filesystem(temp_dir=cwd):
            result = runner.invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "shop.xlsx", customers_and_orders(TODAY))


def test_init_writes_a_commented_config_and_never_overwrites(tmp_path: Path, shop: Path
                                                             ) -> None:
    config = tmp_path / "toolkit.toml"
    code, out, err = invoke("init", "--source", str(shop), "--business-name", "Juniper",
                            "--time", "06:30", "--config", str(config))
    assert code == 0, err
    text = config.read_text(encoding="utf-8")
    assert "#" in text and "06:30" in text and shop.name in text
    code, _, err = invoke("init", "--source", str(shop), "--config", str(config))
    assert code == 1 and err.startswith("Error: ")
    assert config.read_text(encoding="utf-8") == text
    # the written config drives a run and a cron line
    code, out, err = invoke("run", "--config", str(config), "--today", TODAY.isoformat())
    assert code == 0, err
    assert "Best customers" in read_tabs(shop)
    code, out, _ = invoke("cron", "--config", str(config))
    assert code == 0
    assert out.startswith("30 6 * * * ") and "-m toolkit run" in out and str(config) in out


def test_check_reports_what_it_understood_and_writes_nothing(shop: Path) -> None:
    before = hashlib.sha256(shop.read_bytes()).hexdigest()
    code, out, err = invoke("check", "--source", str(shop))
    assert code == 0, err
    assert "Customers" in out and "Orders" in out
    assert "-> email" in out and "-> amount" in out
    assert "data problems" in out
    assert "I can write" in out
    assert hashlib.sha256(shop.read_bytes()).hexdigest() == before


def test_check_on_a_broken_sheet_says_what_to_map(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "odd.xlsx", {"Stuff": [["Colour", "Size"], ["red", 3]]})
    code, _, err = invoke("check", "--source", str(path))
    assert code == 1
    assert "Colour" in err and "[columns]" in err


def test_check_says_when_the_workbook_is_open_in_excel(shop: Path) -> None:
    (shop.parent / f"~${shop.name}").write_text("owner", encoding="utf-8")
    code, out, _ = invoke("check", "--source", str(shop))
    assert code == 0
    assert "Cannot write now" in out and "open in Excel" in out


def test_a_bad_config_value_names_the_key(tmp_path: Path, shop: Path) -> None:
    config = tmp_path / "toolkit.toml"
    config.write_text(f'source = "{shop}"\nschedule_time = "7 o\'clock"\n', encoding="utf-8")
    code, _, err = invoke("run", "--config", str(config))
    assert code == 1
    assert "schedule_time" in err


def test_exit_codes(tmp_path: Path, shop: Path) -> None:
    assert invoke("run", "--source", str(shop), "--today", TODAY.isoformat())[0] == 0
    assert invoke("run", "--source", str(tmp_path / "missing.xlsx"))[0] == 1
    assert invoke("run", "--source", str(shop), "--bogus")[0] == 2
    assert invoke("cron", cwd=tmp_path)[0] == 1


def test_empty_and_headers_only_workbooks(tmp_path: Path) -> None:
    empty = make_workbook(tmp_path / "empty.xlsx", {"Sheet1": []})
    code, _, err = invoke("run", "--source", str(empty))
    assert code == 1 and "empty" in err.lower()
    headers = make_workbook(tmp_path / "headers.xlsx",
                            {"Customers": [["Customer Name", "Email", "Total spent"]]})
    code, _out, err = invoke("run", "--source", str(headers), "--today", TODAY.isoformat())
    assert code == 0, err
    tabs = read_tabs(headers)
    assert tabs["Customers"] == [("Customer Name", "Email", "Total spent")]
    assert len(tabs["Best customers"]) == 1  # the header row: no customers yet


def test_a_failed_run_is_recorded_in_the_run_log(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "odd.xlsx", {"Stuff": [["Colour", "Size"], ["red", 3]]})
    assert invoke("run", "--source", str(path))[0] == 1
    tabs = read_tabs(path)
    assert tabs["Stuff"] == [("Colour", "Size"), ("red", 3)]
    (row,) = tabs["Run log"][1:]
    assert str(row[8]).startswith("failed: ")


def test_the_log_file_never_holds_a_key_or_a_draft_body(tmp_path: Path, shop: Path) -> None:
    key = tmp_path / "key.json"
    key.write_text('{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEsecret\\n"}',
                   encoding="utf-8")
    log = tmp_path / "toolkit.log"
    config = tmp_path / "toolkit.toml"
    config.write_text(f'source = "{shop}"\ncredentials = "{key}"\nlog_file = "{log}"\n',
                      encoding="utf-8")
    code, _, err = invoke("run", "--config", str(config), "-v", "--today", TODAY.isoformat())
    assert code == 0, err
    text = log.read_text(encoding="utf-8")
    assert "run done" in text
    assert "MIIEsecret" not in text and "PRIVATE KEY" not in text
    bodies = [str(r[5]) for r in read_tabs(shop)["Drafts"][1:]]
    assert bodies
    for body in bodies:
        for line in body.splitlines():
            if len(line) > 25:
                assert line not in text
