"""Render draft emails from templates given as data (pure: no file access).

Templates arrive as `{reason: (filename, source_text)}` (see `toolkit.template_files` for
the edge that reads them). They are Jinja2 templates run in a `SandboxedEnvironment` with
`StrictUndefined` and no autoescaping (the output is plain text). The first line of each
is `Subject: ...`; the rest is the body.

A template that cannot be used (syntax error, an unknown variable, no `Subject:` line, an
error while rendering) becomes one `Problem` naming the file and line; drafts for that
reason are skipped and every other reason goes on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateError, nodes
from jinja2 import meta as jinja_meta
from jinja2.sandbox import SandboxedEnvironment

from toolkit.model import Problem
from toolkit.scored import ScoredCustomer
from toolkit.settings import Settings

Templates = Mapping[str, tuple[str, str]]  # reason -> (file name shown to the owner, text)

# Every variable a template may use (documented in templates/README.md).
VARIABLES: tuple[str, ...] = (
    "first_name", "name", "last_product", "favourite_product", "orders", "days_since",
    "usual_gap", "friend_first_name", "complaint_note", "business_name", "owner_name",
    "sign_off", "sender", "first_purchase", "order_number", "years",
)
SUBJECT_PREFIX = "subject:"
_BLANK_RUNS = re.compile(r"\n{3,}")
GREETING_FALLBACK = "there"  # first_name when the name is unknown: "Hi there,"
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lady", "lord"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


class _DataLoader(BaseLoader):
    """Serves template text from memory, under the owner-facing file name, so Jinja's
    errors and tracebacks carry that name."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = dict(sources)

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self._sources[template], template, lambda: True


def ordinal(number: object) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd' (the `ordinal` template filter)."""
    value = int(number)  # type: ignore[call-overload]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _environment(sources: Mapping[str, str]) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=_DataLoader(sources), undefined=StrictUndefined, autoescape=False,
        keep_trailing_newline=False, trim_blocks=False, lstrip_blocks=True,
    )
    env.filters["ordinal"] = ordinal
    return env


def _template_problem(filename: str, line: int | None, what: str, reason: str,
                      text: str = "") -> Problem:
    return Problem(
        tab=filename, row=line, column="template", value=text[:120],
        problem=f"{filename}{f', line {line}' if line else ''}: {what}",
        action=f"skipped '{reason}' drafts this run; the other reasons went on. "
               "Fix the template (see templates/README.md) and run again",
    )


def _line_of(source: str, line: int | None) -> str:
    lines = source.splitlines()
    return lines[line - 1].strip() if line and 0 < line <= len(lines) else ""


def _error_line(tb: TracebackType | None, filename: str) -> int | None:
    """The template line where a render error happened (Jinja rewrites the traceback so
    the frame of the template carries its file name and line)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class DraftRenderer:
    """Compiles the templates once; `render` gives a draft or None for a broken reason."""

    def __init__(self, templates: Templates) -> None:
        sources = {filename: text for filename, text in templates.values()}
        self._env = _environment(sources)
        self._files = {reason: filename for reason, (filename, _text) in templates.items()}
        self._sources = sources
        self._compiled: dict[str, Template] = {}
        self._problems: list[Problem] = []
        for reason, (filename, text) in sorted(templates.items()):
            problem = self._check(reason, filename, text)
            if problem is not None:
                self._problems.append(problem)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(self._problems)

    def can_render(self, reason: str) -> bool:
        return reason in self._compiled

    def _check(self, reason: str, filename: str, text: str) -> Problem | None:
        first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
        if not first.casefold().startswith(SUBJECT_PREFIX):
            return _template_problem(filename, 1, "the first line must start with 'Subject:'",
                                     reason, first)
        try:
            parsed = self._env.parse(text, name=filename, filename=filename)
            template = self._env.get_template(filename)
        except TemplateError as error:
            line = getattr(error, "lineno", None)
            return _template_problem(filename, line, f"the template cannot be read "
                                     f"({error.message})", reason, _line_of(text, line))
        unknown = jinja_meta.find_undeclared_variables(parsed) - set(VARIABLES)
        if unknown:
            name = sorted(unknown)[0]
            line = min(node.lineno for node in parsed.find_all(nodes.Name) if node.name == name)
            return _template_problem(
                filename, line, f"unknown variable '{name}' (known: {', '.join(VARIABLES)})",
                reason, _line_of(text, line))
        self._compiled[reason] = template
        return None

    def render(self, reason: str, variables: Mapping[str, object]) -> Rendered | None:
        """The draft, or None when the reason has no usable template (a Problem says why;
        an error while rendering is recorded once and the reason is skipped from then on)."""
        template = self._compiled.get(reason)
        if template is None:
            return None
        try:
            text = template.render(dict(variables))
        except Exception as error:  # an owner's template may fail in any way; the run goes on
            filename = self._files[reason]
            line = _error_line(error.__traceback__, filename)
            self._problems.append(_template_problem(
                filename, line, f"error while writing a draft ({error})", reason,
                _line_of(self._sources[filename], line)))
            del self._compiled[reason]
            return None
        return split_subject(text)


def split_subject(text: str) -> Rendered:
    """Separate the `Subject:` line from the body and tidy both (trailing spaces, runs of
    blank lines, blank lines at either end)."""
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    subject = " ".join(first.strip()[len(SUBJECT_PREFIX):].split())
    body_lines = [line.rstrip() for line in rest.splitlines()]
    body = _BLANK_RUNS.sub("\n\n", "\n".join(body_lines)).strip("\n")
    return Rendered(subject=subject, body=body)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def first_name_of(name: str) -> str:
    """The first name to greet someone by, or "" when the name does not look like a
    person's (empty, an email address, a number). Handles "Smith, Jane", titles
    ("Dr Jane Smith") and all-capitals or all-lower-case typing ("JANE", "jane")."""
    text = _one_line(name)
    if not text or "@" in text:
        return ""
    if "," in text:
        surname, _, given = text.partition(",")
        text = given.strip() or surname
    words = [w for w in text.split() if w.strip(".").casefold() not in _TITLES]
    word = words[0].strip(".,;:!?\"()[]") if words else ""
    if not any(ch.isalpha() for ch in word) or any(ch.isdigit() for ch in word):
        return ""
    if word.islower() or (word.isupper() and len(word) > 2):
        word = word.title()
    return word


def sign_off_line(sign_off: str) -> str:
    """'Warm wishes' -> 'Warm wishes,'; 'Cheers!' and 'Best,' stay as typed."""
    text = _one_line(sign_off) or "Warm wishes"
    return text if text[-1] in ",.!?;:" else f"{text},"


def long_date(day: dt.date | None) -> str:
    """12 March 2025 (month names fixed in English, whatever the machine's locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


def draft_variables(
    scored: ScoredCustomer,
    settings: Settings,
    *,
    friend_name: str = "",
    order_number: int = 0,
    years: int = 0,
) -> dict[str, object]:
    """Every template variable for one customer (documented in templates/README.md).
    Text is always a string ("" when unknown) and numbers are whole numbers (0 when
    unknown), so templates can test them with a plain `{% if ... %}`."""
    customer, stats = scored.customer, scored.stats
    owner = _one_line(settings.owner_name)
    business = _one_line(settings.business_name)
    return {
        "first_name": first_name_of(customer.name) or GREETING_FALLBACK,
        "name": _one_line(customer.name) if "@" not in customer.name else "",
        "last_product": _one_line(stats.last_product),
        "favourite_product": _one_line(stats.favourite_product),
        "orders": int(stats.orders),
        "days_since": int(stats.days_since or 0),
        "usual_gap": round(stats.usual_gap or 0),
        "friend_first_name": first_name_of(friend_name),
        "complaint_note": _one_line(customer.complaint_note).rstrip(" .;,!"),
        "business_name": business,
        "owner_name": owner,
        "sign_off": sign_off_line(settings.sign_off),
        "sender": owner or business[:1].upper() + business[1:],
        "first_purchase": long_date(stats.first_purchase),
        "order_number": order_number,
        "years": years,
    }
