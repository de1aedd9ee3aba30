"""A stateful fake of the Google Sheets API v4 (plus Google's OAuth token endpoint and
iamcredentials allowedLocations) on 127.0.0.1, for tests. Nothing here talks to Google.

    fake = FakeSheets()                                  # one per test session
    key = fake.new_key(tmp_path)                         # throwaway service-account key
    book = fake.create_spreadsheet({"Customers": [["Name"], ["Ada"]]})
    workbook = SheetsWorkbook(book, key, transport=fake.transport(), sleep=fake.advance)
    fake.values(book, "Best customers"); fake.cell(book, "Drafts", "B2").kind
"""

from .model import Cell, Formula, Sheet
from .seed import DEFAULT_EMAIL
from .server import FakeSheets, RedirectAdapter
from .service import Fault, Logged

__all__ = ["DEFAULT_EMAIL", "Cell", "FakeSheets", "Fault", "Formula", "Logged",
           "RedirectAdapter", "Sheet"]
