"""Load the owner's Google service-account key and turn it into credentials.

The key file is read from the path the owner gives and never logged, printed or echoed
in a message: messages name the file and the service account's email, nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from google.oauth2 import service_account

from toolkit.errors import CredentialsError

# The least scope that lets the toolkit read and write one spreadsheet opened by key.
# No Drive scope: the toolkit never lists, creates or shares files.
SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
REQUIRED_FIELDS = ("client_email", "private_key", "token_uri")

_HOW_TO_GET_ONE = (
    "In Google Cloud console: IAM & Admin > Service accounts > your account > Keys > "
    "Add key > Create new key > JSON, then pass the downloaded file with --credentials "
    "(README section 'Google Sheets' shows every step)."
)


@dataclass(frozen=True)
class ServiceAccount:
    """A loaded key: who the toolkit acts as, and the credentials that prove it."""

    email: str
    project_id: str
    credentials: Any  # google.oauth2.service_account.Credentials (untyped library)


def load_service_account(path: Path) -> ServiceAccount:
    """Read and check a service-account JSON key; raise CredentialsError saying what to do."""
    info = _read_key_file(path)
    missing = [name for name in REQUIRED_FIELDS if not str(info.get(name) or "").strip()]
    if missing:
        raise CredentialsError(
            f"{path}: this key file lacks {', '.join(missing)}, so it is not a complete "
            f"service-account key. Download a fresh JSON key. {_HOW_TO_GET_ONE}"
        )
    email = str(info["client_email"])
    if "PLACEHOLDER" in str(info["private_key"]):
        raise CredentialsError(
            f"{path}: this is the example key with placeholders, not a real key. "
            f"{_HOW_TO_GET_ONE}"
        )
    try:
        credentials = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
            info, scopes=list(SCOPES)
        )
    except (ValueError, TypeError, IndexError):
        # The library's message may quote parts of the key: never pass it on.
        raise CredentialsError(
            f"{path}: the private key in this file cannot be read (the file is damaged or "
            f"was edited). Download a fresh JSON key for {email}. {_HOW_TO_GET_ONE}"
        ) from None
    return ServiceAccount(
        email=email, project_id=str(info.get("project_id") or ""), credentials=credentials
    )


def _read_key_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise CredentialsError(
            f"{path}: there is no Google service-account key file here. Check the "
            f"--credentials path (or credentials = \"...\" in toolkit.toml). {_HOW_TO_GET_ONE}"
        )
    if path.is_dir():
        raise CredentialsError(
            f"{path}: this is a folder; --credentials needs the service-account key file "
            "(a .json file) inside it."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise CredentialsError(
            f"{path}: I cannot read this file as text. Check it is the JSON key you "
            f"downloaded and that your user may read it. {_HOW_TO_GET_ONE}"
        ) from None
    try:
        info = json.loads(text)
    except ValueError:
        raise CredentialsError(
            f"{path}: this file is not valid JSON, so it is not a service-account key "
            f"(was it cut short or edited?). {_HOW_TO_GET_ONE}"
        ) from None
    if not isinstance(info, dict):
        raise CredentialsError(
            f"{path}: this JSON is not a service-account key. {_HOW_TO_GET_ONE}"
        )
    kind = info.get("type")
    if kind != "service_account":
        found = "an OAuth client (installed/web app)" if (
            "installed" in info or "web" in info
        ) else f"type {kind!r}"
        raise CredentialsError(
            f"{path}: this is {found}, not a service-account key (its \"type\" must be "
            f"\"service_account\"). {_HOW_TO_GET_ONE}"
        )
    return info
