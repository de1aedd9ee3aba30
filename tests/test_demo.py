"""`customer-toolkit demo`: the sample shop, every tab, the situations it plants."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import TOOLKIT_TABS, read_tabs, records
from toolkit.cli import cli

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "sample-shop.xlsx"
    result = CliRunner().invoke(cli, ["demo", "--path", str(path), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Follow-ups" in result.stdout
    return path


def test_demo_writes_every_tab(demo_book: Path) -> None:
    tabs = read_tabs(demo_book)
    assert set(tabs) >= TOOLKIT_TABS
    assert {"Customers", "Orders"} <= set(tabs)
    best = records(tabs["Best customers"])
    assert 150 <= len(best) <= 260
    segments = {r["Segment"] for r in records(tabs["Segments"])}
    for name in segments:
        if name and name in tabs:
            assert len(tabs[name]) > 1


def test_demo_follow_ups_and_drafts_read_naturally(demo_book: Path) -> None:
    tabs = read_tabs(demo_book)
    follow = records(tabs["Follow-ups"])
    drafts = records(tabs["Drafts"])
    assert follow and drafts
    assert any("no email on file" in str(r["Email"]) for r in follow)
    for draft in drafts:
        body = str(draft["Body"])
        assert "{{" not in body and "{%" not in body
        assert not re.search(r"\b(Hi|Dear|Hello) ,", body)
        for broken in (" .", " ,", "..", ",.", "  ", "None", "()", "the the "):
            assert broken not in body.replace("...", ""), (broken, body)
        assert body.rstrip().splitlines()[-1].strip()  # signed off
        assert "  " not in str(draft["Subject"])
        assert draft["To"] and "@" in str(draft["To"])


def test_demo_outbox_has_an_eml_per_new_draft(demo_book: Path) -> None:
    outbox = demo_book.parent / "outbox"
    emls = list(outbox.rglob("*.eml"))
    assert emls
    text = emls[0].read_text(encoding="utf-8")
    assert "X-Unsent: 1" in text


def test_demo_is_deterministic(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b"):
        path = tmp_path / name / "sample-shop.xlsx"
        result = CliRunner().invoke(
            cli, ["demo", "--path", str(path), "--today", TODAY.isoformat()])
        assert result.exit_code == 0, result.output
        paths.append(path)
    first, second = (read_tabs(p) for p in paths)
    for name in first:
        if name != "Run log":
            assert first[name] == second[name], name


def test_demo_finds_every_planted_situation(demo_book: Path) -> None:
    from toolkit.sample import SAMPLE_FACTS as facts

    tabs = read_tabs(demo_book)
    follow = {r["Customer"]: r for r in records(tabs["Follow-ups"])}
    reasons = {name: str(r["Reason"]) for name, r in follow.items()}
    assert "complaint" in reasons[facts.open_complaints[0]].lower()
    assert "referral" in reasons[facts.new_referral_referrer].lower()
    assert "gone quiet" in reasons[facts.quiet_regular].lower()
    assert "fit" in reasons[facts.drag].lower()
    assert sum(1 for name in facts.first_timers if name in follow) >= 3
    for name in facts.do_not_contact:
        assert name not in follow
    drafts = records(tabs["Drafts"])
    assert not {d["Customer"] for d in drafts} & {facts.drag, *facts.do_not_contact}
    best = records(tabs["Best customers"])
    top = [r["Customer"] for r in best[:10]]
    assert set(facts.champions) <= set(top)
    referrers = {r["Customer"]: r for r in best if r["Referrals"]}
    assert set(facts.referrers) <= set(referrers)
    drags = records(tabs["Drag - review"])
    assert facts.drag in {r["Customer"] for r in drags}
    for row in drags:  # each reason said once (a poor fit is both a reason and a fact)
        parts = str(row["Why review"]).split("; ")
        assert len(parts) == len(set(parts)), row["Why review"]
    find_more = records(tabs["Find more like them"])
    assert find_more[0]["Value"] == facts.best_channel
    summary = {r["Figure"]: r["Value"] for r in records(tabs["Summary"])}
    assert summary["Customers"] >= 190


def test_demo_has_a_native_summary_chart(demo_book: Path) -> None:
    import zipfile

    with zipfile.ZipFile(demo_book) as package:
        charts = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        assert charts
        assert b"<c:barChart>" in package.read(charts[0])


def test_demo_second_run_a_month_later_shows_changes(tmp_path: Path) -> None:
    path = tmp_path / "sample-shop.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--path", str(path), "--today", "2026-10-22"]
                         ).exit_code == 0
    assert runner.invoke(cli, ["run", "--source", str(path), "--today", TODAY.isoformat()]
                         ).exit_code == 0
    changes = records(read_tabs(path)["Changes"])
    assert any(str(r["Change"]).startswith("was ") or r["Was"] for r in changes)
