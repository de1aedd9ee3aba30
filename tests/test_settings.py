"""The Settings tab: defaults on the first run, the owner's values after, bad values."""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.model import RawTable
from toolkit.settings import HEADER, SETTINGS_TAB, Settings, read_settings, settings_tab


def as_table(rows: Sequence[tuple[object, ...]]) -> RawTable:
    return RawTable(SETTINGS_TAB, (HEADER, *rows), owned=True)  # type: ignore[arg-type]


def test_first_run_writes_every_setting_with_its_default() -> None:
    settings, problems, typed = read_settings(None)
    assert settings == Settings() and problems == () and typed == {}
    tab = settings_tab(settings, typed)
    labels = [row[0] for row in tab.rows]
    assert "Business name" in labels and "Drafts per day" in labels
    assert len(labels) == len(set(labels)) == len(Settings.__dataclass_fields__)
    assert dict((r[0], r[1]) for r in tab.rows)["Drafts per day"] == 10


def test_owner_values_are_read_back_and_kept() -> None:
    rows = settings_tab(Settings(), {}).rows
    edited = [(r[0], {"Business name": "Juniper & Crumb", "Drafts per day": "4",
                      "Default margin %": "35%"}.get(str(r[0]), r[1])) for r in rows]
    settings, problems, typed = read_settings(as_table(edited))
    assert problems == ()
    assert settings.business_name == "Juniper & Crumb"
    assert settings.daily_cap == 4 and settings.default_margin == 35.0
    again = dict((r[0], r[1]) for r in settings_tab(settings, typed).rows)
    assert again["Business name"] == "Juniper & Crumb" and again["Drafts per day"] == 4


def test_a_bad_value_is_reported_the_default_used_and_the_text_kept() -> None:
    settings, problems, typed = read_settings(as_table([("Drafts per day", "lots"),
                                                        ("Cool-down (days)", -3)]))
    assert settings.daily_cap == 10 and settings.cool_down_days == 14
    assert [p.row for p in problems] == [2, 3]
    assert "whole number" in problems[0].problem and "default (10)" in problems[0].action
    rows = {r[0]: r for r in settings_tab(settings, typed, problems).rows}
    assert rows["Drafts per day"][1] == "lots"
    assert "Not understood" in str(rows["Drafts per day"][3])


def test_blank_business_name_keeps_the_default() -> None:
    settings, _, _ = read_settings(as_table([("Business name", ""), ("Owner name", "")]))
    assert settings.business_name == Settings().business_name
    assert settings.owner_name == ""
