"""Cell parsers for everything but dates: money, numbers, yes/no, names, ids, emails, text.

Each parser returns the value (None for a blank cell) or raises `CellError` whose message
says, in owner words, what is wrong with the cell. The caller turns that into a Problem.
Pure functions: no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from toolkit.model import CellValue


class CellError(ValueError):
    """A cell that cannot be read as the column's kind of value (message in owner words)."""


# Placeholders owners type for "nothing here"; read as a blank cell, never as a problem.
BLANK_WORDS = frozenset({"", "-", "--", "–", "—", "n/a", "na", "none", "null", "nil", "?"})

CURRENCY_CODES = frozenset({
    "gbp", "usd", "eur", "cad", "aud", "nzd", "chf", "jpy", "sek", "nok", "dkk", "inr",
    "zar", "hkd", "sgd", "pln", "czk", "mxn", "brl",
})
_CURRENCY_RE = re.compile(
    r"(?:(?<![a-z])(?:us|au|a|c|ca|nz|hk|s)\$)|[£$€¥₹]|(?<![a-z])(?:"
    + "|".join(sorted(CURRENCY_CODES)) + r")(?![a-z])",
    re.IGNORECASE,
)
_GROUP_SEP = re.compile(r"(?<=\d)[\s\u00a0\u2007\u2009\u202f'’](?=\d)")
_CENT = Decimal("0.01")


def squash(text: str) -> str:
    """Trim and collapse every run of spaces (including non-breaking ones) to one space."""
    return " ".join(text.split())


_BLANK_STARTS = frozenset(c for word in BLANK_WORDS for c in (word[:1], word[:1].upper()))


def is_blank(value: CellValue) -> bool:
    if value is None:
        return True
    if type(value) is not str:
        return False
    if len(value) > 7 or (value[:1] not in _BLANK_STARTS and not value[:1].isspace()):
        return False  # the common case: real text, decided without building strings
    return " ".join(value.split()).casefold() in BLANK_WORDS


# --------------------------------------------------------------------------- numbers


def _to_decimal(text: str) -> Decimal:
    """Digits with ',' and '.' separators; the separator style is decided by pattern."""
    if not re.fullmatch(r"\d[\d.,]*|[.,]\d+", text):
        raise CellError("not an amount")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, _, frac = text.rpartition(decimal_sep)
        if decimal_sep in whole or not re.fullmatch(rf"\d{{1,3}}(\{group_sep}\d{{3}})*", whole):
            raise CellError("not an amount: the separators do not make sense")
        text = whole.replace(group_sep, "") + "." + frac
    elif commas:
        if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")  # 1,234 and 1,234,567: thousands
        elif commas == 1:
            text = text.replace(",", ".")  # 12,5 and 12,50: decimal comma
        else:
            raise CellError("not an amount: the separators do not make sense")
    elif dots > 1:
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            raise CellError("not an amount: the separators do not make sense")
        text = text.replace(".", "")  # 1.234.567: thousands
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above prevent it
        raise CellError("not an amount") from exc


def _signed_number(text: str) -> Decimal:
    """Parse text with a sign written as -x, x-, +x or (x), and currency marks around it."""
    negative = False
    text = squash(text)
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = squash(_CURRENCY_RE.sub(" ", text))
    if text[:1] in {"-", "−", "–"}:
        negative, text = True, text[1:]
    elif text[:1] == "+":
        text = text[1:]
    elif text[-1:] in {"-", "−"}:
        negative, text = True, text[:-1]
    text = _GROUP_SEP.sub("", text.strip())
    number = _to_decimal(text)
    return -number if negative else number


def _decimal_cell(value: CellValue, what: str) -> Decimal | None:
    """A number cell or number text as a Decimal; None when blank. `what` names the kind
    of value in the error ("an amount", "a number")."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"a tick box, not {what}")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise CellError(f"not {what}")
        return Decimal(repr(value))
    if isinstance(value, dt.date):
        raise CellError(f"a date, not {what}")
    if is_blank(value):
        return None
    try:
        return _signed_number(value)
    except CellError as exc:
        raise CellError(str(exc).replace("an amount", what)) from exc


def parse_money(value: CellValue) -> float | None:
    """Money from a number or from text such as "£1,234.50", "1.234,50 €", "(12.00)", "12-"."""
    if type(value) is float or type(value) is int:  # the common case, kept fast
        cents = round(value, 2)
        if cents == value and math.isfinite(cents):
            return float(cents)
    number = _decimal_cell(value, "an amount")
    return None if number is None else float(number.quantize(_CENT, ROUND_HALF_UP))


def parse_number(value: CellValue) -> float | None:
    """A plain number (counts, hours): same separators as money, no rounding to cents."""
    if type(value) is float and math.isfinite(value):
        return value  # what the Decimal round trip below gives (repr is exact)
    number = _decimal_cell(value, "a number")
    return None if number is None else float(number)


def parse_percent(value: CellValue) -> float | None:
    """A margin as a fraction: "40%", 0.4 and 40 all give 0.4."""
    if isinstance(value, str) and value.strip().endswith("%"):
        number = parse_number(value.strip()[:-1])
        return None if number is None else number / 100
    number = parse_number(value)
    if number is None:
        return None
    return number / 100 if abs(number) > 1 else number


_HOURS_RE = re.compile(
    r"^(?:(?P<h>[\d.,]+)\s*(?:h|hr|hrs|hour|hours)\b)?\s*"
    r"(?:(?P<m>[\d.,]+)\s*(?:m|min|mins|minute|minutes))?$"
)


def parse_hours(value: CellValue) -> float | None:
    """Hours of support: 1.5, "1.5 h", "2 hours", "90 min", "1h 30m", "1:30"."""
    if not isinstance(value, str) or is_blank(value):
        return parse_number(value)
    text = squash(value).casefold()
    clock = re.fullmatch(r"(\d+):([0-5]\d)", text)
    if clock:
        return int(clock.group(1)) + int(clock.group(2)) / 60
    match = _HOURS_RE.match(text)
    if match and (match.group("h") or match.group("m")):
        hours = parse_number(match.group("h")) or 0.0
        minutes = parse_number(match.group("m")) or 0.0
        return hours + minutes / 60
    try:
        return parse_number(text)
    except CellError as exc:
        raise CellError("not a number of hours") from exc


# --------------------------------------------------------------------------- yes / no

TRUE_WORDS = frozenset({
    "yes", "y", "true", "t", "x", "✓", "✔", "☑", "1", "on", "done", "ja", "oui", "si",
    "unsubscribed", "unsubscribe", "opted out", "opt out", "opted-out", "optout", "cleaned",
    "do not contact", "do not email", "dnc", "stop", "blocked", "bounced",
})
FALSE_WORDS = frozenset({
    "no", "n", "false", "f", "0", "off", "nope", "ok", "subscribed", "opted in", "opt in",
    "opted-in", "non-subscribed", "never subscribed", "not subscribed", "pending",
    "transactional", "active", "nein", "non",
})


def parse_flag(value: CellValue) -> bool | None:
    """Yes/no from a tick box, 1/0, or words; None when blank; CellError when unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError("not yes or no")
    if isinstance(value, dt.date):
        return True  # a date in an "Unsubscribed" column: they did
    text = squash(value).casefold().rstrip(".!")
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS or text in BLANK_WORDS:
        return None if text in BLANK_WORDS else False
    raise CellError("not yes or no")


# --------------------------------------------------------------------------- text, ids, names


def clean_text(value: CellValue) -> str:
    """Any cell as trimmed text: whole numbers lose ".0", dates become ISO dates."""
    if type(value) is str:  # the common case first
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return squash(value)


def clean_id(value: CellValue) -> str:
    """An id as text: "'00123" loses the apostrophe Excel users type, "00123" stays text."""
    return clean_text(value).lstrip("'’‘`").strip()


def clean_name(value: CellValue) -> str:
    """Trimmed name; "SMITH, John" (surname in capitals first) becomes "John Smith"."""
    name = clean_id(value)
    if name.casefold() in BLANK_WORDS:
        return ""
    if "," not in name:
        return name
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 2 and all(parts) and parts[0].isupper() and not parts[1].isupper():
        return f"{parts[1]} {parts[0].title()}"
    return name


def join_name(first: str, last: str) -> str:
    return squash(f"{first} {last}")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text for comparing names: case-folded, accents removed, spaces collapsed."""
    if text.isascii():  # nothing to decompose, no accents: the same, for less
        return squash(text.casefold())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return squash(plain)


_EMAIL_RE = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}")
_ANGLE_RE = re.compile(r"<([^<>]+@[^<>]+)>")
_EMAIL_SPLIT = re.compile(r"\s*(?::::|;|,|\s)\s*")


# An address already as `clean_email` gives it back (lower case, nothing around it): the
# usual cell, decided by one match. (Every text it matches passes every step below as is.)
_CLEAN_EMAIL_RE = re.compile(
    r"[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}")


def clean_email(value: CellValue) -> tuple[str, bool]:
    """(email, looks valid). "Jo <JO@X.COM>" and "mailto:" forms give "jo@x.com"; when
    a cell holds several addresses the first is used. Malformed text is kept as typed."""
    if type(value) is str and _CLEAN_EMAIL_RE.fullmatch(value):
        return value, True
    text = clean_id(value)
    if text.casefold() in BLANK_WORDS:
        return "", True
    angle = _ANGLE_RE.search(text)
    if angle:
        text = angle.group(1).strip()
    if text.casefold().startswith("mailto:"):
        text = text[7:].strip()
    first = _EMAIL_SPLIT.split(text, 1)[0]
    if _EMAIL_RE.fullmatch(first) and ".." not in first:
        return first.casefold(), True
    return text, False


def looks_like_email(text: str) -> bool:
    return bool(_EMAIL_RE.fullmatch(text.strip()))
