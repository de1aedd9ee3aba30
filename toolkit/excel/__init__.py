"""The Excel adapter: fast reading, surgical write-back. Only this package imports
openpyxl, python-calamine and xlsxwriter."""
