"""The crontab line: absolute paths, the right minute and hour, safe quoting."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.errors import ConfigError
from toolkit.ops.cron import cron_line


def test_line_runs_the_config_daily_with_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    line = cron_line(Path("toolkit.toml"), "6:05", python="/opt/venv/bin/python",
                     log_file=Path("logs/customer-toolkit.log"))
    root = tmp_path.resolve()
    assert line == (
        f"5 6 * * * /opt/venv/bin/python -m toolkit run --quiet --config {root}/toolkit.toml"
        f" >> {root}/logs/customer-toolkit.log 2>&1"
    )


def test_spaces_quotes_and_percent_survive_cron_and_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "Jo's 100% shop"
    line = cron_line(folder / "toolkit.toml", "23:59", log_file=folder / "run.log")
    assert line.startswith("59 23 * * * ")
    command = line.split(" ", 5)[5]
    assert "%" not in command.replace("\\%", "")  # every % escaped for cron
    as_cron_runs_it = command.replace("\\%", "%")
    words = shlex.split(as_cron_runs_it)
    assert words[:5] == [sys.executable, "-m", "toolkit", "run", "--quiet"]
    assert words[5:7] == ["--config", str(folder / "toolkit.toml")]
    assert words[7:] == [">>", str(folder / "run.log"), "2>&1"]


@pytest.mark.skipif(sys.platform == "win32", reason="cron and /bin/sh are POSIX only")
def test_the_line_really_appends_to_the_log(tmp_path: Path) -> None:
    folder = tmp_path / "100% sure"
    folder.mkdir()
    script = folder / "fake python"
    script.write_text('#!/bin/sh\necho "args: $*"\n', encoding="utf-8")
    script.chmod(0o755)
    line = cron_line(folder / "toolkit.toml", "07:00", python=str(script),
                     log_file=folder / "run.log")
    command = line.split(" ", 5)[5].replace("\\%", "%")
    for _ in range(2):
        subprocess.run(["/bin/sh", "-c", command], check=True)
    log = (folder / "run.log").read_text(encoding="utf-8").splitlines()
    assert log == [f"args: -m toolkit run --quiet --config {folder}/toolkit.toml"] * 2


def test_bad_time_or_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="HH:MM"):
        cron_line(tmp_path / "toolkit.toml", "7pm", log_file=tmp_path / "x.log")
    with pytest.raises(ConfigError, match="line break"):
        cron_line(tmp_path / "a\nb.toml", "07:00", log_file=tmp_path / "x.log")


SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _unit(name: str) -> dict[str, str]:
    settings: dict[str, str] = {}
    for line in (SCRIPTS / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings[key] = value
    return settings


def test_systemd_examples_run_daily_once_after_a_missed_morning() -> None:
    timer = _unit("customer-toolkit.timer")
    assert timer["OnCalendar"] == "*-*-* 07:00:00" and timer["Persistent"] == "true"
    service = _unit("customer-toolkit.service")
    assert service["Type"] == "oneshot"
    assert " -m toolkit run --quiet --config %h/" in service["ExecStart"]


def test_launchd_example_is_a_valid_plist_for_the_same_command() -> None:
    with (SCRIPTS / "com.customer-toolkit.daily.plist").open("rb") as handle:
        plist = plistlib.load(handle)
    assert plist["Label"] == "com.customer-toolkit.daily"
    assert plist["ProgramArguments"][1:6] == ["-m", "toolkit", "run", "--quiet", "--config"]
    assert plist["StartCalendarInterval"] == {"Hour": 7, "Minute": 0}
    assert plist["StandardErrorPath"] == plist["StandardOutPath"]


def test_windows_note_sets_the_missed_run_option() -> None:
    note = (SCRIPTS / "WINDOWS.md").read_text(encoding="utf-8")
    assert "/SC DAILY /ST 07:00" in note
    assert "-m toolkit run --quiet --config" in note
    assert "Run task as soon as possible after a scheduled start is missed" in note
