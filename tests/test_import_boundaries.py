"""The core stays pure: only the adapters import spreadsheet/Google libraries, only the
CLI imports click, prints or exits."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit"
EDGE_LIBS = {"openpyxl", "python_calamine", "gspread", "google", "xlsxwriter", "requests"}
ADAPTER_DIRS = {"excel": {"openpyxl", "python_calamine", "xlsxwriter"},
                "sheets": {"gspread", "google", "requests"}}
CLI_MODULES = {"cli.py", "__main__.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_only_adapters_import_spreadsheet_and_google_libraries() -> None:
    offenders = []
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        allowed = ADAPTER_DIRS.get(rel.parts[0], set()) if len(rel.parts) > 1 else set()
        bad = (_imports(path) & EDGE_LIBS) - allowed
        if bad:
            offenders.append(f"{rel}: {sorted(bad)}")
    assert offenders == []


def test_only_the_cli_imports_click_prints_or_exits() -> None:
    offenders = []
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) == 1 and (rel.name in CLI_MODULES or rel.name.startswith("cli_")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if "click" in _imports(path):
            offenders.append(f"{rel}: imports click")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"print", "exit", "quit"}):
                offenders.append(f"{rel}:{node.lineno}: {node.func.id}()")
            if (isinstance(node, ast.Attribute) and node.attr == "exit"
                    and isinstance(node.value, ast.Name) and node.value.id in {"sys", "os"}):
                offenders.append(f"{rel}:{node.lineno}: {node.value.id}.exit")
    assert offenders == []


def test_the_test_itself_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "core.py"
    bad.write_text("import openpyxl\nfrom gspread import Client\n", encoding="utf-8")
    assert _imports(bad) & EDGE_LIBS == {"openpyxl", "gspread"}
