"""Logs: one line per entry, levels per -v/--quiet, and never a secret or a draft body."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.errors import ConfigError
from toolkit.ops.logs import REDACTED, redact, setup_logging, teardown_logging

log = logging.getLogger("toolkit.pipeline")


@pytest.fixture(autouse=True)
def _clean_logging() -> Iterator[None]:
    yield
    teardown_logging()


def _fake_service_account() -> tuple[dict[str, str], list[str]]:
    body = "\n".join(secrets.token_urlsafe(48).replace("_", "+").replace("-", "/")
                     for _ in range(6))
    pem = f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n"
    key_id = secrets.token_hex(20)
    info = {
        "type": "service_account",
        "project_id": "crumbs-cafe",
        "private_key_id": key_id,
        "private_key": pem,
        "client_email": "toolkit@crumbs-cafe.iam.gserviceaccount.com",
        "client_secret": "cs-" + secrets.token_hex(12),
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    return info, [*body.splitlines(), key_id, info["client_secret"]]


def test_a_run_never_writes_credentials_tokens_or_bodies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "logs" / "customer-toolkit.log"
    setup_logging(log_file, verbosity=2, quiet=False, is_tty=False)
    info, secret_parts = _fake_service_account()
    access = "ya29." + secrets.token_urlsafe(40)
    refresh = "1//" + secrets.token_urlsafe(30)
    jwt = "eyJhbGciOiJSUzI1NiJ9." + secrets.token_urlsafe(30) + "." + secrets.token_urlsafe(20)
    body = "Dear Ann, thank you for the lovely chat " + secrets.token_hex(8)

    log.info("run started for %s", "shop.xlsx")
    log.debug("loaded key file %s", info)
    log.debug("credentials repr %r", info)
    logging.getLogger("google.auth.transport").debug(
        "POST /token access_token=%s&refresh_token=%s", access, refresh
    )
    logging.getLogger("urllib3.connectionpool").debug("Authorization: Bearer %s", access)
    log.info("signed assertion %s", jwt)
    log.info("draft for ann@example.com: %s", body, extra={"sensitive": True})
    try:
        raise ValueError(f"could not parse key {info['private_key']}")
    except ValueError:
        log.exception("reading the key failed")
    log.info("run finished: 3 drafts")

    written = log_file.read_text(encoding="utf-8") + capsys.readouterr().err
    for secret in [*secret_parts, access, refresh, jwt, body, "BEGIN PRIVATE KEY"]:
        assert secret not in written, secret
    assert REDACTED in written
    assert "toolkit@crumbs-cafe.iam.gserviceaccount.com" in written  # not a secret
    assert "https://oauth2.googleapis.com/token" in written
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ")[2] for line in lines] == [
        "INFO", "DEBUG", "DEBUG", "DEBUG", "DEBUG", "INFO", "ERROR", "INFO"
    ]  # one line per entry, the sensitive draft dropped, the traceback folded in
    assert "Traceback (most recent call last): | " in lines[6]


def test_levels_follow_verbosity_and_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "run.log"
    setup_logging(log_file, verbosity=0, quiet=True, is_tty=True)
    log.debug("detail")
    log.info("progress")
    log.warning("3 data problems")
    log.error("could not write")
    logging.getLogger("gspread.http").info("library chatter")
    assert capsys.readouterr().err == "error: could not write\n"
    file_text = log_file.read_text(encoding="utf-8")
    assert "progress" in file_text and "3 data problems" in file_text
    assert "detail" not in file_text and "library chatter" not in file_text

    setup_logging(log_file, verbosity=1, quiet=False, is_tty=True)  # replaces the first
    log.debug("detail")
    logging.getLogger("gspread.http").info("library chatter")
    log.warning("careful")
    assert capsys.readouterr().err == "detail\nwarning: careful\n"
    assert logging.getLogger().handlers.count(logging.getLogger().handlers[0]) == 1


def test_console_without_terminal_has_timestamps_and_no_traceback_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging(None, verbosity=0, quiet=False, is_tty=False)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        log.exception("the run failed")
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert " ERROR toolkit.pipeline: the run failed" in err and "Traceback" not in err


def test_log_file_that_cannot_be_written_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="log_file"):
        setup_logging(blocker / "run.log", verbosity=0, quiet=False, is_tty=False)


def test_rotation_keeps_the_file_small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("toolkit.ops.logs.MAX_BYTES", 2_000)
    log_file = tmp_path / "run.log"
    setup_logging(log_file, verbosity=0, quiet=True, is_tty=False)
    for number in range(100):
        log.info("line %d %s", number, "x" * 40)
    assert log_file.stat().st_size <= 2_000
    assert (tmp_path / "run.log.1").exists()
    assert not (tmp_path / "run.log.4").exists()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('{"password": "hunter2", "user": "jo"}', '"user": "jo"'),
        ("token=abc123&sheet=1", "sheet=1"),
        ("X-Goog-Api-Key: AIzaSyA1b2c3", "X-Goog-Api-Key"),
        ("tokens used: 5", "tokens used: 5"),
        ("sheet 1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abc", "1AbCdEfGhIjKlMnOpQrStUvWxYz"),
    ],
)
def test_redact_keeps_what_is_not_secret(text: str, kept: str) -> None:
    result = redact(text)
    assert kept in result
    for secret in ("hunter2", "abc123", "AIzaSyA1b2c3"):
        assert secret not in result
    assert redact(result) == result
