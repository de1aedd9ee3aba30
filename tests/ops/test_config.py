"""toolkit.toml: defaults, relative paths, validation messages, command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import (
    DEFAULT_CONFIG_NAME,
    Config,
    default_config_path,
    load_config,
    merge_cli,
    parse_time_of_day,
)
from toolkit.errors import ConfigError

SHEET = "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / DEFAULT_CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_no_path_gives_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.schedule_time == "07:00"
    assert config.log_file is None and config.source is None


def test_full_file_resolves_paths_next_to_the_config(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
source = "data/shop.xlsx"
credentials = "keys/service.json"
business_name = "Crumbs Café"
schedule_time = "6:30"
date_order = "DMY"
templates_dir = "my-templates"
outbox_dir = "/srv/outbox"
lock_wait_seconds = 10
busy_retry_minutes = 2.5

[columns]
email = "E-mail of client"
last_purchase = "Seen"
""",
    )
    config = load_config(path)
    root = tmp_path.resolve()
    assert config.path == path.resolve()
    assert config.source == str(root / "data" / "shop.xlsx")
    assert config.credentials == str(root / "keys" / "service.json")
    assert config.business_name == "Crumbs Café"
    assert config.schedule_time == "06:30"
    assert config.date_order == "dmy"
    assert config.templates_dir == root / "my-templates"
    assert config.outbox_dir == Path("/srv/outbox")
    assert config.log_file == root / "customer-toolkit.log"
    assert dict(config.columns) == {"email": "E-mail of client", "last_purchase": "Seen"}
    assert config.lock_wait_seconds == 10.0 and config.busy_retry_minutes == 2.5


def test_google_sheet_source_is_kept_as_typed(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, f'source = "{SHEET}"\nlog_file = "logs/run.log"\n'))
    assert config.source == SHEET
    assert config.log_file == tmp_path.resolve() / "logs" / "run.log"


def test_byte_order_mark_from_notepad_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / DEFAULT_CONFIG_NAME
    path.write_bytes(b'\xef\xbb\xbfschedule_time = "08:15"\n')
    assert load_config(path).schedule_time == "08:15"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('sorce = "shop.xlsx"', ["toolkit.toml", "sorce", 'Did you mean "source"?']),
        ('sign_off = "Jo"', ["sign_off", "Settings tab"]),
        ('schedule_time = "7am"', ["schedule_time", "'7am'", "HH:MM", '"07:00"']),
        ('schedule_time = "24:00"', ["schedule_time", "HH:MM"]),
        ("schedule_time = 7", ["schedule_time", "in quotes"]),
        ('date_order = "ymd"', ["date_order", "'ymd'", '"dmy"', '"mdy"']),
        ("source = 12", ["source", "text in quotes"]),
        ('lock_wait_seconds = "30"', ["lock_wait_seconds", "from 0 to 3600"]),
        ("lock_wait_seconds = true", ["lock_wait_seconds", "seconds"]),
        ("busy_retry_minutes = -1", ["busy_retry_minutes", "from 0 to 240"]),
        ('columns = "email"', ["columns", "[columns]"]),
        ("[columns]\nemail = 3", ["[columns] email", "header text"]),
        ('source = "shop.xlsx', ["not a valid settings file", "line 1"]),
    ],
)
def test_bad_values_name_the_file_the_key_and_what_is_allowed(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    path = _write(tmp_path, text + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(str(path.resolve()))
    for part in expected:
        assert part in message


def test_missing_file_given_explicitly_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no such settings file.*customer-toolkit init"):
        load_config(tmp_path / "nope.toml")


def test_folder_and_non_utf8_are_explained(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path)
    path = tmp_path / DEFAULT_CONFIG_NAME
    path.write_bytes('source = "caf\xe9.xlsx"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(path)


def test_default_config_path(tmp_path: Path) -> None:
    assert default_config_path(tmp_path) is None
    _write(tmp_path, "")
    assert default_config_path(tmp_path) == tmp_path / DEFAULT_CONFIG_NAME


def test_command_line_values_win_and_are_relative_to_cwd(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, 'source = "a.xlsx"\nschedule_time = "07:00"\n'))
    cwd = tmp_path / "elsewhere"
    merged = merge_cli(
        config, cwd=cwd, source="b.xlsx", schedule_time="9:05", credentials="k.json",
        date_order="mdy", log_file=None,
    )
    assert merged.source == str(cwd.resolve() / "b.xlsx")
    assert merged.credentials == str(cwd.resolve() / "k.json")
    assert merged.schedule_time == "09:05"
    assert merged.date_order == "mdy"
    assert merged.log_file == config.log_file  # None means "not given"
    assert merge_cli(config, cwd=cwd) == config


def test_command_line_values_are_validated() -> None:
    with pytest.raises(ConfigError, match="--time = '25:00'"):
        merge_cli(Config(), schedule_time="25:00")
    with pytest.raises(ConfigError, match="--date-order"):
        merge_cli(Config(), date_order="european")


def test_parse_time_of_day() -> None:
    assert parse_time_of_day(" 7:00 ") == "07:00"
    assert parse_time_of_day("23:59") == "23:59"
    for bad in ("", "7", "07:60", "12:00pm", "1:2"):
        with pytest.raises(ConfigError):
            parse_time_of_day(bad)
