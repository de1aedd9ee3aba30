"""customer-toolkit: know your best customers, from the spreadsheet you already keep."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("customer-toolkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
