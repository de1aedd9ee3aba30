"""A1 notation as the Sheets API reads and writes it (only what the fake needs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ApiError

_CELLS = re.compile(r"^([A-Za-z]{0,3})(\d*)(?::([A-Za-z]{0,3})(\d*))?$")
_PLAIN_TITLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CELL_LIKE = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d+[Cc]\d+)$")


def column_index(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - ord("A") + 1)
    return number - 1


def column_letters(index: int) -> str:
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def title_in_reply(title: str) -> str:
    """Google leaves simple names bare ("Sheet1") and quotes the rest."""
    if _PLAIN_TITLE.match(title) and not _CELL_LIKE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


@dataclass(frozen=True)
class A1:
    """A parsed range: sheet title (None = first sheet) and 0-based bounds, the end
    exclusive; None where the range is open (whole rows or columns)."""

    title: str | None
    row0: int | None = None
    row1: int | None = None
    col0: int | None = None
    col1: int | None = None
    single_cell: bool = False


def _split_title(text: str) -> tuple[str | None, str]:
    if text.startswith("'"):
        index, title = 1, ""
        while index < len(text):
            char = text[index]
            if char == "'":
                if text[index + 1:index + 2] == "'":
                    title += "'"
                    index += 2
                    continue
                rest = text[index + 1:]
                if rest and not rest.startswith("!"):
                    raise ApiError.bad_range(text)
                return title, rest[1:]
            title += char
            index += 1
        raise ApiError.bad_range(text)
    if "!" in text:
        title, _, cells = text.rpartition("!")
        return title, cells
    if _CELLS.match(text) and _CELL_LIKE.match(text.split(":")[0]):
        return None, text
    return text, ""


def parse(text: str) -> A1:
    title, cells = _split_title(text.strip())
    if not cells:
        return A1(title)
    match = _CELLS.match(cells)
    if not match:
        raise ApiError.bad_range(text)
    c0, r0, c1, r1 = match.groups()
    if match.group(0).find(":") < 0:  # one cell, e.g. A1
        if not (c0 and r0):
            raise ApiError.bad_range(text)
        row, col = int(r0) - 1, column_index(c0)
        return A1(title, row, row + 1, col, col + 1, single_cell=True)
    return A1(
        title,
        row0=int(r0) - 1 if r0 else (0 if c0 else None),
        row1=int(r1) if r1 else None,
        col0=column_index(c0) if c0 else (0 if r0 else None),
        col1=column_index(c1) + 1 if c1 else None,
    )


def reply_range(title: str, row0: int, row1: int, col0: int, col1: int) -> str:
    start = f"{column_letters(col0)}{row0 + 1}"
    end = f"{column_letters(col1 - 1)}{row1}"
    cells = start if (row1 - row0, col1 - col0) == (1, 1) else f"{start}:{end}"
    return f"{title_in_reply(title)}!{cells}"
