"""The four Sheets API v4 calls a run makes, with counting, retries and plain errors.

gspread's HTTPClient does the talking through its low-level calls only: not
`open_by_key` (it turns a 403 into Python's PermissionError), not `get_all_records`
(it numericises "00123"), not `Worksheet.batch_update` (it mutates the dicts it is
given) and not `update_cell` (USER_ENTERED). Its BackOffHTTPClient retries forever, so
retries live here: bounded tries and total wait, back-off with jitter, Retry-After
honoured. A call that is not safe to repeat (a spreadsheet batchUpdate that adds tabs)
is never repeated blindly: after a 5xx or a lost connection it raises UncertainWrite and
the caller re-reads the sheet before deciding what to send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import requests
from google.auth import exceptions as auth_exceptions
from google.auth.transport.requests import AuthorizedSession, Request
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient, ParamsType
from requests.adapters import BaseAdapter, HTTPAdapter

from toolkit.errors import SheetsError
from toolkit.sheets.auth import ServiceAccount
from toolkit.sheets.failures import Context, gave_up, key_refused, refused
from toolkit.sheets.retry import RETRYABLE_STATUSES, GiveUp, RetryBudget, parse_retry_after

logger = logging.getLogger(__name__)

TIMEOUT = (15.0, 120.0)  # connect, read (seconds)
# Only what the adapter uses: tab properties, the toolkit's marker, and chart ids.
METADATA_FIELDS = (
    "spreadsheetId,properties.title,sheets(properties,developerMetadata,charts.chartId)"
)


class UncertainWrite(Exception):
    """A write that is not safe to repeat failed in a way that leaves its effect unknown."""

    def __init__(self, tries: int) -> None:
        super().__init__("the write may or may not have been applied")
        self.tries = tries


class _CountingClient(HTTPClient):
    """gspread's HTTP client, counting every request it sends (retries included)."""

    def __init__(self, credentials: Any, session: requests.Session) -> None:
        super().__init__(auth=credentials, session=session)
        self.calls = 0

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls += 1
        return super().request(*args, **kwargs)


def authorized_session(account: ServiceAccount, transport: BaseAdapter | None) -> Any:
    """A requests session that signs in as the service account.

    `transport`, when given, carries every request (the token fetch and google-auth's
    background lookups too); tests pass one that reaches a local fake. Production
    leaves it None and talks to Google.
    """
    token_session = requests.Session()
    token_session.mount("https://", transport or HTTPAdapter(max_retries=3))
    session = AuthorizedSession(  # type: ignore[no-untyped-call]
        account.credentials, auth_request=Request(token_session)
    )
    if transport is not None:
        session.mount("https://", transport)
        session.mount("http://", transport)
    return session


class SheetsApi:
    """One spreadsheet, one service account: the calls the adapter needs."""

    def __init__(
        self,
        spreadsheet_id: str,
        account: ServiceAccount,
        *,
        transport: BaseAdapter | None,
        new_budget: Callable[[], RetryBudget],
    ) -> None:
        self.spreadsheet_id = spreadsheet_id
        self.context = Context(spreadsheet_id, account.email, account.project_id)
        self._client = _CountingClient(
            account.credentials, authorized_session(account, transport)
        )
        self._client.set_timeout(TIMEOUT)
        self._new_budget = new_budget

    @property
    def calls(self) -> int:
        return int(self._client.calls)

    def budget(self) -> RetryBudget:
        return self._new_budget()

    # ------------------------------------------------------------------ the calls

    def metadata(self, budget: RetryBudget) -> dict[str, Any]:
        """Tabs, their sizes, developer metadata and charts (no cell data)."""
        params: ParamsType = {"includeGridData": "false", "fields": METADATA_FIELDS}
        return dict(self._call(
            lambda: self._client.fetch_sheet_metadata(self.spreadsheet_id, params=params),
            budget, idempotent=True, writing=False,
        ))

    def values_batch_get(
        self, ranges: Sequence[str], params: Mapping[str, str], budget: RetryBudget
    ) -> dict[str, Any]:
        return dict(self._call(
            lambda: self._client.values_batch_get(
                self.spreadsheet_id, list(ranges), params=dict(params)
            ),
            budget, idempotent=True, writing=False,
        ))

    def batch_update(
        self,
        requests_: Sequence[Mapping[str, Any]],
        budget: RetryBudget,
        *,
        idempotent: bool,
        tries_before: int = 0,
    ) -> dict[str, Any]:
        body = {"requests": list(requests_)}
        return dict(self._call(
            lambda: self._client.batch_update(self.spreadsheet_id, body),
            budget, idempotent=idempotent, writing=True, tries_before=tries_before,
        ))

    def values_batch_update(
        self, data: Sequence[Mapping[str, Any]], budget: RetryBudget
    ) -> dict[str, Any]:
        # RAW: customer text is stored as typed, a leading "=" never makes a formula.
        # Fixed ranges and RAW make this safe to repeat.
        body = {"valueInputOption": "RAW", "data": list(data)}
        return dict(self._call(
            lambda: self._client.values_batch_update(self.spreadsheet_id, body),
            budget, idempotent=True, writing=True,
        ))

    # ------------------------------------------------------------------ retries

    def _call(
        self,
        send: Callable[[], Any],
        budget: RetryBudget,
        *,
        idempotent: bool,
        writing: bool,
        tries_before: int = 0,
    ) -> Any:
        tries = tries_before
        while True:
            tries += 1
            status: int | None
            try:
                return send()
            except APIError as exc:
                status = int(exc.response.status_code)
                payload = _json(exc.response)
                if status not in RETRYABLE_STATUSES:
                    raise refused(status, payload, self.context, writing=writing) from None
                retry_after = parse_retry_after(exc.response.headers.get("Retry-After"))
            except auth_exceptions.RefreshError as exc:
                detail = str(exc.args[0]) if exc.args else "no reason given"
                raise key_refused(self.context, detail) from None
            except (requests.ConnectionError, requests.Timeout,
                    auth_exceptions.TransportError):
                status, payload, retry_after = None, None, None
            try:
                budget.wait_before_retry(tries, retry_after)
            except GiveUp as spent:
                raise gave_up(status, payload, self.context, spent.tries, spent.waited) from None
            logger.warning(
                "Google Sheets answered %s; trying again (try %d of at most %d)",
                status if status is not None else "nothing (connection failed)",
                tries + 1, budget.policy.max_tries,
            )
            if not idempotent and status != 429:
                # 429 means "not done, come back later"; anything else may have been done.
                raise UncertainWrite(tries)


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def require(reply: Mapping[str, Any], key: str, what: str, ctx: Context) -> Any:
    """A field Google always sends; a reply without it is a fault worth naming."""
    if key not in reply:
        raise SheetsError(
            f"{ctx.sheet}: Google Sheets sent an unexpected answer while {what} "
            f"(no {key!r}). Run again; if it persists, report this message."
        )
    return reply[key]
