"""The fake Google: routes, sign-in, sharing, quotas, injected faults and a request log.

`handle()` takes one HTTP request (already redirected from *.googleapis.com) and returns
what Google would: status, headers, JSON body.
"""

from __future__ import annotations

import json
import math
import random
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

from . import values as values_api
from .accounts import Accounts, Grant
from .batch import batch_update, field_paths
from .errors import ApiError
from .model import Spreadsheet

SHEETS_SCOPES = ("https://www.googleapis.com/auth/spreadsheets",
                 "https://www.googleapis.com/auth/drive")
READS = {"get", "values.get", "values.batchGet"}


@dataclass
class Fault:
    """Answer `status` to matching Sheets calls, `times` times (None: for ever).
    applied=True does the work first and then answers the error (a lost reply)."""

    status: int
    times: int | None = 1
    op: str | None = None  # "get", "batchUpdate", "values.batchGet", "values.batchUpdate"...
    applied: bool = False
    retry_after: float | None = None

    def matches(self, op: str) -> bool:
        return (self.times is None or self.times > 0) and self.op in (None, op)


@dataclass(frozen=True)
class Logged:
    service: str  # "sheets", "oauth", "iam" or "other"
    method: str
    op: str  # e.g. "values.batchUpdate" for sheets calls
    path: str
    query: dict[str, list[str]]
    status: int
    request_bytes: int
    body: Any = field(default=None, compare=False)


class FakeGoogle:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.books: dict[str, Spreadsheet] = {}
            self.accounts = Accounts()
            self.rng = random.Random(4)
            self.log: list[Logged] = []
            self.faults: list[Fault] = []
            self.disabled_projects: set[str] = set()
            self.quota: dict[str, int | None] = {"read": None, "write": None}
            self.quota_retry_after = True
            self.usage: dict[tuple[str, str, int], int] = {}
            self.now = 0.0
            self.slept: list[float] = []

    # ----------------------------------------------------------------- test controls

    def advance(self, seconds: float) -> None:
        """The virtual clock (quota windows). Pass as the adapter's `sleep`."""
        with self.lock:
            self.now += seconds
            self.slept.append(seconds)

    def inject(self, status: int, *, times: int | None = 1, op: str | None = None,
               applied: bool = False, retry_after: float | None = None) -> Fault:
        fault = Fault(status, times, op, applied, retry_after)
        with self.lock:
            self.faults.append(fault)
        return fault

    def set_quota(self, *, reads_per_minute: int | None = None,
                  writes_per_minute: int | None = None, retry_after: bool = True) -> None:
        with self.lock:
            self.quota = {"read": reads_per_minute, "write": writes_per_minute}
            self.quota_retry_after = retry_after

    def disable_api(self, project_id: str) -> None:
        with self.lock:
            self.disabled_projects.add(project_id)

    def sheets_calls(self, op: str | None = None) -> list[Logged]:
        with self.lock:
            return [e for e in self.log if e.service == "sheets" and op in (None, e.op)]

    # ----------------------------------------------------------------- HTTP entry

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[
        int, dict[str, str], bytes
    ]:
        path, _, query_text = target.partition("?")
        query = parse_qs(query_text, keep_blank_values=True)
        service, op, status, extra, reply = "other", "", 404, {}, ApiError.not_found().body()
        with self.lock:
            try:
                if path == "/token" and method == "POST":
                    service, op = "oauth", "token"
                    status, reply = self.accounts.token(parse_qs(body.decode("utf-8")))
                elif path.endswith("/allowedLocations"):
                    service, op, status = "iam", "allowedLocations", 200
                    reply = {"locations": [], "encodedLocations": "0x0"}
                elif path.startswith("/v4/spreadsheets/"):
                    service = "sheets"
                    book_id, op, range_text = _route(method, path)
                    status, reply = 200, self._sheets(book_id, op, range_text, query,
                                                      headers, body)
            except ApiError as error:
                status, extra, reply = error.code, error.headers, error.body()
            self.log.append(Logged(service, method, op, unquote(path), query, status,
                                   len(body), _json_or_none(body)))
        payload = json.dumps(reply, ensure_ascii=False).encode("utf-8")  # C encoder: fast
        return status, {"Content-Type": "application/json; charset=UTF-8", **extra}, payload

    # ----------------------------------------------------------------- Sheets API

    def _sheets(self, book_id: str, op: str, range_text: str, query: dict[str, list[str]],
                headers: dict[str, str], body: bytes) -> Any:
        grant = self.accounts.who(headers.get("authorization"))
        if grant is None:
            raise ApiError.unauthenticated()
        if not any(scope in grant.scope.split() for scope in SHEETS_SCOPES):
            raise ApiError(403, "Request had insufficient authentication scopes.",
                           "PERMISSION_DENIED")
        if grant.project in self.disabled_projects:
            raise ApiError.service_disabled(grant.project)
        fault = next((f for f in self.faults if f.matches(op)), None)
        if fault is not None and fault.times is not None:
            fault.times -= 1
        if fault is not None and not fault.applied:
            raise _fault_error(fault)
        self._spend_quota(grant, "read" if op in READS else "write")
        reply = self._operate(op, book_id, range_text, query, _json_or_none(body) or {}, grant)
        if fault is not None:
            raise _fault_error(fault)
        return reply

    def _spend_quota(self, grant: Grant, kind: str) -> None:
        limit = self.quota[kind]
        if limit is None:
            return
        window = int(self.now // 60)
        key = (grant.email, kind, window)
        if self.usage.get(key, 0) >= limit:
            wait = math.ceil((window + 1) * 60 - self.now) if self.quota_retry_after else None
            raise ApiError.quota(kind, grant.project, wait)
        self.usage[key] = self.usage.get(key, 0) + 1

    def _operate(self, op: str, book_id: str, range_text: str, query: dict[str, list[str]],
                 body: dict[str, Any], grant: Grant) -> Any:
        book = self.books.get(book_id)
        if book is None:
            raise ApiError.not_found()
        role = book.shares.get(grant.email.casefold()) or book.shares.get("anyone")
        if role is None or (op not in READS and role != "writer"):
            raise ApiError.denied()
        params = {k: v[-1] for k, v in query.items() if v}
        if op == "get":
            reply = book.metadata("https://docs.google.com")
            return project(reply, field_paths(params["fields"])) if "fields" in params else reply
        if op == "values.get":
            return values_api.read_range(book, range_text, params)
        if op == "values.batchGet":
            return {"spreadsheetId": book.spreadsheet_id, "valueRanges": [
                values_api.read_range(book, text, params) for text in query.get("ranges", [])]}
        if op == "batchUpdate":
            work, reply = batch_update(book, body, self.rng)
            self.books[book_id] = work
            return reply
        work = book.clone()  # value writes are all or nothing too
        if op == "values.update":
            reply = values_api.write_range(work, range_text, body.get("values") or [],
                                           params.get("valueInputOption", ""))
        elif op == "values.batchUpdate":
            reply = values_api.batch_write(work, body)
        elif op == "values.clear":
            reply = values_api.clear_range(work, range_text)
        elif op == "values.batchClear":
            replies = [values_api.clear_range(work, t) for t in body.get("ranges") or []]
            reply = {"spreadsheetId": book_id,
                     "clearedRanges": [r["clearedRange"] for r in replies]}
        else:
            raise ApiError.not_found()
        self.books[book_id] = work
        return reply


def project(value: Any, paths: list[list[str]]) -> Any:
    """Partial response: keep only the fields a `fields` mask names (lists item-wise)."""
    if not paths or any(not path for path in paths):
        return value
    if isinstance(value, list):
        return [project(item, paths) for item in value]
    if not isinstance(value, dict):
        return value
    kept: dict[str, Any] = {}
    for key in dict.fromkeys(path[0] for path in paths):
        if key in value:
            kept[key] = project(value[key], [p[1:] for p in paths if p[0] == key])
    return kept


def _fault_error(fault: Fault) -> ApiError:
    if fault.status == 429:
        wait = math.ceil(fault.retry_after) if fault.retry_after is not None else None
        return ApiError.quota("write", "0", wait)
    error = ApiError.server(fault.status)
    if fault.retry_after is not None:
        error.headers["Retry-After"] = str(math.ceil(fault.retry_after))
    return error


def _route(method: str, path: str) -> tuple[str, str, str]:
    """(spreadsheet id, operation, range) of a /v4/spreadsheets/... path (still quoted)."""
    rest = path[len("/v4/spreadsheets/"):]
    book_id, slash, tail = rest.partition("/values")
    if not slash:
        book_id, colon, action = rest.partition(":")
        if not colon and method == "GET":
            return unquote(book_id), "get", ""
        if action == "batchUpdate" and method == "POST":
            return unquote(book_id), "batchUpdate", ""
        raise ApiError.not_found()
    book_id = unquote(book_id)
    if tail.startswith(":"):
        action = {"batchGet": "values.batchGet", "batchUpdate": "values.batchUpdate",
                  "batchClear": "values.batchClear"}.get(tail[1:])
        if action is None:
            raise ApiError.not_found()
        return book_id, action, ""
    range_part = tail.lstrip("/")
    head, colon, action = range_part.rpartition(":")
    if colon and action in ("clear", "append"):
        return book_id, f"values.{action}", unquote(head)
    op = {"GET": "values.get", "PUT": "values.update"}.get(method)
    if op is None:
        raise ApiError.not_found()
    return book_id, op, unquote(range_part)


def _json_or_none(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None
