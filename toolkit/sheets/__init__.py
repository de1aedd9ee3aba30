"""Google Sheets adapter: the only package that imports gspread, google-auth and requests.

Entry point: toolkit.sheets.workbook.SheetsWorkbook.
"""
