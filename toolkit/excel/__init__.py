"""Excel adapter: the only package that imports openpyxl, python-calamine or xlsxwriter."""
