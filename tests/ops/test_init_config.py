"""`init`: questions, the commented toolkit.toml, and never overwriting one."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import known_keys, load_config
from toolkit.errors import ConfigError
from toolkit.ops.init_config import (
    INIT_QUESTIONS,
    InitQuestion,
    gather_init_answers,
    write_init_config,
)

SHEET = "https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit"


def test_written_file_loads_back_with_the_answers(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    written = write_init_config(
        folder / "toolkit.toml",
        source="shop/customers.xlsx",
        credentials=None,
        business_name='Crumbs & "Co" \\ Café\n',
        time="6:45",
        cwd=tmp_path,
    )
    text = written.read_text(encoding="utf-8")
    assert 'source = "customers.xlsx"' in text  # relative to the file's own folder
    config = load_config(written)
    assert config.source == str(folder.resolve() / "customers.xlsx")
    assert config.business_name == 'Crumbs & "Co" \\ Café'
    assert config.schedule_time == "06:45"
    assert config.credentials is None
    assert config.log_file == folder.resolve() / "customer-toolkit.log"
    assert dict(config.columns) == {}


def test_every_setting_is_explained_in_the_file(tmp_path: Path) -> None:
    written = write_init_config(tmp_path / "toolkit.toml", source="a.xlsx", cwd=tmp_path)
    text = written.read_text(encoding="utf-8")
    for key in known_keys():
        assert key in text, key
    assert text.count("\n#") > 20  # commented, not a bare list of values


def test_google_sheet_and_key_outside_the_folder(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "sa.json"
    written = write_init_config(
        tmp_path / "conf" / "toolkit.toml", source=SHEET, credentials=str(key), cwd=tmp_path
    )
    config = load_config(written)
    assert config.source == SHEET
    assert config.credentials == str(key.resolve())


def test_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "toolkit.toml"
    path.write_text('source = "mine.xlsx"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"already exists.*never overwrite"):
        write_init_config(path, source="other.xlsx", cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == 'source = "mine.xlsx"\n'


def test_bad_values_write_nothing(tmp_path: Path) -> None:
    path = tmp_path / "toolkit.toml"
    with pytest.raises(ConfigError, match="HH:MM"):
        write_init_config(path, source="a.xlsx", time="noon")
    with pytest.raises(ConfigError, match="Excel workbook"):
        write_init_config(path, source="notes.txt")
    assert not path.exists()


def test_questions_are_asked_and_bad_answers_asked_again() -> None:
    asked: list[str] = []
    told: list[str] = []
    replies = ["notes.txt", "shop.xlsx", "  Crumbs  ", "25:00", ""]

    def ask(question: InitQuestion) -> str:
        asked.append(question.key)
        return replies.pop(0)

    answers = gather_init_answers({}, ask, told.append)
    assert answers == {
        "source": "shop.xlsx",
        "credentials": None,  # not asked: an Excel file needs no key
        "business_name": "Crumbs",
        "time": "07:00",  # empty answer takes the default
    }
    assert asked == ["source", "source", "business_name", "time", "time"]
    assert len(told) == 2 and "Excel workbook" in told[0] and "HH:MM" in told[1]


def test_google_sheet_asks_for_the_key_and_flags_skip_questions() -> None:
    asked: list[str] = []

    def ask(question: InitQuestion) -> str:
        asked.append(question.key)
        return {"credentials": "sa.json", "business_name": ""}[question.key]

    answers = gather_init_answers({"source": SHEET, "time": "8:00"}, ask, lambda m: None)
    assert asked == ["credentials", "business_name"]
    assert answers["credentials"] == "sa.json" and answers["business_name"] is None
    assert answers["time"] == "08:00"
    assert set(answers) == {q.key for q in INIT_QUESTIONS}


def test_without_a_terminal_defaults_apply_and_source_is_required() -> None:
    answers = gather_init_answers({"source": "a.xlsx"}, None, lambda m: None)
    assert answers == {"source": "a.xlsx", "credentials": None, "business_name": None,
                       "time": "07:00"}
    with pytest.raises(ConfigError, match="--source is needed"):
        gather_init_answers({}, None, lambda m: None)
    with pytest.raises(ConfigError, match="HH:MM"):
        gather_init_answers({"source": "a.xlsx", "time": "late"}, None, lambda m: None)


def test_every_example_is_valid_once_uncommented(tmp_path: Path) -> None:
    written = write_init_config(tmp_path / "toolkit.toml", source="a.xlsx", cwd=tmp_path)
    keys = (*known_keys(), "email")
    lines = [
        line[2:] if line.startswith("# ") and line[2:].split(" = ")[0] in keys else line
        for line in written.read_text(encoding="utf-8").splitlines()
    ]
    written.write_text("\n".join(lines), encoding="utf-8")
    config = load_config(written)
    assert config.date_order == "dmy" and config.lock_wait_seconds == 30.0
    assert config.templates_dir == tmp_path.resolve() / "templates"
    assert dict(config.columns) == {"email": "E-mail of client"}
