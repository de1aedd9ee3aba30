"""What `pip install .` ships: every package of the source tree and the templates."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_toolkit_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts)
               for init in (ROOT / "toolkit").rglob("__init__.py")}
    assert on_disk - listed == set()
    assert "toolkit._templates" in listed
    assert config["tool"]["setuptools"]["package-dir"]["toolkit._templates"] == "templates"


def test_every_default_template_ships() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["toolkit._templates"]
    templates = sorted(p.name for p in (ROOT / "templates").glob("*.txt"))
    assert "*.txt" in patterns and "*.md" in patterns
    assert len(templates) == 7
