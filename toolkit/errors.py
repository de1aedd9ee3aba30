"""The package's exceptions: one base class, one subclass per kind of failure.

Every message says where (file, tab, row, column), what went wrong, and the next step,
because the person reading it is a shop owner, not a programmer.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error the toolkit raises on purpose. The CLI prints it and exits 1."""


class SourceError(ToolkitError):
    """The spreadsheet cannot be opened or read (not a workbook, encrypted, missing...)."""


class MissingColumnsError(SourceError):
    """No tab has the columns the run needs; the message lists what was found."""


class WriteRefusedError(ToolkitError):
    """The toolkit will not write, to protect the owner's data (nothing was changed)."""


class TabConflictError(WriteRefusedError):
    """A tab the toolkit wants to write exists and belongs to the owner."""


class WorkbookBusyError(ToolkitError):
    """The workbook is open in Excel/LibreOffice or locked by another run."""


class ConfigError(ToolkitError):
    """toolkit.toml (or a command-line value) is wrong; the message names the key."""


class TemplateError(ToolkitError):
    """A draft template cannot be used; the message names the file and line."""


class SheetsError(ToolkitError):
    """Google Sheets refused or failed (sharing, not found, API disabled, quota...)."""


class CredentialsError(SheetsError):
    """The service-account key file is missing or malformed."""


def tab_conflict(label: str, owner_tabs: list[str]) -> TabConflictError:
    """The one message for "your tab has a name the toolkit needs" (every backend)."""
    listed = ", ".join(f"'{name}'" for name in owner_tabs)
    return TabConflictError(
        f"{label}: your tab {listed} has the name of one of the toolkit's own tabs, and I "
        "never write over your tabs, so nothing was changed. Rename your tab (for example "
        f"to '{owner_tabs[0]} (mine)') and run again; once you rename it, the toolkit makes "
        "its own."
    )
