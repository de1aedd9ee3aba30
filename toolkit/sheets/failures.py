"""Turn Google's refusals into messages an owner can act on.

Every message says which sheet, what went wrong and the next step. Google's own
wording is added where it helps; the key file's contents never appear.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.errors import CredentialsError, SheetsError

SHEETS_API_LIBRARY = "https://console.cloud.google.com/apis/library/sheets.googleapis.com"


class RefusedError(SheetsError):
    """Google gave a final no; `status` is its HTTP status (400, 403, 404...)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Context:
    """Who is asking for which sheet, for the messages."""

    spreadsheet_id: str
    email: str
    project_id: str

    @property
    def sheet(self) -> str:
        return f"Google Sheet {self.spreadsheet_id}"


def error_body(payload: Any) -> Mapping[str, Any]:
    """The {"code", "message", "status", "details"} part of a Google error reply."""
    if isinstance(payload, Mapping):
        inner = payload.get("error", payload)
        if isinstance(inner, Mapping):
            return inner
    return {}


def _reasons(error: Mapping[str, Any]) -> set[str]:
    found = set()
    for detail in error.get("details") or ():
        if isinstance(detail, Mapping) and detail.get("reason"):
            found.add(str(detail["reason"]))
    return found


def _activation_link(error: Mapping[str, Any], ctx: Context) -> str:
    for detail in error.get("details") or ():
        if not isinstance(detail, Mapping):
            continue
        for link in detail.get("links") or ():
            if isinstance(link, Mapping) and "sheets.googleapis.com" in str(link.get("url")):
                return str(link["url"])
        metadata = detail.get("metadata")
        if isinstance(metadata, Mapping) and metadata.get("activationUrl"):
            return str(metadata["activationUrl"])
    suffix = f"?project={ctx.project_id}" if ctx.project_id else ""
    return SHEETS_API_LIBRARY + suffix


def is_service_disabled(error: Mapping[str, Any]) -> bool:
    message = str(error.get("message", ""))
    return "SERVICE_DISABLED" in _reasons(error) or (
        "has not been used in project" in message or "it is disabled" in message
    )


def refused(status: int, payload: Any, ctx: Context, *, writing: bool) -> SheetsError:
    """The error for a final, non-retryable answer from the Sheets API."""
    if status == 401:
        error = error_body(payload)
        said = str(error.get("message") or "").strip()
        return CredentialsError(
            f"{ctx.sheet}: Google did not accept the sign-in of {ctx.email} ({said}). "
            "Create a new JSON key for the service account and pass it with --credentials."
        )
    return RefusedError(_refusal(status, payload, ctx, writing=writing), status)


def _refusal(status: int, payload: Any, ctx: Context, *, writing: bool) -> str:
    error = error_body(payload)
    said = str(error.get("message") or "").strip()
    google_said = f" (Google said: {said})" if said else ""
    if status == 404:
        return (
            f"{ctx.sheet} was not found. Check the --source link (copy it from the "
            "browser's address bar while the sheet is open); if the sheet was deleted, "
            "restore it from Google Drive's bin."
        )
    if status == 403 and is_service_disabled(error):
        project = f" {ctx.project_id!r}" if ctx.project_id else ""
        return (
            f"{ctx.sheet}: the Google Sheets API is not enabled for the Google Cloud "
            f"project{project} that owns the service account {ctx.email}. Open "
            f"{_activation_link(error, ctx)} , click Enable, wait a minute, then run again."
        )
    if status == 403 and writing:
        return (
            f"{ctx.sheet}: the service account {ctx.email} may read this sheet but not "
            f"change it. In the sheet: Share > set {ctx.email} to Editor > Save, then run "
            "again. Nothing was written."
        )
    if status == 403:
        return (
            f"{ctx.sheet} is not shared with the toolkit's service account {ctx.email}. "
            f"Open the sheet, click Share, add {ctx.email} as Editor (untick 'Notify'), "
            f"then run again.{google_said}"
        )
    if status == 400:
        return (
            f"{ctx.sheet}: Google Sheets refused the request{google_said}. If someone was "
            "editing the toolkit's tabs while it ran, run again; otherwise report this "
            "message."
        )
    return (
        f"{ctx.sheet}: Google Sheets answered {status}{google_said}. Run again later; a "
        "re-run rewrites the toolkit's tabs completely."
    )


def gave_up(status: int | None, payload: Any, ctx: Context, tries: int, waited: float) -> (
    SheetsError
):
    """The error after retries ran out on 429, 5xx or a network failure."""
    spent = f"after {tries} tries over {waited:.0f} seconds"
    if status == 429:
        return SheetsError(
            f"{ctx.sheet}: Google's Sheets API quota for {ctx.email} is used up for now: it "
            f"still said 'too many requests' (429) {spent}. Wait a few minutes and run "
            "again; if it happens every day, run less often or ask for a higher quota in "
            "Google Cloud console (APIs & Services > Sheets API > Quotas)."
        )
    if status is None:
        return SheetsError(
            f"{ctx.sheet}: could not reach Google Sheets {spent}. Check the internet "
            "connection, then run again; a re-run rewrites the toolkit's tabs completely."
        )
    error = error_body(payload)
    label = str(error.get("status") or "server error")
    return SheetsError(
        f"{ctx.sheet}: Google Sheets kept failing ({status} {label}) {spent}. This is on "
        "Google's side: wait a while and run again; a re-run rewrites the toolkit's tabs "
        "completely."
    )


def key_refused(ctx: Context, detail: str) -> CredentialsError:
    """Google's token service refused the key (deleted key, disabled account...)."""
    return CredentialsError(
        f"{ctx.sheet}: Google refused the service-account key of {ctx.email} ({detail}). "
        "The key may have been deleted or the account disabled: create a new JSON key "
        "for it in Google Cloud console and pass it with --credentials."
    )
