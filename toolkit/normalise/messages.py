"""Owner-level messages for a workbook the toolkit cannot use, and for a bad `[columns]`
or `date_order` setting: where, what, and the next step."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence

from toolkit.errors import ConfigError
from toolkit.model import CellValue, RawTable
from toolkit.normalise.aliases import FIELDS
from toolkit.normalise.dates import parse_date
from toolkit.normalise.parse import CellError, looks_like_email, parse_money
from toolkit.normalise.tables import IgnoredTab

NEEDED = ("name", "email", "date", "amount")


def config_columns(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Check `[columns]` from toolkit.toml; returns {field: header as typed}."""
    result: dict[str, str] = {}
    allowed = ", ".join(FIELDS)
    for raw_key, header in (columns or {}).items():
        key = str(raw_key).strip().casefold().replace(" ", "_").replace("-", "_")
        if key not in FIELDS:
            raise ConfigError(
                f'toolkit.toml, [columns]: "{raw_key}" is not a field the toolkit knows. '
                f"Use one of: {allowed}. Each line names a field and the header of your "
                'column that holds it, for example: email = "Contact mail"'
            )
        if not isinstance(header, str) or not header.strip():
            raise ConfigError(
                f'toolkit.toml, [columns]: {raw_key} must be the header of one of your columns, '
                f'in quotes, for example: {key} = "Contact mail"'
            )
        result[key] = header.strip()
    return result


def config_date_order(date_order: str | None) -> None:
    if date_order not in (None, "dmy", "mdy"):
        raise ConfigError(
            f'toolkit.toml: date_order is "{date_order}"; it must be "dmy" (day/month/year, '
            'as 31/12/2025) or "mdy" (month/day/year, as 12/31/2025). Fix it or remove it.'
        )


def empty_workbook(label: str) -> str:
    return (
        f"{label} has no data the toolkit can read: every tab is empty. Next step: add a tab "
        "with a header row (for example Name, Email, Last purchase, Total spent) and one row "
        "per customer, or paste an export from your shop, till or mailing list."
    )


def _guess(values: Sequence[CellValue]) -> str | None:
    """Which needed field a column's sample values look like, if any."""
    filled = [v for v in values if v not in (None, "")]
    if not filled:
        return None

    def share(test: Callable[[CellValue], object]) -> float:
        ok = 0
        for value in filled:
            with contextlib.suppress(CellError):
                ok += bool(test(value))
        return ok / len(filled)

    if share(lambda v: isinstance(v, str) and looks_like_email(v)) > 0.6:
        return "email"
    if share(lambda v: not isinstance(v, int | float) and parse_date(v) is not None) > 0.6:
        return "date"
    if share(lambda v: parse_money(v) is not None) > 0.6:
        return "amount"
    if share(lambda v: isinstance(v, str) and any(c.isalpha() for c in v) and "@" not in v) > 0.8:
        return "name"
    return None


def suggestions(table: RawTable, ignored: IgnoredTab) -> dict[str, str]:
    """{field: header} guessed from the data under an unusable tab's headers."""
    if ignored.header_row is None:
        return {}
    header_row = table.rows[ignored.header_row]
    sample = table.rows[ignored.header_row + 1: ignored.header_row + 21]
    found: dict[str, str] = {field: header for header, field in ignored.recognised
                             if field in NEEDED}
    recognised = {header for header, _ in ignored.recognised}
    for column, header in enumerate(header_row):
        if not isinstance(header, str) or not header.strip() or header in recognised:
            continue
        field = _guess([row[column] if column < len(row) else None for row in sample])
        if field and field not in found:
            found[field] = header.strip()
    return found


def missing_columns(label: str, ignored: Sequence[IgnoredTab],
                    tables: Mapping[str, RawTable]) -> str:
    lines = [
        f"No tab in {label} has the columns the toolkit needs: a column for the customer "
        "(a name, an email or a customer id) and, for a list of orders, an order date and "
        "an amount.",
    ]
    example: dict[str, str] = {}
    for tab in ignored:
        if not tab.headers:
            lines.append(f'- Tab "{tab.tab}": {tab.reason}.')
            continue
        shown = " | ".join(tab.headers[:20]) + (" | ..." if len(tab.headers) > 20 else "")
        known = ", ".join(f'"{h}" = {f}' for h, f in tab.recognised) or "none"
        lines.append(f'- Tab "{tab.tab}" (headers in row {(tab.header_row or 0) + 1}): {shown}. '
                     f"Recognised: {known}. Not used because {tab.reason}.")
        if tab.tab in tables:
            for field, header in suggestions(tables[tab.tab], tab).items():
                example.setdefault(field, header)
    lines.append("Next step: tell the toolkit which of your headers holds what, in a "
                 "[columns] section of toolkit.toml, for example:")
    lines.append("[columns]")
    for field in NEEDED:
        lines.append(f'{field} = "{example.get(field, _placeholder(field))}"')
    lines.append("Change the text in quotes to your own headers. Fields you can map: "
                 + ", ".join(FIELDS) + ".")
    return "\n".join(lines)


def _placeholder(field: str) -> str:
    return {"name": "Client", "email": "Contact mail", "date": "Visit date",
            "amount": "Paid"}[field]
