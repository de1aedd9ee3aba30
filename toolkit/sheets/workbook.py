"""The Google Sheets workbook: read every tab, write the toolkit's tabs back.

A run costs a constant number of Sheets API calls whatever the row count:
read()  = 1 metadata get + 2 values batchGets (exact serials, and which are dates);
write() = 1 spreadsheet batchUpdate (add/resize/format tabs, charts) + 1 values
batchUpdate (RAW), reusing read()'s metadata. Only payloads over ~2 MB split.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from requests.adapters import BaseAdapter

from toolkit.model import SourceData, WritePlan, WriteReport
from toolkit.sheets.api import SheetsApi, UncertainWrite, require
from toolkit.sheets.auth import load_service_account
from toolkit.sheets.failures import RefusedError
from toolkit.sheets.layout import Layout, plan_layout, request_batches
from toolkit.sheets.metadata import sheet_infos, spreadsheet_title
from toolkit.sheets.reading import (
    FORMATTED_DATES_READ,
    SERIAL_READ,
    ranges_for,
    readable,
    tables_from_replies,
)
from toolkit.sheets.retry import RetryBudget, RetryPolicy
from toolkit.sheets.values import value_batches

logger = logging.getLogger(__name__)

MAX_PAYLOAD = 2_000_000


class SheetsWorkbook:
    """A Google Sheet opened by key with a service-account key file.

    `transport` (a requests adapter) carries every HTTP request when given: tests pass
    one that reaches a local fake; production leaves it None. `sleep` and `jitter` are
    the clock and randomness of the retry back-off.
    """

    def __init__(
        self,
        spreadsheet_id: str,
        credentials: Path,
        *,
        transport: BaseAdapter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_tries: int = 8,
        max_wait: float = 120.0,
        jitter: Callable[[], float] = random.random,
        max_payload: int = MAX_PAYLOAD,
    ) -> None:
        self.spreadsheet_id = spreadsheet_id
        self._credentials_path = credentials
        self._transport = transport
        self._policy = RetryPolicy(max_tries=max_tries, max_wait=max_wait)
        self._sleep = sleep
        self._jitter = jitter
        self._max_payload = max_payload
        self._api: SheetsApi | None = None
        self._title = ""
        self._metadata: dict[str, Any] | None = None  # from read(), reused by write()

    # ------------------------------------------------------------------ Workbook

    @property
    def label(self) -> str:
        if self._title:
            return f"Google Sheet '{self._title}'"
        return f"Google Sheet {self.spreadsheet_id}"

    @property
    def api_calls(self) -> int:
        """Sheets API requests sent so far by this workbook (retries included)."""
        return self._api.calls if self._api else 0

    def read(self) -> SourceData:
        api = self._connect()
        budget = api.budget()
        before = api.calls
        metadata = self._fetch_metadata(api, budget)
        infos = readable(sheet_infos(metadata))
        tables: tuple[Any, ...] = ()
        if infos:
            ranges = ranges_for(infos)
            serial = api.values_batch_get(ranges, SERIAL_READ, budget)
            formatted = api.values_batch_get(ranges, FORMATTED_DATES_READ, budget)
            tables = tables_from_replies(infos, serial, formatted)
        self._metadata = metadata
        calls = api.calls - before
        logger.info("read %d tabs from %s in %d API calls", len(tables), self.label, calls)
        return SourceData(
            label=self.label,
            tables=tables,
            notes=(f"read {len(tables)} tabs with {calls} Google Sheets API calls",),
        )

    def write(self, plan: WritePlan) -> WriteReport:
        api = self._connect()
        budget = api.budget()
        before = api.calls
        cached, self._metadata = self._metadata, None
        layout = self._shape_tabs(api, budget, plan, cached)
        batches, notes = value_batches(layout.slots, self._max_payload)
        for batch in batches:
            api.values_batch_update(batch, budget)
        calls = api.calls - before
        logger.info("wrote %d tabs to %s in %d API calls", len(plan.tabs), self.label, calls)
        return WriteReport(
            target=self.label,
            tabs_written=tuple(tab.name for tab in plan.tabs),
            api_calls=api.calls,
            notes=(f"wrote {len(plan.tabs)} tabs with {calls} Google Sheets API calls "
                   f"({api.calls} this run)", *notes),
        )

    # ------------------------------------------------------------------ internals

    def _connect(self) -> SheetsApi:
        if self._api is None:
            account = load_service_account(self._credentials_path)
            self._api = SheetsApi(
                self.spreadsheet_id, account, transport=self._transport,
                new_budget=lambda: RetryBudget(self._policy, self._sleep, self._jitter),
            )
        return self._api

    def _fetch_metadata(self, api: SheetsApi, budget: RetryBudget) -> dict[str, Any]:
        metadata = api.metadata(budget)
        require(metadata, "sheets", "reading the list of tabs", api.context)
        self._title = spreadsheet_title(metadata) or self._title
        return metadata

    def _shape_tabs(
        self,
        api: SheetsApi,
        budget: RetryBudget,
        plan: WritePlan,
        cached: Mapping[str, Any] | None,
    ) -> Layout:
        """Send the structure batchUpdate; on an unknown outcome, re-read and re-plan."""
        metadata = cached if cached is not None else self._fetch_metadata(api, budget)
        fresh = cached is None
        tries = 0
        while True:
            layout = plan_layout(plan, sheet_infos(metadata), self.label)
            first, *rest = request_batches(layout, self._max_payload) or [[]]
            try:
                if first:
                    api.batch_update(first, budget, idempotent=False, tries_before=tries)
                break
            except UncertainWrite as unsure:
                # It may have been applied: look before sending anything again.
                tries = unsure.tries
            except RefusedError as refusal:
                if fresh or refusal.status != 400:
                    raise
                # The sheet changed since read(): plan again from what is there now.
            metadata, fresh = self._fetch_metadata(api, budget), True
        for batch in rest:
            api.batch_update(batch, budget, idempotent=True)
        return layout
