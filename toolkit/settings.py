"""The Settings tab: the owner's knobs, kept in the spreadsheet itself.

The toolkit creates the tab with defaults on the first run (one row per setting). On
every later run it reads the owner's values first; a value it cannot understand is
reported in Data problems, the default is used, and the owner's text is left as typed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from toolkit.model import CellValue, Problem, RawTable, Tab

SETTINGS_TAB = "Settings"
HEADER = ("Setting", "Value", "What it means", "Note")


@dataclass(frozen=True)
class Settings:
    business_name: str = "our shop"
    owner_name: str = ""
    sign_off: str = "Warm wishes"
    currency: str = "GBP"
    default_margin: float = 40.0  # percent of revenue kept when the sheet has no cost
    hourly_rate: float = 25.0  # what an hour of support costs the business
    weight_recency: float = 20.0
    weight_frequency: float = 20.0
    weight_profit: float = 30.0
    weight_referrals: float = 15.0
    weight_tenure: float = 10.0
    weight_fit: float = 5.0
    weight_drag: float = 25.0
    active_days: int = 90
    daily_cap: int = 10
    cool_down_days: int = 14
    first_purchase_days: int = 14
    overdue_factor: float = 2.0
    milestone_orders: int = 10
    ask_referral_every_days: int = 90
    invite_feedback_every_days: int = 180


@dataclass(frozen=True)
class _Spec:
    label: str
    meaning: str
    kind: str  # text | number | whole


SPECS: Mapping[str, _Spec] = {
    "business_name": _Spec("Business name", "Your business's name, used in drafts.", "text"),
    "owner_name": _Spec("Owner name", "Your first name, to sign drafts.", "text"),
    "sign_off": _Spec("Sign-off", "How your emails end, e.g. 'Warm wishes'.", "text"),
    "currency": _Spec("Currency", "Shown before money in reasons, e.g. GBP, EUR, $.", "text"),
    "default_margin": _Spec(
        "Default margin %", "Share of a sale you keep, used when there is no cost column.",
        "number"),
    "hourly_rate": _Spec(
        "Support hourly rate", "What an hour spent helping a customer costs you.", "number"),
    "weight_recency": _Spec("Weight: recency", "How much a recent visit counts (0-100).",
                            "number"),
    "weight_frequency": _Spec("Weight: frequency", "How much coming often counts.", "number"),
    "weight_profit": _Spec("Weight: profit", "How much profit counts.", "number"),
    "weight_referrals": _Spec("Weight: referrals", "How much bringing friends counts.",
                              "number"),
    "weight_tenure": _Spec("Weight: loyalty", "How much years as a customer count.", "number"),
    "weight_fit": _Spec("Weight: fit", "How much your great/ok/poor fit tag counts.", "number"),
    "weight_drag": _Spec(
        "Weight: drag", "How much complaints, refunds and support time take off.", "number"),
    "active_days": _Spec("Active window (days)", "Bought within this many days = active.",
                         "whole"),
    "daily_cap": _Spec("Drafts per day",
                       "At most this many new drafts a day, however often it runs.", "whole"),
    "cool_down_days": _Spec(
        "Cool-down (days)", "Leave someone alone this long after you contacted or skipped them.",
        "whole"),
    "first_purchase_days": _Spec(
        "New customer window (days)", "Thank first-time buyers within this many days.", "whole"),
    "overdue_factor": _Spec(
        "Gone quiet after (x usual gap)", "Check in when someone is this many times overdue.",
        "number"),
    "milestone_orders": _Spec("Milestone order", "Celebrate this order number (e.g. 10th).",
                              "whole"),
    "ask_referral_every_days": _Spec(
        "Ask champions every (days)", "Ask a champion for an introduction at most this often.",
        "whole"),
    "invite_feedback_every_days": _Spec(
        "Invite feedback every (days)", "Invite a loyal customer to give ideas this often.",
        "whole"),
}

_BY_LABEL = {spec.label.casefold(): name for name, spec in SPECS.items()}


def _number(text: str) -> float:
    cleaned = text.replace("%", "").replace(",", "").strip()
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def _parse(kind: str, raw: CellValue) -> object:
    text = "" if raw is None else str(raw).strip()
    if kind == "text":
        return text
    if isinstance(raw, bool):
        raise ValueError(text)
    value = float(raw) if isinstance(raw, int | float) else _number(text)
    if value < 0:
        raise ValueError(text)
    if kind == "whole":
        if value != int(value):
            raise ValueError(text)
        return int(value)
    return value


def read_settings(table: RawTable | None) -> tuple[Settings, tuple[Problem, ...], dict[str, str]]:
    """The owner's settings, the problems found, and the raw text of each value as typed."""
    settings = Settings()
    if table is None:
        return settings, (), {}
    problems: list[Problem] = []
    typed: dict[str, str] = {}
    changes: dict[str, object] = {}
    defaults = Settings()
    for index, row in enumerate(table.rows):
        if not row or row[0] is None:
            continue
        name = _BY_LABEL.get(str(row[0]).strip().casefold())
        if name is None:
            continue
        raw: CellValue = row[1] if len(row) > 1 else None
        typed[name] = "" if raw is None else str(raw)
        spec = SPECS[name]
        if raw is None or str(raw).strip() == "":
            if spec.kind == "text":
                changes[name] = ""
            continue
        try:
            changes[name] = _parse(spec.kind, raw)
        except ValueError:
            default = getattr(defaults, name)
            want = "a whole number" if spec.kind == "whole" else "a number of 0 or more"
            problems.append(Problem(
                tab=table.tab, row=index + 1, column="Value", value=str(raw),
                problem=f"'{spec.label}' should be {want}",
                action=f"used the default ({_show(default)})"))
    if "business_name" in changes and not changes["business_name"]:
        del changes["business_name"]
    if "sign_off" in changes and not changes["sign_off"]:
        del changes["sign_off"]
    return replace(settings, **changes), tuple(problems), typed  # type: ignore[arg-type]


def _show(value: object) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def settings_tab(
    settings: Settings,
    typed: Mapping[str, str],
    problems: tuple[Problem, ...] = (),
) -> Tab:
    """The Settings tab: the owner's values as typed (kept even when not understood)."""
    rejected = {p.problem.split("'")[1] for p in problems if p.tab == SETTINGS_TAB}
    rows: list[tuple[CellValue, ...]] = []
    for field in fields(Settings):
        spec = SPECS[field.name]
        value: CellValue = (typed[field.name] if field.name in typed
                            else getattr(settings, field.name))
        if isinstance(value, str) and spec.kind != "text" and value.strip():
            with contextlib.suppress(ValueError):
                value = _parse(spec.kind, value)  # type: ignore[assignment]
        note = (f"Not understood: using {_show(getattr(settings, field.name))}"
                if spec.label in rejected else "")
        rows.append((spec.label, value, spec.meaning, note))
    return Tab(name=SETTINGS_TAB, header=HEADER, rows=tuple(rows), widths=(30, 22, 70, 36))
