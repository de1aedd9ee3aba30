"""The fake answers as Google did: replay real recorded Sheets API interactions (from
gspread's test cassettes) against it and compare the replies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fake_sheets import FakeSheets
from toolkit.sheets.api import authorized_session
from toolkit.sheets.auth import load_service_account

RECORDED = Path(__file__).parents[1] / "fake_sheets" / "recorded" / "gspread_cassettes.json"
RECORDINGS: dict[str, Any] = json.loads(RECORDED.read_text(encoding="utf-8"))["recordings"]


def comparable(reply: Any, metadata: bool) -> Any:
    """What must match: everything, except ids Google picked at random and, for the
    spreadsheet metadata, the theme and formats the fake does not model."""
    if metadata and isinstance(reply, dict) and "sheets" in reply:
        return {"spreadsheetId": reply["spreadsheetId"],
                "title": reply["properties"]["title"],
                "sheets": [comparable(s["properties"], False) for s in reply["sheets"]]}
    if isinstance(reply, dict):
        return {k: ("<random id>" if k == "sheetId" and v != 0 else comparable(v, metadata))
                for k, v in reply.items()}
    if isinstance(reply, list):
        return [comparable(item, metadata) for item in reply]
    return reply


def pair_ids(recorded: Any, ours: Any, ids: dict[int, int]) -> None:
    """Learn which sheet id the fake chose where Google chose another."""
    if isinstance(recorded, dict) and isinstance(ours, dict):
        if "sheetId" in recorded and "sheetId" in ours:
            ids[recorded["sheetId"]] = ours["sheetId"]
        for key in recorded.keys() & ours.keys():
            pair_ids(recorded[key], ours[key], ids)
    elif isinstance(recorded, list) and isinstance(ours, list):
        for a, b in zip(recorded, ours, strict=False):
            pair_ids(a, b, ids)


def with_ids(body: Any, ids: dict[int, int]) -> Any:
    if isinstance(body, dict):
        return {k: ids.get(v, v) if k == "sheetId" else with_ids(v, ids) for k, v in body.items()}
    if isinstance(body, list):
        return [with_ids(item, ids) for item in body]
    return body


@pytest.mark.parametrize("name", sorted(RECORDINGS))
def test_fake_replies_like_the_recorded_google_api(
    name: str, fake_sheets: FakeSheets, sheets_key: Path
) -> None:
    recording = RECORDINGS[name]
    fake_sheets.create_spreadsheet(
        {"Sheet1": []}, title=recording["title"], spreadsheet_id=recording["spreadsheet_id"],
        share_with=["toolkit-bot@cafe-toolkit.iam.gserviceaccount.com"]
        if recording["shared"] else [],
    )
    session = authorized_session(load_service_account(sheets_key), fake_sheets.transport())
    ids: dict[int, int] = {}
    for step in recording["interactions"]:
        answer = session.request(step["method"], step["uri"], json=with_ids(step["body"], ids))
        where = f"{step['method']} {step['uri']}"
        assert answer.status_code == step["status"], where
        is_metadata = step["method"] == "GET" and "?includeGridData" in step["uri"]
        assert comparable(answer.json(), is_metadata) == comparable(step["reply"],
                                                                    is_metadata), where
        pair_ids(step["reply"], answer.json(), ids)


def test_replay_covers_the_shapes_that_matter() -> None:
    """The recordings hold what the fake must imitate: an empty range without `values`,
    trimmed rows, quoted and bare range names, error bodies."""
    replies = [step["reply"] for rec in RECORDINGS.values() for step in rec["interactions"]]
    text = json.dumps(replies, ensure_ascii=False)
    assert '"range": "Sheet1!A1:Z1000", "majorDimension": "ROWS"}' in text
    assert '["", "b2"]' in text
    assert "'🌵 test_values_batch_get 1'!A1:A10" in text
    assert '"status": "NOT_FOUND"' in text and '"status": "PERMISSION_DENIED"' in text
