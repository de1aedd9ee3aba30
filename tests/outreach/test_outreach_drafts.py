"""Templates: the defaults read naturally with sparse or rich data; owner mistakes are named."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from outreach_factory import DAY1, scored

from toolkit.drafts import (
    GREETING_FALLBACK,
    VARIABLES,
    DraftRenderer,
    draft_variables,
    first_name_of,
    ordinal,
    sign_off_line,
    split_subject,
)
from toolkit.errors import ConfigError
from toolkit.reasons import EMAIL_REASONS
from toolkit.settings import Settings
from toolkit.template_files import load_templates

SPARSE = scored("a1b2", name="", email="x@example.com", orders=1, gap=None)
RICH = scored("jane@example.com", name="Dr JANE O'BRIEN-SMITH", orders=40, gap=9.0,
              first=dt.date(2023, 1, 5), last_product="Lavender soap",
              favourite_product="Oat latte", complaint_note="The box arrived crushed.")
SETTINGS_SPARSE = Settings()
SETTINGS_RICH = Settings(business_name="The Bean Café", owner_name="Sam", sign_off="Cheers!")
EXTRAS = [
    {}, {"friend_name": "Bob Jones"}, {"order_number": 10}, {"order_number": 21},
    {"years": 1}, {"years": 3},
]
BROKEN = [
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#"), "template syntax left over"),
    (re.compile(r"Hi\s*,"), "empty greeting"),
    (re.compile(r"\S  +\S"), "double space"),
    (re.compile(r" [.,;:!?)]"), "space before punctuation"),
    (re.compile(r"\(\s*\)|\( "), "empty or broken brackets"),
    (re.compile(r"\bNone\b|\bnan\b|\b0 orders\b|\b1 orders\b"), "missing value shown"),
    (re.compile(r"[.,]{2}|,\.|\.,"), "doubled punctuation"),
    (re.compile(r"(?<!Hi )\bthere,|, there\b|\bthere'"), "'there' used as a name"),
    (re.compile(r"\b(the|your|with|of|about|since|on|to) [.,;:!?)]"), "a word missing"),
]


def _renderer() -> DraftRenderer:
    renderer = DraftRenderer(load_templates(None))
    assert renderer.problems == ()
    return renderer


def _check_text(text: str, context: str) -> None:
    for pattern, what in BROKEN:
        match = pattern.search(text)
        around = text[max(match.start() - 30, 0):match.end() + 30] if match else ""
        assert match is None, f"{context}: {what}: ...{around!r}"


@pytest.mark.parametrize("customer,settings", [(SPARSE, SETTINGS_SPARSE), (RICH, SETTINGS_RICH),
                                               (SPARSE, SETTINGS_RICH), (RICH, SETTINGS_SPARSE)])
def test_every_default_template_reads_naturally(customer, settings) -> None:  # type: ignore[no-untyped-def]
    renderer = _renderer()
    for reason in EMAIL_REASONS:
        for extra in EXTRAS:
            variables = draft_variables(customer, settings, **extra)
            draft = renderer.render(reason, variables)
            assert draft is not None
            context = f"{reason} {extra} {customer.customer.name!r}"
            assert draft.subject and draft.subject == draft.subject.strip()
            _check_text(draft.subject + "\n" + draft.body, context)
            lines = draft.body.split("\n")
            assert lines[0] == f"Hi {variables['first_name']},", context
            assert lines[-1] == variables["sender"] and lines[-2] == variables["sign_off"]
            assert all(line == line.strip() for line in lines), context
            assert "\n\n\n" not in draft.body


def test_rich_data_shows_up_in_the_drafts() -> None:
    renderer = _renderer()
    variables = draft_variables(RICH, SETTINGS_RICH, friend_name="Bob Jones", order_number=10)
    thank = renderer.render("thank_first", variables)
    assert thank is not None and thank.subject == "Thank you, Jane"
    assert "Lavender soap" in thank.body and thank.body.endswith("Cheers!\nSam")
    referrer = renderer.render("thank_referrer", variables)
    assert referrer is not None and "Bob" in referrer.subject and "Jones" not in referrer.body
    complaint = renderer.render("listen_complaint", variables)
    assert complaint is not None and "(The box arrived crushed)" in complaint.body
    milestone = renderer.render("milestone", variables)
    assert milestone is not None and milestone.subject.startswith("Your 10th order")
    ask = renderer.render("ask_referral", variables)
    assert ask is not None and "40 orders" in ask.body and "5 January 2023" in ask.body


def test_sparse_data_falls_back_gracefully() -> None:
    renderer = _renderer()
    variables = draft_variables(SPARSE, SETTINGS_SPARSE)
    assert variables["first_name"] == GREETING_FALLBACK
    thank = renderer.render("thank_first", variables)
    assert thank is not None and thank.subject == "Thank you"
    assert thank.body.startswith("Hi there,") and thank.body.endswith("Warm wishes,\nOur shop")
    referrer = renderer.render("thank_referrer", variables)
    assert referrer is not None and "A friend of yours" in referrer.body


def test_every_documented_variable_is_provided_and_listed_in_the_readme() -> None:
    assert set(draft_variables(SPARSE, SETTINGS_SPARSE)) == set(VARIABLES)
    readme = (Path(__file__).resolve().parents[2] / "templates" / "README.md").read_text("utf-8")
    for name in VARIABLES:
        assert f"`{name}`" in readme


def _with_owner_file(tmp_path: Path, name: str, text: str) -> DraftRenderer:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return DraftRenderer(load_templates(tmp_path))


def test_owner_template_overrides_one_file(tmp_path: Path) -> None:
    templates = load_templates(None)
    (tmp_path / "check_in.txt").write_text("Subject: Hello {{ first_name }}\nMy words.\n", "utf-8")
    (tmp_path / "unrelated.txt").write_text("ignored", "utf-8")
    owner = load_templates(tmp_path)
    assert owner["check_in"][0] == str(tmp_path / "check_in.txt")
    assert owner["thank_first"] == templates["thank_first"]
    draft = DraftRenderer(owner).render("check_in", draft_variables(RICH, SETTINGS_RICH))
    assert draft is not None and draft.subject == "Hello Jane" and draft.body == "My words."


def test_unknown_variable_names_file_and_line_and_others_still_render(tmp_path: Path) -> None:
    renderer = _with_owner_file(
        tmp_path, "check_in.txt", "Subject: Hi\nHello {{ first_name }},\n\n{{ frist_name }}\n")
    (problem,) = renderer.problems
    assert str(tmp_path / "check_in.txt") in problem.problem and "line 4" in problem.problem
    assert "frist_name" in problem.problem and problem.row == 4
    assert "check_in" in problem.action
    variables = draft_variables(RICH, SETTINGS_RICH)
    assert renderer.render("check_in", variables) is None
    assert all(renderer.render(r, variables) for r in EMAIL_REASONS if r != "check_in")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    renderer = _with_owner_file(
        tmp_path, "milestone.txt", "Subject: Hi\nHello\n{% if orders > 1 %}\nmany\n")
    (problem,) = renderer.problems
    assert "milestone.txt" in problem.problem and "line" in problem.problem
    assert problem.row is not None and problem.row >= 3
    assert renderer.render("thank_first", draft_variables(RICH, SETTINGS_RICH)) is not None


def test_missing_subject_line_is_a_problem(tmp_path: Path) -> None:
    renderer = _with_owner_file(tmp_path, "thank_first.txt", "Hello {{ first_name }}\n")
    (problem,) = renderer.problems
    assert "line 1" in problem.problem and "Subject:" in problem.problem


def test_render_time_error_names_the_line_and_is_reported_once(tmp_path: Path) -> None:
    renderer = _with_owner_file(
        tmp_path, "check_in.txt", "Subject: Hi\nok\n{{ orders // (usual_gap - usual_gap) }}\n")
    variables = draft_variables(SPARSE, SETTINGS_SPARSE)
    assert renderer.problems == ()
    assert renderer.render("check_in", variables) is None
    assert renderer.render("check_in", variables) is None
    (problem,) = renderer.problems
    assert "line 3" in problem.problem


def test_the_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    renderer = _with_owner_file(
        tmp_path, "check_in.txt", "Subject: x\n{{ name.__class__.__mro__ }}\n")
    assert renderer.render("check_in", draft_variables(RICH, SETTINGS_RICH)) is None
    assert len(renderer.problems) == 1


def test_missing_owner_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="templates_dir"):
        load_templates(tmp_path / "nope")


def test_owner_file_in_windows_encoding_is_read(tmp_path: Path) -> None:
    (tmp_path / "check_in.txt").write_bytes("Subject: Café\nHi\n".encode("cp1252"))
    assert load_templates(tmp_path)["check_in"][1].startswith("Subject: Café")


@pytest.mark.parametrize("name,first", [
    ("Jane Smith", "Jane"), ("smith, jane", "Jane"), ("Dr. Jane Smith", "Jane"),
    ("JANE SMITH", "Jane"), ("JP Morgan", "JP"), ("mary-jane o'neil", "Mary-Jane"),
    ("", ""), ("  ", ""), ("jane@example.com", ""), ("Customer 123", "Customer"),
    ("123", ""), ("Mr", ""), ("Zoë", "Zoë"), ("Jane\nSmith", "Jane"),
])
def test_first_name_of(name: str, first: str) -> None:
    assert first_name_of(name) == first


def test_ordinal_and_sign_off() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "21st", "22nd", "23rd",
        "101st", "111th"]
    assert sign_off_line("Warm wishes") == "Warm wishes,"
    assert sign_off_line("Best,") == "Best,"
    assert sign_off_line("Cheers!") == "Cheers!"
    assert sign_off_line("") == "Warm wishes,"


def test_split_subject_tidies() -> None:
    rendered = split_subject("Subject:   Hello   there  \n\n\nBody  \n\n\n\nEnd\n\n")
    assert rendered.subject == "Hello there" and rendered.body == "Body\n\nEnd"


def test_today_is_not_needed_to_render() -> None:
    assert draft_variables(RICH, SETTINGS_RICH, years=2)["years"] == 2
    assert DAY1.year == 2026
